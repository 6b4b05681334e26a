//! The floor for a build: pulldown-cmark alone rendering the same Markdown as a
//! corpus's pages (one page per market and explainer: the file that market gets)
//! to HTML strings, on one thread and on all cores, and writing them.
//!
//! `cargo bench --bench floor -- --root CORPUS [--out DIR]`

mod common;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

/// The file each of the seven markets gets, by language suffix.
const MARKET_FILES: &[(&str, &str)] = &[
    ("us", ""),
    ("uk", ""),
    ("fr", ".fr"),
    ("de", ".de"),
    ("mx", ".es"),
    ("jp", ".ja"),
    ("id", ".id"),
];

fn main() {
    let root = PathBuf::from(common::flag("--root").expect("--root CORPUS"));
    let out = PathBuf::from(common::flag("--out").unwrap_or_else(|| {
        std::env::temp_dir()
            .join("glasshouse-floor")
            .display()
            .to_string()
    }));
    let dir = root.join("content/explainers");
    let mut slugs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".md")
                .filter(|s| !s.contains('.'))
                .map(str::to_string)
        })
        .collect();
    slugs.sort();
    let t = Instant::now();
    let pages: Vec<(String, String)> = slugs
        .iter()
        .flat_map(|s| {
            MARKET_FILES
                .iter()
                .map(move |(m, suffix)| (format!("{m}/{s}"), format!("{s}{suffix}.md")))
        })
        .map(|(page, file)| (page, std::fs::read_to_string(dir.join(file)).unwrap()))
        .collect();
    let read = t.elapsed().as_secs_f64() * 1000.0;
    let render = |text: &str| {
        let body = text.split("\n---\n").nth(1).unwrap_or(text);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        html::push_html(
            &mut html,
            Parser::new_ext(
                body,
                Options::ENABLE_TABLES
                    | Options::ENABLE_FOOTNOTES
                    | Options::ENABLE_STRIKETHROUGH
                    | Options::ENABLE_HEADING_ATTRIBUTES,
            ),
        );
        html
    };
    let t = Instant::now();
    let one: usize = pages.iter().map(|(_, text)| render(text).len()).sum();
    let single = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let all: usize = pages.par_iter().map(|(_, text)| render(text).len()).sum();
    let parallel = t.elapsed().as_secs_f64() * 1000.0;
    let _ = std::fs::remove_dir_all(&out);
    let t = Instant::now();
    pages.par_iter().for_each(|(page, text)| {
        let path = out.join(page).join("index.html");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, render(text)).unwrap();
    });
    let written = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(one, all);
    println!(
        "floor: {} pages, {:.1} MB of HTML; read {read:.0} ms; render 1 thread {single:.0} ms; render all cores {parallel:.0} ms; render and write all cores {written:.0} ms",
        pages.len(),
        all as f64 / 1e6
    );
}
