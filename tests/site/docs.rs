//! The maintainers' documents against the tree they describe: the module map
//! of `docs/ARCHITECTURE.md` names every module of `src/` and nothing else, and
//! every source path the documents mention exists.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The lines of the code block under "## Module map".
fn module_map() -> Vec<String> {
    let text = fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let section = text
        .split("## Module map")
        .nth(1)
        .expect("docs/ARCHITECTURE.md has a Module map section");
    let block = section
        .split("```")
        .nth(1)
        .expect("the map is a code block");
    block.lines().map(str::to_string).collect()
}

/// Each entry of the map (`src/x.rs`, `src/x/`) with the text that describes it.
fn map_entries() -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in module_map() {
        if line.starts_with("src/") {
            let (names, description) = line.split_at(line.find("  ").unwrap_or(line.len()));
            let mut dir = "src/".to_string();
            for name in names.split(", ") {
                let name = name.trim();
                let path = if name.starts_with("src/") {
                    name.to_string()
                } else {
                    format!("{dir}{name}")
                };
                dir = path[..path.rfind('/').unwrap() + 1].to_string();
                entries.push((path, description.to_string()));
            }
        } else if let Some(last) = entries.last_mut() {
            last.1.push(' ');
            last.1.push_str(&line);
        }
    }
    entries
}

fn is_test_file(name: &str) -> bool {
    name == "tests.rs"
}

/// The modules of `src/`: `src/x.rs` for a file, `src/x/` for a folder that
/// holds more than tests.
fn src_modules() -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    for entry in fs::read_dir(root().join("src")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.file_type().unwrap().is_dir() {
            if module_files(&entry.path()).is_empty() {
                continue;
            }
            modules.insert(format!("src/{name}/"));
        } else if name.ends_with(".rs") {
            modules.insert(format!("src/{name}"));
        }
    }
    modules
}

/// The stems of a folder's `.rs` files, sub-folders included, tests and `mod` left out.
fn module_files(dir: &Path) -> Vec<String> {
    let mut stems = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.file_type().unwrap().is_dir() {
            stems.extend(module_files(&entry.path()));
        } else if name.ends_with(".rs") && !is_test_file(&name) && name != "mod.rs" {
            stems.push(name.trim_end_matches(".rs").to_string());
        }
    }
    stems
}

#[test]
fn the_module_map_names_every_module_of_src_and_no_other() {
    let mapped: BTreeSet<String> = map_entries().into_iter().map(|(path, _)| path).collect();
    let modules = src_modules();
    let missing: Vec<_> = modules.difference(&mapped).collect();
    let stale: Vec<_> = mapped.difference(&modules).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/ARCHITECTURE.md's module map: not listed {missing:?}, not in src/ {stale:?}"
    );
}

#[test]
fn the_module_map_describes_every_file_of_each_folder() {
    for (path, description) in map_entries() {
        if !path.ends_with('/') {
            continue;
        }
        let words: BTreeSet<&str> = description
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .collect();
        for stem in module_files(&root().join(&path)) {
            assert!(
                words.contains(stem.as_str()),
                "the module map's entry for {path} does not name {stem}.rs: {description}"
            );
        }
    }
}

/// Path-like words: `x/y.rs`, `src/x/`, as the documents write them.
fn mentioned_paths(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "`(),;*".contains(c))
        .map(|w| w.trim_end_matches(['.', ']', ':']))
        .filter(|w| w.contains('/') && (w.ends_with(".rs") || w.starts_with("src/")))
        .filter(|w| !w.contains("://") && !w.contains('<'))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_source_path_the_documents_mention_exists() {
    for doc in ["README.md", "docs/ARCHITECTURE.md", "docs/performance.md"] {
        let text = fs::read_to_string(root().join(doc)).unwrap();
        for path in mentioned_paths(&text) {
            let candidates = [root().join(&path), root().join("src").join(&path)];
            assert!(
                candidates.iter().any(|p| p.exists()),
                "{doc} mentions {path}, which is not in the tree"
            );
        }
    }
}

#[test]
fn mentioned_paths_finds_the_shapes_the_documents_use() {
    let found =
        mentioned_paths("see `serve/memo.rs`, src/site/ and (pages/mod.rs). Not https://x/y.rs");
    assert_eq!(found, ["serve/memo.rs", "src/site/", "pages/mod.rs"]);
}

#[test]
fn the_readme_lists_every_diagnostic_code_in_order() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    // However the paragraph is wrapped.
    let readme = readme.replace("Diagnostic\ncodes", "Diagnostic codes");
    let list = readme
        .split("Diagnostic codes are stable:")
        .nth(1)
        .expect("the README lists the diagnostic codes")
        .split("\n\n")
        .next()
        .unwrap();
    let listed: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
    let codes: Vec<&str> = glasshouse::diagnostics::Code::ALL
        .iter()
        .map(|c| c.name())
        .collect();
    assert_eq!(listed, codes);
}
