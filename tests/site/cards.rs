//! Share cards: every page names a 1200x630 PNG in `og:image`, drawn once and
//! kept beside the output; a changed title draws a new card for its pages only.

use crate::harness::Site;
use crate::http::get;
use crate::serve::Server;
use crate::theme::metas;
use std::collections::BTreeMap;

const BASE: &str = "https://trust.example.com/";

/// Each HTML page of the output -> its `og:image` (output path) and alt text.
fn card_of_each_page(s: &Site) -> BTreeMap<String, (String, String)> {
    let mut cards = BTreeMap::new();
    for (rel, bytes) in s.snapshot() {
        if !rel.ends_with(".html") {
            continue;
        }
        let m = metas(&String::from_utf8(bytes).unwrap());
        let one = |k: &str| m.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        let url = one("og:image").unwrap_or_else(|| panic!("{rel}: no og:image"));
        assert_eq!(one("og:image:width").as_deref(), Some("1200"), "{rel}");
        assert_eq!(one("og:image:height").as_deref(), Some("630"), "{rel}");
        assert_eq!(one("og:image:type").as_deref(), Some("image/png"), "{rel}");
        let path = url
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{rel}: {url}"));
        cards.insert(rel, (path.to_string(), one("og:image:alt").unwrap()));
    }
    cards
}

#[test]
fn every_page_names_a_1200_by_630_card_that_the_build_wrote() {
    let s = Site::example();
    s.build_ok(&[]);
    let cards = card_of_each_page(&s);
    assert!(cards.len() > 100);
    for (page, (card, alt)) in &cards {
        assert!(!alt.is_empty(), "{page}");
        let img = image::load_from_memory_with_format(
            &std::fs::read(s.out(card)).unwrap_or_else(|e| panic!("{page}: {card}: {e}")),
            image::ImageFormat::Png,
        )
        .unwrap();
        assert_eq!((img.width(), img.height()), (1200, 630), "{card}");
    }
    let card = |page: &str| cards[page].0.clone();
    // An explainer page has its own card, beside it; its script card shows it.
    let page = card("jp/two-step-verification/index.html");
    assert!(page.starts_with("jp/two-step-verification/card."), "{page}");
    assert_eq!(card("jp/scripts/two-step-verification/index.html"), page);
    assert_ne!(card("us/two-step-verification/index.html"), page);
    assert_eq!(cards["jp/two-step-verification/index.html"].1, "2段階認証");
    // A market's indexes share its home's; the root 404 the chooser's.
    let home = card("jp/index.html");
    assert!(home.starts_with("jp/card."), "{home}");
    assert_eq!(card("jp/scripts/index.html"), home);
    assert_eq!(card("jp/404.html"), home);
    assert!(card("index.html").starts_with("card."));
    assert_eq!(card("404.html"), card("index.html"));
    // Each card once: no two pages of different titles share one.
    let pngs: Vec<_> = (s.snapshot().into_iter())
        .filter(|(rel, _)| rel.ends_with(".png") && rel.contains("card."))
        .collect();
    let named: std::collections::BTreeSet<_> = cards.values().map(|c| c.0.clone()).collect();
    assert_eq!(pngs.len(), named.len());
}

/// A rebuild takes every card from the cache beside the output, even into a
/// new output folder: it draws none, and links the cache's files. Shown by a cache whose cards were all
/// replaced by one marker image: the rebuild publishes the marker.
#[test]
fn a_rebuild_draws_no_card_it_has_kept() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let cache = s.root.join(".public.cache");
    let kept: Vec<_> = (std::fs::read_dir(&cache).unwrap().flatten())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("card."))
        .collect();
    assert!(kept.len() >= 3, "{kept:?}");
    let marker = b"not a card, but what the cache holds";
    for p in &kept {
        std::fs::write(p, marker).unwrap();
    }
    std::fs::remove_dir_all(s.root.join("public")).unwrap();
    let _ = std::fs::remove_dir_all(s.root.join(".public.prev"));
    s.build_ok(&[]);
    let cards: Vec<_> = (s.snapshot().into_iter())
        .filter(|(rel, _)| rel.contains("card."))
        .collect();
    assert_eq!(cards.len(), kept.len());
    assert!(cards.iter().all(|(_, bytes)| bytes == marker));
    // Linked from the cache, not copied: a cold build writes no card's bytes.
    #[cfg(unix)]
    for (rel, _) in &cards {
        let meta = std::fs::metadata(s.root.join("public").join(rel)).unwrap();
        assert_eq!(std::os::unix::fs::MetadataExt::nlink(&meta), 2, "{rel}");
    }
}

#[test]
fn a_changed_title_draws_new_cards_for_its_pages_only() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let before = card_of_each_page(&s);
    s.edit("content/explainers/alpha.md", "title: ", "title: Renamed ");
    s.build_ok(&[]);
    let after = card_of_each_page(&s);
    let changed: Vec<&String> = (before.keys())
        .filter(|page| before[*page].0 != after[*page].0)
        .collect();
    assert!(!changed.is_empty());
    for page in &changed {
        assert!(page.contains("/alpha/"), "{page} changed: {changed:?}");
        assert!(!s.exists(&before[*page].0), "{page}: old card left behind");
        assert!(s.exists(&after[*page].0));
    }
    // The pages that show the source title: those of English markets.
    assert!(changed.iter().any(|p| p.starts_with("us/alpha/")));
}

