//! The XLIFF 2.0 document as XML, written with quick-xml (escaping is the
//! writer's, not ours). Indentation is written by hand between structural
//! elements only: inside `<source>` and `<target>` every character is content.

use super::inline::{CodeKind, Inline};
use super::{Unit, XFile, Xliff};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::Result;

const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

type W = Writer<Vec<u8>>;

/// The document's bytes.
pub fn render_xliff(doc: &Xliff) -> Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    newline(&mut w, 0)?;
    w.write_event(Event::Start(BytesStart::new("xliff").with_attributes([
        ("xmlns", NAMESPACE),
        ("version", "2.0"),
        ("srcLang", doc.src_lang.as_str()),
        ("trgLang", doc.trg_lang.as_str()),
    ])))?;
    for f in &doc.files {
        file(&mut w, f)?;
    }
    newline(&mut w, 0)?;
    w.write_event(Event::End(BytesEnd::new("xliff")))?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn newline(w: &mut W, depth: usize) -> Result<()> {
    let text = format!("\n{}", "  ".repeat(depth));
    w.write_event(Event::Text(BytesText::from_escaped(text)))
}

fn file(w: &mut W, f: &XFile) -> Result<()> {
    newline(w, 1)?;
    w.write_event(Event::Start(BytesStart::new("file").with_attributes([
        ("id", f.id.as_str()),
        ("original", f.original.as_str()),
    ])))?;
    notes(w, &f.notes, 2)?;
    for u in &f.units {
        unit(w, u)?;
    }
    newline(w, 1)?;
    w.write_event(Event::End(BytesEnd::new("file")))
}

fn notes(w: &mut W, notes: &[(String, String)], depth: usize) -> Result<()> {
    if notes.is_empty() {
        return Ok(());
    }
    newline(w, depth)?;
    w.write_event(Event::Start(BytesStart::new("notes")))?;
    for (category, text) in notes {
        newline(w, depth + 1)?;
        w.write_event(Event::Start(
            BytesStart::new("note").with_attributes([("category", category.as_str())]),
        ))?;
        w.write_event(Event::Text(BytesText::new(&xml_chars(text))))?;
        w.write_event(Event::End(BytesEnd::new("note")))?;
    }
    newline(w, depth)?;
    w.write_event(Event::End(BytesEnd::new("notes")))
}

fn unit(w: &mut W, u: &Unit) -> Result<()> {
    let mut codes = Codes::default();
    let mut source = Vec::new();
    codes.number(&u.source, &mut source, false);
    let mut target = Vec::new();
    if let Some(t) = &u.target {
        codes.number(t, &mut target, true);
    }
    newline(w, 2)?;
    w.write_event(Event::Start(
        BytesStart::new("unit").with_attributes([("id", u.id.as_str())]),
    ))?;
    notes(w, &u.notes, 3)?;
    if !codes.data.is_empty() {
        newline(w, 3)?;
        w.write_event(Event::Start(BytesStart::new("originalData")))?;
        for (i, data) in codes.data.iter().enumerate() {
            newline(w, 4)?;
            let id = format!("d{}", i + 1);
            w.write_event(Event::Start(
                BytesStart::new("data").with_attributes([("id", id.as_str())]),
            ))?;
            w.write_event(Event::Text(BytesText::new(&xml_chars(data))))?;
            w.write_event(Event::End(BytesEnd::new("data")))?;
        }
        newline(w, 3)?;
        w.write_event(Event::End(BytesEnd::new("originalData")))?;
    }
    newline(w, 3)?;
    w.write_event(Event::Start(
        BytesStart::new("segment").with_attributes([("state", u.state.as_str())]),
    ))?;
    content(w, "source", &u.source, &source)?;
    if let Some(t) = &u.target {
        content(w, "target", t, &target)?;
    }
    newline(w, 3)?;
    w.write_event(Event::End(BytesEnd::new("segment")))?;
    newline(w, 2)?;
    w.write_event(Event::End(BytesEnd::new("unit")))
}

