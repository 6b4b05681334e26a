//! Per page: resolve the variants, expand messages and render the Markdown body.

use super::load::Sources;
use super::plan::{Page, Plan};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::{Messages, expand_placeholders};
use crate::markdown::{Heading, LinkTarget, MarkdownContext, heading_ids, render_markdown};
use crate::resolve::{Origin, resolve_markdown};
use crate::scripts::{ScriptContext, TimedScript, build_script};
use std::collections::HashMap;

/// A page's localized text, ready for its template.
pub struct PageBody {
    pub title: String,
    pub summary: String,
    pub html: String,
    pub headings: Vec<Heading>,
    /// The market's creator script, timed, when the explainer has one.
    pub script: Option<TimedScript>,
}

/// What every page body of a build shares.
pub struct BodyContext<'a> {
    pub sources: &'a Sources,
    pub plan: &'a Plan<'a>,
    pub slugs: &'a HashMap<&'a str, usize>,
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
    let source_ids = (page.origin == Origin::Translation || market.pseudo)
        .then(|| heading_ids(&resolve_markdown(&explainer.source, market), messages));
    let link = |slug: &str, fragment: Option<&str>| -> LinkTarget {
        let Some(&ei) = cx.slugs.get(slug) else {
            return LinkTarget::Unknown;
        };
        match cx.plan.page(page.market, ei) {
            Some(target) => {
                let href = cx.plan.href(&cx.plan.page_url(target, slug));
                LinkTarget::Href(match fragment {
                    Some(f) => format!("{href}#{f}"),
                    None => href,
                })
            }
            None => LinkTarget::NotPublished,
        }
    };
    let static_exists = |path: &str| cx.sources.static_files.contains_key(path);
    let ctx = MarkdownContext {
        market: &market.id,
        messages,
        link: &link,
        static_file_exists: &static_exists,
        root_path: cx.plan.root_path(),
        source_heading_ids: source_ids.as_deref(),
        allow_raw_html: cx.sources.config.allow_raw_html,
        pseudo: market.pseudo,
    };
    let rendered = render_markdown(doc, &resolved, &ctx, diags);
    // Title and summary: messages expanded, pseudo-localized in the pseudo market.
    let mut front_text = |key: &str, value: &str| -> String {
        let text = expand_placeholders(value, messages, |_, e| {
            let at = doc
                .file
                .text
                .find(&format!("\n{key}:"))
                .map_or(0, |i| i + 1);
            diags.push(
                Diagnostic::error("unknown-message", e)
                    .at(doc.file.location(at))
                    .market(market.id.clone()),
            );
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
    let mut html = rendered.html;
    // Held until the page is written: no spare capacity for thousands of pages.
    html.shrink_to_fit();
    PageBody {
        title,
        summary,
        html,
        headings: rendered.headings,
        script,
    }
}
