//! Reading the site's files safely: never outside the site root, never anything
//! but a regular file, never more than a content file could reasonably hold.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The largest source file read (1 MiB, some 150,000 words): explainers and
/// message files are written by people, and a larger file is a mistake (a video
/// renamed `.md`) or an attack. Markdown's parser holds a node of some 50 bytes
/// for nearly every byte of the densest input, so this limit is what keeps the
/// worst page to a few hundred megabytes. `static/` files have no limit.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The site's folder, resolved once. Every source file of every command is
/// opened through it: whatever links its path goes through, the file opened lies
/// inside the site, is a regular file (a pipe would block the read forever) and
/// is at most [`MAX_FILE_BYTES`] long.
#[derive(Debug)]
pub struct SiteDir {
    root: PathBuf,
    /// `root` with every link resolved.
    real: PathBuf,
    /// Folders of the site found (links resolved) to lie inside it, relative to
    /// the root: a build reads thousands of files from a few folders.
    checked: Mutex<Vec<PathBuf>>,
}

#[derive(Debug)]
pub enum ReadError {
    TooLarge(u64),
    /// The path, through a link, leads outside the site.
    Outside,
    /// A pipe, socket or device: nothing a site's source can be.
    NotAFile,
    /// Not UTF-8: the text (lossy) and the offset of the first bad byte.
    Encoding {
        text: String,
        valid_up_to: usize,
    },
    Io(std::io::Error),
}

impl ReadError {
    pub fn code(&self) -> Code {
        match self {
            ReadError::TooLarge(_) => Code::FileTooLarge,
            ReadError::Outside | ReadError::NotAFile => Code::UnsafePath,
            ReadError::Encoding { .. } => Code::Encoding,
            ReadError::Io(_) => Code::Io,
        }
    }

    /// The finding for the site's file `rel`.
    pub fn diagnostic(&self, rel: &str) -> Diagnostic {
        match self {
            ReadError::Encoding { text, valid_up_to } => {
                let file = SourceFile::new(rel, text);
                Diagnostic::error(self.code(), "the file is not valid UTF-8")
                    .at(file.location(*valid_up_to))
                    .help("save the file as UTF-8")
            }
            ReadError::Outside => Diagnostic::error(self.code(), format!("{rel} is {self}"))
                .help("copy the file into the site instead of linking to it"),
            ReadError::NotAFile => Diagnostic::error(self.code(), format!("{rel} is {self}"))
                .help("replace it with a regular file"),
            _ => Diagnostic::error(self.code(), format!("{rel}: {self}")),
        }
    }
}

impl std::error::Error for ReadError {}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge(n) => write!(
                f,
                "the file is {:.1} MiB; the limit is {} MiB",
                *n as f64 / 1048576.0,
                MAX_FILE_BYTES / 1048576
            ),
            ReadError::Outside => write!(f, "a link to something outside the site"),
            ReadError::NotAFile => write!(f, "not a regular file (a pipe, socket or device)"),
            ReadError::Encoding { .. } => write!(f, "not valid UTF-8"),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

