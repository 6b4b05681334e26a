//! Per page: resolve the variants, expand messages and render the Markdown body.

use super::Pages;
use crate::config::Market;
use crate::content::Document;
use crate::diagnostics::Diagnostics;
use crate::l10n::{Messages, expand_placeholders};
use crate::markdown::{
    Heading, IdRules, LinkTarget, MarkdownContext, PendingLinks, SourceIds, heading_ids,
    render_markdown,
};
use crate::plan::Page;
use crate::resolve::{Origin, resolve_markdown};
use crate::scripts::{ScriptContext, TimedScript, build_script};

/// A page's localized text, ready for its template.
pub struct PageBody {
    pub title: String,
    pub summary: String,
    pub html: String,
    pub headings: Vec<Heading>,
    /// The market's creator script, timed, when the explainer has one.
    pub script: Option<TimedScript>,
    /// Its Markdown rendered to the end, so `headings` are all of them.
    pub complete: bool,
    /// Its links to other pages' headings, judged once every page is rendered
    /// (`Pages::judge_anchor_links`), which finishes its findings.
    pub pending: Option<PendingLinks>,
}

/// The body of `page`: its variants for the market, its Markdown with messages
/// and links, its title and summary, and its timed script.
pub(super) fn render_body(
    cx: &Pages,
    page: &Page,
    messages: &Messages,
    diags: &mut Diagnostics,
) -> PageBody {
    let market = cx.plan.markets[page.market].market;
    let explainer = &cx.sources.library.explainers[page.explainer];
    let doc = page.doc;
    let resolved = resolve_markdown(doc, market);
    let source_ids = std::cell::OnceCell::new();
    let source_ids = || -> &[String] { source_ids.get_or_init(|| source_heading_ids(cx, page)) };
    let inherits_ids = inherits_ids(page, market);
    let link = |slug: &str, fragment: Option<&str>| link_target(cx, page.market, slug, fragment);
    let static_exists = |path: &str| cx.sources.static_files.contains(path);
    let static_image = |path: &str| cx.sources.static_scan.images.get(path);
    let ctx = MarkdownContext {
        market: &market.id,
        messages,
        link: &link,
        static_file_exists: &static_exists,
        static_image: &static_image,
        image_sizes: &cx.sources.theme.images.sizes,
        root_path: cx.plan.root_path(),
        source_heading_ids: inherits_ids.then_some(&source_ids as &SourceIds<'_>),
        allow_raw_html: cx.sources.config.allow_raw_html,
        pseudo: market.pseudo,
    };
    let rendered = render_markdown(doc, &resolved, &ctx, diags);
    let (title, summary) = front_texts(market, page, messages, diags);
    let script_cx = ScriptContext {
        market,
        messages,
        // The pseudo market is for layout; its scripts are not held to the limits.
        limits: if market.pseudo {
            crate::config::ScriptLimits {
                max_seconds: f64::INFINITY,
                hook_max_seconds: f64::INFINITY,
                beat_max_seconds: f64::INFINITY,
                ..cx.sources.config.scripts
            }
        } else {
            cx.sources.config.scripts
        },
        slug: &explainer.slug,
        title: &title,
        lang: doc.language(&cx.sources.config.source_language),
        rates: &cx.sources.rates,
    };
    let script = build_script(doc, &script_cx, diags);
    PageBody {
        title,
        summary,
        html: rendered.html,
        headings: rendered.headings,
        script,
        complete: rendered.complete,
        pending: rendered.pending,
    }
}

/// Whether the headings of `page` take the ids of its source's by position.
fn inherits_ids(page: &Page, market: &Market) -> bool {
    page.origin == Origin::Translation || market.pseudo
}

/// The heading ids of the source of `page`'s explainer, in its market.
fn source_heading_ids(cx: &Pages, page: &Page) -> Vec<String> {
    let market = cx.plan.markets[page.market].market;
    let source = &cx.sources.library.explainers[page.explainer].source;
    let rules = IdRules {
        inherited: None,
        raw_html_is_text: !cx.sources.config.allow_raw_html,
    };
    heading_ids(
        &resolve_markdown(source, market),
        cx.messages(page.market),
        rules,
    )
    .unwrap_or_default()
}

/// Where a link to the explainer `slug` (and `fragment`) leads from market `mi`.
fn link_target(cx: &Pages, mi: usize, slug: &str, fragment: Option<&str>) -> LinkTarget {
    let Some(&ei) = cx.slugs.get(slug) else {
        if cx.sources.library.unloaded.contains(slug) {
            return LinkTarget::Unloaded;
        }
        return LinkTarget::Unknown;
    };
    let Some(i) = cx.plan.page_index(mi, ei) else {
        // Its translation for the market exists but did not load: that is reported.
        let lang = cx.plan.markets[mi].market.language();
        let unloaded = &cx.sources.library.unloaded_translations;
        if unloaded.contains(&(slug.to_string(), lang)) {
            return LinkTarget::Unloaded;
        }
        return LinkTarget::NotPublished;
    };
    let mut href = cx.plan.href(&cx.plan.page_url(&cx.plan.pages[i], slug));
    if let Some(f) = fragment {
        href.push('#');
        href.push_str(f);
    }
    LinkTarget::Href(href)
}

/// A page's title and summary for its market, messages expanded within one
/// budget; their problems go to `diags`.
pub(super) fn front_texts(
    market: &Market,
    page: &Page,
    messages: &Messages,
    diags: &mut Diagnostics,
) -> (String, String) {
    let mut budget = crate::l10n::MAX_INSERTED_BYTES;
    let mut front = |key: &str, value: &str| {
        let m = (market, messages);
        front_text(page.doc, m, (key, value), &mut budget, diags)
    };
    let title = front("title", &page.doc.front.title);
    (title, front("summary", &page.doc.front.summary))
}

/// A front matter text (`title`, `summary`) for the page's market: messages
/// expanded (within `budget`), pseudo-localized in the pseudo market.
fn front_text(
    doc: &Document,
    (market, messages): (&Market, &Messages),
    (key, value): (&str, &str),
    budget: &mut usize,
    diags: &mut Diagnostics,
) -> String {
    let text = expand_placeholders(value, messages, budget, |_, e| {
        let front = &doc.file.text[..doc.body_start];
        let at = crate::yaml::key_offset(front, &[key]).unwrap_or(0);
        diags.push(e.at(doc.file.location(at)).market(market.id.clone()));
    });
    if market.pseudo {
        crate::pseudo::pseudolocalize(&text)
    } else {
        text.into_owned()
    }
}
