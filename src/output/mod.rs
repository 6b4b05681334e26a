//! The only module that writes the site to disk: a staging directory beside the
//! output, filled in parallel, swapped in only when the whole build succeeded.

mod guard;
mod manifest;
mod recycle;

pub use guard::{GuardError, MARKER, OutputLock, check_output, lock as lock_output};

use ahash::{HashMap, HashSet};
use manifest::{
    FileEntry, Stamp, Tree, manifest_path, parse_manifest, render_tree, tree_id, write_manifest,
};
use recycle::{Recycled, rewrite, scan};
use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// What makes a file in pieces (see `Sink::write_pieces`): it hands each piece,
/// in order, to the function it is given, and hands the same pieces each time.
pub type Pieces<'a> = dyn Fn(&mut dyn FnMut(&str)) + 'a;

/// Where a build's files go: a staging folder for `build`, memory for `serve`.
pub trait Sink: Sync {
    /// Write one file at `rel`, a `/`-separated path under the output root.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Copy the open file `from` to `rel`.
    fn copy(&self, rel: &str, mut from: fs::File) -> io::Result<()> {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut from, &mut bytes)?;
        self.write(rel, &bytes)
    }

    /// Write one file at `rel` whose content `produce` makes in pieces. A sink
    /// that can tell from their hash that the file is already there need not
    /// hold them all at once.
    fn write_pieces(&self, rel: &str, produce: &Pieces) -> io::Result<()> {
        let mut bytes = String::new();
        produce(&mut |piece| bytes.push_str(piece));
        self.write(rel, bytes.as_bytes())
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }

    /// The pieces are hashed as they come; they are gathered (by running
    /// `produce` again) only when the file must be written.
    fn write_pieces(&self, rel: &str, produce: &Pieces) -> io::Result<()> {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut len = 0;
        produce(&mut |piece| {
            hasher.update(piece.as_bytes());
            len += piece.len() as u64;
        });
        let Err(old) = self.keep(self.take(rel), (len, hasher.digest128().to_le_bytes())) else {
            return Ok(());
        };
        let mut bytes = String::with_capacity(len as usize);
        produce(&mut |piece| bytes.push_str(piece));
        // Hashed again as gathered: the manifest records what was written.
        let bytes = bytes.as_bytes();
        self.write_changed(rel, bytes, (bytes.len() as u64, digest(bytes)), old)
    }

    fn copy(&self, rel: &str, mut from: fs::File) -> io::Result<()> {
        let to = self.dir.join(rel);
        let key = self.take(rel).map(|(key, _)| key);
        if key.is_none() {
            self.touch_parent(rel);
        }
        let mut file = self.with_way_clear(rel, &to, || fs::File::create(&to))?;
        let len = io::copy(&mut from, &mut file)?;
        let stamp = fs::symlink_metadata(&to).ok().and_then(|m| Stamp::of(&m));
        self.record(
            key.unwrap_or_else(|| rel.to_string()),
            FileEntry {
                hash: None,
                len,
                stamp,
            },
        );
        Ok(())
    }
}

/// What the marker says to someone who opens it.
const MARKER_TEXT: &str = "{\"generator\": \"glasshouse\", \"about\": \"A site written by `glasshouse build`. Each build replaces this folder whole.\"}\n";

/// A sink that keeps nothing: `check` renders every page without writing.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _rel: &str, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn copy(&self, _rel: &str, _from: fs::File) -> io::Result<()> {
        Ok(())
    }

    fn write_pieces(&self, _rel: &str, _produce: &Pieces) -> io::Result<()> {
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
///
/// A manifest beside each tree (`.public.manifest`, `.public.prev.manifest`) says
/// what it holds. Where the tree's stamps still match it, the build neither lists
/// the tree's folders nor reads its files back: a file whose new content has the
/// hash and length on record is left alone.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    prev: PathBuf,
    /// Files found in the recycled tree (`/`-separated, relative) and not yet
    /// rewritten by this build.
    recycled: Mutex<HashMap<String, Recycled>>,
    /// Folders of the recycled tree that held nothing.
    empty_dirs: Vec<String>,
    /// Created by this build, not recycled.
    fresh: bool,
    /// The manifests of the output and of the output before it.
    manifest: PathBuf,
    prev_manifest: PathBuf,
    /// Folders of the recycled tree and their stamps when listed.
    dir_stamps: HashMap<String, Option<Stamp>>,
    /// Folders whose entries this build changed: their stamps are stale.
    touched: Mutex<HashSet<String>>,
    /// What this build wrote, for the manifest.
    written: Mutex<Vec<(String, FileEntry)>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a file's content is known by: its 128-bit XXH3 hash. The hash only
/// tells a build whether the file it is about to write holds what the one on disk
/// holds; nothing outside the build relies on it, so a fast non-cryptographic
/// hash does (a build spent about a fifth of the instructions BLAKE3 took).
/// `Sink::write_pieces` computes the same hash piece by piece.
fn digest(bytes: &[u8]) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes()
}

