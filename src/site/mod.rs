//! Orchestration: load -> plan per market -> render -> write.

mod bodies;
pub mod cache;
mod indexes;
mod keys;
mod layout;
pub mod load;
pub mod pages;
pub mod plan;
mod write;

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::Messages;
use crate::output::{Sink, Staging};
use crate::render::{MarketTemplates, load_templates, market_templates, message_calls};
use bodies::{PageBody, render_bodies};
use cache::RenderCache;
use keys::{Keys, failed_markets};
use load::{LoadError, Sources, load_sources};
use plan::{Plan, PlanOptions, plan};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use write::{SiteWriter, WriteError};

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub markets: Vec<String>,
    pub base_url: Option<String>,
    pub strict: bool,
    pub drafts: bool,
    /// Add the pseudo-locale market.
    pub pseudo: bool,
}

pub struct BuildReport {
    pub markets: usize,
    pub pages: usize,
    /// Warnings (and, on failure, errors), sorted.
    pub diagnostics: Vec<Diagnostic>,
}

pub enum BuildError {
    /// The command line asks for something impossible (exit 2).
    Usage(String),
    /// Content errors, all of them (exit 1); nothing was written.
    Content(Vec<Diagnostic>),
    /// Writing the output failed (exit 2); the previous output is untouched.
    Io(String, Vec<Diagnostic>),
}

/// How to render a loaded site.
pub struct RenderOptions<'a> {
    pub markets: &'a [String],
    pub base_url: Option<&'a str>,
    pub strict: bool,
    pub drafts: bool,
    /// Write the markets without errors even when others have some (`serve`).
    pub partial: bool,
}

/// What a render produced.
pub struct RenderOutcome {
    pub markets: usize,
    pub pages: usize,
    /// Output folders (`uk/`) of the markets left out because of their errors.
    pub failed_dirs: Vec<String>,
    pub diagnostics: Diagnostics,
}

