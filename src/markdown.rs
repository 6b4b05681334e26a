//! Resolved Markdown -> HTML for one market: pulldown-cmark events with message
//! placeholders expanded, explainer links resolved, stable heading ids, raw HTML
//! escaped (or sanitized when the site allows it), and diagnostics that point back
//! into the author's file.

use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::{Messages, expand_placeholders};
use crate::resolve::ResolvedMarkdown;
use pulldown_cmark::{
    CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, TextMergeWithOffset,
};
use std::collections::HashSet;
use std::ops::Range;

/// Where an explainer link points for the current market.
pub enum LinkTarget {
    Href(String),
    /// The explainer exists but this market does not publish it.
    NotPublished,
    Unknown,
}

/// What rendering needs from the rest of the build.
pub struct MarkdownContext<'a> {
    pub market: &'a str,
    pub messages: &'a Messages,
    /// Resolve an explainer slug (and fragment) for this market.
    pub link: &'a (dyn Fn(&str, Option<&str>) -> LinkTarget + Sync),
    /// Whether a root-relative path names a file of the site's `static/`.
    pub static_file_exists: &'a (dyn Fn(&str) -> bool + Sync),
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
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

struct Renderer<'a, 'c> {
    doc: &'a Document,
    md: &'a ResolvedMarkdown,
    ctx: &'a MarkdownContext<'c>,
    diags: &'a mut Diagnostics,
    ids: HeadingIds,
    headings: Vec<Heading>,
    in_code: bool,
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
    };
    // Sized from the Markdown's length (the benchmark corpus has about one event
    // per 70 bytes), not grown by doubling from nothing.
    let mut events: Vec<Event> = Vec::with_capacity(md.text.len() / 64);
    let mut iter =
        TextMergeWithOffset::new(Parser::new_ext(&md.text, options()).into_offset_iter());
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut inner = Vec::new();
                for (e, range) in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(r.inline(e, range));
                }
                let id = r.heading_id(level, id, &inner);
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs,
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let at = range.start;
                let dest_url = r.image_url(dest_url, at);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
                let mut alt = String::new();
                for (e, range) in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Image)) {
                        events.push(e);
                        break;
                    }
                    if let Event::Text(t) | Event::Code(t) = &e {
                        alt.push_str(t);
                    }
                    events.push(r.inline(e, range));
                }
                if alt.trim().is_empty() {
                    let d = Diagnostic::error("missing-alt", "image without alt text")
                        .help("describe the image: `![what it shows](/images/file.png)`");
                    r.report(d, at);
                }
            }
            other => events.push(r.inline(other, range)),
        }
    }
    let mut html = String::with_capacity(md.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if ctx.allow_raw_html {
        html = sanitize(&html);
    }
    RenderedMarkdown {
        html,
        headings: r.headings,
    }
}

