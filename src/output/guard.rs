//! Where a build may write. The output is resolved on real paths (links and
//! `..` followed as the system follows them), never inside or around the site's
//! sources, and taken over only if glasshouse made it; builds of one output take
//! turns through a lock beside it.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as a glasshouse output: written into every
/// output, so that a later build may replace the folder.
pub const MARKER: &str = ".glasshouse.json";

/// What the site's sources are: the output may be none of them, contain none,
/// and lie inside none.
const SOURCES: [&str; 6] = [
    "content",
    "locales",
    "themes",
    "static",
    "glasshouse.yaml",
    ".git",
];

/// Why an output folder is refused (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    #[error("--out {out} is the site's folder or contains it; choose a folder such as `public`")]
    ContainsSite { out: String },
    #[error(
        "--out {out} is, contains or lies inside the site's {sources} (the real path is {real})"
    )]
    Sources {
        out: String,
        sources: String,
        real: String,
    },
    #[error("--out {out} is a file, not a folder")]
    NotAFolder { out: String },
    #[error(
        "--out {out} holds files that glasshouse did not make; a build replaces its output whole, so choose a new or empty folder (or remove this one)"
    )]
    NotOurs { out: String },
    #[error("--out {out}: {error}")]
    Io { out: String, error: io::Error },
    #[error("cannot open the site folder {root}: {error}")]
    Root { root: String, error: io::Error },
}

/// The real path that `out` names, read part by part as the system reads it:
/// a part that exists is resolved with its links; one that does not is a folder
/// the build will create, so a `..` after it returns to where it was made.
pub fn resolve(out: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(out)?;
    let mut resolved = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => resolved.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                resolved = match next.symlink_metadata() {
                    // There (a link is followed; a dangling one is an error).
                    Ok(_) => next.canonicalize()?,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => next,
                    Err(e) => return Err(e),
                };
            }
        }
    }
    Ok(resolved)
}

/// Check that a build of the site at `root` may write `out`; the output's real
/// path. `out` is refused if it is, contains or lies inside the site's sources,
/// if it is or contains the site, if it is a file, or if it is a folder that
/// holds files and no glasshouse marker (nor, from earlier versions, a manifest
/// beside it). The staging and previous folders beside it are held to the same
/// rule, as a build replaces them too.
pub fn check_output(root: &Path, out: &Path) -> Result<PathBuf, GuardError> {
    let real = check_place(root, out)?;
    check_owner(&real, out)?;
    Ok(real)
}

/// The first half of `check_output`: the output's real path, which must be
/// neither in the sources nor around the site. A build checks this before it
/// takes the output's lock (the lock file goes beside the output), and the
/// owner of what is there only once it holds it.
pub fn check_place(root: &Path, out: &Path) -> Result<PathBuf, GuardError> {
    let shown = out.display().to_string();
    let io_error = |error| GuardError::Io {
        out: shown.clone(),
        error,
    };
    let root_error = |error| GuardError::Root {
        root: root.display().to_string(),
        error,
    };
    if !root.is_dir() {
        let why = io::Error::new(io::ErrorKind::NotADirectory, "not a folder");
        return Err(root_error(root.metadata().err().unwrap_or(why)));
    }
    let root = root.canonicalize().map_err(root_error)?;
    let real = resolve(out).map_err(io_error)?;
    if root.starts_with(&real) {
        return Err(GuardError::ContainsSite { out: shown });
    }
    for source in SOURCES {
        let path = root.join(source);
        let source_real = path.canonicalize().unwrap_or(path);
        if real.starts_with(&source_real) || source_real.starts_with(&real) {
            return Err(GuardError::Sources {
                out: shown,
                sources: format!("{source}{}", if source.contains('.') { "" } else { "/" }),
                real: real.display().to_string(),
            });
        }
    }
    Ok(real)
}

/// The second half of `check_output`: the folder at the real path `real` (and
/// the staging and previous folders beside it) may be replaced by a build.
fn check_owner(real: &Path, out: &Path) -> Result<(), GuardError> {
    let shown = out.display().to_string();
    let io_error = |error| GuardError::Io {
        out: shown.clone(),
        error,
    };
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = real.parent().unwrap_or(Path::new("/"));
    for (folder, legacy) in [
        (real.to_path_buf(), format!(".{name}.manifest")),
        (parent.join(format!(".{name}.staging")), String::new()),
        (
            parent.join(format!(".{name}.prev")),
            format!(".{name}.prev.manifest"),
        ),
    ] {
        if !is_ours(&folder, &parent.join(legacy)).map_err(io_error)? {
            let out = if folder == real {
                shown.clone()
            } else {
                format!("{shown} (its folder {})", folder.display())
            };
            return Err(match folder.symlink_metadata() {
                Ok(m) if !m.is_dir() => GuardError::NotAFolder { out },
                _ => GuardError::NotOurs { out },
            });
        }
    }
    Ok(())
}

/// Whether a build may replace `folder`: it does not exist, or it is a folder
/// that is empty, holds the marker, or has the manifest `legacy` beside it.
fn is_ours(folder: &Path, legacy: &Path) -> io::Result<bool> {
    let meta = match folder.symlink_metadata() {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return Ok(false);
    }
    // Empty first: a build writes the marker before anything else, so a folder
    // seen empty and then not holds the marker by then.
    if fs::read_dir(folder)?.next().is_none() {
        return Ok(true);
    }
    Ok(folder.join(MARKER).is_file() || (legacy.file_name().is_some() && legacy.is_file()))
}

/// A build's hold on its output: other builds of the same output wait for it.
/// The lock is the system's (`flock`) on a file beside the output, so a killed
/// build releases it with its process. The file is removed when the build ends
/// (a killed build's file is taken over by the next).
pub struct OutputLock {
    path: PathBuf,
    _file: fs::File,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked: a build waiting on this file finds, once
        // it holds it, that the path no longer leads to it, and starts again.
        let _ = fs::remove_file(&self.path);
    }
}

/// Take the lock of the output `real` (a real path), waiting for another build
/// that holds it; `waiting` is called once if it must wait.
pub fn lock(real: &Path, waiting: impl FnOnce(&Path)) -> io::Result<OutputLock> {
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = real.parent().unwrap_or(Path::new("/"));
    fs::create_dir_all(parent)?;
    let path = parent.join(format!(".{name}.lock"));
    let mut waiting = Some(waiting);
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                if let Some(say) = waiting.take() {
                    say(&path);
                }
                file.lock()?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if same_file(&file, &path) {
            return Ok(OutputLock { path, _file: file });
        }
    }
}

/// Whether `path` still leads to the open `file`.
fn same_file(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

#[cfg(test)]
mod tests;
