//! `glasshouse check`: each code from a fixture with exactly that defect, the
//! output formats, severity settings, staleness after `l10n stamp`.

use crate::harness::{Run, Site};
use serde_json::Value;

fn check(s: &Site, args: &[&str]) -> (Run, Vec<Value>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = s.run(&all);
    let lines = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    (r, lines)
}

/// Apply `change` to a fresh fixture; `check` must report `code` at `file:line`
/// with `severity`, exit with `status`, and write nothing.
fn finds(
    change: impl Fn(&Site),
    code: &str,
    file: &str,
    line: u64,
    severity: &str,
    status: i32,
) -> Value {
    let s = Site::fixture("basic");
    change(&s);
    let (r, lines) = check(&s, &[]);
    assert_eq!(r.status, status, "{}", r.stdout);
    assert!(!s.root.join("public").exists(), "check writes nothing");
    let found = lines
        .iter()
        .find(|l| l["code"] == code && l["file"] == file && l["line"] == line);
    let found = found
        .unwrap_or_else(|| panic!("no {code} at {file}:{line} in\n{}", r.stdout))
        .clone();
    assert_eq!(found["severity"], severity);
    found
}

#[test]
fn front_matter() {
    finds(
        |s| {
            s.edit("content/explainers/beta.md", "title: Beta\n", "");
        },
        "front-matter",
        "content/explainers/beta.md",
        1,
        "error",
        1,
    );
}

#[test]
fn directive() {
    finds(
        |s| {
            s.edit(
                "content/explainers/alpha.md",
                "for=\"control\"",
                "for=\"mars\"",
            );
        },
        "directive",
        "content/explainers/alpha.md",
        21,
        "error",
        1,
    );
}

#[test]
fn unknown_message() {
    finds(
        |s| {
            s.edit(
                "content/explainers/beta.md",
                "Beta body.",
                "Beta {{ t \"nope\" }}.",
            );
        },
        "unknown-message",
        "content/explainers/beta.md",
        6,
        "error",
        1,
    );
}

#[test]
fn fluent_syntax() {
    finds(
        |s| {
            s.write("locales/fr-FR/site.ftl", "-law = le RGPD\nbroken = { $x\n");
        },
        "fluent-syntax",
        "locales/fr-FR/site.ftl",
        2,
        "error",
        1,
    );
}

#[test]
fn missing_translation() {
    let v = finds(
        |_| {},
        "missing-translation",
        "content/explainers/beta.md",
        2,
        "warning",
        0,
    );
    assert!(v["market"].as_str().unwrap().contains("de"), "{v}");
}

#[test]
fn one_warning_per_untranslated_explainer_names_its_markets() {
    let s = Site::fixture("basic");
    let r = s.run(&["check"]);
    let heads: Vec<&str> = (r.stdout.lines())
        .filter(|l| l.contains("warning[missing-translation]"))
        .collect();
    assert_eq!(
        heads,
        [
            "content/explainers/beta.md:2:1: warning[missing-translation]: `beta` is not translated; the page is left out (markets de, fr, id, jp)"
        ],
        "{}",
        r.stdout
    );
    // Another untranslated explainer is one more warning, at its own title.
    s.write(
        "content/explainers/gamma.md",
        "---\n# notes\ntitle: Gamma\nsummary: G.\n---\nBody.\n",
    );
    s.write(
        "content/explainers/gamma.fr.md",
        "---\ntitle: G fr\nsummary: G.\n---\nCorps.\n",
    );
    let r = s.run(&["check"]);
    let heads: Vec<&str> = (r.stdout.lines())
        .filter(|l| l.contains("warning[missing-translation]"))
        .collect();
    assert_eq!(heads.len(), 2, "{}", r.stdout);
    assert!(
        heads[1].starts_with("content/explainers/gamma.md:3:1: warning[missing-translation]: `gamma` is not translated; the page is left out (markets de, id, jp, mx)"),
        "{}",
        heads[1]
    );
}

#[test]
fn structure_mismatch() {
    let v = finds(
        |s| {
            s.edit(
                "content/explainers/alpha.fr.md",
                "for=\"regulatory\"",
                "for=\"reputation\"",
            );
        },
        "structure-mismatch",
        "content/explainers/alpha.fr.md",
        25,
        "error",
        1,
    );
    assert_eq!(
        v["message"], "variant block 1 is \"default\" here but \"regulatory\" in the source",
        "fr sees the default block where the source shows it the regulatory one"
    );
    assert_eq!(v["market"], "fr");
    finds(
        |s| {
            s.edit(
                "content/explainers/alpha.de.md",
                "beat: Beat two de",
                "screen: Beat two de",
            );
        },
        "structure-mismatch",
        "content/explainers/alpha.de.md",
        34,
        "error",
        1,
    );
    finds(
        |s| {
            s.edit(
                "content/explainers/beta.es-MX.md",
                "(alpha.md#more)",
                "(alpha.md)",
            );
        },
        "structure-mismatch",
        "content/explainers/beta.es-MX.md",
        6,
        "error",
        1,
    );
    finds(
        |s| {
            s.edit(
                "content/explainers/alpha.ja.md",
                "(/images/pic.svg)",
                "(/images/other.svg)",
            );
        },
        "structure-mismatch",
        "content/explainers/alpha.ja.md",
        9,
        "error",
        1,
    );
}

