//! The explainers of a site: `content/explainers/<slug>.md` and its translations
//! `<slug>.<lang>.md`, read and parsed in parallel.

use super::directives::{Body, parse_directives};
use super::front_matter::{FrontMatter, parse_front_matter};
use crate::config::is_id;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::paths::SiteDir;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub const EXPLAINERS_DIR: &str = "content/explainers";

/// One parsed Markdown file.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: SourceFile,
    pub front: FrontMatter,
    pub body: Body,
    /// Byte offset of the body, after the front matter.
    pub body_start: usize,
    /// `None` for the source; the language or locale of a translation (`fr`, `es-MX`).
    pub lang: Option<String>,
}

/// An explainer: its English source and its translations by language or locale.
#[derive(Debug, Clone)]
pub struct Explainer {
    pub slug: String,
    pub source: Document,
    /// Boxed: a map's node has room for eleven entries, and an explainer has a
    /// handful of translations (a document is some 400 bytes).
    pub translations: BTreeMap<String, Box<Document>>,
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Sorted by `order`, then slug.
    pub explainers: Vec<Explainer>,
    /// Explainers whose source exists but did not load (its errors are
    /// reported): links to them are not reported as broken too.
    pub unloaded: std::collections::BTreeSet<String>,
    /// The same for translations: (slug, language subtag) of each that exists
    /// but did not load.
    pub unloaded_translations: std::collections::BTreeSet<(String, String)>,
}

impl Document {
    /// The language subtag of the text (`ja` for `.ja.md`, `es` for `.es-MX.md`), or
    /// `source_language` for the source.
    pub fn language<'a>(&'a self, source_language: &'a str) -> &'a str {
        let lang = self.lang.as_deref().unwrap_or(source_language);
        lang.split('-').next().unwrap_or(lang)
    }
}

impl Library {
    pub fn get(&self, slug: &str) -> Option<&Explainer> {
        self.explainers.iter().find(|e| e.slug == slug)
    }

    /// By `order`, then slug.
    fn sort(&mut self) {
        self.explainers.sort_by(|a, b| {
            let key = |e: &Explainer| (e.source.front.order.unwrap_or(i64::MAX), e.slug.clone());
            key(a).cmp(&key(b))
        });
    }

    /// Put a freshly loaded document in place of its earlier version. A translation
    /// whose source is absent is refused: `Err` gives it back.
    pub fn upsert(&mut self, slug: String, doc: Document) -> Result<(), Document> {
        let existing = self.explainers.iter_mut().find(|e| e.slug == slug);
        match (existing, doc.lang.clone()) {
            (Some(e), Some(lang)) => {
                e.translations.insert(lang, Box::new(doc));
            }
            (Some(e), None) => e.source = doc,
            (None, None) => self.explainers.push(Explainer {
                slug,
                source: doc,
                translations: BTreeMap::new(),
            }),
            (None, Some(_)) => return Err(doc),
        }
        self.sort();
        Ok(())
    }

    /// Forget the document of the file `name` (`<slug>.md` removes the explainer
    /// with its translations).
    pub fn remove_file(&mut self, name: &str) {
        let stem = name.strip_suffix(".md").unwrap_or(name);
        match stem.split_once('.') {
            None => self.explainers.retain(|e| e.slug != stem),
            Some((slug, _)) => {
                for e in self.explainers.iter_mut().filter(|e| e.slug == slug) {
                    e.translations
                        .retain(|_, d| !d.file.path.ends_with(&format!("/{name}")));
                }
            }
        }
    }
}

/// Read every explainer under `root/content/explainers`. Problems go to `diags`; a
/// file with errors is left out, the others load.
pub fn load_library(site: &SiteDir, diags: &mut Diagnostics) -> Library {
    let names = explainer_files(site, diags);
    let loaded: Vec<(Option<(String, Document)>, Diagnostics)> = names
        .par_iter()
        .map(|name| {
            let mut d = Diagnostics::new();
            let doc = load_document(site, name, &mut d);
            (doc, d)
        })
        .collect();
    // Sources that exist but failed to load: their translations are not orphans.
    let source_files: std::collections::HashSet<&str> = (names.iter())
        .filter_map(|name| name.strip_suffix(".md"))
        .filter(|stem| !stem.contains('.'))
        .collect();
    let unloaded_translations = (names.iter().zip(&loaded))
        .filter(|(_, (doc, _))| doc.is_none())
        .filter_map(|(name, _)| name.strip_suffix(".md")?.split_once('.'))
        .map(|(slug, lang)| {
            (
                slug.to_string(),
                lang.split('-').next().unwrap_or(lang).to_string(),
            )
        })
        .collect();
    let mut explainers: BTreeMap<String, Explainer> = BTreeMap::new();
    let mut translations: Vec<(String, Document)> = Vec::new();
    for (doc, d) in loaded {
        diags.extend(d);
        match doc {
            Some((slug, doc)) if doc.lang.is_none() => {
                let translations = BTreeMap::new();
                explainers.insert(
                    slug.clone(),
                    Explainer {
                        slug,
                        source: doc,
                        translations,
                    },
                );
            }
            Some(translation) => translations.push(translation),
            None => {}
        }
    }
    for (slug, doc) in translations {
        match explainers.get_mut(&slug) {
            Some(e) => {
                let lang = doc.lang.clone().unwrap_or_default();
                e.translations.insert(lang, Box::new(doc));
            }
            None if source_files.contains(slug.as_str()) => {}
            None => diags.push(
                Diagnostic::error(
                    Code::MissingSource,
                    format!("translation of `{slug}` has no source `{slug}.md`"),
                )
                .at(doc.file.location(0))
                .help("add the English source, or rename the file to match an existing explainer"),
            ),
        }
    }
    let unloaded = (source_files.iter())
        .filter(|slug| !explainers.contains_key(**slug))
        .map(|slug| slug.to_string())
        .collect();
    let mut library = Library {
        explainers: explainers.into_values().collect(),
        unloaded,
        unloaded_translations,
    };
    library.sort();
    library
}

