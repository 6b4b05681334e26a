//! The default theme's pages on the example site: brand, legal links, topics,
//! related explainers and local numbers and dates; and the diagnostics of the
//! settings behind them.

use crate::harness::{Site, attr};

/// The `href`s of the `<a>` tags inside the first `<tag …>…</tag>` block that
/// opens with `open`.
fn links_in(html: &str, open: &str, close: &str) -> Vec<(String, String)> {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}"));
    let block = &html[start..start + html[start..].find(close).unwrap()];
    block
        .split("<a ")
        .skip(1)
        .map(|a| {
            let text = &a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()];
            (attr(a, "href"), text.to_string())
        })
        .collect()
}

#[test]
fn every_page_shows_the_brand_and_its_market_s_legal_links() {
    let s = Site::example();
    s.build_ok(&[]);
    let de = s.read("de/where-your-data-is-stored/index.html");
    let footer = links_in(&de, "<footer class=\"site-footer\"", "</footer>");
    assert!(
        footer.contains(&(
            "https://kestrel.example/de/impressum".into(),
            "Impressum".into()
        )),
        "{footer:?}"
    );
    assert!(
        footer.contains(&(
            "https://kestrel.example/de/datenschutz".into(),
            "Datenschutzerklärung".into()
        )),
        "{footer:?}"
    );
    let jp = s.read("jp/index.html");
    let footer = links_in(&jp, "<footer class=\"site-footer\"", "</footer>");
    assert!(
        footer.contains(&(
            "https://kestrel.example/legal/privacy".into(),
            "プライバシーポリシー".into()
        )),
        "{footer:?}"
    );
    assert!(
        !footer.iter().any(|(h, _)| h.contains("impressum")),
        "only the German market links its imprint"
    );
    for page in [
        "index.html",
        "404.html",
        "us/index.html",
        "jp/scripts/two-step-verification/index.html",
    ] {
        let html = s.read(page);
        assert!(
            html.contains("<img class=\"logo\" src=\"/images/kestrel-logo.svg\""),
            "{page}: the logo"
        );
        assert!(
            html.contains("<link rel=\"icon\" href=\"/favicon.ico\" type=\"image/x-icon\">"),
            "{page}"
        );
        assert!(
            html.contains("<link rel=\"apple-touch-icon\" href=\"/apple-touch-icon.png\">"),
            "{page}"
        );
        assert!(html.contains("--brand:#0b5cad"), "{page}: the brand colour");
    }
    // The icon that browsers and feed readers ask for without a link.
    assert!(s.exists("favicon.ico"));
}

#[test]
fn the_home_files_explainers_under_their_first_topic_named_in_the_market_s_language() {
    let s = Site::example();
    s.build_ok(&[]);
    let home = s.read("jp/index.html");
    let chips = links_in(&home, "<ul class=\"chips\">", "</ul>");
    assert!(chips.len() >= 2, "{chips:?}");
    for (href, name) in &chips {
        let id = href.strip_prefix('#').unwrap();
        assert!(
            home.contains(&format!("<h2 id=\"{id}\">{name}</h2>")),
            "{id} has no section"
        );
        assert!(
            !name.starts_with("topic-") && !name.is_ascii(),
            "{name} is not named in Japanese"
        );
    }
    // Every explainer of the market is on its home once.
    let cards = home.matches("<li class=\"card\"").count();
    let published = std::fs::read_dir(s.out("jp"))
        .unwrap()
        .filter(|e| {
            s.out("jp")
                .join(e.as_ref().unwrap().file_name())
                .join("index.html")
                .exists()
        })
        .count();
    assert_eq!(
        cards,
        published - 1,
        "the scripts index is not an explainer"
    );
}

