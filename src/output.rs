//! The only module that writes the site to disk: a staging directory beside the
//! output, filled in parallel, swapped in only when the whole build succeeded.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where a build's files go: a staging folder for `build`, memory for `serve`.
pub trait Sink: Sync {
    /// Write one file at `rel`, a `/`-separated path under the output root.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Copy the file at `from` to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        self.write(rel, &std::fs::read(from)?)
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }

    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let to = self.dir.join(rel);
        self.lock_recycled().remove(rel);
        self.with_way_clear(rel, &to, || fs::copy(from, &to).map(drop))
    }
}

/// A sink that keeps nothing: `check` renders every page without writing.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _rel: &str, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn copy(&self, _rel: &str, _from: &Path) -> io::Result<()> {
        Ok(())
    }
}

/// A build in progress: files go to a staging directory next to the output.
///
/// The staging directory recycles the output before last (`.public.prev`):
/// rewriting a file that exists costs the file system far less than creating a
/// new one and deleting the old, and a site rewrites tens of thousands of files.
/// Files of the recycled tree that this build does not write are removed before
/// the swap, so that the result is the same as a build into an empty folder.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    prev: PathBuf,
    /// Files found in the recycled tree (`/`-separated, relative) and not yet
    /// rewritten by this build.
    recycled: Mutex<HashSet<String>>,
    /// Folders of the recycled tree that held nothing.
    empty_dirs: Vec<String>,
    /// Created by this build, not recycled.
    fresh: bool,
}

impl Staging {
    /// Prepare the staging directory for `out`: the previous output, or what a
    /// killed build left, or a fresh folder. Symbolic links in a recycled tree are
    /// removed, so no write can follow one.
    pub fn create(out: &Path) -> io::Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
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
        let (recycled, empty_dirs) = scan(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            prev,
            recycled: Mutex::new(recycled),
            empty_dirs,
            fresh,
        })
    }

    /// Write one file at `rel` (a `/`-separated path) under the staging directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        if self.lock_recycled().remove(rel) && rewrite(&path, bytes).is_ok() {
            return Ok(());
        }
        self.create_file(rel, &path)?.write_all(bytes)
    }

    /// Create the file at `path`.
    fn create_file(&self, rel: &str, path: &Path) -> io::Result<fs::File> {
        self.with_way_clear(rel, path, || fs::File::create(path))
    }

    /// Run `make`, which creates the file at `path`; if it fails, create the
    /// file's folders, removing a file or folder of the recycled tree in the way,
    /// and run it again.
    fn with_way_clear<T>(
        &self,
        rel: &str,
        path: &Path,
        make: impl Fn() -> io::Result<T>,
    ) -> io::Result<T> {
        if let Ok(made) = make() {
            return Ok(made);
        }
        if let Some(parent) = path.parent()
            && fs::create_dir_all(parent).is_err()
        {
            self.clear_way(rel);
            fs::create_dir_all(parent)?;
        }
        make().or_else(|_| {
            self.clear_way(rel);
            make()
        })
    }

    /// Remove what stands where `rel` must go: a file where a folder is needed,
    /// a folder where the file is.
    fn clear_way(&self, rel: &str) {
        let mut at = self.dir.clone();
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

    fn lock_recycled(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.recycled.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Remove the files of the recycled tree that this build did not write, and
    /// the folders that leaves empty.
    fn prune(&self) {
        let stale = std::mem::take(&mut *self.lock_recycled());
        for rel in &stale {
            let _ = fs::remove_file(self.dir.join(rel));
        }
        // Deepest first, so that a folder is tried after its children.
        let entry = |d: &str| (Reverse(d.matches('/').count()), d.to_string());
        let mut todo: BTreeSet<(Reverse<usize>, String)> = stale
            .iter()
            .filter_map(|rel| rel.rsplit_once('/').map(|(parent, _)| parent))
            .chain(self.empty_dirs.iter().map(String::as_str))
            .map(entry)
            .collect();
        while let Some((_, d)) = todo.pop_first() {
            if fs::remove_dir(self.dir.join(&d)).is_ok()
                && let Some((parent, _)) = d.rsplit_once('/')
            {
                todo.insert(entry(parent));
            }
        }
    }

    /// Swap the staging directory in place of the output, in one step where the
    /// system can (Linux), so that the output path always holds a complete site.
    /// The previous output is set aside as `.public.prev`, for the next build to
    /// recycle.
    pub fn commit(self) -> io::Result<()> {
        self.prune();
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

/// Make the file at `path` hold `bytes`, in place: a file that already holds
/// them is left alone (its modification time too, which helps a sync to the
/// host), and a changed one is overwritten without first being emptied, which
/// on ext4 would make the close wait for the disk.
fn rewrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = fs::OpenOptions::new().read(true).write(true).open(path)?;
    // One byte more than the new content tells whether the file holds exactly it,
    // without asking for its length first.
    let mut old = vec![0; bytes.len() + 1];
    let mut n = 0;
    while n < old.len() {
        match f.read(&mut old[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if old[..n] == *bytes {
        return Ok(());
    }
    f.seek(io::SeekFrom::Start(0))?;
    f.write_all(bytes)?;
    if n > bytes.len() {
        f.set_len(bytes.len() as u64)?;
    }
    Ok(())
}

/// The files under `dir` and its empty folders, as relative `/`-separated
/// paths; symbolic links and special files are removed on the way.
fn scan(dir: &Path) -> io::Result<(HashSet<String>, Vec<String>)> {
    let mut files = HashSet::new();
    let mut dirs = Vec::new();
    let mut nonempty = HashSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if let Some((parent, _)) = rel.rsplit_once('/') {
            nonempty.insert(parent.to_string());
        }
        let kind = entry.file_type();
        if kind.is_dir() {
            dirs.push(rel);
        } else if kind.is_file() {
            files.insert(rel);
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    let empty = dirs.into_iter().filter(|d| !nonempty.contains(d)).collect();
    Ok((files, empty))
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
}
