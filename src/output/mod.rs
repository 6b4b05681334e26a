//! The only module that writes the site to disk: where a build may write
//! (`guard`), a staging folder beside the output, filled in parallel and
//! swapped in only when the whole build succeeded (`staging`), and the files
//! made at a cost (resized images) kept beside it for the next build (`cache`).

mod cache;
mod guard;
mod staging;

pub use guard::{GuardError, MARKER, OutputLock, check_output, check_place, lock as lock_output};

pub use staging::Staging;
use std::fs;
use std::io;

/// Where a build's files go: a staging folder for `build`, memory for `serve`,
/// nowhere for `check`.
pub trait Sink: Sync {
    /// Write one file at `rel`, a `/`-separated path under the output root.
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;

    /// Copy the open file `from` to `rel`.
    fn copy(&self, rel: &str, mut from: fs::File) -> io::Result<()> {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut from, &mut bytes)?;
        self.write(rel, &bytes)
    }

    /// Write at `rel` the file `make` makes. Its name says what it is made
    /// from, so a sink may keep it and skip `make` the next time.
    fn write_made(&self, rel: &str, make: &dyn Fn() -> io::Result<Vec<u8>>) -> io::Result<()> {
        self.write(rel, &make()?)
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::write(self, rel, bytes)
    }

    /// Copied file to file: a large video never sits in memory.
    fn copy(&self, rel: &str, from: fs::File) -> io::Result<()> {
        Staging::copy(self, rel, from)
    }

    fn write_made(&self, rel: &str, make: &dyn Fn() -> io::Result<Vec<u8>>) -> io::Result<()> {
        if self.keep_made(rel) {
            return Ok(());
        }
        match self
            .cache
            .link_or_make(rel, make, &|cached| self.link(rel, cached))?
        {
            Some(bytes) => self.write_whole(rel, &bytes),
            None => Ok(()),
        }
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

    fn write_made(&self, _rel: &str, _make: &dyn Fn() -> io::Result<Vec<u8>>) -> io::Result<()> {
        Ok(())
    }
}
