//! An explainer file cut into the segments a translator works on: title,
//! summary, each heading, paragraph, list item and table cell, and each script
//! line, with the markets that show it. Only what the given markets can see.
//!
//! Segment ids come from the structure, so that an unchanged source gives the
//! same ids: `title`, `summary`, `h-<heading id>`, `<section>-p2` (the second
//! paragraph of a section), `<section>-v-<for>-li1` (a list item in a variant
//! block), `script-3` (the third script line outside variant blocks),
//! `script-v-regulatory-2` (the second line of the script's regulatory block). A block with no text outside its codes (a lone `{{ t "id" }}`)
//! is not a segment: there is nothing in it to translate.

use super::inline::{Inline, from_markdown, has_text, is_inline, with_placeholders};
use crate::check::staleness::heading_id;
use crate::config::Market;
use crate::content::{Block, Document, Role, ScriptItem, ScriptLine};
use crate::resolve::shown_to;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What a segment is in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title,
    Summary,
    Heading,
    Paragraph,
    Item,
    Cell,
    Script(Role),
}

#[derive(Debug, Clone)]
pub struct Segment {
    pub id: String,
    pub kind: Kind,
    /// The staleness section it belongs to (`title`, `intro`, a `##` heading's
    /// id, `script`): see `check::staleness`.
    pub section: String,
    pub content: Vec<Inline>,
    /// Where its text is in the file (for the title and summary: the value in
    /// the front matter, quotes included; for a script line: after its role).
    pub range: Range<usize>,
    /// The markets that show it.
    pub markets: Vec<String>,
}

/// How to cut a document.
pub struct Cut<'a> {
    pub markets: &'a [&'a Market],
    /// For a translation: the source's heading ids, by position, for headings
    /// without a `{#id}` of their own.
    pub source_headings: Option<&'a [String]>,
}

/// The segments of `doc` that `cut.markets` see, and the ids of all its
/// headings in order (seen or not).
pub fn segments(doc: &Document, cut: &Cut<'_>) -> (Vec<Segment>, Vec<String>) {
    let all: Vec<String> = cut.markets.iter().map(|m| m.id.clone()).collect();
    let mut w = Walker {
        cut,
        text: &doc.file.text,
        out: Vec::new(),
        section: "intro".into(),
        headings: Vec::new(),
        counters: HashMap::new(),
        used: HashSet::new(),
        base: 0,
    };
    let front = &doc.file.text[..doc.body_start];
    w.push(
        "title".into(),
        Kind::Title,
        &doc.front.title,
        value_range(front, "title"),
        &all,
    );
    let summary = value_range(front, "summary");
    w.push(
        "summary".into(),
        Kind::Summary,
        &doc.front.summary,
        summary,
        &all,
    );
    for block in &doc.body.blocks {
        match block {
            Block::Markdown(r) => w.markdown(r.clone(), "", &all),
            Block::Group(g) => {
                for v in &g.variants {
                    let shown: Vec<String> = (shown_to(g, v, cut.markets).iter())
                        .map(|m| m.id.clone())
                        .collect();
                    let prefix = format!("v-{}-", v.ids.iter().collect::<Vec<_>>().join("_"));
                    for r in &v.body {
                        w.markdown(r.clone(), &prefix, &shown);
                    }
                }
            }
        }
    }
    if let Some(script) = &doc.body.script {
        // Lines outside variant blocks are counted among themselves, lines in a
        // block within it: a translation that leaves out blocks its markets do
        // not see keeps the source's ids.
        let mut n = 0;
        for item in &script.items {
            match item {
                ScriptItem::Line(l) => {
                    n += 1;
                    script_line(&mut w, &doc.file.text, format!("script-{n}"), l, &all);
                }
                ScriptItem::Group(g) => {
                    for v in &g.variants {
                        let shown: Vec<String> = (shown_to(g, v, cut.markets).iter())
                            .map(|m| m.id.clone())
                            .collect();
                        let ids = v.ids.iter().collect::<Vec<_>>().join("_");
                        for (k, l) in v.body.iter().enumerate() {
                            let id = format!("script-v-{ids}-{}", k + 1);
                            script_line(&mut w, &doc.file.text, id, l, &shown);
                        }
                    }
                }
            }
        }
    }
    (w.out, w.headings)
}

struct Walker<'a, 'c> {
    cut: &'a Cut<'c>,
    text: &'a str,
    out: Vec<Segment>,
    section: String,
    headings: Vec<String>,
    counters: HashMap<String, usize>,
    used: HashSet<String>,
    /// The file offset of the Markdown range being read.
    base: usize,
}

/// A segment before its id is made unique.
struct Piece {
    id: String,
    kind: Kind,
    content: Vec<Inline>,
    range: Range<usize>,
}

