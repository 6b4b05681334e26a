//! XLIFF 2.0 for the translation vendor: `l10n export` cuts what the markets of
//! one locale read into segments (explainers and Fluent messages) and writes
//! them with their current translation and state.
//!
//! A segment is `translated` when the translation file exists, is stamped
//! (`glasshouse l10n stamp`), the section of the source it lies in has the hash
//! stamped for it, and the translation has a segment of the same id; it is
//! `initial` otherwise: missing (no target) or stale (a target from a source
//! that has changed since). A Fluent message is `translated` when the locale's
//! `.ftl` files define it.

use crate::check::staleness::{SourceStamp, stamp_seen};
use crate::config::{Config, Market, REFERENCE_LOCALE};
use crate::content::{Document, EXPLAINERS_DIR, Explainer, Role};
use crate::diagnostics::content_hash;
use crate::l10n::{FtlFile, Layer};
use crate::load::Sources;
use crate::resolve::{Origin, is_published_in, select_document};
use inline::{Inline, plain};
use segments::{Cut, Kind, Segment, segments};
use std::collections::BTreeMap;

mod fluent;
mod import;
pub mod inline;
mod messages;
pub mod read;
pub mod segments;
mod write;

pub use import::{Refusal, Write, plan_import};
pub use read::parse_xliff;
pub use write::render_xliff;

/// Which units an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// No translation yet.
    Missing,
    /// A translation of an older source.
    Stale,
    /// Missing and stale: what a vendor has to translate.
    Todo,
    /// Every unit, the current translations included.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Initial,
    Translated,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Initial => "initial",
            State::Translated => "translated",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    /// (category, text), in order.
    pub notes: Vec<(String, String)>,
    pub source: Vec<Inline>,
    pub target: Option<Vec<Inline>>,
    pub state: State,
}

#[derive(Debug, Clone)]
pub struct XFile {
    pub id: String,
    pub original: String,
    pub notes: Vec<(String, String)>,
    pub units: Vec<Unit>,
}

/// One XLIFF document: the files of one target locale.
#[derive(Debug, Clone)]
pub struct Xliff {
    pub src_lang: String,
    pub trg_lang: String,
    pub files: Vec<XFile>,
}

/// Why a locale cannot be exported.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("no market of glasshouse.yaml reads `{0}`: give a market's locale or language")]
    NoMarket(String),
    #[error("the markets of `{0}` read the source language: there is nothing to translate")]
    SourceLanguage(String),
}

/// The export of `locale`.
pub fn export(sources: &Sources, locale: &str, only: Only) -> Result<Xliff, ExportError> {
    let config = &sources.config;
    let markets = config.markets_of(locale);
    if markets.is_empty() {
        return Err(ExportError::NoMarket(locale.to_string()));
    }
    if markets
        .iter()
        .all(|m| m.language() == config.source_language)
    {
        return Err(ExportError::SourceLanguage(locale.to_string()));
    }
    let mut files = Vec::new();
    for e in &sources.library.explainers {
        if let Some(f) = explainer_file(e, &markets, config) {
            files.push(f);
        }
    }
    files.extend(fluent_files(sources, &markets));
    for f in &mut files {
        f.units.retain(|u| keep(u, only));
    }
    files.retain(|f| !f.units.is_empty());
    Ok(Xliff {
        src_lang: source_tag(config),
        trg_lang: locale.to_string(),
        files,
    })
}

fn keep(u: &Unit, only: Only) -> bool {
    match only {
        Only::All => true,
        Only::Todo => u.state == State::Initial,
        Only::Missing => u.target.is_none(),
        Only::Stale => u.state == State::Initial && u.target.is_some(),
    }
}

/// The source's language tag: the reference locale when it is of the source
/// language, else the language itself.
fn source_tag(config: &Config) -> String {
    if REFERENCE_LOCALE.split('-').next() == Some(config.source_language.as_str()) {
        REFERENCE_LOCALE.to_string()
    } else {
        config.source_language.clone()
    }
}

/// An explainer as the markets of a locale read it: the source's segments
/// they see, and the translation they read with its segments by id.
pub struct Parts<'a> {
    pub readers: Vec<&'a Market>,
    pub translation: Option<&'a Document>,
    pub source: Vec<Segment>,
    pub targets: BTreeMap<String, Segment>,
}

/// The parts of `e` for `markets`, `None` when none of them publishes it.
pub fn explainer_parts<'a>(
    e: &'a Explainer,
    markets: &[&'a Market],
    config: &Config,
) -> Option<Parts<'a>> {
    let readers: Vec<&Market> = (markets.iter().copied())
        .filter(|m| is_published_in(e, m, true))
        .collect();
    // The translation these markets read now, if any.
    let translation: Option<&Document> = match select_document(e, readers.first()?, config) {
        Some((doc, Origin::Translation)) => Some(doc),
        _ => None,
    };
    let (source, headings) = segments(
        &e.source,
        &Cut {
            markets: &readers,
            source_headings: None,
        },
    );
    let targets: BTreeMap<String, Segment> = translation
        .map(|t| {
            let cut = Cut {
                markets: &readers,
                source_headings: Some(&headings),
            };
            (segments(t, &cut).0.into_iter())
                .map(|s| (s.id.clone(), s))
                .collect()
        })
        .unwrap_or_default();
    Some(Parts {
        readers,
        translation,
        source,
        targets,
    })
}

