//! A translation carries only what the markets that read it show: the
//! structure check, the staleness stamp and the unused-block note follow the
//! variant blocks those markets see.

use crate::harness::Site;

const JA: &str = "content/explainers/alpha.ja.md";

/// The `basic` fixture with jp free of other findings: beta is not published
/// there, and ja-JP has its own `closing`.
fn quiet_jp() -> Site {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/beta.md",
        "order: 2\n",
        "order: 2\nmarkets: [us, uk, mx]\n",
    );
    s.write("locales/ja-JP/site.ftl", "closing = 締め { $market }\n");
    s
}

/// alpha.ja.md with only the block jp (reputation) sees: `default`.
fn only_what_jp_sees(s: &Site) {
    for block in [
        ":::variant{for=\"us\"}\nUS-TRANSPARENCY-ja block.\n:::\n\n",
        ":::variant{for=\"regulatory\"}\nREGULATORY-ja block.\n:::\n\n",
        ":::variant{for=\"control\"}\nCONTROL-ja block.\n:::\n\n",
    ] {
        s.edit(JA, block, "");
    }
}

fn lines_with<'a>(out: &'a str, code: &str) -> Vec<&'a str> {
    out.lines().filter(|l| l.contains(code)).collect()
}

#[test]
fn a_translation_needs_only_the_blocks_its_markets_show() {
    let s = quiet_jp();
    only_what_jp_sees(&s);
    let r = s.run(&["check", "--strict", "--market", "jp"]);
    assert_eq!(r.status, 0, "{}", r.stdout);
    assert!(
        r.stdout.ends_with("check: no problems found\n"),
        "{}",
        r.stdout
    );
    let b = s.build(&["--strict", "--market", "jp"]);
    assert_eq!(b.status, 0, "{}", b.stderr);
    assert_eq!(s.build(&["--market", "jp"]).status, 0);
    assert!(s.read("jp/alpha/index.html").contains("DEFAULT-ja block."));
}

#[test]
fn blocks_no_market_shows_are_one_note_that_strict_allows() {
    let s = quiet_jp();
    let r = s.run(&["check", "--strict", "--market", "jp"]);
    assert_eq!(r.status, 0, "a note is not a problem:\n{}", r.stdout);
    assert_eq!(
        lines_with(&r.stdout, "unused-variant"),
        [
            "content/explainers/alpha.ja.md:13:1: note[unused-variant]: 3 variant blocks for \"us\" (line 13), \"regulatory\" (line 17), \"control\" (line 21) shown to no market that reads this file (jp)"
        ]
    );
    assert!(
        r.stdout
            .ends_with("check: 0 errors, 0 warnings, 1 note in 1 file\n"),
        "{}",
        r.stdout
    );
    let json = s.run(&["check", "--format", "json", "--market", "jp"]);
    assert!(
        json.stdout.contains("\"severity\":\"note\""),
        "{}",
        json.stdout
    );
    let github = s.run(&["check", "--format", "github", "--market", "jp"]);
    assert!(
        github
            .stdout
            .starts_with("::notice file=content/explainers/alpha.ja.md,line=13,col=1,"),
        "{}",
        github.stdout
    );
}

#[test]
fn a_block_a_market_sees_must_be_there() {
    // jp sees `default`: without it, jp would see nothing here.
    let s = quiet_jp();
    s.edit(
        JA,
        ":::variant{for=\"default\"}\nDEFAULT-ja block.\n:::\n\n",
        "",
    );
    let r = s.run(&["check", "--market", "jp"]);
    assert_eq!(r.status, 1);
    assert_eq!(
        lines_with(&r.stdout, "structure-mismatch"),
        [
            "content/explainers/alpha.ja.md:13:1: error[structure-mismatch]: the source shows 1 variant block, this translation 0 (market jp)"
        ],
        "{}",
        r.stdout
    );
    // A plain build agrees: jp would show nothing there.
    let b = s.build(&["--market", "jp"]);
    assert_eq!(b.status, 1, "{}", b.stderr);
    assert!(
        b.has("content/explainers/alpha.ja.md:13:1: error[structure-mismatch]"),
        "{}",
        b.stderr
    );
    // A block for the market's own framing in the source must be one here too.
    let s = quiet_jp();
    only_what_jp_sees(&s);
    s.edit(
        "content/explainers/alpha.md",
        ":::variant{for=\"control\"}",
        ":::variant{for=\"reputation\"}",
    );
    let r = s.run(&["check", "--market", "jp"]);
    assert_eq!(
        lines_with(&r.stdout, "structure-mismatch"),
        [
            "content/explainers/alpha.ja.md:13:17: error[structure-mismatch]: variant block 1 is \"default\" here but \"reputation\" in the source (market jp)"
        ],
        "{}",
        r.stdout
    );
}

