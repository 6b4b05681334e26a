//! The authoring loop without surprises: where `--root` builds, what the
//! summary says next, and drafts that are seen rather than silently dropped.

use crate::harness::Site;
use crate::serve::Server;
use std::process::Command;

fn glasshouse(cwd: &std::path::Path, args: &[&str]) -> crate::harness::Run {
    let out = Command::new(env!("CARGO_BIN_EXE_glasshouse"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    out.into()
}

#[test]
fn init_then_build_with_root_writes_inside_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let init = glasshouse(dir.path(), &["init", "my-site"]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    let lines: Vec<&str> = init.stdout.lines().collect();
    assert!(
        lines[0].starts_with("created a site in my-site ("),
        "{lines:?}"
    );
    assert_eq!(lines[1], "preview it with: glasshouse serve --root my-site");
    assert_eq!(
        lines[2],
        "build it with:   glasshouse build --root my-site (into my-site/public)"
    );
    // The hint, run as printed from the folder init ran in.
    let build = glasshouse(dir.path(), &["build", "--root", "my-site"]);
    assert_eq!(build.status, 0, "{}", build.stderr);
    assert!(
        build.stdout.contains(" into my-site/public"),
        "{}",
        build.stdout
    );
    assert!(dir.path().join("my-site/public/us/index.html").is_file());
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["my-site"], "nothing is written outside the site");
    // An explicit relative --out is under the root too; an absolute one is kept.
    let dist = glasshouse(
        dir.path(),
        &[
            "build", "--root", "my-site", "--out", "dist/us", "--market", "us",
        ],
    );
    assert_eq!(dist.status, 0, "{}", dist.stderr);
    assert!(dir.path().join("my-site/dist/us/us/index.html").is_file());
    let abs = dir.path().join("elsewhere");
    let abs_arg = abs.to_str().unwrap();
    let r = glasshouse(
        dir.path(),
        &[
            "build", "--root", "my-site", "--out", abs_arg, "--market", "us",
        ],
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(abs.join("us/index.html").is_file());
    // What the build keeps beside its output is ignored by the site's git.
    let ignored = std::fs::read_to_string(dir.path().join("my-site/.gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "/public"), "{ignored}");
}

#[test]
fn the_summary_says_how_to_look_at_the_site() {
    let s = Site::fixture("basic");
    let r = s.build_ok(&[]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert_eq!(lines[1], "preview the site with: glasshouse serve");
}

#[test]
fn drafts_left_out_are_counted_and_new_says_it_makes_one() {
    let s = Site::fixture("basic");
    let new = s.run(&["new", "privacy-checkup"]);
    assert_eq!(
        new.stdout,
        "created content/explainers/privacy-checkup.md, a draft (`draft: true`)\n\
         `glasshouse serve` shows it with a draft banner; `glasshouse build` leaves it out until you delete that line\n"
    );
    let r = s.build_ok(&[]);
    assert!(
        r.stdout.contains(
            "\n1 draft (`draft: true`) is left out: add --drafts to build them, or preview them with `glasshouse serve`\n"
        ),
        "{}",
        r.stdout
    );
    assert!(!s.exists("us/privacy-checkup/index.html"));
    s.run(&["new", "second-draft"]);
    let r = s.build_ok(&[]);
    assert!(
        r.stdout
            .contains("\n2 drafts (`draft: true`) are left out: "),
        "{}",
        r.stdout
    );
    // Built with --drafts, a draft carries its banner; a published page does not.
    let r = s.build_ok(&["--drafts"]);
    assert!(!r.stdout.contains("left out"), "{}", r.stdout);
    assert!(
        s.read("us/privacy-checkup/index.html")
            .contains("notice-draft")
    );
    assert!(!s.read("us/alpha/index.html").contains("notice-draft"));
}

#[test]
fn the_preview_shows_a_page_turned_into_a_draft_with_a_banner() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    assert!(!server.page("/us/alpha/").contains("notice-draft"));
    s.edit(
        "content/explainers/alpha.md",
        "order: 1\n",
        "order: 1\ndraft: true\n",
    );
    server.wait_for("the draft banner", |sv| {
        sv.page("/us/alpha/").contains("notice-draft")
    });
    let page = server.page("/us/alpha/");
    assert!(
        page.contains("Draft: this page is not published."),
        "{page}"
    );
    assert!(
        page.contains("US-TRANSPARENCY block."),
        "the page is still there"
    );
    let fr = server.page("/fr/alpha/");
    assert!(
        fr.contains("Brouillon\u{a0}: cette page n’est pas publiée."),
        "{fr}"
    );
}

#[test]
fn serve_prints_only_what_changed_since_the_last_rebuild() {
    use std::io::{BufRead, BufReader};
    let s = Site::fixture("basic");
    let mut child = s
        .command(&["serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The watcher is on once serve says where it serves.
    let stdout = child.stdout.take().unwrap();
    let (serving_tx, serving) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("serving ") {
                let _ = serving_tx.send(());
            }
        }
    });
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    // Everything printed up to a `rebuilt` line.
    let until_rebuilt = || -> Vec<String> {
        let mut lines = Vec::new();
        loop {
            let line = rx
                .recv_timeout(std::time::Duration::from_secs(20))
                .expect("serve prints");
            let done = line.starts_with("rebuilt ");
            lines.push(line);
            if done {
                return lines;
            }
        }
    };
    let first = until_rebuilt();
    let warning = "content/explainers/beta.md:2:1: warning[missing-translation]";
    assert!(first.iter().any(|l| l.starts_with(warning)), "{first:?}");
    assert!(
        first.last().unwrap().contains("(initial build): "),
        "{first:?}"
    );
    serving
        .recv_timeout(std::time::Duration::from_secs(20))
        .unwrap();
    s.edit(
        "content/explainers/alpha.md",
        "US-TRANSPARENCY block.",
        "US-EDITED block.",
    );
    let second = until_rebuilt();
    assert_eq!(second.len(), 1, "only the rebuilt line: {second:?}");
    assert!(second[0].ends_with("unchanged, not repeated"), "{second:?}");
    s.edit(
        "content/explainers/alpha.md",
        "CONTROL block.\n:::\n",
        "CONTROL block.\n",
    );
    let third = until_rebuilt();
    assert!(
        third.iter().any(|l| l.contains("error[directive]")),
        "{third:?}"
    );
    assert!(!third.iter().any(|l| l.starts_with(warning)), "{third:?}");
    assert!(
        third.last().unwrap().contains(": 1 new error; "),
        "{third:?}"
    );
    s.edit(
        "content/explainers/alpha.md",
        "CONTROL block.\n",
        "CONTROL block.\n:::\n",
    );
    let fourth = until_rebuilt();
    assert!(fourth.last().unwrap().contains(": 1 fixed; "), "{fourth:?}");
    let _ = child.kill();
    let _ = child.wait();
}
