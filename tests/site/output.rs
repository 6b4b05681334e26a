//! The output folder: staged, swapped only on success, complete, reproducible.

use crate::harness::Site;

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let before = s.snapshot();
    s.edit(
        "content/explainers/alpha.md",
        "CONTROL block.\n:::\n",
        "CONTROL block.\n",
    );
    s.edit("content/explainers/beta.md", "Beta body.", "Changed body.");
    assert_eq!(s.build(&[]).status, 1);
    assert_eq!(s.snapshot(), before, "byte for byte");
}

#[test]
fn a_deleted_explainer_leaves_no_page_behind() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    assert!(s.exists("us/beta/index.html"));
    s.remove("content/explainers/beta.md")
        .remove("content/explainers/beta.es.md")
        .remove("content/explainers/beta.es-MX.md");
    s.edit(
        "content/explainers/alpha.md",
        "## More",
        "## More\n\nNothing links to beta.",
    );
    s.build_ok(&[]);
    assert!(!s.exists("us/beta"));
    assert!(!s.exists("mx/beta"));
    assert!(!s.read("sitemap.xml").contains("/beta/"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let first = s.snapshot();
    s.build_ok(&[]);
    assert_eq!(s.snapshot(), first);
    let other = Site::fixture("basic");
    other.build_ok(&[]);
    assert_eq!(
        other.snapshot(),
        first,
        "a second checkout builds the same bytes"
    );
}

#[test]
fn summary_line_counts_markets_and_pages() {
    let s = Site::fixture("basic");
    let r = s.build_ok(&[]);
    // 10 explainer pages, 7 script cards, 7 homes, 7 script indexes, 7 404
    // pages, the chooser and the root 404
    assert!(
        r.stdout.starts_with("built 7 markets, 40 pages in "),
        "{}",
        r.stdout
    );
}

/// Every folder under `public/`, sorted.
fn folders(s: &Site) -> Vec<String> {
    let base = s.root.join("public");
    let mut dirs: Vec<String> = walkdir::WalkDir::new(&base)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(&base).unwrap().display().to_string())
        .collect();
    dirs.sort();
    dirs
}

/// What the site beside `public/` holds once two builds ran: the output before
/// last.
const BOTH_TREES: [&str; 1] = [".public.prev"];

/// What the site beside `public/` holds that a build made.
fn build_leftovers(s: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(&s.root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The cache of made files (share cards) stays: tests/site/cards.rs.
        .filter(|n| n.starts_with(".public") && n != ".public.cache")
        .collect();
    names.sort();
    names
}

#[test]
fn the_build_before_last_is_recycled_and_matches_a_clean_build() {
    let s = Site::fixture("basic");
    s.write("static/notes/a.txt", "a file where a folder will be");
    s.write("static/later", "a file that becomes a folder");
    s.build_ok(&[]);
    assert!(build_leftovers(&s).is_empty());
    // The second build writes a fresh tree; the first moves to `.public.prev`.
    s.remove("content/explainers/beta.md")
        .remove("content/explainers/beta.es.md")
        .remove("content/explainers/beta.es-MX.md");
    std::fs::remove_dir_all(s.root.join("static/notes")).unwrap();
    s.write("static/notes", "now a file");
    s.remove("static/later");
    s.write("static/later/inside.txt", "now in a folder");
    s.build_ok(&[]);
    assert_eq!(build_leftovers(&s), BOTH_TREES);
    // The third recycles the first, which still has beta and the old shapes.
    assert!(s.root.join(".public.prev/us/beta/index.html").exists());
    assert!(s.root.join(".public.prev/notes/a.txt").exists());
    s.build_ok(&[]);
    assert_eq!(build_leftovers(&s), BOTH_TREES);
    assert!(!s.exists("us/beta"));
    assert_eq!(s.read("notes"), "now a file");
    assert_eq!(s.read("later/inside.txt"), "now in a folder");

    let clean = Site::fixture("basic");
    clean
        .remove("content/explainers/beta.md")
        .remove("content/explainers/beta.es.md")
        .remove("content/explainers/beta.es-MX.md");
    clean.write("static/notes", "now a file");
    clean.write("static/later/inside.txt", "now in a folder");
    clean.build_ok(&[]);
    assert_eq!(s.snapshot(), clean.snapshot(), "the same files and bytes");
    assert_eq!(folders(&s), folders(&clean), "no empty folder left");
}

#[test]
fn a_link_in_the_recycled_tree_is_removed_not_followed() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    s.build_ok(&[]);
    let victim = s.root.join("victim.txt");
    std::fs::write(&victim, "not the build's").unwrap();
    let page = s.root.join(".public.prev/us/alpha/index.html");
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(&victim, &page).unwrap();
    std::os::unix::fs::symlink("/", s.root.join(".public.prev/us/escape")).unwrap();
    s.build_ok(&[]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not the build's");
    let written = s.out("us/alpha/index.html");
    assert!(!written.symlink_metadata().unwrap().is_symlink());
    assert!(s.read("us/alpha/index.html").contains("<html"));
    assert!(s.out("us/escape").symlink_metadata().is_err());
}

#[test]
fn a_recycled_file_that_did_not_change_keeps_its_modification_time() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let mtime = |rel: &str| s.out(rel).metadata().unwrap().modified().unwrap();
    let alpha = mtime("us/alpha/index.html");
    let beta = mtime("us/beta/index.html");
    std::thread::sleep(std::time::Duration::from_millis(50));
    s.build_ok(&[]);
    s.edit(
        "content/explainers/beta.md",
        "Beta body.",
        "Beta body, changed.",
    );
    s.build_ok(&[]);
    // The third build recycled the first's files: alpha is as it was.
    assert_eq!(mtime("us/alpha/index.html"), alpha);
    assert_ne!(mtime("us/beta/index.html"), beta);
    assert!(s.read("us/beta/index.html").contains("Beta body, changed."));
}

#[test]
fn a_build_that_fails_to_load_keeps_the_output_and_the_folder_to_recycle() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    s.build_ok(&[]);
    let before = s.snapshot();
    s.edit("glasshouse.yaml", "markets:", "markets: [broken");
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert_eq!(s.snapshot(), before, "byte for byte");
    assert_eq!(build_leftovers(&s), BOTH_TREES);
    assert!(s.root.join(".public.prev/us/alpha/index.html").exists());
}
