//! `min_translated`: a market must have at least that share of the explainers
//! it publishes in its own language, and of the reference locale's messages in
//! its locale chain before the reference. A market under either share is an
//! error of that market (`below-min-translated`), at its `min_translated` key.

use super::Plan;
use crate::config::{Market, MinTranslated, REFERENCE_LOCALE};
use crate::diagnostics::{Code, Diagnostic, plural};
use crate::l10n::{FtlFile, message_ids};
use crate::load::Sources;
use crate::resolve::{Origin, is_published_in};

/// A share: how many of how many, and the first few that are not in it.
#[derive(Debug, PartialEq)]
struct Share<'a> {
    done: usize,
    total: usize,
    lacking: Vec<&'a str>,
}

impl Share<'_> {
    /// Whether the share is below `percent` (nothing to translate is never below).
    fn below(&self, percent: f64) -> bool {
        (self.done as f64) * 100.0 < percent * self.total as f64
    }
}

/// The built markets below their `min_translated`: a finding a measure.
/// `drafts` says whether drafts are published (they count then).
pub fn check_completeness(sources: &Sources, plan: &Plan, drafts: bool) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (mi, mp) in plan.markets.iter().enumerate() {
        let (Some(min), true) = (&mp.market.min_translated, mp.built) else {
            continue;
        };
        let explainers = explainer_share(sources, plan, mi, drafts);
        if explainers.below(min.percent) {
            found.push(explainers_finding(mp.market, min, &explainers));
        }
        let messages = message_share(&sources.ftl, mp.market);
        if messages.below(min.percent) {
            found.push(messages_finding(mp.market, min, &messages));
        }
    }
    found
}

/// Of the explainers market `mi` publishes, those it has in its language: a
/// translation, or the source in a market of the source language. The source
/// shown under `untranslated: source`, and a missing translation, are not.
fn explainer_share<'s>(sources: &'s Sources, plan: &Plan, mi: usize, drafts: bool) -> Share<'s> {
    let market = plan.markets[mi].market;
    let mut share = Share {
        done: 0,
        total: 0,
        lacking: Vec::new(),
    };
    for (ei, e) in sources.library.explainers.iter().enumerate() {
        if !is_published_in(e, market, drafts) {
            continue;
        }
        share.total += 1;
        match plan.page(mi, ei).map(|p| p.origin) {
            Some(Origin::Source | Origin::Translation) => share.done += 1,
            Some(Origin::UntranslatedSource) | None => share.lacking.push(&e.slug),
        }
    }
    share
}

/// Of the reference locale's messages, those that `market`'s chain defines
/// before falling back to the reference. As the `missing-message` check has
/// it, a locale of the reference's language only overrides: such a market
/// lacks nothing, and such a fallback of another market's translates nothing.
fn message_share<'f>(files: &'f [FtlFile], market: &Market) -> Share<'f> {
    let reference = message_ids(files, REFERENCE_LOCALE);
    let ref_lang = REFERENCE_LOCALE.split('-').next().unwrap_or_default();
    let mut share = Share {
        done: 0,
        total: reference.len(),
        lacking: Vec::new(),
    };
    if market.language() == ref_lang {
        share.done = share.total;
        return share;
    }
    let chain: Vec<_> = (market.locale_chain().iter())
        .filter(|l| l.split('-').next() != Some(ref_lang))
        .map(|l| message_ids(files, l))
        .collect();
    for id in reference {
        if chain.iter().any(|ids| ids.contains(id)) {
            share.done += 1;
        } else {
            share.lacking.push(id);
        }
    }
    share
}

fn explainers_finding(market: &Market, min: &MinTranslated, share: &Share) -> Diagnostic {
    let message = format!(
        "market `{}` publishes {} of {} translated ({}), below its min_translated of {}%",
        market.id,
        share.done,
        plural(share.total, "explainer"),
        percent(share, min.percent),
        min.percent
    );
    let help = format!(
        "not in {} yet: {}; add content/explainers/<slug>.{}.md",
        market.locale,
        named(&share.lacking),
        market.language()
    );
    finding(market, min, message, help)
}

fn messages_finding(market: &Market, min: &MinTranslated, share: &Share) -> Diagnostic {
    let message = format!(
        "market `{}` has {} of {} translated ({}), below its min_translated of {}%",
        market.id,
        share.done,
        plural(share.total, &format!("{REFERENCE_LOCALE} message")),
        percent(share, min.percent),
        min.percent
    );
    let help = format!(
        "not in its locales yet: {}; translate them in locales/{}/",
        named(&share.lacking),
        market.locale
    );
    finding(market, min, message, help)
}

fn finding(market: &Market, min: &MinTranslated, message: String, help: String) -> Diagnostic {
    Diagnostic::error(Code::BelowMinTranslated, message)
        .at(min.at.clone())
        .market(market.id.clone())
        .help(help)
}

/// A share below `min` as a percentage: rounded, unless rounding would reach
/// `min`; then cut to a tenth, which stays below it.
fn percent(share: &Share, min: f64) -> String {
    let p = share.done as f64 * 100.0 / share.total as f64;
    if p.round() < min {
        format!("{}%", p.round())
    } else {
        format!("{}%", (p * 10.0).floor() / 10.0)
    }
}

/// The first few names, in backticks.
fn named(names: &[&str]) -> String {
    const SHOWN: usize = 5;
    let list: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    match names.len().saturating_sub(SHOWN) {
        0 => list.join(", "),
        n => format!("{} and {n} more", list.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(done: usize, total: usize) -> Share<'static> {
        Share {
            done,
            total,
            lacking: Vec::new(),
        }
    }

    #[test]
    fn a_share_is_below_only_when_strictly_under() {
        assert!(share(4, 6).below(90.0));
        assert!(!share(9, 10).below(90.0));
        assert!(share(8, 10).below(80.1));
        assert!(!share(0, 0).below(100.0));
        assert!(!share(0, 5).below(0.0));
    }

    #[test]
    fn the_figure_shown_never_reaches_the_minimum() {
        assert_eq!(percent(&share(4, 6), 90.0), "67%");
        assert_eq!(percent(&share(2, 3), 67.0), "66.6%");
        assert_eq!(percent(&share(199, 200), 100.0), "99.5%");
        assert_eq!(percent(&share(0, 3), 10.0), "0%");
    }

    #[test]
    fn names_are_cut_after_five() {
        assert_eq!(named(&["a", "b"]), "`a`, `b`");
        assert_eq!(
            named(&["a", "b", "c", "d", "e", "f", "g"]),
            "`a`, `b`, `c`, `d`, `e` and 2 more"
        );
    }
}
