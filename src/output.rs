//! The only module that writes the site to disk: a staging directory beside the
//! output, filled in parallel, swapped in only when the whole build succeeded.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Remove, in the background, earlier outputs that builds moved aside and did not
/// get to remove (`.public.old-…` beside `public`): best effort.
fn remove_old_outputs(parent: &Path, name: &str) {
    let prefix = format!(".{name}.old-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let old: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    if !old.is_empty() {
        std::thread::spawn(move || old.iter().for_each(|p| drop(fs::remove_dir_all(p))));
    }
}

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
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, to).map(drop)
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

/// A build in progress: files go to a fresh directory next to the output.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
}

impl Staging {
    /// Create a fresh staging directory for `out` (a leftover one from a killed
    /// build is removed first).
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
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        remove_old_outputs(parent, &name);
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
        })
    }

    /// Write one file at `rel` (a `/`-separated path) under the staging directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        // Most folders exist by the time a file is written into them: try first,
        // create the folder when it is missing.
        let mut f = match fs::File::create(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::File::create(&path)?
            }
            Err(e) => return Err(e),
        };
        f.write_all(bytes)
    }

    /// Swap the staging directory in place of the output. The previous output is
    /// moved aside first and removed last, so that the output path always holds a
    /// complete site.
    /// Returns the previous output, moved aside, for the caller to remove: deleting
    /// thousands of files is slow, and need not hold up the build.
    pub fn commit(self) -> io::Result<Option<PathBuf>> {
        let name = self
            .out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let old = self
            .dir
            .with_file_name(format!(".{name}.old-{}-{stamp}", std::process::id()));
        let had_output = self.out.exists();
        if had_output {
            fs::rename(&self.out, &old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            if had_output {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(e);
        }
        Ok(had_output.then_some(old))
    }

    /// Drop the staging directory; the output is left as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}
