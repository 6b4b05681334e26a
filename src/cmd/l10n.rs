use crate::check::staleness::{stamp_of, stamp_text};
use crate::cli::{L10nCommand, StatusFormat};
use crate::content::library::load_document;
use crate::diagnostics::Diagnostics;
use crate::site::load::read_sources;
use std::path::Path;
use std::process::ExitCode;

pub fn run(cmd: L10nCommand) -> ExitCode {
    match cmd {
        L10nCommand::Stamp { files } => {
            let mut status = ExitCode::SUCCESS;
            for f in &files {
                match stamp(f) {
                    Ok(msg) => crate::outln!("{msg}"),
                    Err(msg) => {
                        crate::errln!("error: {}: {msg}", f.display());
                        status = ExitCode::from(1);
                    }
                }
            }
            status
        }
        L10nCommand::Status { root, format } => status(&root, format),
    }
}

fn status(root: &Path, format: StatusFormat) -> ExitCode {
    let mut diags = Diagnostics::new();
    let Some(sources) = read_sources(root, &mut diags) else {
        super::print_diagnostics(&diags.into_sorted());
        return ExitCode::from(1);
    };
    let report = crate::check::status::status(&sources);
    let text = match format {
        StatusFormat::Table => report.render_table(),
        StatusFormat::Markdown => report.render_markdown(),
        StatusFormat::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
    };
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    ExitCode::SUCCESS
}

/// Stamp one translation with the hash of its source (`<slug>.md` beside it).
pub fn stamp(path: &Path) -> Result<String, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").ok_or("not a Markdown file")?;
    let (slug, _lang) = stem
        .split_once('.')
        .ok_or("not a translation: expected <slug>.<lang>.md")?;
    let source_path = path.with_file_name(format!("{slug}.md"));
    let mut diags = Diagnostics::new();
    let (_, source) = load_document(&format!("{slug}.md"), &source_path, &mut diags)
        .ok_or_else(|| format!("cannot read its source {}", source_path.display()))?;
    let stamp = stamp_of(&source);
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let stamped = stamp_text(&text, &stamp).ok_or("no front matter to stamp")?;
    if stamped != text {
        std::fs::write(path, stamped).map_err(|e| e.to_string())?;
    }
    Ok(format!(
        "stamped {} from {} (source {})",
        path.display(),
        source_path.display(),
        stamp.whole
    ))
}
