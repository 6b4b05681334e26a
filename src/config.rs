//! `glasshouse.yaml` -> [`Config`], validated once.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Severity, SourceFile};
use crate::yaml;
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::HashSet;
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

#[derive(Deserialize)]
#[serde(untagged)]
enum RawLevel {
    All(Level),
    PerMarket(IndexMap<String, Level>),
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
    /// The pseudo-locale market of `--pseudo`.
    pub pseudo: bool,
}

impl Market {
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
}

fn default_max_seconds() -> f64 {
    60.0
}
fn default_hook_seconds() -> f64 {
    3.0
}

impl Default for ScriptLimits {
    fn default() -> Self {
        ScriptLimits {
            max_seconds: default_max_seconds(),
            hook_max_seconds: default_hook_seconds(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    #[serde(default = "default_source_language")]
    source_language: String,
    #[serde(default = "default_theme")]
    theme: String,
    framings: IndexMap<String, String>,
    markets: IndexMap<String, RawMarket>,
    #[serde(default)]
    scripts: ScriptLimits,
    #[serde(default)]
    allow_raw_html: bool,
    #[serde(default)]
    severity: IndexMap<String, RawLevel>,
}

fn default_source_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarket {
    name: String,
    locale: String,
    framing: String,
    #[serde(default)]
    fallback: Vec<String>,
    path: Option<String>,
    base_url: Option<String>,
    #[serde(default)]
    untranslated: Untranslated,
}

impl Config {
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

/// Parse and validate the text of `glasshouse.yaml`. All problems are pushed into
/// `diags`; `None` when the config cannot be used.
pub fn parse_config(file: &SourceFile, diags: &mut Diagnostics) -> Option<Config> {
    let raw: RawConfig = match yaml::from_str(&file.text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(yaml::error_diagnostic(file, &e, 0, Code::Config));
            return None;
        }
    };
    let before = diags.error_count();
    let at = |path: &[&str]| locate_key(file, path);

    let base_url = normalize_base_url(&raw.base_url).unwrap_or_else(|| {
        diags.push(
            Diagnostic::error(
                Code::Config,
                format!("base_url `{}` is not an absolute http(s) URL", raw.base_url),
            )
            .at(at(&["base_url"]))
            .help("for example `base_url: https://trust.example.com/`"),
        );
        String::new()
    });

    let mut framings = Vec::new();
    for (id, description) in &raw.framings {
        if !is_id(id) || id == "default" {
            diags.push(
                Diagnostic::error(Code::Config, format!("framing id `{id}` is not valid"))
                    .at(at(&["framings", id]))
                    .help(
                        "ids are lower-case letters, digits and hyphens, and `default` is reserved",
                    ),
            );
        }
        framings.push(Framing {
            id: id.clone(),
            description: description.clone(),
        });
    }

    let mut markets = Vec::new();
    let mut paths: HashSet<String> = HashSet::new();
    for (id, m) in raw.markets {
        let here = |key: &str| at(&["markets", &id, key]);
        if !is_id(&id) || id == "default" || raw.framings.contains_key(&id) {
            diags.push(
                Diagnostic::error(Code::Config, format!("market id `{id}` is not valid"))
                    .at(at(&["markets", &id]))
                    .help("ids are lower-case letters, digits and hyphens, distinct from framing ids and `default`"),
            );
        }
        if !raw.framings.contains_key(&m.framing) {
            let known: Vec<&str> = raw.framings.keys().map(String::as_str).collect();
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("market `{id}` has unknown framing `{}`", m.framing),
                )
                .at(here("framing"))
                .help(format!("known framings: {}", known.join(", "))),
            );
        }
        let langid = match parse_locale(&m.locale) {
            Some(l) => l,
            None => {
                diags.push(
                    Diagnostic::error(
                        Code::Config,
                        format!("market `{id}` has an invalid locale tag `{}`", m.locale),
                    )
                    .at(here("locale"))
                    .help("use a BCP 47 tag such as `en-GB` or `es-MX`"),
                );
                LanguageIdentifier::default()
            }
        };
        let mut fallback = Vec::new();
        for f in &m.fallback {
            match parse_locale(f) {
                Some(l) => fallback.push(l.to_string()),
                None => diags.push(
                    Diagnostic::error(
                        Code::Config,
                        format!("market `{id}` has an invalid fallback locale `{f}`"),
                    )
                    .at(here("fallback")),
                ),
            }
        }
        let path = match &m.path {
            Some(p) => normalize_path(p),
            None => format!("{id}/"),
        };
        let safe_segment = |seg: &str| {
            !seg.is_empty()
                && seg != "."
                && seg != ".."
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        };
        if path.is_empty() {
            diags.push(
                Diagnostic::error(Code::Config,
                    format!("market `{id}` has an empty path: its home would replace the market chooser at the site's root"),
                )
                .at(here("path"))
                .help("give the market its own folder (`path: us/`); to publish one market at the root of its own domain, build it with `--market ID --base-url URL`"),
            );
        } else if !path.trim_end_matches('/').split('/').all(safe_segment) {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!(
                        "market `{id}` has the path `{}`, which is not a URL path inside the site",
                        m.path.as_deref().unwrap_or_default()
                    ),
                )
                .at(here("path"))
                .help("use letters, digits, `-` and `_` between slashes: `path: en-gb/`"),
            );
        }
        let own_base = match &m.base_url {
            Some(u) => {
                match normalize_base_url(u) {
                    Some(u) => Some(u),
                    None => {
                        diags.push(
                        Diagnostic::error(Code::Config, format!("market `{id}` has a base_url that is not an absolute http(s) URL"))
                            .at(here("base_url")),
                    );
                        None
                    }
                }
            }
            None => None,
        };
        if own_base.is_none() && !paths.insert(path.clone()) {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("market `{id}` uses the URL prefix `/{path}` of another market"),
                )
                .at(at(&["markets", &id]))
                .help("give each market its own `path` (or its own `base_url`)"),
            );
        }
        markets.push(Market {
            id,
            name: m.name,
            locale: langid.to_string(),
            langid,
            framing: m.framing,
            fallback,
            path,
            base_url: own_base,
            untranslated: m.untranslated,
            pseudo: false,
        });
    }
    if markets.is_empty() {
        diags.push(
            Diagnostic::error(Code::Config, "no markets are configured").at(at(&["markets"])),
        );
    }
    if !(raw.scripts.max_seconds > 0.0 && raw.scripts.hook_max_seconds > 0.0) {
        diags.push(
            Diagnostic::error(
                Code::Config,
                "script limits must be positive numbers of seconds",
            )
            .at(at(&["scripts"])),
        );
    }
    if !is_id(&raw.theme) {
        diags.push(
            Diagnostic::error(
                Code::Config,
                format!("theme `{}` is not a folder name under themes/", raw.theme),
            )
            .at(at(&["theme"]))
            .help("name a theme by its folder: `theme: default` reads themes/default/"),
        );
    }
    if !is_id(&raw.source_language) {
        diags.push(
            Diagnostic::error(
                Code::Config,
                format!(
                    "source_language `{}` is not a language subtag",
                    raw.source_language
                ),
            )
            .at(at(&["source_language"])),
        );
    }
    let mut severity = Vec::new();
    for (name, rule) in raw.severity {
        let Some(code) = Code::from_name(&name) else {
            let names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("`severity` names unknown code `{name}`"),
                )
                .at(at(&["severity", &name]))
                .help(format!("codes: {}", names.join(", "))),
            );
            continue;
        };
        match rule {
            RawLevel::All(level) => severity.push((code, None, level)),
            RawLevel::PerMarket(map) => {
                for (market, level) in map {
                    let known =
                        market == "default" || markets.iter().any(|m: &Market| m.id == market);
                    if !known {
                        diags.push(
                            Diagnostic::error(
                                Code::Config,
                                format!("`severity.{code}` names unknown market `{market}`"),
                            )
                            .at(at(&["severity", &name, &market])),
                        );
                    }
                    severity.push((code, (market != "default").then_some(market), level));
                }
            }
        }
    }
    if diags.error_count() > before {
        return None;
    }
    Some(Config {
        base_url,
        source_language: raw.source_language,
        theme: raw.theme,
        framings,
        markets,
        scripts: raw.scripts,
        allow_raw_html: raw.allow_raw_html,
        severity,
    })
}

