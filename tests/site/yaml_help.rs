//! The YAML mistakes authors make most, in front matter and in
//! `glasshouse.yaml`: one error at the place of the mistake, with a help line in
//! plain words.

use crate::harness::Site;

const BETA: &str = "content/explainers/beta.md";
const ALPHA_FR: &str = "content/explainers/alpha.fr.md";
const CONFIG: &str = "glasshouse.yaml";

/// `build` after replacing `from` with `to` in `file` fails with one error,
/// `head`, whose help line is `help`.
fn one_error_with_help(file: &str, (from, to): (&str, &str), head: &str, help: &str) {
    let s = Site::fixture("basic");
    s.edit(file, from, to);
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "{to:?}:\n{}", r.stderr);
    let errors: Vec<String> = (r.heads().into_iter())
        .filter(|h| h.contains(": error["))
        .collect();
    assert_eq!(errors, [head], "{to:?}:\n{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("\n   = help: {help}\n"))
            || r.stderr.contains(&format!("\n  = help: {help}\n")),
        "{to:?}: expected help {help:?}:\n{}",
        r.stderr
    );
    assert!(!s.root.join("public").exists(), "nothing is written");
}

fn quotes(line: &str) -> String {
    format!("a value that contains `: ` must be in quotes: {line}")
}

