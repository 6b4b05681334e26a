//! Per page: resolve the variants, expand messages and render the Markdown body.

use super::cache::{CachedBody, RenderCache, key_of};
use super::keys::Keys;
use super::load::Sources;
use super::plan::{Page, Plan};
use super::write::{Pass, SiteWriter, WriteError};
use crate::diagnostics::Diagnostics;
use crate::l10n::{Messages, expand_placeholders};
use crate::markdown::{
    Heading, LinkTarget, MarkdownContext, SourceIds, heading_ids, render_markdown,
};
use crate::resolve::{Origin, resolve_markdown};
use crate::scripts::{ScriptContext, TimedScript, build_script};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// A page's localized text, ready for its template.
pub struct PageBody {
    pub title: String,
    pub summary: String,
    pub html: String,
    pub headings: Vec<Heading>,
    /// The market's creator script, timed, when the explainer has one.
    pub script: Option<TimedScript>,
}

impl PageBody {
    /// Drop what only the page's own files show, once they are written: its
    /// HTML, headings and script lines. The market's indexes list the title,
    /// the summary and the script's running time, and a build keeps those of
    /// every page until the indexes are written (the rest came to about 20 MB
    /// at 7,000 pages).
    fn keep_for_indexes(&mut self) {
        self.html = String::new();
        self.headings = Vec::new();
        if let Some(script) = &mut self.script {
            *script = TimedScript {
                total_seconds: script.total_seconds,
                ..TimedScript::default()
            };
        }
    }
}

/// A page's index, its body, and the key of the body's inputs.
pub type Rendered = (usize, Arc<CachedBody>, u64);

/// Render the body of every page of the built markets, reusing cached bodies
/// whose inputs did not change: (page index, body, key of its inputs).
///
/// With `stream` (a build or a check: no cache, every page is new), each page's
/// files are written as soon as its body is rendered, and the body then keeps
/// what the indexes need (see `PageBody::keep_for_indexes`): a build holds a
/// page's HTML, headings and script only while it writes them. The second value
/// is the number of pages so written, or the first write error.
pub fn render_bodies(
    sources: &Sources,
    plan: &Plan,
    messages: &HashMap<usize, Arc<Messages>>,
    keys: &Keys,
    cache: Option<&RenderCache>,
    stream: Option<(&SiteWriter, &Pass)>,
) -> (Vec<Rendered>, Result<usize, WriteError>) {
    let slugs: ahash::HashMap<&str, usize> = sources
        .library
        .explainers
        .iter()
        .enumerate()
        .map(|(i, e)| (e.slug.as_str(), i))
        .collect();
    let body_cx = BodyContext {
        sources,
        plan,
        slugs: &slugs,
    };
    let to_render: Vec<usize> = (0..plan.pages.len())
        .filter(|&i| plan.markets[plan.pages[i].market].built)
        .collect();
    let rendered: Vec<(Rendered, Result<usize, WriteError>)> = to_render
        .par_iter()
        .map(|&i| {
            let page = &plan.pages[i];
            let market = &plan.markets[page.market].market.id;
            let slug = &sources.library.explainers[page.explainer].slug;
            let key = keys.body(sources, page);
            let id = key_of((market, slug));
            if let Some(hit) = cache.and_then(|c| c.body(id, key)) {
                return ((i, hit, key), Ok(0));
            }
            let mut d = Diagnostics::new();
            let mut body = render_body(&body_cx, page, &messages[&page.market], &mut d);
            let written = match stream {
                Some((writer, pass)) => {
                    let n = writer.page_files(pass, i, &body, key).map(|(n, _)| n);
                    body.keep_for_indexes();
                    n
                }
                None => {
                    // Held until all are rendered: no spare capacity in thousands.
                    body.html.shrink_to_fit();
                    Ok(0)
                }
            };
            let cached = Arc::new(CachedBody {
                body: Arc::new(body),
                diagnostics: d.into_iter().collect(),
            });
            if let Some(c) = cache {
                c.store_body(id, key, cached.clone());
            }
            ((i, cached, key), written)
        })
        .collect();
    let (bodies, written): (Vec<_>, Vec<_>) = rendered.into_iter().unzip();
    let pages = written.into_iter().sum();
    (bodies, pages)
}

/// What every page body of a build shares.
pub struct BodyContext<'a> {
    pub sources: &'a Sources,
    pub plan: &'a Plan<'a>,
    pub slugs: &'a ahash::HashMap<&'a str, usize>,
}

pub fn render_body(
    cx: &BodyContext,
    page: &Page,
    messages: &Messages,
    diags: &mut Diagnostics,
) -> PageBody {
    let market = cx.plan.markets[page.market].market;
    let explainer = &cx.sources.library.explainers[page.explainer];
    let doc = page.doc;
    let resolved = resolve_markdown(doc, market);
    let source_ids = std::cell::OnceCell::new();
    let source_ids = || -> &[String] {
        source_ids
            .get_or_init(|| heading_ids(&resolve_markdown(&explainer.source, market), messages))
    };
    let inherits_ids = page.origin == Origin::Translation || market.pseudo;
    let link = |slug: &str, fragment: Option<&str>| -> LinkTarget {
        let Some(&ei) = cx.slugs.get(slug) else {
            return LinkTarget::Unknown;
        };
        match cx.plan.page(page.market, ei) {
            Some(target) => {
                let mut href = cx.plan.href(&cx.plan.page_url(target, slug));
                if let Some(f) = fragment {
                    href.push('#');
                    href.push_str(f);
                }
                LinkTarget::Href(href)
            }
            None => LinkTarget::NotPublished,
        }
    };
    let static_exists = |path: &str| cx.sources.static_files.contains(path);
    let ctx = MarkdownContext {
        market: &market.id,
        messages,
        link: &link,
        static_file_exists: &static_exists,
        root_path: cx.plan.root_path(),
        source_heading_ids: inherits_ids.then_some(&source_ids as &SourceIds<'_>),
        allow_raw_html: cx.sources.config.allow_raw_html,
        pseudo: market.pseudo,
    };
    let rendered = render_markdown(doc, &resolved, &ctx, diags);
    // Title and summary: messages expanded, pseudo-localized in the pseudo market.
    let mut budget = crate::l10n::MAX_INSERTED_BYTES;
    let mut front_text = |key: &str, value: &str| -> String {
        let text = expand_placeholders(value, messages, &mut budget, |_, e| {
            let front = &doc.file.text[..doc.body_start];
            let at = crate::yaml::key_offset(front, &[key]).unwrap_or(0);
            diags.push(e.at(doc.file.location(at)).market(market.id.clone()));
        });
        if market.pseudo {
            crate::pseudo::pseudolocalize(&text)
        } else {
            text.into_owned()
        }
    };
    let title = front_text("title", &doc.front.title);
    let summary = front_text("summary", &doc.front.summary);
    let lang = doc.language(&cx.sources.config.source_language);
    let script_cx = ScriptContext {
        market,
        messages,
        // The pseudo market is for layout; its scripts are not held to the limits.
        limits: if market.pseudo {
            crate::config::ScriptLimits {
                max_seconds: f64::INFINITY,
                hook_max_seconds: f64::INFINITY,
            }
        } else {
            cx.sources.config.scripts
        },
        slug: &explainer.slug,
        title: &title,
        lang,
    };
    let script = build_script(doc, &script_cx, diags);
    PageBody {
        title,
        summary,
        html: rendered.html,
        headings: rendered.headings,
        script,
    }
}
