//! Every content error: its code, file, line and column, exit status 1, and no
//! output written.

use crate::harness::{Site, fails_with};

#[test]
fn errors_on_unclosed_variant_with_its_line() {
    // The block at line 21 is not closed before the one at line 25 opens.
    let r = fails_with(
        |s| {
            s.edit(
                "content/explainers/alpha.md",
                "CONTROL block.\n:::\n",
                "CONTROL block.\n",
            );
        },
        "content/explainers/alpha.md:21:1: error[directive]",
    );
    assert!(
        r.stderr.contains(
            "error[directive]: unclosed variant block\n   |\n21 | :::variant{for=\"control\"}\n   | ^\n   |\n   = help: close it with a line of `:::` before line 24, where the next variant block opens\n"
        ),
        "{}",
        r.stderr
    );
    let r = fails_with(
        |s| {
            s.edit(
                "content/explainers/beta.md",
                "Beta body.",
                ":::variant{for=\"us\"}\nBeta body.",
            );
        },
        "content/explainers/beta.md:6:1: error[directive]",
    );
    assert!(r.stderr.contains("unclosed variant block"), "{}", r.stderr);
}

#[test]
fn errors_on_unknown_variant_id() {
    fails_with(
        |s| {
            s.edit(
                "content/explainers/alpha.fr.md",
                "for=\"control\"",
                "for=\"controle\"",
            );
        },
        "content/explainers/alpha.fr.md:21:17: error[directive]",
    );
}

#[test]
fn errors_on_ambiguous_group() {
    let r = fails_with(
        |s| {
            s.edit(
                "content/explainers/alpha.md",
                "for=\"control\"",
                "for=\"control us\"",
            );
        },
        "content/explainers/alpha.md:21:1: error[directive]",
    );
    assert!(
        r.stderr.contains("match market `us` by its id"),
        "{}",
        r.stderr
    );
}

#[test]
fn errors_on_missing_title() {
    fails_with(
        |s| {
            s.edit("content/explainers/beta.md", "title: Beta\n", "");
        },
        "content/explainers/beta.md:1:1: error[front-matter]",
    );
}

#[test]
fn errors_on_bad_yaml_at_the_file_line() {
    fails_with(
        |s| {
            s.edit(
                "content/explainers/beta.md",
                "summary: The second explainer.",
                "summary: [unclosed",
            );
        },
        "content/explainers/beta.md:3:10: error[front-matter]",
    );
}

#[test]
fn errors_on_unknown_message_in_markdown() {
    let r = fails_with(
        |s| {
            s.edit(
                "content/explainers/alpha.de.md",
                "Intro de {{ t \"-brand\" }}",
                "Intro de {{ t \"nope\" }}",
            );
        },
        "content/explainers/alpha.de.md:7:10: error[unknown-message]",
    );
    assert!(r.stderr.contains("(market de)"));
}

#[test]
fn errors_on_message_missing_in_a_market_after_fallback() {
    // `closing` exists in en-US; removing it there leaves only fr-FR's copy.
    let r = fails_with(
        |s| {
            s.write(
                "locales/en-US/site.ftl",
                "-brand = Testbrand\n-law = data protection law\n",
            );
        },
        "content/explainers/alpha.md:31:1: error[unknown-message]",
    );
    assert!(
        r.stderr
            .contains("unknown message `closing` (after fallback to en-GB, en-US) (market uk)"),
        "{}",
        r.stderr
    );
}

#[test]
fn errors_on_unknown_message_in_a_template() {
    let s = Site::fixture("basic");
    crate::harness::copy_theme(&s);
    s.edit(
        "themes/default/templates/home.html",
        "t(id=\"home-heading\")",
        "t(id=\"home-headline\")",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1);
    assert!(
        r.has("themes/default/templates/home.html:4:16: error[unknown-message]"),
        "{:?}\n{}",
        r.heads(),
        r.stderr
    );
}

#[test]
fn errors_in_templates_point_at_the_template_line() {
    let s = Site::fixture("basic");
    crate::harness::copy_theme(&s);
    // A syntax error, found when the templates load.
    s.edit(
        "themes/default/templates/home.html",
        "{{ t(id=\"home-heading\") }}",
        "{{ t(id=\"home-heading\") }",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1);
    assert!(
        r.has("themes/default/templates/home.html:4:31: error[template]"),
        "{:?}\n{}",
        r.heads(),
        r.stderr
    );
    assert!(!s.root.join("public").exists(), "nothing is written");
    // A field the pages do not have, found as they render.
    s.edit(
        "themes/default/templates/home.html",
        "{{ t(id=\"home-heading\") }",
        "{{ t(id=\"home-heading\") }}{{ market.nickname }}",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1);
    assert!(
        r.has("themes/default/templates/home.html:4:43: error[template]"),
        "{:?}\n{}",
        r.heads(),
        r.stderr
    );
    assert!(
        r.stderr.contains("`nickname` is not defined"),
        "{}",
        r.stderr
    );
}

#[test]
fn errors_on_fluent_syntax() {
    fails_with(
        |s| {
            s.write(
                "locales/fr-FR/site.ftl",
                "-law = le RGPD\nclosing = { $market\nok = fine\n",
            );
        },
        "locales/fr-FR/site.ftl:2:1: error[fluent-syntax]",
    );
}

