//! `glasshouse.yaml` -> [`Config`], validated once (`parse`).

mod brand;
mod parse;

pub use brand::{Brand, LegalKind, check_brand_files};

pub use parse::parse_config;

use crate::diagnostics::{Code, Diagnostics, Location, Severity, SourceFile};
use serde::Deserialize;
use unic_langid::LanguageIdentifier;

pub const CONFIG_FILE: &str = "glasshouse.yaml";
/// The locale every message chain ends with, and against which coverage is measured.
pub const REFERENCE_LOCALE: &str = "en-US";

#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute, ends with `/`.
    pub base_url: String,
    pub source_language: String,
    pub theme: String,
    pub framings: Vec<Framing>,
    pub markets: Vec<Market>,
    pub scripts: ScriptLimits,
    pub allow_raw_html: bool,
    pub brand: Brand,
    /// Severity overrides: (code, market or `None` for all, level).
    pub severity: Vec<(Code, Option<String>, Level)>,
}

/// What a site makes of a diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    /// Not reported.
    Allow,
}

#[derive(Debug, Clone)]
pub struct Framing {
    pub id: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct Market {
    pub id: String,
    pub name: String,
    /// Canonical BCP 47 form, for example `en-GB`.
    pub locale: String,
    pub langid: LanguageIdentifier,
    pub framing: String,
    /// Locales tried after `locale` and before the reference locale.
    pub fallback: Vec<String>,
    /// URL path under the site's base URL, ends with `/` (default `<id>/`).
    pub path: String,
    /// The market's own base URL, when it is published on its own domain.
    pub base_url: Option<String>,
    pub untranslated: Untranslated,
    /// The share the market must have in its own language (`min_translated`).
    pub min_translated: Option<MinTranslated>,
    /// The pseudo-locale market of `--pseudo`.
    pub pseudo: bool,
    /// Its footer's legal links, in order (the site's `legal.links` under its own).
    pub legal: Vec<(LegalKind, String)>,
}

/// A market's `min_translated`: a percentage, and where the config sets it
/// (the finding of a market below it points there).
#[derive(Debug, Clone)]
pub struct MinTranslated {
    pub percent: f64,
    pub at: Location,
}

/// The markets of `markets` that read `locale`: those whose locale is
/// `locale`, else those whose language is `locale` (`fr` names every French
/// market, `es` Mexico's when there is no `es-ES`).
pub fn markets_of<'m>(
    markets: impl Iterator<Item = &'m Market> + Clone,
    locale: &str,
) -> Vec<&'m Market> {
    let exact: Vec<&Market> = (markets.clone())
        .filter(|m| m.locale.eq_ignore_ascii_case(locale))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    markets
        .filter(|m| m.language().eq_ignore_ascii_case(locale))
        .collect()
}

/// The writing direction of a language tag, for `dir`: `rtl` for Arabic,
/// Hebrew, Persian and the other right-to-left scripts (CLDR's layout data,
/// through unic-langid), else `ltr`.
pub fn text_direction(tag: &str) -> &'static str {
    tag.parse().map_or("ltr", |l| direction(&l))
}

fn direction(l: &LanguageIdentifier) -> &'static str {
    match l.character_direction() {
        unic_langid::CharacterDirection::RTL => "rtl",
        _ => "ltr",
    }
}

impl Market {
    /// `rtl` or `ltr`, from its locale.
    pub fn dir(&self) -> &'static str {
        direction(&self.langid)
    }

    /// The language subtag, for example `es` for `es-MX`.
    pub fn language(&self) -> String {
        self.langid.language.as_str().to_string()
    }

    /// Its message chain: own locale, configured fallbacks, then the reference locale.
    pub fn locale_chain(&self) -> Vec<String> {
        let mut chain = vec![self.locale.clone()];
        for l in self
            .fallback
            .iter()
            .map(String::as_str)
            .chain([REFERENCE_LOCALE])
        {
            if !chain.iter().any(|c| c == l) {
                chain.push(l.to_string());
            }
        }
        chain
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Untranslated {
    /// Leave a page without a translation out of the market (a warning).
    #[default]
    Omit,
    /// Publish the source with a localized notice and a canonical link to the source page.
    Source,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptLimits {
    #[serde(default = "default_max_seconds")]
    pub max_seconds: f64,
    #[serde(default = "default_hook_seconds")]
    pub hook_max_seconds: f64,
    /// A beat longer than this is a `long-beat` warning.
    #[serde(default = "default_beat_seconds")]
    pub beat_max_seconds: f64,
    /// Link the creator scripts from the consumer pages (explainers, footer).
    /// Off: they are the marketing team's material, built but not advertised.
    #[serde(default)]
    pub link_from_pages: bool,
}

fn default_max_seconds() -> f64 {
    60.0
}
fn default_hook_seconds() -> f64 {
    3.0
}
fn default_beat_seconds() -> f64 {
    8.0
}

impl Default for ScriptLimits {
    fn default() -> Self {
        ScriptLimits {
            max_seconds: default_max_seconds(),
            hook_max_seconds: default_hook_seconds(),
            beat_max_seconds: default_beat_seconds(),
            link_from_pages: false,
        }
    }
}

impl Config {
    /// The markets that read `locale` (see `markets_of`).
    pub fn markets_of(&self, locale: &str) -> Vec<&Market> {
        markets_of(self.markets.iter(), locale)
    }

    /// The level the site sets for `code` in `market`, if any: a market's own
    /// setting wins over the site-wide one.
    pub fn level(&self, code: Code, market: Option<&str>) -> Option<Level> {
        let rules = self.severity.iter().filter(|(c, _, _)| *c == code);
        let own = market.and_then(|m| rules.clone().find(|(_, rm, _)| rm.as_deref() == Some(m)));
        own.or_else(|| rules.clone().find(|(_, rm, _)| rm.is_none()))
            .map(|(_, _, l)| *l)
    }

    /// Apply the site's severity settings to `diags`: raise, lower or drop
    /// findings by code, for all markets or one.
    pub fn apply_levels(&self, diags: &mut Diagnostics) {
        if self.severity.is_empty() {
            return;
        }
        diags.retain_mut(|d| match self.level(d.code, d.market.as_deref()) {
            Some(Level::Allow) => false,
            Some(Level::Error) => {
                d.severity = Severity::Error;
                true
            }
            Some(Level::Warning) => {
                d.severity = Severity::Warning;
                true
            }
            None => true,
        });
    }

    pub fn market(&self, id: &str) -> Option<&Market> {
        self.markets.iter().find(|m| m.id == id)
    }

    pub fn is_framing(&self, id: &str) -> bool {
        self.framings.iter().any(|f| f.id == id)
    }

    /// Ids that a variant's `for`, or an explainer's `markets`, may name.
    pub fn is_target_id(&self, id: &str) -> bool {
        self.market(id).is_some() || self.is_framing(id)
    }
}

/// A lower-case id: letters, digits and inner hyphens.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// `https://x.example/a` -> `https://x.example/a/`; `None` when not absolute http(s).
pub fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || url.contains(['?', '#', ' ', '"', '<', '>']) {
        return None;
    }
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// Find the line of a key path in block- or flow-style YAML, for diagnostics on
/// values that parsed but do not validate. Falls back to the parent key, then line 1.
pub fn locate_key(file: &SourceFile, path: &[&str]) -> Location {
    file.location(crate::yaml::key_offset(&file.text, path).unwrap_or(0))
}

#[cfg(test)]
mod tests;
