//! Which markets a build writes, at which URLs, and which explainer each market
//! gets from which file; and the files that this makes (`layout`).

mod completeness;
mod concern;
mod layout;

use crate::config::{Market, normalize_base_url};
use crate::content::Document;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::load::Sources;
use crate::render::views::Alternate;
use crate::resolve::{Origin, is_published_in, select_document};
pub use completeness::check_completeness;
pub use concern::Concern;
pub use layout::check_layout;
use std::collections::HashMap;

/// Options that shape the plan.
pub struct PlanOptions<'a> {
    pub markets: &'a [String],
    pub base_url: Option<&'a str>,
    pub strict: bool,
    pub drafts: bool,
}

pub struct MarketPlan<'s> {
    pub market: &'s Market,
    /// Absolute URL of the market's home, ends with `/`.
    pub url: String,
    /// Folder of the market in the output (`uk/`, or empty when it is the root).
    pub dir: String,
    /// Whether this build writes the market.
    pub built: bool,
}

/// One explainer in one market.
pub struct Page<'s> {
    pub market: usize,
    pub explainer: usize,
    pub doc: &'s Document,
    pub origin: Origin,
    /// Its explainer is marked `draft: true` (a preview or `--drafts` build).
    pub draft: bool,
}

pub struct Plan<'s> {
    /// The site's base URL: the market chooser and x-default of market homes.
    pub site_url: String,
    /// The URL the output folder is published at.
    pub output_url: String,
    /// Whether the build writes the market chooser at the output root.
    pub chooser: bool,
    pub markets: Vec<MarketPlan<'s>>,
    /// Pages of every configured market; only those of built markets are written.
    pub pages: Vec<Page<'s>>,
    /// Explainers marked `draft: true` that this build leaves out.
    pub drafts_left_out: usize,
    by_key: HashMap<(usize, usize), usize>,
}

/// A usage error: the command line asks for something the site does not have.
pub struct UsageError(pub String);

pub fn plan<'s>(
    sources: &'s Sources,
    opts: &PlanOptions,
    diags: &mut Diagnostics,
) -> Result<Plan<'s>, UsageError> {
    let config = &sources.config;
    for id in opts.markets {
        if config.market(id).is_none() {
            let known: Vec<&str> = config.markets.iter().map(|m| m.id.as_str()).collect();
            return Err(UsageError(format!(
                "unknown market `{id}` (markets: {})",
                known.join(", ")
            )));
        }
    }
    let cli_base = match opts.base_url {
        Some(u) => Some(normalize_base_url(u).ok_or_else(|| {
            UsageError(format!("--base-url `{u}` is not an absolute http(s) URL"))
        })?),
        None => None,
    };
    let single = (opts.markets.len() == 1)
        .then(|| config.market(&opts.markets[0]))
        .flatten();
    // One market built alone for a URL of its own is written at the output's root.
    let rooted = single.filter(|m| cli_base.is_some() || m.base_url.is_some());
    let site_url = match (&cli_base, rooted) {
        (Some(u), None) => u.clone(),
        _ => config.base_url.clone(),
    };
    let markets = market_plans(config, opts, &site_url, cli_base.as_deref(), rooted);
    let output_url = match rooted {
        Some(r) => (markets.iter())
            .find(|p| p.market.id == r.id)
            .map(|p| p.url.clone())
            .unwrap_or_default(),
        None => site_url.clone(),
    };
    let (pages, by_key) = pages(sources, &markets, opts, diags);
    let drafts_left_out = if opts.drafts {
        0
    } else {
        (sources.library.explainers.iter())
            .filter(|e| e.source.front.draft)
            .count()
    };
    Ok(Plan {
        site_url,
        output_url,
        chooser: rooted.is_none(),
        markets,
        pages,
        drafts_left_out,
        by_key,
    })
}

