//! The staging folder recycles the output before last: whatever was done to that
//! hidden tree between builds (files edited, added, made links, folders turned
//! into links), the build gives the bytes of a clean build, never writes through
//! a link, and leaves unchanged files untouched.

use crate::harness::Site;

/// Two builds, so that the output before last exists to be recycled.
fn twice(s: &Site) {
    s.build_ok(&[]);
    s.build_ok(&[]);
    assert!(s.root.join(".public.prev/us/alpha/index.html").is_file());
}

fn clean_snapshot() -> Vec<(String, Vec<u8>)> {
    let clean = Site::fixture("basic");
    clean.build_ok(&[]);
    clean.snapshot()
}

/// Overwrite a file in place with as many different bytes.
fn scribble(path: &std::path::Path) {
    let len = std::fs::metadata(path).unwrap().len() as usize;
    std::fs::write(path, "x".repeat(len)).unwrap();
}

#[test]
fn files_edited_shortened_or_grown_in_the_recycled_tree_are_written_again() {
    let s = Site::fixture("basic");
    twice(&s);
    let prev = s.root.join(".public.prev");
    scribble(&prev.join("us/alpha/index.html"));
    scribble(&prev.join("sitemap.xml"));
    std::fs::write(prev.join("uk/alpha/index.html"), "short").unwrap();
    let grown = std::fs::read_to_string(prev.join("fr/index.html")).unwrap() + "more";
    std::fs::write(prev.join("fr/index.html"), grown).unwrap();
    s.build_ok(&[]);
    assert_eq!(s.snapshot(), clean_snapshot());
}

#[test]
fn files_and_folders_added_to_the_recycled_tree_are_removed() {
    let s = Site::fixture("basic");
    twice(&s);
    let prev = s.root.join(".public.prev");
    std::fs::write(prev.join("us/stray.txt"), "not the build's").unwrap();
    std::fs::create_dir_all(prev.join("us/alpha/deep/er")).unwrap();
    std::fs::write(prev.join("us/alpha/deep/er/x.txt"), "nor this").unwrap();
    std::fs::create_dir(prev.join("empty")).unwrap();
    // A folder where the build writes a file, and a file where it needs a folder.
    std::fs::remove_file(prev.join("robots.txt")).unwrap();
    std::fs::create_dir(prev.join("robots.txt")).unwrap();
    std::fs::remove_dir_all(prev.join("de")).unwrap();
    std::fs::write(prev.join("de"), "a file").unwrap();
    s.build_ok(&[]);
    assert_eq!(s.snapshot(), clean_snapshot());
    assert!(!s.exists("us/alpha/deep"));
    assert!(!s.exists("empty"));
}

/// Replace the folder `rel` of the recycled tree, which holds a folder `alpha`,
/// with a link to a folder outside shaped like it: its `alpha` holds a page and
/// a link. Build, and check that the build neither wrote through the link nor
/// removed anything outside.
fn link_in_place_of(rel: &str) {
    let s = Site::fixture("basic");
    twice(&s);
    let outside = s.root.join("outside");
    std::fs::create_dir_all(outside.join("alpha")).unwrap();
    std::fs::write(outside.join("alpha/index.html"), "not the build's").unwrap();
    std::os::unix::fs::symlink("/dev/null", outside.join("alpha/device")).unwrap();
    let folder = s.root.join(".public.prev").join(rel);
    assert!(folder.join("alpha").is_dir());
    std::fs::remove_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(&outside, &folder).unwrap();
    s.build_ok(&[]);
    assert_eq!(
        std::fs::read_to_string(outside.join("alpha/index.html")).unwrap(),
        "not the build's"
    );
    assert!(outside.join("alpha/device").symlink_metadata().is_ok());
    assert!(!s.out(rel).symlink_metadata().unwrap().is_symlink());
    assert_eq!(s.snapshot(), clean_snapshot());
}

#[test]
fn a_market_folder_of_the_recycled_tree_turned_into_a_link_is_not_followed() {
    link_in_place_of("us");
}

#[test]
fn a_deeper_folder_turned_into_a_link_is_not_followed() {
    link_in_place_of("us/scripts");
}

#[test]
fn changed_pages_and_sitemap_are_written_over_the_recycled_ones() {
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
    twice(&s);
    change(&s);
    s.build_ok(&[]);
    assert!(s.read("us/alpha/index.html").contains("Changed intro for"));
    assert!(!s.read("sitemap.xml").contains("/beta/"));
    let clean = Site::fixture("basic");
    change(&clean);
    clean.build_ok(&[]);
    assert_eq!(s.snapshot(), clean.snapshot());
}
