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

/// `alpha`'s US page with `markdown` added at its end and the site's static
/// `images` (path, width, height, format) written first.
fn page_with_images(
    images: &[(&str, u32, u32, image::ImageFormat)],
    markdown: &str,
) -> (Site, crate::harness::Run) {
    let s = Site::fixture("basic");
    for &(path, w, h, format) in images {
        let full = s.root.join("static").join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        image::RgbImage::new(w, h)
            .save_with_format(&full, format)
            .unwrap();
    }
    append_to_alpha(&s, markdown);
    let r = s.build(&["--market", "us"]);
    (s, r)
}

/// `markdown` added at the end of `alpha`'s source.
fn append_to_alpha(s: &Site, markdown: &str) {
    let source = s.source("content/explainers/alpha.md");
    s.write(
        "content/explainers/alpha.md",
        &format!("{source}\n{markdown}\n"),
    );
}

fn img_tags(html: &str) -> Vec<String> {
    let main = &html[html.find("<main").unwrap()..];
    main.match_indices("<img ")
        .map(|(i, _)| main[i..i + main[i..].find('>').unwrap() + 1].to_string())
        .collect()
}

#[test]
fn every_image_with_a_size_gets_it_and_images_below_the_top_load_lazily() {
    use image::ImageFormat::{Gif, Jpeg, Png, WebP};
    let (s, r) = page_with_images(
        &[
            ("images/wide.png", 1600, 900, Png),
            ("photos/p.jpg", 300, 400, Jpeg),
            ("a.gif", 7, 5, Gif),
            ("b.webp", 20, 10, WebP),
        ],
        "![Wide](/images/wide.png)\n\n![Tall \"photo\" <b>](/photos/p.jpg \"A title\")\n\n![g](/a.gif) ![w](/b.webp)\n\n![Remote](https://example.com/x.png)",
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let tags = img_tags(&s.read("us/alpha/index.html"));
    assert_eq!(tags.len(), 6, "{tags:?}");
    // The SVG before the first heading is the one image that loads at once.
    assert!(
        tags[0].contains("src=\"/images/pic.svg\"")
            && tags[0].contains("width=\"10\" height=\"10\""),
        "{}",
        tags[0]
    );
    assert!(!tags[0].contains("loading="), "{}", tags[0]);
    let expect = [
        ("/images/wide.png", Some((1600, 900))),
        ("/photos/p.jpg", Some((300, 400))),
        ("/a.gif", Some((7, 5))),
        ("/b.webp", Some((20, 10))),
        ("https://example.com/x.png", None),
    ];
    for (tag, (src, size)) in tags[1..].iter().zip(expect) {
        assert!(tag.contains(&format!("src=\"{src}\"")), "{tag}");
        assert!(tag.contains("loading=\"lazy\""), "{tag}");
        match size {
            Some((w, h)) => assert!(
                tag.contains(&format!("width=\"{w}\" height=\"{h}\"")),
                "{tag}"
            ),
            None => assert!(!tag.contains("width="), "{tag}"),
        }
    }
    assert!(
        tags[2].contains("alt=\"Tall &quot;photo&quot; &lt;b&gt;\"")
            && tags[2].contains("title=\"A title\""),
        "{}",
        tags[2]
    );
}

#[test]
fn a_first_image_below_the_second_heading_loads_lazily() {
    let (s, r) = page_with_images(&[], "");
    assert_eq!(r.status, 0);
    let source = s
        .source("content/explainers/alpha.md")
        .replace("![A small picture](/images/pic.svg)\n", "");
    s.write(
        "content/explainers/alpha.md",
        &format!("{source}\n## Later\n\n![A small picture](/images/pic.svg)\n"),
    );
    s.build_ok(&["--market", "us"]);
    let tags = img_tags(&s.read("us/alpha/index.html"));
    assert!(tags[0].contains("loading=\"lazy\""), "{tags:?}");
}

#[test]
fn a_file_that_is_not_the_image_its_name_says_is_a_warning_and_has_no_size() {
    let s = Site::fixture("basic");
    s.write("static/images/broken.png", "<html>not a png</html>");
    append_to_alpha(&s, "![Broken](/images/broken.png)");
    let r = s.build_ok(&["--market", "us"]);
    assert!(
        r.has("static/images/broken.png:1:1: warning[encoding]"),
        "{:?}",
        r.heads()
    );
    let tags = img_tags(&s.read("us/alpha/index.html"));
    assert!(
        tags[1].contains("/images/broken.png") && !tags[1].contains("width="),
        "{tags:?}"
    );
}

#[test]
fn the_preview_gives_a_replaced_image_its_new_size() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    assert!(
        server
            .page("/us/alpha/")
            .contains("width=\"10\" height=\"10\"")
    );
    s.write(
        "static/images/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 32\"><title>pic</title></svg>",
    );
    server.wait_for("the new size", |sv| {
        sv.page("/us/alpha/").contains("width=\"64\" height=\"32\"")
    });
}

