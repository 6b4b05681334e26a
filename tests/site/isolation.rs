//! With `--market`, a market is judged only on the files it reads: its
//! translations, its locale chain and the shared sources. A Japanese-only
//! mistake fails `--market jp` and neither `--market us` nor `--market mx`; a
//! plain build of every market stays all-or-nothing.

use crate::harness::Site;

const JA: &str = "content/explainers/alpha.ja.md";

/// Japanese-only mistakes of each kind: content, Fluent and creator script.
/// A mistake: what it is, and how to make it in a fixture.
type Mistake = (&'static str, Box<dyn Fn(&Site)>);

fn jp_only_mistakes() -> Vec<Mistake> {
    vec![
        (
            "an unclosed variant in a Japanese translation",
            Box::new(|s: &Site| {
                s.edit(JA, "CONTROL-ja block.\n:::\n", "CONTROL-ja block.\n");
            }),
        ),
        (
            "a Japanese translation without a title",
            Box::new(|s: &Site| {
                s.edit(JA, "title: Alpha ja\n", "");
            }),
        ),
        (
            "an unknown variant id in a Japanese translation",
            Box::new(|s: &Site| {
                s.edit(JA, "for=\"control\"", "for=\"kontrol\"");
            }),
        ),
        (
            "an unknown message in a Japanese translation",
            Box::new(|s: &Site| {
                s.edit(JA, "{{ t \"-brand\" }}", "{{ t \"no-such-message\" }}");
            }),
        ),
        (
            "a syntax error in locales/ja-JP",
            Box::new(|s: &Site| {
                s.write("locales/ja-JP/site.ftl", "closing = { $market\n");
            }),
        ),
        (
            "a Japanese creator script over the time limit",
            Box::new(|s: &Site| {
                let long = "データはどこに保存されますか。".repeat(60);
                s.edit(JA, "beat: Beat one ja", &format!("beat: {long}"));
            }),
        ),
    ]
}

#[test]
fn a_jp_only_error_fails_jp_and_no_other_market() {
    for (what, mistake) in jp_only_mistakes() {
        let s = Site::fixture("basic");
        mistake(&s);
        let jp = s.run(&["check", "--market", "jp"]);
        assert_eq!(jp.status, 1, "{what}: check --market jp\n{}", jp.stdout);
        assert!(jp.stdout.contains("error["), "{what}\n{}", jp.stdout);
        for market in ["us", "mx"] {
            let check = s.run(&["check", "--market", market]);
            assert_eq!(
                check.status, 0,
                "{what}: check --market {market}\n{}",
                check.stdout
            );
            assert!(!check.stdout.contains("error["), "{what}: {}", check.stdout);
            let out = format!("dist/{market}");
            // The fixture's other markets have warnings of their own.
            let strict: &[&str] = if market == "us" { &["--strict"] } else { &[] };
            for strict in [&[][..], strict] {
                let mut args = vec!["--market", market, "--out", &out];
                args.extend_from_slice(strict);
                let build = s.build(&args);
                assert_eq!(build.status, 0, "{what}: build {args:?}\n{}", build.stderr);
            }
        }
        let jp = s.build(&["--market", "jp", "--out", "dist/jp"]);
        assert_eq!(jp.status, 1, "{what}: build --market jp\n{}", jp.stderr);
        assert!(!s.root.join("dist/jp").exists(), "{what}: nothing written");
        let all = s.build(&[]);
        assert_eq!(all.status, 1, "{what}: a full build is all-or-nothing");
        assert!(!s.exists("index.html"), "{what}: nothing written");
    }
}

#[test]
fn a_shared_source_error_fails_every_market() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "CONTROL block.\n:::\n",
        "CONTROL block.\n",
    );
    for market in ["us", "fr", "jp"] {
        let r = s.run(&["check", "--market", market]);
        assert_eq!(r.status, 1, "--market {market}\n{}", r.stdout);
        assert!(
            (r.stdout.lines()).any(|l| l.starts_with("content/explainers/alpha.md:")
                && l.contains(": error[directive]")),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn a_fluent_error_fails_the_markets_whose_chain_holds_its_locale() {
    let s = Site::fixture("basic");
    s.write("locales/en-GB/site.ftl", "closing = { $market\n");
    assert_eq!(s.run(&["check", "--market", "uk"]).status, 1);
    for market in ["us", "fr", "jp"] {
        let r = s.run(&["check", "--market", market]);
        assert_eq!(r.status, 0, "--market {market}\n{}", r.stdout);
    }
    // en-US is every market's last fallback: its errors concern them all.
    let s = Site::fixture("basic");
    s.write("locales/en-US/extra.ftl", "broken = { $market\n");
    for market in ["us", "fr", "jp"] {
        assert_eq!(s.run(&["check", "--market", market]).status, 1, "{market}");
    }
}

#[test]
fn a_jp_only_warning_is_not_shown_to_other_markets() {
    let s = Site::fixture("basic");
    s.edit(
        JA,
        "## Heading ja two {#more}",
        "## Heading ja two {#more}\n\n![](/images/pic.svg)",
    );
    let us = s.run(&["check", "--market", "us"]);
    assert!(us.stdout.contains("no problems found"), "{}", us.stdout);
    let jp = s.run(&["check", "--market", "jp"]);
    assert!(jp.stdout.contains(JA), "{}", jp.stdout);
}
