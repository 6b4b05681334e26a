//! Per market: which file, which variant of each group, which script lines.

use crate::config::{Config, Market, Untranslated};
use crate::content::{Block, Document, Explainer, Group, Ids, ScriptItem, ScriptLine, Variant};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::ops::Range;

mod reach;
pub use reach::{readers, seen_text, shown_to, unseen_blocks};

/// How a market gets an explainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The source, in a market of the source language.
    Source,
    /// A translation (`<slug>.<locale>.md` or `<slug>.<lang>.md`).
    Translation,
    /// The source, published with a notice because the translation is missing
    /// and the market has `untranslated: source`.
    UntranslatedSource,
}

/// The file a market gets: `<slug>.<locale>.md`, else `<slug>.<lang>.md`, else the
/// source for source-language markets (or with `untranslated: source`). `None`
/// when the translation is missing.
pub fn select_document<'a>(
    e: &'a Explainer,
    market: &Market,
    config: &Config,
) -> Option<(&'a Document, Origin)> {
    if let Some(doc) = e.translations.get(&market.locale) {
        return Some((doc, Origin::Translation));
    }
    let lang = market.language();
    if let Some(doc) = e.translations.get(&lang) {
        return Some((doc, Origin::Translation));
    }
    if lang == config.source_language {
        return Some((&e.source, Origin::Source));
    }
    (market.untranslated == Untranslated::Source).then_some((&e.source, Origin::UntranslatedSource))
}

/// Whether the source's front matter lets the explainer appear in `market`.
pub fn is_published_in(e: &Explainer, market: &Market, drafts: bool) -> bool {
    let front = &e.source.front;
    (drafts || !front.draft)
        && front.markets.as_ref().is_none_or(|ids| {
            ids.iter()
                .any(|id| *id == market.id || *id == market.framing)
        })
}

/// How well a variant's `for` matches a market: 3 market id, 2 framing, 1 `default`.
fn match_level(ids: &Ids, market: &Market) -> u8 {
    ids.iter()
        .map(|id| {
            if id == market.id {
                3
            } else if id == market.framing {
                2
            } else if id == "default" {
                1
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0)
}

/// The block of a group that `market` gets: the one naming the market, else its
/// framing, else `default`, else none.
pub fn select_variant<'g, T>(group: &'g Group<T>, market: &Market) -> Option<&'g Variant<T>> {
    let best = group
        .variants
        .iter()
        .map(|v| match_level(&v.ids, market))
        .max()?;
    (best > 0)
        .then(|| {
            group
                .variants
                .iter()
                .find(|v| match_level(&v.ids, market) == best)
        })
        .flatten()
}

/// Unknown ids in `for`, and groups in which two blocks match a market at the same level.
pub fn check_variants(doc: &Document, config: &Config, diags: &mut Diagnostics) {
    let mut check_group = |variants: Vec<(&Ids, usize, usize)>| {
        for (ids, ids_at, _) in &variants {
            let unknown: Vec<&str> = ids
                .iter()
                .filter(|id| *id != "default" && !config.is_target_id(id))
                .collect();
            // One finding a block, naming the first few: a `for` may list thousands.
            let named: Vec<String> = unknown.iter().take(5).map(|id| format!("`{id}`")).collect();
            let more = match unknown.len().saturating_sub(5) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let message = match unknown.len() {
                0 => continue,
                1 => format!("unknown market or framing {} in `for`", named[0]),
                _ => format!(
                    "unknown markets or framings {}{more} in `for`",
                    named.join(", ")
                ),
            };
            diags.push(
                Diagnostic::error(Code::Directive, message)
                    .at(doc.file.location(*ids_at))
                    .help(known_ids(config)),
            );
        }
        for market in &config.markets {
            let levels: Vec<u8> = variants
                .iter()
                .map(|(ids, ..)| match_level(ids, market))
                .collect();
            let best = levels.iter().copied().max().unwrap_or(0);
            let matching: Vec<usize> = (0..variants.len())
                .filter(|&i| best > 0 && levels[i] == best)
                .collect();
            if let [first, second, ..] = matching[..] {
                let first_line = doc.file.location(variants[first].2).line;
                let level = ["", "`default`", "its framing", "its id"][best as usize];
                diags.push(
                    Diagnostic::error(Code::Directive,
                        format!("two blocks of this group match market `{}` by {level} (the other is at line {first_line})", market.id),
                    )
                    .at(doc.file.location(variants[second].2))
                    .market(market.id.clone())
                    .help("each market may match only one block of a group at the same level"),
                );
            }
        }
    };
    for block in &doc.body.blocks {
        if let Block::Group(g) = block {
            check_group(
                g.variants
                    .iter()
                    .map(|v| (&v.ids, v.ids_at, v.open_at))
                    .collect(),
            );
        }
    }
    if let Some(script) = &doc.body.script {
        for item in &script.items {
            if let ScriptItem::Group(g) = item {
                check_group(
                    g.variants
                        .iter()
                        .map(|v| (&v.ids, v.ids_at, v.open_at))
                        .collect(),
                );
            }
        }
    }
}

