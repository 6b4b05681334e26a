//! Fluent messages as segments: each message's and term's value and each of
//! its attributes. Placeables (`{ $var }`, `{ -term }`, `{ message }`,
//! functions) are standalone codes whose data is the placeable as Fluent
//! writes it. A select expression gives one segment per variant
//! (`<id>:<key>`, nested selects `<id>:<key>:<key>`); where text stands around
//! it, the select is a code in that text.

use super::inline::{CodeKind, Inline};
use crate::l10n::FtlFile;
use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use indexmap::IndexMap;
use std::collections::HashMap;

/// One translatable pattern of an `.ftl` file.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// `id`, `-term`, `id.attribute`, `id:variant-key`.
    pub id: String,
    pub content: Vec<Inline>,
    /// The comment above the entry, for the translator.
    pub comment: Option<String>,
}

/// The messages of a resource, in file order; comments are the file's.
pub fn messages(resource: &FluentResource, comments: &HashMap<String, String>) -> Vec<Message> {
    let mut out = Vec::new();
    for entry in resource.entries() {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let comment = comments.get(&id).cloned();
        if let Some(value) = value {
            pattern(&id, value, &comment, &mut out);
        }
        for a in attributes {
            pattern(&format!("{id}.{}", a.id.name), &a.value, &comment, &mut out);
        }
    }
    out
}

/// The messages of several files, by id in file order (the later file wins,
/// as in a bundle).
pub fn by_id<'r>(files: impl Iterator<Item = &'r FtlFile>) -> IndexMap<String, Message> {
    (files.flat_map(|f| messages(&f.resource, &f.comments())))
        .map(|m| (m.id.clone(), m))
        .collect()
}

fn pattern(id: &str, p: &ast::Pattern<&str>, comment: &Option<String>, out: &mut Vec<Message>) {
    let mut content: Vec<Inline> = Vec::new();
    let mut nested = Vec::new();
    for element in &p.elements {
        match element {
            ast::PatternElement::TextElement { value } => match content.last_mut() {
                Some(Inline::Text(t)) => t.push_str(value),
                _ => content.push(Inline::Text(value.to_string())),
            },
            ast::PatternElement::Placeable { expression } => {
                if let ast::Expression::Select { variants, .. } = expression {
                    for v in variants {
                        let key = match &v.key {
                            ast::VariantKey::Identifier { name } => name,
                            ast::VariantKey::NumberLiteral { value } => value,
                        };
                        pattern(&format!("{id}:{key}"), &v.value, comment, &mut nested);
                    }
                }
                content.push(Inline::Ph {
                    kind: CodeKind::Other,
                    data: placeable(expression),
                });
            }
        }
    }
    let has_text = content
        .iter()
        .any(|i| matches!(i, Inline::Text(t) if !t.trim().is_empty()));
    let only_select = p.elements.len() == 1 && !nested.is_empty();
    if has_text || !only_select {
        out.push(Message {
            id: id.to_string(),
            content,
            comment: comment.clone(),
        });
    }
    out.extend(nested);
}

/// A placeable as Fluent's serializer writes it (`{ $var }`); a select is
/// written as its selector only (`{ $framing -> … }`): its variants are
/// segments of their own.
fn placeable(expression: &ast::Expression<&str>) -> String {
    let expression = match expression {
        ast::Expression::Select { selector, .. } => {
            let selector = placeable(&ast::Expression::Inline(selector.clone()));
            let inner = selector
                .trim_start_matches('{')
                .trim_end_matches('}')
                .trim();
            return format!("{{ {inner} -> … }}");
        }
        e => e.clone(),
    };
    let resource = ast::Resource {
        body: vec![ast::Entry::Message(ast::Message {
            id: ast::Identifier { name: "x" },
            value: Some(ast::Pattern {
                elements: vec![ast::PatternElement::Placeable { expression }],
            }),
            attributes: Vec::new(),
            comment: None,
        })],
    };
    let text = fluent_syntax::serializer::serialize(&resource);
    text.trim_end()
        .strip_prefix("x = ")
        .unwrap_or(text.trim_end())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::inline::plain;

    fn parse(text: &str) -> Vec<Message> {
        let mut diags = crate::diagnostics::Diagnostics::new();
        let file = crate::diagnostics::SourceFile::new("locales/en-US/site.ftl", text);
        let f = crate::l10n::parse_ftl(file, "en-US", crate::l10n::Layer::Site, &mut diags);
        messages(&f.resource, &f.comments())
    }

    #[test]
    fn placeables_are_codes_and_selects_give_a_segment_per_variant() {
        let got = parse(
            "# The brand.\n-brand = Kestrel\nhello = Hi { $name }, from { -brand }!\n    .title = Greeting\nframed = { $framing ->\n    [regulatory] Law for { $market }\n   *[other] Data\n}\n",
        );
        let ids: Vec<&str> = got.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "-brand",
                "hello",
                "hello.title",
                "framed:regulatory",
                "framed:other"
            ]
        );
        assert_eq!(got[0].comment.as_deref(), Some("The brand."));
        assert_eq!(plain(&got[1].content), "Hi { $name }, from { -brand }!");
        assert!(matches!(&got[1].content[1], Inline::Ph { data, .. } if data == "{ $name }"));
        assert_eq!(plain(&got[3].content), "Law for { $market }");
    }

    #[test]
    fn text_around_a_select_keeps_the_select_as_a_code() {
        let got = parse("m = Hello { $n ->\n    [one] one\n   *[other] many\n} there\n");
        assert_eq!(got[0].id, "m");
        assert_eq!(plain(&got[0].content), "Hello { $n -> … } there");
        assert_eq!(got.len(), 3);
    }
}