impl<'a> Renderer<'a, '_> {
    fn report(&mut self, d: Diagnostic, offset_in_md: usize) {
        let at = self.doc.file.location(self.md.source_offset(offset_in_md));
        self.diags.push(d.at(at).market(self.ctx.market));
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
                    expand_placeholders(&t, self.ctx.messages, |at, e| errors.push((at, e)));
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
                    self.report(Diagnostic::error("unknown-message", e), offset);
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
                let d = Diagnostic::warning("raw-html", "raw HTML is escaped")
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

    fn link_url<'e>(&mut self, url: CowStr<'e>, at: usize) -> CowStr<'e> {
        if let Some(scheme) = scheme_of(&url) {
            if matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel") {
                return url;
            }
            let d = Diagnostic::error(
                "unsafe-url",
                format!("links with the `{scheme}:` scheme are not allowed"),
            );
            self.report(d, at);
            return "#".into();
        }
        if let Some(path) = url.strip_prefix('/') {
            if url.starts_with("//") {
                return url;
            }
            return format!("{}{path}", self.ctx.root_path).into();
        }
        let (path, fragment) = match url.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (url.as_ref(), None),
        };
        let Some(stem) = path.strip_suffix(".md") else {
            return url;
        };
        let file = stem.rsplit('/').next().unwrap_or(stem);
        let slug = file.split('.').next().unwrap_or(file);
        match (self.ctx.link)(slug, fragment) {
            LinkTarget::Href(href) => href.into(),
            LinkTarget::NotPublished => {
                let d = Diagnostic::error("broken-link", format!("`{slug}` is not published in this market"))
                    .help("link only to explainers the market publishes, or put the link in a variant block");
                self.report(d, at);
                url
            }
            LinkTarget::Unknown => {
                let d = Diagnostic::error("broken-link", format!("no explainer `{slug}` for the link `{url}`"))
                    .help("links between explainers name the source file: `[text](two-step-verification.md)`");
                self.report(d, at);
                url
            }
        }
    }

    fn image_url<'e>(&mut self, url: CowStr<'e>, at: usize) -> CowStr<'e> {
        if let Some(scheme) = scheme_of(&url) {
            if scheme == "http" || scheme == "https" {
                return url;
            }
            let d = Diagnostic::error(
                "unsafe-url",
                format!("images with the `{scheme}:` scheme are not allowed"),
            );
            self.report(d, at);
            return "".into();
        }
        match url.strip_prefix('/') {
            Some(path) if !url.starts_with("//") => {
                if !(self.ctx.static_file_exists)(path) {
                    let d = Diagnostic::error(
                        "broken-link",
                        format!("image `{url}` is not in static/"),
                    )
                    .help(format!("add static/{path}, or fix the path"));
                    self.report(d, at);
                }
                format!("{}{path}", self.ctx.root_path).into()
            }
            _ => {
                let d = Diagnostic::error(
                    "broken-link",
                    format!("image `{url}` must be a path from the site root"),
                )
                .help("put images in static/ and write `![alt](/images/name.png)`");
                self.report(d, at);
                url
            }
        }
    }
}

/// Whether `text` holds `{{`, where a message placeholder starts: asked of every
/// text of every page, mostly a few words long, so found with `memchr` rather
/// than a substring search that is set up anew for each text.
fn has_placeholder(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|i| bytes.get(i + 1) == Some(&b'{'))
}

/// The scheme of an absolute URL, lower-cased, ignoring whitespace and control
/// characters that browsers also ignore (`java\tscript:`). Read in one pass
/// without allocating: every link and image of every page asks.
fn scheme_of(url: &str) -> Option<String> {
    // Scheme characters are ASCII; a scheme longer than this is no scheme.
    let mut scheme = [0u8; 40];
    let mut len = 0;
    let kept = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control());
    for c in kept.take(scheme.len()) {
        match c {
            ':' if len > 0 => {
                return Some(String::from_utf8_lossy(&scheme[..len]).into_owned());
            }
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme[len] = c.to_ascii_lowercase() as u8;
                len += 1;
            }
            // A path, query or fragment before any colon, or a character no
            // scheme has: a relative URL.
            _ => return None,
        }
    }
    None
}

/// A heading id from its text: lower-case, letters and digits kept (any script),
/// spaces and hyphens as single hyphens, everything else dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !out.ends_with('-')
            && !out.is_empty()
        {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Heading ids of one page: an explicit `{#id}` wins, then the id inherited from
/// the source heading at the same position, then the slug of the text; repeats get
/// `-2`, `-3`.
#[derive(Default)]
struct HeadingIds {
    seen: HashSet<String>,
}

impl HeadingIds {
    fn assign(&mut self, explicit: Option<&str>, inherited: Option<&str>, text: &str) -> String {
        let base = explicit
            .or(inherited)
            .map_or_else(|| slugify(text), str::to_string);
        let base = if base.is_empty() {
            format!("section-{}", self.seen.len() + 1)
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.seen.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// The ids that the headings of `md` get: the scan a translation needs from its source.
pub fn heading_ids(md: &ResolvedMarkdown, messages: &Messages) -> Vec<String> {
    let mut ids = Vec::new();
    let mut seen = HeadingIds::default();
    let mut current: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(&md.text, options()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                current = Some((id.map(|s| s.to_string()), String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&expand_placeholders(&t, messages, |_, _| {}));
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((explicit, text)) = current.take() {
                    ids.push(seen.assign(explicit.as_deref(), None, &text));
                }
            }
            _ => {}
        }
    }
    ids
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
