use super::*;
use crate::diagnostics::{Code, Diagnostics, SourceFile};
use crate::l10n::{Layer, parse_ftl};
use crate::resolve::resolve_markdown;
use crate::testing::example_config;

struct Fixture {
    messages: Messages,
}

fn fixture(market: &str) -> Fixture {
    let c = example_config();
    let mut d = Diagnostics::new();
    let files = vec![parse_ftl(
        SourceFile::new(
            "locales/en-US/site.ftl",
            "-brand = Kestrel\nlaw = { $framing ->\n    [regulatory] the GDPR\n   *[other] the law\n}\n",
        ),
        "en-US",
        Layer::Site,
        &mut d,
    )];
    Fixture {
        messages: Messages::for_market(c.market(market).unwrap(), &files, &mut Diagnostics::new()),
    }
}

thread_local! {
    /// How often this test's render asked for the source's heading ids.
    static SOURCE_IDS_ASKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn render_with(
    body: &str,
    market: &str,
    source_ids: Option<&[String]>,
    allow_raw_html: bool,
) -> (RenderedMarkdown, Vec<crate::diagnostics::Diagnostic>) {
    let c = example_config();
    let fx = fixture(market);
    let mut d = Diagnostics::new();
    let doc = crate::testing::doc(body);
    let md = resolve_markdown(&doc, c.market(market).unwrap());
    let link = |slug: &str, frag: Option<&str>| match slug {
        "two-step" => LinkTarget::Href(format!(
            "/{market}/two-step/{}",
            frag.map(|f| format!("#{f}")).unwrap_or_default()
        )),
        "hidden" => LinkTarget::NotPublished,
        _ => LinkTarget::Unknown,
    };
    let exists = |p: &str| p == "images/phone.png";
    let ids = || {
        SOURCE_IDS_ASKED.with(|n| n.set(n.get() + 1));
        source_ids.unwrap_or_default()
    };
    let ctx = MarkdownContext {
        market,
        messages: &fx.messages,
        link: &link,
        static_file_exists: &exists,
        static_image: &|_| None,
        image_sizes: "100vw",
        root_path: "/",
        source_heading_ids: source_ids.is_some().then_some(&ids as &SourceIds<'_>),
        allow_raw_html,
        pseudo: false,
    };
    let r = render_markdown(&doc, &md, &ctx, &mut d);
    (r, d.into_sorted())
}

fn render(body: &str, market: &str) -> (RenderedMarkdown, Vec<crate::diagnostics::Diagnostic>) {
    render_with(body, market, None, false)
}

#[test]
fn expands_messages_per_market_framing() {
    let (r, d) = render("{{ t \"-brand\" }} follows {{ t \"law\" }}.", "uk");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(r.html, "<p>Kestrel follows the GDPR.</p>\n");
    let (r, _) = render("{{ t \"law\" }}", "us");
    assert_eq!(r.html, "<p>the law</p>\n");
}

#[test]
fn message_text_is_escaped_not_markdown() {
    let (r, _) = render("`{{ t \"-brand\" }}` stays code", "us");
    assert!(
        r.html.contains("<code>{{ t \"-brand\" }}</code>"),
        "{}",
        r.html
    );
}

#[test]
fn unknown_message_points_at_the_placeholder() {
    let (_, d) = render("Line one\n\nSay {{ t \"missing\" }} here", "fr");
    assert_eq!(d.len(), 1);
    let loc = d[0].location.as_ref().unwrap();
    assert_eq!(
        (d[0].code, loc.line, loc.column),
        (Code::UnknownMessage, 3, 5)
    );
    assert_eq!(d[0].market.as_deref(), Some("fr"));
}

#[test]
fn explainer_links_resolve_per_market() {
    let (r, d) = render(
        "See [two-step](two-step.md#turn-it-on) and [x](./two-step.fr.md).",
        "de",
    );
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.html.contains("href=\"/de/two-step/#turn-it-on\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"/de/two-step/\""), "{}", r.html);
}

#[test]
fn broken_links_are_errors_with_their_line() {
    let (_, d) = render("ok\n\n[a](hidden.md) [b](nowhere.md)", "jp");
    let got: Vec<_> = d
        .iter()
        .map(|d| {
            (
                d.code.name(),
                d.location.as_ref().unwrap().line,
                d.location.as_ref().unwrap().column,
            )
        })
        .collect();
    assert_eq!(got, [("broken-link", 3, 1), ("broken-link", 3, 16)]);
    assert_eq!(
        (d[0].message.as_str(), d[0].market.as_deref()),
        ("`hidden` is not published in this market", Some("jp"))
    );
}

#[test]
fn raw_html_is_escaped_with_a_warning() {
    let (r, d) = render(
        "Hi <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n",
        "us",
    );
    assert!(
        !r.html.contains("<script>") && !r.html.contains("<div"),
        "{}",
        r.html
    );
    assert!(r.html.contains("&lt;script&gt;"));
    assert!(d.iter().all(|d| d.code == Code::RawHtml && !d.is_error()));
    assert!(!d.is_empty());
}

#[test]
fn allowed_raw_html_is_sanitized() {
    let (r, d) = render_with(
        "<b onclick=\"x()\">bold</b> <script>alert(1)</script>\n\n## Kept {#kept}\n",
        "us",
        None,
        true,
    );
    assert!(d.is_empty());
    assert!(r.html.contains("<b>bold</b>"), "{}", r.html);
    assert!(
        !r.html.contains("script") && !r.html.contains("onclick"),
        "{}",
        r.html
    );
    assert!(r.html.contains("id=\"kept\""), "{}", r.html);
}

#[test]
fn javascript_links_are_neutralized() {
    let (r, d) = render("[x](JavaScript:alert(1)) [y](java\tscript:alert(1))", "us");
    assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
    assert_eq!(d.iter().filter(|d| d.code == Code::UnsafeUrl).count(), 1);
}

#[test]
fn translated_headings_take_source_ids_by_position() {
    let ids = vec![
        "where-it-is-stored".to_string(),
        "who-can-see-it".to_string(),
    ];
    let (r, _) = render_with(
        "## Où elles sont stockées\n\n## Qui peut les voir {#custom}\n\n## En plus\n",
        "fr",
        Some(&ids),
        false,
    );
    assert!(
        r.html.contains("<h2 id=\"where-it-is-stored\">"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<h2 id=\"custom\">"),
        "explicit id wins: {}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"en-plus\">"), "{}", r.html);
    assert!(SOURCE_IDS_ASKED.with(|n| n.get()) > 0);
}

