//! What an output tree holds, written beside it (`.public.manifest` for `public`,
//! `.public.prev.manifest` for `.public.prev`), so that the build that recycles
//! the tree can trust its files without reading them back.
//!
//! Per file: a hash and the length of its content; per file and folder: a stamp
//! (inode and change time) taken when the build last wrote or listed it. A stamp
//! still found on disk says that nothing touched the file or the folder's entries
//! since. A change time cannot be set back by a user, unlike a modification time.

use memchr::memmem;
use std::fmt::Write;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// The format's version: 3 since each tree has a manifest file of its own (2 held
/// the output's record and the previous output's in one file, 1 held BLAKE3
/// hashes). A manifest of another version is ignored, and the build checks every
/// file.
const HEADER: &str = "glasshouse-manifest 3";

/// How long before the manifest was written a stamp must be, to be trusted. A file
/// system keeps change times in ticks of a few milliseconds at most, so a change
/// made in the same tick as the stamp would not show; one made later does.
const RACY_NS: i128 = 100_000_000;

/// The identity of a file or folder as it was when stamped.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Stamp {
    pub ino: u64,
    /// Change time in nanoseconds since the epoch (1677 to 2262: a file changed
    /// outside those years has no stamp, and is read back, never trusted).
    pub ctime_ns: i64,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(meta: &Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            ino: meta.ino(),
            ctime_ns: meta
                .ctime()
                .checked_mul(1_000_000_000)?
                .checked_add(meta.ctime_nsec())?,
        })
    }

    #[cfg(not(unix))]
    pub fn of(_: &Metadata) -> Option<Stamp> {
        None
    }
}

/// The tree a folder is the root of: its device and inode.
#[cfg(unix)]
pub fn tree_id(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
pub fn tree_id(_: &Metadata) -> Option<(u64, u64)> {
    None
}

/// A file of a tree: what it holds (no hash for a copied file) and its stamp.
#[derive(Clone, PartialEq, Debug)]
pub struct FileEntry {
    pub hash: Option<[u8; 16]>,
    pub len: u64,
    pub stamp: Option<Stamp>,
}

/// A folder of a tree, its stamp, and the files directly in it, by name.
#[derive(Default, PartialEq, Debug)]
pub struct Block {
    pub dir: String,
    pub stamp: Option<Stamp>,
    pub files: Vec<(String, FileEntry)>,
}

/// One output tree: every folder (the root is "") with its files.
#[derive(Default, PartialEq, Debug)]
pub struct Tree {
    pub id: (u64, u64),
    /// When the manifest of this tree was written, in nanoseconds since the epoch.
    pub written_ns: i128,
    pub blocks: Vec<Block>,
}

impl Tree {
    /// A stamp taken well before the manifest was written, on a file system that
    /// keeps sub-second times (a whole second is what a coarse one reports).
    pub fn trusts(&self, stamp: &Stamp) -> bool {
        stamp.ctime_ns % 1_000_000_000 != 0
            && i128::from(stamp.ctime_ns) < self.written_ns - RACY_NS
    }

    /// The tree of `files` (relative paths) and their folders, whose stamps are
    /// given by `dir_stamp`. Folders come sorted, each with its files sorted.
    pub fn from_files(
        id: (u64, u64),
        written_ns: i128,
        files: Vec<(String, FileEntry)>,
        dir_stamp: impl Fn(&str) -> Option<Stamp>,
    ) -> Tree {
        // The order of the paths, sorted as (path, index) pairs rather than moving
        // the entries; of two writes of one path the later is kept.
        let mut order: Vec<(&str, usize)> = files
            .iter()
            .enumerate()
            .map(|(i, (rel, _))| (rel.as_str(), i))
            .collect();
        order.sort_unstable();
        order.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        let order: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
        let mut files: Vec<Option<(String, FileEntry)>> = files.into_iter().map(Some).collect();
        // Folders in the order met, found by name in a hash map (tens of thousands
        // of files, most of them in the folder of the file before), sorted after.
        let mut blocks: Vec<Block> = Vec::new();
        let mut index: ahash::HashMap<String, usize> = ahash::HashMap::default();
        // The block of the file before.
        let mut last: Option<usize> = None;
        for (mut rel, entry) in order.into_iter().filter_map(|i| files[i].take()) {
            let cut = rel.rfind('/');
            let dir = cut.map_or("", |c| &rel[..c]);
            let at = match last {
                Some(at) if blocks[at].dir == dir => at,
                _ => {
                    let mut up = Some(dir);
                    while let Some(d) = up.filter(|d| !index.contains_key(*d)) {
                        index.insert(d.to_string(), blocks.len());
                        blocks.push(Block {
                            stamp: dir_stamp(d),
                            dir: d.to_string(),
                            files: Vec::new(),
                        });
                        up = (!d.is_empty()).then(|| d.rsplit_once('/').map_or("", |(p, _)| p));
                    }
                    index[dir]
                }
            };
            last = Some(at);
            // The name is what is left of the path: no copy of it.
            rel.drain(..cut.map_or(0, |c| c + 1));
            blocks[at].files.push((rel, entry));
        }
        blocks.sort_unstable_by(|a, b| a.dir.cmp(&b.dir));
        Tree {
            id,
            written_ns,
            blocks,
        }
    }
}

/// `.public.manifest` for the output folder `public`, `.public.prev.manifest` for
/// the output before it (`.public.prev`).
pub fn manifest_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.manifest"))
}

