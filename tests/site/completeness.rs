//! `min_translated`: a market publishing less than that share of its
//! explainers in its own language, or defining less than that share of the
//! en-US messages in its locale chain, fails with `below-min-translated` at the
//! key. The error is that market's: `--market` judges each market alone, and
//! `build` and `check` agree.

use crate::harness::{Run, Site};
use serde_json::Value;

const CONFIG: &str = "glasshouse.yaml";

/// Give market `id` (whose line in the fixture ends with `framing: F }`) the
/// setting `key: value`.
fn set(s: &Site, id: &str, key: &str, value: &str) {
    let text = s.source(CONFIG);
    let line = (text.lines())
        .find(|l| l.trim_start().starts_with(&format!("{id}:")))
        .unwrap()
        .to_string();
    let changed = line.replacen(" }", &format!(", {key}: {value} }}"), 1);
    s.edit(CONFIG, &line, &changed);
}

/// The `below-min-translated` findings of `check --format json`:
/// (line, column, market, message).
fn below(s: &Site, args: &[&str]) -> (Run, Vec<(u64, u64, String, String)>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = s.run(&all);
    let found = (r.stdout.lines())
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .filter(|v| v["code"] == "below-min-translated")
        .map(|v| {
            assert_eq!(v["file"], CONFIG);
            assert_eq!(v["severity"], "error");
            let n = |k: &str| v[k].as_u64().unwrap();
            let text = |k: &str| v[k].as_str().unwrap().to_string();
            (n("line"), n("column"), text("market"), text("message"))
        })
        .collect();
    (r, found)
}

fn at(line: u64, col: u64, market: &str, message: &str) -> (u64, u64, String, String) {
    (line, col, market.into(), message.into())
}

/// The fixture's Japanese market has alpha in Japanese and not beta.
const JP_EXPLAINERS: &str =
    "market `jp` publishes 1 of 2 explainers translated (50%), below its min_translated of 90%";

#[test]
fn a_market_below_its_share_of_explainers_fails_alone() {
    let s = Site::fixture("basic");
    set(&s, "jp", "min_translated", "90");
    let (r, found) = below(&s, &[]);
    assert_eq!(r.status, 1, "{}", r.stdout);
    assert_eq!(found, [at(15, 55, "jp", JP_EXPLAINERS)]);
    let human = s.run(&["check"]);
    assert!(
        human.stdout.contains(&format!(
            "glasshouse.yaml:15:55: error[below-min-translated]: {JP_EXPLAINERS}"
        )),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("= help: not in ja-JP yet: `beta`; add content/explainers/<slug>.ja.md"),
        "{}",
        human.stdout
    );
    // Another market is not failed by Japan's figure; Japan is, in check and build.
    for other in ["us", "mx"] {
        let (r, found) = below(&s, &["--market", other]);
        assert_eq!((r.status, found.len()), (0, 0), "{}", r.stdout);
        s.build_ok(&["--market", other]);
    }
    let (r, found) = below(&s, &["--market", "jp"]);
    assert_eq!((r.status, found.len()), (1, 1), "{}", r.stdout);
    std::fs::remove_dir_all(s.root.join("public")).unwrap();
    for args in [&["--market", "jp"][..], &[]] {
        let b = s.build(args);
        assert_eq!(b.status, 1, "{}", b.stderr);
        assert!(
            b.has("glasshouse.yaml:15:55: error[below-min-translated]"),
            "{}",
            b.stderr
        );
        assert!(!s.root.join("public").exists(), "nothing is written");
    }
    // Translating beta meets the share.
    s.write(
        "content/explainers/beta.ja.md",
        "---\ntitle: ベータ\nsummary: 要約。\norder: 2\n---\n本文。[アルファ](alpha.md#more)\n",
    );
    let (r, found) = below(&s, &[]);
    assert_eq!((r.status, found.len()), (0, 0), "{}", r.stdout);
}

#[test]
fn the_source_shown_untranslated_does_not_count_and_the_measure_follows_what_is_published() {
    let s = Site::fixture("basic");
    set(&s, "jp", "untranslated", "source");
    set(&s, "jp", "min_translated", "51");
    // Beta is published in Japan from the English source: still not translated.
    let (_, found) = below(&s, &[]);
    let message =
        "market `jp` publishes 1 of 2 explainers translated (50%), below its min_translated of 51%";
    assert_eq!(found, [at(15, 77, "jp", message)]);
    // An explainer Japan does not publish does not count.
    s.edit(
        "content/explainers/beta.md",
        "order: 2\n",
        "order: 2\nmarkets: [us, uk, mx]\n",
    );
    let (r, found) = below(&s, &[]);
    assert_eq!((r.status, found.len()), (0, 0), "{}", r.stdout);
    // A draft counts where drafts are published: in a build with --drafts.
    s.run(&["new", "privacy-checkup"]);
    let (r, found) = below(&s, &[]);
    assert_eq!((r.status, found.len()), (0, 0), "{}", r.stdout);
    s.build_ok(&["--market", "jp"]);
    let b = s.build(&["--market", "jp", "--drafts"]);
    assert_eq!(b.status, 1, "{}", b.stderr);
    assert!(
        b.stderr.contains(
            "market `jp` publishes 1 of 2 explainers translated (50%), below its min_translated of 51%"
        ),
        "{}",
        b.stderr
    );
    assert!(
        b.stderr.contains(
            "help: not in ja-JP yet: `privacy-checkup`; add content/explainers/<slug>.ja.md"
        ),
        "{}",
        b.stderr
    );
}