/// A lower-case id: letters, digits and inner hyphens.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn parse_locale(tag: &str) -> Option<LanguageIdentifier> {
    // unic-langid accepts `_` as a separator; BCP 47 and hreflang do not.
    if tag.contains('_') || tag.is_empty() {
        return None;
    }
    tag.parse::<LanguageIdentifier>().ok()
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

fn normalize_path(p: &str) -> String {
    let p = p.trim_matches('/');
    if p.is_empty() {
        String::new()
    } else {
        format!("{p}/")
    }
}

/// Find the line of a key path in block- or flow-style YAML, for diagnostics on
/// values that parsed but do not validate. Falls back to the parent key, then line 1.
pub fn locate_key(file: &SourceFile, path: &[&str]) -> Location {
    file.location(crate::yaml::key_offset(&file.text, path).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let f = SourceFile::new("glasshouse.yaml", text);
        let mut d = Diagnostics::new();
        let c = parse_config(&f, &mut d);
        (c, d.into_sorted())
    }

    const GOOD: &str = "base_url: https://trust.example.com\nframings:\n  transparency: T\n  regulatory: R\nmarkets:\n  us: { name: United States, locale: en-US, framing: transparency }\n  uk:\n    name: United Kingdom\n    locale: en-gb\n    framing: regulatory\n    fallback: [en-US]\n";

    #[test]
    fn parses_markets_in_order_with_canonical_locales() {
        let (c, d) = parse(GOOD);
        assert!(d.is_empty(), "{d:?}");
        let c = c.unwrap();
        assert_eq!(c.base_url, "https://trust.example.com/");
        let ids: Vec<_> = c.markets.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["us", "uk"]);
        assert_eq!(c.markets[1].locale, "en-GB");
        assert_eq!(c.markets[1].path, "uk/");
        assert_eq!(c.markets[1].locale_chain(), ["en-GB", "en-US"]);
    }

    #[test]
    fn unknown_framing_names_the_line() {
        let (c, d) = parse(&GOOD.replace("framing: regulatory", "framing: legal"));
        assert!(c.is_none());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::Config);
        let loc = d[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (10, 5));
        assert!(d[0].message.contains("unknown framing `legal`"));
    }

    #[test]
    fn invalid_locale_in_flow_mapping_points_at_the_key() {
        let (_, d) = parse(&GOOD.replace("locale: en-US", "locale: en_US"));
        let loc = d[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (6, 30));
        assert!(d[0].message.contains("invalid locale tag `en_US`"));
    }

    #[test]
    fn a_market_path_or_theme_that_leaves_the_site_is_an_error() {
        for path in ["../../outside/", "uk/../../x", "/./", "a b/"] {
            let (c, d) = parse(&GOOD.replace(
                "    fallback: [en-US]\n",
                &format!("    path: \"{path}\"\n"),
            ));
            assert!(c.is_none(), "{path}");
            assert!(
                d[0].message.contains("not a URL path inside the site"),
                "{path}: {d:?}"
            );
            assert_eq!(d[0].location.as_ref().unwrap().line, 11, "{path}");
        }
        let (_, d) = parse(&GOOD.replace(
            "base_url: https://trust.example.com\n",
            "base_url: https://trust.example.com\ntheme: ../../etc\n",
        ));
        let theme = d
            .iter()
            .find(|d| d.message.contains("theme `../../etc`"))
            .unwrap();
        assert_eq!(theme.location.as_ref().unwrap().line, 2);
        let (c, d) = parse(&GOOD.replace("    fallback: [en-US]\n", "    path: en/gb\n"));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.unwrap().markets[1].path, "en/gb/");
    }

    #[test]
    fn two_markets_on_one_prefix_is_an_error() {
        let (_, d) = parse(&GOOD.replace("    fallback: [en-US]\n", "    path: /us/\n"));
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("URL prefix `/us/`"));
        assert_eq!(d[0].location.as_ref().unwrap().line, 7);
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let (_, d) = parse(&GOOD.replace("    fallback: [en-US]\n", "    fallbacks: [en-US]\n"));
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("unknown field `fallbacks`"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].location.as_ref().unwrap().line, 11);
    }
}