fn push_stamp(out: &mut String, s: &Option<Stamp>) {
    match s {
        Some(s) => {
            let mut digits = itoa::Buffer::new();
            out.push_str(digits.format(s.ino));
            out.push(':');
            out.push_str(digits.format(s.ctime_ns));
        }
        None => out.push('-'),
    }
}

fn parse_stamp(s: &str) -> Option<Option<Stamp>> {
    if s == "-" {
        return Some(None);
    }
    let (ino, ctime) = s.split_once(':')?;
    Some(Some(Stamp {
        ino: ino.parse().ok()?,
        ctime_ns: ctime.parse().ok()?,
    }))
}

fn push_hash(out: &mut String, hash: &Option<[u8; 16]>) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    match hash {
        Some(h) => h.iter().for_each(|b| {
            out.push(DIGITS[usize::from(b >> 4)] as char);
            out.push(DIGITS[usize::from(b & 15)] as char);
        }),
        None => out.push('-'),
    }
}

fn parse_hash(s: &str) -> Option<Option<[u8; 16]>> {
    if s == "-" {
        return Some(None);
    }
    if s.len() != 32 || !s.is_ascii() {
        return None;
    }
    let nibble = |c: u8| char::from(c).to_digit(16).map(|d| d as u8);
    let mut out = [0; 16];
    for (b, pair) in out.iter_mut().zip(s.as_bytes().chunks_exact(2)) {
        *b = nibble(pair[0])? << 4 | nibble(pair[1])?;
    }
    Some(Some(out))
}

/// One tree as text: a `tree DEV INO WRITTEN` line, then per folder a
/// `d STAMP PATH` line followed by an `f HASH LEN STAMP NAME` line per file in
/// it. A name with a line break cannot be written; its folder is written without
/// a stamp instead, so that the next build lists it.
pub fn render_tree(t: &Tree) -> String {
    let files: usize = t.blocks.iter().map(|b| b.files.len()).sum();
    let mut out = String::with_capacity(64 + t.blocks.len() * 48 + files * 80);
    let _ = writeln!(out, "tree {} {} {}", t.id.0, t.id.1, t.written_ns);
    // Folders that hold a folder whose name cannot be written.
    let hold_unwritable: std::collections::HashSet<&str> = t
        .blocks
        .iter()
        .filter(|b| b.dir.contains('\n'))
        .map(|b| b.dir.rsplit_once('/').map_or("", |(parent, _)| parent))
        .collect();
    for b in t.blocks.iter().filter(|b| !b.dir.contains('\n')) {
        out.push_str("d ");
        let broken = hold_unwritable.contains(b.dir.as_str())
            || b.files.iter().any(|(name, _)| name.contains('\n'));
        push_stamp(&mut out, if broken { &None } else { &b.stamp });
        out.push(' ');
        out.push_str(&b.dir);
        out.push('\n');
        for (name, f) in b.files.iter().filter(|(name, _)| !name.contains('\n')) {
            out.push_str("f ");
            push_hash(&mut out, &f.hash);
            out.push(' ');
            out.push_str(itoa::Buffer::new().format(f.len));
            out.push(' ');
            push_stamp(&mut out, &f.stamp);
            out.push(' ');
            out.push_str(name);
            out.push('\n');
        }
    }
    out
}

