//! A chainable helper: copy a fixture site into a temporary folder, change files,
//! build, and read what was emitted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    /// The `file:line:col: severity[code]` heads of the diagnostics printed.
    pub fn heads(&self) -> Vec<String> {
        self.stderr
            .lines()
            .filter(|l| l.contains("error[") || l.contains("warning["))
            .filter_map(|l| {
                l.split(": ")
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(": ")
                    .split(']')
                    .next()
                    .map(|s| format!("{s}]"))
            })
            .collect()
    }

    pub fn has(&self, head: &str) -> bool {
        self.heads().iter().any(|h| h == head)
    }
}

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&fixture_dir(name), &root);
        Site { _dir: dir, root }
    }

    /// A copy of the bundled example site: the repository's glasshouse.yaml,
    /// content/, locales/ and static/.
    pub fn example() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in ["content", "locales", "static"] {
            copy_dir(&repo.join(part), &root.join(part));
        }
        std::fs::copy(repo.join("glasshouse.yaml"), root.join("glasshouse.yaml")).unwrap();
        Site { _dir: dir, root }
    }

    /// Write a file as editors save: a temporary file renamed over the target, so
    /// that a watcher sees one complete change.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.root.join(rel);
        let dir = p.parent().unwrap();
        std::fs::create_dir_all(dir).unwrap();
        let tmp = dir.join(format!(
            ".{}.saving",
            p.file_name().unwrap().to_string_lossy()
        ));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &p).unwrap();
        self
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        std::fs::write(self.root.join(rel), bytes).unwrap();
        self
    }

    /// Replace `from` with `to` in a file; panics if `from` is absent.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.source(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root.join(rel)).unwrap();
        self
    }

    pub fn source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// `glasshouse <args>`, to run in the site root.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_glasshouse"));
        cmd.args(args).current_dir(&self.root);
        cmd
    }

    /// Run `glasshouse <args>` in the site root.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().unwrap())
    }

    /// `glasshouse build` with extra args; output in `public/`.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Build and insist on success.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let r = self.build(args);
        assert_eq!(r.status, 0, "build failed:\n{}", r.stderr);
        r
    }

    pub fn out(&self, rel: &str) -> PathBuf {
        self.root.join("public").join(rel)
    }

    /// A file of `public/`.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out(rel).exists()
    }

    /// Every file under `public/` with its bytes, sorted.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        tree(&self.root.join("public"))
    }
}

/// Every file under `dir` with its bytes, sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The `hreflang=… href=…` pairs of the `<link rel="alternate">` tags of a page.
pub fn alternates(html: &str) -> Vec<(String, String)> {
    html.lines()
        .filter(|l| l.starts_with("<link rel=\"alternate\""))
        .map(|l| (attr(l, "hreflang"), attr(l, "href")))
        .collect()
}

pub fn attr(tag: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    let start = tag.find(&key).unwrap() + key.len();
    tag[start..start + tag[start..].find('"').unwrap()].to_string()
}

/// Give the site its own copy of the default theme (fixtures use the embedded one).
pub fn copy_theme(site: &Site) {
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &site.root.join("themes/default"),
    );
}

/// Build a fresh copy of the fixture after `change`; assert it failed with `head`
/// and wrote nothing.
pub fn fails_with(change: impl Fn(&Site), head: &str) -> Run {
    let s = Site::fixture("basic");
    change(&s);
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "expected exit 1:\n{}", r.stderr);
    assert!(
        r.has(head),
        "expected {head}, got {:?}\n{}",
        r.heads(),
        r.stderr
    );
    assert!(!s.root.join("public").exists(), "nothing is written");
    for leftover in [".public.staging", ".public.prev", ".public.lock"] {
        assert!(!s.root.join(leftover).exists(), "{leftover} left behind");
    }
    r
}
