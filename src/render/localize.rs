//! A theme's templates made for one market: each print of a message without
//! arguments, `{{ t(id="…") }}`, becomes the message's text in the template.
//!
//! Pages then print that text as they print the markup around it. A call costs
//! Tera a map of its arguments, a lookup and an escape, and a theme makes tens
//! of thousands of such calls in a build of a thousand explainers (a tenth of
//! the build's instructions).
//!
//! The template prints what the call would have printed: the text is escaped as
//! Tera escapes a call's value in that template. A print stays a call wherever
//! that could not be promised: a print with whitespace control, a message that
//! is empty or starts or ends with white space (a neighbouring tag's whitespace
//! control would trim it once it is text), one holding `{` (it could open a
//! tag), and one that does not format without arguments (the call reports it).

use memchr::memmem;

/// Where the text of a localized template moved: for each print replaced, its
/// end in the localized source and in the original one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shifts(Vec<(usize, usize)>);

impl Shifts {
    /// The offset in the original template of `offset` in the localized one, for
    /// errors to point at what the theme's author wrote.
    pub fn original(&self, offset: usize) -> usize {
        let before = self.0.partition_point(|&(new_end, _)| new_end <= offset);
        match before.checked_sub(1).map(|i| self.0[i]) {
            Some((new_end, old_end)) => old_end + (offset - new_end),
            None => offset,
        }
    }
}

/// `source` with each print of a message that `text_of` knows replaced by its
/// text (HTML-escaped when `escape`), or `None` when nothing was replaced or the
/// template could not be read to the end (Tera will report why).
pub fn localize<'a>(
    source: &str,
    escape: bool,
    text_of: impl Fn(&str) -> Option<&'a str>,
) -> Option<(String, Shifts)> {
    let mut out = String::with_capacity(source.len());
    let mut shifts = Vec::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'{', &source.as_bytes()[at..]) {
        let start = at + found;
        at = match source.as_bytes().get(start + 1) {
            Some(b'#') => start + 2 + memmem::find(&source.as_bytes()[start + 2..], b"#}")? + 2,
            Some(b'%') => {
                let end = tag_end(source, start + 2, "%}")?;
                if is_tag(&source[start + 2..end - 2], "raw") {
                    raw_end(source, end)?
                } else {
                    end
                }
            }
            Some(b'{') => {
                let end = tag_end(source, start + 2, "}}")?;
                let text = message_print(&source[start + 2..end - 2])
                    .and_then(&text_of)
                    .filter(|text| stays_text(text));
                if let Some(text) = text {
                    out.push_str(&source[copied..start]);
                    if escape {
                        pulldown_cmark_escape::escape_html(&mut out, text).ok()?;
                    } else {
                        out.push_str(text);
                    }
                    copied = end;
                    shifts.push((out.len(), end));
                }
                end
            }
            _ => start + 1,
        };
    }
    if shifts.is_empty() {
        return None;
    }
    out.push_str(&source[copied..]);
    Some((out, Shifts(shifts)))
}

/// Whether `text`, put in a template, is printed as it is whatever surrounds it.
fn stays_text(text: &str) -> bool {
    let trimmed = text.trim();
    !trimmed.is_empty() && trimmed.len() == text.len() && !text.contains('{')
}

/// The end (after `close`) of the tag whose inside starts at `from`, passing over
/// quoted strings as Tera's lexer does.
fn tag_end(source: &str, from: usize, close: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while *bytes.get(i)? != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            _ if source[i..].starts_with(close) => return Some(i + close.len()),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether the inside of a `{% … %}` tag is the bare tag `name`.
fn is_tag(inside: &str, name: &str) -> bool {
    let inside = inside.strip_prefix('-').unwrap_or(inside);
    let inside = inside.strip_suffix('-').unwrap_or(inside);
    inside.trim_ascii() == name
}

/// The end of the `{% endraw %}` that closes a raw block whose body starts at
/// `from`.
fn raw_end(source: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let start = at + memmem::find(&source.as_bytes()[at..], b"{%")?;
        let end = tag_end(source, start + 2, "%}")?;
        if is_tag(&source[start + 2..end - 2], "endraw") {
            return Some(end);
        }
        at = start + 2;
    }
}

