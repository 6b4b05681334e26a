//! Speaking and reading rates as data: the theme's `scripts/rates.yaml`, with
//! a site's own `scripts/rates.yaml` over it, language by language. Each figure
//! carries its source and whether it is provisional, for a reviewer to read.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The rates a build times scripts with.
#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    /// Presenter pace as a share of the lab reading rate.
    pub delivery_factor: f64,
    /// Silence between two spoken lines, in seconds.
    pub pause_seconds: f64,
    /// Syllables (morae) per second read aloud, by language; `default` for others.
    pub speaking: BTreeMap<String, Rate>,
    /// Characters a viewer reads per second, by language; `default` for others.
    pub reading: BTreeMap<String, Rate>,
}

/// One figure, with where it comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    #[serde(alias = "cps")]
    pub rate: f64,
    pub source: String,
    #[serde(default)]
    pub provisional: bool,
    /// What is counted (`syllables`, `morae`): for the reader of the file.
    #[serde(default)]
    pub unit: Option<String>,
}

/// A `rates.yaml`: the theme's holds every key; a site's, only what it changes.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RatesFile {
    delivery_factor: Option<f64>,
    pause_seconds: Option<f64>,
    #[serde(default)]
    speaking: BTreeMap<String, Rate>,
    #[serde(default)]
    reading: BTreeMap<String, Rate>,
}

impl Rates {
    /// The theme's rates (`theme`; the default theme's when it has none),
    /// with the site's (`site`) over them. A file
    /// that does not parse, or a figure that is not a positive number, is an
    /// error at its line; the rates then fall back to what is valid.
    pub fn load(
        theme: Option<&SourceFile>,
        site: Option<&SourceFile>,
        diags: &mut Diagnostics,
    ) -> Rates {
        let mut rates = Rates {
            delivery_factor: 1.0,
            pause_seconds: 0.0,
            speaking: BTreeMap::new(),
            reading: BTreeMap::new(),
        };
        for file in [theme, site].into_iter().flatten() {
            let Some(f) = parse(file, diags) else {
                continue;
            };
            rates.delivery_factor = f.delivery_factor.unwrap_or(rates.delivery_factor);
            rates.pause_seconds = f.pause_seconds.unwrap_or(rates.pause_seconds);
            rates.speaking.extend(f.speaking);
            rates.reading.extend(f.reading);
        }
        for table in [&mut rates.speaking, &mut rates.reading] {
            table.entry("default".into()).or_insert_with(|| Rate {
                rate: 5.0,
                source: "no rates.yaml gave a default".into(),
                provisional: true,
                unit: None,
            });
        }
        rates
    }

    /// Syllables (morae) per second at presenter pace in `lang`.
    pub fn speaking(&self, lang: &str) -> f64 {
        lookup(&self.speaking, lang).rate * self.delivery_factor
    }

    /// Characters a viewer reads per second in `lang`.
    pub fn reading(&self, lang: &str) -> f64 {
        lookup(&self.reading, lang).rate
    }
}

/// The rate of `lang` (`ja-JP` looks up `ja-JP`, then `ja`), else `default`.
fn lookup<'r>(table: &'r BTreeMap<String, Rate>, lang: &str) -> &'r Rate {
    let base = lang.split(['-', '_']).next().unwrap_or(lang);
    (table.get(lang).or_else(|| table.get(base)))
        .or_else(|| table.get("default"))
        .expect("every table has a default")
}

fn parse(file: &SourceFile, diags: &mut Diagnostics) -> Option<RatesFile> {
    let f: RatesFile = match crate::yaml::from_str(&file.text) {
        Ok(f) => f,
        Err(e) => {
            diags.push(crate::yaml::error_diagnostic(file, &e, 0, Code::Config));
            return None;
        }
    };
    let mut bad = Vec::new();
    let mut check = |path: Vec<&str>, value: f64, positive: bool| {
        let ok = value.is_finite() && if positive { value > 0.0 } else { value >= 0.0 };
        if !ok {
            let at = crate::yaml::key_offset(&file.text, &path).unwrap_or(0);
            bad.push(
                Diagnostic::error(
                    Code::Config,
                    format!(
                        "`{}` is {value}: a rate must be a positive number",
                        path.join(".")
                    ),
                )
                .at(file.location(at)),
            );
        }
    };
    if let Some(v) = f.delivery_factor {
        check(vec!["delivery_factor"], v, true);
    }
    if let Some(v) = f.pause_seconds {
        check(vec!["pause_seconds"], v, false);
    }
    for (table, rates) in [("speaking", &f.speaking), ("reading", &f.reading)] {
        for (lang, rate) in rates {
            check(vec![table, lang.as_str()], rate.rate, true);
        }
    }
    if bad.is_empty() {
        Some(f)
    } else {
        diags.extend(bad);
        None
    }
}
