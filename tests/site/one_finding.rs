//! One mistake, one finding: a broken directive or front matter is reported once,
//! where it is, and not again by the checks that read the file after it (the
//! translations' structure, the script, the links to it).

use crate::harness::{Run, Site};

const ALPHA: &str = "content/explainers/alpha.md";
const ALPHA_FR: &str = "content/explainers/alpha.fr.md";

/// `build` and `check` after `edit` (a file, a text and its replacement) fail
/// with exactly one error, `head`.
fn only_error(edit: (&str, &str, &str), head: &str) {
    for cmd in ["build", "check"] {
        let s = Site::fixture("basic");
        s.edit(edit.0, edit.1, edit.2);
        let r = s.run(&[cmd]);
        // `check` reports on standard output, `build` on standard error.
        let r = Run {
            stderr: r.stdout + &r.stderr,
            stdout: String::new(),
            status: r.status,
        };
        assert_eq!(r.status, 1, "{cmd} after {edit:?}:\n{}", r.stderr);
        let errors: Vec<String> = (r.heads().into_iter())
            .filter(|h| h.contains(": error["))
            .collect();
        assert_eq!(errors, [head], "{cmd} after {edit:?}:\n{}", r.stderr);
        assert!(
            r.stderr.contains(": 1 error, "),
            "{cmd}: the count says one error:\n{}",
            r.stderr
        );
        assert!(!s.root.join("public").exists(), "nothing is written");
    }
}

#[test]
fn an_unclosed_variant_is_one_error_at_its_opening() {
    for (file, block, line) in [
        (ALPHA, "US-TRANSPARENCY block.\n:::\n", 13),
        (ALPHA, "CONTROL block.\n:::\n", 21),
        // The last of its group, before a heading and the script block.
        (ALPHA, "DEFAULT block.\n:::\n", 25),
        (ALPHA_FR, "REGULATORY-fr block.\n:::\n", 17),
        (ALPHA_FR, "DEFAULT-fr block.\n:::\n", 25),
    ] {
        let open = block.replace(":::\n", "");
        only_error(
            (file, block, &open),
            &format!("{file}:{line}:1: error[directive]"),
        );
    }
}

#[test]
fn an_unclosed_variant_in_a_script_is_one_error() {
    only_error(
        (
            ALPHA,
            "beat: SCRIPT-BEAT-ONE\n",
            ":::variant{for=\"us\"}\nbeat: SCRIPT-BEAT-ONE\n",
        ),
        &format!("{ALPHA}:35:1: error[directive]"),
    );
}

#[test]
fn an_unclosed_script_is_one_error_at_its_opening() {
    only_error(
        (ALPHA, "cta: Check today.\n::::\n", "cta: Check today.\n"),
        &format!("{ALPHA}:33:1: error[directive]"),
    );
    // Followed by Markdown, which is not read as script lines.
    only_error(
        (
            ALPHA,
            "cta: Check today.\n::::\n",
            "cta: Check today.\n\nA closing paragraph.\n",
        ),
        &format!("{ALPHA}:33:1: error[directive]"),
    );
    only_error(
        (
            "content/explainers/alpha.de.md",
            "cta: Go de\n::::\n",
            "cta: Go de\n",
        ),
        "content/explainers/alpha.de.md:31:1: error[directive]",
    );
}

#[test]
fn a_closing_fence_with_nothing_open_is_one_error() {
    only_error(
        (ALPHA, "## More", ":::\n\n## More"),
        &format!("{ALPHA}:29:1: error[directive]"),
    );
    only_error(
        (ALPHA, "DEFAULT block.\n:::\n", "DEFAULT block.\n:::\n:::\n"),
        &format!("{ALPHA}:28:1: error[directive]"),
    );
    only_error(
        (ALPHA_FR, "Intro fr", ":::\nIntro fr"),
        &format!("{ALPHA_FR}:7:1: error[directive]"),
    );
}

#[test]
fn an_unknown_for_id_is_one_error() {
    for (file, from, to, col) in [
        (ALPHA, "for=\"control\"", "for=\"controle\"", 17),
        (ALPHA, "for=\"control\"", "for=\"mx controle\"", 17),
        (ALPHA_FR, "for=\"control\"", "for=\"controle\"", 17),
        (ALPHA_FR, "for=\"us\"", "for=\"usa\"", 17),
    ] {
        let line = if from.contains("us") { 13 } else { 21 };
        only_error(
            (file, from, to),
            &format!("{file}:{line}:{col}: error[directive]"),
        );
    }
}

#[test]
fn a_variant_without_a_for_is_one_error() {
    for (file, to, col) in [
        (ALPHA, ":::variant", 11),
        (ALPHA, ":::variant{}", 11),
        (ALPHA, ":::variant{for=control}", 11),
        (ALPHA, ":::variant{for=\"\"}", 17),
        (ALPHA_FR, ":::variant", 11),
        (ALPHA_FR, ":::varient{for=\"control\"}", 1),
    ] {
        only_error(
            (file, ":::variant{for=\"control\"}", to),
            &format!("{file}:21:{col}: error[directive]"),
        );
    }
}

#[test]
fn a_closing_fence_of_the_wrong_length_is_one_error() {
    only_error(
        (ALPHA, "CONTROL block.\n:::\n", "CONTROL block.\n::::\n"),
        &format!("{ALPHA}:23:1: error[directive]"),
    );
    only_error(
        (
            ALPHA,
            "cta: Check today.\n::::\n",
            "cta: Check today.\n:::\n",
        ),
        &format!("{ALPHA}:38:1: error[directive]"),
    );
}

#[test]
fn a_source_that_does_not_load_is_one_error_not_broken_links_to_it() {
    only_error(
        (ALPHA, "title: Alpha", "title: [Alpha"),
        &format!("{ALPHA}:2:8: error[front-matter]"),
    );
}

/// A translation that does not load is its own error only: the pages of its
/// market that link to the explainer are not also told it is unpublished.
#[test]
fn a_translation_that_does_not_load_is_one_error_not_broken_links_to_it() {
    const ALPHA_ES: &str = "content/explainers/alpha.es.md";
    for (from, to, at) in [
        ("title: Alpha es", "title: [Alpha es", "2:8"),
        ("title: Alpha es\n", "", "1:1"),
        (
            "summary: Summary es.",
            "summary: Summary es.\nsummary: Again.",
            "4:1",
        ),
    ] {
        only_error(
            (ALPHA_ES, from, to),
            &format!("{ALPHA_ES}:{at}: error[front-matter]"),
        );
    }
}