#[test]
fn broken_link() {
    finds(
        |s| {
            s.edit(
                "content/explainers/beta.md",
                "(alpha.md#more)",
                "(gamma.md)",
            );
        },
        "broken-link",
        "content/explainers/beta.md",
        6,
        "error",
        1,
    );
}

#[test]
fn missing_alt() {
    finds(
        |s| {
            s.edit("content/explainers/alpha.md", "![A small picture]", "![]");
        },
        "missing-alt",
        "content/explainers/alpha.md",
        9,
        "error",
        1,
    );
}

#[test]
fn raw_html() {
    finds(
        |s| {
            s.edit(
                "content/explainers/beta.md",
                "Beta body.",
                "Beta <b>body</b>.",
            );
        },
        "raw-html",
        "content/explainers/beta.md",
        6,
        "warning",
        0,
    );
}

#[test]
fn script_too_long() {
    finds(
        |s| {
            s.edit(
                "content/explainers/alpha.md",
                "hook: Where is it?",
                "hook: Where, exactly, is all of it kept, and who decides?",
            );
        },
        "script-too-long",
        "content/explainers/alpha.md",
        34,
        "error",
        1,
    );
}

#[test]
fn invalid_slug() {
    finds(
        |s| {
            s.write(
                "content/explainers/Bad_Name.md",
                "---\ntitle: x\nsummary: y\n---\n",
            );
        },
        "invalid-slug",
        "content/explainers/Bad_Name.md",
        1,
        "error",
        1,
    );
}

#[test]
fn message_variables_and_obsolete_messages() {
    let v = finds(
        |s| {
            s.write(
                "locales/fr-FR/site.ftl",
                "-law = le RGPD\nclosing = Conclusion pour { $pays }\nunused = Rien\n",
            );
        },
        "message-variables",
        "locales/fr-FR/site.ftl",
        2,
        "error",
        1,
    );
    assert!(v["message"].as_str().unwrap().contains("$pays"), "{v}");
    finds(
        |s| {
            s.write(
                "locales/fr-FR/site.ftl",
                "-law = le RGPD\nclosing = Conclusion\nunused = Rien\n",
            );
        },
        "obsolete-message",
        "locales/fr-FR/site.ftl",
        3,
        "warning",
        0,
    );
}

#[test]
fn strict_fails_on_warnings() {
    let s = Site::fixture("basic");
    assert_eq!(s.run(&["check"]).status, 0);
    assert_eq!(s.run(&["check", "--strict"]).status, 1);
}

#[test]
fn a_site_sets_the_severity_of_a_code_per_market() {
    let s = Site::fixture("basic");
    s.edit(
        "glasshouse.yaml",
        "markets:",
        "severity:\n  missing-translation: { default: error, id: allow }\nmarkets:",
    );
    let (r, lines) = check(&s, &[]);
    assert_eq!(r.status, 1);
    let mt: Vec<&Value> = lines
        .iter()
        .filter(|l| l["code"] == "missing-translation")
        .collect();
    assert!(mt.iter().all(|l| l["severity"] == "error"));
    assert!(
        mt.iter()
            .all(|l| !l["market"].as_str().unwrap().split(", ").any(|m| m == "id")),
        "allowed in id: {mt:?}"
    );
    assert!(!mt.is_empty());
}