/// The message id of a print that is only `t(id="…")`, with no whitespace
/// control and no other argument.
fn message_print(inside: &str) -> Option<&str> {
    if inside.starts_with('-') || inside.ends_with('-') {
        return None;
    }
    let rest = inside.trim_ascii().strip_prefix('t')?.trim_ascii_start();
    let rest = rest.strip_prefix('(')?.trim_ascii_start();
    let rest = rest.strip_prefix("id")?.trim_ascii_start();
    let rest = rest.strip_prefix('=')?.trim_ascii_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let (id, rest) = rest[1..].split_once(quote)?;
    let rest = rest.trim_ascii_start().strip_prefix(')')?;
    (rest.trim_ascii().is_empty() && !id.contains('\\')).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(id: &str) -> Option<&'static str> {
        match id {
            "home" => Some("Home"),
            "risky" => Some("Q&A <now>"),
            "padded" => Some(" Home "),
            "braces" => Some("{{ secret }}"),
            "empty" => Some(""),
            _ => None,
        }
    }

    fn localized(source: &str) -> Option<String> {
        localize(source, true, texts).map(|(s, _)| s)
    }

    #[test]
    fn replaces_prints_of_messages_without_arguments() {
        let source = r#"<a>{{ t(id="home") }}</a><b>{{t( id = 'home' )}}</b>"#;
        assert_eq!(localized(source).unwrap(), "<a>Home</a><b>Home</b>");
    }

    #[test]
    fn escapes_the_text_where_the_template_escapes() {
        let source = r#"<p title="{{ t(id="risky") }}">"#;
        assert_eq!(
            localized(source).unwrap(),
            r#"<p title="Q&amp;A &lt;now&gt;">"#
        );
        let (plain, _) = localize(source, false, texts).unwrap();
        assert_eq!(plain, r#"<p title="Q&A <now>">"#);
    }

    #[test]
    fn leaves_calls_it_cannot_replace_exactly() {
        for source in [
            r#"{{ t(id="home", n=2) }}"#,
            r#"{{- t(id="home") }}"#,
            r#"{{ t(id="home") -}}"#,
            r#"{{ t(id="home") | upper }}"#,
            r#"{{ at(id="home") }}"#,
            r#"{{ t(id="unknown") }}"#,
            r#"{{ t(id="padded") }}"#,
            r#"{{ t(id="braces") }}"#,
            r#"{{ t(id="empty") }}"#,
            r#"{{ t(id="ho\"me") }}"#,
            r#"{% set x = t(id="home") %}{{ x }}"#,
            r#"{# {{ t(id="home") }} #}"#,
            r#"{% raw %}{{ t(id="home") }}{% endraw %}"#,
            r#"{%- raw -%} {{ t(id="home") }} {%- endraw %}"#,
            r#"{{ "}}{{ t(id=\"home\") }}" }}"#,
        ] {
            assert_eq!(localized(source), None, "{source}");
        }
    }

    #[test]
    fn goes_on_after_raw_blocks_comments_and_tags() {
        let source = concat!(
            r#"{% raw %}{{ t(id="home") }}{% endraw %}{# {{ #}"#,
            r#"{% if a == "%}" %}{{ t(id="home") }}{% endif %}"#
        );
        assert_eq!(
            localized(source).unwrap(),
            r#"{% raw %}{{ t(id="home") }}{% endraw %}{# {{ #}{% if a == "%}" %}Home{% endif %}"#
        );
    }

    #[test]
    fn gives_up_on_a_template_it_cannot_read_to_the_end() {
        assert_eq!(localized(r#"{{ t(id="home") }}{{ "open"#), None);
        assert_eq!(localized(r#"{{ t(id="home") }}{% raw %}"#), None);
    }

    /// `source` rendered by Tera as a theme's template is, with a `t()` that
    /// prints the messages of `texts`.
    fn render(name: &str, source: &str) -> Result<String, String> {
        let mut tera = tera::Tera::new();
        tera.set_escape_fn(super::super::escape_into);
        tera.register_function(
            "t",
            |args: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let id: &str = args.must_get("id")?;
                Ok(texts(id).unwrap_or("?").to_string())
            },
        );
        tera.add_raw_template(name, source)
            .map_err(|e| e.to_string())?;
        let mut cx = tera::Context::new();
        cx.insert("yes", &true);
        tera.render(name, &cx).map_err(|e| e.to_string())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Whatever surrounds the prints, with or without whitespace control,
        /// the localized template prints what the theme's own does.
        #[test]
        fn a_localized_template_renders_as_the_original(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "{{ t(id=\"home\") }}", "{{ t(id='risky') }}", "{{ t(id=\"padded\") }}",
                "{{ t(id=\"braces\") }}", "{{ t(id=\"empty\") }}", "{{- t(id=\"home\") -}}",
                " ", "\n", "  \n ", "x", "{", "%", "#", "&",
                "{% if yes %}", "{% if yes -%}", "{%- if yes %}", "{% endif %}", "{%- endif -%}",
                "{# note #}", "{#- note -#}", "{% raw %}{{ t(id=\"home\") }}{% endraw %}",
            ]), 0..12),
            escape in proptest::bool::ANY,
        ) {
            let source: String = parts.concat();
            let name = if escape { "page.html" } else { "page.txt" };
            let Ok(original) = render(name, &source) else {
                // Not a template Tera reads (an `if` left open, say).
                return Ok(());
            };
            let localized = localize(&source, escape, texts)
                .map_or_else(|| source.clone(), |(s, _)| s);
            proptest::prop_assert_eq!(render(name, &localized), Ok(original), "{}", source);
        }
    }

    #[test]
    fn maps_offsets_back_to_the_original_template() {
        let source = "ab{{ t(id=\"home\") }}cd{{ t(id=\"home\") }}ef";
        let (out, shifts) = localize(source, true, texts).unwrap();
        assert_eq!(out, "abHomecdHomeef");
        for (new, old) in [(0, 0), (1, 1), (6, 20), (7, 21), (12, 40), (13, 41)] {
            assert_eq!(&out[new..new + 1], &source[old..old + 1]);
            assert_eq!(shifts.original(new), old);
        }
    }
}
