//! What the build does to the files it publishes besides pages: the theme's
//! stylesheets are minified (css), and every SVG, the theme's and the site's, is
//! checked for anything that could run or load from another origin (svg).

pub mod css;
pub mod images;
pub mod svg;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::paths::SiteDir;
pub use images::ImageSize;
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
    /// The size of each image that has one.
    pub sizes: BTreeMap<String, ImageSize>,
}

/// Check the site's static SVGs and measure its images.
pub fn scan_static(dir: &SiteDir, files: &BTreeSet<String>, diags: &mut Diagnostics) -> StaticScan {
    let mut scan = StaticScan::default();
    for rel in files {
        let display = format!("static/{rel}");
        if has_extension(rel, "svg") {
            match dir.read(&display) {
                Ok(bytes) if svg::check_bytes(&display, &bytes, diags) => {
                    let text = std::str::from_utf8(&bytes).unwrap_or_default();
                    if let Some(size) = images::svg_size(text) {
                        scan.sizes.insert(rel.clone(), size);
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
                    scan.sizes.insert(rel.clone(), size);
                }
                None => diags.push(
                    Diagnostic::warning(
                        Code::Encoding,
                        format!("{display} is not an image its name says it is"),
                    )
                    .at(SourceFile::new(&display, "").location(0))
                    .help("re-export the image; pages show it without a reserved size"),
                ),
            }
        }
    }
    scan
}

fn has_extension(path: &str, ext: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case(ext))
}
