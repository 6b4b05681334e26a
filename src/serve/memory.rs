//! The served site, in memory: `serve` never writes to disk. A rebuild writes into
//! a pending set that replaces the served files at once, so that a request never
//! sees half of a rebuild.
//!
//! Share cards are kept as what they show and drawn when first asked for: a
//! preview's browser asks for none of them (only link previews read `og:image`),
//! and drawing all of a large site's would hold up the first page for a minute.

use crate::assets::cards::{CardMaker, CardText};
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// A served file.
#[derive(Clone)]
pub enum Served {
    Bytes(Arc<Vec<u8>>),
    Card(Arc<LazyCard>),
}

/// A share card, drawn once, on the first request for it.
pub struct LazyCard {
    maker: Arc<CardMaker>,
    text: CardText,
    drawn: OnceLock<Result<Arc<Vec<u8>>, Diagnostic>>,
}

impl LazyCard {
    pub fn new(maker: Arc<CardMaker>, text: CardText) -> LazyCard {
        LazyCard {
            maker,
            text,
            drawn: OnceLock::new(),
        }
    }

    /// The PNG, drawn now if it has not been (about 15 ms), or why it cannot be.
    pub fn png(&self) -> Result<Arc<Vec<u8>>, Diagnostic> {
        (self
            .drawn
            .get_or_init(|| self.maker.make(&self.text).map(Arc::new)))
        .clone()
    }
}

#[derive(Default)]
pub struct MemorySite {
    files: RwLock<HashMap<String, Served>>,
    pending: Mutex<HashMap<String, Served>>,
}

impl MemorySite {
    pub fn get(&self, path: &str) -> Option<Served> {
        self.files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .cloned()
    }

    /// Serve what the rebuild wrote and drop `stale` paths, in one step; the
    /// number of files changed.
    pub fn publish(&self, stale: &[String]) -> usize {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        let n = pending.len() + stale.len();
        for p in stale {
            files.remove(p);
        }
        files.extend(pending);
        n
    }

    /// Put a file in the pending set of the rebuild.
    pub fn put(&self, path: String, file: Served) {
        (self.pending.lock().unwrap_or_else(|e| e.into_inner())).insert(path, file);
    }

    /// Forget what a failed rebuild wrote.
    pub fn discard(&self) {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}