/// `bytes` as text, or where they stop being UTF-8.
pub fn utf8(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| ReadError::Encoding {
        valid_up_to: e.utf8_error().valid_up_to(),
        text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

impl SiteDir {
    /// The site at `root`, which must be a folder.
    pub fn open(root: &Path) -> std::io::Result<SiteDir> {
        let real = root.canonicalize()?;
        if !real.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                "not a folder",
            ));
        }
        Ok(SiteDir {
            root: root.to_path_buf(),
            real,
            checked: Mutex::new(Vec::new()),
        })
    }

    /// The root as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The root with every link resolved.
    pub fn real(&self) -> &Path {
        &self.real
    }

    /// The path of `rel` (`/`-separated, relative to the root).
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Whether `path`, with its links resolved, lies inside the site.
    pub fn contains(&self, path: &Path) -> bool {
        path.canonicalize().is_ok_and(|p| p.starts_with(&self.real))
    }

    /// Open the site's source file `rel` for reading, with the checks above; its
    /// length.
    pub fn open_file(&self, rel: &str) -> Result<(File, u64), ReadError> {
        let (file, len) = self.open_any_size(rel)?;
        if len > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge(len));
        }
        Ok((file, len))
    }

    /// `open_file` for a file of any size: a picture or video of `static/`.
    /// The bytes of `rel`, of any size (a static file), through the same checks.
    pub fn read_any_size(&self, rel: &str) -> Result<Vec<u8>, ReadError> {
        let (mut file, len) = self.open_any_size(rel)?;
        let mut bytes = Vec::with_capacity(len as usize);
        std::io::Read::read_to_end(&mut file, &mut bytes).map_err(ReadError::Io)?;
        Ok(bytes)
    }

    pub fn open_any_size(&self, rel: &str) -> Result<(File, u64), ReadError> {
        let path = self.path(rel);
        self.check_folder(rel)?;
        let file = match open_no_follow(&path) {
            Ok(f) => f,
            // The file itself is a link: followed only to a file inside the site.
            Err(e) if is_link_error(&e) => {
                let target = path.canonicalize().map_err(ReadError::Io)?;
                if !target.starts_with(&self.real) {
                    return Err(ReadError::Outside);
                }
                open_no_follow(&target).map_err(ReadError::Io)?
            }
            Err(e) => return Err(ReadError::Io(e)),
        };
        let meta = file.metadata().map_err(ReadError::Io)?;
        if !meta.is_file() {
            return Err(ReadError::NotAFile);
        }
        Ok((file, meta.len()))
    }

    /// The bytes of the site's file `rel`.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, ReadError> {
        let (mut file, len) = self.open_file(rel)?;
        let bytes = read_regular(&mut file, len).map_err(ReadError::Io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }

    /// The text of the site's file `rel`, which must be UTF-8.
    pub fn read_text(&self, rel: &str) -> Result<String, ReadError> {
        utf8(self.read(rel)?)
    }

    /// The site's text file `rel` as a source, or the finding that says why not.
    pub fn read_source(&self, rel: &str) -> Result<SourceFile, Diagnostic> {
        self.read_text(rel)
            .map(|text| SourceFile::from_string(rel, text))
            .map_err(|e| e.diagnostic(rel))
    }

    /// The files under the site's folder `folder` (`static`), by `/`-separated
    /// path relative to it; empty when the folder is absent. Hidden files are left
    /// out; a link is listed only if it leads to a file inside the site (links to
    /// folders are not followed, so there are no loops).
    pub fn list(&self, folder: &str, diags: &mut Diagnostics) -> BTreeSet<String> {
        let mut files = BTreeSet::new();
        let top = self.path(folder);
        if !top.is_dir() {
            return files;
        }
        if !self.contains(&top) {
            diags.push(ReadError::Outside.diagnostic(&format!("{folder}/")));
            return files;
        }
        for entry in walkdir::WalkDir::new(&top).sort_by_file_name() {
            match entry {
                Ok(e) if !e.file_type().is_dir() => {
                    let rel = relative(e.path(), &top);
                    if rel.split('/').any(|part| part.starts_with('.')) {
                        continue;
                    }
                    if !e.file_type().is_file() && !e.path_is_symlink() {
                        diags.push(ReadError::NotAFile.diagnostic(&format!("{folder}/{rel}")));
                        continue;
                    }
                    if e.path_is_symlink() {
                        if !self.contains(e.path()) {
                            diags.push(ReadError::Outside.diagnostic(&format!("{folder}/{rel}")));
                            continue;
                        }
                        if !e.path().is_file() {
                            continue;
                        }
                    }
                    files.insert(rel);
                }
                Ok(_) => {}
                Err(e) => diags.push(Diagnostic::error(
                    Code::Io,
                    format!("cannot list {folder}/: {e}"),
                )),
            }
        }
        files
    }

    /// The folder of `rel` must lie inside the site, links resolved. Checked once
    /// per folder.
    fn check_folder(&self, rel: &str) -> Result<(), ReadError> {
        let folder = Path::new(rel).parent().unwrap_or(Path::new(""));
        let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        if checked.iter().any(|f| f == folder) {
            return Ok(());
        }
        let real = self
            .root
            .join(folder)
            .canonicalize()
            .map_err(ReadError::Io)?;
        if !real.starts_with(&self.real) {
            return Err(ReadError::Outside);
        }
        checked.push(folder.to_path_buf());
        Ok(())
    }
}

/// `dir/a/b.txt` -> `a/b.txt`, with `/` separators on every platform.
pub fn relative(path: &Path, dir: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path).to_string_lossy();
    match std::path::MAIN_SEPARATOR {
        '/' => rel.into_owned(),
        sep => rel.replace(sep, "/"),
    }
}

/// Open `path` for reading without following a link in its last part, and
/// without waiting for a writer if it is a pipe.
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path)?.is_symlink() {
        return Err(std::io::Error::other(LINK));
    }
    options.open(path)
}

#[cfg(not(unix))]
const LINK: &str = "a link";

/// Whether opening failed because the last part of the path is a link.
fn is_link_error(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    return e.to_string() == LINK;
}

