//! The page's events as the HTML writer takes them: a heading's or an image's
//! events are read ahead to its end (its id comes from its text; an image needs
//! alt text), the others pass one by one. Each is checked against the page's
//! limits on the way.

use super::MarkdownContext;
use super::{Renderer, limits};
use crate::assets::StaticImage;
use crate::diagnostics::{Code, Diagnostic};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::collections::VecDeque;
use std::ops::Range;

pub(super) struct Events<'r, 'a, 'c, I> {
    r: &'r mut Renderer<'a, 'c>,
    iter: I,
    pending: VecDeque<Event<'a>>,
}

impl<'r, 'a, 'c, I> Events<'r, 'a, 'c, I>
where
    I: Iterator<Item = (Event<'a>, Range<usize>)>,
{
    pub(super) fn new(r: &'r mut Renderer<'a, 'c>, iter: I) -> Self {
        Events {
            r,
            iter,
            pending: VecDeque::new(),
        }
    }

    /// Stop the page at `at` with a finding: a limit was met.
    fn stop(&mut self, d: Diagnostic, at: usize) -> Option<Event<'a>> {
        self.r.report(d, at);
        self.r.stopped = true;
        None
    }

    /// Count the elements open around the parser; `false` when one more would
    /// nest past the limit.
    fn enter(&mut self, event: &Event) -> bool {
        match event {
            // A heading's or an image's events are read to their end.
            Event::Start(Tag::Heading { .. } | Tag::Image { .. }) => {}
            Event::Start(_) if self.r.depth == limits::MAX_HTML_DEPTH => return false,
            Event::Start(_) => self.r.depth += 1,
            Event::End(_) => self.r.depth = self.r.depth.saturating_sub(1),
            _ => {}
        }
        true
    }

    /// A heading: its events up to its end, its id, and only its id.
    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        attributes: (&[CowStr], &[(CowStr, Option<CowStr>)]),
        range: Range<usize>,
    ) -> Event<'a> {
        for (e, range) in self.iter.by_ref() {
            if matches!(e, Event::End(TagEnd::Heading(_))) {
                break;
            }
            self.pending.push_back(self.r.inline(e, range));
        }
        let (classes, attrs) = attributes;
        self.r
            .check_heading_attributes(id.as_deref(), classes, attrs, range);
        let id = self.r.heading_id(level, id, self.pending.make_contiguous());
        self.pending.push_back(Event::End(TagEnd::Heading(level)));
        // Only the id: classes and other attributes were refused above.
        Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes: Vec::new(),
            attrs: Vec::new(),
        })
    }

    /// An image: its target checked, its alt text required, and written as one
    /// tag with its size (when the file in `static/` has one), so that the page
    /// does not move as it loads, and its resized copies. Images after the
    /// first, or below the second heading, load only as the reader nears them.
    fn image(&mut self, tag: Tag<'a>, at: usize) -> Event<'a> {
        let Tag::Image {
            dest_url, title, ..
        } = tag
        else {
            return Event::Start(tag);
        };
        let local = (dest_url.strip_prefix('/'))
            .filter(|_| !dest_url.starts_with("//"))
            .and_then(|path| (self.r.ctx.static_image)(path));
        let src = self.r.image_url(dest_url, at);
        let mut alt = String::new();
        for (e, range) in self.iter.by_ref() {
            if matches!(e, Event::End(TagEnd::Image)) {
                break;
            }
            // As pulldown-cmark writes alt text: the text of what is inside.
            match self.r.inline(e, range) {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    alt.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        if alt.trim().is_empty() {
            let d = Diagnostic::error(Code::MissingAlt, "image without alt text")
                .help("describe the image: `![what it shows](/images/file.png)`");
            self.r.report(d, at);
        }
        self.r.images += 1;
        let eager = self.r.images == 1 && self.r.headings.len() < 2;
        let img = Img {
            src: &src,
            alt: &alt,
            title: &title,
            image: local,
            eager,
        };
        Event::InlineHtml(img.html(self.r.ctx).into())
    }
}

/// An `<img>` tag's parts.
struct Img<'i> {
    src: &'i str,
    alt: &'i str,
    title: &'i str,
    image: Option<&'i StaticImage>,
    eager: bool,
}

impl Img<'_> {
    /// The tag: source, alt text, title, size, resized copies and loading.
    fn html(&self, ctx: &MarkdownContext) -> String {
        use pulldown_cmark_escape::{escape_href, escape_html};
        let mut tag = String::with_capacity(self.src.len() + self.alt.len() + 80);
        tag.push_str("<img src=\"");
        let _ = escape_href(&mut tag, self.src);
        tag.push_str("\" alt=\"");
        let _ = escape_html(&mut tag, self.alt);
        tag.push('"');
        if !self.title.is_empty() {
            tag.push_str(" title=\"");
            let _ = escape_html(&mut tag, self.title);
            tag.push('"');
        }
        if let Some(image) = self.image {
            let size = image.size;
            tag.push_str(&format!(
                " width=\"{}\" height=\"{}\"",
                size.width, size.height
            ));
            if !image.variants.is_empty() {
                tag.push_str(" srcset=\"");
                for v in &image.variants {
                    let _ = escape_href(&mut tag, &format!("{}{}", ctx.root_path, v.path));
                    tag.push_str(&format!(" {}w, ", v.width));
                }
                let _ = escape_href(&mut tag, self.src);
                tag.push_str(&format!(" {}w\" sizes=\"", size.width));
                let _ = escape_html(&mut tag, ctx.image_sizes);
                tag.push('"');
            }
        }
        if !self.eager {
            tag.push_str(" loading=\"lazy\"");
        }
        tag.push_str(" decoding=\"async\" />");
        tag
    }
}

impl<'a, I> Iterator for Events<'_, 'a, '_, I>
where
    I: Iterator<Item = (Event<'a>, Range<usize>)>,
{
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.pending.pop_front() {
            return Some(e);
        }
        if self.r.stopped {
            return None;
        }
        let (event, range) = self.iter.next()?;
        if !self.enter(&event) {
            let message = format!(
                "block quotes, lists and emphasis nest more than {} deep",
                limits::MAX_HTML_DEPTH
            );
            let d = Diagnostic::error(Code::ContentLimit, message)
                .help("nest less deeply: readers and browsers lose their way long before");
            return self.stop(d, range.start);
        }
        Some(match event {
            Event::Start(Tag::Heading { .. }) if self.r.headings.len() == limits::MAX_HEADINGS => {
                let message = format!("more than {} headings in one page", limits::MAX_HEADINGS);
                let d = Diagnostic::error(Code::ContentLimit, message)
                    .help("split the explainer into several");
                return self.stop(d, range.start);
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => self.heading(level, id, (&classes, &attrs), range),
            Event::Start(tag @ Tag::Image { .. }) => self.image(tag, range.start),
            other => self.r.inline(other, range),
        })
    }
}
