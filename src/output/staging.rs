//! A build in progress: files go to a staging folder beside the output, which is
//! swapped in place of the output only when the whole build succeeded.
//!
//! The staging folder recycles the output before last (`.public.prev`):
//! rewriting a file that exists costs the file system far less than creating a
//! new one and deleting the old, and a build writes tens of thousands of files.
//! A recycled file that already holds the new bytes is left alone (its time
//! too, so that sync tools skip it); one that differs is overwritten; those this
//! build does not write are removed before the swap, so that the result is the
//! same as a build into an empty folder.

use super::cache::Cache;
use super::{MARKER, MARKER_TEXT};
use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    prev: PathBuf,
    /// Files of the recycled tree (`/`-separated, relative) that this build has
    /// not written yet.
    left: Mutex<HashSet<String>>,
    /// Folders of the recycled tree that held nothing.
    empty_dirs: Vec<String>,
    /// Created by this build, not recycled.
    fresh: bool,
    /// Folders made in a fresh staging folder (`/`-separated, relative).
    made_dirs: Mutex<HashSet<String>>,
    /// Resized images kept for the next build.
    pub(super) cache: Cache,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Staging {
    /// Prepare the staging folder for the output `out` (a real path): the
    /// previous output, or what a killed build left, or a new folder. Links and
    /// special files in a recycled tree are removed, so no write can follow one.
    pub fn create(out: &Path) -> io::Result<Staging> {
        let parent = out.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.staging"));
        let prev = parent.join(format!(".{name}.prev"));
        let is_dir = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
        let fresh = if is_dir(&dir) {
            // A killed build's staging folder is recycled; the previous output
            // makes way, for the swap to move the current one there.
            if is_dir(&prev) {
                fs::remove_dir_all(&prev)?;
            }
            false
        } else if is_dir(&prev) {
            fs::rename(&prev, &dir)?;
            false
        } else {
            fs::create_dir(&dir)?;
            true
        };
        let (files, empty_dirs) = if fresh {
            (HashSet::new(), Vec::new())
        } else {
            list(&dir)?
        };
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            prev,
            left: Mutex::new(files),
            empty_dirs,
            fresh,
            made_dirs: Mutex::new(HashSet::new()),
            cache: Cache::beside(out),
        };
        // Marked first: a build killed from here on leaves a folder that the
        // next build knows as its own.
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Write one file at `rel` (a `/`-separated path) under the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        if lock(&self.left).remove(rel) {
            match rewrite(&path, bytes) {
                Ok(()) => return Ok(()),
                // A folder where the file goes, a file that cannot be opened,
                // or one shared with the cache: out of the way, a new one made.
                Err(_) => {
                    let _ = fs::remove_file(&path);
                    clear_way(&self.dir, rel)
                }
            }
        }
        let mut f = self.create_file(rel, &path)?;
        f.write_all(bytes)
    }

    /// Copy the open file `from` to `rel`.
    pub fn copy(&self, rel: &str, mut from: fs::File) -> io::Result<()> {
        let path = self.dir.join(rel);
        if lock(&self.left).remove(rel) {
            // A new file, never one shared with the cache written through.
            let _ = fs::remove_file(&path);
            clear_way(&self.dir, rel);
        }
        let mut f = self.create_file(rel, &path)?;
        io::copy(&mut from, &mut f)?;
        Ok(())
    }

    /// Keep a made file of the recycled tree as it is: its name says what it
    /// is made from, and it is whole, as made files are written whole or not
    /// at all (`write_whole`). Reading or even asking the file system about
    /// thousands of images would cost more than the rest of a rebuild.
    pub(super) fn keep_made(&self, rel: &str) -> bool {
        let kept = lock(&self.left).remove(rel);
        if kept {
            self.cache.keep_using(rel);
        }
        kept
    }

    /// Write `bytes` at `rel` through a new file renamed into place: a build
    /// killed meanwhile leaves no part of it for `keep_made` to keep.
    pub(super) fn write_whole(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        let part = path.with_extension("part");
        let mut f = self.create_file(rel, &part)?;
        f.write_all(bytes)?;
        drop(f);
        fs::rename(&part, &path)
    }

    /// Put at `rel` a hard link to the file `cached`, whole at once.
    pub(super) fn link(&self, rel: &str, cached: &Path) -> io::Result<()> {
        let path = self.dir.join(rel);
        if fs::hard_link(cached, &path).is_ok() {
            return Ok(());
        }
        clear_way(&self.dir, rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::hard_link(cached, &path)
    }

    /// Create the file `path` (`rel` under the folder), with its folders,
    /// removing a file of the recycled tree that stands where a folder must.
    fn create_file(&self, rel: &str, path: &Path) -> io::Result<fs::File> {
        // A fresh folder holds only the folders this build made: each is made
        // before its first file, not after that file failed to open (a failed
        // open holds up every other thread writing in the same folder).
        if self.fresh
            && let Some((parent, _)) = rel.rsplit_once('/')
            && lock(&self.made_dirs).insert(parent.to_owned())
        {
            // Should this fail, the way below clears what stands in its way.
            let _ = fs::create_dir_all(self.dir.join(parent));
        }
        if let Ok(f) = fs::File::create(path) {
            return Ok(f);
        }
        if let Some(parent) = path.parent()
            && fs::create_dir_all(parent).is_err()
        {
            clear_way(&self.dir, rel);
            fs::create_dir_all(parent)?;
        }
        fs::File::create(path).or_else(|_| {
            clear_way(&self.dir, rel);
            fs::File::create(path)
        })
    }

    /// Remove the files of the recycled tree that this build did not write, and
    /// the folders that leaves empty.
    fn prune(&self) {
        let stale = std::mem::take(&mut *lock(&self.left));
        for rel in &stale {
            let _ = fs::remove_file(self.dir.join(rel));
        }
        // Deepest first, so that a folder is tried after its children.
        let mut todo: Vec<&str> = stale
            .iter()
            .filter_map(|rel| rel.rsplit_once('/').map(|(parent, _)| parent))
            .chain(self.empty_dirs.iter().map(String::as_str))
            .collect();
        todo.sort_unstable_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        todo.dedup();
        let mut i = 0;
        while i < todo.len() {
            let d = todo[i];
            if fs::remove_dir(self.dir.join(d)).is_ok()
                && let Some((parent, _)) = d.rsplit_once('/')
            {
                todo.push(parent);
            }
            i += 1;
        }
    }

    /// Swap the staging folder in place of the output, in one step where the
    /// system can (Linux), so that the output path always holds a whole site.
    /// The previous output is set aside as `.public.prev`, for the next build to
    /// recycle.
    pub fn commit(self) -> io::Result<()> {
        self.prune();
        self.cache.prune();
        if !self.out.exists() {
            return fs::rename(&self.dir, &self.out);
        }
        if exchange(&self.dir, &self.out).is_ok() {
            // The previous output now has the staging folder's name; if it cannot
            // move on, the next build recycles it from there.
            let _ = fs::rename(&self.dir, &self.prev);
            return Ok(());
        }
        fs::rename(&self.out, &self.prev)?;
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            let _ = fs::rename(&self.prev, &self.out);
            return Err(e);
        }
        Ok(())
    }

    /// Leave the output as it was. A staging folder this build created is
    /// removed; a recycled one goes back to be recycled by the next build.
    pub fn abort(self) {
        if self.fresh || self.prev.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        } else {
            let _ = fs::rename(&self.dir, &self.prev);
        }
    }
}

