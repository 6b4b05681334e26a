//! Render the templates of every page and write all files of the site into the
//! sink; with a cache, pages whose inputs did not change are skipped.

use super::bodies::PageBody;
use super::cache::{RenderCache, key_of};
use super::load::Sources;
use super::pages::PageContext;
use super::plan::Plan;
use crate::diagnostics::Diagnostic;
use crate::l10n::Messages;
use crate::output::Sink;
use crate::render::sitemap::{SitemapEntry, render_robots, render_sitemap};
use crate::render::views::{ChooserEntry, ExplainerCard};
use crate::resolve::Origin;
use crate::scripts::formats::{TxtLabels, render_json, render_txt};
use crate::scripts::vtt::render_vtt;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tera::Tera;

pub enum WriteError {
    Render(Vec<Diagnostic>),
    Io(String),
}

/// Everything the writer needs.
pub struct SiteWriter<'a> {
    pub sources: &'a Sources,
    pub plan: &'a Plan<'a>,
    pub teras: &'a HashMap<usize, Tera>,
    pub messages: &'a HashMap<usize, Arc<Messages>>,
    /// Page index, its body, the key of the body's inputs.
    pub rendered: &'a [(usize, Arc<PageBody>, u64)],
    pub assets: &'a HashMap<String, String>,
    pub sink: &'a dyn Sink,
    /// In `serve`: what is already in the sink.
    pub cache: Option<&'a RenderCache>,
    pub theme_key: u64,
}

