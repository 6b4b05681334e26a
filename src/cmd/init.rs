use crate::theme::embedded::{EXAMPLE_FILES, THEME_FILES};
use std::path::Path;
use std::process::ExitCode;

/// The output, and what a build keeps beside it: the output before last, and
/// the staging folder and lock a killed build leaves.
const GITIGNORE: &str = "/public\n/.public.staging\n/.public.prev\n/.public.lock\n/.public.cache\n";

/// Scaffold a working site in `dir`: the bundled example site and the default theme.
pub fn run(dir: &Path) -> ExitCode {
    match init_site(dir) {
        Ok(n) => {
            crate::outln!(
                "created a site in {} ({})",
                dir.display(),
                crate::diagnostics::plural(n, "file")
            );
            crate::outln!("preview it with: {}", super::serve_command(dir));
            crate::outln!(
                "build it with:   glasshouse build --root {} (into {})",
                dir.display(),
                dir.join("public").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::errln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Why `init` made no site.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} is not empty; choose a new folder")]
    NotEmpty(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

pub fn init_site(dir: &Path) -> Result<usize, InitError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| InitError::Io { path, source }
    };
    if dir.exists() && std::fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
        return Err(InitError::NotEmpty(dir.display().to_string()));
    }
    let files = EXAMPLE_FILES
        .iter()
        .map(|(p, b)| (p.to_string(), *b))
        .chain([(".gitignore".to_string(), GITIGNORE.as_bytes())])
        .chain(
            THEME_FILES
                .iter()
                .map(|(p, b)| (format!("themes/default/{p}"), *b)),
        );
    let mut n = 0;
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, bytes).map_err(io(&path))?;
        n += 1;
    }
    Ok(n)
}
