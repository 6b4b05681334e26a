//! Reading the site's files safely: never outside the site root, never more than
//! a content file could reasonably hold.

use std::io::Read;
use std::path::Path;

/// The largest source file read (8 MiB): explainers are written by people, and a
/// larger file is a mistake (a video renamed `.md`) that would only cost memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Whether `path`, with links resolved, lies inside `root`.
pub fn is_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

#[derive(Debug)]
pub enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
}

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::TooLarge(_) => "file-too-large",
            ReadError::Io(_) => "io",
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge(n) => write!(
                f,
                "the file is {:.1} MiB; the limit is {} MiB",
                *n as f64 / 1048576.0,
                MAX_FILE_BYTES / 1048576
            ),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

/// Read a file of at most `MAX_FILE_BYTES`, without reading more than that.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // Sized from the file's length, so that the buffer is not grown and copied.
    let len = file
        .metadata()
        .map_or(0, |m| m.len().min(MAX_FILE_BYTES + 1));
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(path)
            .map(|m| m.len())
            .unwrap_or(bytes.len() as u64);
        return Err(ReadError::TooLarge(size));
    }
    Ok(bytes)
}
