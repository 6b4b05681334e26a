//! Resolved Markdown -> HTML for one market: pulldown-cmark events with message
//! placeholders expanded, explainer links resolved, stable heading ids, raw HTML
//! escaped (or sanitized when the site allows it), and diagnostics that point back
//! into the author's file.

use crate::content::Document;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::{Messages, expand_placeholders};
use crate::resolve::ResolvedMarkdown;
use events::Events;
use ids::HeadingIds;
use pulldown_cmark::{
    CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};
use std::ops::Range;

mod events;
mod findings;
mod ids;
mod limits;
mod links;

pub use findings::Findings;
pub use ids::{IdRules, heading_ids, slugify};
pub use links::{decode_fragment, missing_anchor};

/// Where an explainer link points for the current market.
pub enum LinkTarget {
    Href(String),
    /// The explainer exists but this market does not publish it.
    NotPublished,
    /// The explainer's source exists but has errors of its own, already
    /// reported: the link is not judged.
    Unloaded,
    Unknown,
}

/// A link to a heading of another explainer's page (`other.md#heading`): judged
/// once every page is rendered and its headings known.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub slug: String,
    pub fragment: String,
    /// Where the link is in its file (a byte offset).
    pub at: usize,
}

/// A page's links to other pages' headings, and its findings so far: the
/// judging of the links reports into them, then finishes them.
#[derive(Debug, Clone)]
pub struct PendingLinks {
    pub links: Vec<AnchorLink>,
    pub findings: Findings,
}

/// What rendering needs from the rest of the build.
pub struct MarkdownContext<'a> {
    pub market: &'a str,
    pub messages: &'a Messages,
    /// Resolve an explainer slug (and fragment) for this market.
    pub link: &'a (dyn Fn(&str, Option<&str>) -> LinkTarget + Sync),
    /// Whether a root-relative path names a file of the site's `static/`.
    pub static_file_exists: &'a (dyn Fn(&str) -> bool + Sync),
    /// The size of an image of the site's `static/`, by its path there.
    /// An image of the site's `static/` (its size and resized copies), by its
    /// path there.
    pub static_image: &'a (dyn Fn(&str) -> Option<&'a crate::assets::StaticImage> + Sync),
    /// How wide the theme shows an image: the `sizes` of a `srcset`.
    pub image_sizes: &'a str,
    /// URL path of the site root, for root-relative paths (`/` or `/sub/`).
    pub root_path: &'a str,
    /// Heading ids of the source, by position, for a translation: asked for only
    /// when a heading has no `{#id}` of its own (scanning the source costs a parse).
    pub source_heading_ids: Option<&'a SourceIds<'a>>,
    pub allow_raw_html: bool,
    /// Pseudo-localize the text (the `--pseudo` market).
    pub pseudo: bool,
}

/// The heading ids of a translation's source, scanned when first asked for.
pub type SourceIds<'a> = dyn Fn() -> &'a [String] + 'a;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The page rendered to its end: no limit stopped it, so `headings` are all
    /// of them.
    pub complete: bool,
    /// Its links to other pages' headings, when it has any: its findings are
    /// finished once they are judged. Without, they are finished.
    pub pending: Option<PendingLinks>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The parser of every Markdown text of a build, or why the text is not
/// parsed: tables that the parser would pad beyond the text's size (see
/// `limits::check_tables`). The parser builds its tree up front, so the check
/// comes first, wherever Markdown is read.
pub fn parse(text: &str) -> Result<Parser<'_>, (Diagnostic, usize)> {
    limits::check_tables(text)?;
    Ok(Parser::new_ext(text, options()))
}

struct Renderer<'a, 'c> {
    doc: &'a Document,
    md: &'a ResolvedMarkdown,
    ctx: &'a MarkdownContext<'c>,
    diags: &'a mut Diagnostics,
    ids: HeadingIds,
    headings: Vec<Heading>,
    in_code: bool,
    /// Bytes that message placeholders may still insert into this page.
    budget: usize,
    findings: Findings,
    /// A limit was met: the rest of the page is not rendered.
    stopped: bool,
    /// How many elements are open where the parser is.
    depth: usize,
    /// Links to a `#fragment` of this page, and where: judged once every
    /// heading has its id.
    local_anchors: Vec<(String, usize)>,
    /// Links to a `#fragment` of another page: judged once every page is rendered.
    anchor_links: Vec<AnchorLink>,
    /// Images rendered so far.
    images: usize,
}

/// Render `md` (resolved from `doc`) for the market of `ctx`.
pub fn render_markdown(
    doc: &Document,
    md: &ResolvedMarkdown,
    ctx: &MarkdownContext,
    diags: &mut Diagnostics,
) -> RenderedMarkdown {
    let mut r = Renderer {
        doc,
        md,
        ctx,
        diags,
        ids: HeadingIds::default(),
        headings: Vec::new(),
        in_code: false,
        budget: limits::MAX_INSERTED_BYTES,
        findings: Findings::default(),
        stopped: false,
        depth: 0,
        local_anchors: Vec::new(),
        anchor_links: Vec::new(),
        images: 0,
    };
    let mut html = String::new();
    match parse(&md.text) {
        Err((d, at)) => r.report(d, at),
        Ok(parser) => {
            html.reserve(md.text.len() * 3 / 2);
            let events = Events::new(&mut r, TextMergeWithOffset::new(parser.into_offset_iter()));
            // Streamed: the page's events are never all held at once.
            pulldown_cmark::html::push_html(&mut html, events);
        }
    }
    if !r.stopped {
        r.check_local_anchors();
    }
    if ctx.allow_raw_html {
        // The sanitizer's cost grows with the depth of the elements it parses.
        html = match limits::check_html_depth(&html) {
            Ok(()) => sanitize(&html),
            Err((d, _)) => {
                r.report(d, 0);
                String::new()
            }
        };
    }
    let pending = if r.anchor_links.is_empty() {
        r.findings.finish(doc, ctx.market, r.diags);
        None
    } else {
        Some(PendingLinks {
            links: r.anchor_links,
            findings: r.findings,
        })
    };
    RenderedMarkdown {
        html,
        headings: r.headings,
        complete: !r.stopped,
        pending,
    }
}