/// Each configured market's URL and folder, and whether this build writes it.
fn market_plans<'s>(
    config: &'s crate::config::Config,
    opts: &PlanOptions,
    site_url: &str,
    cli_base: Option<&str>,
    rooted: Option<&Market>,
) -> Vec<MarketPlan<'s>> {
    (config.markets.iter())
        .map(|m| {
            let is_root = rooted.is_some_and(|r| r.id == m.id);
            let url = match (is_root, cli_base, &m.base_url) {
                (true, Some(u), _) => u.to_string(),
                (_, _, Some(own)) => own.clone(),
                _ => format!("{site_url}{}", m.path),
            };
            MarketPlan {
                market: m,
                url,
                dir: if is_root {
                    String::new()
                } else {
                    m.path.clone()
                },
                built: opts.markets.is_empty() || opts.markets.contains(&m.id),
            }
        })
        .collect()
}

/// Which explainer each market publishes, from which file: the pages, and their
/// index by (market, explainer). An explainer that some built markets lack in
/// their language gets one `missing-translation` finding naming them (an error
/// under `--strict`).
fn pages<'s>(
    sources: &'s Sources,
    markets: &[MarketPlan<'s>],
    opts: &PlanOptions,
    diags: &mut Diagnostics,
) -> (Vec<Page<'s>>, HashMap<(usize, usize), usize>) {
    let mut pages = Vec::new();
    let mut by_key = HashMap::default();
    for (ei, e) in sources.library.explainers.iter().enumerate() {
        let mut missing = Vec::new();
        for (mi, mp) in markets.iter().enumerate() {
            if !is_published_in(e, mp.market, opts.drafts) {
                continue;
            }
            match select_document(e, mp.market, &sources.config) {
                Some((doc, origin)) => {
                    by_key.insert((mi, ei), pages.len());
                    pages.push(Page {
                        market: mi,
                        explainer: ei,
                        doc,
                        origin,
                        draft: e.source.front.draft,
                    });
                }
                None if mp.built => missing.push(mp.market),
                None => {}
            }
        }
        diags.extend(missing_translation(e, &missing, opts.strict));
    }
    (pages, by_key)
}

/// The finding for explainer `e`, which `missing` markets have no translation
/// of: one per market, in the same words, so that a site's per-market severity
/// applies and the report merges them into one naming the markets.
fn missing_translation(
    e: &crate::content::Explainer,
    missing: &[&Market],
    strict: bool,
) -> Vec<Diagnostic> {
    let front = &e.source.file.text[..e.source.body_start];
    let title = crate::yaml::key_offset(front, &["title"]).unwrap_or(0);
    let at = e.source.file.location(title);
    let message = format!("`{}` is not translated; the page is left out", e.slug);
    let help = format!(
        "add {}/{}.<language>.md, or set `untranslated: source` on the market to publish the source with a notice",
        crate::content::EXPLAINERS_DIR,
        e.slug
    );
    let severity = if strict {
        Severity::Error
    } else {
        Severity::Warning
    };
    (missing.iter())
        .map(|m| Diagnostic {
            severity,
            ..Diagnostic::warning(Code::MissingTranslation, &message)
                .at(at.clone())
                .market(m.id.clone())
                .help(&help)
        })
        .collect()
}