/// The folders above `rel`, nearest first, ending with the root "".
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(rel);
    std::iter::from_fn(move || {
        let (parent, _) = rest?.rsplit_once('/').unwrap_or(("", ""));
        rest = (!parent.is_empty()).then_some(parent);
        Some(parent)
    })
}

/// The tree at `recycled` as the manifest at `path` records it, if that is the
/// tree it records.
fn read_manifest(path: &Path, recycled: &Path) -> Option<Tree> {
    let tree = parse_manifest(&fs::read_to_string(path).ok()?)?;
    let id = tree_id(&fs::symlink_metadata(recycled).ok()?)?;
    (tree.id == id).then_some(tree)
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
        let mut laps = crate::profile::Laps::start();
        let prev_manifest = manifest_path(parent, &format!("{name}.prev"));
        // The staging folder was the output before last, `.public.prev`, or what a
        // killed build left of it: the manifest of that tree, if any, is the
        // previous output's.
        let tree = (!fresh)
            .then(|| read_manifest(&prev_manifest, &dir))
            .flatten();
        laps.lap("  (beside the load) manifest read");
        let found = scan(&dir, tree.as_ref())?;
        if crate::profile::enabled() {
            let known = found.files.values().filter(|r| r.content.is_some()).count();
            let files = found.files.len();
            laps.lap(&format!(
                "  (beside the load) staging folder: {files} files, {known} known from the manifest"
            ));
        }
        let recycled = found.files.len();
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            prev,
            recycled: Mutex::new(found.files),
            empty_dirs: found.empty_dirs,
            fresh,
            manifest: manifest_path(parent, &name),
            prev_manifest,
            dir_stamps: found.dirs,
            touched: Mutex::new(found.touched),
            written: Mutex::new(Vec::with_capacity(recycled)),
        };
        // Marked first: a build killed from here on leaves a folder that the
        // next build knows as its own.
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Write one file at `rel` (a `/`-separated path) under the staging directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let content = (bytes.len() as u64, digest(bytes));
        match self.keep(self.take(rel), content) {
            Ok(()) => Ok(()),
            Err(old) => self.write_changed(rel, bytes, content, old),
        }
    }

    /// The recycled tree's file at `rel`, taken out of the files left to write
    /// (or prune): its path, as the map's own key, and what is known of it.
    fn take(&self, rel: &str) -> Option<(String, Recycled)> {
        lock(&self.recycled).remove_entry(rel)
    }

    /// Keep the recycled file `old` as it is (its stamp too) if it is known to
    /// hold content of this length and hash; otherwise hand it back.
    fn keep(
        &self,
        old: Option<(String, Recycled)>,
        content: (u64, [u8; 16]),
    ) -> Result<(), Option<(String, Recycled)>> {
        match old {
            Some((
                key,
                Recycled {
                    content: Some(known),
                    stamp,
                },
            )) if known == content => {
                self.record_known(key, content, stamp);
                Ok(())
            }
            other => Err(other),
        }
    }

    /// Write `bytes`, of length and hash `content`, at `rel`, over `old`, the
    /// recycled tree's file there if it had one.
    fn write_changed(
        &self,
        rel: &str,
        bytes: &[u8],
        content: (u64, [u8; 16]),
        old: Option<(String, Recycled)>,
    ) -> io::Result<()> {
        // The path is made only for a file that must be written.
        let path = || self.dir.join(rel);
        let (key, stamp) = match old {
            Some((key, old)) => match rewrite(&path(), bytes, old.content.is_some()) {
                Ok(stamp) => (key, stamp),
                Err(_) => (key, self.create_file(rel, &path(), bytes)?),
            },
            None => (rel.to_string(), self.create_file(rel, &path(), bytes)?),
        };
        self.record_known(key, content, stamp);
        Ok(())
    }

    /// Record a file of known length and hash as written.
    fn record_known(&self, rel: String, (len, hash): (u64, [u8; 16]), stamp: Option<Stamp>) {
        self.record(
            rel,
            FileEntry {
                hash: Some(hash),
                len,
                stamp,
            },
        );
    }

    /// Create the file at `path` with `bytes`; its stamp.
    fn create_file(&self, rel: &str, path: &Path, bytes: &[u8]) -> io::Result<Option<Stamp>> {
        self.touch_parent(rel);
        let mut f = self.with_way_clear(rel, path, || fs::File::create(path))?;
        f.write_all(bytes)?;
        Ok(Stamp::of(&f.metadata()?))
    }

    /// Record a file as written, by its path: the recycled tree's own key where
    /// it had the file (tens of thousands of paths are not made twice).
    fn record(&self, rel: String, entry: FileEntry) {
        lock(&self.written).push((rel, entry));
    }

    /// The folder of `rel` gains or loses an entry.
    fn touch_parent(&self, rel: &str) {
        let parent = ancestors(rel).next().unwrap_or("");
        lock(&self.touched).insert(parent.to_string());
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
        // Folders are made or cleared on the way: none above `rel` keeps its stamp.
        lock(&self.touched).extend(ancestors(rel).map(str::to_string));
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

    /// Remove the files of the recycled tree that this build did not write, and
    /// the folders that leaves empty.
    fn prune(&self) {
        let stale = std::mem::take(&mut *lock(&self.recycled));
        for rel in stale.keys() {
            let _ = fs::remove_file(self.dir.join(rel));
            self.touch_parent(rel);
        }
        // Deepest first, so that a folder is tried after its children.
        let entry = |d: &str| (Reverse(d.matches('/').count()), d.to_string());
        let mut todo: BTreeSet<(Reverse<usize>, String)> = stale
            .keys()
            .filter_map(|rel| rel.rsplit_once('/').map(|(parent, _)| parent))
            .chain(self.empty_dirs.iter().map(String::as_str))
            .map(entry)
            .collect();
        while let Some((_, d)) = todo.pop_first() {
            if fs::remove_dir(self.dir.join(&d)).is_ok() {
                self.touch_parent(&d);
                if let Some((parent, _)) = d.rsplit_once('/') {
                    todo.insert(entry(parent));
                }
            }
        }
    }

    /// The manifest of the staging tree as this build leaves it: the files it
    /// wrote, and its folders with the stamps of those whose entries it did not
    /// change.
    fn tree(&self) -> Option<Tree> {
        let id = tree_id(&fs::symlink_metadata(&self.dir).ok()?)?;
        let written_ns = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as i128;
        let files = std::mem::take(&mut *lock(&self.written));
        let touched = lock(&self.touched);
        Some(Tree::from_files(id, written_ns, files, |d| {
            if touched.contains(d) {
                None
            } else {
                self.dir_stamps.get(d).copied().flatten()
            }
        }))
    }

    /// Swap the staging directory in place of the output, in one step where the
    /// system can (Linux), so that the output path always holds a complete site.
    /// The previous output is set aside as `.public.prev`, for the next build to
    /// recycle, and its manifest with it; the new output's is written.
    pub fn commit(self) -> io::Result<()> {
        let mut laps = crate::profile::Laps::start();
        self.prune();
        laps.lap("    stale files removed");
        // The staging tree's old manifest describes it no more. It is moved out
        // of the way in one step and deleted on the other core meanwhile:
        // replacing a file of megabytes by renaming another over it would free
        // its pages here, on the way to the swap.
        let retired = self.prev_manifest.with_extension("manifest-old");
        let moved = fs::rename(&self.prev_manifest, &retired).is_ok();
        std::thread::scope(|scope| {
            if moved {
                scope.spawn(|| fs::remove_file(&retired));
            }
            let tree = self.tree();
            laps.lap("    manifest of the new output");
            self.swap()?;
            laps.lap("    swapped in");
            // The output's manifest goes with it: it now describes `.public.prev`.
            // (If it describes another tree, the next build finds the root's id
            // different and ignores it.)
            let _ = fs::rename(&self.manifest, &self.prev_manifest);
            if let Some(tree) = tree {
                let text = render_tree(&tree);
                laps.lap("    manifest as text");
                // Without a manifest the next build lists the output: slower, not wrong.
                let _ = write_manifest(&self.manifest, &text);
                laps.lap("    manifest written");
            }
            Ok(())
        })
    }

    fn swap(&self) -> io::Result<()> {
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
