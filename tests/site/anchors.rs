//! Links to a `#heading`: the page they lead to must have a heading with that
//! id in the market, after the market's variants, with a translation's
//! headings taking their source's ids. A link that does not is a `broken-link`
//! error at the link, naming the market, in `check` and in `build`.

use crate::harness::{Run, Site};
use serde_json::Value;

const ALPHA: &str = "content/explainers/alpha.md";
const ALPHA_ES: &str = "content/explainers/alpha.es.md";
const BETA: &str = "content/explainers/beta.md";
const BETA_MX: &str = "content/explainers/beta.es-MX.md";

/// A finding: file, line, column, market and message.
type Finding = (String, u64, u64, String, String);

/// `check --format json`: its findings as (file, line, column, market, message)
/// for the code `broken-link`, sorted.
fn broken_links(s: &Site, args: &[&str]) -> (Run, Vec<Finding>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = s.run(&all);
    let mut found: Vec<_> = (r.stdout.lines())
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .filter(|v| v["code"] == "broken-link")
        .map(|v| {
            let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let n = |k: &str| v[k].as_u64().unwrap_or_default();
            let (file, market, message) = (text("file"), text("market"), text("message"));
            (file, n("line"), n("column"), market, message)
        })
        .collect();
    found.sort();
    (r, found)
}

fn finding(
    file: &str,
    line: u64,
    col: u64,
    market: &str,
    message: &str,
) -> (String, u64, u64, String, String) {
    (file.into(), line, col, market.into(), message.into())
}

/// Point beta's link, in the source and in its translations, at `target`.
fn link_beta_to(s: &Site, target: &str) {
    for file in [BETA, BETA_MX, "content/explainers/beta.es.md"] {
        let text = s.source(file);
        let at = text.find("(alpha.md#").unwrap();
        let end = at + text[at..].find(')').unwrap();
        s.write(file, &format!("{}({target}{}", &text[..at], &text[end..]));
    }
}

#[test]
fn a_link_to_an_anchor_the_target_lacks_is_an_error_at_the_link_in_each_market() {
    let s = Site::fixture("basic");
    link_beta_to(&s, "alpha.md#no-such-anchor");
    let (r, found) = broken_links(&s, &[]);
    assert_eq!(r.status, 1, "{}", r.stdout);
    let no_anchor = "`alpha` has no heading `#no-such-anchor`";
    assert_eq!(
        found,
        [
            finding(BETA_MX, 6, 35, "mx", no_anchor),
            // One finding for the markets that read one file.
            finding(BETA, 6, 20, "uk, us", no_anchor),
        ]
    );
    // The human form shows the link and the target's ids.
    let human = s.run(&["check"]);
    assert!(
        human.stdout.contains(
            "content/explainers/beta.md:6:20: error[broken-link]: `alpha` has no heading `#no-such-anchor`"
        ),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("= help: `alpha` has the headings `#where-it-lives`, `#more`"),
        "{}",
        human.stdout
    );
    // The build fails the same way and writes nothing.
    let b = s.build(&[]);
    assert_eq!(b.status, 1, "{}", b.stderr);
    assert!(b.has("content/explainers/beta.md:6:20: error[broken-link]"));
    assert!(b.has("content/explainers/beta.es-MX.md:6:35: error[broken-link]"));
    assert!(!s.exists("index.html"));
}

#[test]
fn every_spelling_of_a_link_with_a_missing_anchor_is_reported_where_it_is() {
    let s = Site::fixture("basic");
    s.edit(
        BETA,
        "Beta body. Back to [alpha](alpha.md#more).\n",
        "Beta body. Back to [alpha](alpha.md#more).\n\n\
         [case](alpha.md#More)\n\
         [dot](./alpha.md#nope)\n\
         [translation file](alpha.fr.md#nope)\n  \
         [reference][r] and [fine](alpha.md#where-it-lives)\n\n\
         [r]: alpha.md#nope\n",
    );
    let (_, found) = broken_links(&s, &["--market", "us"]);
    let at: Vec<(u64, u64, &str)> = (found.iter()).map(|f| (f.1, f.2, f.4.as_str())).collect();
    assert_eq!(
        at,
        [
            (8, 1, "`alpha` has no heading `#More`"),
            (9, 1, "`alpha` has no heading `#nope`"),
            (10, 1, "`alpha` has no heading `#nope`"),
            (11, 3, "`alpha` has no heading `#nope`"),
        ]
    );
}