/// Overwrite the file at `path` with `bytes`, unless it holds them already.
fn rewrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::OpenOptions::new().read(true).write(true).open(path)?;
    let meta = f.metadata()?;
    if meta.len() == bytes.len() as u64 && holds(&mut f, bytes)? {
        return Ok(());
    }
    // A file linked from the cache is shared: replaced, never written through.
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    f.seek(io::SeekFrom::Start(0))?;
    f.write_all(bytes)?;
    f.set_len(bytes.len() as u64)
}

/// Whether `f` holds exactly `bytes` (its length is known to match), read a
/// piece at a time: the largest file of a site, its sitemap, is megabytes.
fn holds(f: &mut fs::File, bytes: &[u8]) -> io::Result<bool> {
    let mut buf = vec![0u8; bytes.len().clamp(1, 64 * 1024)];
    let mut rest = bytes;
    while !rest.is_empty() {
        let want = rest.len().min(buf.len());
        f.read_exact(&mut buf[..want])?;
        if buf[..want] != rest[..want] {
            return Ok(false);
        }
        rest = &rest[want..];
    }
    Ok(true)
}

/// Remove what stands where `rel` must go: a file where a folder is needed, a
/// folder where the file is.
fn clear_way(dir: &Path, rel: &str) {
    let mut at = dir.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() && i + 1 == parts.len() => drop(fs::remove_dir_all(&at)),
            Ok(m) if !m.is_dir() && i + 1 < parts.len() => drop(fs::remove_file(&at)),
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

/// The files of the recycled tree at `dir` (by relative path) and its empty
/// folders. Links and special files are removed on the way; links to folders
/// are not followed.
fn list(dir: &Path) -> io::Result<(HashSet<String>, Vec<String>)> {
    let mut files = HashSet::new();
    let mut empty = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = crate::paths::relative(entry.path(), dir);
        let kind = entry.file_type();
        if kind.is_file() {
            files.insert(rel);
        } else if kind.is_dir() {
            if fs::read_dir(entry.path())?.next().is_none() {
                empty.push(rel);
            }
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    Ok((files, empty))
}

/// Swap two folders in one step: `renameat2` with `RENAME_EXCHANGE`.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn exchange_swaps_two_folders_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        for (dir, mark) in [(&a, "in a"), (&b, "in b")] {
            fs::create_dir(dir).unwrap();
            fs::write(dir.join("mark"), mark).unwrap();
        }
        exchange(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(a.join("mark")).unwrap(), "in b");
        assert_eq!(fs::read_to_string(b.join("mark")).unwrap(), "in a");
    }

    #[test]
    fn a_file_is_rewritten_only_when_its_bytes_differ() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("page.html");
        for (old, new) in [
            ("same", "same"),
            ("longer text", "short"),
            ("a", "bbb"),
            ("", "x"),
            ("x", ""),
        ] {
            fs::write(&path, old).unwrap();
            let before = fs::metadata(&path).unwrap().modified().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(10));
            rewrite(&path, new.as_bytes()).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), new);
            let after = fs::metadata(&path).unwrap().modified().unwrap();
            assert_eq!(before == after, old == new, "{old:?} -> {new:?}");
        }
        // A file linked elsewhere (a card shared with the cache) is replaced,
        // never written through.
        #[cfg(unix)]
        {
            let staging = Staging::create(&tmp.path().join("out")).unwrap();
            let shared = tmp.path().join("cached.png");
            fs::write(&shared, "cached").unwrap();
            staging.link("img/card.png", &shared).unwrap();
            lock(&staging.left).insert("img/card.png".into());
            staging.write("img/card.png", b"other").unwrap();
            assert_eq!(fs::read_to_string(&shared).unwrap(), "cached");
            assert_eq!(
                fs::read_to_string(staging.dir.join("img/card.png")).unwrap(),
                "other"
            );
            // Nor is a copied file.
            staging.link("img/photo.png", &shared).unwrap();
            lock(&staging.left).insert("img/photo.png".into());
            let from = tmp.path().join("photo.png");
            fs::write(&from, "a photo").unwrap();
            (staging.copy("img/photo.png", fs::File::open(&from).unwrap())).unwrap();
            assert_eq!(fs::read_to_string(&shared).unwrap(), "cached");
            let copied = staging.dir.join("img/photo.png");
            assert_eq!(fs::read_to_string(copied).unwrap(), "a photo");
        }
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &big).unwrap();
        let mut changed = big.clone();
        changed[150_000] ^= 1;
        rewrite(&path, &changed).unwrap();
        assert_eq!(fs::read(&path).unwrap(), changed);
    }
}
