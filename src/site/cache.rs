//! What `serve` keeps between rebuilds: rendered page bodies and the keys of the
//! files already in its output, so that an edit re-renders only what it touches.

use super::bodies::PageBody;
use crate::diagnostics::Diagnostic;
use crate::render::MarketTemplates;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};

/// A page body and the findings that came with it.
pub struct CachedBody {
    pub body: Arc<PageBody>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Page id -> (key of its inputs, its files): an explainer page and its script.
pub type PageGroups = HashMap<u64, (u64, Vec<String>)>;

#[derive(Default)]
pub struct RenderCache {
    /// Page id (market and slug) -> (key of the inputs, body).
    bodies: Mutex<HashMap<u64, (u64, Arc<CachedBody>)>>,
    /// Output path -> key of what was written there.
    outputs: RwLock<HashMap<String, u64>>,
    /// Paths produced by the current rebuild (written, still fresh, or kept).
    produced: Mutex<HashSet<String>>,
    /// The files of one explainer page and its script, by page id (market and
    /// slug): checked as one, so that an unchanged page costs one lookup.
    groups: RwLock<PageGroups>,
    /// Page ids produced by the current rebuild.
    produced_groups: Mutex<HashSet<u64>>,
    /// Files of rewritten pages that the new version no longer has.
    dropped: Mutex<Vec<String>>,
    /// Each market's templates, with the key of the theme and the market's
    /// messages they were made from.
    templates: Mutex<HashMap<usize, (u64, Arc<MarketTemplates>)>>,
    /// The output conflicts of the last rebuild, and the key of the layout they
    /// were found in.
    layout: Mutex<Option<(u64, Vec<Diagnostic>)>>,
}

impl RenderCache {
    /// Market `mi`'s templates: those of the last rebuild when `key` (the theme's
    /// and the market's messages') is theirs, else made by `make`.
    pub fn templates(
        &self,
        mi: usize,
        key: u64,
        make: impl FnOnce() -> MarketTemplates,
    ) -> Arc<MarketTemplates> {
        if let Some((k, t)) = self
            .templates
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&mi)
            && *k == key
        {
            return t.clone();
        }
        let made = Arc::new(make());
        self.templates
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(mi, (key, made.clone()));
        made
    }

    /// The output conflicts of the layout `key`: the last rebuild's when its
    /// layout was the same, else found by `find`.
    pub fn layout(&self, key: u64, find: impl FnOnce() -> Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut last = self.layout.lock().unwrap_or_else(|e| e.into_inner());
        match &*last {
            Some((k, found)) if *k == key => found.clone(),
            _ => {
                let found = find();
                *last = Some((key, found.clone()));
                found
            }
        }
    }

    pub fn body(&self, id: u64, key: u64) -> Option<Arc<CachedBody>> {
        let map = self.bodies.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&id)
            .filter(|(k, _)| *k == key)
            .map(|(_, b)| b.clone())
    }

    pub fn store_body(&self, id: u64, key: u64, body: Arc<CachedBody>) {
        self.bodies
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, (key, body));
    }

    /// The keys of the files in the output, read-only while a rebuild writes.
    pub fn outputs(&self) -> RwLockReadGuard<'_, HashMap<String, u64>> {
        self.outputs.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The page groups in the output, read-only while a rebuild writes.
    pub fn groups(&self) -> RwLockReadGuard<'_, PageGroups> {
        self.groups.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Record the page groups a rebuild kept (`fresh`) and wrote (with their files).
    pub fn commit_groups(&self, fresh: Vec<u64>, written: Vec<(u64, u64, Vec<String>)>) {
        let mut groups = self.groups.write().unwrap_or_else(|e| e.into_inner());
        let mut produced = self
            .produced_groups
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut dropped = self.dropped.lock().unwrap_or_else(|e| e.into_inner());
        produced.extend(fresh);
        for (id, key, paths) in written {
            if let Some((_, old)) = groups.get(&id) {
                dropped.extend(old.iter().filter(|p| !paths.contains(p)).cloned());
            }
            groups.insert(id, (key, paths));
            produced.insert(id);
        }
    }

    /// Record what a rebuild produced: each path with the key of its content.
    pub fn commit(&self, produced: Vec<(String, u64)>) {
        let mut outputs = self.outputs.write().unwrap_or_else(|e| e.into_inner());
        let mut set = self.produced.lock().unwrap_or_else(|e| e.into_inner());
        for (path, key) in produced {
            outputs.insert(path.clone(), key);
            set.insert(path);
        }
    }

    /// Start a rebuild: nothing produced yet.
    pub fn begin(&self) {
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.produced_groups
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// End a rebuild: the paths of the previous one that this one did not produce.
    pub fn finish(&self) -> Vec<String> {
        let produced = self.produced.lock().unwrap_or_else(|e| e.into_inner());
        let mut outputs = self.outputs.write().unwrap_or_else(|e| e.into_inner());
        let mut stale: Vec<String> = outputs
            .keys()
            .filter(|p| !produced.contains(*p))
            .cloned()
            .collect();
        for p in &stale {
            outputs.remove(p);
        }
        let produced_groups = self
            .produced_groups
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut groups = self.groups.write().unwrap_or_else(|e| e.into_inner());
        groups.retain(|id, (_, paths)| {
            let keep = produced_groups.contains(id);
            if !keep {
                stale.append(paths);
            }
            keep
        });
        stale.append(&mut self.dropped.lock().unwrap_or_else(|e| e.into_inner()));
        stale
    }

    /// Keep the files under `prefix` as they are (a market left out because of
    /// its errors keeps its last good pages).
    pub fn keep_prefix(&self, prefix: &str) {
        let outputs = self.outputs();
        let mut produced = self.produced.lock().unwrap_or_else(|e| e.into_inner());
        produced.extend(outputs.keys().filter(|p| p.starts_with(prefix)).cloned());
        let groups = self.groups();
        let mut produced_groups = self
            .produced_groups
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        produced_groups.extend(
            groups
                .iter()
                .filter(|(_, (_, paths))| paths.iter().any(|p| p.starts_with(prefix)))
                .map(|(id, _)| *id),
        );
    }
}

/// A key from hashable parts.
pub fn key_of(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}
