//! A preview session: the sources in memory, updated file by file as they change,
//! and the site rendered into memory with a cache, so that an edit re-renders only
//! the pages it touches. A broken edit keeps the last good version of its file
//! and of the markets it breaks.

use super::memo::Memo;
use super::memory::MemorySite;
use super::render::{Findings, PreviewOptions, RenderError, render_preview};
use super::watch::ChangeSet;
use crate::content::EXPLAINERS_DIR;
use crate::content::library::load_document;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{LoadError, Sources, check_explainer, load_ftl, read_sources};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

pub struct SessionOptions {
    pub root: PathBuf,
    pub markets: Vec<String>,
    /// The URL the preview is served at.
    pub base_url: String,
    pub drafts: bool,
    pub pseudo: bool,
}

pub struct Session {
    opts: SessionOptions,
    sources: Option<Sources>,
    /// Findings of reading and parsing, by file.
    parse_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// Findings of the per-explainer checks, by slug.
    check_diags: BTreeMap<String, Vec<Diagnostic>>,
    memo: Memo,
    pub site: Arc<MemorySite>,
    /// Increases with every rebuild that wrote something.
    pub generation: u64,
}

pub struct RebuildReport {
    pub written: usize,
    pub millis: f64,
    /// Sorted, errors included, with the markets each concerns.
    pub findings: Findings,
    /// Output folders kept from an earlier rebuild because of their errors.
    pub failed_dirs: Vec<String>,
    /// A usage problem (`--market` names no market).
    pub fatal: Option<String>,
}

impl Session {
    pub fn new(opts: SessionOptions) -> Session {
        Session {
            opts,
            sources: None,
            parse_diags: BTreeMap::new(),
            check_diags: BTreeMap::new(),
            memo: Memo::default(),
            site: Arc::new(MemorySite::default()),
            generation: 0,
        }
    }

    /// Apply `changes` to the sources and render what they touch.
    pub fn rebuild(&mut self, changes: &ChangeSet) -> RebuildReport {
        let started = Instant::now();
        if self.sources.is_none() || changes.config || changes.theme {
            self.reload_all();
        } else {
            self.reload_parts(changes);
        }
        let mut report = self.render();
        report.millis = started.elapsed().as_secs_f64() * 1000.0;
        if report.written > 0 {
            self.generation += 1;
        }
        report
    }

    fn reload_all(&mut self) {
        let mut diags = Diagnostics::new();
        let sources = match read_sources(&self.opts.root, &mut diags) {
            Ok(s) => Some(s),
            Err(LoadError::Unreadable(msg)) => {
                diags.push(Diagnostic::error(Code::Io, msg));
                None
            }
            Err(LoadError::Invalid) => None,
        };
        self.parse_diags = group_by_file(diags);
        self.check_diags.clear();
        let mut sources = sources;
        if let Some(s) = sources.as_mut().filter(|_| self.opts.pseudo) {
            crate::pseudo::add_pseudo_market(&mut s.config);
        }
        if let Some(s) = &sources {
            for e in &s.library.explainers {
                let mut d = Diagnostics::new();
                check_explainer(e, &s.config, &mut d);
                self.check_diags
                    .insert(e.slug.clone(), d.into_iter().collect());
            }
            self.sources = sources;
        } else if self.sources.is_some() {
            // The config or theme is broken: keep serving the last good site.
        }
    }

    fn reload_parts(&mut self, changes: &ChangeSet) {
        let Some(sources) = self.sources.as_mut() else {
            return;
        };
        if changes.locales {
            let mut d = Diagnostics::new();
            sources.ftl = load_ftl(&sources.dir, &sources.theme, &mut d);
            self.parse_diags.retain(|file, _| !file.ends_with(".ftl"));
            merge(&mut self.parse_diags, group_by_file(d));
        }
        if changes.static_files {
            let mut d = Diagnostics::new();
            sources.static_files = sources.dir.list("static", &mut d);
            sources.static_scan = crate::assets::scan_static(
                &sources.dir,
                &sources.static_files,
                &sources.theme.images.widths,
                &mut d,
            );
            self.parse_diags
                .retain(|file, _| !file.starts_with("static/"));
            merge(&mut self.parse_diags, group_by_file(d));
        }
        let mut touched = Vec::new();
        for name in &changes.explainers {
            let rel = format!("{EXPLAINERS_DIR}/{name}");
            self.parse_diags.remove(&rel);
            let mut d = Diagnostics::new();
            // Whatever is there now (a link, a pipe) is read through the site's
            // checks; only a name that is gone removes the explainer.
            if sources.dir.path(&rel).symlink_metadata().is_ok() {
                if let Some((slug, doc)) = load_document(&sources.dir, name, &mut d) {
                    if let Err(doc) = sources.library.upsert(slug.clone(), doc) {
                        d.push(
                            Diagnostic::error(
                                Code::MissingSource,
                                format!("translation of `{slug}` has no source `{slug}.md`"),
                            )
                            .at(doc.file.location(0)),
                        );
                    }
                    touched.push(slug);
                }
                // A file that does not parse keeps its last good version.
            } else {
                sources.library.remove_file(name);
                touched.push(name.split('.').next().unwrap_or(name).to_string());
            }
            merge(&mut self.parse_diags, group_by_file(d));
        }
        for slug in touched {
            self.check_diags.remove(&slug);
            if let Some(e) = sources.library.get(&slug) {
                let mut d = Diagnostics::new();
                check_explainer(e, &sources.config, &mut d);
                self.check_diags.insert(slug, d.into_iter().collect());
            }
        }
    }

    fn render(&mut self) -> RebuildReport {
        let mut diags = Diagnostics::new();
        diags.extend(self.parse_diags.values().flatten().cloned());
        diags.extend(self.check_diags.values().flatten().cloned());
        let mut report = RebuildReport {
            written: 0,
            millis: 0.0,
            findings: Findings::default(),
            failed_dirs: Vec::new(),
            fatal: None,
        };
        let Some(sources) = &self.sources else {
            report.findings.diagnostics = diags.into_sorted();
            report.findings.markets = vec![Vec::new(); report.findings.diagnostics.len()];
            return report;
        };
        let opts = PreviewOptions {
            markets: &self.opts.markets,
            base_url: &self.opts.base_url,
            drafts: self.opts.drafts,
        };
        match render_preview(sources, &opts, &mut self.memo, &self.site, diags) {
            Ok(rendered) => {
                report.written = rendered.written;
                report.failed_dirs = rendered.failed_dirs;
                report.findings = rendered.findings;
            }
            Err(RenderError::Content(f)) => report.findings = f,
            Err(RenderError::Usage(msg)) => report.fatal = Some(msg),
        }
        report
    }
}

fn group_by_file(diags: Diagnostics) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut map: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in diags {
        let file = d
            .location
            .as_ref()
            .map(|l| l.file.clone())
            .unwrap_or_default();
        map.entry(file).or_default().push(d);
    }
    map
}

fn merge(into: &mut BTreeMap<String, Vec<Diagnostic>>, from: BTreeMap<String, Vec<Diagnostic>>) {
    for (k, v) in from {
        into.entry(k).or_default().extend(v);
    }
}