#[test]
fn a_market_of_the_source_language_has_its_explainers_and_messages() {
    let s = Site::fixture("basic");
    // en-GB defines two messages of its own: as for `missing-message`, an
    // English locale only overrides, and lacks nothing.
    set(&s, "us", "min_translated", "100");
    set(&s, "uk", "min_translated", "100");
    let (r, found) = below(&s, &[]);
    assert_eq!(found, []);
    assert_eq!(r.status, 0, "{}", r.stdout);
}

#[test]
fn a_market_below_its_share_of_messages_names_them() {
    let s = Site::fixture("basic");
    // The theme's 59 messages are in every locale; the fixture's en-US adds
    // `closing`, which Mexico lacks.
    let count = |locale: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("themes/default/locales/{locale}/theme.ftl"));
        let text = std::fs::read_to_string(path).unwrap();
        (text.lines())
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()) && l.contains(" ="))
            .count()
    };
    assert_eq!(
        (count("en-US"), count("es-MX")),
        (59, 59),
        "the figures below assume it"
    );
    set(&s, "mx", "min_translated", "99");
    s.write(
        "locales/en-US/more.ftl",
        "extra-one = One\nextra-two = Two\nextra-three = Three\n-extra-term = Term\n",
    );
    let (r, found) = below(&s, &[]);
    assert_eq!(r.status, 1);
    let message =
        "market `mx` has 59 of 63 en-US messages translated (94%), below its min_translated of 99%";
    assert_eq!(found, [at(14, 56, "mx", message)]);
    let human = s.run(&["check", "--market", "mx"]);
    assert!(
        human.stdout.contains(
            "= help: not in its locales yet: `closing`, `extra-one`, `extra-three`, `extra-two`; translate them in locales/es-MX/"
        ),
        "{}",
        human.stdout
    );
    // A fallback locale of the market's chain counts; an English one does not.
    s.edit(
        CONFIG,
        "framing: control, min",
        "framing: control, fallback: [en-GB], min",
    );
    let (_, found) = below(&s, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    s.write(
        "locales/es/site.ftl",
        "closing = Cierre\nextra-one = Uno\nextra-two = Dos\nextra-three = Tres\n",
    );
    s.edit(CONFIG, "fallback: [en-GB]", "fallback: [es]");
    let (r, found) = below(&s, &[]);
    assert_eq!((r.status, found.len()), (0, 0), "{}", r.stdout);
}

#[test]
fn both_measures_are_reported_and_the_figure_never_reads_as_met() {
    let s = Site::fixture("basic");
    set(&s, "jp", "min_translated", "96.8");
    s.write(
        "locales/en-US/more.ftl",
        "extra-one = One\nextra-two = Two\nextra-three = Three\n",
    );
    let (_, found) = below(&s, &[]);
    assert_eq!(
        found,
        [
            // 59 of 63 (the fixture adds `closing`) is 93.65%: shown rounded.
            at(
                15,
                55,
                "jp",
                "market `jp` has 59 of 63 en-US messages translated (94%), below its min_translated of 96.8%"
            ),
            at(
                15,
                55,
                "jp",
                "market `jp` publishes 1 of 2 explainers translated (50%), below its min_translated of 96.8%"
            ),
        ]
    );
    // 59 of 61 is 96.72%: rounded it would read 97%, above the minimum.
    s.write("locales/en-US/more.ftl", "extra-one = One\n");
    let (_, found) = below(&s, &[]);
    assert_eq!(
        found[0].3,
        "market `jp` has 59 of 61 en-US messages translated (96.7%), below its min_translated of 96.8%"
    );
}

#[test]
fn a_min_translated_that_is_no_percentage_fails_the_build_at_its_key() {
    for (value, message) in [
        (
            "150",
            "market `jp` has min_translated `150`, which is not from 0 to 100",
        ),
        (
            "\"90%\"",
            "market `jp` has min_translated `90%`, which is not a number",
        ),
        (
            "[90]",
            "market `jp` has a min_translated that is not a number",
        ),
    ] {
        let s = Site::fixture("basic");
        set(&s, "jp", "min_translated", value);
        let r = s.build(&["--market", "us"]);
        assert_eq!(r.status, 1, "{value}: {}", r.stderr);
        let head = format!("glasshouse.yaml:15:55: error[config]: {message}");
        assert!(r.stderr.contains(&head), "{value}: {}", r.stderr);
        assert!(!s.root.join("public").exists());
    }
}
