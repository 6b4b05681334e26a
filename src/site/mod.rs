//! Orchestration: load -> plan per market -> render -> write.

mod bodies;
pub mod load;
pub mod pages;
pub mod plan;
mod write;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::Messages;
use crate::output::Staging;
use crate::render::{load_templates, market_templates, message_calls};
use bodies::{BodyContext, PageBody, render_body};
use load::{Sources, load_sources};
use plan::{Plan, PlanOptions, plan};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use tera::Tera;
use write::{SiteWriter, WriteError};

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub markets: Vec<String>,
    pub base_url: Option<String>,
    pub strict: bool,
    pub drafts: bool,
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

/// Build the site described by `opts`. On any error the previous output is left
/// as it was.
pub fn build_site(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut diags = Diagnostics::new();
    let fail = |diags: Diagnostics| BuildError::Content(diags.into_sorted());
    guard_output(opts).map_err(BuildError::Usage)?;
    let Some(sources) = load_sources(&opts.root, &mut diags) else {
        return Err(fail(diags));
    };
    let plan_opts = PlanOptions {
        markets: &opts.markets,
        base_url: opts.base_url.as_deref(),
        strict: opts.strict,
        drafts: opts.drafts,
    };
    let plan = plan(&sources, &plan_opts, &mut diags).map_err(|e| BuildError::Usage(e.0))?;
    let assets = Arc::new(fingerprint(&sources, &plan));
    let Some(base_tera) = load_templates(&sources.theme, assets.clone(), &mut diags) else {
        return Err(fail(diags));
    };

    let built: Vec<usize> = (0..plan.markets.len())
        .filter(|&i| plan.markets[i].built)
        .collect();
    let mut messages: HashMap<usize, Arc<Messages>> = HashMap::new();
    for &mi in &built {
        messages.insert(
            mi,
            Arc::new(Messages::for_market(
                plan.markets[mi].market,
                &sources.ftl,
                &mut diags,
            )),
        );
    }
    check_template_messages(&sources, &plan, &messages, &mut diags);

    let slugs: HashMap<&str, usize> = sources
        .library
        .explainers
        .iter()
        .enumerate()
        .map(|(i, e)| (e.slug.as_str(), i))
        .collect();
    let body_cx = BodyContext {
        sources: &sources,
        plan: &plan,
        slugs: &slugs,
    };
    let to_render: Vec<usize> = (0..plan.pages.len())
        .filter(|&i| plan.markets[plan.pages[i].market].built)
        .collect();
    let rendered: Vec<(usize, PageBody, Diagnostics)> = to_render
        .par_iter()
        .map(|&i| {
            let page = &plan.pages[i];
            let mut d = Diagnostics::new();
            let body = render_body(&body_cx, page, &messages[&page.market], &mut d);
            (i, body, d)
        })
        .collect();
    for (_, _, d) in &rendered {
        diags.extend(d.iter().cloned());
    }
    let blocking = diags.has_errors() || (opts.strict && !diags.is_empty());
    if blocking {
        return Err(fail(diags));
    }

    let teras: HashMap<usize, Tera> = messages
        .iter()
        .map(|(&mi, m)| (mi, market_templates(&base_tera, m.clone())))
        .collect();
    let staging = Staging::create(&opts.out).map_err(|e| {
        BuildError::Io(
            format!(
                "cannot create the staging folder for {}: {e}",
                opts.out.display()
            ),
            Vec::new(),
        )
    })?;
    let writer = SiteWriter {
        sources: &sources,
        plan: &plan,
        teras: &teras,
        messages: &messages,
        rendered: &rendered,
        assets: &assets,
        staging: &staging,
    };
    let written = writer.write_all();
    match written {
        Ok(pages) => {
            staging.commit().map_err(|e| {
                BuildError::Io(
                    format!("cannot replace {}: {e}", opts.out.display()),
                    Vec::new(),
                )
            })?;
            Ok(BuildReport {
                markets: built.len(),
                pages,
                diagnostics: diags.into_sorted(),
            })
        }
        Err(WriteError::Render(d)) => {
            staging.abort();
            diags.extend(d);
            Err(fail(diags))
        }
        Err(WriteError::Io(msg)) => {
            staging.abort();
            Err(BuildError::Io(msg, diags.into_sorted()))
        }
    }
}

/// Refuse an output folder that would replace the sources.
fn guard_output(opts: &BuildOptions) -> Result<(), String> {
    let abs = |p: &PathBuf| std::path::absolute(p).unwrap_or_else(|_| p.clone());
    let (root, out) = (abs(&opts.root), abs(&opts.out));
    if root.starts_with(&out) {
        return Err(format!(
            "--out {} would replace the site itself",
            opts.out.display()
        ));
    }
    for dir in ["content", "locales", "themes", "static"] {
        if out.starts_with(root.join(dir)) {
            return Err(format!(
                "--out {} is inside the site's {dir}/ folder",
                opts.out.display()
            ));
        }
    }
    Ok(())
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
                            "unknown-message",
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
