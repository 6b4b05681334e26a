#![no_main]
//! A creator script of any lines, resolved, checked and timed for every market,
//! then rendered as text, JSON and WebVTT.

use glasshouse::config::ScriptLimits;
use glasshouse::content::directives::parse_directives;
use glasshouse::content::Document;
use glasshouse::diagnostics::{Diagnostics, SourceFile};
use glasshouse::scripts::formats::{render_json, render_txt, TxtLabels};
use glasshouse::scripts::vtt::render_vtt;
use glasshouse::scripts::{build_script, ScriptContext};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = format!("::::script\n{}\n::::\n", String::from_utf8_lossy(data));
    let file = SourceFile::new("content/explainers/x.md", &text);
    let mut diags = Diagnostics::new();
    let body = parse_directives(&file, 0, &mut diags);
    let doc = Document { file, front: Default::default(), body, body_start: 0, lang: None };
    let config = common::config();
    let files = common::ftl();
    let messages = common::messages(&config, &files);
    for (m, msgs) in config.markets.iter().zip(&messages) {
        for lang in ["en", "ja", "de"] {
            let cx = ScriptContext { market: m, messages: msgs, limits: ScriptLimits::default(), slug: "x", title: "X", lang };
            if let Some(s) = build_script(&doc, &cx, &mut diags) {
                let vtt = render_vtt(&s, lang);
                assert!(vtt.starts_with("WEBVTT\n"));
                let _ = render_json(&s);
                let labels = TxtLabels { screen: "S".into(), note: "N".into(), total: "T".into(), seconds: "1".into() };
                let _ = render_txt(&s, &labels);
                let mut last = 0.0;
                for l in &s.lines {
                    assert!(l.start >= last && l.end >= l.start);
                    last = l.end;
                }
            }
        }
    }
});
