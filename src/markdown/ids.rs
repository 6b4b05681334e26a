//! Heading ids: stable across languages, unique in a page, and only what an
//! author may write in an `id` attribute.

use crate::l10n::{Messages, expand_placeholders};
use crate::resolve::ResolvedMarkdown;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashMap;
use std::collections::HashSet;

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

/// Whether `id` may be written as a heading's `{#id}`: letters and digits of
/// any script, `-` and `_`, at most 100 characters. Nothing else can then reach
/// the attribute, or break a `#fragment` link to it.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= 100
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// Heading ids of one page: an explicit `{#id}` wins, then the id inherited from
/// the source heading at the same position, then the slug of the text; repeats get
/// `-2`, `-3`. An invalid explicit id (reported where the page is rendered) is
/// passed over.
#[derive(Default)]
pub(super) struct HeadingIds {
    seen: HashSet<String>,
    /// Per base id, the last suffix given: the next repeat starts after it, so
    /// that thousands of equal headings cost linear time, not quadratic.
    last_suffix: HashMap<String, usize>,
}

impl HeadingIds {
    pub(super) fn assign(
        &mut self,
        explicit: Option<&str>,
        inherited: Option<&str>,
        text: &str,
    ) -> String {
        let base = explicit
            .filter(|id| is_valid_id(id))
            .or(inherited.filter(|id| is_valid_id(id)))
            .map_or_else(|| slugify(text), str::to_string);
        let base = if base.is_empty() {
            format!("section-{}", self.seen.len() + 1)
        } else {
            base
        };
        if self.seen.insert(base.clone()) {
            return base;
        }
        let n = self.last_suffix.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if self.seen.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// How a page's headings get their ids, besides their own text and `{#id}`.
#[derive(Clone, Copy, Default)]
pub struct IdRules<'a> {
    /// The source's ids by position, for a translation: asked for only when
    /// a heading has no `{#id}` of its own.
    pub inherited: Option<&'a super::SourceIds<'a>>,
    /// Raw HTML is escaped, so it is text of the heading (and of its id), as
    /// the reader sees it; when the site allows raw HTML it is markup.
    pub raw_html_is_text: bool,
}

/// The ids that the headings of `md` get when it is rendered: the scan a
/// translation needs from its source, and a link from another page needs from
/// its target. `None` when the text is not parsed (reported where it is
/// rendered).
pub fn heading_ids(
    md: &ResolvedMarkdown,
    messages: &Messages,
    rules: IdRules,
) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    let mut seen = HeadingIds::default();
    let mut current: Option<(Option<String>, String)> = None;
    let mut budget = crate::l10n::MAX_INSERTED_BYTES;
    let parser = super::parse(&md.text).ok()?;
    for event in parser {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                current = Some((id.map(|s| s.to_string()), String::new()))
            }
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&expand_placeholders(&t, messages, &mut budget, |_, _| {}));
                }
            }
            // Code is shown as written, placeholders and all.
            Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) if rules.raw_html_is_text => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((explicit, text)) = current.take() {
                    let inherited = match (&explicit, rules.inherited) {
                        (None, Some(source)) => source().get(ids.len()).map(String::as_str),
                        _ => None,
                    };
                    ids.push(seen.assign(explicit.as_deref(), inherited, &text));
                }
            }
            _ => {}
        }
    }
    Some(ids)
}
