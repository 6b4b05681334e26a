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
    // 10 explainer pages, 7 script cards, 7 homes, 7 script indexes, the chooser and 404.html
    assert!(
        r.stdout.starts_with("built 7 markets, 33 pages in "),
        "{}",
        r.stdout
    );
}

#[test]
fn the_previous_output_is_removed_after_the_swap() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    s.build_ok(&[]);
    // The command line removes the old output in a detached process; wait for it.
    let leftovers = || {
        std::fs::read_dir(&s.root)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".public."))
            .count()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while leftovers() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the old output was not removed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(s.exists("us/alpha/index.html"));
    let r = s.run(&["remove-old-output", "public"]);
    assert_eq!(r.status, 2, "only folders a build moved aside");
    assert!(s.exists("us/alpha/index.html"));
}
