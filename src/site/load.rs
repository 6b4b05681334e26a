//! Read everything a build needs from the site root: config, theme, explainers,
//! Fluent files and the list of static files.

use crate::config::{CONFIG_FILE, Config, parse_config};
use crate::content::{Explainer, Library, load_library};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::l10n::{FtlFile, Layer, parse_ftl};
use crate::resolve::check_variants;
use crate::theme::{Theme, load_theme, relative};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sources of a site, loaded and parsed.
pub struct Sources {
    pub config: Config,
    pub theme: Theme,
    pub library: Library,
    pub ftl: Vec<FtlFile>,
    /// Files of the site's `static/`, by path relative to it.
    pub static_files: BTreeMap<String, PathBuf>,
    /// Hash of glasshouse.yaml.
    pub config_hash: u64,
}

/// Load the site at `root`. Everything that can be checked without a market is
/// checked here; problems go to `diags`. `None` when the site cannot be built at all.
pub fn load_sources(root: &Path, diags: &mut Diagnostics) -> Option<Sources> {
    let sources = read_sources(root, diags)?;
    for e in &sources.library.explainers {
        check_explainer(e, &sources.config, diags);
    }
    Some(sources)
}

/// Read and parse the sources without the checks that need the config
/// (`serve` runs those per explainer, as files change).
pub fn read_sources(root: &Path, diags: &mut Diagnostics) -> Option<Sources> {
    let config_path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&config_path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error("config", format!("cannot read {}: {e}", config_path.display()))
                    .help("run glasshouse in a site folder, pass --root, or create one with `glasshouse init DIR`"),
            );
            return None;
        }
    };
    let config_file = SourceFile::new(CONFIG_FILE, &text);
    let config = parse_config(&config_file, diags)?;
    let theme = load_theme(root, &config.theme, diags)?;
    let library = load_library(root, diags);
    let ftl = load_ftl(root, &theme, diags);
    let static_files = list_files(&root.join("static"), diags);
    Some(Sources {
        config,
        theme,
        library,
        ftl,
        static_files,
        config_hash: config_file.hash,
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
pub fn load_ftl(root: &Path, theme: &Theme, diags: &mut Diagnostics) -> Vec<FtlFile> {
    let mut ftl: Vec<FtlFile> = theme
        .locales
        .iter()
        .map(|(locale, file)| parse_ftl(file.clone(), locale, Layer::Theme, diags))
        .collect();
    ftl.extend(load_site_locales(root, diags));
    ftl
}

fn check_market_ids(e: &Explainer, config: &Config, diags: &mut Diagnostics) {
    let Some(ids) = &e.source.front.markets else {
        return;
    };
    for id in ids {
        if !config.is_target_id(id) {
            let text = &e.source.file.text;
            let at = text
                .find("markets:")
                .map(|m| m + text[m..].find(id.as_str()).unwrap_or(0))
                .unwrap_or(0);
            diags.push(
                Diagnostic::error(
                    "front-matter",
                    format!("`markets` names unknown market or framing `{id}`"),
                )
                .at(e.source.file.location(at)),
            );
        }
    }
}

/// `locales/<locale>/*.ftl` of the site.
fn load_site_locales(root: &Path, diags: &mut Diagnostics) -> Vec<FtlFile> {
    let dir = root.join("locales");
    let mut out = Vec::new();
    for (rel, path) in list_files(&dir, diags) {
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
                    "config",
                    format!("{display}: `{locale}` is not a locale tag"),
                ));
                continue;
            }
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => out.push(parse_ftl(
                SourceFile::new(display, &text),
                &canonical,
                Layer::Site,
                diags,
            )),
            Err(e) => diags.push(Diagnostic::error(
                "io",
                format!("{display}: cannot read: {e}"),
            )),
        }
    }
    out
}

/// Files under `dir` by `/`-separated relative path (empty when `dir` is absent).
pub fn list_files(dir: &Path, diags: &mut Diagnostics) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    if !dir.is_dir() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() || e.path_is_symlink() => {
                let rel = relative(e.path(), dir);
                if rel.split('/').any(|part| part.starts_with('.')) {
                    continue;
                }
                // A link is followed only to a file inside the site; links to folders
                // are not followed (no loops).
                let site = dir.parent().unwrap_or(dir);
                if e.path_is_symlink() {
                    if !crate::paths::is_inside(site, e.path()) {
                        diags.push(
                            Diagnostic::error(
                                "unsafe-path",
                                format!(
                                    "{}/{rel} is a link to something outside the site",
                                    relative(dir, site)
                                ),
                            )
                            .help("copy the file into the site instead of linking to it"),
                        );
                        continue;
                    }
                    if !e.path().is_file() {
                        continue;
                    }
                }
                files.insert(rel, e.into_path());
            }
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(
                "io",
                format!("cannot list {}: {e}", dir.display()),
            )),
        }
    }
    files
}
