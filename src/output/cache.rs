//! Files that cost time to make (resized images), kept beside the output in
//! `.<output>.cache/` under their output path, which names what they are made
//! from (a hash of the original's bytes and the width): a build reuses a file
//! found there, and keeps only the files it used, so that the cache holds
//! what the output holds.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct Cache {
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
}

impl Cache {
    /// The cache of the output `out`: `.<name>.cache` beside it.
    pub fn beside(out: &Path) -> Cache {
        let parent = out.parent().unwrap_or(Path::new("/"));
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned());
        Cache {
            dir: parent.join(format!(".{}.cache", name.as_deref().unwrap_or("public"))),
            used: Mutex::new(HashSet::new()),
        }
    }

    /// The file kept for `rel`, or the one `make` makes, kept for next time
    /// (a file the cache cannot keep is still made and published).
    pub fn get_or_make(
        &self,
        rel: &str,
        make: &dyn Fn() -> io::Result<Vec<u8>>,
    ) -> io::Result<Vec<u8>> {
        let path = self.dir.join(rel);
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string());
        // Only regular files: never read through a link someone put there.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
            && let Ok(bytes) = fs::read(&path)
        {
            return Ok(bytes);
        }
        let bytes = make()?;
        let _ = keep(&path, &bytes);
        Ok(bytes)
    }

    /// Remove what this build did not use (a removed or changed image's copies).
    pub fn prune(&self) {
        let used = std::mem::take(&mut *self.used.lock().unwrap_or_else(|e| e.into_inner()));
        if !self.dir.is_dir() {
            return;
        }
        for entry in walkdir::WalkDir::new(&self.dir)
            .contents_first(true)
            .into_iter()
            .flatten()
        {
            let rel = entry.path().strip_prefix(&self.dir).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            if entry.file_type().is_dir() {
                let _ = fs::remove_dir(entry.path());
            } else if !used.contains(&rel) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Write `bytes` at `path` whole or not at all: a killed build leaves no half
/// file to be reused.
fn keep(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let tmp = path.with_extension("part");
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_file_is_made_once_and_pruned_when_unused() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let made = Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            Ok(b"bytes".to_vec())
        };
        let cache = Cache::beside(&out);
        assert_eq!(
            cache.get_or_make("static/img/a.480w.h.png", &make).unwrap(),
            b"bytes"
        );
        cache.prune();
        let cache = Cache::beside(&out);
        assert_eq!(
            cache.get_or_make("static/img/a.480w.h.png", &make).unwrap(),
            b"bytes"
        );
        assert_eq!(made.get(), 1, "the second build reuses the file");
        let kept = root.path().join(".public.cache/static/img/a.480w.h.png");
        assert!(kept.is_file());
        // A build that does not use it removes it, and the folders it leaves empty.
        Cache::beside(&out).prune();
        assert!(!kept.exists() && !root.path().join(".public.cache/static").exists());
    }
}
