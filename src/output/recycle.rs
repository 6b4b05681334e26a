//! The files of a recycled output tree: listed from its manifest where the tree's
//! stamps say nothing changed, from the disk elsewhere.

use super::manifest::{Block, FileEntry, Stamp, Tree};
use ahash::{HashMap, HashSet};
use rayon::prelude::*;
use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::Path;

/// A file found in the recycled tree.
#[derive(Clone, Copy)]
pub struct Recycled {
    /// Length and hash of what it holds, when its stamp vouches for the manifest.
    pub content: Option<(u64, [u8; 16])>,
    pub stamp: Option<Stamp>,
}

/// What a recycled tree holds.
#[derive(Default)]
pub struct Found {
    pub files: HashMap<String, Recycled>,
    /// Folders that hold nothing.
    pub empty_dirs: Vec<String>,
    /// Folders and their stamps, taken before they were read.
    pub dirs: HashMap<String, Option<Stamp>>,
    /// Folders whose entries the scan changed (a link removed).
    pub touched: HashSet<String>,
}

const UNKNOWN: Recycled = Recycled {
    content: None,
    stamp: None,
};

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// What one folder of the manifest's tree was found to be.
enum Checked {
    /// Not there, or not a folder: the folder above lists what is there instead.
    Gone,
    /// Its stamp matches the manifest's: its files are the manifest's, each
    /// checked against its own stamp.
    Trusted(Option<Stamp>, Vec<(String, Recycled)>),
    /// Changed since the manifest was written: what it holds, as listed, with
    /// each file on record checked against its stamp.
    Changed(Option<Stamp>, io::Result<Vec<(String, Entry<Recycled>)>>),
}

/// An entry of a listed folder; a file carries what is known of it.
enum Entry<F> {
    Dir,
    File(F),
    /// A symbolic link or a special file, by its path: removed before anything
    /// is written.
    Other(std::path::PathBuf),
}

/// The files and folders under `root`; symbolic links and special files are
/// removed on the way. A folder whose stamp matches the manifest's `tree` is not
/// read: its entries are the manifest's.
///
/// The folders are checked on all cores first (tens of thousands of `stat`
/// calls, which take longer than loading the sources), and that check only reads.
/// What it says of a folder is used only when the path to the folder is known to
/// go through no link: the folder above was trusted, or listed with this one as
/// a folder. Otherwise the folder is checked again in order, after the folder
/// above was listed and its links removed (folders come sorted, each after the
/// one above it).
pub fn scan(root: &Path, tree: Option<&Tree>) -> io::Result<Found> {
    let mut found = Found::default();
    let Some(tree) = tree else {
        walk(root, "", &mut found)?;
        return Ok(found);
    };
    let known_dirs: HashSet<&str> = tree.blocks.iter().map(|b| b.dir.as_str()).collect();
    // Sized up front: tens of thousands of entries, grown by doubling, would be
    // built over and over.
    found
        .files
        .reserve(tree.blocks.iter().map(|b| b.files.len()).sum());
    found.dirs.reserve(tree.blocks.len());
    let checked: Vec<Checked> = tree
        .blocks
        .par_iter()
        .map(|block| check_block(root, block, tree))
        .collect();
    let mut trusted: HashSet<&str> = HashSet::default();
    let mut listed_dirs: HashSet<String> = HashSet::default();
    for (block, checked) in tree.blocks.iter().zip(checked) {
        let above = block.dir.rsplit_once('/').map_or("", |(above, _)| above);
        let no_link = block.dir.is_empty()
            || trusted.contains(above)
            || listed_dirs.contains(block.dir.as_str());
        let checked = if no_link {
            checked
        } else {
            check_block(root, block, tree)
        };
        let (stamp, entries) = match checked {
            Checked::Gone => continue,
            Checked::Trusted(stamp, files) => {
                trusted.insert(&block.dir);
                found.dirs.insert(block.dir.clone(), stamp);
                found.files.extend(files);
                continue;
            }
            Checked::Changed(stamp, entries) => (stamp, entries?),
        };
        found.dirs.insert(block.dir.clone(), stamp);
        let mut kept = 0;
        for (name, entry) in entries {
            let rel = join(&block.dir, &name);
            match entry {
                Entry::Other(path) => remove_other(&path, &block.dir, &mut found)?,
                Entry::Dir => {
                    kept += 1;
                    if !known_dirs.contains(rel.as_str()) {
                        walk(root, &rel, &mut found)?;
                    }
                    listed_dirs.insert(rel);
                }
                Entry::File(recycled) => {
                    kept += 1;
                    found.files.insert(rel, recycled);
                }
            }
        }
        if kept == 0 && !block.dir.is_empty() {
            found.empty_dirs.push(block.dir.clone());
        }
    }
    Ok(found)
}