impl<'a> Renderer<'a, '_> {
    fn report(&mut self, d: Diagnostic, offset_in_md: usize) {
        let (file, md, market) = (&self.doc.file, self.md, self.ctx.market);
        let place = |d: Diagnostic| {
            d.at(file.location(md.source_offset(offset_in_md)))
                .market(market)
        };
        self.findings.report(d, place, self.diags);
    }

    /// A heading may carry an id (`## Title {#id}`) and nothing else: classes and
    /// attributes would let a vendor's file restyle the page or add event
    /// handlers to it.
    fn check_heading_attributes(
        &mut self,
        id: Option<&str>,
        classes: &[CowStr],
        attrs: &[(CowStr, Option<CowStr>)],
        range: Range<usize>,
    ) {
        let extra: Vec<String> = classes
            .iter()
            .map(|c| format!(".{c}"))
            .chain(attrs.iter().map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.to_string(),
            }))
            .collect();
        // The attribute block is the heading's last `{…}`.
        let at = self.md.text[range.clone()]
            .rfind('{')
            .map_or(range.start, |i| range.start + i);
        if !extra.is_empty() {
            let d = Diagnostic::error(
                Code::HeadingAttribute,
                format!("a heading may carry only an id, not `{}`", extra.join(" ")),
            )
            .help("write `## Title {#id}`; styling belongs in the theme");
            self.report(d, at);
        }
        if let Some(id) = id.filter(|id| !ids::is_valid_id(id)) {
            let d = Diagnostic::error(
                Code::HeadingAttribute,
                format!("`{id}` is not a heading id"),
            )
            .help("use letters, digits, `-` and `_`, at most 100 characters: `{#turn-it-on}`");
            self.report(d, at);
        }
    }

    /// Expand placeholders in text, resolve links, escape raw HTML.
    fn inline<'e>(&mut self, event: Event<'e>, range: Range<usize>) -> Event<'e> {
        match event {
            Event::Start(Tag::CodeBlock(k)) => {
                self.in_code = true;
                Event::Start(Tag::CodeBlock(k))
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = false;
                Event::End(TagEnd::CodeBlock)
            }
            // Text without a placeholder passes as it is, not copied.
            Event::Text(t) if !self.in_code && !self.ctx.pseudo && !has_placeholder(&t) => {
                Event::Text(t)
            }
            Event::Text(t) if !self.in_code => {
                let mut errors = Vec::new();
                let expanded =
                    expand_placeholders(&t, self.ctx.messages, &mut self.budget, |at, e| {
                        errors.push((at, e))
                    });
                let expanded = if self.ctx.pseudo {
                    crate::pseudo::pseudolocalize(&expanded)
                } else {
                    expanded.into_owned()
                };
                for (at, e) in errors {
                    // Text offsets map to the source when the event is not an entity.
                    let offset = self.md.text[range.clone()]
                        .find("{{")
                        .map_or(range.start, |_| range.start + at);
                    self.report(e, offset);
                }
                Event::Text(expanded.into())
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link_url(dest_url, range.start);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(h) | Event::InlineHtml(h) if !self.ctx.allow_raw_html => {
                let d = Diagnostic::warning(Code::RawHtml, "raw HTML is escaped")
                    .help("write Markdown instead, or set `allow_raw_html: true` in glasshouse.yaml (it is then sanitized)");
                self.report(d, range.start);
                Event::Text(h)
            }
            other => other,
        }
    }

    fn heading_id(
        &mut self,
        level: HeadingLevel,
        explicit: Option<CowStr>,
        inner: &[Event],
    ) -> String {
        let text: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let inherited = match (&explicit, self.ctx.source_heading_ids) {
            (None, Some(ids)) => ids().get(self.headings.len()),
            _ => None,
        };
        let id = self
            .ids
            .assign(explicit.as_deref(), inherited.map(String::as_str), &text);
        self.headings.push(Heading {
            level: level as u8,
            id: id.clone(),
            text,
        });
        id
    }
}

/// Whether `text` holds `{{`, where a message placeholder starts: asked of every
/// text of every page, mostly a few words long, so found with `memchr` rather
/// than a substring search that is set up anew for each text.
fn has_placeholder(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|i| bytes.get(i + 1) == Some(&b'{'))
}

/// Allow-list sanitizing for sites that allow raw HTML: no scripts, no event
/// handlers, no `javascript:` URLs; heading ids kept for anchors.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id"])
        .add_tag_attributes("a", ["id"])
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests;
