//! What each market's pages contain.

use crate::harness::{Site, alternates};

#[test]
fn each_market_gets_its_variant() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let page = |m: &str| s.read(&format!("{m}/alpha/index.html"));
    assert!(page("us").contains("US-TRANSPARENCY block."));
    assert!(page("uk").contains("REGULATORY block, under data protection law."));
    assert!(page("fr").contains("REGULATORY-fr block."));
    assert!(page("de").contains("REGULATORY-de block."));
    assert!(page("mx").contains("CONTROL-es block."));
    assert!(page("jp").contains("DEFAULT-ja block."));
    assert!(page("id").contains("DEFAULT-id block."));
    for m in ["us", "uk", "fr", "de", "mx", "jp", "id"] {
        let p = page(m);
        assert_eq!(
            p.matches(" block").count(),
            1,
            "market {m} got exactly one block of the group"
        );
        assert!(
            !p.contains(":::") && !p.contains("SCRIPT-BEAT") && !p.contains("hook:"),
            "no directive or script text leaks into {m}"
        );
    }
}

#[test]
fn html_lang_is_the_market_locale() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    for (m, locale) in [
        ("us", "en-US"),
        ("uk", "en-GB"),
        ("fr", "fr-FR"),
        ("mx", "es-MX"),
        ("jp", "ja-JP"),
    ] {
        assert!(
            s.read(&format!("{m}/alpha/index.html"))
                .contains(&format!("<html lang=\"{locale}\">"))
        );
        assert!(
            s.read(&format!("{m}/index.html"))
                .contains(&format!("<html lang=\"{locale}\">"))
        );
    }
}

#[test]
fn hreflang_sets_are_reciprocal_with_x_default() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let us = alternates(&s.read("us/alpha/index.html"));
    assert_eq!(us.len(), 8, "7 markets + x-default: {us:?}");
    assert!(us.contains(&(
        "x-default".into(),
        "https://trust.example.com/us/alpha/".into()
    )));
    for m in ["uk", "fr", "de", "mx", "jp", "id"] {
        assert_eq!(
            alternates(&s.read(&format!("{m}/alpha/index.html"))),
            us,
            "market {m} lists the same set"
        );
    }
    // beta exists only in us, uk and mx
    let beta = alternates(&s.read("us/beta/index.html"));
    let langs: Vec<&str> = beta.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(langs, ["en-US", "en-GB", "es-MX", "x-default"]);
    let canonical = s.read("fr/alpha/index.html");
    assert!(
        canonical.contains("<link rel=\"canonical\" href=\"https://trust.example.com/fr/alpha/\">")
    );
}