#[test]
fn a_translation_whose_headings_all_have_ids_never_scans_its_source() {
    let ids = vec!["from-the-source".to_string()];
    let (r, _) = render_with(
        "## Où elles sont stockées {#stored}\n\n## Qui peut les voir {#who}\n",
        "fr",
        Some(&ids),
        false,
    );
    assert!(r.html.contains("<h2 id=\"stored\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"who\">"), "{}", r.html);
    assert_eq!(SOURCE_IDS_ASKED.with(|n| n.get()), 0);
}

#[test]
fn the_scan_for_links_reads_the_source_only_for_a_heading_without_an_id() {
    let c = example_config();
    let asked = std::cell::Cell::new(0);
    let source = vec!["from-the-source".to_string(), "second".to_string()];
    let source_ids = || -> &[String] {
        asked.set(asked.get() + 1);
        &source
    };
    let scan = |body: &str| {
        let md = resolve_markdown(&crate::testing::doc(body), c.market("fr").unwrap());
        let rules = IdRules {
            inherited: Some(&source_ids as &SourceIds<'_>),
            raw_html_is_text: true,
        };
        heading_ids(&md, &fixture("fr").messages, rules)
    };
    let all_own = scan("## Où elles sont stockées {#stored}\n\n## Qui {#who}\n");
    assert_eq!(all_own, Some(vec!["stored".into(), "who".into()]));
    assert_eq!(asked.get(), 0);
    let one_without = scan("## Où {#stored}\n\n## Qui peut les voir\n");
    assert_eq!(one_without, Some(vec!["stored".into(), "second".into()]));
    assert!(asked.get() > 0);
}

#[test]
fn heading_ids_are_unique_and_expand_messages() {
    let (r, _) = render(
        "## About {{ t \"-brand\" }}\n\n## About {{ t \"-brand\" }}\n",
        "us",
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["about-kestrel", "about-kestrel-2"]);
    assert_eq!(r.headings[0].text, "About Kestrel");
}

#[test]
fn images_need_alt_text_and_a_static_file() {
    let (r, d) = render(
        "![A phone](/images/phone.png)\n\n![](/images/phone.png)\n\n![Gone](/images/gone.png)\n",
        "us",
    );
    assert!(
        r.html.contains("src=\"/images/phone.png\" alt=\"A phone\""),
        "{}",
        r.html
    );
    let got: Vec<_> = d
        .iter()
        .map(|d| (d.code.name(), d.location.as_ref().unwrap().line))
        .collect();
    assert_eq!(got, [("missing-alt", 3), ("broken-link", 5)]);
}

#[test]
fn tables_footnotes_and_strikethrough_render() {
    let (r, _) = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1]\n\n[^1]: note\n",
        "us",
    );
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("footnote"));
}

