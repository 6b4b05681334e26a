//! Link and image targets for one market: schemes that cannot run, explainer
//! links resolved to the market's pages, images from the site's `static/`.

use super::{AnchorLink, Heading, LinkTarget, Renderer};
use crate::diagnostics::{Code, Diagnostic};
use pulldown_cmark::CowStr;
use std::borrow::Cow;
use std::collections::HashSet;

impl Renderer<'_, '_> {
    pub(super) fn link_url<'e>(&mut self, url: CowStr<'e>, at: usize) -> CowStr<'e> {
        if let Some(scheme) = scheme_of(&url) {
            if matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel") {
                return url;
            }
            let d = Diagnostic::error(
                Code::UnsafeUrl,
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
            Some((p, f)) => (p, Some(f).filter(|f| !f.is_empty())),
            None => (url.as_ref(), None),
        };
        if path.is_empty() {
            if let Some(f) = fragment {
                self.local_anchors.push((f.to_string(), at));
            }
            return url;
        }
        let Some(stem) = path.strip_suffix(".md") else {
            return url;
        };
        let file = stem.rsplit('/').next().unwrap_or(stem);
        let slug = file.split('.').next().unwrap_or(file);
        match (self.ctx.link)(slug, fragment) {
            LinkTarget::Href(href) => {
                if let Some(fragment) = fragment {
                    self.anchor_links.push(AnchorLink {
                        slug: slug.to_string(),
                        fragment: fragment.to_string(),
                        at: self.md.source_offset(at),
                    });
                }
                href.into()
            }
            LinkTarget::Unloaded => url,
            LinkTarget::NotPublished => {
                let d = Diagnostic::error(Code::BrokenLink, format!("`{slug}` is not published in this market"))
                    .help("link only to explainers the market publishes, or put the link in a variant block");
                self.report(d, at);
                url
            }
            LinkTarget::Unknown => {
                let d = Diagnostic::error(Code::BrokenLink, format!("no explainer `{slug}` for the link `{url}`"))
                    .help("links between explainers name the source file: `[text](two-step-verification.md)`");
                self.report(d, at);
                url
            }
        }
    }

    /// Links to `#fragment` of this page: each must name one of its headings,
    /// known once the page is rendered.
    pub(super) fn check_local_anchors(&mut self) {
        let anchors = std::mem::take(&mut self.local_anchors);
        if anchors.is_empty() {
            return;
        }
        let ids: HashSet<String> = self.headings.iter().map(|h| h.id.clone()).collect();
        for (fragment, at) in anchors {
            if ids.contains(decode_fragment(&fragment).as_ref()) {
                continue;
            }
            let d = Diagnostic::error(
                Code::BrokenLink,
                format!("this page has no heading `#{fragment}`"),
            )
            .help(anchors_help("this page", &self.headings, ids.len()));
            self.report(d, at);
        }
    }

    pub(super) fn image_url<'e>(&mut self, url: CowStr<'e>, at: usize) -> CowStr<'e> {
        if let Some(scheme) = scheme_of(&url) {
            if scheme == "http" || scheme == "https" {
                return url;
            }
            let d = Diagnostic::error(
                Code::UnsafeUrl,
                format!("images with the `{scheme}:` scheme are not allowed"),
            );
            self.report(d, at);
            return "".into();
        }
        match url.strip_prefix('/') {
            Some(path) if !url.starts_with("//") => {
                if !(self.ctx.static_file_exists)(path) {
                    let d = Diagnostic::error(
                        Code::BrokenLink,
                        format!("image `{url}` is not in static/"),
                    )
                    .help(format!("add static/{path}, or fix the path"));
                    self.report(d, at);
                }
                format!("{}{path}", self.ctx.root_path).into()
            }
            _ => {
                let d = Diagnostic::error(
                    Code::BrokenLink,
                    format!("image `{url}` must be a path from the site root"),
                )
                .help("put images in static/ and write `![alt](/images/name.png)`");
                self.report(d, at);
                url
            }
        }
    }
}

/// How many of a page's heading ids the help of a broken `#fragment` names.
const SHOWN_IDS: usize = 5;

/// The finding of a link to `slug`'s page at a heading `#fragment` that the
/// page, whose headings are `headings`, lacks.
pub fn missing_anchor(slug: &str, fragment: &str, headings: &[Heading]) -> Diagnostic {
    Diagnostic::error(
        Code::BrokenLink,
        format!("`{slug}` has no heading `#{fragment}`"),
    )
    .help(anchors_help(&format!("`{slug}`"), headings, headings.len()))
}

/// The help of a link to a heading that `page` lacks: the ids of the first few
/// of its `headings`, of `count` ids.
fn anchors_help(page: &str, headings: &[Heading], count: usize) -> String {
    if count == 0 {
        return format!("{page} has no headings in this market: link to the page without `#…`");
    }
    let named: Vec<String> = (headings.iter().take(SHOWN_IDS))
        .map(|h| format!("`#{}`", h.id))
        .collect();
    let more = match count.saturating_sub(SHOWN_IDS) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!("{page} has the headings {}{more}", named.join(", "))
}

/// A link's `#fragment` as the browser matches it against ids: percent-escapes
/// decoded when they spell UTF-8 (`#caf%C3%A9` is `#café`), else as written.
pub fn decode_fragment(fragment: &str) -> Cow<'_, str> {
    if !fragment.contains('%') {
        return Cow::Borrowed(fragment);
    }
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_or(Cow::Borrowed(fragment), Cow::Owned)
}

/// The scheme of an absolute URL, lower-cased, ignoring whitespace and control
/// characters that browsers also ignore (`java\tscript:`). Read in one pass
/// without allocating: every link and image of every page asks.
pub(super) fn scheme_of(url: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::decode_fragment;

    #[test]
    fn fragments_are_matched_percent_decoded() {
        assert_eq!(decode_fragment("caf%C3%A9"), "café");
        assert_eq!(decode_fragment("plain-id"), "plain-id");
        assert_eq!(decode_fragment("100%"), "100%");
        assert_eq!(decode_fragment("%zz%4"), "%zz%4");
        // Escapes that do not spell UTF-8 leave the fragment as written.
        assert_eq!(decode_fragment("%FF"), "%FF");
    }
}