#[test]
fn errors_on_config_problems_with_their_lines() {
    fails_with(
        |s| {
            s.edit("glasshouse.yaml", "framing: control", "framing: controls");
        },
        "glasshouse.yaml:14:38: error[config]",
    );
    fails_with(
        |s| {
            s.edit("glasshouse.yaml", "locale: ja-JP", "locale: ja_JP");
        },
        "glasshouse.yaml:15:19: error[config]",
    );
    fails_with(
        |s| {
            s.edit(
                "glasshouse.yaml",
                "fallback: [en-US] }",
                "fallback: [en-US], path: us }",
            );
        },
        "glasshouse.yaml:11:3: error[config]",
    );
    fails_with(
        |s| {
            s.edit(
                "glasshouse.yaml",
                "source_language: en",
                "source_language: en\ntheme_color: red",
            );
        },
        "glasshouse.yaml:3:1: error[config]",
    );
}

#[test]
fn errors_on_broken_link() {
    fails_with(
        |s| {
            s.edit(
                "content/explainers/beta.md",
                "[alpha](alpha.md#more)",
                "[alpha](gamma.md)",
            );
        },
        "content/explainers/beta.md:6:20: error[broken-link]",
    );
}

#[test]
fn errors_on_image_without_alt() {
    fails_with(
        |s| {
            s.edit("content/explainers/alpha.md", "![A small picture]", "![]");
        },
        "content/explainers/alpha.md:9:1: error[missing-alt]",
    );
}

#[test]
fn errors_on_invalid_slug() {
    fails_with(
        |s| {
            s.write(
                "content/explainers/Bad_Name.md",
                "---\ntitle: x\nsummary: y\n---\n",
            );
        },
        "content/explainers/Bad_Name.md:1:1: error[invalid-slug]",
    );
}

#[test]
fn strict_makes_missing_translations_errors() {
    let s = Site::fixture("basic");
    let r = s.build(&["--strict"]);
    assert_eq!(r.status, 1);
    assert!(
        r.has("content/explainers/beta.md:2:1: error[missing-translation]"),
        "{}",
        r.stderr
    );
    assert!(!s.root.join("public").exists());
}

#[test]
fn all_errors_are_reported_not_just_the_first() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "for=\"control\"",
        "for=\"mars\"",
    );
    s.edit(
        "content/explainers/beta.md",
        "[alpha](alpha.md#more)",
        "[alpha](gamma.md)",
    );
    s.write("locales/fr-FR/site.ftl", "broken = {\n");
    let r = s.build(&[]);
    assert_eq!(r.status, 1);
    let errors: Vec<String> = r
        .heads()
        .into_iter()
        .filter(|h| h.contains("error["))
        .collect();
    assert!(errors.len() >= 3, "{errors:?}");
    assert!(r.stderr.contains("build failed:"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let s = Site::fixture("basic");
    assert_eq!(s.build(&["--market", "zz"]).status, 2);
    assert_eq!(s.build(&["--base-url", "not a url"]).status, 2);
    assert_eq!(s.build(&["--out", "."]).status, 2);
    assert_eq!(s.build(&["--out", "content/x"]).status, 2);
    assert_eq!(s.run(&["build", "--no-such-flag"]).status, 2);
}

#[test]
fn never_panics_on_garbage_content() {
    let s = Site::fixture("basic");
    s.write_bytes("content/explainers/gamma.md", b"\xff\xfe\x00garbage");
    s.write(
        "content/explainers/delta.md",
        "---\n---\n:::\n::::script\n:::variant{for=\"\"}\n```\n",
    );
    s.write("content/explainers/eps.md", "no front matter at all");
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    assert!(
        r.has("content/explainers/gamma.md:1:1: error[encoding]"),
        "{:?}",
        r.heads()
    );
    assert!(r.has("content/explainers/eps.md:1:1: error[front-matter]"));
}

/// A Fluent function given what it cannot format prints its call
/// (`DATETIME()`) on the page, and Fluent says nothing: glasshouse does, at
/// the placeholder that uses the message, in each shape of the mistake.
#[test]
fn a_function_refusing_its_argument_is_an_error_at_the_message_s_use() {
    let use_when = |s: &Site, body: &str| {
        let ftl = s.source("locales/en-US/site.ftl");
        s.write("locales/en-US/site.ftl", &format!("{ftl}when = {body}\n"));
        s.edit(
            "content/explainers/alpha.md",
            "{{ t \"closing\" }}",
            "{{ t \"when\" }}",
        );
    };
    for (body, why) in [
        (
            "{ DATETIME($market) }",
            "DATETIME() takes a date written as 2026-11-20",
        ),
        (
            "Updated { DATETIME(\"2026-13\") }.",
            "DATETIME() takes a date",
        ),
        ("{ DATETIME(\"20 Nov 2026\") }", "DATETIME() takes a date"),
        ("{ NUMBER($framing) } steps", "NUMBER() takes a number"),
        (
            "{ NUMBER(\"three\", minimumFractionDigits: 1) }",
            "NUMBER() takes a number",
        ),
    ] {
        let r = fails_with(
            |s| use_when(s, body),
            "content/explainers/alpha.md:31:1: error[unknown-message]",
        );
        assert!(r.stderr.contains(why), "{body}: {}", r.stderr);
    }
    // What they can format builds.
    for body in ["{ DATETIME(\"2026-11-20\") }", "{ NUMBER(1234.5) } steps"] {
        let s = Site::fixture("basic");
        use_when(&s, body);
        s.build_ok(&[]);
    }
}