/// A regular file measured at `len` bytes, read whole. A file that changed
/// size since it was measured is read to its end, but not past one byte over
/// the limit: a file that grew meanwhile is refused like any other too large.
fn read_regular(file: &mut std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_and_a_larger_one_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let site = SiteDir::open(tmp.path()).unwrap();
        std::fs::write(tmp.path().join("empty.md"), "").unwrap();
        std::fs::write(tmp.path().join("text.md"), "---\ntitle: Ça\n---\nBody\n").unwrap();
        // Sparse: its size is over the limit without writing it.
        std::fs::File::create(tmp.path().join("big.md"))
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        assert_eq!(site.read("empty.md").unwrap(), b"");
        assert_eq!(
            site.read_text("text.md").unwrap(),
            "---\ntitle: Ça\n---\nBody\n"
        );
        assert!(
            matches!(site.read("big.md"), Err(ReadError::TooLarge(n)) if n == MAX_FILE_BYTES + 1)
        );
        assert!(matches!(site.read("missing.md"), Err(ReadError::Io(_))));
    }

    /// A file that grew or shrank after it was measured is still read whole.
    #[test]
    fn a_file_whose_size_changed_since_it_was_measured_is_read_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("text.md");
        let text = "---\ntitle: Ça\n---\nBody text\n";
        std::fs::write(&path, text).unwrap();
        for measured in [0, 3, text.len() as u64 - 1, text.len() as u64 + 1, 100] {
            let mut file = std::fs::File::open(&path).unwrap();
            let bytes = read_regular(&mut file, measured).unwrap();
            assert_eq!(bytes, text.as_bytes(), "measured as {measured} bytes");
        }
    }

    /// A file that grew past the limit after it was measured is read no further
    /// than one byte over it (and then refused as too large).
    #[test]
    fn a_file_that_grew_past_the_limit_is_read_no_further() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("grown.md");
        // Sparse: twice the limit without writing it.
        std::fs::File::create(&path)
            .unwrap()
            .set_len(MAX_FILE_BYTES * 2)
            .unwrap();
        let mut file = std::fs::File::open(&path).unwrap();
        let bytes = read_regular(&mut file, 10).unwrap();
        assert_eq!(bytes.len() as u64, MAX_FILE_BYTES + 1);
    }

    /// A pipe, named like a source, would block the read until something
    /// writes to it: it is refused at once, as are folders.
    #[test]
    #[cfg(target_os = "linux")]
    fn a_pipe_or_a_folder_is_refused_without_waiting() {
        let tmp = tempfile::tempdir().unwrap();
        let site = SiteDir::open(tmp.path()).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(tmp.path().join("glasshouse.yaml"))
            .status();
        assert!(made.unwrap().success());
        std::fs::create_dir(tmp.path().join("folder.md")).unwrap();
        for rel in ["glasshouse.yaml", "folder.md"] {
            let e = site.read(rel).unwrap_err();
            assert!(matches!(e, ReadError::NotAFile), "{rel}: {e:?}");
            assert_eq!(e.code(), Code::UnsafePath);
        }
    }

    /// Links are followed only to files inside the site, whether the link is the
    /// file, a folder on its path, or a chain of links.
    #[test]
    #[cfg(unix)]
    fn links_lead_only_to_files_inside_the_site() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let (root, outside) = (tmp.path().join("site"), tmp.path().join("outside"));
        std::fs::create_dir_all(root.join("content/explainers")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.md"), "secret").unwrap();
        std::fs::write(root.join("content/explainers/a.md"), "inside").unwrap();
        let link = |target: &Path, at: &str| symlink(target, root.join(at)).unwrap();
        link(&outside.join("secret.md"), "content/explainers/out.md");
        link(Path::new("a.md"), "content/explainers/in.md");
        link(Path::new("out.md"), "content/explainers/chain.md");
        link(&outside, "content/linked");
        link(
            Path::new("../../../outside/secret.md"),
            "content/explainers/up.md",
        );
        let site = SiteDir::open(&root).unwrap();
        assert_eq!(
            site.read_text("content/explainers/in.md").unwrap(),
            "inside"
        );
        for rel in [
            "content/explainers/out.md",
            "content/explainers/chain.md",
            "content/explainers/up.md",
            "content/linked/secret.md",
        ] {
            assert!(matches!(site.read(rel), Err(ReadError::Outside)), "{rel}");
        }
        // Through a site whose root is itself reached by a link.
        link(&root, "../site-link");
        let site = SiteDir::open(&tmp.path().join("site-link")).unwrap();
        assert_eq!(site.read_text("content/explainers/a.md").unwrap(), "inside");
        assert!(matches!(
            site.read("content/explainers/out.md"),
            Err(ReadError::Outside)
        ));
    }
}