#[test]
fn a_colon_in_a_front_matter_value_asks_for_quotes() {
    for (file, from, to, at, fixed) in [
        (
            BETA,
            "summary: The second explainer.",
            "summary: Two-step: what it does",
            "3:18",
            "summary: \"Two-step: what it does\"",
        ),
        (
            BETA,
            "title: Beta",
            "title: Beta: the story",
            "2:12",
            "title: \"Beta: the story\"",
        ),
        (
            BETA,
            "title: Beta",
            "title: The story of Beta:  part two",
            "2:25",
            "title: \"The story of Beta:  part two\"",
        ),
        (
            BETA,
            "summary: The second explainer.",
            "summary: \"Beta\": the second",
            "3:16",
            "summary: '\"Beta\": the second'",
        ),
        (
            ALPHA_FR,
            "summary: Summary fr.",
            "summary: Résumé : la vérification en deux étapes",
            "3:17",
            "summary: \"Résumé : la vérification en deux étapes\"",
        ),
    ] {
        let key = to.split(':').next().unwrap();
        one_error_with_help(
            file,
            (from, to),
            &format!("{file}:{at}: error[front-matter]"),
            &quotes(fixed),
        );
        let s = Site::fixture("basic");
        s.edit(file, from, to);
        let r = s.build(&[]);
        assert!(
            r.stderr.contains(&format!(
                "error[front-matter]: the value of `{key}` contains `: `"
            )),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_colon_in_a_config_value_asks_for_quotes() {
    for (from, to, at, fixed) in [
        (
            "  transparency: T",
            "  transparency: Show data: where it lives",
            "4:26",
            "transparency: \"Show data: where it lives\"",
        ),
        (
            "  us: { name: United States, locale: en-US, framing: transparency }",
            "  us:\n    name: United States: US\n    locale: en-US\n    framing: transparency",
            "11:24",
            "name: \"United States: US\"",
        ),
        (
            "name: United Kingdom,",
            "name: United Kingdom: UK,",
            "11:29",
            "name: \"United Kingdom: UK\"",
        ),
    ] {
        one_error_with_help(
            CONFIG,
            (from, to),
            &format!("{CONFIG}:{at}: error[config]"),
            &quotes(fixed),
        );
    }
}

#[test]
fn a_tab_in_the_indentation_names_its_column() {
    for (file, from, to, at, col) in [
        (BETA, "order: 2", "order: 2\n\ttopics: [a]", "5:1", 1),
        (BETA, "order: 2", "order: 2\ntopics:\n\t- privacy", "6:1", 1),
        (
            BETA,
            "order: 2",
            "order: 2\ntopics:\n  - security\n  \t- privacy",
            "7:3",
            3,
        ),
        (
            ALPHA_FR,
            "summary: Summary fr.",
            "summary:\n\tSummary fr.",
            "4:1",
            1,
        ),
        (
            CONFIG,
            "  us: { name: United States, locale: en-US, framing: transparency }",
            "  us:\n    name: United States\n\tlocale: en-US\n    framing: transparency",
            "12:1",
            1,
        ),
    ] {
        let code = if file == CONFIG {
            "config"
        } else {
            "front-matter"
        };
        one_error_with_help(
            file,
            (from, to),
            &format!("{file}:{at}: error[{code}]"),
            &format!("YAML indents with spaces; replace the tab at column {col} with spaces"),
        );
    }
}

#[test]
fn a_list_item_without_a_space_after_its_dash_is_named() {
    for (file, from, to, at, word) in [
        (
            BETA,
            "order: 2",
            "order: 2\ntopics:\n  -privacy\n  -security",
            "6:3",
            "privacy",
        ),
        (
            BETA,
            "order: 2",
            "order: 2\ntopics:\n  - privacy\n  -security",
            "7:3",
            "security",
        ),
        (
            BETA,
            "order: 2",
            "order: 2\nmarkets:\n  -us\n  -uk",
            "6:3",
            "us",
        ),
        (BETA, "order: 2", "order: 2\nmarkets:\n-us", "6:1", "us"),
        (
            CONFIG,
            "fallback: [en-US] }",
            "}\n  gb:\n    name: Great Britain\n    locale: en-GB\n    framing: regulatory\n    fallback:\n      -en-US",
            "17:7",
            "en-US",
        ),
    ] {
        let code = if file == CONFIG {
            "config"
        } else {
            "front-matter"
        };
        one_error_with_help(
            file,
            (from, to),
            &format!("{file}:{at}: error[{code}]"),
            &format!("write `- {word}` with a space after the dash"),
        );
    }
}

#[test]
fn a_key_set_twice_is_named_where_it_is_set_again() {
    let twice = |key: &str, line: usize| {
        format!("the first `{key}` is on line {line}; keep one of the two")
    };
    let us_again = "  us: { name: Again, locale: en-US, framing: transparency }";
    for (file, from, to, head, help) in [
        (
            CONFIG,
            "source_language: en",
            "source_language: en\nbase_url: https://other.example.com",
            "3:1: error[config]",
            twice("base_url", 1),
        ),
        (
            CONFIG,
            "  fr: { name: France",
            &format!("{us_again}\n  fr: {{ name: France"),
            "12:3: error[config]",
            twice("us", 10),
        ),
        (
            CONFIG,
            "  fr: { name: France",
            &format!("  \"us\"{}\n  fr: {{ name: France", &us_again[4..]),
            "12:3: error[config]",
            twice("us", 10),
        ),
        (
            CONFIG,
            "name: Deutschland,",
            "name: Deutschland, locale: de-AT,",
            "13:43: error[config]",
            twice("locale", 13),
        ),
        (
            CONFIG,
            "  control: C",
            "  control: C\n  regulatory: Law first",
            "9:3: error[config]",
            twice("regulatory", 5),
        ),
        (
            CONFIG,
            "imprint: https://trust.example.com/imprint/ }",
            "imprint: https://trust.example.com/imprint/, privacy: https://trust.example.com/p/ }",
            "18:109: error[config]",
            twice("privacy", 18),
        ),
        (
            CONFIG,
            "legal: { links:",
            "legal: { required: { de: [imprint], de: [privacy] }, links:",
            "18:37: error[config]",
            twice("de", 18),
        ),
        (
            BETA,
            "summary: The second explainer.",
            "summary: The second explainer.\ntitle: Beta again",
            "4:1: error[front-matter]",
            twice("title", 2),
        ),
        (
            ALPHA_FR,
            "order: 1",
            "order: 1\norder: 2",
            "5:1: error[front-matter]",
            twice("order", 4),
        ),
        (
            ALPHA_FR,
            "order: 1",
            "order: 1\nsource_sections: { intro: \"1a2b\", intro: \"3c4d\" }",
            "5:35: error[front-matter]",
            twice("intro", 5),
        ),
    ] {
        one_error_with_help(file, (from, to), &format!("{file}:{head}"), &help);
    }
}

/// Serde would keep the last of two markets with one id and drop the first
/// without a word; a key set twice is an error in every mapping of the config.
#[test]
fn a_repeated_key_is_found_at_its_own_depth() {
    let s = Site::fixture("basic");
    // A market's own `legal` (deeper) comes between the two top-level ones.
    s.edit(
        CONFIG,
        "  us: { name: United States, locale: en-US, framing: transparency }",
        "  us:\n    name: United States\n    locale: en-US\n    framing: transparency\n    legal: { terms: https://trust.example.com/terms/ }",
    );
    s.edit(
        CONFIG,
        "# The footer links",
        "legal: { links: { terms: https://trust.example.com/t/ } }\n# The footer links",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    let errors: Vec<String> = (r.heads().into_iter())
        .filter(|h| h.contains(": error["))
        .collect();
    assert_eq!(
        errors,
        [format!("{CONFIG}:23:1: error[config]")],
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("`legal` is set twice"), "{}", r.stderr);
    assert!(
        r.stderr.contains("the first `legal` is on line 21;"),
        "{}",
        r.stderr
    );
}