#[test]
fn headings_match_the_source_in_number_and_level_at_the_translation_s_heading() {
    let s = quiet_jp();
    s.edit(
        JA,
        "## Heading ja two {#more}",
        "### Heading ja two {#more}",
    );
    let r = s.run(&["check", "--market", "jp"]);
    assert_eq!(
        lines_with(&r.stdout, "structure-mismatch"),
        [
            "content/explainers/alpha.ja.md:29:1: error[structure-mismatch]: heading 2 is level 3 here but level 2 in the source (market jp)"
        ],
        "{}",
        r.stdout
    );
    let s = quiet_jp();
    s.edit(JA, "## Heading ja one\n", "");
    let r = s.run(&["check", "--market", "jp"]);
    assert_eq!(r.status, 1);
    assert_eq!(
        lines_with(&r.stdout, "structure-mismatch"),
        [
            "content/explainers/alpha.ja.md:28:1: error[structure-mismatch]: the source shows 2 headings, this translation 1 (market jp)"
        ],
        "{}",
        r.stdout
    );
    let s = quiet_jp();
    s.edit(
        JA,
        "## Heading ja two {#more}",
        "## Heading ja two {#more}\n\n## An extra heading",
    );
    let r = s.run(&["check", "--market", "jp"]);
    assert_eq!(
        lines_with(&r.stdout, "structure-mismatch"),
        [
            "content/explainers/alpha.ja.md:31:1: error[structure-mismatch]: the source shows 2 headings, this translation 3 (market jp)"
        ],
        "{}",
        r.stdout
    );
}

#[test]
fn a_change_to_a_block_no_reader_sees_leaves_the_translation_current() {
    let s = quiet_jp();
    s.run(&["l10n", "stamp", JA]);
    for (from, to, stale) in [
        ("US-TRANSPARENCY block.", "US block, reworded.", false),
        ("CONTROL block.", "CONTROL block, reworded.", false),
        ("DEFAULT block.", "DEFAULT block, reworded.", true),
    ] {
        s.edit("content/explainers/alpha.md", from, to);
        let r = s.run(&["check", "--market", "jp"]);
        assert_eq!(
            !lines_with(&r.stdout, "stale-translation").is_empty(),
            stale,
            "{from}: {}",
            r.stdout
        );
        let status = s.run(&["l10n", "status", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
        let want = if stale { "stale" } else { "current" };
        assert_eq!(v["explainers"][0]["markets"]["jp"], want, "{from}");
    }
}

#[test]
fn status_counts_the_words_to_translate_of_what_is_new_or_stale_and_seen() {
    let words = |s: &Site| -> u64 {
        let r = s.run(&["l10n", "status", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let ja = v["locales"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["locale"] == "ja-JP");
        ja.unwrap()["words"].as_u64().unwrap()
    };
    let s = quiet_jp();
    s.run(&["l10n", "stamp", JA]);
    assert_eq!(words(&s), 0, "current");
    // A block jp does not see: nothing to translate.
    s.edit(
        "content/explainers/alpha.md",
        "US-TRANSPARENCY block.",
        "US block, reworded.",
    );
    assert_eq!(words(&s), 0);
    // The block jp sees: its section, heading included ("Where it lives",
    // "DEFAULT block, reworded.").
    s.edit(
        "content/explainers/alpha.md",
        "DEFAULT block.",
        "DEFAULT block, reworded.",
    );
    assert_eq!(words(&s), 6);
    // A message ja-JP lacks adds its words: "Read more about it" (4).
    let en = s.source("locales/en-US/site.ftl");
    s.write(
        "locales/en-US/site.ftl",
        &format!("{en}read-more = Read more about it\n"),
    );
    assert_eq!(words(&s), 10);
    let table = s.run(&["l10n", "status"]).stdout;
    let line = table.lines().find(|l| l.starts_with("  ja-JP ")).unwrap();
    assert!(line.ends_with(" 10 words"), "{table}");
    let md = s.run(&["l10n", "status", "--format", "markdown"]).stdout;
    let row = md.lines().find(|l| l.starts_with("| ja-JP |")).unwrap();
    assert!(row.ends_with(" | 10 |"), "{md}");
    // A missing translation: all that jp would see of the source.
    s.remove(JA);
    assert!(words(&s) > 10);
}