#[test]
fn the_preview_serves_each_page_its_card() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    let page = server.page("/us/alpha/");
    let m = metas(&page);
    let url = &m.iter().find(|(k, _)| k == "og:image").unwrap().1;
    let path = &url[url.find("/us/").unwrap()..];
    let card = get(&server.url, path);
    assert_eq!(card.status, 200, "{path}");
    let img = image::load_from_memory(&card.body).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 630));
}

/// The `og:image` path of the served page at `page`.
fn served_card_path(server: &Server, page: &str) -> String {
    let m = metas(&server.page(page));
    let url = &m.iter().find(|(k, _)| k == "og:image").unwrap().1;
    url[server.url.trim_end_matches('/').len()..].to_string()
}

#[test]
fn the_preview_draws_each_card_when_it_is_asked_for_as_the_build_draws_it() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    // What a build for the preview's address draws, byte for byte.
    let out = s.root.join("for-preview");
    s.build_ok(&["--base-url", &server.url, "--out", "for-preview"]);
    for page in [
        "/",
        "/us/alpha/",
        "/jp/alpha/",
        "/fr/",
        "/us/scripts/alpha/",
    ] {
        let path = served_card_path(&server, page);
        let first = get(&server.url, &path);
        assert_eq!(first.status, 200, "{page}: {path}");
        assert_eq!(first.header("content-type"), Some("image/png"));
        let img = image::load_from_memory(&first.body).unwrap();
        assert_eq!((img.width(), img.height()), (1200, 630), "{path}");
        assert_eq!(
            get(&server.url, &path).body,
            first.body,
            "drawn once: {path}"
        );
        let file = std::fs::read(out.join(path.trim_start_matches('/'))).unwrap();
        assert!(file == first.body, "{path} differs from the build's");
    }
}

#[test]
fn a_broken_card_template_is_reported_by_the_preview_and_its_fix_clears_it() {
    let s = Site::fixture("basic");
    crate::harness::copy_theme(&s);
    let server = Server::start(&s, &[]);
    let card = "themes/default/cards/card.svg";
    let good = s.source(card);
    for broken in [
        // Parses as a template, fails as one: the name is unknown.
        good.replacen("text=card.title", "text=card.no_such_field", 1),
        // A template that makes something other than SVG.
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"><g>".into(),
    ] {
        assert_ne!(broken, good);
        s.write(card, &broken);
        server.wait_for("the card error", |sv| {
            let status = sv.status();
            (status["errors"].as_array().unwrap().iter())
                .any(|e| e.to_string().contains("card.svg"))
        });
        s.write(card, &good);
        server.wait_for("the fix", |sv| {
            sv.status()["errors"].as_array().unwrap().is_empty()
        });
    }
    let path = served_card_path(&server, "/us/alpha/");
    assert_eq!(get(&server.url, &path).status, 200);
    // Page cards are drawn when asked for, not with the rebuild: one that only
    // a market's card breaks is told to whoever asks for it.
    let before = server.generation();
    s.write(
        card,
        &format!("{{% if card.market %}}{{{{ card.no_such_field }}}}{{% endif %}}{good}"),
    );
    server.wait_for("the rebuild", |sv| sv.generation() > before);
    assert!(server.status()["errors"].as_array().unwrap().is_empty());
    let path = served_card_path(&server, "/us/alpha/");
    let refused = get(&server.url, &path);
    assert_eq!(refused.status, 500, "{path}");
    assert!(refused.text().contains("card.svg"), "{}", refused.text());
}

/// A card template that parses but fails while a card is drawn is the theme's
/// error, at its place in the template (exit 1), whichever card fails, and the
/// build writes nothing.
#[test]
fn a_card_that_cannot_be_drawn_fails_the_build_at_its_template_line() {
    let card = "themes/default/cards/card.svg";
    let first_rect = "<rect width=\"1200\" height=\"630\" fill=\"#f7f6f2\"/>";
    for (change, head) in [
        // Arithmetic on a name the card does not have, on every card.
        (
            "<rect width=\"{{ card.missing + 1 }}\" height=\"630\" fill=\"#f7f6f2\"/>",
            "themes/default/cards/card.svg:16:17: error[template]",
        ),
        // Only the markets' page cards fail, not the chooser's.
        (
            "{% if card.market %}{{ card.market.nothing.deeper }}{% endif %}<rect width=\"1200\" height=\"630\" fill=\"#f7f6f2\"/>",
            "themes/default/cards/card.svg:16:36: error[template]",
        ),
        // Only the chooser's card fails.
        (
            "{% if not card.market %}{{ card.nothing | upper }}{% endif %}<rect width=\"1200\" height=\"630\" fill=\"#f7f6f2\"/>",
            "themes/default/cards/card.svg:16:28: error[template]",
        ),
        // What the template makes is not SVG: no place in the template.
        ("<g>", "error[template]"),
    ] {
        let r = crate::harness::fails_with(
            |s| {
                crate::harness::copy_theme(s);
                s.edit(card, first_rect, change);
            },
            head,
        );
        assert!(r.stderr.contains(card), "{}", r.stderr);
    }
}
