//! `structure-mismatch`: a translation must keep, for each market that reads
//! it, what the source shows that market: the variant blocks and their `for`
//! ids, the headings and their levels, the links and images, the script's
//! lines and roles. Blocks that no market reading it shows need not be there
//! (an `unused-variant` note when they are).

use crate::config::{Config, Market};
use crate::content::{Block, Document, Explainer, ScriptItem};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, plural};
use crate::resolve::{readers, resolve_markdown, resolve_script, select_variant, unseen_blocks};
use pulldown_cmark::{Event, Tag};

/// Compare each translation with the source, market by market. A file whose
/// directives have errors is not compared: its blocks are the parser's best
/// reading, and the directive error is the one finding for the mistake.
pub fn check_structure(e: &Explainer, config: &Config, diags: &mut Diagnostics) {
    compare_translations(e, config, true, diags);
}

/// The part of the structure check that needs no Markdown parse: the variant
/// blocks and script lines each market sees. A plain `build` runs it, so that
/// it and `check` agree on what a translation must carry; headings, links and
/// images, which need the Markdown parsed again, are `check`'s and
/// `build --strict`'s.
pub fn check_blocks(e: &Explainer, config: &Config, diags: &mut Diagnostics) {
    compare_translations(e, config, false, diags);
}

fn compare_translations(e: &Explainer, config: &Config, text: bool, diags: &mut Diagnostics) {
    if !comparable(&e.source, config) {
        return;
    }
    for t in e.translations.values() {
        if !comparable(t, config) {
            continue;
        }
        let markets = readers(e, t, config);
        if markets.is_empty() {
            continue;
        }
        for m in &markets {
            let mut found = Diagnostics::new();
            compare(
                &shape(&e.source, m, text),
                &shape(t, m, text),
                t,
                &mut found,
            );
            diags.extend(found.into_iter().map(|d| d.market(m.id.clone())));
        }
        if text {
            unused(t, &markets, diags);
        }
    }
}

/// Whether the directives of `doc` parsed and name known ids without ambiguity.
fn comparable(doc: &Document, config: &Config) -> bool {
    let mut found = Diagnostics::new();
    crate::resolve::check_variants(doc, config, &mut found);
    !doc.body.has_errors && !found.has_errors()
}

/// What a market sees of a document, each thing with its offset in the file.
#[derive(Default)]
struct Shape {
    /// The `for` ids of each block the market gets, body then script.
    blocks: Vec<(String, usize)>,
    /// Where each variant group opens, seen or not: where a missing block goes.
    groups: Vec<usize>,
    headings: Vec<(String, usize)>,
    links: Vec<(String, usize)>,
    images: Vec<(String, usize)>,
    /// The script's spoken and shown lines, by role.
    script: Vec<(String, usize)>,
}

/// What `market` sees of `doc`; its headings, links and images only with `text`.
fn shape(doc: &Document, market: &Market, text: bool) -> Shape {
    let mut s = Shape::default();
    let ids = |ids: &crate::content::Ids| {
        let mut v: Vec<&str> = ids.iter().collect();
        v.sort_unstable();
        format!("\"{}\"", v.join(" "))
    };
    for b in &doc.body.blocks {
        if let Block::Group(g) = b {
            s.blocks
                .extend(select_variant(g, market).map(|v| (ids(&v.ids), v.ids_at)));
            s.groups.push(g.variants[0].open_at);
        }
    }
    if let Some(script) = &doc.body.script {
        for item in &script.items {
            if let ScriptItem::Group(g) = item {
                s.blocks
                    .extend(select_variant(g, market).map(|v| (ids(&v.ids), v.ids_at)));
                s.groups.push(g.variants[0].open_at);
            }
        }
    }
    for l in resolve_script(doc, market).unwrap_or_default() {
        s.script.push((format!("`{}`", l.role.as_str()), l.at));
    }
    if !text {
        return s;
    }
    let resolved = resolve_markdown(doc, market);
    // A text that is not parsed is reported where it is rendered.
    let Ok(parser) = crate::markdown::parse(&resolved.text) else {
        return s;
    };
    for (event, range) in parser.into_offset_iter() {
        let at = resolved.source_offset(range.start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                s.headings.push((format!("level {}", level as u8), at));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                s.links
                    .push((dest_url.trim_start_matches("./").to_string(), at));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                s.images
                    .push((dest_url.trim_start_matches("./").to_string(), at));
            }
            _ => {}
        }
    }
    s
}

