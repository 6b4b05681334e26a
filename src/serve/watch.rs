//! File watching: which sources a batch of file-system events touched. The
//! classifier is pure, so it is tested without a file system.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a batch of events changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    pub config: bool,
    pub theme: bool,
    pub locales: bool,
    pub static_files: bool,
    /// File names under `content/explainers/` (`two-step.fr.md`).
    pub explainers: BTreeSet<String>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        *self == ChangeSet::default()
    }

    /// What to print: `content/explainers/a.md, locales`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.config {
            parts.push(crate::config::CONFIG_FILE.into());
        }
        if self.theme {
            parts.push("themes/".into());
        }
        if self.locales {
            parts.push("locales/".into());
        }
        if self.static_files {
            parts.push("static/".into());
        }
        parts.extend(
            self.explainers
                .iter()
                .map(|n| format!("{}/{n}", crate::content::EXPLAINERS_DIR)),
        );
        parts.join(", ")
    }
}

/// Classify changed paths under `root`. Editor droppings (`.x.swp`, `x~`, `4913`)
/// and files outside the watched folders are ignored.
pub fn classify(paths: &[PathBuf], root: &Path) -> ChangeSet {
    let mut set = ChangeSet::default();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let Some(name) = parts.last() else { continue };
        if is_editor_temp(name) {
            continue;
        }
        match parts.first().map(String::as_str) {
            Some(crate::config::CONFIG_FILE) if parts.len() == 1 => set.config = true,
            Some("themes") => set.theme = true,
            Some("locales") => {
                set.locales = set.locales || name.ends_with(".ftl") || !name.contains('.')
            }
            Some("static") => set.static_files = true,
            // The site's speaking and reading rates: everything is timed again.
            Some("scripts") => set.config = true,
            Some("content")
                if parts.len() == 3 && parts[1] == "explainers" && name.ends_with(".md") =>
            {
                set.explainers.insert(name.clone());
            }
            Some("content") if parts.len() <= 2 => {
                // the folder itself was created, removed or renamed
                set.config = true;
            }
            _ => {}
        }
    }
    set
}

fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// The folders to watch recursively, and the root itself (not recursively: the
/// config file, and folders being created).
pub fn watch_targets(root: &Path) -> Vec<(PathBuf, bool)> {
    let mut t = vec![(root.to_path_buf(), false)];
    for dir in ["content", "locales", "static", "themes", "scripts"] {
        let p = root.join(dir);
        if p.is_dir() {
            t.push((p, true));
        }
    }
    t
}

/// How long to wait for a burst of events (an editor's save) to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(paths: &[&str]) -> ChangeSet {
        let root = Path::new("/site");
        classify(
            &paths.iter().map(|p| root.join(p)).collect::<Vec<_>>(),
            root,
        )
    }

    #[test]
    fn an_explainer_edit_is_only_that_file() {
        let c = changes(&["content/explainers/two-step.fr.md"]);
        assert_eq!(c.explainers.iter().collect::<Vec<_>>(), ["two-step.fr.md"]);
        assert!(!c.config && !c.theme && !c.locales);
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        let c = changes(&[
            "content/explainers/.two-step.md.swp",
            "content/explainers/two-step.md~",
            "content/explainers/4913",
        ]);
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn kinds_of_sources() {
        assert!(changes(&["glasshouse.yaml"]).config);
        assert!(changes(&["themes/default/templates/base.html"]).theme);
        assert!(changes(&["locales/fr-FR/site.ftl"]).locales);
        assert!(changes(&["static/images/a.png"]).static_files);
        assert!(changes(&["scripts/rates.yaml"]).config);
        assert!(changes(&["scripts"]).config);
        assert!(changes(&["target/debug/x", "public/index.html", "README.md"]).is_empty());
    }

    #[test]
    fn describe_lists_what_changed() {
        let c = changes(&["content/explainers/b.md", "locales/de-DE/site.ftl"]);
        assert_eq!(c.describe(), "locales/, content/explainers/b.md");
    }
}