/// The range of a front matter key's value (one line), quotes included.
fn value_range(front: &str, key: &str) -> Range<usize> {
    let mut at = 0;
    for line in front.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let start = at + key.len() + 1 + (rest.len() - rest.trim_start().len());
            return start..at + key.len() + 1 + rest.trim_end().len();
        }
        at += line.len();
    }
    0..0
}

/// The range of a script line's text: after `role:`, trimmed.
fn script_text_range(text: &str, at: usize) -> Range<usize> {
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[at..end];
    let Some(colon) = line.find(':') else {
        return at..at;
    };
    let rest = &line[colon + 1..];
    let start = at + colon + 1 + (rest.len() - rest.trim_start().len());
    start..at + colon + 1 + rest.trim_end().len()
}

impl Walker<'_, '_> {
    /// The title, summary and script lines: plain text with placeholders.
    fn push(&mut self, id: String, kind: Kind, text: &str, range: Range<usize>, shown: &[String]) {
        let content = with_placeholders(text.trim());
        let section = if kind == Kind::Title || kind == Kind::Summary {
            "title".to_string()
        } else {
            "script".to_string()
        };
        self.push_content(
            Piece {
                id,
                kind,
                content,
                range,
            },
            section,
            shown,
        );
    }

    fn push_content(&mut self, piece: Piece, section: String, shown: &[String]) {
        let Piece {
            id,
            kind,
            content,
            range,
        } = piece;
        // A block of codes alone (`{{ t "closing" }}`) has nothing to translate.
        if shown.is_empty() || !has_text(&content) {
            return;
        }
        let mut unique = nmtoken(&id);
        let mut n = 1;
        while self.used.contains(&unique) {
            n += 1;
            unique = format!("{}-{n}", nmtoken(&id));
        }
        self.used.insert(unique.clone());
        self.out.push(Segment {
            id: unique,
            kind,
            section,
            content,
            range,
            markets: shown.to_vec(),
        });
    }

    /// The blocks of one Markdown range of the file. Headings are followed even
    /// where no market looks, so that sections and ids stay the same.
    fn markdown(&mut self, range: Range<usize>, prefix: &str, shown: &[String]) {
        self.base = range.start;
        let src = &self.text[range];
        let Ok(parser) = crate::markdown::parse(src) else {
            return;
        };
        // The innermost open block and the inline events read in it.
        let mut blocks: Vec<Kind> = Vec::new();
        let mut heading: Option<String> = None;
        let mut run: Vec<(Event<'_>, Range<usize>)> = Vec::new();
        let mut in_code = false;
        for (event, r) in parser.into_offset_iter() {
            if is_inline(&event) {
                if !in_code {
                    run.push((event, r));
                }
                continue;
            }
            self.flush(
                src,
                &mut run,
                blocks.last().copied(),
                &heading,
                prefix,
                shown,
            );
            match event {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let line = src[r].trim_end().trim_start_matches('#').trim();
                    let n = self.headings.len();
                    let id = match (id, self.cut.source_headings) {
                        (Some(id), _) => id.to_string(),
                        (None, Some(source)) => source.get(n).cloned().unwrap_or_default(),
                        (None, None) => heading_id(line),
                    };
                    if level == pulldown_cmark::HeadingLevel::H2 {
                        self.section = id.clone();
                    }
                    self.headings.push(id.clone());
                    heading = Some(id);
                    blocks.push(Kind::Heading);
                }
                Event::Start(Tag::Paragraph) => blocks.push(match blocks.last() {
                    Some(Kind::Item) => Kind::Item,
                    _ => Kind::Paragraph,
                }),
                Event::Start(Tag::Item) => blocks.push(Kind::Item),
                Event::Start(Tag::TableCell) => blocks.push(Kind::Cell),
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::End(
                    TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell,
                ) => {
                    blocks.pop();
                }
                _ => {}
            }
        }
        self.flush(
            src,
            &mut run,
            blocks.last().copied(),
            &heading,
            prefix,
            shown,
        );
    }

