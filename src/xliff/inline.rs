//! A segment's text as XLIFF inline content: text, and the markup a translator
//! must keep as codes. Markdown spans (`**bold**`, `*em*`, `[link](target)`,
//! images) become paired codes whose delimiters are the original data; code
//! spans, inline HTML, autolinks and `{{ t "id" }}` placeholders become
//! standalone codes. The codes' data is the source text itself, so joining the
//! pieces gives the segment back byte for byte.

use crate::l10n::placeholder_spans;
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use std::ops::Range;

/// What kind of markup a code stands for (XLIFF's `type` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// Emphasis, strong, strikethrough, code spans.
    Fmt,
    Link,
    Image,
    /// Message placeholders, Fluent placeables, inline HTML.
    Other,
}

impl CodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Fmt => "fmt",
            CodeKind::Link => "link",
            CodeKind::Image => "image",
            CodeKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A standalone code: its original text.
    Ph {
        kind: CodeKind,
        data: String,
    },
    /// A paired code around translatable content: the opening and closing markup.
    Pc {
        kind: CodeKind,
        start: String,
        end: String,
        children: Vec<Inline>,
    },
}

/// The original text of inline content.
pub fn plain(items: &[Inline]) -> String {
    let mut out = String::new();
    for i in items {
        match i {
            Inline::Text(t) => out.push_str(t),
            Inline::Ph { data, .. } => out.push_str(data),
            Inline::Pc {
                start,
                end,
                children,
                ..
            } => {
                out.push_str(start);
                out.push_str(&plain(children));
                out.push_str(end);
            }
        }
    }
    out
}

/// Whether there is text to translate, outside codes.
pub fn has_text(items: &[Inline]) -> bool {
    items.iter().any(|i| match i {
        Inline::Text(t) => !t.trim().is_empty(),
        Inline::Ph { .. } => false,
        Inline::Pc { children, .. } => has_text(children),
    })
}

/// Text with its `{{ t "id" }}` placeholders as standalone codes.
pub fn with_placeholders(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    push_text(&mut out, text);
    out
}

fn push_text(out: &mut Vec<Inline>, text: &str) {
    let mut from = 0;
    for r in placeholder_spans(text) {
        if r.start > from {
            out.push(Inline::Text(text[from..r.start].to_string()));
        }
        out.push(Inline::Ph {
            kind: CodeKind::Other,
            data: text[r.clone()].to_string(),
        });
        from = r.end;
    }
    if from < text.len() {
        out.push(Inline::Text(text[from..].to_string()));
    }
}

/// An inline element being read: where it starts, where its content starts
/// (known at its first child), and its content so far.
struct Frame {
    kind: CodeKind,
    start: usize,
    content_at: Option<usize>,
    /// Autolinks are kept whole: their text is their target.
    whole: bool,
    children: Vec<Inline>,
}

/// The reader of one block's inline events. Text is not pushed as it is met
/// but taken from the source between codes (`pos` to `last_end`), so that
/// escapes and entities stay as the author wrote them.
struct Reader<'s> {
    src: &'s str,
    stack: Vec<Frame>,
    pos: usize,
    last_end: usize,
}

impl Reader<'_> {
    fn top(&mut self) -> &mut Frame {
        let i = self.stack.len() - 1;
        &mut self.stack[i]
    }

    /// Push the text read since the last code into the open element.
    fn flush(&mut self, to: usize) {
        let (src, from) = (self.src, self.pos);
        let frame = self.top();
        if !frame.whole && to > from {
            push_text(&mut frame.children, &src[from..to]);
        }
    }

    fn start(&mut self, tag: &Tag<'_>, r: &Range<usize>) {
        self.flush(r.start);
        let (kind, whole) = match tag {
            Tag::Link { link_type, .. } => (
                CodeKind::Link,
                matches!(link_type, LinkType::Autolink | LinkType::Email),
            ),
            Tag::Image { .. } => (CodeKind::Image, false),
            _ => (CodeKind::Fmt, false),
        };
        let whole = whole || self.top().whole;
        self.stack.push(Frame {
            kind,
            start: r.start,
            content_at: None,
            whole,
            children: Vec::new(),
        });
        self.pos = r.start;
        self.last_end = r.start;
    }

    fn end(&mut self, r: &Range<usize>) {
        let last_end = self.last_end.max(self.pos);
        self.flush(last_end);
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let item = match frame.content_at {
            Some(at) if !frame.whole => Inline::Pc {
                kind: frame.kind,
                start: self.src[frame.start..at].to_string(),
                end: self.src[last_end.max(at)..r.end].to_string(),
                children: frame.children,
            },
            _ => Inline::Ph {
                kind: frame.kind,
                data: self.src[frame.start..r.end].to_string(),
            },
        };
        self.top().children.push(item);
        self.pos = r.end;
        self.last_end = r.end;
    }

    fn code(&mut self, kind: CodeKind, r: &Range<usize>) {
        self.flush(r.start);
        let data = self.src[r.clone()].to_string();
        let frame = self.top();
        if !frame.whole {
            frame.children.push(Inline::Ph { kind, data });
        }
        self.pos = r.end;
        self.last_end = r.end;
    }
}

