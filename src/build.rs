//! The build, from sources to the output folder: load -> plan -> render (the
//! pages as bytes) -> write (into a staging folder, swapped in at the end).
//! `check` runs the same path and writes nothing.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{LoadError, Sources, load_sources};
use crate::markdown::{Heading, PendingLinks};
use crate::output::{Discard, Sink, Staging};
use crate::pages::{AnchorTargets, Card, Made, Pages, fingerprint};
use crate::plan::{Concern, Plan, PlanOptions, check_completeness, check_layout, plan};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub markets: Vec<String>,
    pub base_url: Option<String>,
    pub strict: bool,
    pub drafts: bool,
    /// Add the pseudo-locale market.
    pub pseudo: bool,
    /// Write only the root files (`--root-files`).
    pub root_files: bool,
}

pub struct BuildReport {
    pub markets: usize,
    pub pages: usize,
    /// Explainers marked `draft: true` that the build left out.
    pub drafts_left_out: usize,
    /// Warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug)]
pub enum BuildError {
    /// The command line asks for something impossible (exit 2).
    Usage(String),
    /// Content errors, all of them (exit 1); nothing was written.
    Content(Vec<Diagnostic>),
    /// Reading the site or writing the output failed (exit 2); the previous
    /// output is untouched.
    Io(String, Vec<Diagnostic>),
}

/// Build the site described by `opts`. On any error the previous output is left
/// as it was.
pub fn build_site(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let usage = |e: crate::output::GuardError| BuildError::Usage(e.to_string());
    let out = crate::output::check_place(&opts.root, &opts.out).map_err(usage)?;
    let shown = opts.out.display();
    let _lock = crate::output::lock_output(&out, |lock| {
        crate::errln!(
            "waiting for another build of {shown} to finish ({} is locked)",
            lock.display()
        )
    })
    .map_err(|e| BuildError::Io(format!("cannot lock {shown}: {e}"), Vec::new()))?;
    // Whose the folder is, once no other build can be changing it.
    let out = crate::output::check_output(&opts.root, &opts.out).map_err(usage)?;
    let mut laps = crate::profile::Laps::start();
    let mut diags = Diagnostics::new();
    // The staging folder is prepared (its recycled files listed) while the
    // sources load.
    let (loaded, staging) = std::thread::scope(|scope| {
        let staging = scope.spawn(|| Staging::create(&out));
        let loaded = load_sources(&opts.root, &mut diags);
        laps.lap("load");
        let staging = (staging.join())
            .unwrap_or_else(|_| Err(std::io::Error::other("preparing the staging folder failed")));
        (loaded, staging)
    });
    let io = |e: std::io::Error| {
        let msg = format!("cannot prepare the staging folder for {shown}: {e}");
        BuildError::Io(msg, Vec::new())
    };
    let mut sources = match loaded {
        Ok(sources) => sources,
        Err(e) => {
            if let Ok(staging) = staging {
                staging.abort();
            }
            return Err(load_failure(e, diags));
        }
    };
    let staging = staging.map_err(io)?;
    if opts.pseudo {
        crate::pseudo::add_pseudo_market(&mut sources.config);
    }
    let rendered = render_site(&sources, &opts.into(), &staging, diags);
    laps.lap("render and write");
    let finished = match rendered {
        Ok(outcome) => (staging.commit())
            .map_err(|e| BuildError::Io(format!("cannot replace {shown}: {e}"), Vec::new()))
            .map(|()| BuildReport {
                markets: outcome.markets,
                pages: outcome.pages,
                drafts_left_out: outcome.drafts_left_out,
                diagnostics: outcome.diagnostics.into_sorted(),
            }),
        Err(e) => {
            staging.abort();
            Err(e)
        }
    };
    laps.lap("commit");
    finished
}

/// What `glasshouse check` runs: everything a build does, and the translation
/// checks, without writing anything. All findings, sorted.
pub fn check_site(
    root: &std::path::Path,
    markets: &[String],
    strict: bool,
) -> Result<Vec<Diagnostic>, BuildError> {
    let mut diags = Diagnostics::new();
    let sources = match load_sources(root, &mut diags) {
        Ok(sources) => sources,
        Err(LoadError::Invalid) => return Ok(diags.into_sorted()),
        Err(e) => return Err(load_failure(e, diags)),
    };
    crate::check::check_translations(&sources, &mut diags);
    let opts = RenderOptions {
        markets: markets.to_vec(),
        base_url: None,
        strict,
        drafts: false,
        translations_checked: true,
        root_files: false,
    };
    match render_site(&sources, &opts, &Discard, diags) {
        Ok(outcome) => Ok(outcome.diagnostics.into_sorted()),
        Err(BuildError::Content(d) | BuildError::Io(_, d)) => Ok(d),
        Err(e) => Err(e),
    }
}

fn load_failure(e: LoadError, diags: Diagnostics) -> BuildError {
    match e {
        LoadError::Unreadable(msg) => BuildError::Io(msg, diags.into_sorted()),
        LoadError::Invalid => BuildError::Content(diags.into_sorted()),
    }
}

/// What shapes a render.
struct RenderOptions {
    markets: Vec<String>,
    base_url: Option<String>,
    strict: bool,
    drafts: bool,
    /// The translation checks ran already (`check`).
    translations_checked: bool,
    /// Write only the root files: no market's pages.
    root_files: bool,
}

impl From<&BuildOptions> for RenderOptions {
    fn from(o: &BuildOptions) -> Self {
        RenderOptions {
            markets: o.markets.clone(),
            base_url: o.base_url.clone(),
            strict: o.strict,
            drafts: o.drafts,
            translations_checked: false,
            root_files: o.root_files,
        }
    }
}

/// What a render produced.
struct RenderOutcome {
    markets: usize,
    pages: usize,
    drafts_left_out: usize,
    diagnostics: Diagnostics,
}

/// Render the site into `sink`: every page of the built markets, their
/// indexes, the root files, the theme's assets and the site's static files.
/// All or nothing: any error is returned with every finding.
fn render_site(
    sources: &Sources,
    opts: &RenderOptions,
    sink: &dyn Sink,
    mut diags: Diagnostics,
) -> Result<RenderOutcome, BuildError> {
    let mut laps = crate::profile::Laps::start();
    if opts.strict && !opts.translations_checked {
        crate::check::check_translations(sources, &mut diags);
    } else if !opts.translations_checked {
        // A block a market would show missing from its translation is an
        // error here as in `check`.
        crate::check::check_translation_blocks(sources, &mut diags);
    }
    let plan_opts = PlanOptions {
        markets: &opts.markets,
        base_url: opts.base_url.as_deref(),
        strict: opts.strict,
        drafts: opts.drafts,
    };
    let plan = plan(sources, &plan_opts, &mut diags).map_err(|e| BuildError::Usage(e.0))?;
    diags.extend(check_completeness(sources, &plan, opts.drafts));
    let assets = Arc::new(fingerprint(sources, &plan));
    diags.extend(check_layout(sources, &plan, &assets));
    let Some(pages) = Pages::new(sources, &plan, assets, &mut diags) else {
        return Err(BuildError::Content(diags.into_sorted()));
    };
    laps.lap("plan, layout, templates and messages");
    let written = if opts.root_files {
        Ok(PagesWritten::default())
    } else {
        write_pages(&pages, &plan, sink, &mut diags)
    };
    laps.lap("pages");
    sources.config.apply_levels(&mut diags);
    if opts.root_files {
        // The root files read the shared sources only.
        diags.retain_mut(|d| plan.concern(d) == Concern::Site);
    } else if !opts.markets.is_empty() {
        // The markets asked for are judged on the files they read only.
        diags.retain_mut(|d| plan.concerns_built(d));
    }
    if diags.has_errors() || (opts.strict && diags.has_problems()) {
        return Err(BuildError::Content(diags.into_sorted()));
    }
    let PagesWritten {
        html: pages_written,
        cards,
        made,
    } = written.map_err(|e| BuildError::Io(e, diags.iter().cloned().collect()))?;
    let indexes = write_indexes(&pages, (!opts.root_files).then_some(&cards[..]), made, sink);
    laps.lap("indexes, root files and static files");
    match indexes {
        Ok(n) => Ok(RenderOutcome {
            markets: if opts.root_files {
                0
            } else {
                pages.built().len()
            },
            pages: pages_written + n,
            drafts_left_out: plan.drafts_left_out,
            diagnostics: diags,
        }),
        Err(Failure::Render(d)) => {
            diags.push(d);
            Err(BuildError::Content(diags.into_sorted()))
        }
        Err(Failure::Io(msg)) => Err(BuildError::Io(msg, diags.into_sorted())),
    }
}

enum Failure {
    Render(Diagnostic),
    Io(String),
}

/// Write `file` into `sink`.
fn write(sink: &dyn Sink, file: &crate::pages::File) -> Result<(), String> {
    (sink.write(&file.path, &file.bytes)).map_err(|e| format!("cannot write {}: {e}", file.path))
}

/// Write `path` into `sink`, made by `make` unless the sink keeps it. What
/// `make` cannot make (a share card, a resized image) is a finding about the
/// site, at its place, not a failure of the disk.
fn write_made(
    sink: &dyn Sink,
    path: &str,
    make: &dyn Fn() -> Result<Vec<u8>, Diagnostic>,
) -> Result<(), Failure> {
    let failed = std::sync::OnceLock::new();
    let make = || {
        make().map_err(|d| {
            let line = d.one_line();
            let _ = failed.set(d);
            std::io::Error::other(line)
        })
    };
    (sink.write_made(path, &make)).map_err(|e| match failed.into_inner() {
        Some(d) => Failure::Render(d),
        None => Failure::Io(format!("cannot write {path}: {e}")),
    })
}

/// What writing the explainer pages did: the number of HTML pages, each
/// page's card, by market, and the share cards to draw.
#[derive(Default)]
struct PagesWritten {
    html: usize,
    cards: Vec<Vec<Card>>,
    made: Vec<Made>,
}

/// What writing one explainer's pages did.
struct Written {
    /// Each page's market and card.
    cards: Vec<(usize, Card)>,
    /// Each page's headings, where links to it are judged, and its links to
    /// other pages' headings, to judge.
    anchors: Vec<(usize, Option<Vec<Heading>>, Option<PendingLinks>)>,
    /// Its pages' share cards, drawn once the build is known to succeed.
    made: Vec<Made>,
    diagnostics: Diagnostics,
    /// The number of HTML pages, or the first file that could not be written.
    pages: Result<usize, String>,
}

/// Render and write every page of the built markets, an explainer's pages in
/// every market together (they share its hreflang sets); the number of HTML
/// pages, each page's card, by market, and the share cards to draw. Findings
/// go to `diags`, those of links to other pages' headings once every page is
/// rendered; `Err` is the first file that could not be written.
fn write_pages(
    pages: &Pages,
    plan: &Plan,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> Result<PagesWritten, String> {
    let explainers = pages.sources.library.explainers.len();
    let written: Vec<Written> = (0..explainers)
        .into_par_iter()
        .map(|e| write_explainer(pages, e, sink))
        .collect();
    let mut cards: Vec<Vec<Card>> = vec![Vec::new(); plan.markets.len()];
    let mut made = Vec::new();
    let mut count = 0;
    let mut first_error = None;
    let mut targets = AnchorTargets::new(plan.pages.len());
    let mut pending = Vec::new();
    for w in written {
        for (mi, card) in w.cards {
            cards[mi].push(card);
        }
        for (i, headings, links) in w.anchors {
            if let Some(h) = headings {
                targets.set(i, h.into());
            }
            pending.extend(links.map(|l| (i, l)));
        }
        made.extend(w.made);
        diags.extend(w.diagnostics);
        match w.pages {
            Ok(n) => count += n,
            Err(e) => first_error = first_error.or(Some(e)),
        }
    }
    for (i, links) in &pending {
        pages.judge_anchor_links(*i, links, &targets, diags);
    }
    // The indexes list a market's pages in the plan's order.
    cards.iter_mut().for_each(|c| c.sort_by_key(|c| c.page));
    let written = PagesWritten {
        html: count,
        cards,
        made,
    };
    first_error.map_or(Ok(written), Err)
}

/// Render and write explainer `e`'s pages in the built markets.
fn write_explainer(pages: &Pages, e: usize, sink: &dyn Sink) -> Written {
    let plan = pages.plan;
    let mut w = Written {
        cards: Vec::new(),
        anchors: Vec::new(),
        made: Vec::new(),
        diagnostics: Diagnostics::new(),
        pages: Ok(0),
    };
    let mut shared = None;
    for mi in pages.built() {
        let Some(i) = plan.page_index(mi, e) else {
            continue;
        };
        let mut body = pages.body(i, &mut w.diagnostics);
        let shared = shared.get_or_insert_with(|| pages.explainer_shared(e));
        match pages.page_files(i, &body, shared) {
            Ok((files, made)) => {
                for f in &files {
                    if let (Err(e), Ok(_)) = (write(sink, f), &w.pages) {
                        w.pages = Err(e);
                    }
                }
                w.made.extend(made);
                let html = files.iter().filter(|f| f.path.ends_with(".html")).count();
                w.pages = w.pages.map(|n| n + html);
            }
            Err(finding) => w.diagnostics.push(finding),
        }
        w.cards.push((mi, Card::of(i, &body)));
        let judged = AnchorTargets::judged(pages, i, &body);
        let headings = judged.then(|| std::mem::take(&mut body.headings));
        w.anchors.push((i, headings, body.pending.take()));
    }
    w
}

/// Each built market's indexes (given its `cards`; none for `--root-files`),
/// the root files, the theme's assets, the site's static files and every
/// share card (the explainer pages' `made`, and those of the indexes); the
/// number of HTML pages among them.
fn write_indexes(
    pages: &Pages,
    cards: Option<&[Vec<Card>]>,
    mut made: Vec<Made>,
    sink: &dyn Sink,
) -> Result<usize, Failure> {
    let built = pages.built();
    let (markets, root) = rayon::join(
        || {
            let Some(cards) = cards else {
                return Ok(Vec::new());
            };
            (built.par_iter())
                .map(|&mi| pages.market_files(mi, &cards[mi]).map_err(Failure::Render))
                .collect::<Result<Vec<_>, Failure>>()
        },
        || {
            let (mut files, made) = pages.root_pages().map_err(Failure::Render)?;
            files.extend(pages.sitemap_files(cards.is_some()));
            Ok((files, made))
        },
    );
    let (markets, root) = (markets?, root?);
    let assets = pages.asset_files();
    let files = (markets.iter().flat_map(|(files, _)| files))
        .chain(&root.0)
        .chain(&assets);
    let mut html = 0;
    for f in files {
        write(sink, f).map_err(Failure::Io)?;
        html += usize::from(f.path.ends_with(".html"));
    }
    let site = &pages.sources.dir;
    for rel in &pages.sources.static_files {
        let from = format!("static/{rel}");
        let (file, _) = (site.open_any_size(&from))
            .map_err(|e| Failure::Io(format!("cannot copy {from}: {e}")))?;
        (sink.copy(rel, file)).map_err(|e| Failure::Io(format!("cannot copy {from}: {e}")))?;
    }
    write_resized(pages.sources, sink)?;
    made.extend((markets.into_iter().chain([root])).filter_map(|(_, made)| made));
    (made.par_iter()).try_for_each(|m| write_made(sink, &m.path, &|| pages.draw(m)))?;
    Ok(html)
}

/// The resized copies of the site's images, on all cores; a sink that keeps
/// them from an earlier build does not make them again.
fn write_resized(sources: &Sources, sink: &dyn Sink) -> Result<(), Failure> {
    let copies: Vec<(&String, &crate::assets::Variant)> = (sources.static_scan.images.iter())
        .flat_map(|(rel, image)| image.variants.iter().map(move |v| (rel, v)))
        .collect();
    copies.par_iter().try_for_each(|(rel, v)| {
        write_made(sink, &v.path, &|| {
            crate::assets::resized_copy(&sources.dir, rel, v)
        })
    })
}