impl SiteWriter<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.write_keyed(path, crate::diagnostics::content_hash(bytes), bytes)
    }

    fn write_keyed(&self, path: &str, key: u64, bytes: &[u8]) -> Result<(), WriteError> {
        self.sink
            .write(path, bytes)
            .map_err(|e| WriteError::Io(format!("cannot write {path}: {e}")))?;
        if let Some(cache) = self.cache {
            cache.record(path, key);
        }
        Ok(())
    }

    /// Whether the output at `path` for inputs `key` is already in the sink.
    fn fresh(&self, path: &str, key: u64) -> bool {
        self.cache.is_some_and(|c| c.is_fresh(path, key))
    }

    /// Write a rendered page, or keep its template error for the report.
    fn page(
        &self,
        rendered: Result<String, Diagnostic>,
        path: &str,
        errors: &Mutex<Vec<Diagnostic>>,
    ) -> Result<(), WriteError> {
        self.page_keyed(rendered, path, None, errors)
    }

    fn page_keyed(
        &self,
        rendered: Result<String, Diagnostic>,
        path: &str,
        key: Option<u64>,
        errors: &Mutex<Vec<Diagnostic>>,
    ) -> Result<(), WriteError> {
        match rendered {
            Ok(html) => match key {
                Some(k) => self.write_keyed(path, k, html.as_bytes()),
                None => self.write(path, html.as_bytes()),
            },
            Err(d) => {
                errors.lock().unwrap_or_else(|e| e.into_inner()).push(d);
                Ok(())
            }
        }
    }

    /// Per explainer, which markets have it, how, and with a script: the part of a
    /// page (alternates, switcher) that other explainers' files change.
    fn availability(&self) -> HashMap<usize, u64> {
        let mut by_explainer: HashMap<usize, Vec<(usize, u8, bool)>> = HashMap::new();
        for p in &self.plan.pages {
            by_explainer.entry(p.explainer).or_default().push((
                p.market,
                p.origin as u8,
                p.doc.body.script.is_some(),
            ));
        }
        by_explainer
            .into_iter()
            .map(|(e, v)| (e, key_of(v)))
            .collect()
    }

    fn slug(&self, explainer: usize) -> &str {
        &self.sources.library.explainers[explainer].slug
    }

    /// Write the whole site; the number of HTML pages.
    pub fn write_all(&self) -> Result<usize, WriteError> {
        let plan = self.plan;
        let pcx = PageContext {
            plan,
            theme_origin: &self.sources.theme.origin,
        };
        let errors = Mutex::new(Vec::new());
        // Explainer pages and their scripts, in parallel; unchanged ones are skipped.
        let availability = self.availability();
        let per_page: Vec<usize> = self
            .rendered
            .par_iter()
            .map(|(i, body, body_key)| -> Result<usize, WriteError> {
                let page = &plan.pages[*i];
                let slug = self.slug(page.explainer);
                let tera = &self.teras[&page.market];
                let key = key_of((body_key, self.theme_key, availability.get(&page.explainer)));
                let path = plan.page_path(page, slug);
                if !self.fresh(&path, key) {
                    self.page_keyed(
                        pcx.render_explainer(tera, page, slug, body),
                        &path,
                        Some(key),
                        &errors,
                    )?;
                }
                let Some(script) = &body.script else {
                    return Ok(1);
                };
                let dir = format!("{}scripts/{slug}", plan.markets[page.market].dir);
                let card = format!("{dir}/index.html");
                let downloads = ["json", "vtt", "txt"].map(|ext| format!("{dir}.{ext}"));
                // `&`, not `&&`: every path is checked, so that each is known as produced.
                if self.fresh(&card, key)
                    & downloads.iter().fold(true, |ok, d| self.fresh(d, key) & ok)
                {
                    return Ok(2);
                }
                let lang = script_lang(page, self.sources);
                let labels = txt_labels(&self.messages[&page.market], script.total_seconds);
                self.write_keyed(&downloads[0], key, render_json(script).as_bytes())?;
                self.write_keyed(&downloads[1], key, render_vtt(script, &lang).as_bytes())?;
                self.write_keyed(&downloads[2], key, render_txt(script, &labels).as_bytes())?;
                self.page_keyed(
                    pcx.render_script_card(tera, page, slug, body, script),
                    &card,
                    Some(key),
                    &errors,
                )?;
                Ok(2)
            })
            .collect::<Result<_, _>>()?;
        let mut count: usize = per_page.iter().sum();
        let bodies: HashMap<usize, &PageBody> = self
            .rendered
            .iter()
            .map(|(i, b, _)| (*i, b.as_ref()))
            .collect();
        let mut built: Vec<usize> = self.teras.keys().copied().collect();
        built.sort_unstable();
        let mut sitemap = Vec::new();
        for &mi in &built {
            count += self.market_pages(&pcx, mi, &bodies, &mut sitemap, &errors)?;
        }
        let first = built[0];
        if plan.chooser {
            self.chooser(&pcx, &built, &errors)?;
            count += 1;
            sitemap.insert(
                0,
                SitemapEntry {
                    loc: plan.site_url.clone(),
                    lastmod: None,
                    alternates: plan.home_alternates(),
                },
            );
        }
        let title = self.messages[&first]
            .format("not-found-title", &[])
            .unwrap_or_default();
        self.page(
            pcx.render_not_found(&self.teras[&first], first, title),
            "404.html",
            &errors,
        )?;
        count += 1;
        self.write("sitemap.xml", render_sitemap(&sitemap).as_bytes())?;
        self.write(
            "robots.txt",
            render_robots(&format!("{}sitemap.xml", plan.output_url)).as_bytes(),
        )?;
        self.copy_static()?;
        let errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
        if errors.is_empty() {
            Ok(count)
        } else {
            Err(WriteError::Render(errors))
        }
    }

    /// A market's home and scripts index, and its sitemap entries.
    fn market_pages(
        &self,
        pcx: &PageContext,
        mi: usize,
        bodies: &HashMap<usize, &PageBody>,
        sitemap: &mut Vec<SitemapEntry>,
        errors: &Mutex<Vec<Diagnostic>>,
    ) -> Result<usize, WriteError> {
        let plan = self.plan;
        let mp = &plan.markets[mi];
        let m = &self.messages[&mi];
        let tera = &self.teras[&mi];
        let pages: Vec<(usize, &PageBody)> = plan
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.market == mi)
            .filter_map(|(i, _)| bodies.get(&i).map(|b| (i, *b)))
            .collect();
        let cards: Vec<ExplainerCard> = pages
            .iter()
            .map(|&(i, b)| {
                let p = &plan.pages[i];
                let slug = self.slug(p.explainer);
                ExplainerCard {
                    slug,
                    title: &b.title,
                    summary: &b.summary,
                    href: plan.href(&plan.page_url(p, slug)),
                    updated: p.doc.front.updated.as_deref(),
                    script_seconds: b.script.as_ref().map(|s| format_seconds(s.total_seconds)),
                    script_href: b
                        .script
                        .as_ref()
                        .map(|_| plan.href(&plan.script_url(p, slug))),
                }
            })
            .collect();
        let title = m.format("home-title", &[]).unwrap_or_default();
        let description = m.format("home-description", &[]).unwrap_or_default();
        self.page(
            pcx.render_home(tera, mi, title, description, &cards),
            &format!("{}index.html", mp.dir),
            errors,
        )?;
        let title = m.format("scripts-title", &[]).unwrap_or_default();
        let description = m.format("scripts-description", &[]).unwrap_or_default();
        self.page(
            pcx.render_scripts_index(tera, mi, title, description, &cards),
            &format!("{}scripts/index.html", mp.dir),
            errors,
        )?;
        sitemap.push(SitemapEntry {
            loc: mp.url.clone(),
            lastmod: None,
            alternates: plan.home_alternates(),
        });
        sitemap.push(SitemapEntry {
            loc: format!("{}scripts/", mp.url),
            lastmod: None,
            alternates: plan.scripts_index_alternates(),
        });
        for &(i, b) in &pages {
            let p = &plan.pages[i];
            if p.origin == Origin::UntranslatedSource {
                continue;
            }
            let slug = self.slug(p.explainer);
            let lastmod = p.doc.front.updated.clone();
            sitemap.push(SitemapEntry {
                loc: plan.page_url(p, slug),
                lastmod: lastmod.clone(),
                alternates: plan.explainer_alternates(p.explainer, slug),
            });
            if b.script.is_some() {
                sitemap.push(SitemapEntry {
                    loc: plan.script_url(p, slug),
                    lastmod,
                    alternates: plan.script_alternates(p.explainer, slug),
                });
            }
        }
        Ok(2)
    }

    fn chooser(
        &self,
        pcx: &PageContext,
        built: &[usize],
        errors: &Mutex<Vec<Diagnostic>>,
    ) -> Result<(), WriteError> {
        let plan = self.plan;
        let first = built[0];
        let entries: Vec<ChooserEntry> = built
            .iter()
            .map(|&mi| {
                let mp = &plan.markets[mi];
                let m = &self.messages[&mi];
                ChooserEntry {
                    name: &mp.market.name,
                    locale: &mp.market.locale,
                    href: plan.href(&mp.url),
                    enter: m.format("chooser-enter", &[]).unwrap_or_default(),
                    tagline: m.format("chooser-tagline", &[]).unwrap_or_default(),
                }
            })
            .collect();
        let m = &self.messages[&first];
        let title = m.format("chooser-title", &[]).unwrap_or_default();
        let description = m.format("chooser-description", &[]).unwrap_or_default();
        self.page(
            pcx.render_chooser(&self.teras[&first], first, title, description, &entries),
            "index.html",
            errors,
        )
    }

    /// Theme assets under their fingerprinted names, and the site's `static/`.
    fn copy_static(&self) -> Result<(), WriteError> {
        for (path, bytes) in &self.sources.theme.assets {
            let url = &self.assets[path];
            let rel = &url[self.plan.root_path().len()..];
            if !self.fresh(rel, 0) {
                self.write_keyed(rel, 0, bytes)?;
            }
        }
        for (rel, abs) in &self.sources.static_files {
            let meta = std::fs::metadata(abs).ok();
            let key = key_of((
                meta.as_ref().map(|m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            ));
            if self.fresh(rel, key) {
                continue;
            }
            let bytes = std::fs::read(abs)
                .map_err(|e| WriteError::Io(format!("cannot read static/{rel}: {e}")))?;
            self.write_keyed(rel, key, &bytes)?;
        }
        Ok(())
    }
}

/// The language whose caption rules apply to a page's script.
fn script_lang(page: &super::plan::Page, sources: &Sources) -> String {
    let lang = page
        .doc
        .lang
        .as_deref()
        .unwrap_or(&sources.config.source_language);
    lang.split('-').next().unwrap_or(lang).to_string()
}

/// Seconds for display: whole seconds, at least 1.
pub fn format_seconds(seconds: f64) -> String {
    format!("{}", seconds.round().max(1.0) as u64)
}

fn txt_labels(m: &Messages, total: f64) -> TxtLabels {
    let seconds = format_seconds(total);
    TxtLabels {
        screen: m.format("script-screen", &[]).unwrap_or_default(),
        note: m.format("script-note", &[]).unwrap_or_default(),
        total: m.format("script-total", &[]).unwrap_or_default(),
        seconds: m
            .format("script-duration", &[("seconds", seconds.as_str().into())])
            .unwrap_or(seconds),
    }
}
