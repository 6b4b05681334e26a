//! The site's brand (logo, icons, colour) and each market's legal links, as
//! `glasshouse.yaml` sets them: read, validated and resolved per market.

use super::{Market, locate_key};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeSet;

/// The default theme puts links on its page and on its panels ("On this page",
/// chips): in light mode the panel is the darker of the two, in dark mode the
/// lighter, so a colour that reads on these at 4.5:1 (WCAG 2.2, 1.4.3) reads on both.
const LIGHT_PAPER: Rgb = Rgb(0xf3, 0xf5, 0xf8);
const DARK_PAPER: Rgb = Rgb(0x19, 0x21, 0x2b);
const MIN_CONTRAST: f64 = 4.5;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBrand {
    logo: Option<String>,
    #[serde(default)]
    icons: Vec<String>,
    colour: Option<String>,
    colour_dark: Option<String>,
}

/// The brand as templates use it: paths are site paths of files in `static/`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brand {
    pub logo: Option<String>,
    pub icons: Vec<String>,
    /// `#rrggbb` for light pages and for dark ones (derived when not set).
    pub colours: Option<(String, String)>,
}

/// What a footer link is for. The order is the footer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LegalKind {
    Privacy,
    Terms,
    Cookies,
    Contact,
    Imprint,
}

impl std::fmt::Display for LegalKind {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl LegalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LegalKind::Privacy => "privacy",
            LegalKind::Terms => "terms",
            LegalKind::Cookies => "cookies",
            LegalKind::Contact => "contact",
            LegalKind::Imprint => "imprint",
        }
    }
}

pub type LegalLinks = IndexMap<LegalKind, String>;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLegal {
    #[serde(default, deserialize_with = "crate::yaml::unique_keys")]
    links: LegalLinks,
    /// Market id, language subtag or `default` -> the links it must have.
    #[serde(default, deserialize_with = "crate::yaml::some_unique_keys")]
    required: Option<IndexMap<String, Vec<LegalKind>>>,
}

/// Without `legal.required`: German-language markets must link an imprint
/// (the Impressum of Germany's DDG and Austria's ECG); nothing else is required.
fn default_required() -> IndexMap<String, Vec<LegalKind>> {
    IndexMap::from([("de".to_string(), vec![LegalKind::Imprint])])
}

/// Validate the brand: colours parse and read on the theme's backgrounds.
pub fn brand(raw: RawBrand, file: &SourceFile, diags: &mut Diagnostics) -> Brand {
    let mut error = |key: &str, message: String, help: &str| {
        diags.push(
            Diagnostic::error(Code::Config, message)
                .at(locate_key(file, &["brand", key]))
                .help(help.to_string()),
        );
    };
    let mut colour = |key: &str, value: &str, paper: Rgb| -> Option<Rgb> {
        let Some(rgb) = Rgb::parse(value) else {
            error(
                key,
                format!("brand.{key} `{value}` is not a colour"),
                "write it as `\"#0b5cad\"` (quoted: `#` starts a YAML comment)",
            );
            return None;
        };
        let ratio = rgb.contrast(paper);
        if ratio < MIN_CONTRAST {
            let on = if paper == LIGHT_PAPER {
                "light pages"
            } else {
                "dark pages"
            };
            error(
                key,
                format!(
                    "brand.{key} `{value}` has a contrast of {ratio:.1}:1 on {on}; links need 4.5:1"
                ),
                "pick a darker colour for light pages (`colour`) and a lighter one for dark pages (`colour_dark`)",
            );
            return None;
        }
        Some(rgb)
    };
    let light = raw
        .colour
        .as_deref()
        .and_then(|c| colour("colour", c, LIGHT_PAPER));
    let dark = match raw.colour_dark.as_deref() {
        Some(c) => colour("colour_dark", c, DARK_PAPER),
        None => light.map(|l| l.lightened_for(DARK_PAPER)),
    };
    let mut paths = Vec::new();
    let mut path = |key: &str, p: &str| {
        if is_site_path(p) {
            paths.push(p.to_string());
        } else {
            error(
                key,
                format!("brand.{key} `{p}` is not a path of a file in static/"),
                "write the path the file has on the site: `static/images/logo.svg` is `/images/logo.svg`",
            );
        }
    };
    if let Some(l) = &raw.logo {
        path("logo", l);
    }
    for i in &raw.icons {
        path("icons", i);
    }
    Brand {
        logo: raw.logo.filter(|l| is_site_path(l)),
        icons: raw.icons.into_iter().filter(|i| is_site_path(i)).collect(),
        colours: light.zip(dark).map(|(l, d)| (l.hex(), d.hex())),
    }
}

/// The brand's files must be in the site's `static/` (`static_files`, relative to it).
pub fn check_brand_files(
    brand: &Brand,
    static_files: &BTreeSet<String>,
    file: &SourceFile,
    diags: &mut Diagnostics,
) {
    let named =
        (brand.logo.iter().map(|p| ("logo", p))).chain(brand.icons.iter().map(|p| ("icons", p)));
    for (key, path) in named {
        if !static_files.contains(&path[1..]) {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("brand.{key} names `{path}`, which is not in static/"),
                )
                .at(locate_key(file, &["brand", key]))
                .help(format!("add the file as static{path}")),
            );
        }
    }
}