impl<'s> Plan<'s> {
    pub fn page(&self, market: usize, explainer: usize) -> Option<&Page<'s>> {
        self.page_index(market, explainer).map(|i| &self.pages[i])
    }

    /// The index in `pages` of `explainer`'s page in `market`, if it has one.
    pub fn page_index(&self, market: usize, explainer: usize) -> Option<usize> {
        self.by_key.get(&(market, explainer)).copied()
    }

    pub fn page_url(&self, page: &Page, slug: &str) -> String {
        format!("{}{slug}/", self.markets[page.market].url)
    }

    /// Output path of a page's `index.html`.
    pub fn page_path(&self, page: &Page, slug: &str) -> String {
        format!("{}{slug}/index.html", self.markets[page.market].dir)
    }

    /// The URL path of the output root (`/`, or `/sub/` for a base URL with a path).
    pub fn root_path(&self) -> &str {
        url_path(&self.output_url)
    }

    /// A link from a page of this build: root-relative within the published
    /// origin, absolute across origins.
    pub fn href(&self, absolute: &str) -> String {
        let origin = origin_of(&self.output_url);
        match absolute.strip_prefix(origin) {
            Some(path) if path.starts_with('/') => path.to_string(),
            _ => absolute.to_string(),
        }
    }

    /// The hreflang set of an explainer: every market that publishes it (not the
    /// markets that show the untranslated source), plus `x-default`.
    pub fn explainer_alternates(&self, explainer: usize, slug: &str) -> Vec<Alternate> {
        self.alternates(explainer, |page| Some(self.page_url(page, slug)))
    }

    /// The hreflang set of an explainer's script card: the markets whose page has a script.
    pub fn script_alternates(&self, explainer: usize, slug: &str) -> Vec<Alternate> {
        self.alternates(explainer, |page| {
            page.doc
                .body
                .script
                .is_some()
                .then(|| self.script_url(page, slug))
        })
    }

    /// Alternates of one explainer's pages, `url` giving a page's URL (or none);
    /// `x-default` is the first market, in config order, that publishes the source.
    fn alternates(
        &self,
        explainer: usize,
        url: impl Fn(&Page) -> Option<String>,
    ) -> Vec<Alternate> {
        let mut alts: Vec<Alternate> = Vec::new();
        let mut default = None;
        for (mi, mp) in self.markets.iter().enumerate() {
            let Some(page) = self.page(mi, explainer) else {
                continue;
            };
            if page.origin == Origin::UntranslatedSource {
                continue;
            }
            let Some(url) = url(page) else { continue };
            if default.is_none() && page.origin == Origin::Source {
                default = Some(url.clone());
            }
            alts.push(Alternate {
                hreflang: mp.market.locale.clone(),
                href: url,
            });
        }
        let default = default.or_else(|| alts.first().map(|a| a.href.clone()));
        if let Some(href) = default {
            alts.push(Alternate {
                hreflang: "x-default".into(),
                href,
            });
        }
        alts
    }

    /// URL of the printable script card of a page.
    pub fn script_url(&self, page: &Page, slug: &str) -> String {
        format!("{}scripts/{slug}/", self.markets[page.market].url)
    }

    /// The hreflang set of the markets' script indexes; x-default is the first market's.
    pub fn scripts_index_alternates(&self) -> Vec<Alternate> {
        let mut alts: Vec<Alternate> = self
            .markets
            .iter()
            .map(|mp| Alternate {
                hreflang: mp.market.locale.clone(),
                href: format!("{}scripts/", mp.url),
            })
            .collect();
        if let Some(first) = alts.first() {
            alts.push(Alternate {
                hreflang: "x-default".into(),
                href: first.href.clone(),
            });
        }
        alts
    }

    /// The hreflang set of market homes: every market, plus the chooser as `x-default`.
    pub fn home_alternates(&self) -> Vec<Alternate> {
        let mut alts: Vec<Alternate> = self
            .markets
            .iter()
            .map(|mp| Alternate {
                hreflang: mp.market.locale.clone(),
                href: mp.url.clone(),
            })
            .collect();
        alts.push(Alternate {
            hreflang: "x-default".into(),
            href: self.site_url.clone(),
        });
        alts
    }
}

/// `https://x.example/a/` -> `https://x.example`.
fn origin_of(url: &str) -> &str {
    let after_scheme = memchr::memmem::find(url.as_bytes(), b"://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

/// `https://x.example/a/` -> `/a/`.
fn url_path(url: &str) -> &str {
    &url[origin_of(url).len()..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_paths() {
        assert_eq!(origin_of("https://x.example/a/"), "https://x.example");
        assert_eq!(url_path("https://x.example/a/"), "/a/");
        assert_eq!(url_path("https://x.example/"), "/");
    }
}