#[test]
fn a_heading_in_a_variant_exists_only_in_the_markets_that_show_it() {
    let s = Site::fixture("basic");
    s.edit(
        ALPHA,
        "US-TRANSPARENCY block.\n",
        "### On US servers {#us-servers}\n\nUS-TRANSPARENCY block.\n",
    );
    link_beta_to(&s, "alpha.md#us-servers");
    let (r, found) = broken_links(&s, &[]);
    assert_eq!(r.status, 1);
    let no_anchor = "`alpha` has no heading `#us-servers`";
    // The US reads the block; the UK reads the regulatory one, Mexico a
    // translation whose US block has no such heading.
    assert_eq!(
        found,
        [
            finding(BETA_MX, 6, 35, "mx", no_anchor),
            finding(BETA, 6, 20, "uk", no_anchor),
        ]
    );
    // A market is judged on what it reads: the US builds, the UK does not.
    let us = s.build(&["--market", "us"]);
    assert_eq!(us.status, 0, "{}", us.stderr);
    assert!(
        s.read("us/beta/index.html")
            .contains("href=\"/us/alpha/#us-servers\""),
        "the link keeps its fragment"
    );
    let (r, found) = broken_links(&s, &["--market", "us"]);
    assert_eq!((r.status, found.len()), (0, 0), "{}", r.stdout);
    let uk = s.build(&["--market", "uk"]);
    assert_eq!(uk.status, 1, "{}", uk.stderr);
    assert!(uk.has("content/explainers/beta.md:6:20: error[broken-link]"));
    assert!(!uk.stderr.contains("market `us`"), "{}", uk.stderr);
}