/// The ids of a unit's codes and the original data they refer to. A target's
/// code takes the id of the source's code with the same data (each once), so
/// that tools see which code is which; a code the source lacks gets an id of
/// its own.
#[derive(Default)]
struct Codes {
    data: Vec<String>,
    /// (id, data refs) of the source's codes, and whether a target used it.
    source: Vec<(usize, String, bool)>,
    next: usize,
}

/// A code's id and its data refs, in the order the codes are met.
struct Numbered {
    id: usize,
    refs: (String, String),
}

impl Codes {
    fn data_ref(&mut self, data: &str) -> String {
        let i = match self.data.iter().position(|d| d == data) {
            Some(i) => i,
            None => {
                self.data.push(data.to_string());
                self.data.len() - 1
            }
        };
        format!("d{}", i + 1)
    }

    fn number(&mut self, items: &[Inline], out: &mut Vec<Numbered>, target: bool) {
        for item in items {
            let (key, refs) = match item {
                Inline::Text(_) => continue,
                Inline::Ph { data, .. } => {
                    let r = self.data_ref(data);
                    (format!("ph {r}"), (r, String::new()))
                }
                Inline::Pc { start, end, .. } => {
                    let (s, e) = (self.data_ref(start), self.data_ref(end));
                    (format!("pc {s} {e}"), (s, e))
                }
            };
            let reuse = (self.source.iter_mut())
                .find(|(_, k, used)| target && !*used && *k == key)
                .map(|(id, _, used)| {
                    *used = true;
                    *id
                });
            let id = reuse.unwrap_or_else(|| {
                self.next += 1;
                if !target {
                    self.source.push((self.next, key, false));
                }
                self.next
            });
            out.push(Numbered { id, refs });
            if let Inline::Pc { children, .. } = item {
                self.number(children, out, target);
            }
        }
    }
}

fn content(w: &mut W, name: &str, items: &[Inline], codes: &[Numbered]) -> Result<()> {
    newline(w, 4)?;
    let mut start = BytesStart::new(name);
    let text = super::inline::plain(items);
    if text.contains('\n') || text.contains("  ") {
        start.push_attribute(("xml:space", "preserve"));
    }
    w.write_event(Event::Start(start))?;
    let mut codes = codes.iter();
    inline(w, items, &mut codes)?;
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn inline<'a>(
    w: &mut W,
    items: &[Inline],
    codes: &mut impl Iterator<Item = &'a Numbered>,
) -> Result<()> {
    for item in items {
        match item {
            Inline::Text(t) => w.write_event(Event::Text(BytesText::new(&xml_chars(t))))?,
            Inline::Ph { kind, data } => {
                let Some(c) = codes.next() else { continue };
                let id = c.id.to_string();
                let disp = xml_chars(data);
                w.write_event(Event::Empty(BytesStart::new("ph").with_attributes([
                    ("id", id.as_str()),
                    ("dataRef", c.refs.0.as_str()),
                    ("type", kind_of(*kind)),
                    ("disp", disp.as_ref()),
                ])))?;
            }
            Inline::Pc { kind, children, .. } => {
                let Some(c) = codes.next() else { continue };
                let id = c.id.to_string();
                w.write_event(Event::Start(BytesStart::new("pc").with_attributes([
                    ("id", id.as_str()),
                    ("dataRefStart", c.refs.0.as_str()),
                    ("dataRefEnd", c.refs.1.as_str()),
                    ("type", kind_of(*kind)),
                ])))?;
                inline(w, children, codes)?;
                w.write_event(Event::End(BytesEnd::new("pc")))?;
            }
        }
    }
    Ok(())
}

fn kind_of(kind: CodeKind) -> &'static str {
    kind.as_str()
}

/// Characters XML 1.0 cannot hold (C0 controls but tab and line breaks) become
/// U+FFFD; the loader already refuses files holding them, so this is a guard.
fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
    if text.contains(bad) {
        text.replace(bad, "\u{fffd}").into()
    } else {
        text.into()
    }
}
