//! What the build does to the files it publishes besides pages: the theme's
//! stylesheets are minified (css), and every SVG, the theme's and the site's, is
//! checked for anything that could run or load from another origin (svg).

pub mod cards;
pub mod css;
pub mod images;
pub mod svg;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, SourceFile};
use crate::paths::SiteDir;
pub use images::{ImageSize, StaticImage, Variant};
use std::collections::{BTreeMap, BTreeSet};

/// A theme asset as it is published: a stylesheet minified, an SVG checked.
/// `display` names the file in findings. A stylesheet that does not parse is
/// published as it is, with an error (which fails the build).
pub fn prepare_theme_asset(
    display: &str,
    rel: &str,
    bytes: Vec<u8>,
    diags: &mut Diagnostics,
) -> Vec<u8> {
    if has_extension(rel, "css") {
        return match String::from_utf8(bytes) {
            Ok(text) => {
                let file = SourceFile::new(display, &text);
                css::minify(&file, diags).map_or_else(|| text.into_bytes(), String::into_bytes)
            }
            Err(e) => e.into_bytes(),
        };
    }
    if has_extension(rel, "svg") {
        svg::check_bytes(display, &bytes, diags);
    }
    bytes
}

/// What the build learns of the site's `static/` files before publishing them.
#[derive(Default)]
pub struct StaticScan {
    /// Unsafe SVGs: reported, never published, not even by the preview. They
    /// stay among the static files, so that a link to one is not also reported
    /// as broken.
    pub refused: BTreeSet<String>,
    /// Each image that has a size, with its resized copies.
    pub images: BTreeMap<String, StaticImage>,
}

/// Check the site's static SVGs, measure its images, and name the resized
/// copies of those wider than the theme's `widths`.
pub fn scan_static(
    dir: &SiteDir,
    files: &BTreeSet<String>,
    widths: &[u32],
    diags: &mut Diagnostics,
) -> StaticScan {
    let mut scan = StaticScan::default();
    for rel in files {
        let display = format!("static/{rel}");
        if has_extension(rel, "svg") {
            match dir.read(&display) {
                Ok(bytes) if svg::check_bytes(&display, &bytes, diags) => {
                    let text = std::str::from_utf8(&bytes).unwrap_or_default();
                    if let Some(size) = images::svg_size(text) {
                        let image = StaticImage {
                            size,
                            variants: Vec::new(),
                        };
                        scan.images.insert(rel.clone(), image);
                    }
                }
                Ok(_) => {
                    scan.refused.insert(rel.clone());
                }
                Err(e) => {
                    diags.push(e.diagnostic(&display));
                    scan.refused.insert(rel.clone());
                }
            }
        } else if images::RASTER.iter().any(|ext| has_extension(rel, ext)) {
            let size = dir
                .open_any_size(&display)
                .ok()
                .and_then(|(f, _)| images::raster_size(f));
            match size {
                Some(size) => {
                    let variants = copies(dir, rel, size, widths, diags);
                    scan.images
                        .insert(rel.clone(), StaticImage { size, variants });
                }
                None => diags.push(
                    Diagnostic::warning(
                        Code::Encoding,
                        format!("{display} is not an image its name says it is"),
                    )
                    .at(start_of(&display))
                    .help("re-export the image; pages show it without a reserved size"),
                ),
            }
        }
    }
    scan
}

/// The resized copies of the raster image `rel`, named by its bytes' hash;
/// none for an image too large to decode in bounded memory.
fn copies(
    dir: &SiteDir,
    rel: &str,
    size: ImageSize,
    widths: &[u32],
    diags: &mut Diagnostics,
) -> Vec<Variant> {
    if !images::resizable(rel) || !widths.iter().any(|&w| w < size.width) {
        return Vec::new();
    }
    let pixels = u64::from(size.width) * u64::from(size.height);
    if pixels > images::MAX_RESIZE_PIXELS {
        let display = format!("static/{rel}");
        diags.push(
            Diagnostic::warning(
                Code::ContentLimit,
                format!(
                    "{display} is {} x {} pixels: too large to make smaller copies of; pages show it as it is",
                    size.width, size.height
                ),
            )
            .at(start_of(&display))
            .help(format!(
                "export it at {} megapixels or fewer (8,000 x 6,000, say)",
                images::MAX_RESIZE_PIXELS / 1_000_000
            )),
        );
        return Vec::new();
    }
    let Ok((mut file, _)) = dir.open_any_size(&format!("static/{rel}")) else {
        return Vec::new();
    };
    let mut hasher = blake3::Hasher::new();
    if std::io::copy(&mut file, &mut hasher).is_err() {
        return Vec::new();
    }
    let hash = hasher.finalize().to_hex();
    images::variants(rel, size, &hash[..10], widths)
}

/// The resized copy `v` of the site's image `static/<rel>`.
pub fn resized_copy(dir: &SiteDir, rel: &str, v: &Variant) -> Result<Vec<u8>, Diagnostic> {
    let from = format!("static/{rel}");
    let bytes = dir.read_any_size(&from).map_err(|e| e.diagnostic(&from))?;
    images::resize(&bytes, v.width).map_err(|e| {
        Diagnostic::error(Code::Encoding, format!("{from} cannot be resized: {e}"))
            .at(start_of(&from))
            .help("re-export the image: its header reads, its pixels do not")
    })
}

/// The start of the file `path`, a place for a finding about a binary file
/// (there is no text to show).
fn start_of(path: &str) -> Location {
    SourceFile::new(path, "").location(0)
}

fn has_extension(path: &str, ext: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case(ext))
}