#[test]
fn an_explainer_lists_related_explainers_that_exist_and_its_topic_in_the_breadcrumb() {
    let s = Site::example();
    s.build_ok(&[]);
    for market in ["us", "de", "jp", "id"] {
        let page = format!("{market}/where-your-data-is-stored/index.html");
        let html = s.read(&page);
        let related = links_in(&html, "<section class=\"related\"", "</section>");
        assert!((1..=3).contains(&related.len()), "{page}: {related:?}");
        for (href, _) in &related {
            assert!(
                !href.contains("where-your-data-is-stored"),
                "{page} lists itself"
            );
            assert!(
                s.exists(&format!("{}index.html", href.trim_start_matches('/'))),
                "{page}: {href}"
            );
        }
        let crumbs = links_in(&html, "<nav class=\"breadcrumb\"", "</nav>");
        assert_eq!(crumbs.len(), 2, "{page}: {crumbs:?}");
        assert!(
            crumbs[1].0.starts_with(&format!("/{market}/#topic-")),
            "{crumbs:?}"
        );
    }
}

#[test]
fn numbers_and_dates_in_messages_and_templates_follow_the_market() {
    let s = Site::example();
    let note = "footer-note = { NUMBER(1234.5) } · { DATETIME(\"2026-11-20\") }\n";
    for locale in ["en-US", "de-DE", "ja-JP", "fr-FR"] {
        s.write(&format!("locales/{locale}/numbers.ftl"), note);
    }
    s.build_ok(&[]);
    for (market, expected) in [
        ("us", "1,234.5 · November 20, 2026"),
        ("de", "1.234,5 · 20. November 2026"),
        ("jp", "1,234.5 · 2026年11月20日"),
        ("fr", "1\u{202f}234,5 · 20 novembre 2026"),
    ] {
        let html = s.read(&format!("{market}/index.html"));
        assert!(
            html.contains(&format!("<p class=\"footer-note\">{expected}</p>")),
            "{market}: {}",
            &html[html.find("footer-note\">").unwrap()..][..80]
        );
    }
    // The template's `date` filter: the updated line of a page and a card.
    let de = s.read("de/two-step-verification/index.html");
    let iso = attr(&de[de.find("<time").unwrap()..], "datetime");
    let (y, m, d) = (&iso[..4], &iso[5..7], iso[8..].trim_start_matches('0'));
    let month = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ][m.parse::<usize>().unwrap() - 1];
    assert!(
        de.contains(&format!(">Stand: {d}. {month} {y}</time>")),
        "{de}"
    );
}