fn known_ids(config: &Config) -> String {
    let markets: Vec<&str> = config.markets.iter().map(|m| m.id.as_str()).collect();
    let framings: Vec<&str> = config.framings.iter().map(|f| f.id.as_str()).collect();
    format!(
        "markets: {}; framings: {}; or `default`",
        markets.join(", "),
        framings.join(", ")
    )
}

/// The Markdown a market gets from a document, with a map back to file offsets.
#[derive(Debug, Clone, Default)]
pub struct ResolvedMarkdown {
    pub text: String,
    /// (offset in `text`, offset in the file) at the start of each chunk.
    segments: Vec<(usize, usize)>,
}

impl ResolvedMarkdown {
    /// The file offset of an offset in `text`.
    pub fn source_offset(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|&(out, _)| out <= offset);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some((out, src)) => src + (offset - out),
            None => 0,
        }
    }

    fn push(&mut self, file_text: &str, range: Range<usize>) {
        if !self.text.is_empty() {
            // Keep blocks apart: a chunk never continues the paragraph before it.
            let need = 2 - self
                .text
                .bytes()
                .rev()
                .take(2)
                .take_while(|&b| b == b'\n')
                .count();
            self.text.push_str(&"\n\n"[..need]);
        }
        self.segments.push((self.text.len(), range.start));
        self.text.push_str(&file_text[range]);
    }
}

/// Resolve every variant group of `doc` for `market`.
pub fn resolve_markdown(doc: &Document, market: &Market) -> ResolvedMarkdown {
    // At most the whole body: the text is never grown and copied.
    let mut out = ResolvedMarkdown {
        text: String::with_capacity(doc.file.text.len() + 2),
        segments: Vec::new(),
    };
    for block in &doc.body.blocks {
        match block {
            Block::Markdown(r) => out.push(&doc.file.text, r.clone()),
            Block::Group(g) => {
                if let Some(v) = select_variant(g, market) {
                    for r in &v.body {
                        out.push(&doc.file.text, r.clone());
                    }
                }
            }
        }
    }
    out
}

/// The script lines `market` gets, in order, or `None` when there is no script.
pub fn resolve_script<'d>(doc: &'d Document, market: &Market) -> Option<Vec<&'d ScriptLine>> {
    let script = doc.body.script.as_ref()?;
    let mut lines = Vec::new();
    for item in &script.items {
        match item {
            ScriptItem::Line(l) => lines.push(l),
            ScriptItem::Group(g) => {
                if let Some(v) = select_variant(g, market) {
                    lines.extend(v.body.iter());
                }
            }
        }
    }
    Some(lines)
}

#[cfg(test)]
mod tests;