/// Check one folder of the manifest's tree against the disk, reading only.
fn check_block(root: &Path, block: &Block, tree: &Tree) -> Checked {
    let path = root.join(&block.dir);
    let Ok(meta) = fs::symlink_metadata(&path) else {
        return Checked::Gone;
    };
    if !meta.is_dir() {
        return Checked::Gone;
    }
    let stamp = Stamp::of(&meta);
    if block
        .stamp
        .is_some_and(|s| Some(s) == stamp && tree.trusts(&s))
    {
        let files = block
            .files
            .iter()
            .map(|(name, entry)| {
                let rel = join(&block.dir, name);
                let recycled = recycled_file(&root.join(&rel), entry, tree);
                (rel, recycled)
            })
            .collect();
        return Checked::Trusted(stamp, files);
    }
    let on_record: HashMap<&str, &FileEntry> =
        block.files.iter().map(|(n, e)| (n.as_str(), e)).collect();
    let entries = read_entries(&path).map(|entries| {
        entries
            .into_iter()
            .map(|(name, entry)| {
                let entry = match entry {
                    Entry::Dir => Entry::Dir,
                    Entry::Other(path) => Entry::Other(path),
                    Entry::File(()) => Entry::File(
                        on_record
                            .get(name.as_str())
                            .map_or(UNKNOWN, |e| recycled_file(&path.join(&name), e, tree)),
                    ),
                };
                (name, entry)
            })
            .collect()
    });
    Checked::Changed(stamp, entries)
}

/// Everything under the folder `rel`, read from the disk.
fn walk(root: &Path, rel: &str, found: &mut Found) -> io::Result<()> {
    let path = root.join(rel);
    let stamp = fs::symlink_metadata(&path).ok().and_then(|m| Stamp::of(&m));
    found.dirs.insert(rel.to_string(), stamp);
    let mut kept = 0;
    for (name, entry) in read_entries(&path)? {
        let child = join(rel, &name);
        match entry {
            Entry::Other(path) => remove_other(&path, rel, found)?,
            Entry::Dir => {
                kept += 1;
                walk(root, &child, found)?;
            }
            Entry::File(()) => {
                kept += 1;
                found.files.insert(child, UNKNOWN);
            }
        }
    }
    if kept == 0 && !rel.is_empty() {
        found.empty_dirs.push(rel.to_string());
    }
    Ok(())
}

/// The entries of the folder at `path` and their kinds, links not followed.
fn read_entries(path: &Path) -> io::Result<Vec<(String, Entry<()>)>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(path)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let kind = if kind.is_dir() {
            Entry::Dir
        } else if kind.is_file() {
            Entry::File(())
        } else {
            Entry::Other(entry.path())
        };
        out.push((entry.file_name().to_string_lossy().into_owned(), kind));
    }
    Ok(out)
}

/// Remove a link or special file found in the folder `rel`, whose entries it
/// thereby changes.
fn remove_other(path: &Path, rel: &str, found: &mut Found) -> io::Result<()> {
    fs::remove_file(path)?;
    found.touched.insert(rel.to_string());
    Ok(())
}

