#![no_main]
//! The directive parser and variant resolution on any text: every range it
//! returns is inside the file on character boundaries, and resolution never panics.

use glasshouse::content::directives::{parse_directives, Block};
use glasshouse::content::Document;
use glasshouse::diagnostics::{Diagnostics, SourceFile};
use glasshouse::resolve::{check_variants, resolve_markdown, resolve_script};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = SourceFile::new("content/explainers/x.md", &text);
    let mut diags = Diagnostics::new();
    let body = parse_directives(&file, 0, &mut diags);
    let ok = |r: &std::ops::Range<usize>| r.start <= r.end && r.end <= file.text.len() && file.text.is_char_boundary(r.start) && file.text.is_char_boundary(r.end);
    for b in &body.blocks {
        match b {
            Block::Markdown(r) => assert!(ok(r)),
            Block::Group(g) => g.variants.iter().flat_map(|v| v.body.iter()).for_each(|r| assert!(ok(r))),
        }
    }
    let doc = Document { file, front: Default::default(), body, body_start: 0, lang: None };
    let config = common::config();
    check_variants(&doc, &config, &mut diags);
    for m in &config.markets {
        let md = resolve_markdown(&doc, m);
        let _ = md.source_offset(md.text.len());
        let _ = resolve_script(&doc, m);
    }
    for d in diags.into_sorted() {
        let _ = d.render_human();
    }
});