/// Build the site described by `opts`. On any error the previous output is left
/// as it was.
pub fn build_site(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let guard = || {
        crate::output::check_output(&opts.root, &opts.out)
            .map_err(|e| BuildError::Usage(e.to_string()))
    };
    let out = guard()?;
    let _lock = crate::output::lock_output(&out, |lock| {
        crate::errln!(
            "waiting for another build of {} to finish ({} is locked)",
            opts.out.display(),
            lock.display()
        )
    })
    .map_err(|e| {
        BuildError::Io(
            format!("cannot lock {}: {e}", opts.out.display()),
            Vec::new(),
        )
    })?;
    // Checked again: the build that held the lock may have changed the folder.
    let out = guard()?;
    let mut laps = crate::profile::Laps::start();
    let mut diags = Diagnostics::new();
    // The staging folder is prepared (its recycled files listed) while the
    // sources load.
    let (loaded, staging) = std::thread::scope(|scope| {
        let staging = scope.spawn(|| Staging::create(&out));
        let loaded = load_sources(&opts.root, &mut diags);
        laps.lap("load");
        let staging = staging
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("preparing the staging folder failed")));
        (loaded, staging)
    });
    let mut sources = match loaded {
        Ok(sources) => sources,
        Err(e) => {
            if let Ok(staging) = staging {
                staging.abort();
            }
            return Err(match e {
                LoadError::Unreadable(msg) => BuildError::Io(msg, diags.into_sorted()),
                LoadError::Invalid => BuildError::Content(diags.into_sorted()),
            });
        }
    };
    laps.lap("waiting for the staging folder");
    if opts.pseudo {
        crate::pseudo::add_pseudo_market(&mut sources.config);
    }
    if opts.strict {
        crate::check::check_translations(&sources, &mut diags);
    }
    let ropts = RenderOptions {
        markets: &opts.markets,
        base_url: opts.base_url.as_deref(),
        strict: opts.strict,
        drafts: opts.drafts,
        partial: false,
    };
    let out = opts.out.display();
    let staging = staging.map_err(|e| {
        BuildError::Io(
            format!("cannot create the staging folder for {out}: {e}"),
            Vec::new(),
        )
    })?;
    let rendered = render_site(&sources, &ropts, None, &staging, diags);
    laps.lap("render (all of the above)");
    let finished = match rendered {
        Ok(outcome) => staging
            .commit()
            .map_err(|e| BuildError::Io(format!("cannot replace {out}: {e}"), Vec::new()))
            .map(|()| BuildReport {
                markets: outcome.markets,
                pages: outcome.pages,
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
) -> Result<Vec<Diagnostic>, String> {
    let mut diags = Diagnostics::new();
    let mut laps = crate::profile::Laps::start();
    let sources = match load_sources(root, &mut diags) {
        Ok(sources) => sources,
        Err(LoadError::Unreadable(msg)) => return Err(msg),
        Err(LoadError::Invalid) => return Ok(diags.into_sorted()),
    };
    laps.lap("load");
    crate::check::check_translations(&sources, &mut diags);
    laps.lap("translation checks");
    let opts = RenderOptions {
        markets,
        base_url: None,
        strict,
        drafts: false,
        partial: false,
    };
    match render_site(&sources, &opts, None, &crate::output::Discard, diags) {
        Ok(outcome) => Ok(outcome.diagnostics.into_sorted()),
        Err(BuildError::Content(d)) | Err(BuildError::Io(_, d)) => Ok(d),
        Err(BuildError::Usage(msg)) => Err(msg),
    }
}

/// Render a loaded site into `sink`. With a cache, pages whose inputs did not
/// change are neither rendered nor written again.
pub fn render_site(
    sources: &Sources,
    opts: &RenderOptions,
    cache: Option<&RenderCache>,
    sink: &dyn Sink,
    mut diags: Diagnostics,
) -> Result<RenderOutcome, BuildError> {
    let fail = |diags: Diagnostics| BuildError::Content(diags.into_sorted());
    let plan_opts = PlanOptions {
        markets: opts.markets,
        base_url: opts.base_url,
        strict: opts.strict,
        drafts: opts.drafts,
    };
    let mut laps = crate::profile::Laps::start();
    let plan = plan(sources, &plan_opts, &mut diags).map_err(|e| BuildError::Usage(e.0))?;
    laps.lap("plan");
    let assets = Arc::new(fingerprint(sources, &plan));
    laps.lap("fingerprints");
    let check = || layout::check_layout(sources, &plan, &assets);
    diags.extend(match cache {
        Some(c) => c.layout(layout::layout_key(sources, &plan, &assets), check),
        None => check(),
    });
    laps.lap("layout");
    let Some(base_tera) = load_templates(&sources.theme, assets.clone(), &mut diags) else {
        return Err(fail(diags));
    };
    let built: Vec<usize> = (0..plan.markets.len())
        .filter(|&i| plan.markets[i].built)
        .collect();
    let messages: HashMap<usize, Arc<Messages>> = built
        .iter()
        .map(|&mi| {
            (
                mi,
                Arc::new(Messages::for_market(
                    plan.markets[mi].market,
                    &sources.ftl,
                    &mut diags,
                )),
            )
        })
        .collect();
    check_template_messages(sources, &plan, &messages, &mut diags);
    laps.lap("templates and messages");

    let keys = Keys::new(sources, &plan, &messages, &assets);
    laps.lap("keys");
    // Made on all cores; `serve` keeps a market's from one rebuild to the next
    // while the theme and the market's messages stay the same.
    let teras: HashMap<usize, Arc<MarketTemplates>> = messages
        .par_iter()
        .map(|(&mi, m)| {
            let make = || market_templates(&base_tera, &sources.theme, m.clone());
            let key = cache::key_of((keys.theme, keys.market.get(&mi)));
            let made = match cache {
                Some(c) => c.templates(mi, key, make),
                None => Arc::new(make()),
            };
            (mi, made)
        })
        .collect();
    laps.lap("market templates");
    let mut writer = SiteWriter {
        sources,
        plan: &plan,
        teras: teras.iter().map(|(&mi, t)| (mi, &**t)).collect(),
        messages: &messages,
        assets: &assets,
        sink,
        cache,
        theme_key: keys.theme,
        keep_root: false,
        markets: pages::market_values(&plan),
    };
    // A build or check writes each page as its body is rendered; `serve` renders
    // all bodies first, to keep the last good pages of a market with errors.
    let stream_pass = cache.is_none().then(|| writer.begin());
    let stream = stream_pass.as_ref().map(|pass| (&writer, pass));
    let (rendered, streamed) = render_bodies(sources, &plan, &messages, &keys, cache, stream);
    laps.lap("bodies");
    for (_, b, _) in &rendered {
        diags.extend(b.diagnostics.iter().cloned());
    }
    sources.config.apply_levels(&mut diags);
    let failed: BTreeSet<usize> = if opts.partial {
        failed_markets(&diags, &plan)
    } else {
        BTreeSet::new()
    };
    let blocking = if opts.partial {
        failed.len() == built.len() && diags.has_errors()
    } else {
        diags.has_errors() || (opts.strict && !diags.is_empty())
    };
    if blocking {
        return Err(fail(diags));
    }
    let streamed = match streamed {
        Ok(n) => n,
        Err(WriteError::Io(msg)) => return Err(BuildError::Io(msg, diags.into_sorted())),
        Err(WriteError::Render(d)) => {
            diags.extend(d);
            return Err(fail(diags));
        }
    };
    let written: Vec<(usize, Arc<PageBody>, u64)> = rendered
        .into_iter()
        .filter(|(i, _, _)| !failed.contains(&plan.pages[*i].market))
        .map(|(i, b, key)| (i, b.body.clone(), key))
        .collect();
    let failed_dirs: Vec<String> = failed
        .iter()
        .map(|&mi| plan.markets[mi].dir.clone())
        .collect();
    if let Some(cache) = cache {
        failed_dirs.iter().for_each(|d| cache.keep_prefix(d));
        if !failed.is_empty() {
            ["index.html", "404.html", "sitemap.xml", "robots.txt"]
                .iter()
                .for_each(|p| cache.keep_prefix(p));
        }
    }
    let written = match stream_pass {
        Some(pass) => writer.write_all(pass, &written, Some(streamed)),
        None => {
            writer.teras.retain(|mi, _| !failed.contains(mi));
            writer.keep_root = !failed.is_empty();
            let pass = writer.begin();
            writer.write_all(pass, &written, None)
        }
    };
    laps.lap("pages and files");
    match written {
        Ok(pages) => Ok(RenderOutcome {
            markets: teras.len(),
            pages,
            failed_dirs,
            diagnostics: diags,
        }),
        Err(WriteError::Render(d)) => {
            diags.extend(d);
            Err(fail(diags))
        }
        Err(WriteError::Io(msg)) => Err(BuildError::Io(msg, diags.into_sorted())),
    }
}

/// Every `t(id="…")` in the templates must resolve in every built market.
fn check_template_messages(
    sources: &Sources,
    plan: &Plan,
    messages: &HashMap<usize, Arc<Messages>>,
    diags: &mut Diagnostics,
) {
    for (_, file) in &sources.theme.templates {
        for (id, at) in message_calls(&file.text) {
            for (&mi, m) in messages {
                if !m.has(id) {
                    let market = &plan.markets[mi].market;
                    diags.push(
                        Diagnostic::error(
                            Code::UnknownMessage,
                            format!(
                                "unknown message `{id}` (after fallback to {})",
                                market.locale_chain().join(", ")
                            ),
                        )
                        .at(file.location(at))
                        .market(market.id.clone())
                        .help(format!(
                            "define `{id}` in locales/{}/ or in the reference locale en-US",
                            market.locale
                        )),
                    );
                }
            }
        }
    }
}

/// Theme assets by path -> fingerprinted URL (`/static/style.1a2b3c4d5e.css`).
fn fingerprint(sources: &Sources, plan: &Plan) -> HashMap<String, String> {
    sources
        .theme
        .assets
        .iter()
        .map(|(path, bytes)| {
            (
                path.clone(),
                format!(
                    "{}static/{}",
                    plan.root_path(),
                    fingerprinted_name(path, bytes)
                ),
            )
        })
        .collect()
}

fn fingerprinted_name(path: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..10];
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{short}.{ext}"),
        _ => format!("{path}.{short}"),
    }
}
