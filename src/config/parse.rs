//! Reading and validating `glasshouse.yaml`: every problem is a finding at the
//! key it concerns, and all of them are reported.

use super::brand::{LegalLinks, RawBrand, RawLegal, brand, legal_links};
use super::{
    Code, Config, Framing, Level, Market, MinTranslated, ScriptLimits, Untranslated, is_id,
    locate_key, normalize_base_url,
};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, SourceFile};
use crate::yaml;
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::HashSet;
use unic_langid::LanguageIdentifier;

#[derive(Deserialize)]
#[serde(untagged)]
enum RawLevel {
    All(Level),
    PerMarket(IndexMap<String, Level>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    #[serde(default = "default_source_language")]
    source_language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(deserialize_with = "yaml::unique_keys")]
    framings: IndexMap<String, String>,
    #[serde(deserialize_with = "yaml::unique_keys")]
    markets: IndexMap<String, RawMarket>,
    #[serde(default)]
    scripts: ScriptLimits,
    #[serde(default)]
    allow_raw_html: bool,
    #[serde(default, deserialize_with = "yaml::unique_keys")]
    severity: IndexMap<String, RawLevel>,
    #[serde(default)]
    brand: RawBrand,
    #[serde(default)]
    legal: RawLegal,
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
    min_translated: Option<RawPercent>,
    #[serde(default, deserialize_with = "yaml::unique_keys")]
    legal: LegalLinks,
}

/// A percentage as written: a number, or anything else, to be reported at its key.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawPercent {
    Number(f64),
    Text(String),
    Other(serde::de::IgnoredAny),
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
    let mut v = Validate { file, diags };
    let base_url = normalize_base_url(&raw.base_url).unwrap_or_else(|| {
        let message = format!("base_url `{}` is not an absolute http(s) URL", raw.base_url);
        v.error(
            &["base_url"],
            message,
            Some("for example `base_url: https://trust.example.com/`"),
        );
        String::new()
    });
    let framings = v.framings(&raw.framings);
    let mut paths = HashSet::new();
    let mut own_legal = Vec::new();
    let mut markets: Vec<Market> = (raw.markets.into_iter())
        .map(|(id, mut m)| {
            own_legal.push(std::mem::take(&mut m.legal));
            v.market(id, m, &raw.framings, &mut paths)
        })
        .collect();
    if markets.is_empty() {
        v.error(&["markets"], "no markets are configured".into(), None);
    }
    v.settings(&raw.scripts, &raw.theme, &raw.source_language);
    let severity = v.severity(raw.severity, &markets);
    let brand = brand(raw.brand, file, v.diags);
    if v.diags.error_count() > before {
        return None;
    }
    // A market without a link it must have fails itself, not the others.
    legal_links(raw.legal, &mut markets, own_legal, file, diags);
    Some(Config {
        base_url,
        source_language: raw.source_language,
        theme: raw.theme,
        framings,
        markets,
        scripts: raw.scripts,
        allow_raw_html: raw.allow_raw_html,
        brand,
        severity,
    })
}

/// The findings of one config, each at the key it concerns.
struct Validate<'a> {
    file: &'a SourceFile,
    diags: &'a mut Diagnostics,
}

