//! The served site, in memory: `serve` never writes to disk. A rebuild writes into
//! a pending set that replaces the served files at once, so that a request never
//! sees half of a rebuild.

use crate::output::Sink;
use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex, RwLock};

#[derive(Default)]
pub struct MemorySite {
    files: RwLock<HashMap<String, Arc<Vec<u8>>>>,
    pending: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

impl MemorySite {
    pub fn get(&self, path: &str) -> Option<Arc<Vec<u8>>> {
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
    pub fn put(&self, path: String, bytes: Vec<u8>) {
        (self.pending.lock().unwrap_or_else(|e| e.into_inner())).insert(path, Arc::new(bytes));
    }

    /// Forget what a failed rebuild wrote.
    pub fn discard(&self) {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

impl Sink for MemorySite {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), Arc::new(bytes.to_vec()));
        Ok(())
    }
}
