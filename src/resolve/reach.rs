//! What of a document the markets that read it can see: a translation has to
//! carry, and a vendor to translate, only the variant blocks its markets show.

use super::{is_published_in, select_document, select_variant};
use crate::config::{Config, Market};
use crate::content::{Block, Document, Explainer, Group, ScriptItem, Variant};

/// The markets that read `doc`, one of `e`'s files: those whose page of `e` is
/// made from it (drafts included: a draft is translated before it publishes).
pub fn readers<'c>(e: &Explainer, doc: &Document, config: &'c Config) -> Vec<&'c Market> {
    (config.markets.iter())
        .filter(|m| is_published_in(e, m, true))
        .filter(|m| select_document(e, m, config).is_some_and(|(d, _)| std::ptr::eq(d, doc)))
        .collect()
}

/// The markets of `markets` that see block `v` of group `g`.
pub fn shown_to<'m, T>(g: &Group<T>, v: &Variant<T>, markets: &[&'m Market]) -> Vec<&'m Market> {
    (markets.iter().copied())
        .filter(|m| select_variant(g, m).is_some_and(|s| std::ptr::eq(s, v)))
        .collect()
}

/// A variant block that none of `markets` sees: its opening offset, its end
/// (after its closing fence) and its `for` ids.
#[derive(Debug, PartialEq)]
pub struct Unseen {
    pub open_at: usize,
    pub end: usize,
    pub ids: String,
}

/// Every variant block of `doc`, body and script, that none of `markets` sees.
pub fn unseen_blocks(doc: &Document, markets: &[&Market]) -> Vec<Unseen> {
    let text = &doc.file.text;
    let mut out = Vec::new();
    let mut visit = |open_at: usize, last_start: usize, ids: String, seen: bool| {
        if !seen {
            out.push(Unseen {
                open_at,
                end: after_close(text, last_start),
                ids,
            });
        }
    };
    for b in &doc.body.blocks {
        if let Block::Group(g) = b {
            for v in &g.variants {
                let last = v.body.last().map_or(v.open_at, |r| r.end.max(v.open_at));
                visit(
                    v.open_at,
                    last,
                    v.ids.as_str().to_string(),
                    !shown_to(g, v, markets).is_empty(),
                );
            }
        }
    }
    if let Some(script) = &doc.body.script {
        for item in &script.items {
            if let ScriptItem::Group(g) = item {
                for v in &g.variants {
                    let last = v.body.last().map_or(v.open_at, |l| l.at.max(v.open_at));
                    visit(
                        v.open_at,
                        last,
                        v.ids.as_str().to_string(),
                        !shown_to(g, v, markets).is_empty(),
                    );
                }
            }
        }
    }
    out
}

/// The end of the first closing fence (a line of colons) from the line
/// holding `from` on, its line break and the blank lines after it included.
fn after_close(text: &str, from: usize) -> usize {
    let mut end = close_end(text, from);
    while end < text.len() {
        let next = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        if !text[end..next].trim().is_empty() {
            break;
        }
        end = next;
    }
    end
}

fn close_end(text: &str, from: usize) -> usize {
    // From the line holding `from`: the opening fence, the block's last line,
    // or (a body range ending at a line break) the closing fence itself.
    let mut at = text[..from].rfind('\n').map_or(0, |i| i + 1);
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = text[at..end].trim();
        if !line.is_empty() && line.chars().all(|c| c == ':') {
            return end;
        }
        at = end;
    }
    text.len()
}

/// `doc`'s text with the variant blocks that none of `markets` sees cut out.
pub fn seen_text(doc: &Document, markets: &[&Market]) -> String {
    let text = &doc.file.text;
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for u in unseen_blocks(doc, markets) {
        if u.open_at >= from {
            out.push_str(&text[from..u.open_at]);
            from = u.end;
        }
    }
    out.push_str(&text[from.min(text.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{doc, example_config};

    const BODY: &str = "Intro.\n\n:::variant{for=\"us\"}\nUS.\n:::\n\n:::variant{for=\"regulatory\"}\nREG.\n:::\n\n:::variant{for=\"default\"}\nDEFAULT.\n:::\n\nOutro.\n";

    #[test]
    fn a_block_no_reader_sees_is_unseen() {
        let config = example_config();
        let d = doc(BODY);
        let jp: Vec<&Market> = vec![config.market("jp").unwrap()];
        let ids: Vec<String> = unseen_blocks(&d, &jp).into_iter().map(|u| u.ids).collect();
        assert_eq!(ids, ["us", "regulatory"]);
        assert_eq!(
            seen_text(&d, &jp),
            "Intro.\n\n:::variant{for=\"default\"}\nDEFAULT.\n:::\n\nOutro.\n"
        );
        let fr_de: Vec<&Market> = ["fr", "de"]
            .iter()
            .map(|m| config.market(m).unwrap())
            .collect();
        let ids: Vec<String> = unseen_blocks(&d, &fr_de)
            .into_iter()
            .map(|u| u.ids)
            .collect();
        assert_eq!(ids, ["us", "default"]);
        // Every block seen: the text is whole.
        let all: Vec<&Market> = config.markets.iter().collect();
        assert!(unseen_blocks(&d, &all).is_empty());
        assert_eq!(seen_text(&d, &all), BODY);
    }

    #[test]
    fn script_blocks_are_cut_with_their_fences() {
        let config = example_config();
        let body = "::::script\nhook: H\n:::variant{for=\"us\"}\nbeat: US one\nbeat: US two\n:::\n:::variant{for=\"default\"}\nbeat: D one\nbeat: D two\n:::\ncta: C\n::::\n";
        let d = doc(body);
        let jp: Vec<&Market> = vec![config.market("jp").unwrap()];
        assert_eq!(
            seen_text(&d, &jp),
            "::::script\nhook: H\n:::variant{for=\"default\"}\nbeat: D one\nbeat: D two\n:::\ncta: C\n::::\n"
        );
    }
}
