//! Time from a one-file edit to the rebuilt pages in a `serve` session, against a
//! full rebuild in the same run.
//!
//! `cargo bench --bench bench-serve -- --root CORPUS [--runs 15]`
//! (make the corpus with `cargo bench --bench gen-corpus`).

mod common;

use glasshouse::serve::session::{Session, SessionOptions};
use glasshouse::serve::watch::ChangeSet;
use std::path::PathBuf;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let root = PathBuf::from(common::flag("--root").expect("--root CORPUS"));
    let runs: usize = common::flag("--runs")
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let mut session = Session::new(SessionOptions {
        root: root.clone(),
        markets: Vec::new(),
        base_url: "http://127.0.0.1:1111/".into(),
        drafts: false,
        pseudo: false,
    });
    let full_change = ChangeSet {
        config: true,
        ..ChangeSet::default()
    };
    let t = Instant::now();
    let first = session.rebuild(&full_change);
    println!(
        "initial build: {:.1} ms, {} files, {} errors",
        t.elapsed().as_secs_f64() * 1000.0,
        first.written,
        first
            .findings
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count()
    );

    // An explainer from the middle of the corpus (any corpus size).
    let sources = std::fs::read_dir(root.join("content/explainers"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().matches('.').count() == 1)
        })
        .count();
    let name = &format!("explainer-{:05}.md", sources / 2);
    let path = root.join("content/explainers").join(name);
    let original = std::fs::read_to_string(&path).unwrap();
    let mut edit = Vec::new();
    let mut written = 0;
    for i in 0..runs {
        std::fs::write(
            &path,
            original.replacen("## ", &format!("Edited {i}.\n\n## "), 1),
        )
        .unwrap();
        let changes = ChangeSet {
            explainers: [name.to_string()].into(),
            ..ChangeSet::default()
        };
        let t = Instant::now();
        let r = session.rebuild(&changes);
        edit.push(t.elapsed().as_secs_f64() * 1000.0);
        written = r.written;
        assert!(r.findings.diagnostics.iter().all(|d| !d.is_error()));
    }
    std::fs::write(&path, &original).unwrap();
    // A full rebuild, as after a config edit in a fresh session: every source read,
    // every page rendered and written into memory.
    let mut full = Vec::new();
    for _ in 0..runs.min(5) {
        let mut fresh = Session::new(SessionOptions {
            root: root.clone(),
            markets: Vec::new(),
            base_url: "http://127.0.0.1:1111/".into(),
            drafts: false,
            pseudo: false,
        });
        let t = Instant::now();
        fresh.rebuild(&full_change);
        full.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let full_runs = full.len();
    let (e, f) = (median(edit), median(full));
    println!("one-explainer edit: median {e:.1} ms over {runs} runs ({written} files written)");
    println!("full rebuild in memory: median {f:.1} ms over {full_runs} runs");
    println!("ratio full/edit: {:.1}x", f / e);
}
