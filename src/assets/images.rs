//! The size of each image in the site's `static/`, so that a page can reserve its
//! space before it loads (`width` and `height` on `<img>`): a raster image's from
//! its header (the `image` crate reads no further), an SVG's from its `width`
//! and `height` or its `viewBox`. A PNG or JPEG wider than the theme's image
//! widths also gets resized copies (its `srcset`), named by a hash of the
//! original's bytes, so that a copy's name says what it was made from.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::BufReader;

/// An image's intrinsic size in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ImageSize {
    pub width: u32,
    pub height: u32,
}

/// An image of `static/`: its size and its resized copies, narrowest first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StaticImage {
    pub size: ImageSize,
    pub variants: Vec<Variant>,
}

/// A resized copy of an image, published at `path` (under the output root).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    pub width: u32,
    pub path: String,
}

/// The copies of the image `rel` (of size `size`, bytes hashed to `hash`) for
/// each theme width narrower than it: `static/img/<rel's stem>.<width>w.<hash>.<ext>`.
pub fn variants(rel: &str, size: ImageSize, hash: &str, widths: &[u32]) -> Vec<Variant> {
    let (stem, ext) = rel.rsplit_once('.').unwrap_or((rel, ""));
    (widths.iter())
        .filter(|&&w| w < size.width)
        .map(|&width| Variant {
            width,
            path: format!(
                "static/img/{stem}.{width}w.{hash}.{}",
                ext.to_ascii_lowercase()
            ),
        })
        .collect()
}

/// The most pixels an image may have to get resized copies: 50 megapixels, a
/// 48-megapixel phone photo, 200 MB decoded. Its header could claim far more
/// (a small file can promise gigabytes of pixels).
pub const MAX_RESIZE_PIXELS: u64 = 50_000_000;

/// Whether an image at `rel` gets resized copies: PNG and JPEG, which the
/// `image` crate writes as well as it reads.
pub fn resizable(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg"))
}

/// The image `bytes` resized to `width` (its height in proportion), in its own
/// format: PNG, or JPEG at quality 85.
pub fn resize(bytes: &[u8], width: u32) -> Result<Vec<u8>, String> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = reader.format().ok_or("not an image")?;
    let img = reader.decode().map_err(|e| e.to_string())?;
    let height = ((img.height() as f64 * width as f64 / img.width() as f64).round() as u32).max(1);
    let small = img.resize_exact(width, height, image::imageops::FilterType::CatmullRom);
    let mut out = Vec::new();
    match format {
        image::ImageFormat::Jpeg => {
            let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
            small
                .to_rgb8()
                .write_with_encoder(enc)
                .map_err(|e| e.to_string())?;
        }
        _ => small
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .map_err(|e| e.to_string())?,
    }
    Ok(out)
}

/// The raster formats whose size is read.
pub const RASTER: [&str; 5] = ["png", "jpg", "jpeg", "gif", "webp"];

/// The size in a raster image's header; `None` when it is not an image of a
/// format it could be.
pub fn raster_size(file: std::fs::File) -> Option<ImageSize> {
    let reader = image::ImageReader::new(BufReader::new(file))
        .with_guessed_format()
        .ok()?;
    let (width, height) = reader.into_dimensions().ok()?;
    (width > 0 && height > 0).then_some(ImageSize { width, height })
}

/// The size of the SVG `text`: its root's `width` and `height` when both are
/// lengths in pixels, else its `viewBox`'s.
pub fn svg_size(text: &str) -> Option<ImageSize> {
    let mut reader = Reader::from_str(text);
    loop {
        let e = match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Eof => return None,
            _ => continue,
        };
        if !e.local_name().as_ref().eq_ignore_ascii_case("svg") {
            return None;
        }
        let attr = |name: &str| {
            let a = e.try_get_attribute(name).ok().flatten()?;
            Some(a.value.to_string())
        };
        let px = |v: Option<String>| -> Option<f64> {
            let v = v?;
            let n = v.trim().strip_suffix("px").unwrap_or(v.trim());
            n.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
        };
        if let (Some(w), Some(h)) = (px(attr("width")), px(attr("height"))) {
            return rounded(w, h);
        }
        let view_box = attr("viewBox")?;
        let parts: Vec<f64> = (view_box.split([' ', ',', '\t', '\n']))
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        let [_, _, w, h] = parts[..] else {
            return None;
        };
        return rounded(w, h);
    }
}

