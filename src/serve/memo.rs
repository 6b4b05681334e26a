//! What `serve` keeps from one rebuild to the next, so that an edit re-renders
//! only what it touches: page bodies by the key of their inputs, and the units
//! of the output (an explainer page with its script files, a market's indexes,
//! the root files, an asset, a static file) by the key of theirs, with the
//! paths each wrote into the served site.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::Messages;
use crate::load::Sources;
use crate::pages::PageBody;
use crate::plan::{Concern, Page, Plan};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// A key from hashable parts.
pub fn key_of(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// A page body and the findings that came with it.
pub struct CachedBody {
    pub body: PageBody,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Default)]
pub struct Memo {
    /// Page id (market and slug) -> (key of the inputs, body).
    bodies: HashMap<u64, (u64, Arc<CachedBody>)>,
    /// Output unit id -> (key of its inputs, the paths it wrote).
    units: HashMap<u64, (u64, Vec<String>)>,
    /// Units this rebuild produced (written, or still fresh).
    produced: HashSet<u64>,
    /// Paths that a rewritten unit no longer writes.
    dropped: Vec<String>,
    /// The output conflicts of the last layout, and its key.
    layout: Option<(u64, Vec<Diagnostic>)>,
}

impl Memo {
    /// The body of page `id` when its inputs' key is still `key`.
    pub fn body(&self, id: u64, key: u64) -> Option<Arc<CachedBody>> {
        self.bodies
            .get(&id)
            .filter(|(k, _)| *k == key)
            .map(|(_, b)| b.clone())
    }

    pub fn store_body(&mut self, id: u64, key: u64, body: Arc<CachedBody>) {
        self.bodies.insert(id, (key, body));
    }

    /// Whether unit `id` is in the site as made from inputs of key `key`; if so
    /// it counts as produced by this rebuild.
    pub fn fresh(&mut self, id: u64, key: u64) -> bool {
        let fresh = self.units.get(&id).is_some_and(|(k, _)| *k == key);
        if fresh {
            self.produced.insert(id);
        }
        fresh
    }

    /// Record that unit `id` now holds `paths`, made from inputs of key `key`.
    pub fn record(&mut self, id: u64, key: u64, paths: Vec<String>) {
        if let Some((_, old)) = self.units.get(&id) {
            self.dropped
                .extend(old.iter().filter(|p| !paths.contains(p)).cloned());
        }
        self.units.insert(id, (key, paths));
        self.produced.insert(id);
    }

    /// Keep the units that wrote under `prefix` as they are (a market left out
    /// because of its errors keeps its last good pages).
    pub fn keep_prefix(&mut self, prefix: &str) {
        let kept = (self.units.iter())
            .filter(|(_, (_, paths))| paths.iter().any(|p| p.starts_with(prefix)))
            .map(|(id, _)| *id);
        self.produced.extend(kept);
    }

    /// End a rebuild: the paths of units it did not produce, and those that
    /// rewritten units no longer write. Those units are forgotten.
    pub fn finish(&mut self) -> Vec<String> {
        let produced = std::mem::take(&mut self.produced);
        let mut stale = std::mem::take(&mut self.dropped);
        self.units.retain(|id, (_, paths)| {
            let keep = produced.contains(id);
            if !keep {
                stale.append(paths);
            }
            keep
        });
        stale
    }

    /// Forget what a failed rebuild produced: the site was not changed.
    pub fn discard(&mut self) {
        self.produced.clear();
        self.dropped.clear();
    }

    /// The output conflicts of the layout `key`: the last rebuild's when its
    /// layout was the same, else found by `find`.
    pub fn layout(&mut self, key: u64, find: impl FnOnce() -> Vec<Diagnostic>) -> Vec<Diagnostic> {
        match &self.layout {
            Some((k, found)) if *k == key => found.clone(),
            _ => {
                let found = find();
                self.layout = Some((key, found.clone()));
                found
            }
        }
    }
}

/// Hashes of what page bodies and pages depend on.
pub struct Keys {
    /// Per market: its messages and the explainers it publishes (links resolve to them).
    pub market: HashMap<usize, u64>,
    /// Config and static files.
    pub site: u64,
    /// The site's, and the theme's templates and assets.
    pub theme: u64,
}

impl Keys {
    pub fn new(
        sources: &Sources,
        plan: &Plan,
        messages: impl Iterator<Item = (usize, Arc<Messages>)>,
        assets: &HashMap<String, String>,
        cards: Option<[u8; 32]>,
    ) -> Keys {
        let published = |mi: usize| -> Vec<(usize, u8)> {
            (plan.pages.iter())
                .filter(|p| p.market == mi)
                .map(|p| (p.explainer, p.origin as u8))
                .collect()
        };
        let market = messages
            .map(|(mi, m)| (mi, key_of((m.generation(), published(mi)))))
            .collect();
        let statics: Vec<&String> = sources.static_files.iter().collect();
        let images = (&sources.static_scan.images, &sources.theme.images);
        let site = key_of((
            sources.config_hash,
            statics,
            images,
            &plan.output_url,
            plan.chooser,
        ));
        let mut templates: Vec<(&String, u64)> = (sources.theme.templates.iter())
            .map(|(n, f)| (n, f.hash()))
            .collect();
        templates.sort();
        let mut urls: Vec<(&String, &String)> = assets.iter().collect();
        urls.sort();
        let theme = key_of((site, templates, urls, cards));
        Keys {
            market,
            site,
            theme,
        }
    }

    /// The inputs of one page body: its file (and the source's, for heading ids),
    /// the market's messages and link targets, and the site.
    pub fn body(&self, sources: &Sources, page: &Page) -> u64 {
        let source = &sources.library.explainers[page.explainer].source;
        key_of((
            self.site,
            self.market.get(&page.market),
            page.doc.file.hash(),
            source.file.hash(),
            page.origin as u8,
        ))
    }
}

/// What the layout depends on: the built markets' folders, which explainer
/// each publishes and whether with a script, the theme's assets and the static
/// files.
pub fn layout_key(sources: &Sources, plan: &Plan, assets: &HashMap<String, String>) -> u64 {
    let pages: Vec<(usize, &str, bool)> = (plan.pages.iter())
        .filter(|p| plan.markets[p.market].built)
        .map(|p| {
            let slug = sources.library.explainers[p.explainer].slug.as_str();
            (p.market, slug, p.doc.body.script.is_some())
        })
        .collect();
    let markets: Vec<(&str, bool)> = (plan.markets.iter())
        .map(|m| (m.dir.as_str(), m.built))
        .collect();
    let mut assets: Vec<&String> = assets.values().collect();
    assets.sort_unstable();
    key_of((pages, markets, plan.chooser, assets, &sources.static_files))
}

/// The built markets that an error keeps from updating: those it concerns
/// (`Plan::concern`), or all of them for an error in a shared source.
pub fn failed_markets(diags: &Diagnostics, plan: &Plan) -> BTreeSet<usize> {
    let built = |i: &usize| plan.markets[*i].built;
    let mut failed = BTreeSet::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        match plan.concern(d) {
            Concern::Site => return (0..plan.markets.len()).filter(built).collect(),
            Concern::Markets(m) => failed.extend(m.into_iter().filter(built)),
        }
    }
    failed
}