/// The inline content of one block (a paragraph, heading, list item or table
/// cell): `events` are its inline events with their ranges in `src`.
pub fn from_markdown(src: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<Inline> {
    let Some(first) = events.first() else {
        return Vec::new();
    };
    let at = first.1.start;
    let mut reader = Reader {
        src,
        stack: vec![Frame {
            kind: CodeKind::Other,
            start: at,
            content_at: Some(at),
            whole: false,
            children: Vec::new(),
        }],
        pos: at,
        last_end: at,
    };
    for (event, r) in events {
        let top = reader.top();
        if top.content_at.is_none() && !matches!(event, Event::End(_)) {
            top.content_at = Some(r.start);
            reader.pos = r.start;
        }
        match event {
            Event::Start(tag) => reader.start(tag, r),
            Event::End(_) if reader.stack.len() > 1 => reader.end(r),
            Event::Code(_) => reader.code(CodeKind::Fmt, r),
            Event::InlineHtml(_)
            | Event::Html(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => reader.code(CodeKind::Other, r),
            _ => reader.last_end = reader.last_end.max(r.end),
        }
    }
    let end = reader.last_end.max(reader.pos);
    reader.flush(end);
    let root = reader.stack.swap_remove(0);
    trim(root.children)
}

/// Leading and trailing white space of a block is not the translator's.
fn trim(mut items: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = items.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = items.last_mut() {
        *t = t.trim_end().to_string();
    }
    items.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    items
}

/// Whether `event` belongs to the inline content of a block.
pub fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::InlineMath(_) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(md: &str) -> Vec<Inline> {
        let events: Vec<_> = crate::markdown::parse(md)
            .unwrap()
            .into_offset_iter()
            .filter(|(e, _)| is_inline(e))
            .collect();
        from_markdown(md, &events)
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn strong_and_links_become_paired_codes_with_their_markup() {
        let md = "Open **Settings > Privacy**, then [read more](two-step.md#on).";
        let got = inline(md);
        assert_eq!(
            got,
            [
                text("Open "),
                Inline::Pc {
                    kind: CodeKind::Fmt,
                    start: "**".into(),
                    end: "**".into(),
                    children: vec![text("Settings > Privacy")],
                },
                text(", then "),
                Inline::Pc {
                    kind: CodeKind::Link,
                    start: "[".into(),
                    end: "](two-step.md#on)".into(),
                    children: vec![text("read more")],
                },
                text("."),
            ]
        );
        assert_eq!(plain(&got), md);
    }

    #[test]
    fn code_placeholders_and_nesting_keep_the_text_byte_for_byte() {
        for md in [
            "Run `glasshouse build` on {{ t \"-brand\" }} servers.",
            "**[a *b*](x)** and <https://example.com> and \\*not em\\*",
            "![A phone with a check mark](/images/two-step.svg)",
            "Under {{ t \"-privacy-law\" }}, *you* decide.",
        ] {
            assert_eq!(plain(&inline(md)), md, "{md}");
        }
        let got = inline("Run `x` on {{ t \"-brand\" }}.");
        assert!(matches!(&got[1], Inline::Ph { kind: CodeKind::Fmt, data } if data == "`x`"));
        assert!(
            matches!(&got[3], Inline::Ph { kind: CodeKind::Other, data } if data == "{{ t \"-brand\" }}")
        );
        let auto = inline("See <https://example.com>.");
        assert!(
            matches!(&auto[1], Inline::Ph { kind: CodeKind::Link, data } if data == "<https://example.com>")
        );
    }
}
