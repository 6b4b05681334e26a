//! `structure-mismatch`: a translation must keep its source's variant groups and
//! their `for` ids, script lines and roles, links and images.

use crate::config::Config;
use crate::content::{Block, Document, Explainer, Ids, ScriptItem};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, plural};
use pulldown_cmark::{Event, Tag};

/// Compare each translation with the source. A file whose directives have
/// errors is not compared: its blocks are the parser's best reading, and the
/// directive error is the one finding for the mistake.
pub fn check_structure(e: &Explainer, config: &Config, diags: &mut Diagnostics) {
    if !comparable(&e.source, config) {
        return;
    }
    // The source's links and images, found once for all its translations.
    let source_targets = KINDS.map(|kind| targets(&e.source, kind));
    for t in e.translations.values() {
        if comparable(t, config) {
            compare(&e.source, &source_targets, t, diags);
        }
    }
}

/// Whether the directives of `doc` parsed and name known ids without ambiguity.
fn comparable(doc: &Document, config: &Config) -> bool {
    let mut found = Diagnostics::new();
    crate::resolve::check_variants(doc, config, &mut found);
    !doc.body.has_errors && !found.has_errors()
}

fn mismatch(t: &Document, at: usize, message: String, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(Code::StructureMismatch, message)
            .at(t.file.location(at))
            .help("a translation keeps the source's variant blocks, script lines, links and images; translate only the text"),
    );
}

fn compare(
    source: &Document,
    source_targets: &[Vec<(String, usize)>; 2],
    t: &Document,
    diags: &mut Diagnostics,
) {
    compare_groups(source, t, diags);
    compare_script(source, t, diags);
    for (kind, source_targets) in KINDS.into_iter().zip(source_targets) {
        let (mut sl, tl) = (source_targets.clone(), targets(t, kind));
        for (url, at) in tl {
            match sl.iter().position(|(u, _)| *u == url) {
                Some(i) => drop(sl.swap_remove(i)),
                None => {
                    let message = format!("{} `{url}` is not in the source", kind.name());
                    mismatch(t, at, message, diags);
                }
            }
        }
        for (url, _) in &sl {
            let message = format!("the source's {} `{url}` is missing here", kind.name());
            mismatch(t, t.body_start, message, diags);
        }
    }
}

/// The variant groups and the `for` ids of their blocks, group by group.
fn compare_groups(source: &Document, t: &Document, diags: &mut Diagnostics) {
    let (sg, tg) = (groups(source), groups(t));
    let ids = |g: &Vec<(Vec<String>, usize)>| g.iter().map(|v| v.0.clone()).collect::<Vec<_>>();
    for (i, (s, tr)) in sg.iter().zip(&tg).enumerate() {
        if ids(&s.0) != ids(&tr.0) {
            // Point at the first block whose ids differ.
            let first_differing = tr.0.iter().zip(&s.0).find(|(a, b)| a.0 != b.0);
            let at = first_differing.map_or(tr.1, |(a, _)| a.1);
            let msg = format!(
                "variant group {} is for {} in the source but for {} here",
                i + 1,
                show(&ids(&s.0)),
                show(&ids(&tr.0))
            );
            mismatch(t, at, msg, diags);
        }
    }
    if sg.len() != tg.len() {
        let at = tg.get(sg.len()).map_or(t.body_start, |g| g.1);
        let msg = format!(
            "the source has {}, this translation {}",
            plural(sg.len(), "variant group"),
            tg.len()
        );
        mismatch(t, at, msg, diags);
    }
}

/// The script's lines and roles, line by line.
fn compare_script(source: &Document, t: &Document, diags: &mut Diagnostics) {
    let (ss, ts) = (script_shape(source), script_shape(t));
    let differs = |i: &usize| ss.get(*i).map(|x| &x.0) != ts.get(*i).map(|x| &x.0);
    if let Some(i) = (0..ss.len().max(ts.len())).find(differs) {
        let at = ts.get(i).or(ts.last()).map_or(t.body_start, |x| x.1);
        let name =
            |x: Option<&(String, usize)>| x.map_or("nothing".to_string(), |x| format!("`{}`", x.0));
        let (expected, found) = (name(ss.get(i)), name(ts.get(i)));
        let msg = format!(
            "script line {} is {found} here but {expected} in the source",
            i + 1
        );
        mismatch(t, at, msg, diags);
    }
}

fn show(ids: &[Vec<String>]) -> String {
    ids.iter()
        .map(|v| format!("\"{}\"", v.join(" ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A variant group: each block's ids (sorted) and where they are, and where the
/// group starts.
type GroupShape = (Vec<(Vec<String>, usize)>, usize);

/// Each variant group of the body and the script.
fn groups(doc: &Document) -> Vec<GroupShape> {
    let ids = |v: &Ids| {
        let mut v: Vec<String> = v.iter().map(str::to_string).collect();
        v.sort();
        v
    };
    let mut out = Vec::new();
    for b in &doc.body.blocks {
        if let Block::Group(g) = b {
            out.push((
                g.variants.iter().map(|v| (ids(&v.ids), v.ids_at)).collect(),
                g.variants[0].open_at,
            ));
        }
    }
    if let Some(s) = &doc.body.script {
        for item in &s.items {
            if let ScriptItem::Group(g) = item {
                out.push((
                    g.variants.iter().map(|v| (ids(&v.ids), v.ids_at)).collect(),
                    g.variants[0].open_at,
                ));
            }
        }
    }
    out
}

/// The roles of the script lines in order, variant blocks included.
fn script_shape(doc: &Document) -> Vec<(String, usize)> {
    let Some(s) = &doc.body.script else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in &s.items {
        match item {
            ScriptItem::Line(l) => out.push((l.role.as_str().to_string(), l.at)),
            ScriptItem::Group(g) => {
                for v in &g.variants {
                    for l in &v.body {
                        out.push((
                            format!(
                                "{} (in the variant for \"{}\")",
                                l.role.as_str(),
                                v.ids.as_str()
                            ),
                            l.at,
                        ));
                    }
                }
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Link,
    Image,
}

const KINDS: [Kind; 2] = [Kind::Link, Kind::Image];

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Link => "link",
            Kind::Image => "image",
        }
    }
}

/// Link or image targets in every Markdown range of the document, variants
/// included, with their offsets.
fn targets(doc: &Document, kind: Kind) -> Vec<(String, usize)> {
    let mut ranges = Vec::new();
    for b in &doc.body.blocks {
        match b {
            Block::Markdown(r) => ranges.push(r.clone()),
            Block::Group(g) => {
                ranges.extend(g.variants.iter().flat_map(|v| v.body.iter().cloned()))
            }
        }
    }
    let mut out = Vec::new();
    for r in ranges {
        // A text that is not parsed is reported where it is rendered.
        let Ok(parser) = crate::markdown::parse(&doc.file.text[r.clone()]) else {
            continue;
        };
        for (event, range) in parser.into_offset_iter() {
            match (kind, event) {
                (Kind::Link, Event::Start(Tag::Link { dest_url, .. }))
                | (Kind::Image, Event::Start(Tag::Image { dest_url, .. })) => {
                    out.push((
                        dest_url.trim_start_matches("./").to_string(),
                        r.start + range.start,
                    ));
                }
                _ => {}
            }
        }
    }
    out
}