#[test]
fn a_brand_file_that_is_not_in_static_is_an_error_at_its_key() {
    let s = Site::example();
    s.edit(
        "glasshouse.yaml",
        "logo: /images/kestrel-logo.svg",
        "logo: /images/kestrel.svg",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(r.stderr.contains("glasshouse.yaml:"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("brand.logo names `/images/kestrel.svg`, which is not in static/"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_market_without_a_required_link_fails_its_own_build_only() {
    let s = Site::example();
    s.edit(
        "glasshouse.yaml",
        "      imprint: https://kestrel.example/de/impressum\n",
        "",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("market `de` has no `imprint` link"),
        "{}",
        r.stderr
    );
    let us = s.build(&["--market", "us", "--out", "dist/us"]);
    assert_eq!(
        us.status, 0,
        "another market's missing link does not fail us:\n{}",
        us.stderr
    );
    let de = s.build(&["--market", "de", "--out", "dist/de"]);
    assert_eq!(de.status, 1, "{}", de.stderr);
}

#[test]
fn a_topic_without_a_name_is_a_warning_at_the_front_matter() {
    let s = Site::example();
    s.edit(
        "content/explainers/two-step-verification.md",
        "topics: [",
        "topics: [passkeys, ",
    );
    let r = s.run(&["check"]);
    assert!(
        r.stdout.contains("topic `passkeys` has no name in en-US"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("content/explainers/two-step-verification.md:4:"),
        "{}",
        r.stdout
    );
    assert_eq!(r.status, 0, "a warning");
    assert_eq!(s.run(&["check", "--strict"]).status, 1);
}

/// `property` or `name` -> contents of a page's `<meta>` lines, in order.
pub fn metas(html: &str) -> Vec<(String, String)> {
    html.lines()
        .filter(|l| l.starts_with("<meta property=") || l.starts_with("<meta name="))
        .map(|l| {
            let key = if l.starts_with("<meta property=") {
                "property"
            } else {
                "name"
            };
            (
                crate::harness::attr(l, key),
                crate::harness::attr(l, "content"),
            )
        })
        .collect()
}

#[test]
fn every_page_has_open_graph_and_twitter_tags_that_agree_with_its_head() {
    let s = crate::harness::Site::example();
    s.build_ok(&[]);
    let mut pages = 0;
    for (rel, bytes) in s.snapshot() {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let m = metas(&html);
        let one = |k: &str| -> String {
            let found: Vec<_> = m.iter().filter(|(key, _)| key == k).collect();
            assert_eq!(found.len(), 1, "{rel}: {k} {found:?}");
            found[0].1.clone()
        };
        let all = |k: &str| -> Vec<String> {
            m.iter()
                .filter(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let lang = crate::harness::attr(&html[html.find("<html").unwrap()..], "lang");
        let canonical = crate::harness::attr(
            html.lines()
                .find(|l| l.starts_with("<link rel=\"canonical\""))
                .unwrap(),
            "href",
        );
        assert_eq!(one("og:url"), canonical, "{rel}");
        assert_eq!(one("og:locale"), lang.replace('-', "_"), "{rel}");
        assert!(
            !one("og:title").is_empty() && one("og:title") == one("twitter:title"),
            "{rel}"
        );
        assert!(!one("og:site_name").is_empty(), "{rel}");
        assert_eq!(one("twitter:card"), "summary_large_image", "{rel}");
        assert_eq!(one("og:image"), one("twitter:image"), "{rel}");
        assert_eq!(one("og:image:alt"), one("twitter:image:alt"), "{rel}");
        let description = all("description");
        assert_eq!(all("og:description"), description, "{rel}");
        assert_eq!(all("twitter:description"), description, "{rel}");
        let expected: Vec<String> = crate::harness::alternates(&html)
            .into_iter()
            .map(|(hreflang, _)| hreflang)
            .filter(|h| h != "x-default" && *h != lang)
            .map(|h| h.replace('-', "_"))
            .collect();
        assert_eq!(all("og:locale:alternate"), expected, "{rel}");
        let explainer = rel.matches('/').count() == 2 && !rel.contains("/scripts/");
        assert_eq!(
            one("og:type"),
            if explainer { "article" } else { "website" },
            "{rel}"
        );
    }
    assert!(pages > 100, "{pages} pages");
}

/// A template that cannot be read is one error at its place: the templates
/// that extend it are not compiled, so no error follows from that alone.
#[test]
fn an_unreadable_template_is_one_error_not_one_per_template_that_uses_it() {
    let base = "themes/default/templates/base.html";
    let home = "themes/default/templates/home.html";
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            base,
            b"<!DOCTYPE html>\n<html lang=\"\xe9\">".to_vec(),
            "2:13: error[encoding]",
        ),
        (
            home,
            b"{% extends \"base.html\" %}\xff".to_vec(),
            "1:26: error[encoding]",
        ),
        (base, vec![b' '; 1024 * 1024 + 1], "error[file-too-large]"),
    ];
    for (file, bytes, head) in cases {
        let s = Site::fixture("basic");
        crate::harness::copy_theme(&s);
        s.write_bytes(file, &bytes);
        let r = s.build(&[]);
        assert_eq!(r.status, 1, "{file}: {}", r.stderr);
        let errors: Vec<String> = (r.heads().into_iter())
            .filter(|h| h.contains("error["))
            .collect();
        let expected = match head.starts_with("error") {
            true => head.to_string(),
            false => format!("{file}:{head}"),
        };
        assert_eq!(errors, [expected], "{file}:\n{}", r.stderr);
        assert!(!s.root.join("public").exists());
    }
}