/// The tree a manifest file's text records; `None` for anything but a
/// well-formed manifest of this version.
pub fn parse_manifest(text: &str) -> Option<Tree> {
    parse_tree(text.strip_prefix(HEADER)?.strip_prefix('\n')?)
}

/// Read one tree's text; `None` for anything but a well-formed one.
fn parse_tree(text: &str) -> Option<Tree> {
    let mut lines = text.lines();
    let mut head = lines.next()?.strip_prefix("tree ")?.split(' ');
    let mut tree = Tree {
        id: (head.next()?.parse().ok()?, head.next()?.parse().ok()?),
        written_ns: head.next()?.parse().ok()?,
        // Sized up front: a site has tens of thousands of folders.
        blocks: Vec::with_capacity(memmem::find_iter(text.as_bytes(), b"\nd ").count()),
    };
    for line in lines {
        let (kind, rest) = line.split_once(' ')?;
        match kind {
            "d" => {
                let (stamp, dir) = rest.split_once(' ').unwrap_or((rest, ""));
                tree.blocks.push(Block {
                    dir: dir.to_string(),
                    stamp: parse_stamp(stamp)?,
                    files: Vec::new(),
                });
            }
            "f" => {
                let mut p = rest.splitn(4, ' ');
                let hash = parse_hash(p.next()?)?;
                let len = p.next()?.parse().ok()?;
                let stamp = parse_stamp(p.next()?)?;
                let name = p.next()?.to_string();
                tree.blocks
                    .last_mut()?
                    .files
                    .push((name, FileEntry { hash, len, stamp }));
            }
            _ => return None,
        }
    }
    Some(tree)
}