fn rounded(w: f64, h: f64) -> Option<ImageSize> {
    let ok = |n: f64| (0.5..100_000.0).contains(&n);
    (ok(w) && ok(h)).then(|| ImageSize {
        width: w.round() as u32,
        height: h.round() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(w: u32, h: u32) -> Option<ImageSize> {
        Some(ImageSize {
            width: w,
            height: h,
        })
    }

    #[test]
    fn an_svg_is_measured_by_its_lengths_or_its_view_box() {
        let cases = [
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"/>"#,
                size(640, 360),
            ),
            (
                r#"<?xml version="1.0"?><!-- c --><svg viewBox="0,0,24.4,11.6"></svg>"#,
                size(24, 12),
            ),
            (
                r#"<svg width="300px" height="150" viewBox="0 0 10 5"/>"#,
                size(300, 150),
            ),
            (
                r#"<svg width="100%" height="100%" viewBox="0 0 8 4"/>"#,
                size(8, 4),
            ),
            (r#"<svg width="2em" height="1em"/>"#, None),
            (r#"<svg viewBox="0 0 0 10"/>"#, None),
            (r#"<svg viewBox="0 0 nan 10"/>"#, None),
            (r#"<svg viewBox="0 0 10"/>"#, None),
            (r#"<html/>"#, None),
            ("", None),
        ];
        for (svg, want) in cases {
            assert_eq!(svg_size(svg), want, "{svg}");
        }
    }

    #[test]
    fn copies_are_made_for_the_narrower_widths_and_named_by_the_original() {
        let v = variants(
            "images/Phone.PNG",
            ImageSize {
                width: 1000,
                height: 500,
            },
            "abc",
            &[480, 800, 1000, 1200],
        );
        let paths: Vec<_> = v.iter().map(|v| (v.width, v.path.as_str())).collect();
        assert_eq!(
            paths,
            [
                (480, "static/img/images/Phone.480w.abc.png"),
                (800, "static/img/images/Phone.800w.abc.png")
            ]
        );
        assert!(
            resizable("a/b.jpeg")
                && resizable("x.PNG")
                && !resizable("x.gif")
                && !resizable("x.svg")
        );
    }

    #[test]
    fn a_resized_copy_keeps_the_format_and_the_proportions() {
        for format in [image::ImageFormat::Png, image::ImageFormat::Jpeg] {
            let mut bytes = Vec::new();
            image::RgbImage::from_pixel(300, 200, image::Rgb([200, 40, 40]))
                .write_to(&mut std::io::Cursor::new(&mut bytes), format)
                .unwrap();
            let small = resize(&bytes, 120).unwrap();
            let img = image::load_from_memory(&small).unwrap();
            assert_eq!((img.width(), img.height()), (120, 80));
            assert_eq!(image::guess_format(&small).unwrap(), format);
        }
        assert!(resize(b"not an image", 10).is_err());
    }

    #[test]
    fn a_raster_image_is_measured_by_its_header() {
        let dir = std::env::temp_dir().join(format!("gh-img-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, format) in [
            ("a.png", image::ImageFormat::Png),
            ("a.jpg", image::ImageFormat::Jpeg),
            ("a.gif", image::ImageFormat::Gif),
        ] {
            let path = dir.join(name);
            image::RgbImage::new(37, 11)
                .save_with_format(&path, format)
                .unwrap();
            assert_eq!(
                raster_size(std::fs::File::open(&path).unwrap()),
                size(37, 11),
                "{name}"
            );
        }
        let fake = dir.join("fake.png");
        std::fs::write(&fake, b"not an image at all").unwrap();
        assert_eq!(raster_size(std::fs::File::open(&fake).unwrap()), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
