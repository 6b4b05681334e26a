use crate::config::is_id;
use crate::content::EXPLAINERS_DIR;
use std::path::Path;
use std::process::ExitCode;

/// Create `content/explainers/<slug>.md` with front matter to fill in.
pub fn run(root: &Path, slug: &str) -> ExitCode {
    match new_explainer(root, slug) {
        Ok(path) => {
            crate::outln!("created {path}, a draft (`draft: true`)");
            crate::outln!(
                "`{}` shows it with a draft banner; `glasshouse build` leaves it out until you delete that line",
                super::serve_command(root)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::errln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Why `new` made no explainer.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("`{0}` is not a valid slug: use lower-case letters, digits and hyphens")]
    InvalidSlug(String),
    #[error("{0} has no glasshouse.yaml; run this in a site folder or pass --root")]
    NoSite(String),
    #[error("{EXPLAINERS_DIR} is a link to a folder outside the site")]
    Outside,
    #[error("{0} already exists")]
    Exists(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

pub fn new_explainer(root: &Path, slug: &str) -> Result<String, NewError> {
    if !is_id(slug) {
        return Err(NewError::InvalidSlug(slug.to_string()));
    }
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(NewError::NoSite(root.display().to_string()));
    }
    let rel = format!("{EXPLAINERS_DIR}/{slug}.md");
    let path = root.join(&rel);
    let title = slug
        .split('-')
        .enumerate()
        .map(|(i, w)| if i == 0 { capitalize(w) } else { w.to_string() })
        .collect::<Vec<_>>()
        .join(" ");
    let text = scaffold(&title);
    let io = |path: &str| {
        let path = path.to_string();
        move |source| NewError::Io { path, source }
    };
    std::fs::create_dir_all(root.join(EXPLAINERS_DIR)).map_err(io(EXPLAINERS_DIR))?;
    let site = crate::paths::SiteDir::open(root).map_err(io(&root.display().to_string()))?;
    if !site.contains(&root.join(EXPLAINERS_DIR)) {
        return Err(NewError::Outside);
    }
    // A new file only: never over an existing one, nor through a link (even one
    // that leads nowhere yet).
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => NewError::Exists(rel.clone()),
            _ => io(&rel)(e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io(&rel))?;
    Ok(rel)
}

/// The sections of a new explainer: a heading and what to write under it.
const SECTIONS: [(&str, &str); 3] = [
    (
        "What it is",
        "Say what the initiative does, in plain words.",
    ),
    (
        "Why it matters",
        ":::variant{for=\"default\"}\nText every market gets unless a block names its market or framing.\n:::",
    ),
    (
        "What you can do",
        "Name the setting the reader controls, and where to find it.",
    ),
];

/// A new explainer titled `title`: front matter to fill in, and sections whose
/// headings carry explicit ids, so that a translation keeps its anchors.
fn scaffold(title: &str) -> String {
    let mut text = format!(
        "---\ntitle: {title}\nsummary: One or two sentences for the meta description and the market home.\ntopics: []\ndraft: true\n---\nWrite the explainer here. Keep each heading's `{{#id}}` in translations: links to it then work in every market.\n"
    );
    for (heading, body) in SECTIONS {
        let id = crate::markdown::slugify(heading);
        text.push_str(&format!("\n## {heading} {{#{id}}}\n\n{body}\n"));
    }
    text
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