#[test]
fn sitemap_lists_every_page_with_alternates() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let root = s.read("sitemap.xml");
    let locs = |xml: &str| -> Vec<String> {
        xml.split("<loc>")
            .skip(1)
            .map(|l| l.split("</loc>").next().unwrap().to_string())
            .collect()
    };
    assert!(root.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let markets = ["us", "uk", "fr", "de", "mx", "jp", "id"];
    let mut want = vec!["https://trust.example.com/sitemap-root.xml".to_string()];
    want.extend(markets.map(|m| format!("https://trust.example.com/{m}/sitemap.xml")));
    assert_eq!(
        locs(&root),
        want,
        "the index names the chooser's and each market's sitemap"
    );
    assert_eq!(
        locs(&s.read("sitemap-root.xml")),
        ["https://trust.example.com/"]
    );
    let us = s.read("us/sitemap.xml");
    assert!(us.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert_eq!(
        locs(&us),
        [
            "https://trust.example.com/us/",
            "https://trust.example.com/us/alpha/",
            "https://trust.example.com/us/beta/"
        ],
        "the home and the explainers; creator scripts are not for search"
    );
    assert_eq!(
        locs(&s.read("jp/sitemap.xml")).len(),
        2,
        "beta is not translated for jp"
    );
    assert!(s.read("jp/sitemap.xml").contains(
        "<loc>https://trust.example.com/jp/alpha/</loc>\n    <lastmod>2026-11-20</lastmod>"
    ));
    assert_eq!(
        s.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://trust.example.com/sitemap.xml\n"
    );
    assert!(
        !s.exists("us/robots.txt"),
        "robots.txt is read at the root of a host only"
    );
}

#[test]
fn a_market_built_for_its_own_domain_has_its_own_sitemap_and_robots() {
    let s = Site::fixture("basic");
    s.build_ok(&[
        "--market",
        "uk",
        "--out",
        "dist",
        "--base-url",
        "https://uk.example.com/",
    ]);
    let dist = |p: &str| std::fs::read_to_string(s.root.join("dist").join(p)).unwrap();
    let sitemap = dist("sitemap.xml");
    assert!(
        sitemap.contains("<urlset"),
        "a market's own sitemap, not an index"
    );
    assert!(sitemap.contains("<loc>https://uk.example.com/alpha/</loc>"));
    assert!(!sitemap.contains("https://trust.example.com/uk/"));
    assert_eq!(
        dist("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://uk.example.com/sitemap.xml\n"
    );
    assert!(!s.root.join("dist/sitemap-root.xml").exists(), "no chooser");
}

#[test]
fn each_market_has_a_404_page_in_its_language_with_its_market_selected() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    for (market, lang, body) in [
        (
            "us",
            "en-US",
            "The page may have moved. All the explainers for your region",
        ),
        (
            "fr",
            "fr-FR",
            "Cette page a peut-être été déplacée. Tous les guides de votre région",
        ),
        ("jp", "ja-JP", "ページが移動した可能性があります。"),
    ] {
        let page = s.read(&format!("{market}/404.html"));
        assert!(
            page.contains(&format!("<html lang=\"{lang}\">")),
            "{market}: {page}"
        );
        assert!(page.contains(body), "{market}: {page}");
        let current: Vec<&str> = page
            .split("<li><a ")
            .filter(|l| l.contains("aria-current=\"page\""))
            .collect();
        assert_eq!(current.len(), 1, "{market}: one market selected");
        assert!(
            current[0].contains(&format!("href=\"/{market}/\"")),
            "{market}: {}",
            current[0]
        );
        assert!(
            page.contains(&format!("<a href=\"/{market}/\">")),
            "{market}: a link home"
        );
    }
    // The root's 404 offers the chooser and selects no market.
    let root = s.read("404.html");
    assert!(!root.contains("aria-current"), "{root}");
    assert!(!root.contains("class=\"switcher\""), "{root}");
    for market in ["us", "uk", "fr", "de", "mx", "jp", "id"] {
        assert!(
            root.contains(&format!("<a href=\"/{market}/\" hreflang=")),
            "{market}: {root}"
        );
    }
}

#[test]
fn locale_file_wins_over_language_file() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let mx = s.read("mx/beta/index.html");
    assert!(mx.contains("Cuerpo ES-MX específico."), "{mx}");
    assert!(
        mx.contains("href=\"/mx/alpha/#more\""),
        "links resolve in the market"
    );
}

#[test]
fn missing_translation_leaves_the_page_out_with_a_warning() {
    let s = Site::fixture("basic");
    let r = s.build_ok(&[]);
    assert!(!s.exists("fr/beta/index.html"));
    assert!(
        s.exists("uk/beta/index.html"),
        "en-GB gets the English source"
    );
    assert!(
        r.has("content/explainers/beta.md:2:1: warning[missing-translation]"),
        "{}",
        r.stderr
    );
    assert!(!s.read("fr/index.html").contains("/fr/beta/"));
}

#[test]
fn untranslated_source_shows_a_notice_and_points_canonical_at_the_source() {
    let s = Site::fixture("basic");
    s.edit(
        "glasshouse.yaml",
        "framing: regulatory }\n  de:",
        "framing: regulatory, untranslated: source }\n  de:",
    );
    s.build_ok(&[]);
    let fr = s.read("fr/beta/index.html");
    assert!(fr.contains("class=\"notice\""), "{fr}");
    assert!(
        fr.contains("NOTICE-FR: page en anglais"),
        "the site's message overrides the theme's"
    );
    assert!(fr.contains("<link rel=\"canonical\" href=\"https://trust.example.com/us/beta/\">"));
    assert!(
        alternates(&fr).is_empty(),
        "no hreflang claim for the untranslated page"
    );
    let us = alternates(&s.read("us/beta/index.html"));
    assert!(!us.iter().any(|(l, _)| l == "fr-FR"));
}

