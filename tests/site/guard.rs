//! What `build` never touches: the site's sources, a folder it did not make, a
//! file given as `--out`; and what it never loses: a generated file replaced by
//! a static one, or a whole site to two builds at once.

use crate::harness::{Run, Site, fails_with, tree};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Every file of the site except its output and what a build keeps beside it.
fn sources(s: &Site) -> Vec<(String, Vec<u8>)> {
    tree(&s.root)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("public") && !path.starts_with(".public"))
        .collect()
}

#[test]
fn no_spelling_of_out_reaches_the_sources_or_the_site() {
    let s = Site::fixture("basic");
    std::fs::create_dir_all(s.root.join("sub")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(s.root.join("content"), s.root.join("linked")).unwrap();
    let before = sources(&s);
    let outs = [
        "public/../content",
        "x/../locales",
        "x/y/../../themes/default",
        "./static",
        "content/explainers/public",
        "glasshouse.yaml",
        "linked",
        "linked/public",
        "sub/../content",
        ".",
        "..",
        "public/..",
        "../site",
    ];
    for out in outs {
        // Twice: the first build would hide the sources, the second recycle them.
        for _ in 0..2 {
            let r = s.build(&["--out", out]);
            assert_eq!(r.status, 2, "--out {out}: {}", r.stderr);
            assert!(r.stderr.contains(&format!("--out {out}")), "{}", r.stderr);
            assert!(!r.stderr.contains("panicked"));
        }
        assert_eq!(sources(&s), before, "--out {out} changed the sources");
    }
    // From a folder of the site, with `--root ..`, `--out ../site` (resolved
    // against the root) is the site.
    let r = Run::from(
        s.command(&["build", "--root", "..", "--out", "../site"])
            .current_dir(s.root.join("sub"))
            .output()
            .unwrap(),
    );
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert_eq!(sources(&s), before);
}

#[test]
fn a_folder_or_file_glasshouse_did_not_make_is_left_alone() {
    let s = Site::fixture("basic");
    s.write("notes/todo.txt", "my notes");
    s.write("notes/deep/more.txt", "more notes");
    s.write("report.pdf", "a file");
    for out in ["notes", "report.pdf", "notes/deep/.."] {
        for _ in 0..2 {
            let r = s.build(&["--out", out]);
            assert_eq!(r.status, 2, "--out {out}: {}", r.stderr);
        }
    }
    assert_eq!(s.source("notes/todo.txt"), "my notes");
    assert_eq!(s.source("notes/deep/more.txt"), "more notes");
    assert_eq!(s.source("report.pdf"), "a file");
    let r = s.build(&["--out", "notes"]);
    assert!(
        r.stderr
            .contains("holds files that glasshouse did not make"),
        "{}",
        r.stderr
    );
    let r = s.build(&["--out", "report.pdf"]);
    assert!(r.stderr.contains("is a file, not a folder"), "{}", r.stderr);
    // An empty folder is taken, and so, from then on, is the output it became.
    std::fs::create_dir_all(s.root.join("empty")).unwrap();
    s.build_ok(&["--out", "empty"]);
    assert!(s.root.join("empty/.glasshouse.json").is_file());
    s.build_ok(&["--out", "empty"]);
    s.build_ok(&["--out", "empty"]);
    assert!(s.root.join("empty/us/alpha/index.html").is_file());
}

#[test]
fn an_output_made_by_an_earlier_version_is_taken_over() {
    let s = Site::fixture("basic");
    s.write("public/us/index.html", "an old build");
    s.write(".public.manifest", "");
    s.build_ok(&[]);
    assert!(s.read("us/index.html").contains("<html"));
}

#[test]
fn builds_at_once_take_turns_and_leave_a_whole_site() {
    let s = Site::fixture("basic");
    let clean = Site::fixture("basic");
    clean.build_ok(&[]);
    for round in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                s.command(&["build"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {err}");
        }
        assert_eq!(s.snapshot(), clean.snapshot(), "round {round}");
        assert!(!s.root.join(".public.lock").exists());
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_build_waits_for_the_lock_and_a_killed_holder_releases_it() {
    let s = Site::fixture("basic");
    // Another process holds the output's lock (util-linux's flock).
    let mut holder = std::process::Command::new("flock")
        .arg("--no-fork")
        .arg(s.root.join(".public.lock"))
        .args(["sleep", "60"])
        .spawn()
        .expect("flock (util-linux) runs");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.root.join(".public.lock").exists() {
        assert!(Instant::now() < deadline, "flock took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut build = s
        .command(&["build"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(build.try_wait().unwrap().is_none(), "the build waits");
    assert!(!s.root.join("public").exists());
    // Killed, the holder releases the lock with its process.
    holder.kill().unwrap();
    holder.wait().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while build.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the build went on");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = build.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("waiting for another build of public"), "{err}");
    assert!(s.read("us/alpha/index.html").contains("<html"));
}

/// Build a fresh copy of the fixture after `change`: it fails with an
/// `output-conflict` error and writes nothing.
fn conflict(change: impl Fn(&Site)) -> Run {
    let s = Site::fixture("basic");
    change(&s);
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(
        r.heads()
            .iter()
            .any(|h| h.ends_with("error[output-conflict]")),
        "{:?}",
        r.heads()
    );
    assert!(!s.root.join("public").exists(), "nothing is written");
    r
}

#[test]
fn a_static_file_never_replaces_a_generated_one_silently() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let css = std::fs::read_dir(s.out("static"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".css"))
        .unwrap();
    for (path, generated) in [
        ("us/index.html", "the home of market `us`"),
        (
            "uk/alpha/index.html",
            "the page of content/explainers/alpha.md in market `uk`",
        ),
        ("sitemap.xml", "the site's sitemap.xml"),
        ("robots.txt", "the site's robots.txt"),
        ("index.html", "the site's market chooser"),
        ("404.html", "the site's 404.html"),
        (
            "fr/scripts/alpha.vtt",
            "the creator script of content/explainers/alpha.fr.md",
        ),
        (&format!("static/{css}"), "the theme's static/style.css"),
    ] {
        let r = conflict(|s| {
            s.write(&format!("static/{path}"), "replaced");
        });
        let expected = format!("both write `{path}`");
        assert!(
            r.stderr.contains(&expected)
                && r.stderr.contains(generated)
                && r.stderr.contains(&format!("static/{path}")),
            "{path}: {}",
            r.stderr
        );
    }
    // A file where the build needs a folder.
    let r = conflict(|s| {
        s.write("static/us", "a file named like a market");
    });
    assert!(
        r.stderr.contains("the file `us` stands where"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_slug_or_market_path_that_would_lose_pages_is_an_error() {
    // An explainer named like the scripts folder.
    let r = fails_with(
        |s| {
            s.write(
                "content/explainers/scripts.md",
                "---\ntitle: S\nsummary: s\n---\nBody\n",
            );
        },
        "content/explainers/scripts.md:1:1: error[output-conflict]",
    );
    assert!(
        r.stderr.contains("creator scripts index of market"),
        "{}",
        r.stderr
    );
    // Market paths on a root file, under one, and on another market's page.
    for (path, names) in [
        ("robots.txt", "the site's robots.txt"),
        ("sitemap.xml/x", "the site's sitemap.xml"),
        ("us/alpha", "in market `us`"),
    ] {
        let r = conflict(|s| {
            s.edit(
                "glasshouse.yaml",
                "framing: accountability }",
                &format!("framing: accountability, path: {path} }}"),
            );
        });
        assert!(r.stderr.contains(names), "{path}: {}", r.stderr);
    }
    // An empty path would put a market's home on the chooser.
    for path in ["\"\"", "/", "//"] {
        fails_with(
            |s| {
                s.edit(
                    "glasshouse.yaml",
                    "framing: accountability }",
                    &format!("framing: accountability, path: {path} }}"),
                );
            },
            "glasshouse.yaml:16:66: error[config]",
        );
    }
}
