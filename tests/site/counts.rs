//! Every count printed agrees with its noun: `1 file`, `2 files`.

use crate::harness::Site;

fn last_line(text: &str) -> &str {
    text.trim_end().lines().last().unwrap_or("")
}

#[test]
fn the_check_summary_counts_errors_and_files_in_agreement() {
    let s = Site::fixture("basic");
    let r = s.run(&["check", "--market", "de"]);
    assert_eq!(
        last_line(&r.stdout),
        "check: 0 errors, 2 warnings, 1 note in 3 files"
    );
    let r = s.run(&["check"]);
    assert_eq!(
        last_line(&r.stdout),
        "check: 0 errors, 5 warnings, 5 notes in 7 files"
    );
    s.edit(
        "content/explainers/alpha.md",
        "for=\"control\"",
        "for=\"controle\"",
    );
    let r = s.run(&["check", "--market", "us"]);
    assert_eq!(last_line(&r.stdout), "check: 1 error, 0 warnings in 1 file");
    let r = s.run(&["check", "--market", "de"]);
    assert_eq!(
        last_line(&r.stdout),
        "check: 1 error, 2 warnings in 3 files"
    );
    s.edit("content/explainers/alpha.md", "for=\"us\"", "for=\"usa\"");
    let r = s.run(&["check", "--market", "de"]);
    assert_eq!(
        last_line(&r.stdout),
        "check: 2 errors, 2 warnings in 3 files"
    );
    let r = s.build(&["--market", "de"]);
    assert_eq!(
        last_line(&r.stderr),
        "build failed: 2 errors, 1 warning; public left unchanged"
    );
}

#[test]
fn the_build_summary_counts_markets_in_agreement() {
    let s = Site::fixture("basic");
    let r = s.build_ok(&["--market", "us"]);
    assert!(
        r.stdout.starts_with("built 1 market, 8 pages in "),
        "{}",
        r.stdout
    );
    let r = s.build_ok(&["--market", "us", "--market", "uk"]);
    assert!(
        r.stdout.starts_with("built 2 markets, 14 pages in "),
        "{}",
        r.stdout
    );
}

#[test]
fn structure_mismatches_count_variant_groups_in_agreement() {
    let group = ":::variant{for=\"default\"}\nMore.\n:::\n\n";
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.fr.md",
        "{#more}\n",
        &format!("{{#more}}\n\n{group}"),
    );
    let r = s.run(&["check"]);
    assert!(
        r.stdout.contains(
            "error[structure-mismatch]: the source shows 1 variant block, this translation 2 (market fr)\n"
        ),
        "{}",
        r.stdout
    );
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "{#more}\n",
        &format!("{{#more}}\n\n{group}"),
    );
    let r = s.run(&["check"]);
    assert!(
        r.stdout.contains(
            "error[structure-mismatch]: the source shows 2 variant blocks, this translation 1 (market fr)\n"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn missing_messages_are_counted_in_agreement() {
    let s = Site::fixture("basic");
    let r = s.run(&["check"]);
    assert!(
        r.stdout.contains(
            "warning[missing-message]: de-DE lacks 1 message of en-US: closing (market de)\n"
        ),
        "{}",
        r.stdout
    );
    let en = s.source("locales/en-US/site.ftl");
    s.write("locales/en-US/site.ftl", &format!("{en}extra = Extra\n"));
    let r = s.run(&["check"]);
    assert!(
        r.stdout.contains(
            "warning[missing-message]: de-DE lacks 2 messages of en-US: closing, extra (market de)\n"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn unknown_markets_past_the_hundredth_are_counted_in_agreement() {
    for (n, expected) in [
        (101, "`markets` names 1 more unknown market or framing"),
        (102, "`markets` names 2 more unknown markets or framings"),
    ] {
        let s = Site::fixture("basic");
        let ids: Vec<String> = (0..n).map(|i| format!("x{i}")).collect();
        s.edit(
            "content/explainers/beta.md",
            "order: 2",
            &format!("order: 2\nmarkets: [{}]", ids.join(", ")),
        );
        let r = s.run(&["check"]);
        assert!(
            r.stdout
                .contains(&format!("error[front-matter]: {expected}\n")),
            "{n}:\n{}",
            r.stdout
        );
    }
}
