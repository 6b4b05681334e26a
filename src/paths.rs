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

/// `bytes` as text, or the error that says where the first invalid byte is.
///
/// simdutf8 checks the bytes: the standard library's check slows to a byte at a
/// time on text that is not ASCII (Japanese, accented Latin), and it was a
/// thirtieth of a build's instructions. Only a file found invalid is checked
/// again, by the standard library, for the place of its error.
pub fn into_text(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return String::from_utf8(bytes);
    }
    // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8, which is
    // all `from_utf8_unchecked` requires.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Read a file of at most `MAX_FILE_BYTES`, without reading more than that.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_file() {
        if meta.len() > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge(meta.len()));
        }
        let bytes = read_regular(&mut file, meta.len()).map_err(ReadError::Io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        return Ok(bytes);
    }
    // Anything else (a pipe, a device) has no size to trust: read up to the limit.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A regular file of `len` bytes, read whole into a buffer one byte larger,
/// without zeroing it first. A regular file's `read` returns fewer bytes than
/// asked only at its end, so one `read` that returns `len` bytes is the whole
/// file: four system calls for an explainer (open, `statx`, `read`, close)
/// where `read_to_end` makes seven. A file that changed size since it was
/// measured is read on to its end, but not past one byte over the limit: a file
/// that grew meanwhile is refused like any other too large.
fn read_regular(file: &mut std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len as usize + 1);
    #[cfg(target_os = "linux")]
    loop {
        match rustix::io::read(&*file, rustix::buffer::spare_capacity(&mut bytes)) {
            Ok(n) if n as u64 == len => return Ok(bytes),
            Ok(_) => break,
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let left = (MAX_FILE_BYTES + 1).saturating_sub(bytes.len() as u64);
    file.take(left).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_and_a_larger_one_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let (empty, text, big) = (
            tmp.path().join("empty.md"),
            tmp.path().join("text.md"),
            tmp.path().join("big.md"),
        );
        std::fs::write(&empty, "").unwrap();
        std::fs::write(&text, "---\ntitle: Ça\n---\nBody\n").unwrap();
        // Sparse: its size is over the limit without writing 9 MiB.
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        assert_eq!(read_limited(&empty).unwrap(), b"");
        assert_eq!(
            read_limited(&text).unwrap(),
            "---\ntitle: Ça\n---\nBody\n".as_bytes()
        );
        assert!(
            matches!(read_limited(&big), Err(ReadError::TooLarge(n)) if n == MAX_FILE_BYTES + 1)
        );
        assert!(matches!(
            read_limited(&tmp.path().join("missing.md")),
            Err(ReadError::Io(_))
        ));
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

    /// A pipe has no size: it is read up to the limit and no further.
    #[test]
    #[cfg(target_os = "linux")]
    fn a_pipe_is_read_up_to_the_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let (small, endless) = (tmp.path().join("small"), tmp.path().join("endless"));
        for fifo in [&small, &endless] {
            let made = std::process::Command::new("mkfifo").arg(fifo).status();
            assert!(made.unwrap().success());
        }
        let writer = |path: std::path::PathBuf, len: u64| {
            std::thread::spawn(move || {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
                let chunk = vec![b'a'; 64 * 1024];
                let mut left = len;
                while left > 0 {
                    let n = left.min(chunk.len() as u64) as usize;
                    // The reader stops at the limit: the rest cannot be written.
                    if f.write_all(&chunk[..n]).is_err() {
                        return;
                    }
                    left -= n as u64;
                }
            })
        };
        let w = writer(small.clone(), 70_000);
        assert_eq!(read_limited(&small).unwrap().len(), 70_000);
        w.join().unwrap();
        let w = writer(endless.clone(), MAX_FILE_BYTES * 2);
        assert!(
            matches!(read_limited(&endless), Err(ReadError::TooLarge(n)) if n == MAX_FILE_BYTES + 1)
        );
        w.join().unwrap();
    }

    #[test]
    fn text_is_checked_as_the_standard_library_checks_it() {
        let mut cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            "ASCII only".into(),
            "日本語のテキスト、Ça va, Größe".into(),
            "データ".repeat(40).into(),
            b"\xff".to_vec(),
            b"ok \xe3\x81".to_vec(),
            b"\xed\xa0\x80 surrogate".to_vec(),
            b"\xc0\xaf overlong".to_vec(),
        ];
        // A bad byte after a long valid run, where the checks go 32 bytes at a time.
        let mut long = "é".repeat(100).into_bytes();
        long.push(0x80);
        cases.push(long);
        for bytes in cases {
            let expected = String::from_utf8(bytes.clone());
            match (into_text(bytes), expected) {
                (Ok(a), Ok(b)) => assert_eq!(a, b),
                (Err(a), Err(b)) => {
                    assert_eq!(a.utf8_error().valid_up_to(), b.utf8_error().valid_up_to())
                }
                (a, b) => panic!("{a:?} against {b:?}"),
            }
        }
    }
}
