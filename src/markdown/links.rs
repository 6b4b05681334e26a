//! Link and image targets for one market: schemes that cannot run, explainer
//! links resolved to the market's pages, images from the site's `static/`.

use super::{LinkTarget, Renderer};
use crate::diagnostics::{Code, Diagnostic};
use pulldown_cmark::CowStr;

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
