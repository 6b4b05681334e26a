//! Embeds the default theme and the example site in the binary, so that a site
//! without `themes/default/` builds, and `glasshouse init DIR` works anywhere.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = String::new();
    out.push_str("/// Files of `themes/default/`, relative to it.\npub static THEME_FILES: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in files(&root.join("themes/default")) {
        writeln!(out, "    ({rel:?}, include_bytes!({abs:?})),").unwrap();
    }
    out.push_str("];\n\n/// The example site: config, content, locales and static files, relative to the site root.\npub static EXAMPLE_FILES: &[(&str, &[u8])] = &[\n");
    let mut example = Vec::new();
    for top in ["glasshouse.yaml", "content", "locales", "static"] {
        let p = root.join(top);
        if p.is_file() {
            example.push((top.to_string(), p.display().to_string()));
        } else {
            example.extend(
                files(&p)
                    .into_iter()
                    .map(|(rel, abs)| (format!("{top}/{rel}"), abs)),
            );
        }
    }
    for (rel, abs) in example {
        writeln!(out, "    ({rel:?}, include_bytes!({abs:?})),").unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(dest, out).unwrap();
    for watched in ["themes", "content", "locales", "static", "glasshouse.yaml"] {
        println!("cargo:rerun-if-changed={watched}");
    }
}

/// Files under `dir`, sorted, as (path relative to `dir` with `/`, absolute path).
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (rel, e.path().display().to_string())
        })
        .collect();
    v.sort();
    v
}