/// Write the manifest of a tree (text from `render_tree`) at `path`, through a
/// new file renamed into place, so that no build reads half of one. On failure
/// neither file is left.
pub fn write_manifest(path: &Path, tree: &str) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("manifest-new");
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(HEADER.as_bytes())?;
        f.write_all(b"\n")?;
        f.write_all(tree.as_bytes())
    });
    let renamed = written.and_then(|()| std::fs::rename(&tmp, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(path);
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Option<Stamp> {
        Some(Stamp {
            ino: 42,
            ctime_ns: 1_700_000_000_123_456_789,
        })
    }

    fn file(hash: Option<[u8; 16]>, len: u64) -> FileEntry {
        FileEntry {
            hash,
            len,
            stamp: stamp(),
        }
    }

    fn sample() -> Tree {
        let files = vec![
            (
                "us/two step/index.html".to_string(),
                file(Some([0xab; 16]), 812),
            ),
            ("index.html".to_string(), file(Some([1; 16]), 90)),
            ("static/logo.png".to_string(), file(None, 3)),
        ];
        Tree::from_files((2049, 77), 1_700_000_005_000_000_000, files, |d| {
            (d != "us").then(stamp).flatten()
        })
    }

    #[test]
    fn a_tree_lists_every_folder_once_with_its_own_files() {
        let t = sample();
        let dirs: Vec<&str> = t.blocks.iter().map(|b| b.dir.as_str()).collect();
        assert_eq!(dirs, ["", "static", "us", "us/two step"]);
        assert_eq!(t.blocks[0].files[0].0, "index.html");
        assert!(t.blocks[2].files.is_empty());
        assert_eq!(t.blocks[2].stamp, None);
        assert_eq!(t.blocks[3].files[0].0, "index.html");
    }

    #[test]
    fn a_folder_keeps_its_files_when_a_subfolder_sorts_between_them() {
        // "a/b.html" < "a/b/c.html" < "a/c.html": the folder "a" is met twice.
        let files = ["a/c.html", "a/b/c.html", "a/b.html", "z.html"]
            .map(|p| (p.to_string(), file(None, 1)))
            .to_vec();
        let t = Tree::from_files((1, 1), 0, files, |_| None);
        let listed: Vec<(&str, Vec<&str>)> = t
            .blocks
            .iter()
            .map(|b| {
                (
                    b.dir.as_str(),
                    b.files.iter().map(|f| f.0.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                ("", vec!["z.html"]),
                ("a", vec!["b.html", "c.html"]),
                ("a/b", vec!["c.html"]),
            ]
        );
    }

    #[test]
    fn a_file_written_twice_keeps_its_last_entry() {
        let files = vec![
            ("a".to_string(), file(None, 1)),
            ("a".to_string(), file(None, 2)),
        ];
        let t = Tree::from_files((1, 1), 0, files, |_| None);
        assert_eq!(t.blocks[0].files.len(), 1);
        assert_eq!(t.blocks[0].files[0].1.len, 2);
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.manifest");
        for tree in [
            sample(),
            Tree {
                id: (1, 2),
                written_ns: 5,
                ..sample()
            },
        ] {
            write_manifest(&path, &render_tree(&tree)).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(parse_manifest(&text), Some(tree));
        }
        assert!(!tmp.path().join(".public.manifest-new").exists());
    }

    #[test]
    fn a_manifest_that_cannot_be_written_leaves_no_file() {
        let tmp = tempfile::tempdir().unwrap();
        // The manifest's place is taken by a folder that holds something.
        let path = tmp.path().join(".public.manifest");
        std::fs::create_dir_all(path.join("x")).unwrap();
        assert!(write_manifest(&path, &render_tree(&sample())).is_err());
        assert!(!tmp.path().join(".public.manifest-new").exists());
    }

    #[test]
    fn a_damaged_manifest_is_not_read() {
        let text = render_tree(&sample());
        assert!(parse_manifest(&format!("{HEADER}\n{text}")).is_some());
        assert!(parse_manifest(&format!("other\n{text}")).is_none());
        // Version 1 held BLAKE3 hashes, which no content of this build matches;
        // version 2 held two trees in one file.
        for old in ["glasshouse-manifest 1", "glasshouse-manifest 2"] {
            assert!(parse_manifest(&format!("{old}\n{text}")).is_none());
        }
        assert!(
            parse_manifest(&format!("{HEADER}\nd - us\n")).is_none(),
            "no tree line"
        );
        assert!(
            parse_manifest(&format!("{HEADER}\n{text}{text}")).is_none(),
            "two trees"
        );
        assert!(parse_tree(&text.replace("f ab", "f zz")).is_none());
        assert!(parse_tree(&text.replace(" 812 ", " x ")).is_none());
        assert!(parse_tree(&text.replace("\nd ", "\nx ")).is_none());
        assert!(parse_tree(&text.replace("42:", "x:")).is_none());
    }

    #[test]
    fn a_name_with_a_line_break_leaves_its_folder_unstamped() {
        let mut t = sample();
        t.blocks[3].files.push(("a\nb".into(), file(None, 1)));
        let back = parse_tree(&render_tree(&t)).unwrap();
        assert_eq!(back.blocks[3].stamp, None);
        assert_eq!(back.blocks[3].files.len(), 1);
        // A folder with a line break in its name: left out, and its parent unstamped.
        let files = vec![
            ("static/x\ny/deep/f".to_string(), file(None, 1)),
            ("static/g".to_string(), file(None, 1)),
        ];
        let t = Tree::from_files((1, 1), 0, files, |_| stamp());
        let back = parse_tree(&render_tree(&t)).unwrap();
        let dirs: Vec<(&str, bool)> = back
            .blocks
            .iter()
            .map(|b| (b.dir.as_str(), b.stamp.is_some()))
            .collect();
        assert_eq!(dirs, [("", true), ("static", false)]);
    }

    #[test]
    fn only_stamps_older_than_the_manifest_by_a_margin_are_trusted() {
        let t = Tree {
            written_ns: 10_000_000_000,
            ..Tree::default()
        };
        let at = |ctime_ns| Stamp { ino: 1, ctime_ns };
        assert!(t.trusts(&at(9_000_000_001)));
        assert!(
            !t.trusts(&at(9_950_000_001)),
            "written just before the manifest"
        );
        assert!(
            !t.trusts(&at(9_000_000_000)),
            "whole seconds: a coarse file system"
        );
    }
}
