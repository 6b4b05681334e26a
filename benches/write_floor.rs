//! The floor for writing a site: the files of a built output, already in memory,
//! written into a new folder on all cores, as plainly as a program can (make the
//! file's folder, write the file; a file with more than one link, a share card
//! that the build linked from its cache, is linked again from where it is, as the
//! build does). What a cold build cannot go below on this disk, however fast it
//! renders.
//!
//! `cargo bench --bench write-floor -- --tree BUILT_SITE --out DIR [--runs 3]`
//!
//! Each run writes into a new folder under `--out` (`0`, `1`, …); nothing is
//! deleted while it measures, since deleting slows the file creation that follows.

mod common;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a file of the tree is written from.
enum Content {
    Bytes(Vec<u8>),
    /// A file with other links: linked, as the build links its cached cards.
    Link(PathBuf),
}

/// Every file under `root`, as (path relative to `root`, content), in path order.
fn files_under(root: &Path) -> Vec<(PathBuf, Content)> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                todo.push(entry.path());
            } else if kind.is_file() {
                let rel = entry.path().strip_prefix(root).unwrap().to_path_buf();
                let content =
                    if std::os::unix::fs::MetadataExt::nlink(&entry.metadata().unwrap()) > 1 {
                        Content::Link(entry.path())
                    } else {
                        Content::Bytes(std::fs::read(entry.path()).unwrap())
                    };
                out.push((rel, content));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn main() {
    let tree = PathBuf::from(common::flag("--tree").expect("--tree BUILT_SITE"));
    let out = PathBuf::from(common::flag("--out").expect("--out DIR"));
    let runs: usize = common::flag("--runs").map_or(3, |r| r.parse().expect("--runs N"));
    let files = files_under(&tree);
    let bytes: usize = (files.iter())
        .map(|(_, c)| match c {
            Content::Bytes(b) => b.len(),
            Content::Link(_) => 0,
        })
        .sum();
    let links = (files.iter())
        .filter(|(_, c)| matches!(c, Content::Link(_)))
        .count();
    let mut times = Vec::new();
    for run in 0..runs {
        let dest = out.join(run.to_string());
        assert!(
            !dest.exists(),
            "{} exists: the floor writes into new folders",
            dest.display()
        );
        let t = Instant::now();
        files.par_iter().for_each(|(rel, content)| {
            let path = dest.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            match content {
                Content::Bytes(b) => std::fs::write(&path, b).unwrap(),
                Content::Link(from) => std::fs::hard_link(from, &path).unwrap(),
            }
        });
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "write floor: {} files ({links} of them linked), {:.1} MB, written into a new folder on all cores: {:.0} ms (median of {runs}: {})",
        files.len(),
        bytes as f64 / 1e6,
        times[times.len() / 2],
        times
            .iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
}
