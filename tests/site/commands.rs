//! `init` and `new`.

use crate::harness::Site;
use std::process::Command;

#[test]
fn init_scaffolds_a_site_that_builds_with_the_embedded_theme() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let bin = env!("CARGO_BIN_EXE_glasshouse");
    let st = Command::new(bin)
        .args(["init"])
        .arg(&site)
        .status()
        .unwrap();
    assert!(st.success());
    assert!(site.join("glasshouse.yaml").is_file());
    assert!(
        site.join("content/explainers/two-step-verification.md")
            .is_file()
    );
    // Remove the theme copy: the embedded one must be used.
    std::fs::remove_dir_all(site.join("themes")).unwrap();
    let out = Command::new(bin)
        .args(["build", "--root"])
        .arg(&site)
        .arg("--out")
        .arg(site.join("public"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        site.join("public/us/two-step-verification/index.html")
            .is_file()
    );
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(
        ignored.lines().any(|l| l == "/.public.prev")
            && ignored.lines().any(|l| l == "/.public.staging")
            && ignored.lines().any(|l| l == "/.public.lock"),
        "the kept output is not committed: {ignored}"
    );
    // init refuses a folder that is not empty
    assert_eq!(
        Command::new(bin)
            .args(["init"])
            .arg(&site)
            .status()
            .unwrap()
            .code(),
        Some(2)
    );
}

#[test]
fn new_creates_a_draft_explainer_that_builds() {
    let s = Site::fixture("basic");
    let r = s.run(&["new", "privacy-checkup"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let text = s.source("content/explainers/privacy-checkup.md");
    assert!(text.starts_with("---\ntitle: Privacy checkup\n"));
    s.build_ok(&["--drafts"]);
    assert!(s.exists("us/privacy-checkup/index.html"));
    assert_eq!(
        s.run(&["new", "privacy-checkup"]).status,
        2,
        "refuses to overwrite"
    );
    assert_eq!(s.run(&["new", "Bad.Slug"]).status, 2);
}

/// `glasshouse build 2>&1 | head -1`: once the reader has gone, what the build
/// prints is dropped, and the build goes on to the end and succeeds; it does not
/// panic halfway with its output left in the staging folder.
#[test]
fn a_closed_pipe_does_not_stop_a_build() {
    let s = Site::fixture("basic");
    let (reader, writer) = std::io::pipe().unwrap();
    // Closed before the build starts: every line it prints meets a closed pipe.
    drop(reader);
    let status = s
        .command(&["build"])
        // Phase timings print between the steps of the build.
        .env("GLASSHOUSE_PROFILE", "1")
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(s.out("us/index.html").is_file());
    assert!(!s.root.join(".public.staging").exists());
    // A failing command ends with its own status, not a panic's.
    std::fs::write(
        s.root.join("content/explainers/broken.md"),
        "---\ntitle: [\n---\n",
    )
    .unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = s
        .command(&["check"])
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}