#[test]
fn a_translated_heading_keeps_the_source_id_unless_it_names_its_own() {
    let s = Site::fixture("basic");
    link_beta_to(&s, "alpha.md#where-it-lives");
    // `## Heading es one` has no id of its own: it takes `where-it-lives`.
    let (r, found) = broken_links(&s, &[]);
    assert_eq!((r.status, found.len()), (0, 0), "{}", r.stdout);
    // Without `{#more}` the second heading still takes the source's id.
    s.edit(ALPHA_ES, "## Heading es two {#more}", "## Heading es two");
    link_beta_to(&s, "alpha.md#more");
    let b = s.build(&[]);
    assert_eq!(b.status, 0, "{}", b.stderr);
    assert!(
        s.read("mx/beta/index.html")
            .contains("href=\"/mx/alpha/#more\"")
    );
    assert!(s.read("mx/alpha/index.html").contains("<h2 id=\"more\">"));
    // An id of its own replaces it: the link breaks in Mexico only.
    s.edit(ALPHA_ES, "## Heading es two", "## Heading es two {#mas}");
    let (_, found) = broken_links(&s, &[]);
    assert_eq!(
        found,
        [finding(
            BETA_MX,
            6,
            35,
            "mx",
            "`alpha` has no heading `#more`"
        )]
    );
    let human = s.run(&["check", "--market", "mx"]);
    assert!(
        human
            .stdout
            .contains("= help: `alpha` has the headings `#where-it-lives`, `#mas`"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_market_showing_the_untranslated_source_judges_the_source_page() {
    let s = Site::fixture("basic");
    s.edit(
        "glasshouse.yaml",
        "framing: reputation }",
        "framing: reputation, untranslated: source }",
    );
    s.edit(ALPHA_ES, "## Heading es one", "## Heading es one {#uno}");
    link_beta_to(&s, "alpha.md#where-it-lives");
    let (_, found) = broken_links(&s, &[]);
    // Japan shows beta's source, linking to its own translation of alpha,
    // whose first heading inherits the source's id; Mexico's alpha renamed it.
    assert_eq!(
        found,
        [finding(
            BETA_MX,
            6,
            35,
            "mx",
            "`alpha` has no heading `#where-it-lives`"
        )]
    );
    s.edit(
        "content/explainers/alpha.ja.md",
        "## Heading ja one",
        "## Heading ja one {#ichi}",
    );
    let (_, found) = broken_links(&s, &["--market", "jp"]);
    assert_eq!(
        found,
        [finding(
            BETA,
            6,
            20,
            "jp",
            "`alpha` has no heading `#where-it-lives`"
        )]
    );
}

#[test]
fn same_page_anchors_must_name_one_of_its_headings() {
    let s = Site::fixture("basic");
    s.edit(
        ALPHA,
        "## More {#more}\n",
        "## More {#more}\n\nUp to [where](#where-it-lives), [more](#more), [nowhere](#nowhere).\n",
    );
    s.edit(
        "content/explainers/alpha.ja.md",
        "## Heading ja two {#more}\n",
        "## Heading ja two {#more}\n\n[上へ](#where-it-lives) [どこにも](#%E3%81%AA%E3%81%84)\n",
    );
    let (r, found) = broken_links(&s, &[]);
    assert_eq!(r.status, 1);
    let none = "this page has no heading `#nowhere`";
    assert_eq!(
        found,
        [
            finding(
                "content/explainers/alpha.ja.md",
                31,
                23,
                "jp",
                "this page has no heading `#%E3%81%AA%E3%81%84`"
            ),
            finding(ALPHA, 31, 48, "uk, us", none),
        ]
    );
    let human = s.run(&["check", "--market", "us"]);
    assert!(
        human
            .stdout
            .contains("= help: this page has the headings `#where-it-lives`, `#more`"),
        "{}",
        human.stdout
    );
}

#[test]
fn an_unpublished_target_is_one_finding_not_two() {
    let s = Site::fixture("basic");
    s.edit(BETA, "order: 2\n", "order: 2\nmarkets: [us]\n");
    s.edit(
        ALPHA,
        "## More {#more}\n",
        "## More {#more}\n\n[beta](beta.md#nowhere)\n",
    );
    let (_, found) = broken_links(&s, &["--market", "uk"]);
    assert_eq!(
        found,
        [finding(
            ALPHA,
            31,
            1,
            "uk",
            "`beta` is not published in this market"
        )]
    );
    let (_, found) = broken_links(&s, &["--market", "us"]);
    assert_eq!(
        found,
        [finding(
            ALPHA,
            31,
            1,
            "us",
            "`beta` has no heading `#nowhere`"
        )]
    );
    let human = s.run(&["check", "--market", "us"]);
    assert!(
        human.stdout.contains(
            "= help: `beta` has no headings in this market: link to the page without `#…`"
        ),
        "{}",
        human.stdout
    );
}

#[test]
fn the_preview_judges_a_link_again_when_only_its_target_changes() {
    let s = Site::fixture("basic");
    let server = crate::serve::Server::start(&s, &[]);
    assert!(
        server
            .page("/us/beta/")
            .contains("href=\"/us/alpha/#more\"")
    );
    s.edit(ALPHA, "## More {#more}", "## More {#mehr}");
    server.wait_for("the broken link", |sv| {
        !sv.status()["errors"].as_array().unwrap().is_empty()
    });
    let status = server.status();
    let e = &status["errors"][0];
    assert_eq!(
        (&e["file"], &e["line"], &e["code"]),
        (
            &Value::from(BETA),
            &Value::from(6),
            &Value::from("broken-link")
        )
    );
    s.edit(ALPHA, "## More {#mehr}", "## More {#more}");
    server.wait_for("the fix", |sv| {
        sv.status()["errors"].as_array().unwrap().is_empty()
    });
    assert!(
        server
            .page("/us/beta/")
            .contains("href=\"/us/alpha/#more\"")
    );
}

#[test]
fn new_scaffolds_sections_whose_headings_keep_their_ids_in_translations() {
    let s = Site::fixture("basic");
    let r = s.run(&["new", "privacy-checkup"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        s.source("content/explainers/privacy-checkup.md"),
        "---\n\
         title: Privacy checkup\n\
         summary: One or two sentences for the meta description and the market home.\n\
         topics: []\n\
         draft: true\n\
         ---\n\
         Write the explainer here. Keep each heading's `{#id}` in translations: links to it then work in every market.\n\
         \n\
         ## What it is {#what-it-is}\n\
         \n\
         Say what the initiative does, in plain words.\n\
         \n\
         ## Why it matters {#why-it-matters}\n\
         \n\
         :::variant{for=\"default\"}\n\
         Text every market gets unless a block names its market or framing.\n\
         :::\n\
         \n\
         ## What you can do {#what-you-can-do}\n\
         \n\
         Name the setting the reader controls, and where to find it.\n"
    );
    // A translation that keeps the ids, in another order of words.
    s.write(
        "content/explainers/privacy-checkup.ja.md",
        "---\ntitle: プライバシー確認\nsummary: 要約。\ndraft: true\n---\n概要。\n\n\
         ## これは何か {#what-it-is}\n\n説明。\n\n\
         ## なぜ大切か {#why-it-matters}\n\n\
         :::variant{for=\"default\"}\n本文。\n:::\n\n\
         ## できること {#what-you-can-do}\n\n設定。\n",
    );
    s.edit(
        "content/explainers/alpha.ja.md",
        "Intro ja",
        "[確認](privacy-checkup.md#what-you-can-do) Intro ja",
    );
    s.edit(
        ALPHA,
        "Intro for",
        "[checkup](privacy-checkup.md#what-you-can-do) Intro for",
    );
    for file in ["alpha.de.md", "alpha.es.md", "alpha.fr.md", "alpha.id.md"] {
        let t = format!("content/explainers/{file}");
        s.edit(
            &t,
            "Intro ",
            "[x](privacy-checkup.md#what-you-can-do) Intro ",
        );
    }
    let r = s.build(&["--drafts", "--market", "us", "--market", "jp"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    for (market, heading) in [("us", "What you can do"), ("jp", "できること")] {
        let page = s.read(&format!("{market}/privacy-checkup/index.html"));
        let tag = format!("<h2 id=\"what-you-can-do\">{heading}</h2>");
        assert!(page.contains(&tag), "{market}: {page}");
        let alpha = s.read(&format!("{market}/alpha/index.html"));
        let href = format!("href=\"/{market}/privacy-checkup/#what-you-can-do\"");
        assert!(alpha.contains(&href), "{market}: {alpha}");
    }
}

#[test]
fn the_help_names_the_first_five_ids_and_counts_the_rest() {
    let s = Site::fixture("basic");
    let more: String = (3..=8).map(|i| format!("\n## Part {i}\n")).collect();
    s.edit(
        ALPHA,
        "{{ t \"closing\" }}\n",
        &format!("{{{{ t \"closing\" }}}}\n{more}"),
    );
    s.edit(BETA, "(alpha.md#more)", "(alpha.md#part-9)");
    let human = s.run(&["check", "--market", "us"]);
    assert!(
        human.stdout.contains(
            "= help: `alpha` has the headings `#where-it-lives`, `#more`, `#part-3`, `#part-4`, `#part-5` and 3 more"
        ),
        "{}",
        human.stdout
    );
}

#[test]
fn thousands_of_broken_anchors_cost_linear_time_and_a_hundred_findings() {
    let s = Site::fixture("basic");
    let links = "[a](alpha.md#nope) [b](#nope) ".repeat(20_000);
    let headings: String = (0..900).map(|i| format!("## H{i}\n\n")).collect();
    s.edit(
        BETA,
        "Beta body.",
        &format!("{headings}{links}\n\nBeta body."),
    );
    let started = std::time::Instant::now();
    let (r, found) = broken_links(&s, &["--market", "us"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(r.status, 1);
    assert_eq!(found.len(), 100, "the page's findings stop at 100");
    assert!(
        r.stdout
            .contains("39900 more findings in this page are not shown"),
        "{}",
        &r.stdout[r.stdout.len().saturating_sub(2000)..]
    );
}

#[test]
fn a_target_with_errors_of_its_own_is_not_judged_again_through_its_links() {
    let s = Site::fixture("basic");
    s.edit(ALPHA_ES, "CONTROL-es block.\n:::\n", "CONTROL-es block.\n");
    link_beta_to(&s, "alpha.md#no-such-anchor");
    let r = s.run(&["check", "--format", "json", "--market", "mx"]);
    assert_eq!(r.status, 1);
    let codes: Vec<&str> = (r.stdout.lines())
        .filter(|l| l.contains("\"severity\":\"error\""))
        .map(|l| {
            if l.contains("\"directive\"") {
                "directive"
            } else {
                l
            }
        })
        .collect();
    assert_eq!(codes, ["directive"], "one finding for one mistake");
    // The same link to a page without errors is judged.
    let (_, found) = broken_links(&s, &["--market", "us"]);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_page_with_few_or_many_headings_is_judged_alike() {
    for extra in [2, 40] {
        let s = Site::fixture("basic");
        let parts: String = (0..extra).map(|i| format!("\n## Part {i}\n")).collect();
        s.edit(
            ALPHA,
            "{{ t \"closing\" }}\n",
            &format!("{{{{ t \"closing\" }}}}\n{parts}"),
        );
        let last = extra - 1;
        let links = format!("[a](alpha.md#part-{last}) [b](alpha.md#nope) [c](alpha.md#part-0)");
        s.edit(BETA, "Beta body.", &format!("{links}\n\nBeta body."));
        let (r, found) = broken_links(&s, &["--market", "us"]);
        assert_eq!(r.status, 1, "{extra} headings: {}", r.stdout);
        let messages: Vec<&str> = found.iter().map(|f| f.4.as_str()).collect();
        assert_eq!(
            messages,
            ["`alpha` has no heading `#nope`"],
            "{extra} headings"
        );
    }
}