#[test]
fn markets_restriction_by_framing() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/beta.md",
        "order: 2\n",
        "order: 2\nmarkets: [control, us]\n",
    );
    s.build_ok(&[]);
    assert!(s.exists("us/beta/index.html"));
    assert!(s.exists("mx/beta/index.html"));
    assert!(!s.exists("uk/beta/index.html"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/beta.md",
        "order: 2\n",
        "order: 2\ndraft: true\n",
    );
    s.build_ok(&[]);
    assert!(!s.exists("us/beta/index.html"));
    s.build_ok(&["--drafts"]);
    assert!(s.exists("us/beta/index.html"));
}

#[test]
fn messages_follow_the_fallback_chain_and_framing() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    assert!(
        s.read("us/alpha/index.html")
            .contains("CLOSING-OTHER for us")
    );
    assert!(
        s.read("uk/alpha/index.html")
            .contains("CLOSING-REGULATORY for uk"),
        "en-GB falls back to en-US"
    );
    assert!(
        s.read("fr/alpha/index.html").contains("Testbrand"),
        "terms fall back to en-US"
    );
    assert!(
        s.read("us/alpha/index.html")
            .contains("<title>Alpha and Testbrand · Testbrand privacy hub</title>")
    );
    assert!(s.read("fr/index.html").contains("lang=\"fr-FR\""));
}

#[test]
fn translated_headings_keep_the_source_ids() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let fr = s.read("fr/alpha/index.html");
    assert!(
        fr.contains("<h2 id=\"where-it-lives\">Heading fr one</h2>"),
        "{fr}"
    );
    assert!(fr.contains("<h2 id=\"more\">Heading fr two</h2>"));
}

#[test]
fn market_switcher_links_to_the_same_explainer() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let fr = s.read("fr/alpha/index.html");
    assert!(
        fr.contains("<a href=\"/jp/alpha/\" lang=\"ja-JP\" hreflang=\"ja-JP\">日本</a>"),
        "{fr}"
    );
    assert!(fr.contains(
        "<a href=\"/fr/alpha/\" lang=\"fr-FR\" hreflang=\"fr-FR\" aria-current=\"page\">France</a>"
    ));
}

/// The `href`s of a page's market switcher, by the market's locale, and the
/// one marked as the current page.
fn switcher(page: &str) -> (Vec<(String, String)>, Vec<String>) {
    let nav = page
        .split("<details class=\"switcher\">")
        .nth(1)
        .and_then(|rest| rest.split("</details>").next())
        .unwrap_or_else(|| panic!("no switcher: {page}"));
    let mut links = Vec::new();
    let mut current = Vec::new();
    for a in nav.split("<a ").skip(1) {
        let attr = |name: &str| {
            let rest = a.split(&format!("{name}=\"")).nth(1).unwrap_or_default();
            rest.split('"').next().unwrap_or_default().to_string()
        };
        if a.split('>')
            .next()
            .unwrap_or_default()
            .contains("aria-current=\"page\"")
        {
            current.push(attr("href"));
        }
        links.push((attr("hreflang"), attr("href")));
    }
    (links, current)
}

