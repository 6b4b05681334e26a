//! Render the templates of every page and write all files of the site into the
//! sink. With a cache (`serve`), a file whose inputs did not change is neither
//! rendered nor written again.

use super::bodies::PageBody;
use super::cache::{RenderCache, key_of};
use super::load::Sources;
use super::pages::{PageContext, Shared};
use super::plan::{Page, Plan};
use crate::diagnostics::Diagnostic;
use crate::l10n::Messages;
use crate::output::Sink;
use crate::render::MarketTemplates;
use crate::render::views::Hreflang;
use crate::scripts::formats::{TxtLabels, render_json, render_txt};
use crate::scripts::vtt::render_vtt;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub enum WriteError {
    Render(Vec<Diagnostic>),
    Io(String),
}

/// Everything the writer needs.
pub struct SiteWriter<'a> {
    pub sources: &'a Sources,
    pub plan: &'a Plan<'a>,
    pub teras: HashMap<usize, &'a MarketTemplates>,
    pub messages: &'a HashMap<usize, Arc<Messages>>,
    pub assets: &'a HashMap<String, String>,
    pub sink: &'a dyn Sink,
    /// In `serve`: what is already in the sink.
    pub cache: Option<&'a RenderCache>,
    /// Changes with the theme, the config and the static files.
    pub theme_key: u64,
    /// Leave the chooser, 404 and sitemap as they are (some markets failed, and
    /// these list every market).
    pub keep_root: bool,
    /// Each market's `market` template value (see `pages::market_values`).
    pub markets: Vec<tera::Value>,
}

/// One write pass: what is known to be in the sink, what this pass produced, and
/// the template errors met on the way.
pub(super) struct Pass<'a> {
    known: Option<std::sync::RwLockReadGuard<'a, HashMap<String, u64>>>,
    /// Page groups in the sink: page id -> (key, files).
    groups: Option<std::sync::RwLockReadGuard<'a, super::cache::PageGroups>>,
    produced: Mutex<Vec<(String, u64)>>,
    errors: Mutex<Vec<Diagnostic>>,
    /// Per explainer: which markets have it (see `SiteWriter::availability`).
    pub(super) availability: HashMap<usize, u64>,
    /// Per explainer: the hreflang sets of its pages and of its script cards,
    /// computed when first needed and shared by its pages in every market and the
    /// sitemap (a `serve` edit computes only the sets of the pages it renders).
    hreflang: Vec<std::sync::OnceLock<HreflangSets>>,
    /// Per explainer: how many of its pages this pass may still write. When none
    /// is left, its hreflang sets' template values are released.
    pages_left: Vec<std::sync::atomic::AtomicUsize>,
    /// Per explainer: where its pages' market switcher leads, made when first
    /// needed and shared by its pages in every market.
    switch_hrefs: Vec<std::sync::OnceLock<Vec<String>>>,
}

/// The hreflang sets of one explainer: its pages', its script cards'.
pub(super) type HreflangSets = (Hreflang, Hreflang);

/// What writing one explainer page did: its number of pages, and either its id
/// (unchanged: nothing to do) or the group of files it wrote.
pub type PageWrite = (usize, Result<u64, (u64, u64, Vec<String>)>);

impl Pass<'_> {
    fn group_fresh(&self, id: u64, key: u64) -> bool {
        self.groups
            .as_ref()
            .is_some_and(|g| g.get(&id).is_some_and(|(k, _)| *k == key))
    }

    /// Record that the sink holds the output of `key` at `path`.
    fn record_produced(&self, path: String, key: u64) {
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, key));
    }

    pub(super) fn fresh(&self, path: &str, key: u64) -> bool {
        self.known
            .as_ref()
            .is_some_and(|k| k.get(path) == Some(&key))
    }
}

impl<'a> SiteWriter<'a> {
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
    pub(super) fn single(
        &self,
        pass: &Pass,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<(), WriteError> {
        let mut done = Vec::with_capacity(1);
        self.output(pass, &mut done, path.to_string(), key, render)?;
        for (path, key) in done {
            pass.record_produced(path, key);
        }
        Ok(())
    }

    pub(super) fn page_context(&self) -> PageContext<'_> {
        PageContext {
            plan: self.plan,
            theme: &self.sources.theme,
            markets: &self.markets,
        }
    }

