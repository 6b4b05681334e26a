//! Files that cost time to make (share cards, resized images), kept beside the
//! output in `.<output>.cache/`, one flat folder, under their output path, which
//! names what they are made from (a hash of what a card shows; of an image's
//! bytes and width): a build reuses a file found there, hard-linked into the
//! output where it can, and keeps only the files it used, so that the cache
//! holds what the output holds.

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
        let name = file_name(rel);
        let path = self.dir.join(&name);
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name);
        // Only regular files in a real folder: never read through a link.
        if self.usable()
            && fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
            && let Ok(bytes) = fs::read(&path)
        {
            return Ok(bytes);
        }
        let bytes = make()?;
        let _ = self.keep(&path, &bytes);
        Ok(bytes)
    }

    /// Put the file for `rel` at `dest` as a hard link to the cache's copy,
    /// made first if the cache lacks it: a cold build then writes no card twice
    /// and copies none. `None` where the cache cannot link (another file
    /// system, no cache): the caller writes the bytes returned instead.
    pub fn link_or_make(
        &self,
        rel: &str,
        make: &dyn Fn() -> io::Result<Vec<u8>>,
        link: &dyn Fn(&Path) -> io::Result<()>,
    ) -> io::Result<Option<Vec<u8>>> {
        let path = self.dir.join(file_name(rel));
        let cached = || self.usable() && fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if !cached() {
            let bytes = self.get_or_make(rel, make)?;
            if !cached() || link(&path).is_err() {
                return Ok(Some(bytes));
            }
            return Ok(None);
        }
        self.keep_using(rel);
        match link(&path) {
            Ok(()) => Ok(None),
            Err(_) => self.get_or_make(rel, make).map(Some),
        }
    }

    /// Count the copy of `rel` as used, if there is one: the output kept it.
    pub fn keep_using(&self, rel: &str) {
        (self.used.lock().unwrap_or_else(|e| e.into_inner())).insert(file_name(rel));
    }

    /// Remove what this build did not use (a removed or changed image's copies).
    pub fn prune(&self) {
        let used = std::mem::take(&mut *self.used.lock().unwrap_or_else(|e| e.into_inner()));
        if !self.usable() {
            return;
        }
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // `remove_file` of a link removes the link, never what it names.
            if !used.contains(&name) && entry.file_type().is_ok_and(|t| !t.is_dir()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Whether the cache folder is a real folder (or not there yet): a link
    /// standing in its place is never written through, read or pruned.
    fn usable(&self) -> bool {
        match fs::symlink_metadata(&self.dir) {
            Ok(m) => m.is_dir(),
            Err(e) => e.kind() == io::ErrorKind::NotFound,
        }
    }

    /// Write `bytes` at `path` whole or not at all (a killed build leaves no
    /// half file to be reused), through a new file: never through a link.
    fn keep(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if !self.usable() {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)?;
        let tmp = path.with_extension("part");
        let _ = fs::remove_file(&tmp);
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        io::Write::write_all(&mut f, bytes)?;
        fs::rename(&tmp, path)
    }
}

/// One flat folder: a copy's output path, its `/`s written as `%2F`.
fn file_name(rel: &str) -> String {
    rel.replace('%', "%25").replace('/', "%2F")
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
        let kept = root
            .path()
            .join(".public.cache/static%2Fimg%2Fa.480w.h.png");
        assert!(kept.is_file());
        // A build that does not use it removes it.
        Cache::beside(&out).prune();
        assert!(!kept.exists());
    }

    #[test]
    fn a_made_file_is_linked_from_the_cache_or_written_where_it_cannot_be() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        fs::create_dir(&out).unwrap();
        let made = Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            Ok(b"card".to_vec())
        };
        let link_to = |dest: &str| {
            let dest = out.join(dest);
            move |cached: &Path| fs::hard_link(cached, &dest)
        };
        // Made once, kept, and linked: first with an empty cache, then from it.
        for (i, dest) in ["a.png", "b.png"].into_iter().enumerate() {
            let cache = Cache::beside(&out);
            let got = cache
                .link_or_make("card.png", &make, &link_to(dest))
                .unwrap();
            assert_eq!(got, None, "build {i} links");
            assert_eq!(fs::read(out.join(dest)).unwrap(), b"card");
            cache.prune();
        }
        assert_eq!(made.get(), 1);
        // A link the file system refuses: the bytes come back to be written.
        let refuse = |_: &Path| Err(io::ErrorKind::CrossesDevices.into());
        for name in ["card.png", "new.png"] {
            let cache = Cache::beside(&out);
            let got = cache.link_or_make(name, &make, &refuse).unwrap();
            assert_eq!(got.as_deref(), Some(&b"card"[..]), "{name}");
        }
        assert_eq!(made.get(), 2, "the cached copy is read, the new one made");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_caches_place_is_never_written_read_or_pruned_through() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = root.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        fs::write(elsewhere.join("precious"), "keep me").unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.path().join(".public.cache")).unwrap();
        let cache = Cache::beside(&root.path().join("public"));
        assert_eq!(
            cache
                .get_or_make("static/img/a.png", &|| Ok(b"new".to_vec()))
                .unwrap(),
            b"new"
        );
        cache.prune();
        let names: Vec<_> = fs::read_dir(&elsewhere)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["precious"]);
        // A link in a copy's place is replaced, not written through.
        let real = root.path().join("real");
        fs::remove_file(root.path().join(".public.cache")).unwrap();
        fs::create_dir(root.path().join(".public.cache")).unwrap();
        let name = root
            .path()
            .join(".public.cache")
            .join(file_name("static/img/b.png"));
        std::os::unix::fs::symlink(elsewhere.join("precious"), &name).unwrap();
        std::os::unix::fs::symlink(&real, name.with_extension("part")).unwrap();
        let cache = Cache::beside(&root.path().join("public"));
        assert_eq!(
            cache
                .get_or_make("static/img/b.png", &|| Ok(b"made".to_vec()))
                .unwrap(),
            b"made"
        );
        assert_eq!(
            fs::read_to_string(elsewhere.join("precious")).unwrap(),
            "keep me"
        );
        assert!(!real.exists());
        cache.prune();
        assert_eq!(
            fs::read_to_string(elsewhere.join("precious")).unwrap(),
            "keep me"
        );
    }
}
