//! What the build does to the files it publishes besides pages: the theme's
//! stylesheets are minified (css), and every SVG, the theme's and the site's, is
//! checked for anything that could run or load from another origin (svg).

pub mod css;
pub mod svg;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::paths::SiteDir;
use std::collections::BTreeSet;

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

/// Check the site's static SVGs; the refused ones, which not even the preview
/// serves. They stay among the static files, so that a link to one is not also
/// reported as broken.
pub fn check_static_svgs(
    dir: &SiteDir,
    files: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> BTreeSet<String> {
    (files.iter())
        .filter(|rel| has_extension(rel, "svg"))
        .filter(|rel| {
            let display = format!("static/{rel}");
            match dir.read(&display) {
                Ok(bytes) => !svg::check_bytes(&display, &bytes, diags),
                Err(e) => {
                    diags.push(e.diagnostic(&display));
                    true
                }
            }
        })
        .cloned()
        .collect()
}

fn has_extension(path: &str, ext: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case(ext))
}
