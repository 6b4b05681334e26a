use crate::check::staleness::{stamp_for, stamp_text};
use crate::cli::{ExportOnly, L10nCommand, StatusFormat};
use crate::content::EXPLAINERS_DIR;
use crate::content::library::load_document;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::load::{LoadError, load_sources, read_sources};
use crate::paths::SiteDir;
use crate::xliff::{Only, export, parse_xliff, plan_import, render_xliff};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(cmd: L10nCommand) -> ExitCode {
    match cmd {
        L10nCommand::Stamp { files } => {
            // Every file is tried; the worst failure gives the status.
            let mut status = 0;
            for f in &files {
                match stamp(f) {
                    Ok(msg) => crate::outln!("{msg}"),
                    Err(e) => {
                        crate::errln!("error: {}: {e}", f.display());
                        status = status.max(e.exit_status());
                    }
                }
            }
            ExitCode::from(status)
        }
        L10nCommand::Status { root, format } => status(&root, format),
        L10nCommand::Export {
            locale,
            only,
            output,
            root,
        } => export_xliff(&root, &locale, only, output),
        L10nCommand::Import { files, root } => import_xliff(&root, &files),
    }
}

/// `l10n import`: every document is read and every unit checked before
/// anything is written; the files are written beside their place, then
/// renamed over it; then every check runs.
fn import_xliff(root: &Path, files: &[PathBuf]) -> ExitCode {
    let mut docs = Vec::new();
    for f in files {
        let text = match std::fs::read(f).map(crate::paths::utf8) {
            Ok(Ok(t)) => t,
            // A vendor's file that is not UTF-8 is content, shown at its first bad byte.
            Ok(Err(e)) => {
                let d = e.diagnostic(&f.display().to_string());
                crate::errln!("{}", d.render_human().trim_end());
                return ExitCode::from(1);
            }
            Err(e) => {
                crate::errln!("error: {}: {e}", f.display());
                return ExitCode::from(2);
            }
        };
        match parse_xliff(&text) {
            Ok(doc) => docs.push((f.display().to_string(), doc)),
            Err(e) => {
                crate::errln!("error: {}: {e}", f.display());
                return ExitCode::from(1);
            }
        }
    }
    let Some(sources) = load_clean(root) else {
        return ExitCode::from(1);
    };
    let writes = match plan_import(&sources, &docs) {
        Ok(w) => w,
        Err(refusals) => {
            for r in &refusals {
                let mut place: Vec<String> = [&r.document, &r.original]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .cloned()
                    .collect();
                if !r.unit.is_empty() {
                    place.push(format!("unit `{}`", r.unit));
                }
                crate::errln!("error: {}: {}", place.join(": "), r.reason);
            }
            crate::errln!("error: nothing was imported");
            return ExitCode::from(1);
        }
    };
    let paths: Vec<PathBuf> = writes.iter().map(|w| sources.dir.path(&w.path)).collect();
    let texts: Vec<&[u8]> = writes.iter().map(|w| w.text.as_bytes()).collect();
    if let Err(e) = replace_files(&paths, &texts) {
        crate::errln!("error: cannot write the translations: {e}");
        return ExitCode::from(2);
    }
    for w in &writes {
        let stamp = match (w.stamped, w.path.ends_with(".md")) {
            (true, _) => ", stamped",
            (false, true) => ", not stamped: segments remain stale or missing",
            (false, false) => "",
        };
        crate::errln!(
            "imported {} into {}{stamp}",
            crate::diagnostics::plural(w.units, "segment"),
            w.path
        );
    }
    if writes.is_empty() {
        crate::errln!("nothing to import: every target is the current translation");
    }
    super::check::run(crate::cli::CheckArgs {
        root: root.to_path_buf(),
        markets: Vec::new(),
        format: crate::cli::CheckFormat::Human,
        strict: false,
    })
}

/// The site's sources, if they load without errors (printed otherwise).
fn load_clean(root: &Path) -> Option<crate::load::Sources> {
    let mut diags = Diagnostics::new();
    let loaded = load_sources(root, &mut diags);
    let errors: Vec<Diagnostic> = (diags.into_sorted().into_iter())
        .filter(|d| d.is_error())
        .collect();
    match loaded {
        Err(LoadError::Unreadable(msg)) => {
            crate::errln!("error: {msg}");
            None
        }
        Ok(s) if errors.is_empty() => Some(s),
        _ => {
            super::print_diagnostics(&errors);
            crate::errln!("error: the site has errors: fix them first");
            None
        }
    }
}

