//! The manifest beside the output: a rebuild trusts the recycled tree's files
//! only where their stamps say nothing touched them, and the result is always
//! the same as a build into an empty folder.

use crate::harness::{Run, Site, tree};
use std::io::Write;
use std::time::Duration;

/// Build with phase timings on, which also count the recycled files that the
/// manifest vouches for.
fn profiled_build(s: &Site) -> Run {
    let r = Run::from(
        s.command(&["build"])
            .env("GLASSHOUSE_PROFILE", "1")
            .output()
            .unwrap(),
    );
    assert_eq!(r.status, 0, "build failed:\n{}", r.stderr);
    r
}

/// (files in the recycled tree, files known from the manifest), from the
/// profile line of a build.
fn known(r: &Run) -> (usize, usize) {
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("known from the manifest"))
        .unwrap_or_else(|| panic!("no staging line in:\n{}", r.stderr));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    let n = numbers.len();
    (numbers[n - 2], numbers[n - 1])
}

/// Build until both trees are recorded with stamps old enough to trust: the
/// manifest trusts no stamp taken just before it was written.
fn steady(s: &Site) -> Run {
    let mut last = None;
    for _ in 0..5 {
        last = Some(profiled_build(s));
        std::thread::sleep(Duration::from_millis(150));
    }
    last.unwrap()
}

fn clean_snapshot() -> Vec<(String, Vec<u8>)> {
    let clean = Site::fixture("basic");
    clean.build_ok(&[]);
    clean.snapshot()
}

/// Overwrite a file in place with as many different bytes.
fn scribble(path: &std::path::Path) {
    let len = std::fs::metadata(path).unwrap().len() as usize;
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.write_all(&vec![b'x'; len]).unwrap();
}

#[test]
fn a_rebuild_knows_the_recycled_files_from_the_manifest() {
    let s = Site::fixture("basic");
    let r = steady(&s);
    let (files, known_files) = known(&r);
    assert!(files > 30, "{}", r.stderr);
    // All but `images/pic.svg`: files of `static/` are copied, not hashed.
    assert_eq!(
        known_files,
        files - 1,
        "every page vouched for:\n{}",
        r.stderr
    );
    assert_eq!(s.snapshot(), clean_snapshot());
    // Two builds later the same tree is the output again, its files untouched:
    // the sitemap too, which a build hashes piece by piece.
    let mtime = |rel: &str| s.out(rel).metadata().unwrap().modified().unwrap();
    let before = (mtime("sitemap.xml"), mtime("us/alpha/index.html"));
    profiled_build(&s);
    profiled_build(&s);
    assert_eq!((mtime("sitemap.xml"), mtime("us/alpha/index.html")), before);
}

/// Each tree has its manifest: the output's moves with it to `.public.prev`, and
/// the manifest of the recycled tree goes, leaving no file of its own behind.
#[test]
fn the_outputs_manifest_follows_it_to_the_output_before_last() {
    let s = Site::fixture("basic");
    steady(&s);
    let read = |name: &str| std::fs::read_to_string(s.root.join(name)).unwrap();
    let (out, prev) = (read(".public.manifest"), read(".public.prev.manifest"));
    assert_ne!(out, prev);
    profiled_build(&s);
    assert_eq!(read(".public.prev.manifest"), out);
    assert_ne!(read(".public.manifest"), out);
    let side: Vec<String> = std::fs::read_dir(&s.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert_eq!(side.len(), 3, "{side:?}");
    // A manifest that has lost its tree's name describes nothing.
    std::fs::remove_file(s.root.join(".public.prev.manifest")).unwrap();
    let r = profiled_build(&s);
    assert_eq!(known(&r).1, 0, "nothing trusted:\n{}", r.stderr);
    assert_eq!(s.snapshot(), clean_snapshot());
}

#[test]
fn files_edited_in_the_recycled_tree_are_written_again() {
    let s = Site::fixture("basic");
    steady(&s);
    for rel in ["us/alpha/index.html", "sitemap.xml"] {
        scribble(&s.root.join(".public.prev").join(rel));
    }
    let r = profiled_build(&s);
    let (files, known_files) = known(&r);
    assert_eq!(known_files, files - 3, "the edited files are not trusted");
    assert_eq!(s.snapshot(), clean_snapshot());
}

#[test]
fn files_and_folders_added_to_the_recycled_tree_are_removed() {
    let s = Site::fixture("basic");
    steady(&s);
    let prev = s.root.join(".public.prev");
    std::fs::write(prev.join("us/stray.txt"), "not the build's").unwrap();
    std::fs::create_dir_all(prev.join("us/alpha/deep/er")).unwrap();
    std::fs::write(prev.join("us/alpha/deep/er/x.txt"), "nor this").unwrap();
    std::fs::create_dir(prev.join("empty")).unwrap();
    profiled_build(&s);
    assert_eq!(s.snapshot(), clean_snapshot());
    assert!(!s.exists("us/alpha/deep"));
    assert!(!s.exists("empty"));
}

#[test]
fn a_damaged_manifest_is_ignored() {
    let s = Site::fixture("basic");
    steady(&s);
    let manifest = s.root.join(".public.prev.manifest");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("\nf ", "\nf zz")).unwrap();
    scribble(&s.root.join(".public.prev/us/alpha/index.html"));
    let r = profiled_build(&s);
    assert_eq!(known(&r).1, 0, "nothing trusted:\n{}", r.stderr);
    assert_eq!(s.snapshot(), clean_snapshot());
}