/// The names of the explainer files (`*.md`) in `content/explainers/`. Anything
/// else there but folders and hidden files is an `ignored-file` warning: a
/// picture dropped here, or a translation saved as `.markdown`, would otherwise
/// vanish without a word. A pipe named `.md` is listed, to be refused when read.
fn explainer_files(site: &SiteDir, diags: &mut Diagnostics) -> Vec<String> {
    let dir = site.path(EXPLAINERS_DIR);
    let mut names = Vec::new();
    // Absent is a site without explainers; a folder that cannot be read is not
    // an empty one.
    let why = match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some("not a folder".to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && dir.symlink_metadata().is_err() => {
            return names;
        }
        Err(e) => Some(e.to_string()),
    };
    if let Some(why) = why {
        let message = format!("cannot list {EXPLAINERS_DIR}: {why}");
        diags.push(Diagnostic::error(Code::Io, message));
        return names;
    }
    let entries = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for entry in entries {
        let e = match entry {
            Ok(e) if !e.file_type().is_dir() => e,
            Ok(_) => continue,
            Err(e) => {
                let message = format!("cannot list {EXPLAINERS_DIR}: {e}");
                diags.push(Diagnostic::error(Code::Io, message));
                continue;
            }
        };
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if name.ends_with(".md") {
            names.push(name);
            continue;
        }
        diags.push(
            Diagnostic::warning(
                Code::IgnoredFile,
                format!("{EXPLAINERS_DIR}/{name} is not an explainer and is ignored"),
            )
            .help("explainers end in `.md`; pictures and other files go in `static/`"),
        );
    }
    names
}

/// Read and parse the explainer file `name` (`<slug>.md`, `<slug>.<lang>.md`)
/// of the site.
pub fn load_document(
    site: &SiteDir,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<(String, Document)> {
    let file = match site.read_source(&format!("{EXPLAINERS_DIR}/{name}")) {
        Ok(file) => file,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let stem = &name[..name.len() - 3];
    let (slug, lang) = match stem.split_once('.') {
        Some((slug, lang)) => (slug, Some(lang)),
        None => (stem, None),
    };
    if !is_id(slug) {
        diags.push(
            Diagnostic::error(Code::InvalidSlug, format!("`{slug}` is not a valid slug"))
                .at(file.location(0))
                .help("name explainers with lower-case letters, digits and hyphens: `two-step-verification.md`"),
        );
        return None;
    }
    let lang = match lang.map(canonical_lang) {
        Some(Some(l)) => Some(l),
        Some(None) => {
            diags.push(
                Diagnostic::error(Code::InvalidSlug, format!("`{}` in `{name}` is not a language or locale tag", lang.unwrap_or("")))
                    .at(file.location(0))
                    .help("translations are named `<slug>.<lang>.md`, for example `two-step-verification.fr.md` or `.es-MX.md`"),
            );
            return None;
        }
        None => None,
    };
    let parsed = parse_front_matter(&file, diags)?;
    let body = parse_directives(&file, parsed.body_start, diags);
    Some((
        slug.to_string(),
        Document {
            file,
            front: parsed.front,
            body,
            body_start: parsed.body_start,
            lang,
        },
    ))
}

/// `fr` -> `fr`, `es-mx` -> `es-MX`; `None` when not a language or locale tag.
fn canonical_lang(tag: &str) -> Option<String> {
    if tag.contains('_') || tag.contains('.') {
        return None;
    }
    let id: unic_langid::LanguageIdentifier = tag.parse().ok()?;
    (!id.language.is_empty()).then(|| id.to_string())
}