/// Write every file beside its place, then rename them all over their
/// places: a failed write, or a failed rename, leaves every file as it was.
fn replace_files(paths: &[PathBuf], texts: &[&[u8]]) -> std::io::Result<()> {
    let tmp = |p: &Path| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        p.with_file_name(format!(".{name}.importing"))
    };
    let mut written = Vec::new();
    let result = paths.iter().zip(texts).try_for_each(|(p, text)| {
        let t = tmp(p);
        let _ = std::fs::remove_file(&t);
        written.push(t.clone());
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&t)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text))
    });
    // What each file held, to put back if a later rename fails.
    let before: Vec<Option<Vec<u8>>> = paths.iter().map(|p| std::fs::read(p).ok()).collect();
    let mut renamed = 0;
    let result = result.and_then(|()| {
        paths.iter().try_for_each(|p| {
            std::fs::rename(tmp(p), p)?;
            renamed += 1;
            Ok(())
        })
    });
    if result.is_err() {
        for t in written {
            let _ = std::fs::remove_file(t);
        }
        for (p, old) in paths.iter().zip(before).take(renamed) {
            let _ = match old {
                Some(bytes) => std::fs::write(p, bytes),
                None => std::fs::remove_file(p),
            };
        }
    }
    result
}

/// `l10n export`: the sources must load without errors (a vendor is not sent
/// segments cut from a file the tool cannot read right).
fn export_xliff(
    root: &Path,
    locale: &str,
    only: Option<ExportOnly>,
    output: Option<PathBuf>,
) -> ExitCode {
    let mut diags = Diagnostics::new();
    let loaded = load_sources(root, &mut diags);
    let findings = diags.into_sorted();
    let errors: Vec<Diagnostic> = findings.into_iter().filter(|d| d.is_error()).collect();
    let sources = match loaded {
        Err(LoadError::Unreadable(msg)) => {
            crate::errln!("error: {msg}");
            return ExitCode::from(2);
        }
        Ok(s) if errors.is_empty() => s,
        _ => {
            super::print_diagnostics(&errors);
            crate::errln!("error: the site has errors: fix them, then export again");
            return super::exit_status(&errors, false);
        }
    };
    let only = match only {
        None => Only::Todo,
        Some(ExportOnly::Missing) => Only::Missing,
        Some(ExportOnly::Stale) => Only::Stale,
        Some(ExportOnly::All) => Only::All,
    };
    let doc = match export(&sources, locale, only) {
        Ok(doc) => doc,
        Err(e) => {
            crate::errln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let units: usize = doc.files.iter().map(|f| f.units.len()).sum();
    if units == 0 {
        crate::errln!("nothing to translate for {locale}: every segment is translated and current");
        return ExitCode::SUCCESS;
    }
    let bytes = match render_xliff(&doc) {
        Ok(b) => b,
        Err(e) => {
            crate::errln!("error: cannot write the XLIFF document: {e}");
            return ExitCode::from(2);
        }
    };
    let written = match &output {
        Some(path) => replace_file(path, &bytes),
        None => match std::io::Write::write_all(&mut std::io::stdout(), &bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            r => r,
        },
    };
    match (written, output) {
        (Err(e), _) => {
            crate::errln!("error: cannot write the XLIFF document: {e}");
            ExitCode::from(2)
        }
        (Ok(()), Some(path)) => {
            crate::errln!(
                "wrote {units} units in {} files to {}",
                doc.files.len(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        (Ok(()), None) => ExitCode::SUCCESS,
    }
}

fn status(root: &Path, format: StatusFormat) -> ExitCode {
    let mut diags = Diagnostics::new();
    let sources = match read_sources(root, &mut diags) {
        Ok(s) => s,
        Err(LoadError::Unreadable(msg)) => {
            crate::errln!("error: {msg}");
            return ExitCode::from(2);
        }
        Err(LoadError::Invalid) => {
            super::print_diagnostics(&diags.into_sorted());
            return ExitCode::from(1);
        }
    };
    // A file that cannot be read leaves the report incomplete: it is printed,
    // and the status says so.
    let unread: Vec<Diagnostic> = (diags.into_sorted().into_iter())
        .filter(|d| d.is_error() && d.code == Code::Io)
        .collect();
    super::print_diagnostics(&unread);
    let report = crate::check::status::status(&sources);
    let text = match format {
        StatusFormat::Table => report.render_table(),
        StatusFormat::Markdown => report.render_markdown(),
        StatusFormat::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
    };
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    if unread.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Why a translation was not stamped.
#[derive(Debug, thiserror::Error)]
pub enum StampError {
    #[error("not a translation: expected <slug>.<lang>.md")]
    NotATranslation,
    #[error("not in a site's {EXPLAINERS_DIR}/ folder")]
    NotInASite,
    #[error("cannot open the site: {0}")]
    Site(std::io::Error),
    #[error("is a link: stamp the file it leads to")]
    Link,
    #[error("cannot read its source {path}: {why}")]
    Source {
        path: String,
        why: String,
        /// Whether the source could not be read at all (rather than parsed).
        io: bool,
    },
    #[error("{0}")]
    Read(#[from] crate::paths::ReadError),
    #[error("no front matter to stamp")]
    NoFrontMatter,
    #[error("cannot write: {0}")]
    Write(std::io::Error),
}

impl StampError {
    /// 1 when the site's files are at fault (the source has errors or leads
    /// out of the site, the translation is a link, is not UTF-8 or has no front
    /// matter), as in `check`; 2 when the command line names something that is
    /// not a translation of a site, or a file cannot be read or written.
    pub fn exit_status(&self) -> u8 {
        match self {
            StampError::Source { io: false, .. } | StampError::Link | StampError::NoFrontMatter => {
                1
            }
            StampError::Read(e) => match e.code() {
                Code::Encoding | Code::FileTooLarge => 1,
                _ => 2,
            },
            _ => 2,
        }
    }
}

/// Stamp one translation with the hash of its source (`<slug>.md` beside it).
/// The file is read through the site's checks and replaced whole, never written
/// through a link.
pub fn stamp(path: &Path) -> Result<String, StampError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (slug, _lang) = name
        .strip_suffix(".md")
        .and_then(|stem| stem.split_once('.'))
        .ok_or(StampError::NotATranslation)?;
    let folder = path.parent().unwrap_or(Path::new(""));
    if !folder.ends_with(EXPLAINERS_DIR) {
        return Err(StampError::NotInASite);
    }
    let root = folder
        .ancestors()
        .nth(2)
        .filter(|r| !r.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let site = SiteDir::open(root).map_err(StampError::Site)?;
    let rel = format!("{EXPLAINERS_DIR}/{name}");
    if site
        .path(&rel)
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(StampError::Link);
    }
    let mut diags = Diagnostics::new();
    let source_rel = format!("{EXPLAINERS_DIR}/{slug}.md");
    let (_, source) = load_document(&site, &format!("{slug}.md"), &mut diags).ok_or_else(|| {
        let first = diags.into_sorted().into_iter().next();
        StampError::Source {
            path: source_rel.clone(),
            io: first.as_ref().is_some_and(|d| d.code == Code::Io),
            why: first.map(|d| d.message).unwrap_or_default(),
        }
    })?;
    // What the markets that read this translation see of the source.
    let stamp = {
        let mut diags = Diagnostics::new();
        let sources = crate::load::read_sources(root, &mut diags).map_err(|_| {
            let why = diags
                .iter()
                .find(|d| d.is_error())
                .map(|d| d.message.clone());
            StampError::Source {
                path: crate::config::CONFIG_FILE.to_string(),
                why: why.unwrap_or_else(|| "it does not load".into()),
                io: false,
            }
        })?;
        let e = sources.library.get(slug);
        let t = e.and_then(|e| e.translations.values().find(|t| t.file.path == rel));
        match (e, t) {
            (Some(e), Some(t)) => stamp_for(e, t, &sources.config),
            // A translation that does not load is stamped against the whole source.
            _ => crate::check::staleness::stamp_whole(&source),
        }
    };
    let text = site.read_text(&rel)?;
    let stamped = stamp_text(&text, &stamp).ok_or(StampError::NoFrontMatter)?;
    if stamped != text {
        replace_file(&site.path(&rel), stamped.as_bytes()).map_err(StampError::Write)?;
    }
    Ok(format!(
        "stamped {} from {} (source {})",
        path.display(),
        site.path(&source_rel).display(),
        stamp.whole
    ))
}

/// Replace the file at `path` with `text`: written beside it, then renamed over
/// it, so that a link at `path` is replaced, not followed, and a failed write
/// leaves the file as it was.
fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.writing"));
    let _ = std::fs::remove_file(&tmp);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes));
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::replace_files;

    #[test]
    fn a_failed_rename_puts_back_the_files_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (a, new, blocked) = (
            dir.path().join("a.md"),
            dir.path().join("new.md"),
            dir.path().join("b.md"),
        );
        std::fs::write(&a, "old a").unwrap();
        // A folder where the last file goes: its rename fails.
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("inside"), "x").unwrap();
        let paths = [a.clone(), new.clone(), blocked.clone()];
        let texts: [&[u8]; 3] = [b"new a", b"new file", b"new b"];
        assert!(replace_files(&paths, &texts).is_err());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old a");
        assert!(!new.exists(), "a file the import made is removed");
        assert!(blocked.join("inside").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 2, "no temporary file is left: {left:?}");
        // Without the obstacle, every file is replaced.
        std::fs::remove_dir_all(&blocked).unwrap();
        replace_files(&paths, &texts).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "new b");
    }
}
