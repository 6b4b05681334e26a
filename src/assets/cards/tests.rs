use super::*;
use crate::diagnostics::Diagnostics;
use image::RgbImage;
use std::path::PathBuf;

/// The default theme's card template and fonts (the embedded copy).
fn theme() -> crate::theme::Theme {
    let site = tempfile::tempdir().unwrap();
    let dir = crate::paths::SiteDir::open(site.path()).unwrap();
    crate::theme::load_theme(&dir, "default", &mut Diagnostics::new()).unwrap()
}

fn maker() -> CardMaker {
    let t = theme();
    CardMaker::new(t.card.as_ref().unwrap(), &t.fonts).unwrap()
}

fn text(title: &str, lang: &str, dir: &'static str) -> CardText {
    CardText {
        title: title.into(),
        brand: "Kestrel privacy hub".into(),
        market: "日本".into(),
        address: "trust.example.com/jp/two-step-verification/".into(),
        lang: lang.into(),
        dir,
        colour: Some("#0b5cad".into()),
    }
}

fn decode(png: &[u8]) -> RgbImage {
    image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .unwrap()
        .to_rgb8()
}

/// Pixels darker than the card's paper, in the title's band.
fn ink_in_title_band(img: &RgbImage) -> usize {
    (img.enumerate_pixels())
        .filter(|(_, y, p)| (200..460).contains(y) && p.0.iter().all(|&c| c < 100))
        .count()
}

/// How far two images are apart: the mean difference of a channel (0-255) and
/// the share of pixels that differ by more than a quarter in some channel.
fn distance(a: &RgbImage, b: &RgbImage) -> (f64, f64) {
    assert_eq!(a.dimensions(), b.dimensions());
    let (mut sum, mut far) = (0u64, 0u64);
    for (p, q) in a.pixels().zip(b.pixels()) {
        let d: Vec<u8> = (0..3).map(|i| p.0[i].abs_diff(q.0[i])).collect();
        sum += d.iter().map(|&x| u64::from(x)).sum::<u64>();
        far += u64::from(d.iter().any(|&x| x > 64));
    }
    let n = f64::from(a.width() * a.height());
    (sum as f64 / (n * 3.0), far as f64 / n)
}

/// Compare a drawn card with its reference in `tests/fixtures/cards/`
/// (`GLASSHOUSE_BLESS=1` writes the references, to be looked at before they
/// are committed). Font rasterizing may move by a fraction of a pixel between
/// versions: a tenth of a percent of pixels far off is allowed, no more.
fn assert_matches_reference(name: &str, png: &[u8]) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/cards/{name}.png"));
    if std::env::var_os("GLASSHOUSE_BLESS").is_some() {
        std::fs::write(&path, png).unwrap();
    }
    let reference = decode(&std::fs::read(&path).unwrap());
    let (mean, far) = distance(&decode(png), &reference);
    assert!(
        mean < 1.0 && far < 0.001,
        "{name}: mean {mean:.3}, far {far:.5}"
    );
}

const JA_TITLE: &str = "あなたのデータはどこに保存され、誰が見られるのか";
const AR_TITLE: &str = "أين تُحفظ بياناتك ومن يستطيع رؤيتها";

#[test]
fn a_card_is_a_1200_by_630_png_with_its_title_drawn() {
    let png = maker()
        .make(&text("Two-step verification", "en-US", "ltr"))
        .unwrap();
    let img = decode(&png);
    assert_eq!(img.dimensions(), (WIDTH, HEIGHT));
    assert!(
        ink_in_title_band(&img) > 5_000,
        "{}",
        ink_in_title_band(&img)
    );
    let blank = maker().make(&text("", "en-US", "ltr")).unwrap();
    assert_eq!(ink_in_title_band(&decode(&blank)), 0);
}

#[test]
fn a_japanese_card_is_drawn_in_japanese_not_tofu() {
    let png = maker().make(&text(JA_TITLE, "ja-JP", "ltr")).unwrap();
    assert_matches_reference("ja", &png);
}

