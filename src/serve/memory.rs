//! The served site, in memory: `serve` never writes to disk.

use crate::output::Sink;
use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

#[derive(Default)]
pub struct MemorySite {
    files: RwLock<HashMap<String, Arc<Vec<u8>>>>,
    writes: AtomicUsize,
}

impl MemorySite {
    pub fn get(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .cloned()
    }

    pub fn remove(&self, paths: &[String]) {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        for p in paths {
            files.remove(p);
        }
    }

    /// Files written since the last call.
    pub fn take_write_count(&self) -> usize {
        self.writes.swap(0, Ordering::Relaxed)
    }

    pub fn len(&self) -> usize {
        self.files.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Sink for MemorySite {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.files
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), Arc::new(bytes.to_vec()));
        self.writes.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}