#[test]
fn creator_material_switches_markets_to_the_same_creator_material() {
    let s = Site::fixture("basic");
    // Alpha is not published in Germany or Indonesia.
    let alpha = "content/explainers/alpha.md";
    s.edit(
        alpha,
        "order: 1\n",
        "order: 1\nmarkets: [us, uk, fr, mx, jp]\n",
    );
    s.build_ok(&[]);
    let locales = [
        "en-US", "en-GB", "fr-FR", "de-DE", "es-MX", "ja-JP", "id-ID",
    ];
    let markets = ["us", "uk", "fr", "de", "mx", "jp", "id"];
    let leads = |page: &str, to: &dyn Fn(&str) -> String| {
        let (links, current) = switcher(&s.read(page));
        let expected: Vec<(String, String)> = (locales.iter().zip(markets))
            .map(|(l, m)| (l.to_string(), to(m)))
            .collect();
        assert_eq!(links, expected, "{page}");
        assert_eq!(current.len(), 1, "{page}: one market is the current one");
        current[0].clone()
    };
    // A script card: the same script card, else the market's scripts.
    let to_card = |m: &str| match m {
        "de" | "id" => format!("/{m}/scripts/"),
        m => format!("/{m}/scripts/alpha/"),
    };
    assert_eq!(
        leads("fr/scripts/alpha/index.html", &to_card),
        "/fr/scripts/alpha/"
    );
    assert_eq!(
        leads("jp/scripts/alpha/index.html", &to_card),
        "/jp/scripts/alpha/"
    );
    // A market's list of scripts: the other markets' lists.
    let to_list = |m: &str| format!("/{m}/scripts/");
    assert_eq!(leads("uk/scripts/index.html", &to_list), "/uk/scripts/");
    // A market's home: the other markets' homes.
    assert_eq!(leads("jp/index.html", &|m| format!("/{m}/")), "/jp/");
    // An explainer's page still leads to explainers' pages, else the home.
    let to_page = |m: &str| match m {
        "de" | "id" => format!("/{m}/"),
        m => format!("/{m}/alpha/"),
    };
    assert_eq!(leads("mx/alpha/index.html", &to_page), "/mx/alpha/");
    assert!(!s.exists("de/scripts/alpha/index.html"));
}

#[test]
fn values_are_escaped_in_templates_and_markdown() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/beta.md",
        "title: Beta",
        "title: Beta <script>alert(1)</script> \"q\"",
    );
    s.edit(
        "content/explainers/beta.md",
        "Beta body.",
        "Beta <img src=x onerror=alert(1)> body.",
    );
    let r = s.build_ok(&[]);
    let page = s.read("us/beta/index.html");
    assert!(
        !page.contains("<script>alert") && !page.contains("<img src=x"),
        "{page}"
    );
    assert!(page.contains("<title>Beta &lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        r.has("content/explainers/beta.md:6:6: warning[raw-html]"),
        "{}",
        r.stderr
    );
}

#[test]
fn theme_messages_are_escaped_and_framed_per_market() {
    // The theme prints `footer-note` without arguments: each market's templates
    // hold its text, which must still be escaped and framed for that market.
    let s = Site::fixture("basic");
    s.write(
        "locales/en-US/site.ftl",
        &(s.source("locales/en-US/site.ftl")
            + "footer-note = { $framing ->\n    [regulatory] Law & <order> in { $market }\n   *[other] {\"{{\"} \"open\" & shut\n}\n"),
    );
    s.build_ok(&[]);
    let uk = s.read("uk/alpha/index.html");
    assert!(
        uk.contains("<p class=\"footer-note\">Law &amp; &lt;order&gt; in uk</p>"),
        "{uk}"
    );
    // A text that would open a tag stays a call, printed as it is.
    let us = s.read("us/alpha/index.html");
    assert!(
        us.contains("<p class=\"footer-note\">{{ &quot;open&quot; &amp; shut</p>"),
        "{us}"
    );
}

#[test]
fn theme_assets_are_fingerprinted_and_site_static_is_copied() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let page = s.read("us/index.html");
    let start = page.find("href=\"/static/style.").expect("stylesheet link") + 6;
    let href = &page[start..start + page[start..].find('"').unwrap()];
    assert!(href.len() > "/static/style.css".len() + 8, "{href}");
    assert!(s.exists(&href[1..]));
    assert!(s.exists("images/pic.svg"));
    assert!(
        s.read("us/alpha/index.html")
            .contains("<img src=\"/images/pic.svg\" alt=\"A small picture\"")
    );
}

#[test]
fn chooser_and_404_link_every_market() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let index = s.read("index.html");
    for m in ["us", "uk", "fr", "de", "mx", "jp", "id"] {
        assert!(
            index.contains(&format!("href=\"/{m}/\"")),
            "chooser links {m}"
        );
        assert!(s.read("404.html").contains(&format!("href=\"/{m}/\"")));
    }
    assert!(
        alternates(&index).contains(&("x-default".into(), "https://trust.example.com/".into()))
    );
}