#[test]
fn an_arabic_card_is_drawn_right_to_left() {
    let png = maker().make(&text(AR_TITLE, "ar-SA", "rtl")).unwrap();
    assert_matches_reference("ar", &png);
    // Right-aligned: the title's ink is on the right half.
    let img = decode(&png);
    let ink = |xs: std::ops::Range<u32>| {
        (img.enumerate_pixels())
            .filter(|(x, y, p)| xs.contains(x) && (200..460).contains(y) && p.0[0] < 100)
            .count()
    };
    assert!(ink(600..1200) > 3 * ink(0..600));
}

/// The reference comparison tells tofu from Japanese: the same card drawn
/// with the Latin font alone is far from the reference.
#[test]
fn the_reference_comparison_catches_missing_glyphs() {
    let t = theme();
    let latin_only: Vec<_> = (t.fonts.iter())
        .filter(|f| (***f).as_ref().len() < 500_000)
        .cloned()
        .collect();
    assert_eq!(latin_only.len(), 2, "the Latin and Arabic subsets");
    let tofu = CardMaker::new(t.card.as_ref().unwrap(), &latin_only)
        .unwrap()
        .make(&text(JA_TITLE, "ja-JP", "ltr"))
        .unwrap();
    let reference = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cards/ja.png"),
    )
    .unwrap();
    let (mean, far) = distance(&decode(&tofu), &decode(&reference));
    assert!(far > 0.01, "mean {mean:.3}, far {far:.5}");
}

#[test]
fn a_card_is_named_by_all_it_is_drawn_from() {
    let m = maker();
    let base = text("Two-step verification", "en-US", "ltr");
    let name = m.file_name(&base);
    assert!(
        name.starts_with("card.") && name.ends_with(".png") && name.len() == 19,
        "{name}"
    );
    assert_eq!(m.file_name(&base.clone()), name);
    let changes = [
        CardText {
            title: "Two-step".into(),
            ..base.clone()
        },
        CardText {
            brand: "Other".into(),
            ..base.clone()
        },
        CardText {
            market: "France".into(),
            ..base.clone()
        },
        CardText {
            address: "x/".into(),
            ..base.clone()
        },
        CardText {
            lang: "en-GB".into(),
            ..base.clone()
        },
        CardText {
            dir: "rtl",
            ..base.clone()
        },
        CardText {
            colour: None,
            ..base.clone()
        },
    ];
    for changed in &changes {
        assert_ne!(m.file_name(changed), name, "{changed:?}");
    }
    let t = theme();
    let mut template = t.card.clone().unwrap();
    template.text.push_str("\n<!-- another theme version -->");
    let other = CardMaker::new(&template, &t.fonts).unwrap();
    assert_ne!(other.file_name(&base), name);
    let fewer_fonts = CardMaker::new(t.card.as_ref().unwrap(), &t.fonts[..1]).unwrap();
    assert_ne!(fewer_fonts.file_name(&base), name);
}

fn template(text: &str) -> crate::diagnostics::SourceFile {
    crate::diagnostics::SourceFile::new("themes/x/cards/card.svg", text)
}

#[test]
fn template_errors_name_their_line() {
    let syntax = CardMaker::new(&template("<svg>\n{% if %}</svg>"), &[])
        .err()
        .unwrap();
    assert_eq!(
        syntax.location.as_ref().map(|l| l.line),
        Some(2),
        "{syntax:?}"
    );
    let m = CardMaker::new(&template("<svg>\n\n{{ card.nope.deeper }}</svg>"), &[]).unwrap();
    let render = m.make(&text("t", "en", "ltr")).err().unwrap();
    assert_eq!(
        render.location.as_ref().map(|l| l.line),
        Some(3),
        "{render:?}"
    );
    let m = CardMaker::new(&template("<svg><rect></svg>"), &[]).unwrap();
    let not_svg = m.make(&text("t", "en", "ltr")).err().unwrap();
    assert!(not_svg.message.contains("not SVG"), "{not_svg:?}");
}