/// `/images/logo.svg`: a path from the site's root, with no way out of it.
fn is_site_path(p: &str) -> bool {
    p.starts_with('/')
        && p.len() > 1
        && !p.contains(['\\', '?', '#', '"', '<', '>', ' '])
        && p[1..]
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// Where a legal link may lead: a web page, an email address, or a page of this site.
fn is_link(url: &str) -> bool {
    let ok_chars = !url.contains(['"', '<', '>', ' ', '\\']) && !url.is_empty();
    let web = ["https://", "http://"]
        .iter()
        .any(|p| url.strip_prefix(p).is_some_and(|rest| !rest.is_empty()));
    let mail = url.strip_prefix("mailto:").is_some_and(|a| a.contains('@'));
    ok_chars && (web || mail || (url.starts_with('/') && !url.starts_with("//")))
}

/// Each market's legal links, in the footer's order: its own `legal` over the
/// site's `legal.links`. A market lacking a link it must have is an error
/// naming it; the other markets still build.
pub fn legal_links(
    raw: RawLegal,
    markets: &mut [Market],
    own: Vec<LegalLinks>,
    file: &SourceFile,
    diags: &mut Diagnostics,
) {
    let required = raw.required.clone().unwrap_or_else(default_required);
    for key in raw.required.iter().flat_map(|r| r.keys()) {
        let known =
            key == "default" || markets.iter().any(|m| m.id == *key || m.language() == *key);
        if !known {
            diags.push(
                Diagnostic::error(Code::Config, format!("legal.required names `{key}`, which is no market id or market language"))
                    .at(locate_key(file, &["legal", "required", key]))
                    .help("use `default`, a market id (`de`) or a language subtag of a market (`de` for de-DE and de-AT)"),
            );
        }
    }
    let bad = |path: &[&str], url: &str| {
        Diagnostic::error(
            Code::Config,
            format!("legal link `{url}` is not a web address, an email address or a site path"),
        )
        .at(locate_key(file, path))
        .help("use `https://…`, `mailto:…@…` or a path such as `/privacy/`")
    };
    for (kind, url) in &raw.links {
        if !is_link(url) {
            diags.push(bad(&["legal", "links", kind.as_str()], url));
        }
    }
    for (market, links) in markets.iter_mut().zip(own) {
        for (kind, url) in &links {
            if !is_link(url) {
                diags.push(bad(&["markets", &market.id, "legal", kind.as_str()], url));
            }
        }
        let mut merged = raw.links.clone();
        merged.extend(links);
        merged.retain(|_, url| is_link(url));
        merged.sort_keys();
        let must = (required.get(&market.id))
            .or_else(|| required.get(&market.language()))
            .or_else(|| required.get("default"));
        for kind in must.into_iter().flatten() {
            if !merged.contains_key(kind) {
                let k = kind.as_str();
                diags.push(
                    Diagnostic::error(Code::Config, format!("market `{}` has no `{k}` link, which its footer must show", market.id))
                        .at(locate_key(file, &["markets", &market.id]))
                        .market(market.id.clone())
                        .help(format!("add `legal: {{ {k}: https://… }}` to market `{}`, or `{k}` to `legal.links` for every market; `legal.required` sets which links a market needs", market.id)),
                );
            }
        }
        market.legal = merged.into_iter().collect();
    }
}

/// A colour of the sRGB space.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    /// `#0b5cad` or `#06c`.
    fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
        match hex.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2.2 relative luminance.
    fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The colour mixed with white, in the least amount that reads on `paper`.
    fn lightened_for(self, paper: Rgb) -> Rgb {
        let mix = |c: u8, t: f64| (f64::from(c) + (255.0 - f64::from(c)) * t).round() as u8;
        (0..=20)
            .map(|step| f64::from(step) / 20.0)
            .map(|t| Rgb(mix(self.0, t), mix(self.1, t), mix(self.2, t)))
            .find(|c| c.contrast(paper) >= MIN_CONTRAST)
            .unwrap_or(Rgb(255, 255, 255))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert!((Rgb::parse("#0b5cad").unwrap().contrast(white) - 6.6).abs() < 0.1);
        assert_eq!(Rgb::parse("#06c"), Some(Rgb(0, 0x66, 0xcc)));
        for bad in ["0b5cad", "#0b5ca", "#ggg", "#0b5cad00", ""] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_dark_page_gets_the_colour_lightened_until_it_reads() {
        let brand = Rgb::parse("#0b5cad").unwrap();
        assert!(brand.contrast(DARK_PAPER) < MIN_CONTRAST);
        let dark = brand.lightened_for(DARK_PAPER);
        assert!(dark.contrast(DARK_PAPER) >= MIN_CONTRAST);
        assert!(dark.0 > brand.0 && dark.2 > brand.2);
    }

    #[test]
    fn links_are_web_mail_or_site_paths() {
        for ok in [
            "https://kestrel.example/privacy",
            "http://x.example/",
            "mailto:privacy@kestrel.example",
            "/imprint/",
        ] {
            assert!(is_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "//evil.example/",
            "privacy.html",
            "https://",
            "mailto:nobody",
            "data:text/html,x",
            "/a b",
        ] {
            assert!(!is_link(bad), "{bad}");
        }
        for ok in ["/favicon.ico", "/images/logo.svg"] {
            assert!(is_site_path(ok), "{ok}");
        }
        for bad in [
            "images/logo.svg",
            "/",
            "/../secret",
            "/images//x",
            "https://x.example/l.svg",
            "/a?b",
        ] {
            assert!(!is_site_path(bad), "{bad}");
        }
    }
}