#[test]
fn one_market_for_its_own_domain() {
    let s = Site::fixture("basic");
    s.build_ok(&[
        "--market",
        "uk",
        "--out",
        "dist/uk",
        "--base-url",
        "https://uk.example.com/",
    ]);
    let dist = |rel: &str| std::fs::read_to_string(s.root.join("dist/uk").join(rel)).unwrap();
    let home = dist("index.html");
    assert!(home.contains("<html lang=\"en-GB\">"));
    assert!(home.contains("<link rel=\"canonical\" href=\"https://uk.example.com/\">"));
    let page = dist("alpha/index.html");
    assert!(page.contains("href=\"https://uk.example.com/alpha/\""));
    assert!(
        page.contains("hreflang=\"fr-FR\" href=\"https://trust.example.com/fr/alpha/\""),
        "other markets keep their URLs"
    );
    assert!(!s.root.join("dist/uk/us").exists() && !s.root.join("dist/uk/uk").exists());
    assert!(dist("sitemap.xml").contains("<loc>https://uk.example.com/alpha/</loc>"));
}

#[test]
fn repeated_market_flags_build_those_markets() {
    let s = Site::fixture("basic");
    let r = s.build_ok(&["--market", "us", "--market", "jp"]);
    assert!(r.stdout.starts_with("built 2 markets,"), "{}", r.stdout);
    assert!(s.exists("us/alpha/index.html") && s.exists("jp/alpha/index.html"));
    assert!(!s.exists("fr/alpha/index.html"));
}

#[test]
fn crlf_and_bom_sources_build() {
    let s = Site::fixture("basic");
    let text = s.source("content/explainers/beta.md").replace('\n', "\r\n");
    s.write_bytes(
        "content/explainers/beta.md",
        format!("\u{feff}{text}").as_bytes(),
    );
    s.build_ok(&[]);
    assert!(s.read("us/beta/index.html").contains("<h1>Beta</h1>"));
}

#[test]
fn pseudo_adds_an_accented_longer_bracketed_market() {
    let s = Site::fixture("basic");
    let r = s.build_ok(&["--pseudo"]);
    assert!(r.stdout.starts_with("built 8 markets,"), "{}", r.stdout);
    let page = s.read("pseudo/beta/index.html");
    assert!(page.contains("<html lang=\"en-XA\">"));
    assert!(
        page.contains("<h1>[ßéţåå]</h1>") || page.contains("<h1>[Ɓéé"),
        "{page}"
    );
    assert!(
        page.contains("[Ɓééţåå ƀööđý. Ɓååçķ ţöö ]"),
        "text is accented, longer and bracketed: {page}"
    );
    // Template strings go through Fluent, so they are pseudo-localized too: an
    // English string left in a template would stand out.
    assert!(page.contains("[Šķîîþ ţöö çööñţééñţ]"), "{page}");
    assert!(
        !s.read("us/beta/index.html").contains('['),
        "other markets are untouched"
    );
}

/// Add two right-to-left markets, Arabic and Hebrew, that show the English
/// source where they have no translation, and have no strings of their own.
fn add_right_to_left_markets(s: &Site) {
    s.edit(
        "glasshouse.yaml",
        "  id: { name: Indonesia, locale: id-ID, framing: accountability }",
        "  id: { name: Indonesia, locale: id-ID, framing: accountability }\n  sa: { name: السعودية, locale: ar-SA, framing: transparency, untranslated: source }\n  il: { name: ישראל, locale: he-IL, framing: regulatory, untranslated: source }",
    );
}

#[test]
fn strings_that_fall_back_to_a_locale_written_the_other_way_are_isolated_in_their_own() {
    let s = Site::fixture("basic");
    add_right_to_left_markets(&s);
    // The Hebrew market has one string of its own; the rest falls back to English.
    s.write("locales/he-IL/site.ftl", "skip-link = דלג לתוכן\n");
    s.build_ok(&[]);
    let (lri, pdi) = ('\u{2066}', '\u{2069}');
    for page in [
        "sa/alpha/index.html",
        "sa/index.html",
        "il/alpha/index.html",
    ] {
        let html = s.read(page);
        // In text, with arguments, and in attributes.
        for isolated in [
            format!("{lri}Region: "),
            format!("aria-label=\"{lri}Legal{pdi}\""),
            format!("{lri}Choose your region{pdi}"),
        ] {
            assert!(
                html.contains(&isolated),
                "{page}: no {isolated:?} in {html}"
            );
        }
        assert_eq!(
            html.matches(lri).count(),
            html.matches(pdi).count(),
            "{page}"
        );
    }
    let sa = s.read("sa/alpha/index.html");
    assert!(sa.contains(&format!(
        "{lri}This page is not yet available in your language."
    )));
    assert!(sa.contains(&format!("{lri}Skip to content{pdi}")));
    // A string of the market's own direction is not isolated.
    let il = s.read("il/alpha/index.html");
    assert!(il.contains(">דלג לתוכן<"), "{il}");
    // Nor is anything in a market whose fallbacks are written its way.
    for page in [
        "fr/alpha/index.html",
        "uk/index.html",
        "jp/scripts/alpha/index.html",
    ] {
        let html = s.read(page);
        assert!(
            !html.contains(['\u{2066}', '\u{2067}', '\u{2069}']),
            "{page}"
        );
    }
}