#[test]
fn a_copy_of_the_recycled_tree_is_not_taken_for_it() {
    let s = Site::fixture("basic");
    steady(&s);
    let prev = s.root.join(".public.prev");
    let copy = tree(&prev);
    std::fs::remove_dir_all(&prev).unwrap();
    for (rel, bytes) in copy {
        let path = prev.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    scribble(&prev.join("us/alpha/index.html"));
    let r = profiled_build(&s);
    assert_eq!(known(&r).1, 0, "another tree:\n{}", r.stderr);
    assert_eq!(s.snapshot(), clean_snapshot());
}

/// Replace the folder `rel` of the recycled tree, which holds a folder `alpha`,
/// with a link to a folder outside shaped like it: its `alpha` holds a page and
/// a link. Build, and check that the build neither wrote through the link nor
/// removed anything outside.
fn link_in_place_of(rel: &str) {
    let s = Site::fixture("basic");
    steady(&s);
    let outside = s.root.join("outside");
    std::fs::create_dir_all(outside.join("alpha")).unwrap();
    std::fs::write(outside.join("alpha/index.html"), "not the build's").unwrap();
    std::os::unix::fs::symlink("/dev/null", outside.join("alpha/device")).unwrap();
    let folder = s.root.join(".public.prev").join(rel);
    assert!(folder.join("alpha").is_dir());
    std::fs::remove_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(&outside, &folder).unwrap();
    profiled_build(&s);
    assert_eq!(
        std::fs::read_to_string(outside.join("alpha/index.html")).unwrap(),
        "not the build's"
    );
    assert!(outside.join("alpha/device").symlink_metadata().is_ok());
    assert!(!s.out(rel).symlink_metadata().unwrap().is_symlink());
    assert_eq!(s.snapshot(), clean_snapshot());
}

/// A market's folder: the root above it is listed.
#[test]
fn a_folder_of_the_recycled_tree_turned_into_a_link_is_not_followed() {
    link_in_place_of("us");
}

/// A market's scripts folder: the market's folder above it is listed, while the
/// root above that is still trusted.
#[test]
fn a_deeper_folder_turned_into_a_link_is_not_followed() {
    link_in_place_of("us/scripts");
}

#[test]
fn changed_pages_and_sitemap_are_written_over_files_the_manifest_vouches_for() {
    let change = |s: &Site| {
        s.edit(
            "content/explainers/alpha.md",
            "Intro for",
            "Changed intro for",
        );
        s.remove("content/explainers/beta.md")
            .remove("content/explainers/beta.es.md")
            .remove("content/explainers/beta.es-MX.md");
    };
    let s = Site::fixture("basic");
    steady(&s);
    change(&s);
    let r = profiled_build(&s);
    // Every recycled file was vouched for: what changed is known by its hash.
    let (files, known_files) = known(&r);
    assert_eq!(known_files, files - 1, "{}", r.stderr);
    assert!(s.read("us/alpha/index.html").contains("Changed intro for"));
    assert!(!s.read("sitemap.xml").contains("/beta/"));
    let clean = Site::fixture("basic");
    change(&clean);
    clean.build_ok(&[]);
    assert_eq!(s.snapshot(), clean.snapshot());
}