#[test]
fn the_text_is_escaped_into_the_svg() {
    let m = CardMaker::new(
        &template(r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><text>{{ card.title }}</text></svg>"#),
        &theme().fonts,
    )
    .unwrap();
    for title in [
        "</text><script>x</script>",
        "a & b < c",
        "\"quoted\" 'single'",
    ] {
        m.make(&text(title, "en", "ltr")).unwrap();
    }
}

/// A template that names a file draws without it: cards read nothing but
/// the template and the fonts.
#[test]
fn a_card_reads_no_file_an_image_names() {
    let dir = tempfile::tempdir().unwrap();
    let black = dir.path().join("black.svg");
    std::fs::write(
        &black,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#,
    )
    .unwrap();
    let m = CardMaker::new(
        &template(&format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#fff"/><image href="{}" width="1200" height="630"/></svg>"##,
            black.display()
        )),
        &[],
    )
    .unwrap();
    let img = decode(&m.make(&text("t", "en", "ltr")).unwrap());
    assert!(img.pixels().all(|p| p.0 == [255, 255, 255]));
}

#[test]
fn a_long_title_takes_a_smaller_size_then_ends_in_an_ellipsis() {
    let fonts = fit::Fonts::new(&theme().fonts);
    let room = fit::Room {
        families: &["Noto Sans"],
        width: 1008.0,
        sizes: &[72.0, 60.0, 52.0],
        lines: 3,
    };
    let short = fonts.fit("Two-step verification", "en", &room);
    assert_eq!((short.size, short.lines.len()), (72.0, 1));
    let long =
        "Where your data is stored, who can see it, how long we keep it, and what you can do";
    let fitted = fonts.fit(long, "en", &room);
    assert!(fitted.size < 72.0 && fitted.lines.len() <= 3, "{fitted:?}");
    assert_eq!(fitted.lines.join(" "), long);
    let longer = format!("{long} about every part of that, today and every day after");
    let cut = fonts.fit(&longer, "en", &room);
    assert_eq!((cut.size, cut.lines.len()), (52.0, 3));
    assert!(cut.lines[2].ends_with('…'), "{cut:?}");
    let ja = fonts.fit(
        JA_TITLE,
        "ja",
        &fit::Room {
            families: &["Noto Sans CJK JP"],
            ..room
        },
    );
    assert_eq!(ja.lines.concat(), JA_TITLE);
    // Broken between phrases: no line starts with a particle.
    assert!(
        ja.lines
            .iter()
            .skip(1)
            .all(|l| !l.starts_with(['の', 'は', 'が', 'に'])),
        "{ja:?}"
    );
}

/// Cards drawn one after another on a thread share a canvas: each starts
/// clear, whatever the one before left.
#[test]
fn each_card_starts_on_a_clear_canvas() {
    let svg = |body: &str| {
        format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">{body}</svg>"#)
    };
    let full = CardMaker::new(
        &template(&svg(
            r##"<rect width="1200" height="630" fill="#123456"/>"##,
        )),
        &[],
    )
    .unwrap();
    let small = CardMaker::new(
        &template(&svg(r##"<rect width="10" height="10" fill="#123456"/>"##)),
        &[],
    )
    .unwrap();
    let alone = small.make(&text("t", "en", "ltr")).unwrap();
    full.make(&text("t", "en", "ltr")).unwrap();
    let after = small.make(&text("t", "en", "ltr")).unwrap();
    assert_eq!(after, alone);
    let img = image::load_from_memory(&after).unwrap().to_rgba8();
    assert_eq!(img.get_pixel(5, 5).0, [0x12, 0x34, 0x56, 255]);
    assert_eq!(
        img.get_pixel(600, 300).0[3],
        0,
        "clear where nothing is drawn"
    );
}