#[test]
fn slugify_keeps_letters_of_any_script() {
    assert_eq!(
        slugify("Two-step verification: how?"),
        "two-step-verification-how"
    );
    assert_eq!(slugify("データの保存場所"), "データの保存場所");
    assert_eq!(slugify("  Über   uns "), "über-uns");
}

#[test]
fn reads_the_scheme_of_absolute_urls_only() {
    for (url, scheme) in [
        ("https://example.com/a", Some("https")),
        ("MailTo:someone@example.com", Some("mailto")),
        ("java\tscript:alert(1)", Some("javascript")),
        (" \u{1}JavaScript:alert(1)", Some("javascript")),
        ("web+app:x", Some("web+app")),
        ("../two-step/", None),
        ("/en/a:b", None),
        ("page?x=a:b", None),
        ("#a:b", None),
        (":nothing", None),
        ("a b:c", Some("ab")),
        ("ex ample_x:y", None),
        (&format!("{}:x", "a".repeat(40)), None),
        (
            &format!("{}:x", "a".repeat(39)),
            Some("a".repeat(39).as_str()),
        ),
    ] {
        assert_eq!(super::links::scheme_of(url).as_deref(), scheme, "{url:?}");
    }
}

#[test]
fn finds_placeholder_starts_only() {
    for (text, has) in [
        ("", false),
        ("{", false),
        ("{ {", false),
        ("a { b } c", false),
        ("{{", true),
        ("text {{ t \"x\" }}", true),
        ("{a}{{", true),
        ("}}{", false),
    ] {
        assert_eq!(super::has_placeholder(text), has, "{text:?}");
    }
}

/// The attributes of every heading tag in `html`, as written.
fn heading_tags(html: &str) -> Vec<&str> {
    html.match_indices("<h")
        .filter(|(i, _)| html[i + 2..].starts_with(|c: char| ('1'..='6').contains(&c)))
        .map(|(i, _)| &html[i + 3..i + 3 + html[i + 3..].find('>').unwrap()])
        .collect()
}

/// Pieces of a heading's attribute block: ids valid and not, classes,
/// attributes with and without values and quotes, and markup.
fn attribute() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        "#[a-z][a-z0-9_-]{0,8}",
        "#[^ {}]{1,6}",
        "\\.[a-zA-Z0-9_-]{1,6}",
        "(on[a-z]{1,8}|style|data-x|autofocus|id|class)(=[a-z0-9()]{0,6})?",
        "[a-z]{1,5}=\"[^\"{}]{0,8}\"",
        "[a-z]{1,5}='[^'{}]{0,8}'",
        "[<>\"'=&/]{1,3}",
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Whatever a heading's attribute block holds, the tag carries at most an
    /// id of letters, digits, `-` and `_`; anything but one valid id is a
    /// `heading-attribute` error.
    #[test]
    fn a_heading_tag_carries_at_most_a_safe_id(
        level in 1usize..=6,
        text in "[A-Za-zé日 ]{1,12}",
        attrs in proptest::collection::vec(attribute(), 0..4),
    ) {
        let block = if attrs.is_empty() { String::new() } else { format!(" {{{}}}", attrs.join(" ")) };
        let body = format!("{} {text}{block}\n\nText.\n", "#".repeat(level));
        let (r, d) = render(&body, "us");
        for tag in heading_tags(&r.html) {
            let id = tag.strip_prefix(" id=\"").and_then(|t| t.strip_suffix('"'));
            proptest::prop_assert!(tag.is_empty() || id.is_some(), "tag {tag:?} in {}", r.html);
            if let Some(id) = id {
                proptest::prop_assert!(
                    id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'),
                    "id {id:?}"
                );
            }
        }
        let only_a_valid_id = attrs.len() == 1
            && attrs[0].strip_prefix('#').is_some_and(ids::is_valid_id);
        let refused = d.iter().any(|d| d.code == Code::HeadingAttribute);
        // pulldown-cmark reads a block only at the end of the heading: one it
        // took as text is escaped text, and needs no finding.
        if refused {
            proptest::prop_assert!(!attrs.is_empty() && !only_a_valid_id, "{body:?}: {d:?}");
        }
    }
}