    fn flush(
        &mut self,
        src: &str,
        run: &mut Vec<(Event<'_>, Range<usize>)>,
        block: Option<Kind>,
        heading: &Option<String>,
        prefix: &str,
        shown: &[String],
    ) {
        if run.is_empty() {
            return;
        }
        let content = from_markdown(src, run);
        let start = run.first().map_or(0, |(_, r)| r.start);
        let end = run.iter().map(|(_, r)| r.end).max().unwrap_or(start);
        let text = &src[start..end];
        let lead = text.len() - text.trim_start().len();
        let range = self.base + start + lead..self.base + start + text.trim_end().len();
        run.clear();
        let kind = block.unwrap_or(Kind::Paragraph);
        let id = match kind {
            Kind::Heading => format!("h-{}", heading.as_deref().unwrap_or_default()),
            _ => {
                let short = match kind {
                    Kind::Item => "li",
                    Kind::Cell => "td",
                    _ => "p",
                };
                let key = format!("{}-{prefix}{short}", self.section);
                let n = self.counters.entry(key.clone()).or_default();
                *n += 1;
                format!("{key}{n}")
            }
        };
        let section = self.section.clone();
        self.push_content(
            Piece {
                id,
                kind,
                content,
                range,
            },
            section,
            shown,
        );
    }
}

fn script_line(w: &mut Walker, text: &str, id: String, l: &ScriptLine, shown: &[String]) {
    let range = script_text_range(text, l.at);
    w.push(id, Kind::Script(l.role), &l.text, range, shown);
}

/// `id` with every character that an XML name token may not hold replaced by `_`.
pub fn nmtoken(id: &str) -> String {
    let out: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() { "_".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{doc, example_config};

    const BODY: &str = "Intro with {{ t \"-brand\" }}.\n\n## How it works {#how}\n\n1. One **step**.\n2. Two.\n\n:::variant{for=\"us\"}\nUS only.\n:::\n\n:::variant{for=\"default\"}\nEveryone else.\n:::\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode stays\n```\n\n::::script\nhook: Hi there.\nbeat: One.\nscreen: Short\nbeat: Two.\ncta: Go.\n::::\n";

    fn ids(segs: &[Segment]) -> Vec<&str> {
        segs.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn japan_gets_the_default_block_and_every_other_segment() {
        let config = example_config();
        let jp = [config.market("jp").unwrap()];
        let mut d = doc(BODY);
        d.front.title = "T".into();
        d.front.summary = "S".into();
        let cut = Cut {
            markets: &jp,
            source_headings: None,
        };
        let (segs, headings) = segments(&d, &cut);
        assert_eq!(
            ids(&segs),
            [
                "title",
                "summary",
                "intro-p1",
                "h-how",
                "how-li1",
                "how-li2",
                "how-v-default-p1",
                "how-td1",
                "how-td2",
                "how-td3",
                "how-td4",
                "script-1",
                "script-2",
                "script-3",
                "script-4",
                "script-5",
            ]
        );
        assert_eq!(headings, ["how"]);
        let by_id = |id: &str| segs.iter().find(|s| s.id == id).unwrap();
        assert_eq!(by_id("how-li1").section, "how");
        assert_eq!(by_id("intro-p1").section, "intro");
        assert_eq!(by_id("script-3").kind, Kind::Script(Role::Screen));
        assert_eq!(by_id("how-v-default-p1").markets, ["jp"]);
    }

    #[test]
    fn the_us_block_is_cut_for_the_us_only() {
        let config = example_config();
        let us = [config.market("us").unwrap()];
        let cut = Cut {
            markets: &us,
            source_headings: None,
        };
        let (segs, _) = segments(&doc(BODY), &cut);
        assert!(ids(&segs).contains(&"how-v-us-p1"));
        assert!(!ids(&segs).contains(&"how-v-default-p1"));
    }

    #[test]
    fn each_segment_knows_where_its_text_is() {
        let config = example_config();
        let all: Vec<&Market> = config.markets.iter().collect();
        let text = format!("---\ntitle: \"Quoted: title\"\nsummary: Plain\n---\n{BODY}");
        let file = crate::diagnostics::SourceFile::new("content/explainers/x.md", &text);
        let mut diags = crate::diagnostics::Diagnostics::new();
        let parsed = crate::content::front_matter::parse_front_matter(&file, &mut diags).unwrap();
        let body =
            crate::content::directives::parse_directives(&file, parsed.body_start, &mut diags);
        let d = Document {
            file,
            front: parsed.front,
            body,
            body_start: parsed.body_start,
            lang: None,
        };
        let cut = Cut {
            markets: &all,
            source_headings: None,
        };
        let (segs, _) = segments(&d, &cut);
        for s in &segs {
            let at = &d.file.text[s.range.clone()];
            match s.kind {
                Kind::Title => assert_eq!(at, "\"Quoted: title\""),
                Kind::Summary => assert_eq!(at, "Plain"),
                _ => assert_eq!(at, crate::xliff::inline::plain(&s.content), "{}", s.id),
            }
        }
        assert!(segs.len() > 15);
    }

    #[test]
    fn ids_are_name_tokens() {
        assert_eq!(nmtoken("a b/c"), "a_b_c");
        assert_eq!(nmtoken(""), "_");
    }
}
