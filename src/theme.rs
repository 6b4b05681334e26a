//! A theme: Tera templates, static assets and its own Fluent strings, read from
//! `themes/<name>/` or, for the default theme, from the copy embedded in the binary.

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::paths::SiteDir;
use std::sync::Arc;

pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub struct Theme {
    /// `themes/default`, or `(embedded default theme)`.
    pub origin: String,
    /// Template name (`page.html`) and source.
    pub templates: Vec<(String, SourceFile)>,
    /// Path under `static/` and bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Locale and `.ftl` source.
    pub locales: Vec<(String, SourceFile)>,
    /// How the theme shows images (`theme.yaml`).
    pub images: ThemeImages,
    /// The share card template, `cards/card.svg`: none, no cards.
    pub card: Option<SourceFile>,
    /// The fonts cards are drawn with (`fonts/*.ttf`, `.otf`, `.ttc`), by name.
    pub fonts: Vec<crate::assets::cards::FontData>,
    /// Speaking and reading rates, `scripts/rates.yaml`.
    pub rates: Option<SourceFile>,
    /// A template could not be read (already reported): the others are not
    /// compiled, since those that extend or include it would fail for that alone.
    pub unreadable_templates: bool,
}

/// The `images` of a theme's `theme.yaml`: the widths of the resized copies of
/// each raster image, and the `sizes` attribute that tells the browser how wide
/// the theme shows an image. No `theme.yaml`: no resized copies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeImages {
    #[serde(default)]
    pub widths: Vec<u32>,
    #[serde(default = "full_width")]
    pub sizes: String,
}

fn full_width() -> String {
    "100vw".into()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeConfig {
    #[serde(default)]
    images: ThemeImages,
}

/// Load the theme `name` of the site at `root`.
pub fn load_theme(site: &SiteDir, name: &str, diags: &mut Diagnostics) -> Option<Theme> {
    let origin = format!("themes/{name}");
    if site.path(&origin).is_dir() {
        let (mut files, mut unreadable_templates) = (Vec::new(), false);
        for rel in site.list(&origin, diags) {
            let path = format!("{origin}/{rel}");
            // Fonts and images are binary, and may be larger than any text.
            let read = if rel.starts_with("static/") || rel.starts_with("fonts/") {
                site.read_any_size(&path)
            } else {
                site.read(&path)
            };
            match read {
                Ok(bytes) => files.push((rel, bytes)),
                Err(e) => {
                    unreadable_templates |= rel.starts_with("templates/");
                    diags.push(e.diagnostic(&format!("{origin}/{rel}")));
                }
            }
        }
        let mut theme = from_files(origin, files, diags);
        theme.unreadable_templates |= unreadable_templates;
        Some(theme)
    } else if name == "default" {
        // Fonts are borrowed from the binary, not copied: they are megabytes.
        let (fonts, rest): (Vec<_>, Vec<_>) =
            (embedded::THEME_FILES.iter()).partition(|(p, _)| is_font(p));
        let files = rest
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        let mut theme = from_files("(embedded default theme)".into(), files, diags);
        theme.fonts = fonts.iter().map(|(_, b)| Arc::new(*b) as _).collect();
        Some(theme)
    } else {
        diags.push(
            Diagnostic::error(
                Code::Config,
                format!("theme `{name}` not found: no folder themes/{name}/"),
            )
            .help("use `theme: default`, or add the theme's folder"),
        );
        None
    }
}

fn from_files(origin: String, files: Vec<(String, Vec<u8>)>, diags: &mut Diagnostics) -> Theme {
    let mut theme = Theme {
        origin,
        templates: Vec::new(),
        assets: Vec::new(),
        locales: Vec::new(),
        images: ThemeImages::default(),
        card: None,
        fonts: Vec::new(),
        rates: None,
        unreadable_templates: false,
    };
    for (rel, bytes) in files {
        let display = format!("{}/{rel}", theme.origin);
        let mut text = || match crate::paths::utf8(bytes.clone()) {
            Ok(t) => Some(SourceFile::new(display.clone(), &t)),
            Err(e) => {
                diags.push(e.diagnostic(&display));
                None
            }
        };
        let (top, rest) = rel.split_once('/').unwrap_or(("", rel.as_str()));
        match top {
            "templates" => match text() {
                Some(f) => theme.templates.push((rest.to_string(), f)),
                None => theme.unreadable_templates = true,
            },
            "static" => {
                let bytes = crate::assets::prepare_theme_asset(&display, rest, bytes, diags);
                theme.assets.push((rest.to_string(), bytes));
            }
            "locales" => {
                if let Some((locale, file)) = rest.split_once('/')
                    && file.ends_with(".ftl")
                    && let Some(f) = text()
                {
                    theme.locales.push((locale.to_string(), f));
                }
            }
            _ if is_font(&rel) => theme.fonts.push(Arc::new(bytes)),
            _ if rel == "cards/card.svg" => theme.card = text(),
            _ if rel == "scripts/rates.yaml" => theme.rates = text(),
            _ if rel == "theme.yaml" => {
                if let Some(f) = text() {
                    theme.images = theme_config(&f, diags);
                }
            }
            _ => {}
        }
    }
    theme
}

/// The default theme's `scripts/rates.yaml`, from the binary.
pub fn default_rates() -> SourceFile {
    let (_, bytes) = (embedded::THEME_FILES.iter())
        .find(|(p, _)| *p == "scripts/rates.yaml")
        .expect("the default theme has scripts/rates.yaml");
    SourceFile::new(
        "(embedded default theme)/scripts/rates.yaml",
        &String::from_utf8_lossy(bytes),
    )
}

/// A card font: `fonts/*.ttf`, `.otf`, `.ttc`.
fn is_font(rel: &str) -> bool {
    rel.strip_prefix("fonts/")
        .is_some_and(|f| [".ttf", ".otf", ".ttc"].iter().any(|e| f.ends_with(e)))
}

fn theme_config(file: &SourceFile, diags: &mut Diagnostics) -> ThemeImages {
    match crate::yaml::from_str::<ThemeConfig>(&file.text) {
        Ok(mut c) => {
            // Sorted, each once, and no copy too small to be worth a request.
            c.images.widths.retain(|w| *w >= 16);
            c.images.widths.sort_unstable();
            c.images.widths.dedup();
            c.images
        }
        Err(e) => {
            diags.push(crate::yaml::error_diagnostic(file, &e, 0, Code::Config));
            ThemeImages::default()
        }
    }
}
