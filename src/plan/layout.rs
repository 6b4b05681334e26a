//! Every file a build writes, and what writes it. Two writers of one path, or a
//! file where another writer needs a folder, would lose pages while the build
//! reports success: each is an error naming both.

use super::Plan;
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::Sources;
use std::collections::HashMap;

/// What writes a file of the output.
#[derive(Clone, Copy)]
enum Writer<'a> {
    Page {
        market: &'a str,
        file: &'a str,
    },
    Script {
        market: &'a str,
        file: &'a str,
    },
    Home {
        market: &'a str,
    },
    ScriptsIndex {
        market: &'a str,
    },
    /// A market's 404 page or sitemap.
    MarketFile {
        market: &'a str,
        what: &'static str,
    },
    Root(&'static str),
    ThemeAsset(&'a str),
    Static(&'a str),
    /// A resized copy of an image of `static/`.
    Resized(&'a str),
}

impl std::fmt::Display for Writer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Writer::Page { market, file } => write!(f, "the page of {file} in market `{market}`"),
            Writer::Script { market, file } => {
                write!(f, "the creator script of {file} in market `{market}`")
            }
            Writer::Home { market } => write!(f, "the home of market `{market}`"),
            Writer::ScriptsIndex { market } => {
                write!(f, "the creator scripts index of market `{market}`")
            }
            Writer::MarketFile { market, what } => write!(f, "the {what} of market `{market}`"),
            Writer::Root(what) => write!(f, "the site's {what}"),
            Writer::ThemeAsset(path) => write!(f, "the theme's static/{path}"),
            Writer::Static(rel) => write!(f, "static/{rel}"),
            Writer::Resized(rel) => write!(f, "a resized copy of static/{rel}"),
        }
    }
}

impl<'a> Writer<'a> {
    /// The writer, whatever the market: one finding for a conflict that repeats
    /// in every market.
    fn key(self) -> (u8, &'a str) {
        match self {
            Writer::Page { file, .. } => (0, file),
            Writer::Script { file, .. } => (1, file),
            Writer::Home { .. } => (2, ""),
            Writer::ScriptsIndex { .. } => (3, ""),
            Writer::MarketFile { what, .. } => (7, what),
            Writer::Root(what) => (4, what),
            Writer::ThemeAsset(path) => (5, path),
            Writer::Static(rel) => (6, rel),
            Writer::Resized(rel) => (8, rel),
        }
    }

    /// Where to point the author: the explainer's first line.
    fn location(&self, sources: &Sources) -> Option<Location> {
        let (Writer::Page { file, .. } | Writer::Script { file, .. }) = self else {
            return None;
        };
        let doc = sources.library.explainers.iter().find_map(|e| {
            std::iter::once(&e.source)
                .chain(e.translations.values().map(|d| &**d))
                .find(|d| d.file.path == *file)
        })?;
        Some(doc.file.location(0))
    }
}

/// The files this build writes into the output, each with its writer: the
/// built markets' pages, script files and indexes, the root files, the theme's
/// assets (`assets`: path -> URL) and the site's `static/`. The paths are kept
/// end to end in one string (`paths`), a range each: a site has tens of
/// thousands, and `serve` lists them on every rebuild.
#[derive(Default)]
struct Files<'a> {
    paths: String,
    files: Vec<(std::ops::Range<usize>, Writer<'a>)>,
}

impl<'a> Files<'a> {
    fn add(&mut self, writer: Writer<'a>, parts: &[&str]) {
        let start = self.paths.len();
        parts.iter().for_each(|p| self.paths.push_str(p));
        self.files.push((start..self.paths.len(), writer));
    }