fn explainer_file(e: &Explainer, markets: &[&Market], config: &Config) -> Option<XFile> {
    let Parts {
        readers,
        translation,
        source,
        targets,
    } = explainer_parts(e, markets, config)?;
    let first = readers.first()?;
    let stamp = stamp_seen(e, &readers);
    let lang = first.language();
    let units = (source.into_iter())
        .map(|s| {
            let target = targets.get(&s.id).map(|t| t.content.clone());
            let current =
                target.is_some() && translation.is_some_and(|t| is_current(t, &stamp, &s));
            let notes = segment_notes(&s, config, &lang);
            Unit {
                id: s.id,
                notes,
                source: s.content,
                target,
                state: if current {
                    State::Translated
                } else {
                    State::Initial
                },
            }
        })
        .collect();
    let mut notes = Vec::new();
    if let Some(t) = translation {
        notes.push(("translation".to_string(), t.file.path.clone()));
    }
    Some(XFile {
        id: format!("explainer-{}", e.slug),
        original: format!("{EXPLAINERS_DIR}/{}.md", e.slug),
        notes,
        units,
    })
}

/// Whether the translation was stamped from a source whose section holding
/// `s` is as it is now.
fn is_current(translation: &Document, stamp: &SourceStamp, s: &Segment) -> bool {
    let front = &translation.front;
    if front.source_hash.as_deref() == Some(stamp.whole.as_str()) {
        return true;
    }
    let now = stamp.sections.get(&s.section);
    let then = front
        .source_sections
        .as_ref()
        .and_then(|m| m.get(&s.section));
    front.source_hash.is_some() && now.is_some() && now == then
}

fn segment_notes(s: &Segment, config: &Config, lang: &str) -> Vec<(String, String)> {
    let mut framings: Vec<&str> = Vec::new();
    for id in &s.markets {
        if let Some(m) = config.market(id)
            && !framings.contains(&m.framing.as_str())
        {
            framings.push(&m.framing);
        }
    }
    let mut notes = vec![
        ("markets".to_string(), s.markets.join(" ")),
        ("framing".to_string(), framings.join(" ")),
        ("source-hash".to_string(), source_hash(&s.content)),
    ];
    if let Kind::Script(role) = s.kind {
        notes.push(("role".to_string(), role.as_str().to_string()));
        match role {
            Role::Hook => notes.push((
                "limit".to_string(),
                format!(
                    "spoken in at most {} seconds",
                    config.scripts.hook_max_seconds
                ),
            )),
            Role::Screen => notes.push((
                "limit".to_string(),
                format!(
                    "at most {} characters: on-screen text shows two caption lines",
                    2.0 * crate::scripts::vtt::max_line_width(lang)
                ),
            )),
            _ => {}
        }
    }
    notes
}

/// A short hash of a segment's source text: the vendor's and the import's
/// proof of what was translated.
pub fn source_hash(content: &[Inline]) -> String {
    format!("{:016x}", content_hash(plain(content).as_bytes()))[..12].to_string()
}

/// One file for the site's Fluent messages of each locale the markets use;
/// the source is the reference locale's.
fn fluent_files(sources: &Sources, markets: &[&Market]) -> Vec<XFile> {
    fn site<'s>(sources: &'s Sources, locale: &'s str) -> impl Iterator<Item = &'s FtlFile> {
        (sources.ftl.iter()).filter(move |f| f.layer == Layer::Site && f.locale == locale)
    }
    let reference = fluent::by_id(site(sources, REFERENCE_LOCALE));
    let mut locales: Vec<&str> = Vec::new();
    for m in markets {
        if !locales.contains(&m.locale.as_str()) {
            locales.push(&m.locale);
        }
    }
    let mut out = Vec::new();
    for locale in locales {
        if locale == REFERENCE_LOCALE {
            continue;
        }
        let targets = fluent::by_id(site(sources, locale));
        let readers: Vec<&str> = (markets.iter())
            .filter(|m| m.locale == locale)
            .map(|m| m.id.as_str())
            .collect();
        let units = (reference.values())
            .map(|m| {
                let target = targets.get(&m.id).map(|t| t.content.clone());
                let mut notes = vec![
                    ("markets".to_string(), readers.join(" ")),
                    ("source-hash".to_string(), source_hash(&m.content)),
                ];
                if let Some(c) = &m.comment {
                    notes.push(("comment".to_string(), c.clone()));
                }
                Unit {
                    id: segments::nmtoken(&m.id),
                    notes,
                    source: m.content.clone(),
                    state: if target.is_some() {
                        State::Translated
                    } else {
                        State::Initial
                    },
                    target,
                }
            })
            .collect();
        out.push(XFile {
            id: segments::nmtoken(&format!("messages-{locale}")),
            original: format!("locales/{locale}/"),
            notes: Vec::new(),
            units,
        });
    }
    out
}
