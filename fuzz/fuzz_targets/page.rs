#![no_main]
//! One page end to end: front matter, directives, variants, messages and Markdown
//! rendered for every market, with the output checked for live markup.

use glasshouse::content::directives::parse_directives;
use glasshouse::content::front_matter::parse_front_matter;
use glasshouse::content::Document;
use glasshouse::diagnostics::{Diagnostics, SourceFile};
use glasshouse::markdown::{render_markdown, LinkTarget, MarkdownContext};
use glasshouse::resolve::resolve_markdown;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let text = if raw.starts_with("---\n") { raw.into_owned() } else { format!("---\ntitle: T\nsummary: S\n---\n{raw}") };
    let file = SourceFile::new("content/explainers/x.md", &text);
    let mut diags = Diagnostics::new();
    let Some(parsed) = parse_front_matter(&file, &mut diags) else { return };
    let body = parse_directives(&file, parsed.body_start, &mut diags);
    let doc = Document { file, front: parsed.front, body, body_start: parsed.body_start, lang: None };
    let config = common::config();
    let files = common::ftl();
    let messages = common::messages(&config, &files);
    let link = |slug: &str, frag: Option<&str>| match slug {
        "other" => LinkTarget::Href(format!("/us/other/{}", frag.map(|f| format!("#{f}")).unwrap_or_default())),
        "hidden" => LinkTarget::NotPublished,
        _ => LinkTarget::Unknown,
    };
    let exists = |p: &str| p == "images/a.png";
    for (m, msgs) in config.markets.iter().zip(&messages) {
        for allow_raw_html in [false, true] {
            let ctx = MarkdownContext { market: &m.id, messages: msgs, link: &link, static_file_exists: &exists, static_image: &|_| None, image_sizes: "100vw", root_path: "/", source_heading_ids: None, allow_raw_html, pseudo: false };
            let md = resolve_markdown(&doc, m);
            let out = render_markdown(&doc, &md, &ctx, &mut diags);
            let lower = out.html.to_lowercase();
            assert!(!lower.contains("<script"), "script element in {}", out.html);
            // Escaped text may spell anything; inside a tag, nothing may run.
            let in_tag = |i: usize| lower[..i].rfind('<').is_some_and(|t| lower[..i].rfind('>').is_none_or(|g| g < t));
            for pattern in ["href=\"javascript:", "src=\"javascript:", " onerror=", " onload=", " onclick="] {
                for (i, _) in lower.match_indices(pattern) {
                    assert!(!in_tag(i), "{pattern} in a tag: {}", out.html);
                }
            }
            // A heading tag carries at most an id of letters, digits, `-` and `_`.
            for (i, _) in out.html.match_indices("<h") {
                let rest = &out.html[i + 2..];
                if !rest.starts_with(|c: char| ('1'..='6').contains(&c)) {
                    continue;
                }
                let attrs = &rest[1..rest.find('>').unwrap_or(rest.len())];
                let id = attrs.strip_prefix(" id=\"").and_then(|a| a.strip_suffix('"'));
                assert!(attrs.is_empty() || id.is_some(), "heading attributes {attrs:?}");
                if let Some(id) = id {
                    assert!(id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'), "heading id {id:?}");
                }
            }
        }
    }
});