    fn list(sources: &'a Sources, plan: &'a Plan, assets: &'a HashMap<String, String>) -> Self {
        let mut f = Files::default();
        f.files
            .reserve(plan.pages.len() * 5 + sources.static_files.len() + 16);
        f.paths.reserve(plan.pages.len() * 5 * 32);
        for page in &plan.pages {
            let mp = &plan.markets[page.market];
            if !mp.built {
                continue;
            }
            let slug = sources.library.explainers[page.explainer].slug.as_str();
            let (market, file, dir) = (
                mp.market.id.as_str(),
                page.doc.file.path.as_str(),
                mp.dir.as_str(),
            );
            f.add(Writer::Page { market, file }, &[dir, slug, "/index.html"]);
            if page.doc.body.script.is_some() {
                let script = Writer::Script { market, file };
                for ext in [
                    ".json",
                    ".vtt",
                    ".screen.vtt",
                    ".srt",
                    ".txt",
                    "/index.html",
                ] {
                    f.add(script, &[dir, "scripts/", slug, ext]);
                }
            }
        }
        for mp in plan.markets.iter().filter(|m| m.built) {
            let market = mp.market.id.as_str();
            f.add(Writer::Home { market }, &[&mp.dir, "index.html"]);
            f.add(
                Writer::ScriptsIndex { market },
                &[&mp.dir, "scripts/index.html"],
            );
            for (what, name) in [("404 page", "404.html"), ("sitemap", "sitemap.xml")] {
                f.add(Writer::MarketFile { market, what }, &[&mp.dir, name]);
            }
        }
        if plan.chooser {
            f.add(Writer::Root("market chooser"), &["index.html"]);
            for name in [
                "404.html",
                "sitemap.xml",
                crate::render::sitemap::ROOT_SITEMAP,
            ] {
                f.add(Writer::Root(name), &[name]);
            }
        }
        f.add(Writer::Root("robots.txt"), &["robots.txt"]);
        for (path, url) in assets {
            f.add(Writer::ThemeAsset(path), &[&url[plan.root_path().len()..]]);
        }
        for rel in &sources.static_files {
            f.add(Writer::Static(rel), &[rel]);
        }
        for (rel, image) in &sources.static_scan.images {
            for v in &image.variants {
                f.add(Writer::Resized(rel), &[&v.path]);
            }
        }
        f
    }

    fn iter(&self) -> impl Iterator<Item = (&str, Writer<'a>)> {
        self.files.iter().map(|(r, w)| (&self.paths[r.clone()], *w))
    }
}

/// An `output-conflict` error for each path that two writers claim, and for
/// each file that stands where another writer needs a folder.
pub fn check_layout(
    sources: &Sources,
    plan: &Plan,
    assets: &HashMap<String, String>,
) -> Vec<Diagnostic> {
    let files = Files::list(sources, plan, assets);
    let mut by_path: std::collections::HashMap<&str, Writer> = std::collections::HashMap::new();
    by_path.reserve(files.files.len());
    let mut found = Vec::new();
    for (path, writer) in files.iter() {
        if let Some(first) = by_path.insert(path, writer) {
            found.push((first, writer, format!("both write `{path}`")));
        }
    }
    // One finding for each file that stands where a folder is needed.
    let mut blocking = std::collections::HashSet::new();
    for (path, writer) in files.iter() {
        let mut folder = path;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if let Some(file) = by_path.get(parent) {
                if blocking.insert(parent) {
                    let why = format!("the file `{parent}` stands where `{path}` needs a folder");
                    found.push((*file, writer, why));
                }
                break;
            }
            folder = parent;
        }
    }
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|(a, b, _)| seen.insert((a.key(), b.key())))
        .map(|(a, b, why)| {
            let (first, second) = if b.location(sources).is_some() {
                (b, a)
            } else {
                (a, b)
            };
            Diagnostic::error(Code::OutputConflict, format!("{first} and {second}: {why}"))
                .at_opt(first.location(sources).or_else(|| second.location(sources)))
                .help(help(first, second))
        })
        .collect()
}

fn help(a: Writer, b: Writer) -> &'static str {
    match (a, b) {
        (Writer::Static(_), _) | (_, Writer::Static(_)) => {
            "move or rename the file in static/: the build makes that path itself"
        }
        (Writer::Page { .. } | Writer::Script { .. }, _) => {
            "rename the explainer: its slug is a folder the build makes itself (`scripts`) or another market's path"
        }
        _ => "give the market a `path` of its own that no root file or other market uses",
    }
}
