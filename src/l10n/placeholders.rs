//! `{{ t "message-id" }}` in Markdown: the one way an explainer inserts a
//! message, as text.

use super::Messages;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;

/// The most bytes that placeholders may insert into one page (256 KiB): a few
/// hundred messages a page is already more than any explainer needs, and a
/// page of placeholders that each insert a long message would otherwise grow a
/// thousand times its size.
pub const MAX_INSERTED_BYTES: usize = 256 * 1024;

/// Replace every `{{ t "id" }}` in `text` with the market's message, as long as
/// `budget` (bytes, taken from as messages are inserted) lasts. Problems are
/// given to `on_error` with their byte offset in `text`; the placeholder is then
/// left as it was.
pub fn expand_placeholders<'t>(
    text: &'t str,
    messages: &Messages,
    budget: &mut usize,
    mut on_error: impl FnMut(usize, Diagnostic),
) -> std::borrow::Cow<'t, str> {
    let find = |from: usize| memchr::memmem::find(&text.as_bytes()[from..], b"{{");
    if find(0).is_none() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut from = 0;
    while let Some(pos) = find(from) {
        let start = from + pos;
        match parse_placeholder(&text[start..]) {
            Placeholder::NotOurs => {
                from = start + 2;
            }
            Placeholder::Malformed => {
                on_error(
                    start,
                    Diagnostic::error(
                        Code::UnknownMessage,
                        "malformed message placeholder: write `{{ t \"message-id\" }}`",
                    ),
                );
                from = start + 2;
            }
            Placeholder::Message { id, len } => {
                out.push_str(&text[rest..start]);
                match messages.format(id, &[]) {
                    Ok(s) if s.len() <= *budget => {
                        *budget -= s.len();
                        out.push_str(&s);
                    }
                    Ok(_) => {
                        let d = Diagnostic::error(Code::ContentLimit,
                            format!(
                                "message placeholders insert more than {} KiB into this page; `{id}` is left out",
                                MAX_INSERTED_BYTES / 1024
                            ),
                        )
                        .help("insert long text as Markdown, not through messages");
                        on_error(start, d);
                        out.push_str(&text[start..start + len]);
                    }
                    Err(e) => {
                        on_error(start, Diagnostic::error(e.code(), e.to_string()));
                        out.push_str(&text[start..start + len]);
                    }
                }
                rest = start + len;
                from = rest;
            }
        }
    }
    out.push_str(&text[rest..]);
    out.into()
}

/// The ids of the `{{ t "id" }}` placeholders in `text`.
pub fn placeholder_ids(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("{{")
        .filter_map(move |(i, _)| match parse_placeholder(&text[i..]) {
            Placeholder::Message { id, .. } => Some(id),
            _ => None,
        })
}

/// The byte ranges of the well-formed `{{ t "id" }}` placeholders in `text`, in order.
pub fn placeholder_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&text.as_bytes()[from..], b"{{") {
        let start = from + pos;
        match parse_placeholder(&text[start..]) {
            Placeholder::Message { len, .. } => {
                out.push(start..start + len);
                from = start + len;
            }
            _ => from = start + 2,
        }
    }
    out
}

enum Placeholder<'a> {
    NotOurs,
    Malformed,
    Message { id: &'a str, len: usize },
}

/// `{{ t "id" }}` at the start of `s`.
fn parse_placeholder(s: &str) -> Placeholder<'_> {
    let inner = s[2..].trim_start();
    let Some(after_t) = inner.strip_prefix('t') else {
        return Placeholder::NotOurs;
    };
    if !after_t.starts_with([' ', '\t']) {
        return Placeholder::NotOurs;
    }
    let q = after_t.trim_start();
    let Some(q) = q.strip_prefix('"') else {
        return Placeholder::Malformed;
    };
    let Some(end) = q.find('"') else {
        return Placeholder::Malformed;
    };
    let id = &q[..end];
    let Some(close) = q[end + 1..].trim_start().strip_prefix("}}") else {
        return Placeholder::Malformed;
    };
    let valid = id.strip_prefix('-').unwrap_or(id);
    if valid.is_empty()
        || !valid.starts_with(|c: char| c.is_ascii_alphabetic())
        || !valid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Placeholder::Malformed;
    }
    Placeholder::Message {
        id,
        len: s.len() - close.len(),
    }
}
