//! How this machine charges for memory that has not been touched for a while: the
//! same pages read again at once, and after the process has idled for a time; and a
//! corpus's sources read twice in a row, and again after an idle spell. Explains
//! why a build's figures depend on how much memory it touches, not only on the
//! work it does (docs/performance.md).
//!
//! `cargo bench --bench cold-memory -- [--root CORPUS]`

mod common;

use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const PAGE: usize = 4096;

fn main() {
    // 48 MB of the process's own memory, written once, then read back (one byte a
    // page) at once and after idle spells.
    let memory = vec![1u8; 48 << 20];
    let touch = |memory: &[u8]| -> f64 {
        let t = Instant::now();
        let sum: u64 = memory
            .iter()
            .step_by(PAGE)
            .map(|b| u64::from(*std::hint::black_box(b)))
            .sum();
        std::hint::black_box(sum);
        t.elapsed().as_secs_f64() * 1000.0
    };
    println!("48 MB of the process's memory, read one byte a page:");
    for idle_ms in [0u64, 100, 300, 1000, 3000] {
        touch(&memory);
        std::thread::sleep(Duration::from_millis(idle_ms));
        let ms = touch(&memory);
        println!("  after {idle_ms:>4} ms idle: {ms:>7.1} ms");
    }
    let Some(root) = common::flag("--root").map(PathBuf::from) else {
        return;
    };
    let dir = root.join("content/explainers");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("--root names a generated corpus")
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    files.sort();
    let mut buffer = Vec::with_capacity(1 << 20);
    let mut read_all = || -> (f64, usize) {
        let t = Instant::now();
        let mut bytes = 0;
        for f in &files {
            buffer.clear();
            if let Ok(mut file) = std::fs::File::open(f) {
                bytes += file.read_to_end(&mut buffer).unwrap_or(0);
            }
        }
        (t.elapsed().as_secs_f64() * 1000.0, bytes)
    };
    println!(
        "the corpus's {} sources, read on one thread into one buffer:",
        files.len()
    );
    let (first, bytes) = read_all();
    let (again, _) = read_all();
    std::thread::sleep(Duration::from_secs(3));
    let (later, _) = read_all();
    println!("  first read: {first:.0} ms ({:.1} MB)", bytes as f64 / 1e6);
    println!("  again at once: {again:.0} ms");
    println!("  again after 3 s idle: {later:.0} ms");
}
