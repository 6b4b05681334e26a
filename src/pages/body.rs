//! Per page: resolve the variants, expand messages and render the Markdown body.

use super::Pages;
use crate::config::Market;
use crate::content::Document;
use crate::diagnostics::Diagnostics;
use crate::l10n::{Messages, expand_placeholders};
use crate::markdown::{
    Heading, IdRules, LinkTarget, MarkdownContext, SHOWN_IDS, SourceIds, decode_fragment,
    heading_ids, render_markdown,
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
    /// The explainers whose headings a `#fragment` link of this page was
    /// judged against: the body depends on their pages too.
    pub anchored: Vec<usize>,
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
    let anchored = std::sync::Mutex::new(Vec::new());
    let link = |slug: &str, fragment: Option<&str>| {
        let (target, judged) = link_target(cx, page.market, slug, fragment);
        if let (Some(e), Ok(mut list)) = (judged, anchored.lock()) {
            list.push(e);
        }
        target
    };
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
    let mut anchored = anchored.into_inner().unwrap_or_default();
    anchored.sort_unstable();
    anchored.dedup();
    PageBody {
        title,
        summary,
        html: rendered.html,
        headings: rendered.headings,
        script,
        anchored,
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

/// The ids that the headings of `page` get in its market, as `render_body`
/// gives them: its variants resolved, a translation's ids inherited. `None`
/// when its directives or its Markdown have errors: those are the findings,
/// and links to it are not judged on the best reading of it.
pub(super) fn page_heading_ids(cx: &Pages, page: &Page) -> Option<Vec<String>> {
    if page.doc.body.has_errors {
        return None;
    }
    let market = cx.plan.markets[page.market].market;
    // As in `render_body`: the source is read only for a heading without `{#id}`.
    let source_ids = std::cell::OnceCell::new();
    let source_ids = || -> &[String] { source_ids.get_or_init(|| source_heading_ids(cx, page)) };
    let rules = IdRules {
        inherited: inherits_ids(page, market).then_some(&source_ids as &SourceIds<'_>),
        raw_html_is_text: !cx.sources.config.allow_raw_html,
    };
    heading_ids(
        &resolve_markdown(page.doc, market),
        cx.messages(page.market),
        rules,
    )
}

/// Where a link to the explainer `slug` (and `fragment`) leads from market
/// `mi`: a `#fragment` must name a heading of the page in that market. With
/// it, the explainer whose headings were read.
fn link_target(
    cx: &Pages,
    mi: usize,
    slug: &str,
    fragment: Option<&str>,
) -> (LinkTarget, Option<usize>) {
    let Some(&ei) = cx.slugs.get(slug) else {
        if cx.sources.library.unloaded.contains(slug) {
            return (LinkTarget::Unloaded, None);
        }
        return (LinkTarget::Unknown, None);
    };
    let Some(i) = cx.plan.page_index(mi, ei) else {
        return (LinkTarget::NotPublished, None);
    };
    let mut href = cx.plan.href(&cx.plan.page_url(&cx.plan.pages[i], slug));
    let Some(f) = fragment else {
        return (LinkTarget::Href(href), None);
    };
    let Some((ids, set)) = cx.heading_ids(i) else {
        return (LinkTarget::Href(href + "#" + f), Some(ei));
    };
    if !set.contains(&decode_fragment(f)) {
        let first = ids.iter().take(SHOWN_IDS).cloned().collect();
        return (LinkTarget::NoAnchor(first, ids.len()), Some(ei));
    }
    href.push('#');
    href.push_str(f);
    (LinkTarget::Href(href), Some(ei))
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