    pub(super) fn slug(&self, explainer: usize) -> &str {
        &self.sources.library.explainers[explainer].slug
    }

    /// Start writing: what the sink holds, and what the pages share.
    pub fn begin(&self) -> Pass<'a> {
        Pass {
            known: self.cache.map(RenderCache::outputs),
            groups: self.cache.map(RenderCache::groups),
            produced: Mutex::new(Vec::new()),
            errors: Mutex::new(Vec::new()),
            availability: self.availability(),
            hreflang: (0..self.sources.library.explainers.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            pages_left: self.pages_per_explainer(),
            switch_hrefs: (0..self.sources.library.explainers.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    /// Per explainer, its pages in the markets this pass builds.
    fn pages_per_explainer(&self) -> Vec<std::sync::atomic::AtomicUsize> {
        let mut counts = vec![0; self.sources.library.explainers.len()];
        for page in &self.plan.pages {
            if self.teras.contains_key(&page.market) {
                counts[page.explainer] += 1;
            }
        }
        counts.into_iter().map(Into::into).collect()
    }

    /// Count page `i` as written: after the last of its explainer's pages, the
    /// template values of the explainer's hreflang sets are released (the pages
    /// of an explainer come one after another, and so are written close together).
    fn page_done(&self, pass: &Pass, i: usize) {
        use std::sync::atomic::Ordering;
        let e = self.plan.pages[i].explainer;
        let left = pass.pages_left[e]
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
        if left == Ok(1)
            && let Some((pages, scripts)) = pass.hreflang[e].get()
        {
            pages.release();
            scripts.release();
        }
    }

    /// The hreflang sets of explainer `e` (see `Pass::hreflang`).
    pub(super) fn hreflang<'p>(&self, pass: &'p Pass, e: usize) -> &'p HreflangSets {
        pass.hreflang[e].get_or_init(|| {
            let slug = self.slug(e);
            (
                Hreflang::new(self.plan.explainer_alternates(e, slug)),
                Hreflang::new(self.plan.script_alternates(e, slug)),
            )
        })
    }

    /// The files of page `i` (its explainer page, script card and script files),
    /// unless the sink already holds them.
    pub fn page_files(
        &self,
        pass: &Pass,
        i: usize,
        body: &PageBody,
        body_key: u64,
    ) -> Result<PageWrite, WriteError> {
        let page = &self.plan.pages[i];
        let key = key_of((
            body_key,
            self.theme_key,
            pass.availability.get(&page.explainer),
        ));
        let id = key_of((
            &self.plan.markets[page.market].market.id,
            self.slug(page.explainer),
        ));
        if pass.group_fresh(id, key) {
            return Ok((if body.script.is_some() { 2 } else { 1 }, Ok(id)));
        }
        let mut done = Vec::with_capacity(5);
        let n = self.explainer_files(pass, &mut done, page, body, key)?;
        self.page_done(pass, i);
        Ok((
            n,
            Err((id, key, done.into_iter().map(|(path, _)| path).collect())),
        ))
    }

    /// Write the rest of the site; the number of HTML pages. `rendered` are the
    /// page bodies (page index, body, key of its inputs); their explainer pages
    /// are written here unless `pages_written` says how many were written
    /// already, as the bodies were rendered.
    pub fn write_all(
        &self,
        pass: Pass,
        rendered: &[(usize, Arc<PageBody>, u64)],
        pages_written: Option<usize>,
    ) -> Result<usize, WriteError> {
        let mut laps = crate::profile::Laps::start();
        let per_page: Vec<PageWrite> = match pages_written {
            Some(_) => Vec::new(),
            None => rendered
                .par_iter()
                .map(|(i, body, body_key)| self.page_files(&pass, *i, body, *body_key))
                .collect::<Result<_, WriteError>>()?,
        };
        let mut pages = pages_written.unwrap_or(0);
        let (mut fresh_groups, mut written_groups) = (Vec::new(), Vec::new());
        for (n, group) in per_page {
            pages += n;
            match group {
                Ok(id) => fresh_groups.push(id),
                Err(g) => written_groups.push(g),
            }
        }
        laps.lap("  explainer pages and scripts");
        let mut built: Vec<usize> = self.teras.keys().copied().collect();
        built.sort_unstable();
        // Each market's indexes, and the files at the root, side by side.
        let (indexes, root) = rayon::join(
            || {
                built
                    .par_iter()
                    .map(|&mi| self.market_indexes(&pass, rendered, mi))
                    .sum::<Result<usize, WriteError>>()
            },
            || {
                if self.keep_root {
                    return Ok(0);
                }
                self.root_files(&pass, &built)?;
                Ok(usize::from(self.plan.chooser) + 1)
            },
        );
        let count = pages + indexes? + root?;
        laps.lap("  homes, script indexes and root files");
        self.copy_static(&pass)?;
        let Pass {
            known,
            groups,
            produced,
            errors,
            ..
        } = pass;
        drop((known, groups));
        let errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
        if !errors.is_empty() {
            // What was written is discarded with the failed rebuild: not fresh.
            return Err(WriteError::Render(errors));
        }
        if let Some(cache) = self.cache {
            cache.commit(produced.into_inner().unwrap_or_else(|e| e.into_inner()));
            cache.commit_groups(fresh_groups, written_groups);
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
        let pcx = self.page_context();
        let slug = self.slug(page.explainer);
        let tera = &self.teras[&page.market];
        let (page_alts, script_alts) = self.hreflang(pass, page.explainer);
        let hrefs = pass.switch_hrefs[page.explainer]
            .get_or_init(|| pcx.switch_hrefs(Some((page.explainer, slug))));
        let switcher = pcx.switcher(page.market, hrefs);
        self.output(pass, done, plan.page_path(page, slug), key, || {
            let shared = Shared {
                alternates: page_alts,
                switcher: &switcher,
            };
            pcx.render_explainer(tera, page, slug, body, shared)
        })?;
        let Some(script) = &body.script else {
            return Ok(1);
        };
        let dir = format!("{}scripts/{slug}", plan.markets[page.market].dir);
        let lang = page.doc.language(&self.sources.config.source_language);
        self.output(pass, done, format!("{dir}.json"), key, || {
            Ok(render_json(script).into_bytes())
        })?;
        self.output(pass, done, format!("{dir}.vtt"), key, || {
            Ok(render_vtt(script, lang).into_bytes())
        })?;
        self.output(pass, done, format!("{dir}.txt"), key, || {
            Ok(render_txt(
                script,
                &txt_labels(&self.messages[&page.market], script.total_seconds),
            )
            .into_bytes())
        })?;
        self.output(pass, done, format!("{dir}/index.html"), key, || {
            let shared = Shared {
                alternates: script_alts,
                switcher: &switcher,
            };
            pcx.render_script_card(tera, page, slug, body, script, shared)
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

    /// Theme assets under their fingerprinted names, and the site's `static/`.
    fn copy_static(&self, pass: &Pass) -> Result<(), WriteError> {
        for (path, bytes) in &self.sources.theme.assets {
            let url = &self.assets[path];
            let rel = &url[self.plan.root_path().len()..];
            // The fingerprint in the name is the content's key.
            self.single(pass, rel, 0, || Ok(bytes.clone()))?;
        }
        for rel in &self.sources.static_files {
            let from = format!("static/{rel}");
            let meta = std::fs::metadata(self.sources.dir.path(&from)).ok();
            let key = key_of((
                meta.as_ref().map(|m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            ));
            if pass.fresh(rel, key) {
                pass.record_produced(rel.clone(), key);
                continue;
            }
            // Copied file to file: a large video never sits in memory.
            let (file, _) = (self.sources.dir.open_any_size(&from))
                .map_err(|e| WriteError::Io(format!("cannot copy {from}: {e}")))?;
            self.sink
                .copy(rel, file)
                .map_err(|e| WriteError::Io(format!("cannot copy {from}: {e}")))?;
            pass.record_produced(rel.clone(), key);
        }
        Ok(())
    }
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