impl Validate<'_> {
    fn at(&self, path: &[&str]) -> Location {
        locate_key(self.file, path)
    }

    fn error(&mut self, path: &[&str], message: String, help: Option<&str>) {
        let mut d = Diagnostic::error(Code::Config, message).at(self.at(path));
        if let Some(help) = help {
            d = d.help(help);
        }
        self.diags.push(d);
    }

    fn framings(&mut self, raw: &IndexMap<String, String>) -> Vec<Framing> {
        let mut framings = Vec::new();
        for (id, description) in raw {
            if !is_id(id) || id == "default" {
                self.error(
                    &["framings", id],
                    format!("framing id `{id}` is not valid"),
                    Some(
                        "ids are lower-case letters, digits and hyphens, and `default` is reserved",
                    ),
                );
            }
            framings.push(Framing {
                id: id.clone(),
                description: description.clone(),
            });
        }
        framings
    }

    /// The market `id`; `paths` holds the URL prefixes of the markets before it.
    fn market(
        &mut self,
        id: String,
        m: RawMarket,
        framings: &IndexMap<String, String>,
        paths: &mut HashSet<String>,
    ) -> Market {
        let here = |k: &'static str| ["markets", id.as_str(), k];
        if !is_id(&id) || id == "default" || framings.contains_key(&id) {
            self.error(
                &["markets", &id],
                format!("market id `{id}` is not valid"),
                Some("ids are lower-case letters, digits and hyphens, distinct from framing ids and `default`"),
            );
        }
        if !framings.contains_key(&m.framing) {
            let known: Vec<&str> = framings.keys().map(String::as_str).collect();
            let help = format!("known framings: {}", known.join(", "));
            let message = format!("market `{id}` has unknown framing `{}`", m.framing);
            self.error(&here("framing"), message, Some(&help));
        }
        let langid = parse_locale(&m.locale).unwrap_or_else(|| {
            let message = format!("market `{id}` has an invalid locale tag `{}`", m.locale);
            self.error(
                &here("locale"),
                message,
                Some("use a BCP 47 tag such as `en-GB` or `es-MX`"),
            );
            LanguageIdentifier::default()
        });
        let mut fallback = Vec::new();
        for f in &m.fallback {
            match parse_locale(f) {
                Some(l) => fallback.push(l.to_string()),
                None => {
                    let message = format!("market `{id}` has an invalid fallback locale `{f}`");
                    self.error(&here("fallback"), message, None);
                }
            }
        }
        let path = self.market_path(&id, m.path.as_deref());
        let own_base = m.base_url.as_deref().and_then(|u| {
            let url = normalize_base_url(u);
            if url.is_none() {
                let message =
                    format!("market `{id}` has a base_url that is not an absolute http(s) URL");
                self.error(&here("base_url"), message, None);
            }
            url
        });
        if own_base.is_none() && !paths.insert(path.clone()) {
            self.error(
                &["markets", &id],
                format!("market `{id}` uses the URL prefix `/{path}` of another market"),
                Some("give each market its own `path` (or its own `base_url`)"),
            );
        }
        let min_translated = m
            .min_translated
            .and_then(|p| self.percent(&here("min_translated"), &id, p));
        Market {
            min_translated,
            locale: langid.to_string(),
            langid,
            name: m.name,
            framing: m.framing,
            fallback,
            path,
            base_url: own_base,
            untranslated: m.untranslated,
            pseudo: false,
            legal: Vec::new(),
            id,
        }
    }

    /// Market `id`'s `min_translated` at `key`: a number from 0 to 100.
    fn percent(&mut self, key: &[&str], id: &str, raw: RawPercent) -> Option<MinTranslated> {
        let message = match raw {
            RawPercent::Number(p) if (0.0..=100.0).contains(&p) => {
                return Some(MinTranslated {
                    percent: p,
                    at: self.at(key),
                });
            }
            RawPercent::Number(p) => {
                format!("market `{id}` has min_translated `{p}`, which is not from 0 to 100")
            }
            RawPercent::Text(t) => {
                format!("market `{id}` has min_translated `{t}`, which is not a number")
            }
            RawPercent::Other(_) => {
                format!("market `{id}` has a min_translated that is not a number")
            }
        };
        let help =
            "write the percentage as a number from 0 to 100, without `%`: `min_translated: 90`";
        self.error(key, message, Some(help));
        None
    }

    /// The URL path of market `id`: its `path`, else `<id>/`.
    fn market_path(&mut self, id: &str, path: Option<&str>) -> String {
        let normalized = path.map_or_else(|| format!("{id}/"), normalize_path);
        let safe_segment = |seg: &str| {
            !seg.is_empty()
                && seg != "."
                && seg != ".."
                && (seg.chars()).all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        let at = ["markets", id, "path"];
        if normalized.is_empty() {
            self.error(
                &at,
                format!("market `{id}` has an empty path: its home would replace the market chooser at the site's root"),
                Some("give the market its own folder (`path: us/`); to publish one market at the root of its own domain, build it with `--market ID --base-url URL`"),
            );
        } else if !normalized
            .trim_end_matches('/')
            .split('/')
            .all(safe_segment)
        {
            self.error(
                &at,
                format!(
                    "market `{id}` has the path `{}`, which is not a URL path inside the site",
                    path.unwrap_or_default()
                ),
                Some("use letters, digits, `-` and `_` between slashes: `path: en-gb/`"),
            );
        }
        normalized
    }

    /// The script limits, the theme's name and the source language.
    fn settings(&mut self, scripts: &ScriptLimits, theme: &str, source_language: &str) {
        if !(scripts.max_seconds > 0.0 && scripts.hook_max_seconds > 0.0) {
            let message = "script limits must be positive numbers of seconds".into();
            self.error(&["scripts"], message, None);
        }
        if !is_id(theme) {
            self.error(
                &["theme"],
                format!("theme `{theme}` is not a folder name under themes/"),
                Some("name a theme by its folder: `theme: default` reads themes/default/"),
            );
        }
        if !is_id(source_language) {
            let message = format!("source_language `{source_language}` is not a language subtag");
            self.error(&["source_language"], message, None);
        }
    }

    /// The severity settings, by code and market.
    fn severity(
        &mut self,
        raw: IndexMap<String, RawLevel>,
        markets: &[Market],
    ) -> Vec<(Code, Option<String>, Level)> {
        let mut severity = Vec::new();
        for (name, rule) in raw {
            let Some(code) = Code::from_name(&name) else {
                let names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
                let help = format!("codes: {}", names.join(", "));
                let message = format!("`severity` names unknown code `{name}`");
                self.error(&["severity", &name], message, Some(&help));
                continue;
            };
            let per_market = match rule {
                RawLevel::All(level) => {
                    severity.push((code, None, level));
                    continue;
                }
                RawLevel::PerMarket(map) => map,
            };
            for (market, level) in per_market {
                if market != "default" && !markets.iter().any(|m| m.id == market) {
                    let message = format!("`severity.{code}` names unknown market `{market}`");
                    self.error(&["severity", &name, &market], message, None);
                }
                severity.push((code, (market != "default").then_some(market), level));
            }
        }
        severity
    }
}

fn parse_locale(tag: &str) -> Option<LanguageIdentifier> {
    // unic-langid accepts `_` as a separator; BCP 47 and hreflang do not.
    if tag.contains('_') || tag.is_empty() {
        return None;
    }
    tag.parse::<LanguageIdentifier>().ok()
}

fn normalize_path(p: &str) -> String {
    let p = p.trim_matches('/');
    if p.is_empty() {
        String::new()
    } else {
        format!("{p}/")
    }
}
