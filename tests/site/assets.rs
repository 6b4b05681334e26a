//! What the build does to the files it publishes besides pages: SVGs that could
//! run code or load from elsewhere are refused, in the site's static/ and in a
//! theme, by the build and by the preview; theme stylesheets are minified.

use crate::harness::{Site, copy_theme, fails_with};
use crate::http::get;
use crate::serve::Server;

const CLEAN: &str =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <title>pic</title>\n";

#[test]
fn an_unsafe_svg_in_static_fails_the_build_at_its_line_and_column() {
    // (the part on line 3, its column)
    let parts = [
        ("  <script>alert(1)</script>", 3),
        ("  <rect width=\"1\" onload=\"alert(1)\"/>", 3),
        ("  <a href=\"javascript:alert(1)\"><text>x</text></a>", 3),
        ("  <image href=\"https://tracker.example/pixel.png\"/>", 3),
        ("  <use xlink:href=\"//cdn.example/sprite.svg#i\"/>", 3),
        ("  <style>@import url(https://x.example/a.css);</style>", 3),
        ("  <style>\n.a{fill:url(https://x.example/p)}</style>", 3),
        ("  <rect style=\"fill:url(http://x.example/p)\"/>", 3),
        (
            "  <foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject>",
            3,
        ),
    ];
    for (part, line) in parts {
        // A `<style>`'s text is found where the text starts.
        let col = part
            .find("<style>")
            .map_or(part.find('<').unwrap(), |i| i + 7)
            + 1;
        let r = fails_with(
            |s| {
                s.write("static/images/pic.svg", &format!("{CLEAN}{part}\n</svg>\n"));
            },
            &format!("static/images/pic.svg:{line}:{col}: error[unsafe-svg]"),
        );
        assert!(r.stderr.contains("help:"), "{}", r.stderr);
    }
}

#[test]
fn a_safe_svg_is_published_unchanged() {
    let s = Site::fixture("basic");
    let svg = format!(
        "{CLEAN}  <defs><linearGradient id=\"g\"/></defs>\n  <rect fill=\"url(#g)\" width=\"10\" height=\"10\"/>\n</svg>\n"
    );
    s.write("static/images/pic.svg", &svg);
    s.build_ok(&[]);
    assert_eq!(s.read("images/pic.svg"), svg);
}

#[test]
fn a_failed_build_leaves_the_last_good_output() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let before = s.snapshot();
    s.write(
        "static/images/pic.svg",
        &format!("{CLEAN}<script>x</script></svg>"),
    );
    assert_eq!(s.build(&[]).status, 1);
    assert_eq!(s.snapshot(), before);
    // `check` finds it too.
    let r = s.run(&["check"]);
    assert_eq!(r.status, 1);
    assert!(r.stdout.contains("error[unsafe-svg]"), "{}", r.stdout);
}

#[test]
fn an_unsafe_svg_in_the_theme_fails_the_build() {
    let s = Site::fixture("basic");
    copy_theme(&s);
    s.write(
        "themes/default/static/icon.svg",
        "<svg>\n<g onclick=\"steal()\"/></svg>",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1);
    assert!(
        r.has("themes/default/static/icon.svg:2:1: error[unsafe-svg]"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_preview_keeps_the_last_good_svg_and_reports_the_unsafe_one() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    let good = get(&server.url, "/images/pic.svg").text();
    assert!(good.contains("<svg"), "{good}");
    s.write(
        "static/images/pic.svg",
        &format!("{CLEAN}<script>x</script></svg>"),
    );
    server.wait_for("the finding", |sv| {
        !sv.status()["errors"].as_array().unwrap().is_empty()
    });
    let status = server.status();
    assert_eq!(status["errors"][0]["file"], "static/images/pic.svg");
    assert_eq!(status["errors"][0]["code"], "unsafe-svg");
    // The last good file stays served, as the last good pages do.
    assert_eq!(get(&server.url, "/images/pic.svg").text(), good);
    let fixed = format!("{CLEAN}</svg>");
    s.write("static/images/pic.svg", &fixed);
    server.wait_for("the fix", |sv| {
        sv.status()["errors"].as_array().unwrap().is_empty()
            && get(&sv.url, "/images/pic.svg").text() == fixed
    });
}

#[test]
fn the_theme_stylesheet_is_minified_and_fingerprinted_by_its_published_bytes() {
    let s = Site::fixture("basic");
    copy_theme(&s);
    s.build_ok(&[]);
    let page = s.read("us/alpha/index.html");
    let href = page
        .split("href=\"")
        .map(|p| &p[..p.find('"').unwrap()])
        .find(|h| h.ends_with(".css"))
        .expect("a stylesheet link")
        .to_string();
    let css = s.read(href.trim_start_matches('/'));
    let source = s.source("themes/default/static/style.css");
    assert!(
        css.len() * 10 < source.len() * 9,
        "{} of {} bytes",
        css.len(),
        source.len()
    );
    assert!(!css.contains("/*") && css.lines().count() <= 2, "minified");
    for selector in [
        ":root{",
        "@media print{",
        "@media (prefers-color-scheme:dark){",
    ] {
        assert_eq!(
            css.contains(selector),
            source.contains(&selector.trim_end_matches('{').replace(":dark", ": dark")),
            "{selector} in {css}"
        );
    }
    let hash = &blake3::hash(css.as_bytes()).to_hex()[..10];
    assert!(href.contains(hash), "{href} names the published bytes");
    // A comment changes the source, not the published file or its name.
    s.write(
        "themes/default/static/style.css",
        &format!("/* a note */\n{source}"),
    );
    s.build_ok(&[]);
    assert!(s.read("us/alpha/index.html").contains(&href));
}

#[test]
fn a_theme_stylesheet_that_does_not_parse_is_an_error_at_its_line() {
    for (broken, line) in [("a {}\n..b { color: red }\n", 2), ("x {}\n\n}}} {\n", 3)] {
        let s = Site::fixture("basic");
        copy_theme(&s);
        let source = s.source("themes/default/static/style.css");
        let lines = source.lines().count();
        s.write(
            "themes/default/static/style.css",
            &format!("{source}{broken}"),
        );
        let r = s.build(&[]);
        assert_eq!(r.status, 1, "{broken:?}");
        let at = format!("themes/default/static/style.css:{}:", lines + line);
        assert!(
            r.heads()
                .iter()
                .any(|h| h.starts_with(&at) && h.contains("error[css]")),
            "{at} in {:?}",
            r.heads()
        );
    }
}