/// Every other place where Markdown puts author text into a tag: link and
/// image titles, a code block's language, footnote labels, autolinks and
/// reference definitions. Each is escaped into an attribute value; none can
/// close it or add another attribute.
#[test]
fn author_text_in_attributes_stays_inside_its_value() {
    let title = r#"x\" onmouseover=\"alert(1)"#;
    let raw = r#"x" onmouseover="alert(1)"#;
    let body = format!(
        "[a](/images/phone.png \"{title}\") ![pic](/images/phone.png \"{title}\")\n\n```{raw}\ncode\n```\n\nNote[^{raw}].\n\n[^{raw}]: The note.\n\n<https://example.com/{raw}>\n\n[ref][r]\n\n[r]: /images/phone.png \"{title}\"\n"
    );
    let (r, _) = render(&body, "us");
    let html = &r.html;
    assert!(
        html.contains("onmouseover=&quot;alert(1)"),
        "the titles were read: {html}"
    );
    let in_tag = |i: usize| {
        html[..i]
            .rfind('<')
            .is_some_and(|t| html[..i].rfind('>').is_none_or(|g| g < t))
    };
    for (i, _) in html.match_indices("onmouseover") {
        assert!(
            !in_tag(i) || !html[i..].starts_with("onmouseover=\""),
            "an attribute was added at {i}: {html}"
        );
    }
    for (i, _) in html.match_indices(" onmouseover=\"") {
        assert!(!in_tag(i), "{html}");
    }
}

#[test]
fn findings_past_the_hundredth_are_counted_once_with_their_worst_severity() {
    let (_, d) = render(&"<br> ".repeat(150), "us");
    assert_eq!(d.len(), 101);
    assert!(d.iter().all(|d| !d.is_error()), "warnings stay warnings");
    assert!(
        d.iter()
            .any(|d| d.message == "50 more findings in this page are not shown")
    );
    let (_, d) = render(&"[a](nope.md) ".repeat(150), "us");
    assert_eq!(d.len(), 101);
    assert!(d.iter().all(|d| d.is_error()));
    for (n, expected) in [
        (101, "1 more finding in this page is not shown"),
        (102, "2 more findings in this page are not shown"),
    ] {
        let (_, d) = render(&"<br> ".repeat(n), "us");
        assert!(d.iter().any(|d| d.message == expected), "{n}: {d:?}");
    }
}

#[test]
fn same_page_anchors_must_name_a_heading_of_the_market() {
    let body = "## Turn it on {#on}\n\nSee [a](#on), [b](#nope) and [c](#later).\n\n:::variant{for=\"us\"}\n## Only US\n:::\n\n[d](#only-us) [e](#caf%C3%A9) [f](#)\n\n## Later\n\n## Café\n";
    let (_, d) = render(body, "us");
    let got: Vec<_> = (d.iter())
        .map(|d| {
            (
                d.location.as_ref().unwrap().line,
                d.location.as_ref().unwrap().column,
            )
        })
        .collect();
    assert_eq!(got, [(3, 15)], "{d:?}");
    assert_eq!(d[0].code, Code::BrokenLink);
    assert_eq!(d[0].message, "this page has no heading `#nope`");
    assert_eq!(
        d[0].help.as_deref(),
        Some("this page has the headings `#on`, `#only-us`, `#later`, `#café`")
    );
    // The variant's heading does not exist in Japan.
    let (_, d) = render(body, "jp");
    let got: Vec<_> = (d.iter())
        .map(|d| (d.location.as_ref().unwrap().line, d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "this page has no heading `#nope`"),
            (9, "this page has no heading `#only-us`"),
        ]
    );
    let (_, d) = render("[a](#x)\n", "fr");
    assert_eq!(
        d[0].help.as_deref(),
        Some("this page has no headings in this market: link to the page without `#…`")
    );
}

#[test]
fn scanned_heading_ids_are_the_rendered_ones() {
    let source = ["where".to_string(), "who".to_string(), "why".to_string()];
    let bodies = [
        "## About {{ t \"-brand\" }}\n\n## About {{ t \"-brand\" }}\n\n# Top\n",
        "## Use `{{ t \"-brand\" }}` <b>now</b>\n\n### x {#own}\n\n## ???\n\n## ???\n",
        ":::variant{for=\"regulatory\"}\n## Law\n:::\n\n:::variant{for=\"default\"}\n## Other\n:::\n\n## Same\n\n## Same\n",
    ];
    for body in bodies {
        for (market, inherited) in [("uk", None), ("jp", None), ("fr", Some(&source[..]))] {
            for raw in [false, true] {
                let (r, _) = render_with(body, market, inherited, raw);
                let rendered: Vec<String> = r.headings.into_iter().map(|h| h.id).collect();
                let c = example_config();
                let md = resolve_markdown(&crate::testing::doc(body), c.market(market).unwrap());
                let source_ids = || -> &[String] { inherited.unwrap_or_default() };
                let rules = IdRules {
                    inherited: inherited.map(|_| &source_ids as &SourceIds<'_>),
                    raw_html_is_text: !raw,
                };
                let scanned = heading_ids(&md, &fixture(market).messages, rules);
                assert_eq!(scanned, Some(rendered), "{market} {raw} {body}");
            }
        }
    }
}
