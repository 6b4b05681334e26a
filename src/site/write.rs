//! Render the templates of every page and write all files of the site into the
//! sink. With a cache (`serve`), a file whose inputs did not change is neither
//! rendered nor written again.

use super::bodies::PageBody;
use super::cache::{RenderCache, key_of};
use super::load::Sources;
use super::pages::PageContext;
use super::plan::{Page, Plan};
use crate::diagnostics::{Diagnostic, content_hash};
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
    /// Changes with the theme, the config and the static files.
    pub theme_key: u64,
    /// Leave the chooser, 404 and sitemap as they are (some markets failed, and
    /// these list every market).
    pub keep_root: bool,
}

/// One write pass: what is known to be in the sink, what this pass produced, and
/// the template errors met on the way.
struct Pass<'a> {
    known: Option<std::sync::RwLockReadGuard<'a, HashMap<String, u64>>>,
    produced: Mutex<Vec<(String, u64)>>,
    errors: Mutex<Vec<Diagnostic>>,
}

impl Pass<'_> {
    fn fresh(&self, path: &str, key: u64) -> bool {
        self.known
            .as_ref()
            .is_some_and(|k| k.get(path) == Some(&key))
    }
}

impl SiteWriter<'_> {
    /// Write `path` unless the sink already holds the output of `key`; `render`
    /// makes the bytes, or a template error that is kept for the report.
    fn output(
        &self,
        pass: &Pass,
        done: &mut Vec<(String, u64)>,
        path: String,
        key: u64,
        render: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<(), WriteError> {
        if !pass.fresh(&path, key) {
            match render() {
                Ok(bytes) => self
                    .sink
                    .write(&path, &bytes)
                    .map_err(|e| WriteError::Io(format!("cannot write {path}: {e}")))?,
                Err(d) => {
                    pass.errors
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(d);
                    return Ok(());
                }
            }
        }
        done.push((path, key));
        Ok(())
    }

    /// `output` for one file outside the parallel loop.
    fn single(
        &self,
        pass: &Pass,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<(), WriteError> {
        let mut done = Vec::with_capacity(1);
        self.output(pass, &mut done, path.to_string(), key, render)?;
        pass.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(done);
        Ok(())
    }

    fn slug(&self, explainer: usize) -> &str {
        &self.sources.library.explainers[explainer].slug
    }

    /// Write the whole site; the number of HTML pages.
    pub fn write_all(&self) -> Result<usize, WriteError> {
        let pass = Pass {
            known: self.cache.map(RenderCache::outputs),
            produced: Mutex::new(Vec::new()),
            errors: Mutex::new(Vec::new()),
        };
        let mut laps = crate::profile::Laps::start();
        let availability = self.availability();
        let per_page: Vec<(usize, Vec<(String, u64)>)> = self
            .rendered
            .par_iter()
            .map(|(i, body, body_key)| {
                let page = &self.plan.pages[*i];
                let key = key_of((body_key, self.theme_key, availability.get(&page.explainer)));
                let mut done = Vec::with_capacity(5);
                let n = self.explainer_files(&pass, &mut done, page, body, key)?;
                Ok((n, done))
            })
            .collect::<Result<_, WriteError>>()?;
        let mut pages = 0;
        {
            let mut produced = pass.produced.lock().unwrap_or_else(|e| e.into_inner());
            for (n, done) in per_page {
                pages += n;
                produced.extend(done);
            }
        }
        laps.lap("  explainer pages and scripts");
        let mut count = pages;
        let mut built: Vec<usize> = self.teras.keys().copied().collect();
        built.sort_unstable();
        for &mi in &built {
            count += self.market_indexes(&pass, mi)?;
        }
        laps.lap("  homes and script indexes");
        if !self.keep_root {
            self.root_files(&pass, &built, &availability)?;
            count += usize::from(self.plan.chooser) + 1;
        }
        laps.lap("  chooser, 404, sitemap, robots");
        self.copy_static(&pass)?;
        let Pass {
            known,
            produced,
            errors,
        } = pass;
        drop(known);
        let errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
        if !errors.is_empty() {
            // What was written is discarded with the failed rebuild: not fresh.
            return Err(WriteError::Render(errors));
        }
        if let Some(cache) = self.cache {
            cache.commit(produced.into_inner().unwrap_or_else(|e| e.into_inner()));
        }
        Ok(count)
    }

    /// An explainer page, and its script card and downloads; the number of pages.
    fn explainer_files(
        &self,
        pass: &Pass,
        done: &mut Vec<(String, u64)>,
        page: &Page,
        body: &PageBody,
        key: u64,
    ) -> Result<usize, WriteError> {
        let plan = self.plan;
        let pcx = PageContext {
            plan,
            theme_origin: &self.sources.theme.origin,
        };
        let slug = self.slug(page.explainer);
        let tera = &self.teras[&page.market];
        self.output(pass, done, plan.page_path(page, slug), key, || {
            pcx.render_explainer(tera, page, slug, body)
                .map(String::into_bytes)
        })?;
        let Some(script) = &body.script else {
            return Ok(1);
        };
        let dir = format!("{}scripts/{slug}", plan.markets[page.market].dir);
        let lang = script_lang(page, self.sources);
        self.output(pass, done, format!("{dir}.json"), key, || {
            Ok(render_json(script).into_bytes())
        })?;
        self.output(pass, done, format!("{dir}.vtt"), key, || {
            Ok(render_vtt(script, &lang).into_bytes())
        })?;
        self.output(pass, done, format!("{dir}.txt"), key, || {
            Ok(render_txt(
                script,
                &txt_labels(&self.messages[&page.market], script.total_seconds),
            )
            .into_bytes())
        })?;
        self.output(pass, done, format!("{dir}/index.html"), key, || {
            pcx.render_script_card(tera, page, slug, body, script)
                .map(String::into_bytes)
        })?;
        Ok(2)
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

    /// A market's home and scripts index.
    fn market_indexes(&self, pass: &Pass, mi: usize) -> Result<usize, WriteError> {
        let plan = self.plan;
        let pcx = PageContext {
            plan,
            theme_origin: &self.sources.theme.origin,
        };
        let mp = &plan.markets[mi];
        let m = &self.messages[&mi];
        let tera = &self.teras[&mi];
        let cards: Vec<ExplainerCard> = self
            .rendered
            .iter()
            .filter(|(i, _, _)| plan.pages[*i].market == mi)
            .map(|(i, b, _)| {
                let p = &plan.pages[*i];
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
        let cards_key = key_of((
            self.theme_key,
            m.generation(),
            cards
                .iter()
                .map(|c| {
                    (
                        c.slug,
                        c.title,
                        c.summary,
                        &c.href,
                        c.updated,
                        &c.script_seconds,
                    )
                })
                .collect::<Vec<_>>(),
        ));
        self.single(pass, &format!("{}index.html", mp.dir), cards_key, || {
            let title = m.format("home-title", &[]).unwrap_or_default();
            let description = m.format("home-description", &[]).unwrap_or_default();
            pcx.render_home(tera, mi, title, description, &cards)
                .map(String::into_bytes)
        })?;
        self.single(
            pass,
            &format!("{}scripts/index.html", mp.dir),
            cards_key,
            || {
                let title = m.format("scripts-title", &[]).unwrap_or_default();
                let description = m.format("scripts-description", &[]).unwrap_or_default();
                pcx.render_scripts_index(tera, mi, title, description, &cards)
                    .map(String::into_bytes)
            },
        )?;
        Ok(2)
    }

    /// The chooser, 404.html, sitemap.xml and robots.txt.
    fn root_files(
        &self,
        pass: &Pass,
        built: &[usize],
        availability: &HashMap<usize, u64>,
    ) -> Result<(), WriteError> {
        let plan = self.plan;
        let pcx = PageContext {
            plan,
            theme_origin: &self.sources.theme.origin,
        };
        let first = built[0];
        let generations: Vec<u64> = built
            .iter()
            .map(|mi| self.messages[mi].generation())
            .collect();
        let root_key = key_of((self.theme_key, &generations));
        if plan.chooser {
            self.single(pass, "index.html", root_key, || {
                self.chooser(&pcx, built).map(String::into_bytes)
            })?;
        }
        self.single(pass, "404.html", root_key, || {
            let title = self.messages[&first]
                .format("not-found-title", &[])
                .unwrap_or_default();
            let description = self.messages[&first]
                .format("not-found-body", &[])
                .unwrap_or_default();
            pcx.render_not_found(&self.teras[&first], first, title, description)
                .map(String::into_bytes)
        })?;
        let mut sorted: Vec<(&usize, &u64)> = availability.iter().collect();
        sorted.sort_unstable();
        let lastmods: Vec<Option<&str>> = plan
            .pages
            .iter()
            .map(|p| p.doc.front.updated.as_deref())
            .collect();
        let slugs: Vec<&str> = self
            .sources
            .library
            .explainers
            .iter()
            .map(|e| e.slug.as_str())
            .collect();
        let sitemap_key = key_of((self.theme_key, built, sorted, lastmods, slugs));
        self.single(pass, "sitemap.xml", sitemap_key, || {
            Ok(render_sitemap(&self.sitemap_entries(built)).into_bytes())
        })?;
        let robots = render_robots(&format!("{}sitemap.xml", plan.output_url));
        self.single(pass, "robots.txt", content_hash(robots.as_bytes()), || {
            Ok(robots.into_bytes())
        })
    }

    /// Every page of the built markets with its hreflang set; sets are computed
    /// once per explainer and shared by its pages.
    fn sitemap_entries(&self, built: &[usize]) -> Vec<SitemapEntry> {
        let plan = self.plan;
        let mut entries = Vec::with_capacity(plan.pages.len() * 2 + built.len() * 2 + 1);
        let homes = Arc::new(plan.home_alternates());
        let scripts = Arc::new(plan.scripts_index_alternates());
        if plan.chooser {
            entries.push(SitemapEntry {
                loc: plan.site_url.clone(),
                lastmod: None,
                alternates: homes.clone(),
            });
        }
        let mut sets: HashMap<usize, (Arc<_>, Arc<_>)> = HashMap::new();
        for &mi in built {
            let mp = &plan.markets[mi];
            entries.push(SitemapEntry {
                loc: mp.url.clone(),
                lastmod: None,
                alternates: homes.clone(),
            });
            entries.push(SitemapEntry {
                loc: format!("{}scripts/", mp.url),
                lastmod: None,
                alternates: scripts.clone(),
            });
            for p in plan
                .pages
                .iter()
                .filter(|p| p.market == mi && p.origin != Origin::UntranslatedSource)
            {
                let slug = self.slug(p.explainer);
                let (page_alts, script_alts) = sets
                    .entry(p.explainer)
                    .or_insert_with(|| {
                        (
                            Arc::new(plan.explainer_alternates(p.explainer, slug)),
                            Arc::new(plan.script_alternates(p.explainer, slug)),
                        )
                    })
                    .clone();
                let lastmod = p.doc.front.updated.clone();
                entries.push(SitemapEntry {
                    loc: plan.page_url(p, slug),
                    lastmod: lastmod.clone(),
                    alternates: page_alts,
                });
                if p.doc.body.script.is_some() {
                    entries.push(SitemapEntry {
                        loc: plan.script_url(p, slug),
                        lastmod,
                        alternates: script_alts,
                    });
                }
            }
        }
        entries
    }

    fn chooser(&self, pcx: &PageContext, built: &[usize]) -> Result<String, Diagnostic> {
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
        pcx.render_chooser(&self.teras[&first], first, title, description, &entries)
    }

    /// Theme assets under their fingerprinted names, and the site's `static/`.
    fn copy_static(&self, pass: &Pass) -> Result<(), WriteError> {
        for (path, bytes) in &self.sources.theme.assets {
            let url = &self.assets[path];
            let rel = &url[self.plan.root_path().len()..];
            // The fingerprint in the name is the content's key.
            self.single(pass, rel, 0, || Ok(bytes.clone()))?;
        }
        for (rel, abs) in &self.sources.static_files {
            let meta = std::fs::metadata(abs).ok();
            let key = key_of((
                meta.as_ref().map(|m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            ));
            if pass.fresh(rel, key) {
                pass.produced
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((rel.clone(), key));
                continue;
            }
            let bytes = std::fs::read(abs)
                .map_err(|e| WriteError::Io(format!("cannot read static/{rel}: {e}")))?;
            self.single(pass, rel, key, || Ok(bytes))?;
        }
        Ok(())
    }
}

/// The language whose caption rules apply to a page's script.
fn script_lang(page: &Page, sources: &Sources) -> String {
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