/// A thing of a shape (`for` ids, `level 2`, a role, a URL) and its offset.
type Item = (String, usize);

fn mismatch(t: &Document, at: usize, message: String, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(Code::StructureMismatch, message)
            .at(t.file.location(at))
            .help("a translation keeps what the source shows its markets: variant blocks, headings, script lines, links and images; translate only the text"),
    );
}

fn compare(source: &Shape, t_shape: &Shape, t: &Document, diags: &mut Diagnostics) {
    let blocks = (&source.blocks[..], &t_shape.blocks[..]);
    in_order("variant block", blocks, &t_shape.groups, t, diags);
    in_order(
        "heading",
        (&source.headings, &t_shape.headings),
        &[],
        t,
        diags,
    );
    in_order(
        "script line",
        (&source.script, &t_shape.script),
        &[],
        t,
        diags,
    );
    for (name, s, tr) in [
        ("link", &source.links, &t_shape.links),
        ("image", &source.images, &t_shape.images),
    ] {
        same_targets(name, s, tr, t, diags);
    }
}

/// The first place where the source's and the translation's sequences
/// differ, as one finding at the translation's item there; a missing one at
/// `places[i]` (where it would go), else at the last item, else the body.
fn in_order(
    what: &str,
    (source, t_items): (&[Item], &[Item]),
    places: &[usize],
    t: &Document,
    diags: &mut Diagnostics,
) {
    let differs = |i: &usize| source.get(*i).map(|x| &x.0) != t_items.get(*i).map(|x| &x.0);
    let Some(i) = (0..source.len().max(t_items.len())).find(differs) else {
        return;
    };
    let at = (t_items.get(i).map(|x| x.1))
        .or(places.get(i).copied())
        .or(t_items.last().map(|x| x.1))
        .unwrap_or(t.body_start);
    let message = match (source.get(i), t_items.get(i)) {
        (Some(s), Some(tr)) => format!(
            "{what} {} is {} here but {} in the source",
            i + 1,
            tr.0,
            s.0
        ),
        _ => format!(
            "the source shows {}, this translation {}",
            plural(source.len(), what),
            t_items.len()
        ),
    };
    mismatch(t, at, message, diags);
}

/// Links or images: the same targets, in any order; each difference at its
/// place (a missing one at the translation's target in the same position).
fn same_targets(
    what: &str,
    source: &[(String, usize)],
    t_items: &[(String, usize)],
    t: &Document,
    diags: &mut Diagnostics,
) {
    let mut left: Vec<(usize, &String)> = source.iter().map(|x| &x.0).enumerate().collect();
    for (url, at) in t_items {
        match left.iter().position(|(_, u)| *u == url) {
            Some(i) => drop(left.swap_remove(i)),
            None => mismatch(
                t,
                *at,
                format!("{what} `{url}` is not in the source"),
                diags,
            ),
        }
    }
    left.sort_unstable();
    for (i, url) in left {
        let near = t_items
            .get(i)
            .or(t_items.last())
            .map_or(t.body_start, |x| x.1);
        mismatch(
            t,
            near,
            format!("the source's {what} `{url}` is missing here"),
            diags,
        );
    }
}

/// One note for the variant blocks of `t` that none of its `markets` shows.
fn unused(t: &Document, markets: &[&Market], diags: &mut Diagnostics) {
    let unseen = unseen_blocks(t, markets);
    let Some(first) = unseen.first() else {
        return;
    };
    let named: Vec<String> = (unseen.iter().take(5))
        .map(|u| format!("\"{}\" (line {})", u.ids, t.file.location(u.open_at).line))
        .collect();
    let more = match unseen.len().saturating_sub(5) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let ids: Vec<&str> = markets.iter().map(|m| m.id.as_str()).collect();
    diags.push(
        Diagnostic::note(
            Code::UnusedVariant,
            format!(
                "{} for {}{more} shown to no market that reads this file ({})",
                plural(unseen.len(), "variant block"),
                named.join(", "),
                ids.join(", ")
            ),
        )
        .at(t.file.location(first.open_at))
        .help("they need no translation; remove them, or keep them for a market you plan to add"),
    );
}
