//! What `serve` keeps between rebuilds: rendered page bodies and the keys of the
//! files already in its output, so that an edit re-renders only what it touches.

use super::bodies::PageBody;
use crate::diagnostics::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// A page body and the findings that came with it.
pub struct CachedBody {
    pub body: Arc<PageBody>,
    pub diagnostics: Vec<Diagnostic>,
}

/// (market, slug) -> (key of the inputs, body).
type BodyMap = HashMap<(String, String), (u64, Arc<CachedBody>)>;

#[derive(Default)]
pub struct RenderCache {
    bodies: Mutex<BodyMap>,
    /// Output path -> key of what was written there.
    outputs: Mutex<HashMap<String, u64>>,
    /// Paths produced by the current rebuild (written or still fresh).
    produced: Mutex<HashSet<String>>,
}

impl RenderCache {
    pub fn body(&self, market: &str, slug: &str, key: u64) -> Option<Arc<CachedBody>> {
        let map = self.bodies.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&(market.to_string(), slug.to_string()))
            .filter(|(k, _)| *k == key)
            .map(|(_, b)| b.clone())
    }

    pub fn store_body(&self, market: &str, slug: &str, key: u64, body: Arc<CachedBody>) {
        let mut map = self.bodies.lock().unwrap_or_else(|e| e.into_inner());
        map.insert((market.to_string(), slug.to_string()), (key, body));
    }

    /// Whether `path` already holds the output of `key`; records the path as produced.
    pub fn is_fresh(&self, path: &str, key: u64) -> bool {
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        self.outputs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            == Some(&key)
    }

    pub fn record(&self, path: &str, key: u64) {
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        self.outputs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), key);
    }

    /// Start a rebuild: nothing produced yet.
    pub fn begin(&self) {
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// End a rebuild: the paths of the previous one that this one did not produce.
    pub fn finish(&self) -> Vec<String> {
        let produced = self.produced.lock().unwrap_or_else(|e| e.into_inner());
        let mut outputs = self.outputs.lock().unwrap_or_else(|e| e.into_inner());
        let stale: Vec<String> = outputs
            .keys()
            .filter(|p| !produced.contains(*p))
            .cloned()
            .collect();
        for p in &stale {
            outputs.remove(p);
        }
        stale
    }

    /// Forget the output of the paths under `prefix` (a market whose pages were kept
    /// from an earlier rebuild keeps them, but they are no longer known fresh).
    pub fn keep_prefix(&self, prefix: &str) {
        let outputs = self.outputs.lock().unwrap_or_else(|e| e.into_inner());
        let mut produced = self.produced.lock().unwrap_or_else(|e| e.into_inner());
        produced.extend(outputs.keys().filter(|p| p.starts_with(prefix)).cloned());
    }
}

/// A key from hashable parts.
pub fn key_of(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}