fn png(w: u32, h: u32, colour: [u8; 3]) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(w, h, image::Rgb(colour))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

fn srcset(tag: &str) -> Vec<(String, u32)> {
    let set = crate::harness::attr(tag, "srcset");
    set.split(", ")
        .map(|c| {
            let (url, w) = c.rsplit_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

#[test]
fn a_wide_raster_image_gets_resized_copies_at_the_theme_widths() {
    use image::ImageFormat::{Jpeg, Png};
    let (s, r) = page_with_images(
        &[
            ("images/wide.png", 1600, 900, Png),
            ("images/photo.jpeg", 1000, 500, Jpeg),
            ("images/small.png", 300, 200, Png),
        ],
        "![Wide](/images/wide.png)\n\n![Photo](/images/photo.jpeg)\n\n![Small](/images/small.png)",
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let tags = img_tags(&s.read("us/alpha/index.html"));
    // The default theme's widths (theme.yaml): 480, 800, 1200; each copy narrower
    // than the original, then the original at its own width.
    for (tag, src, widths) in [
        (&tags[1], "/images/wide.png", vec![480, 800, 1200, 1600]),
        (&tags[2], "/images/photo.jpeg", vec![480, 800, 1000]),
    ] {
        let set = srcset(tag);
        assert_eq!(set.iter().map(|c| c.1).collect::<Vec<_>>(), widths, "{tag}");
        assert_eq!(set.last().unwrap().0, src);
        assert_eq!(
            crate::harness::attr(tag, "sizes"),
            "(min-width: 42rem) 40rem, calc(100vw - 2rem)"
        );
        for (url, w) in &set[..set.len() - 1] {
            let bytes = std::fs::read(s.out(url.trim_start_matches('/'))).unwrap();
            let img = image::load_from_memory(&bytes).unwrap();
            let (ow, oh) = if src.ends_with("png") {
                (1600, 900)
            } else {
                (1000, 500)
            };
            assert_eq!(
                (img.width(), img.height()),
                (*w, (oh as f64 * *w as f64 / ow as f64).round() as u32),
                "{url}"
            );
            assert_eq!(
                image::guess_format(&bytes).unwrap(),
                if src.ends_with("png") { Png } else { Jpeg }
            );
        }
    }
    assert!(!tags[3].contains("srcset"), "{}", tags[3]);
    // The original stays available.
    assert!(s.exists("images/wide.png"));
}

#[test]
fn a_rebuild_reuses_the_resized_copies_and_drops_those_of_a_changed_image() {
    let s = Site::fixture("basic");
    s.write_bytes("static/images/wide.png", &png(1000, 500, [200, 30, 30]));
    append_to_alpha(&s, "![Wide](/images/wide.png)");
    s.build_ok(&[]);
    let first = srcset(&img_tags(&s.read("us/alpha/index.html"))[1]);
    let (url, _) = &first[0];
    let rel = url.trim_start_matches('/');
    let kept = s.root.join(".public.cache").join(rel.replace('/', "%2F"));
    assert!(kept.is_file(), "the copy is kept beside the output");
    // What the cache holds is what the next build publishes: it makes nothing again.
    let marker = png(480, 240, [0, 0, 255]);
    std::fs::write(&kept, &marker).unwrap();
    s.build_ok(&[]);
    assert_eq!(std::fs::read(s.out(rel)).unwrap(), marker);
    // `check` writes nothing, not even to the cache.
    std::fs::remove_dir_all(s.root.join(".public.cache")).unwrap();
    // (It finds the translations lacking the new image: they are not the point here.)
    let r = s.run(&["check"]);
    assert!(r.stdout.contains("structure-mismatch"), "{}", r.stdout);
    assert!(!s.root.join(".public.cache").exists());
    // A changed image gets new names; the old copies leave the output and the cache.
    s.build_ok(&[]);
    s.write_bytes("static/images/wide.png", &png(1000, 500, [30, 200, 30]));
    s.build_ok(&[]);
    let second = srcset(&img_tags(&s.read("us/alpha/index.html"))[1]);
    assert_ne!(first[0].0, second[0].0);
    assert!(!s.exists(rel) && !kept.exists());
    assert!(
        s.root
            .join(".public.cache")
            .join(second[0].0.trim_start_matches('/').replace('/', "%2F"))
            .is_file()
    );
}

#[test]
fn the_preview_serves_the_resized_copies() {
    let s = Site::fixture("basic");
    s.write_bytes("static/images/wide.png", &png(900, 300, [10, 10, 10]));
    append_to_alpha(&s, "![Wide](/images/wide.png)");
    let server = Server::start(&s, &[]);
    let set = srcset(&img_tags(&server.page("/us/alpha/"))[1]);
    assert_eq!(set.iter().map(|c| c.1).collect::<Vec<_>>(), [480, 800, 900]);
    let copy = get(&server.url, &set[0].0);
    assert_eq!(copy.status, 200);
    let img = image::load_from_memory(&copy.body).unwrap();
    assert_eq!((img.width(), img.height()), (480, 160));
}

/// A copy of the PNG or JPEG `bytes` whose header claims `w` x `h` pixels (and
/// whose pixel data, for so many, is missing).
fn claiming(bytes: &[u8], w: u32, h: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.starts_with(b"\x89PNG") {
        out[16..20].copy_from_slice(&w.to_be_bytes());
        out[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = crc32(&out[12..29]);
        out[29..33].copy_from_slice(&crc.to_be_bytes());
    } else {
        let sof = out.windows(2).position(|m| m == [0xFF, 0xC0]).unwrap();
        out[sof + 5..sof + 7].copy_from_slice(&(h as u16).to_be_bytes());
        out[sof + 7..sof + 9].copy_from_slice(&(w as u16).to_be_bytes());
    }
    out
}

/// PNG's CRC-32 (ISO 3309), bit by bit.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(w, h, image::Rgb([20, 90, 160]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    bytes
}

/// A header can promise more pixels than memory holds (a small file, gigabytes
/// decoded): past 50 megapixels an image gets no resized copies, only a
/// warning, and pages show it as it is.
#[test]
fn an_image_too_large_to_resize_is_published_as_it_is_with_a_warning() {
    for (name, bytes) in [
        (
            "bomb.png",
            claiming(&png(64, 64, [1, 2, 3]), 20_000, 20_000),
        ),
        (
            "just-over.png",
            claiming(&png(64, 64, [1, 2, 3]), 10_001, 5_000),
        ),
        ("camera.jpg", claiming(&jpeg(64, 64), 10_000, 6_000)),
    ] {
        let s = Site::fixture("basic");
        s.write_bytes(&format!("static/images/{name}"), &bytes);
        append_to_alpha(&s, &format!("![Big](/images/{name})"));
        let r = s.build_ok(&["--market", "us"]);
        assert!(
            r.has(&format!("static/images/{name}:1:1: warning[content-limit]")),
            "{name}: {:?}",
            r.heads()
        );
        let tags = img_tags(&s.read("us/alpha/index.html"));
        let tag = tags.iter().find(|t| t.contains(name)).unwrap();
        assert!(!tag.contains("srcset") && tag.contains("width="), "{tag}");
        assert_eq!(
            std::fs::read(s.out(&format!("images/{name}"))).unwrap(),
            bytes
        );
        let stem = name.split('.').next().unwrap();
        let copies = std::fs::read_dir(s.out("static/img")).map_or(0, |d| {
            d.filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(stem)
            })
            .count()
        });
        assert_eq!(copies, 0, "{name}");
    }
}

/// An image whose header reads but whose pixels do not (cut short, or at 50
/// megapixels exactly, so under the bound, with its pixel data missing) fails
/// the build at the file, exit 1, and nothing is written.
#[test]
fn an_image_whose_pixels_do_not_decode_fails_the_build_at_the_file() {
    let noise: Vec<u8> = (0..1000u32 * 500 * 3)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let mut wide = Vec::new();
    image::RgbImage::from_raw(1000, 500, noise)
        .unwrap()
        .write_to(
            &mut std::io::Cursor::new(&mut wide),
            image::ImageFormat::Png,
        )
        .unwrap();
    for (name, bytes) in [
        ("cut.png", wide[..wide.len() / 2].to_vec()),
        (
            "at-the-bound.png",
            claiming(&png(64, 64, [1, 2, 3]), 10_000, 5_000),
        ),
    ] {
        let r = fails_with(
            |s| {
                s.write_bytes(&format!("static/images/{name}"), &bytes);
            },
            &format!("static/images/{name}:1:1: error[encoding]"),
        );
        assert!(r.stderr.contains("cannot be resized"), "{}", r.stderr);
    }
}
