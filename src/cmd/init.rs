use crate::theme::embedded::{EXAMPLE_FILES, THEME_FILES};
use std::path::Path;
use std::process::ExitCode;

/// The output, and what a build keeps beside it: the staging and previous
/// outputs, their manifests, and the lock a killed build leaves.
const GITIGNORE: &str = "/public\n/.public.staging\n/.public.prev\n/.public.manifest\n/.public.prev.manifest\n/.public.lock\n";

/// Scaffold a working site in `dir`: the bundled example site and the default theme.
pub fn run(dir: &Path) -> ExitCode {
    match init_site(dir) {
        Ok(n) => {
            crate::outln!(
                "created a site in {} ({n} files); build it with: glasshouse build --root {}",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(msg) => {
            crate::errln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

pub fn init_site(dir: &Path) -> Result<usize, String> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .next()
            .is_some()
    {
        return Err(format!(
            "{} is not empty; choose a new folder",
            dir.display()
        ));
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
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        n += 1;
    }
    Ok(n)
}