#[test]
fn stamp_then_edit_then_stale_with_the_changed_sections() {
    let s = Site::fixture("basic");
    let r = s.run(&[
        "l10n",
        "stamp",
        "content/explainers/alpha.fr.md",
        "content/explainers/alpha.de.md",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        s.source("content/explainers/alpha.fr.md")
            .contains("\nsource_hash: \"")
    );
    let (_, lines) = check(&s, &[]);
    assert!(
        !lines.iter().any(|l| l["code"] == "stale-translation"),
        "fresh after stamping"
    );
    // fr and de (regulatory) do not see the `default` block: rewording it
    // leaves them current.
    s.edit(
        "content/explainers/alpha.md",
        "DEFAULT block.",
        "DEFAULT block, reworded.",
    );
    let (_, lines) = check(&s, &[]);
    assert!(
        !lines.iter().any(|l| l["code"] == "stale-translation"),
        "a block no market of theirs sees"
    );
    s.edit(
        "content/explainers/alpha.md",
        "REGULATORY block,",
        "REGULATORY block, reworded,",
    );
    let (_, lines) = check(&s, &[]);
    let stale: Vec<&Value> = lines
        .iter()
        .filter(|l| l["code"] == "stale-translation")
        .collect();
    assert_eq!(stale.len(), 2, "{stale:?}");
    assert_eq!(stale[0]["file"], "content/explainers/alpha.de.md");
    assert_eq!(stale[0]["line"], 6, "points at source_hash");
    assert!(
        stale[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("changed sections: where-it-lives"),
        "{}",
        stale[0]["message"]
    );
    // Stamping again is idempotent and clears it.
    s.run(&[
        "l10n",
        "stamp",
        "content/explainers/alpha.fr.md",
        "content/explainers/alpha.de.md",
    ]);
    let once = s.source("content/explainers/alpha.fr.md");
    s.run(&["l10n", "stamp", "content/explainers/alpha.fr.md"]);
    assert_eq!(s.source("content/explainers/alpha.fr.md"), once);
    let (_, lines) = check(&s, &[]);
    assert!(!lines.iter().any(|l| l["code"] == "stale-translation"));
    assert_eq!(
        s.run(&["l10n", "stamp", "content/explainers/alpha.md"])
            .status,
        2,
        "a source is not a translation: a usage error"
    );
}

#[test]
fn github_format_is_workflow_commands() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/beta.md",
        "(alpha.md#more)",
        "(gamma.md)",
    );
    let r = s.run(&["check", "--format", "github"]);
    assert_eq!(r.status, 1);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("broken-link"))
        .unwrap();
    assert!(line.starts_with("::error file=content/explainers/beta.md,line=6,col=20,title=glasshouse broken-link (uk%2C us)::"), "{line}");
    for l in r.stdout.lines() {
        assert!(
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "),
            "{l}"
        );
        assert!(l[2..].contains("::"));
    }
}

#[test]
fn human_format_groups_by_file_with_a_summary() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/beta.md",
        "(alpha.md#more)",
        "(gamma.md)",
    );
    let r = s.run(&["check"]);
    assert_eq!(
        r.stdout.matches("── content/explainers/beta.md\n").count(),
        1,
        "one header a file: {}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("\ncontent/explainers/beta.md:6:20: error[broken-link]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("6 | Beta body. Back to [alpha](gamma.md).\n  |                    ^"),
        "{}",
        r.stdout
    );
    // The link also no longer matches beta.es-MX.md (mx reads it), which has a
    // link the source lost and lacks the one it gained: 1 + 2 errors. No market
    // reads beta.es.md (mx has its own file): it is not compared.
    let last = r.stdout.trim_end().lines().last().unwrap().to_string();
    assert!(
        last.starts_with("check: 3 errors, ") && last.ends_with(" files"),
        "{last}"
    );
}

#[test]
fn l10n_status_counts_each_state() {
    let s = Site::fixture("basic");
    s.edit(
        "glasshouse.yaml",
        "framing: accountability }",
        "framing: accountability, untranslated: source }",
    );
    s.edit(
        "content/explainers/beta.md",
        "order: 2\n",
        "order: 2\nmarkets: [us, uk, mx, fr, id]\n",
    );
    s.run(&[
        "l10n",
        "stamp",
        "content/explainers/alpha.fr.md",
        "content/explainers/alpha.de.md",
    ]);
    s.edit(
        "content/explainers/alpha.md",
        "REGULATORY block,",
        "REGULATORY block, reworded,",
    );
    s.run(&["l10n", "stamp", "content/explainers/alpha.fr.md"]);
    let r = s.run(&["l10n", "status", "--format", "json"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let alpha = &v["explainers"][0]["markets"];
    assert_eq!(
        (
            alpha["us"].as_str(),
            alpha["fr"].as_str(),
            alpha["de"].as_str(),
            alpha["jp"].as_str()
        ),
        (
            Some("source"),
            Some("current"),
            Some("stale"),
            Some("unstamped")
        )
    );
    let beta = &v["explainers"][1]["markets"];
    assert_eq!(
        (
            beta["mx"].as_str(),
            beta["fr"].as_str(),
            beta["id"].as_str(),
            beta["de"].as_str()
        ),
        (
            Some("unstamped"),
            Some("missing"),
            Some("source-shown"),
            Some("not-published")
        )
    );
    let fr = v["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == "fr-FR")
        .unwrap();
    assert!(
        fr["translated"].as_u64().unwrap() >= 1
            && fr["total"].as_u64().unwrap() > fr["translated"].as_u64().unwrap() - 1
    );
    let table = s.run(&["l10n", "status"]).stdout;
    assert!(
        table.lines().next().unwrap().starts_with("explainer"),
        "{table}"
    );
    assert!(table.contains("pages: "), "{table}");
    let md = s.run(&["l10n", "status", "--format", "markdown"]).stdout;
    assert!(
        md.contains("| `alpha` | source | source | ✅ current | ⚠️ stale |"),
        "{md}"
    );
}

#[test]
fn the_example_site_checks_clean() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_glasshouse"))
        .args(["check", "--strict", "--root", root])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.trim(), "check: no problems found");
}
