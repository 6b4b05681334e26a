//! Fluent targets back into a locale's `.ftl` file. Only the entries whose
//! text changes are rewritten (by Fluent's serializer), in place: comments,
//! order and every other entry stay as they were. A unit is a message's or
//! term's value (`id`, `-term`), an attribute (`id.attr`), or a variant of a
//! select at the top of the pattern (`id:key`); a new message gets its value
//! appended to the file. Variants of a message the locale does not have, or
//! whose translation has no such select, are refused: they are written by
//! hand, where the select's shape is the translator's choice.

use fluent_syntax::ast;
use fluent_syntax::parser::parse;
use fluent_syntax::serializer::serialize;
use std::collections::BTreeMap;

type Resource = ast::Resource<String>;

/// The new text of an `.ftl` file with `targets` (unit id -> Fluent pattern
/// text) written in, or the units that cannot be, with why.
pub fn write_messages(
    text: &str,
    targets: &BTreeMap<String, String>,
) -> Result<String, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let resource: Resource = match parse(text.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut edits: BTreeMap<usize, (usize, String)> = BTreeMap::new();
    let mut appended = String::new();
    for (unit, target) in targets {
        let pattern = match pattern_of(target) {
            Ok(p) => p,
            Err(why) => {
                errors.push((unit.clone(), why));
                continue;
            }
        };
        let (entry_id, rest) = split_unit(unit);
        match find(&resource, entry_id) {
            Some(entry) => {
                let mut entry = entry.clone();
                if let Err(why) = set_pattern(&mut entry, rest, pattern) {
                    errors.push((unit.clone(), why));
                    continue;
                }
                let Some(range) = entry_range(text, entry_id) else {
                    errors.push((unit.clone(), "its entry cannot be found in the file".into()));
                    continue;
                };
                // Several units of one entry: apply them to the entry already edited.
                let entry = match edits.get(&range.0) {
                    Some((_, done)) => match reapply(done, entry_id, rest, target) {
                        Ok(t) => t,
                        Err(why) => {
                            errors.push((unit.clone(), why));
                            continue;
                        }
                    },
                    None => serialize_entry(entry),
                };
                edits.insert(range.0, (range.1, entry));
            }
            None if rest.is_empty() => {
                let entry = new_entry(entry_id, pattern);
                appended.push_str(&serialize_entry(entry));
            }
            None => errors.push((
                unit.clone(),
                format!("the locale has no `{entry_id}`: write its variants in the .ftl file"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = text.to_string();
    for (start, (end, new)) in edits.iter().rev() {
        out.replace_range(*start..*end, new);
    }
    if !appended.is_empty() {
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
        out.push_str(&appended);
    }
    Ok(out)
}

/// `id.attr:key` -> (`id`, `.attr:key`).
fn split_unit(unit: &str) -> (&str, &str) {
    let at = unit.find(['.', ':']).unwrap_or(unit.len());
    unit.split_at(at)
}

fn find<'r>(resource: &'r Resource, id: &str) -> Option<&'r ast::Entry<String>> {
    resource.body.iter().find(|e| match e {
        ast::Entry::Message(m) => m.id.name == id,
        ast::Entry::Term(t) => format!("-{}", t.id.name) == id,
        _ => false,
    })
}

/// A target as a Fluent pattern.
fn pattern_of(target: &str) -> Result<ast::Pattern<String>, String> {
    let source = format!("x = {}\n", target.replace('\n', "\n    "));
    let resource = parse(source).map_err(|(_, e)| {
        format!(
            "the target is not a Fluent pattern: {}",
            e.first()
                .map(|e| format!("{:?}", e.kind))
                .unwrap_or_default()
        )
    })?;
    match resource.body.into_iter().next() {
        Some(ast::Entry::Message(ast::Message { value: Some(p), .. })) => Ok(p),
        _ => Err("the target is not a Fluent pattern".into()),
    }
}

/// Put `pattern` where `rest` (`""`, `.attr`, `:key`, `.attr:key`) says.
fn set_pattern(
    entry: &mut ast::Entry<String>,
    rest: &str,
    pattern: ast::Pattern<String>,
) -> Result<(), String> {
    let (attr, keys) = match rest.strip_prefix('.') {
        Some(r) => match r.split_once(':') {
            Some((a, k)) => (Some(a), k),
            None => (Some(r), ""),
        },
        None => (None, rest.strip_prefix(':').unwrap_or("")),
    };
    let (value, attributes) = match entry {
        ast::Entry::Message(m) => (m.value.as_mut(), &mut m.attributes),
        ast::Entry::Term(t) => (Some(&mut t.value), &mut t.attributes),
        _ => return Err("not a message".into()),
    };
    let slot = match attr {
        Some(a) => match attributes.iter_mut().find(|x| x.id.name == a) {
            Some(x) => &mut x.value,
            None if keys.is_empty() => {
                attributes.push(ast::Attribute {
                    id: ast::Identifier {
                        name: a.to_string(),
                    },
                    value: pattern,
                });
                return Ok(());
            }
            None => return Err(format!("the translation has no attribute `{a}`")),
        },
        None => value.ok_or("the translation has no value")?,
    };
    let mut slot = slot;
    for key in keys.split(':').filter(|k| !k.is_empty()) {
        slot = variant(slot, key).ok_or_else(|| {
            format!("the translation has no select with a variant `{key}` here: edit the .ftl file")
        })?;
    }
    *slot = pattern;
    Ok(())
}

/// The pattern of variant `key` of the select that is the whole of `pattern`.
fn variant<'p>(
    pattern: &'p mut ast::Pattern<String>,
    key: &str,
) -> Option<&'p mut ast::Pattern<String>> {
    let select = pattern.elements.iter_mut().find_map(|e| match e {
        ast::PatternElement::Placeable {
            expression: ast::Expression::Select { variants, .. },
        } => Some(variants),
        _ => None,
    })?;
    select
        .iter_mut()
        .find(|v| match &v.key {
            ast::VariantKey::Identifier { name } => name == key,
            ast::VariantKey::NumberLiteral { value } => value == key,
        })
        .map(|v| &mut v.value)
}

/// Apply one more unit to an entry already rewritten.
fn reapply(done: &str, id: &str, rest: &str, target: &str) -> Result<String, String> {
    let resource: Resource = parse(done.to_string()).map_err(|_| "cannot read it again")?;
    let mut entry = find(&resource, id).ok_or("cannot read it again")?.clone();
    set_pattern(&mut entry, rest, pattern_of(target)?)?;
    Ok(serialize_entry(entry))
}

fn new_entry(id: &str, pattern: ast::Pattern<String>) -> ast::Entry<String> {
    match id.strip_prefix('-') {
        Some(name) => ast::Entry::Term(ast::Term {
            id: ast::Identifier {
                name: name.to_string(),
            },
            value: pattern,
            attributes: Vec::new(),
            comment: None,
        }),
        None => ast::Entry::Message(ast::Message {
            id: ast::Identifier {
                name: id.to_string(),
            },
            value: Some(pattern),
            attributes: Vec::new(),
            comment: None,
        }),
    }
}

/// An entry as Fluent writes it, without its comment (which stays in place).
fn serialize_entry(mut entry: ast::Entry<String>) -> String {
    match &mut entry {
        ast::Entry::Message(m) => m.comment = None,
        ast::Entry::Term(t) => t.comment = None,
        _ => {}
    }
    serialize(&ast::Resource { body: vec![entry] })
}

/// The byte range of entry `id` in `text`: its first line (`id =`) to the end
/// of its last line, before the next line that starts another entry or a
/// comment; blank lines after it are not its own.
fn entry_range(text: &str, id: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    let mut start = None;
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let starts_entry =
            line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '#');
        match start {
            None if starts_entry && line.split_once('=').is_some_and(|(k, _)| k.trim() == id) => {
                start = Some(at);
                end = at + line.len();
            }
            Some(_) if starts_entry => break,
            Some(_) if !line.trim().is_empty() => end = at + line.len(),
            _ => {}
        }
        at += line.len();
    }
    start.map(|s| (s, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FTL: &str = "# The brand.\n-brand = Marque\n\n# Closing.\nclosing = { $framing ->\n    [regulatory] Loi pour { $market }\n   *[other] Autre\n}\n\nhello = Bonjour\n    .title = Salut\n";

    fn targets(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_the_changed_entries_are_rewritten() {
        let out = write_messages(
            FTL,
            &targets(&[
                ("closing:regulatory", "Droit pour { $market }"),
                ("hello.title", "Coucou"),
            ]),
        )
        .unwrap();
        // The changed entry in Fluent's own layout; its comment and the rest
        // of the file as they were.
        let closing = "closing =\n    { $framing ->\n        [regulatory] Droit pour { $market }\n       *[other] Autre\n    }\n";
        assert_eq!(
            out,
            format!(
                "# The brand.\n-brand = Marque\n\n# Closing.\n{closing}\nhello = Bonjour\n    .title = Coucou\n"
            )
        );
        // A new message is appended; nothing else moves.
        let out = write_messages(FTL, &targets(&[("bye", "Au revoir")])).unwrap();
        assert_eq!(out, format!("{FTL}\nbye = Au revoir\n"));
    }

    #[test]
    fn a_variant_without_its_select_is_refused() {
        let errs = write_messages("closing = Fin\n", &targets(&[("closing:regulatory", "X")]))
            .unwrap_err();
        assert_eq!(errs[0].0, "closing:regulatory");
        let errs = write_messages(FTL, &targets(&[("hello", "{ $")])).unwrap_err();
        assert!(errs[0].1.contains("not a Fluent pattern"), "{errs:?}");
    }
}
