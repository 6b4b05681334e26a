//! Read everything a build needs from the site root: config, theme, explainers,
//! Fluent files and the list of static files.

use crate::config::{CONFIG_FILE, Config, parse_config};
use crate::content::{Explainer, Library, load_library};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, plural_as};
use crate::l10n::{FtlFile, Layer, parse_ftl};
use crate::paths::{ReadError, SiteDir};
use crate::resolve::check_variants;
use crate::theme::{Theme, load_theme};
use std::path::Path;

/// The sources of a site, loaded and parsed.
pub struct Sources {
    /// The site's folder, through which every file is read.
    pub dir: SiteDir,
    pub config: Config,
    pub theme: Theme,
    pub library: Library,
    pub ftl: Vec<FtlFile>,
    /// Files of the site's `static/`, by path relative to it.
    pub static_files: std::collections::BTreeSet<String>,
    /// The static files refused, and the images' sizes.
    pub static_scan: crate::assets::StaticScan,
    /// Hash of glasshouse.yaml.
    pub config_hash: u64,
    /// Speaking and reading rates: the theme's, with the site's over them.
    pub rates: crate::scripts::rates::Rates,
}

/// Why a site could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The site's folder or its `glasshouse.yaml` cannot be read (exit 2).
    Unreadable(String),
    /// The sources hold errors that stop the build; they are in the diagnostics.
    Invalid,
}

/// Load the site at `root`. Everything that can be checked without a market is
/// checked here; problems go to `diags`.
pub fn load_sources(root: &Path, diags: &mut Diagnostics) -> Result<Sources, LoadError> {
    let sources = read_sources(root, diags)?;
    for e in &sources.library.explainers {
        check_explainer(e, &sources.config, diags);
    }
    Ok(sources)
}

/// Read and parse the sources without the checks that need the config
/// (`serve` runs those per explainer, as files change).
pub fn read_sources(root: &Path, diags: &mut Diagnostics) -> Result<Sources, LoadError> {
    let dir = SiteDir::open(root).map_err(|e| {
        LoadError::Unreadable(format!(
            "cannot open the site folder {}: {e}",
            root.display()
        ))
    })?;
    let config_file = match dir.read_text(CONFIG_FILE) {
        Ok(text) => SourceFile::from_string(CONFIG_FILE, text),
        // No file to read: not a site, or not one that can be read.
        Err(e @ (ReadError::Io(_) | ReadError::NotAFile)) => {
            let missing =
                matches!(&e, ReadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound);
            let hint = if missing {
                " (run glasshouse in a site folder, pass --root, or make a site with `glasshouse init DIR`)"
            } else {
                ""
            };
            return Err(LoadError::Unreadable(format!("{CONFIG_FILE}: {e}{hint}")));
        }
        // A config that is there but unusable (not UTF-8, too large, a link out of
        // the site) is the site's own problem: a finding at its place.
        Err(e) => {
            diags.push(e.diagnostic(CONFIG_FILE));
            return Err(LoadError::Invalid);
        }
    };
    let config = parse_config(&config_file, diags).ok_or(LoadError::Invalid)?;
    let theme = load_theme(&dir, &config.theme, diags).ok_or(LoadError::Invalid)?;
    let library = load_library(&dir, diags);
    let ftl = load_ftl(&dir, &theme, diags);
    let static_files = dir.list("static", diags);
    let widths = &theme.images.widths;
    let static_scan = crate::assets::scan_static(&dir, &static_files, widths, diags);
    let site_rates = read_site_rates(&dir, diags);
    // A theme without rates of its own times scripts as the default theme does.
    let default_rates = crate::theme::default_rates();
    let theme_rates = theme.rates.as_ref().unwrap_or(&default_rates);
    let rates = crate::scripts::rates::Rates::load(Some(theme_rates), site_rates.as_ref(), diags);
    crate::config::check_brand_files(&config.brand, &static_files, &config_file, diags);
    Ok(Sources {
        dir,
        config,
        theme,
        library,
        ftl,
        static_files,
        static_scan,
        rates,
        config_hash: config_file.hash(),
    })
}

/// The checks of an explainer that need the config: variant ids and groups, and
/// the `markets` of its front matter.
pub fn check_explainer(e: &Explainer, config: &Config, diags: &mut Diagnostics) {
    check_variants(&e.source, config, diags);
    for t in e.translations.values() {
        check_variants(t, config, diags);
    }
    check_market_ids(e, config, diags);
}

/// The theme's `.ftl` files, then the site's.
pub fn load_ftl(dir: &SiteDir, theme: &Theme, diags: &mut Diagnostics) -> Vec<FtlFile> {
    let mut ftl: Vec<FtlFile> = theme
        .locales
        .iter()
        .map(|(locale, file)| parse_ftl(file.clone(), locale, Layer::Theme, diags))
        .collect();
    ftl.extend(load_site_locales(dir, diags));
    ftl
}

/// The site's `scripts/rates.yaml`, when it has one.
fn read_site_rates(dir: &SiteDir, diags: &mut Diagnostics) -> Option<SourceFile> {
    const RATES: &str = "scripts/rates.yaml";
    if !dir.path(RATES).exists() {
        return None;
    }
    dir.read_source(RATES).map_err(|d| diags.push(d)).ok()
}

fn check_market_ids(e: &Explainer, config: &Config, diags: &mut Diagnostics) {
    let Some(ids) = &e.source.front.markets else {
        return;
    };
    let text = &e.source.file.text;
    let front = &text[..e.source.body_start];
    // The ids are found in order, each after the one before: one pass.
    let mut from = crate::yaml::key_offset(front, &["markets"]).unwrap_or(0);
    let mut unknown = 0;
    for id in ids {
        let found = text[from..].find(id.as_str()).map(|i| from + i);
        if let Some(at) = found {
            from = at + id.len();
        }
        if config.is_target_id(id) {
            continue;
        }
        unknown += 1;
        if unknown > 100 {
            continue;
        }
        diags.push(
            Diagnostic::error(
                Code::FrontMatter,
                format!("`markets` names unknown market or framing `{id}`"),
            )
            .at(e.source.file.location(found.unwrap_or(from))),
        );
    }
    if unknown > 100 {
        diags.push(
            Diagnostic::error(
                Code::FrontMatter,
                format!(
                    "`markets` names {}",
                    plural_as(
                        unknown - 100,
                        "more unknown market or framing",
                        "more unknown markets or framings"
                    )
                ),
            )
            .at(e.source.file.location(from)),
        );
    }
}

/// `locales/<locale>/*.ftl` of the site.
fn load_site_locales(dir: &SiteDir, diags: &mut Diagnostics) -> Vec<FtlFile> {
    let mut out = Vec::new();
    for rel in dir.list("locales", diags) {
        let Some((locale, name)) = rel.split_once('/') else {
            continue;
        };
        if !name.ends_with(".ftl") || name.contains('/') {
            continue;
        }
        let display = format!("locales/{rel}");
        let canonical = match locale.parse::<unic_langid::LanguageIdentifier>() {
            Ok(l) if !locale.contains('_') => l.to_string(),
            _ => {
                diags.push(Diagnostic::error(
                    Code::Config,
                    format!("{display}: `{locale}` is not a locale tag"),
                ));
                continue;
            }
        };
        match dir.read_source(&display) {
            Ok(file) => out.push(parse_ftl(file, &canonical, Layer::Site, diags)),
            Err(d) => diags.push(d),
        }
    }
    out
}