/// A file of the recycled tree: its content is known when the manifest has its
/// hash and the file still carries the stamp the manifest gives it.
fn recycled_file(path: &Path, entry: &FileEntry, tree: &Tree) -> Recycled {
    let (Some(hash), Some(stamp)) = (entry.hash, entry.stamp) else {
        return UNKNOWN;
    };
    let Ok(meta) = fs::symlink_metadata(path) else {
        return UNKNOWN;
    };
    let same = meta.is_file() && meta.len() == entry.len && Stamp::of(&meta) == Some(stamp);
    if same && tree.trusts(&stamp) {
        Recycled {
            content: Some((entry.len, hash)),
            stamp: Some(stamp),
        }
    } else {
        UNKNOWN
    }
}

/// Make the file at `path` hold `bytes`, in place, and return its stamp. A file
/// that already holds them is left alone (its modification time too, which helps
/// a sync to the host); a changed one is overwritten without first being emptied,
/// which on ext4 would make the close wait for the disk. Unless the file is
/// `known_to_differ` (the manifest says what it holds), it is read to compare.
pub fn rewrite(path: &Path, bytes: &[u8], known_to_differ: bool) -> io::Result<Option<Stamp>> {
    let mut f = fs::OpenOptions::new()
        .read(!known_to_differ)
        .write(true)
        .open(path)?;
    if !known_to_differ {
        if holds(&mut f, bytes)? {
            return Ok(Stamp::of(&f.metadata()?));
        }
        f.seek(io::SeekFrom::Start(0))?;
    }
    f.write_all(bytes)?;
    let meta = f.metadata()?;
    if meta.len() > bytes.len() as u64 {
        f.set_len(bytes.len() as u64)?;
        return Ok(Stamp::of(&f.metadata()?));
    }
    Ok(Stamp::of(&meta))
}

/// Whether the file `f`, read from where it stands, holds exactly `bytes`. Read
/// a piece at a time into one small buffer: the largest file of a site (its
/// sitemap, megabytes at thousands of pages) is not copied whole into fresh
/// memory to be compared.
fn holds(f: &mut impl Read, bytes: &[u8]) -> io::Result<bool> {
    let mut buf = [0u8; 64 * 1024];
    let mut rest = bytes;
    loop {
        // One byte more than what is left of the new content tells whether the
        // file ends where it does, without asking for its length first.
        let want = (rest.len() + 1).min(buf.len());
        let n = match f.read(&mut buf[..want]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(rest.is_empty());
        }
        if n > rest.len() || buf[..n] != rest[..n] {
            return Ok(false);
        }
        rest = &rest[n..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files around the size of the compare buffer, and contents that differ
    /// only in their last byte, or only in their length.
    #[test]
    fn rewrite_leaves_a_file_that_holds_the_bytes_and_mends_one_that_does_not() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        let sizes: [usize; 7] = [0, 1, 100, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000];
        for &size in &sizes {
            let new: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let mut last_changed = new.clone();
            if let Some(b) = last_changed.last_mut() {
                *b ^= 1;
            }
            let mut longer = new.clone();
            longer.push(7);
            let shorter = new[..size.saturating_sub(1)].to_vec();
            for (old, same) in [
                (&new, true),
                (&last_changed, size == 0),
                (&longer, false),
                (&shorter, size == 0),
            ] {
                fs::write(&path, old).unwrap();
                let before = fs::metadata(&path).unwrap().modified().unwrap();
                std::thread::sleep(std::time::Duration::from_millis(2));
                let stamp = rewrite(&path, &new, false).unwrap();
                assert_eq!(fs::read(&path).unwrap(), new, "size {size}");
                let meta = fs::metadata(&path).unwrap();
                assert_eq!(stamp, Stamp::of(&meta), "size {size}");
                let untouched = meta.modified().unwrap() == before;
                assert_eq!(untouched, same, "size {size}, old {} bytes", old.len());
            }
        }
    }

    #[test]
    fn a_file_known_to_differ_is_overwritten_without_being_read() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        for (old, new) in [
            ("a much longer old text", "new"),
            ("old", "a longer new text"),
        ] {
            fs::write(&path, old).unwrap();
            rewrite(&path, new.as_bytes(), true).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), new);
        }
    }
}