#[test]
fn a_right_to_left_market_gets_dir_and_text_in_another_language_its_own_lang() {
    let s = Site::fixture("basic");
    add_right_to_left_markets(&s);
    s.build_ok(&[]);
    let sa = s.read("sa/alpha/index.html");
    assert!(sa.contains("<html lang=\"ar-SA\" dir=\"rtl\">"), "{sa}");
    // The English source shown there says so, and the notice is the page's.
    assert!(
        sa.contains("<article class=\"explainer\" lang=\"en\" dir=\"ltr\">"),
        "{sa}"
    );
    assert!(
        sa.contains("<p class=\"notice\" role=\"note\" lang=\"ar-SA\" dir=\"rtl\">"),
        "{sa}"
    );
    // The date line is the page's text, in the page's language.
    assert!(
        sa.contains("<p class=\"meta\" lang=\"ar-SA\" dir=\"rtl\"><time"),
        "{sa}"
    );
    // So does its script card, line by line; times read left to right.
    let card = s.read("sa/scripts/alpha/index.html");
    assert!(card.contains("<h1 lang=\"en\" dir=\"ltr\">"), "{card}");
    let lines = card.matches("<li class=\"script-line").count();
    assert!(lines >= 4, "{card}");
    let spoken = card
        .matches("<p class=\"spoken\" lang=\"en\" dir=\"ltr\">")
        .count();
    assert_eq!(spoken, lines, "{card}");
    assert_eq!(
        card.matches("<span class=\"times\" dir=\"ltr\">").count(),
        lines
    );
    let fr_card = s.read("fr/scripts/alpha/index.html");
    assert!(!fr_card.contains("<p class=\"spoken\" lang="), "{fr_card}");
    let home = s.read("sa/index.html");
    assert!(home.contains("<html lang=\"ar-SA\" dir=\"rtl\">"));
    // The cards of explainers shown in English say so.
    assert!(
        home.contains("<li class=\"card\" lang=\"en\" dir=\"ltr\">"),
        "{home}"
    );
    assert!(
        !s.read("fr/index.html").contains("<li class=\"card\" lang="),
        "translated cards carry the page's language"
    );
    assert!(
        s.read("il/404.html")
            .contains("<html lang=\"he-IL\" dir=\"rtl\">")
    );
    // Left-to-right pages carry no `dir`; a translated page no `lang` of its own.
    let fr = s.read("fr/alpha/index.html");
    assert!(fr.contains("<html lang=\"fr-FR\">"), "{fr}");
    assert!(fr.contains("<article class=\"explainer\">"), "{fr}");
    let jp = s.read("jp/alpha/index.html");
    assert!(jp.contains("<html lang=\"ja-JP\">"));
}

#[test]
fn the_updated_date_is_written_as_each_market_writes_dates() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    for (market, date) in [
        ("us", "November 20, 2026"),
        ("uk", "20 November 2026"),
        ("fr", "20 novembre 2026"),
        ("de", "20. November 2026"),
        ("mx", "20 de noviembre de 2026"),
        ("jp", "2026年11月20日"),
        ("id", "20 November 2026"),
    ] {
        let page = s.read(&format!("{market}/alpha/index.html"));
        let time = page
            .split("<time datetime=\"2026-11-20\">")
            .nth(1)
            .unwrap_or_default();
        assert!(
            time.split("</time>").next().unwrap().contains(date),
            "{market}: {time}"
        );
    }
}
