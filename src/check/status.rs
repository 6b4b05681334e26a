//! `glasshouse l10n status`: per market and explainer, whether the page is the
//! source, a current, stale or unstamped translation, missing, or not published
//! there; per locale, how many of the reference messages it translates.

use super::staleness::stamp_for;
use crate::config::REFERENCE_LOCALE;
use crate::l10n::FtlFile;
use crate::load::Sources;
use crate::resolve::{Origin, is_published_in, select_document};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageStatus {
    Source,
    Current,
    Stale,
    /// A translation without `source_hash`: its freshness is unknown.
    Unstamped,
    /// No translation; the market shows the source with a notice.
    SourceShown,
    Missing,
    NotPublished,
}

impl PageStatus {
    fn symbol(self) -> &'static str {
        match self {
            PageStatus::Source => "source",
            PageStatus::Current => "current",
            PageStatus::Stale => "STALE",
            PageStatus::Unstamped => "unstamped",
            PageStatus::SourceShown => "MISSING (source shown)",
            PageStatus::Missing => "MISSING",
            PageStatus::NotPublished => "-",
        }
    }
}

#[derive(Serialize)]
pub struct ExplainerStatus {
    pub slug: String,
    /// Market id -> status, in config order.
    pub markets: BTreeMap<String, PageStatus>,
}

#[derive(Serialize)]
pub struct LocaleCoverage {
    pub locale: String,
    pub translated: usize,
    pub total: usize,
    pub percent: u32,
    /// Words to translate: new and stale text its markets show, and the
    /// reference messages it lacks (`check::words`).
    pub words: usize,
}

#[derive(Serialize)]
pub struct StatusReport {
    pub markets: Vec<String>,
    pub explainers: Vec<ExplainerStatus>,
    pub locales: Vec<LocaleCoverage>,
}

pub fn status(sources: &Sources) -> StatusReport {
    let config = &sources.config;
    let explainers = sources
        .library
        .explainers
        .iter()
        .map(|e| {
            let markets = config
                .markets
                .iter()
                .map(|m| {
                    let status = if !is_published_in(e, m, false) {
                        PageStatus::NotPublished
                    } else {
                        match select_document(e, m, config) {
                            None => PageStatus::Missing,
                            Some((_, Origin::Source)) => PageStatus::Source,
                            Some((_, Origin::UntranslatedSource)) => PageStatus::SourceShown,
                            Some((doc, Origin::Translation)) => match &doc.front.source_hash {
                                None => PageStatus::Unstamped,
                                Some(h) if *h == stamp_for(e, doc, config).whole => {
                                    PageStatus::Current
                                }
                                Some(_) => PageStatus::Stale,
                            },
                        }
                    };
                    (m.id.clone(), status)
                })
                .collect();
            ExplainerStatus {
                slug: e.slug.clone(),
                markets,
            }
        })
        .collect();
    let locales: BTreeSet<&str> = config
        .markets
        .iter()
        .map(|m| m.locale.as_str())
        .filter(|l| *l != REFERENCE_LOCALE)
        .collect();
    StatusReport {
        markets: config.markets.iter().map(|m| m.id.clone()).collect(),
        explainers,
        locales: locales.into_iter().map(|l| coverage(sources, l)).collect(),
    }
}

fn messages(files: &[FtlFile], locale: &str) -> BTreeSet<String> {
    files
        .iter()
        .filter(|f| f.locale == locale)
        .flat_map(|f| f.ids())
        .filter(|id| !id.starts_with('-'))
        .collect()
}

/// For a locale of the reference's language (en-GB), messages it inherits count:
/// it only overrides what differs.
fn coverage(sources: &Sources, locale: &str) -> LocaleCoverage {
    let files = &sources.ftl;
    let reference = messages(files, REFERENCE_LOCALE);
    let same_language = locale.split('-').next() == REFERENCE_LOCALE.split('-').next();
    let own = if same_language {
        reference.clone()
    } else {
        messages(files, locale)
    };
    let translated = reference.intersection(&own).count();
    let missing: Vec<String> = reference.difference(&own).cloned().collect();
    let total = reference.len();
    let percent = (translated * 100).checked_div(total).unwrap_or(100) as u32;
    LocaleCoverage {
        locale: locale.to_string(),
        translated,
        total,
        percent,
        words: super::words::words_to_translate(sources, locale, &missing),
    }
}

impl StatusReport {
    fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut c = BTreeMap::new();
        for e in &self.explainers {
            for s in e.markets.values() {
                *c.entry(s.symbol()).or_insert(0) += 1;
            }
        }
        c
    }

    pub fn render_table(&self) -> String {
        let mut rows: Vec<Vec<String>> = vec![
            std::iter::once("explainer".to_string())
                .chain(self.markets.iter().cloned())
                .collect(),
        ];
        for e in &self.explainers {
            rows.push(
                std::iter::once(e.slug.clone())
                    .chain(
                        self.markets
                            .iter()
                            .map(|m| e.markets[m].symbol().to_string()),
                    )
                    .collect(),
            );
        }
        let widths: Vec<usize> = (0..rows[0].len())
            .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for r in &rows {
            let cells: Vec<String> = r
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect();
            let _ = writeln!(out, "{}", cells.join("  ").trim_end());
        }
        let _ = writeln!(
            out,
            "\nmessages translated (of {REFERENCE_LOCALE}), and words to translate:"
        );
        for l in &self.locales {
            let _ = writeln!(
                out,
                "  {:<6} {:>3}/{:<3} {:>3}%  {:>6} {}",
                l.locale,
                l.translated,
                l.total,
                l.percent,
                l.words,
                if l.words == 1 { "word" } else { "words" }
            );
        }
        let counts: Vec<String> = self
            .counts()
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        let _ = writeln!(out, "\npages: {}", counts.join(", "));
        out
    }

    /// A GitHub-flavoured Markdown report, to post on a pull request.
    pub fn render_markdown(&self) -> String {
        let mut out = String::from("### Translation status\n\n");
        let _ = writeln!(out, "| explainer | {} |", self.markets.join(" | "));
        let _ = writeln!(out, "|---|{}", "---|".repeat(self.markets.len()));
        for e in &self.explainers {
            let cells: Vec<&str> = self
                .markets
                .iter()
                .map(|m| match e.markets[m] {
                    PageStatus::Source => "source",
                    PageStatus::Current => "✅ current",
                    PageStatus::Stale => "⚠️ stale",
                    PageStatus::Unstamped => "❔ unstamped",
                    PageStatus::SourceShown => "❌ missing (source shown)",
                    PageStatus::Missing => "❌ missing",
                    PageStatus::NotPublished => "—",
                })
                .collect();
            let _ = writeln!(out, "| `{}` | {} |", e.slug, cells.join(" | "));
        }
        let _ = writeln!(
            out,
            "\n| locale | messages translated | words to translate |\n|---|---|---|"
        );
        for l in &self.locales {
            let _ = writeln!(
                out,
                "| {} | {}/{} ({}%) | {} |",
                l.locale, l.translated, l.total, l.percent, l.words
            );
        }
        let counts: Vec<String> = self
            .counts()
            .iter()
            .map(|(k, v)| format!("{v} {}", k.to_lowercase()))
            .collect();
        let _ = writeln!(out, "\nPages: {}.", counts.join(", "));
        out
    }
}
