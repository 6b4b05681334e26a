//! Exit status 2 for every usage error and I/O failure, in every subcommand: no
//! site, a bad `--root`, an unknown `--market`, a file that cannot be read, an
//! output that cannot be written. Content errors stay 1.

use crate::harness::{Run, Site};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a case does to a fresh copy of the fixture before running.
type Setup = fn(&Site);

const DENIED: &str = "Permission denied";

/// Run `glasshouse <args>` in `dir`; a command that has not ended after 20 s
/// (a preview that started when it should have failed) is killed and fails the
/// test. With `unprivileged`, file permissions apply even to root.
fn run_in(dir: &std::path::Path, args: &[&str], unprivileged: bool) -> Run {
    let bin = env!("CARGO_BIN_EXE_glasshouse");
    let mut cmd = if unprivileged && is_root(dir) {
        // setpriv (util-linux) drops the capabilities that let root read anything.
        let mut c = Command::new("setpriv");
        c.args([
            "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search",
            bin,
        ]);
        c
    } else {
        Command::new(bin)
    };
    let mut child = (cmd.args(args).current_dir(dir))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("glasshouse {args:?}: {e}"));
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("glasshouse {args:?} is still running");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run::from(child.wait_with_output().unwrap())
}

/// Whether the tests run as root, who reads every file unless it gives up its
/// capabilities.
fn is_root(dir: &std::path::Path) -> bool {
    std::fs::metadata(dir).unwrap().uid() == 0
}

/// Give every folder and file of `dir` back its rights, so that the temporary
/// folder can be removed by a user who is not root.
fn restore(dir: &std::path::Path) {
    let mode = if dir.is_dir() { 0o755 } else { 0o644 };
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode));
    if dir.is_dir() && !dir.is_symlink() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            restore(&e.path());
        }
    }
}

fn chmod(s: &Site, rel: &str, mode: u32) {
    let p = s.root.join(rel);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn expect(run: &Run, status: i32, says: &str, what: &str) {
    let all = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(run.status, status, "{what}:\n{all}");
    assert!(all.contains(says), "{what}: expected {says:?} in:\n{all}");
    assert!(!all.contains("panicked"), "{what}:\n{all}");
}

#[test]
fn outside_a_site_every_command_exits_2() {
    let empty = tempfile::tempdir().unwrap();
    let no_config = "glasshouse.yaml";
    for (args, says) in [
        (&["build"][..], no_config),
        (&["check"], no_config),
        (&["check", "--format", "json"], no_config),
        (&["serve", "--port", "0"], no_config),
        (&["l10n", "status"], no_config),
        (&["new", "privacy"], no_config),
        (
            &["l10n", "stamp", "content/explainers/alpha.fr.md"],
            "cannot read",
        ),
        (&["l10n", "stamp", "alpha.fr.md"], "not in a site's"),
    ] {
        let r = run_in(empty.path(), args, false);
        expect(&r, 2, says, &format!("{args:?} in an empty folder"));
    }
    // A folder with content but no glasshouse.yaml is no site either.
    let s = Site::fixture("basic");
    s.remove("glasshouse.yaml");
    for args in [
        &["build"][..],
        &["check"],
        &["serve", "--port", "0"],
        &["l10n", "status"],
        &["new", "privacy"],
    ] {
        let r = run_in(&s.root, args, false);
        expect(
            &r,
            2,
            no_config,
            &format!("{args:?} without glasshouse.yaml"),
        );
    }
    assert!(!s.root.join("public").exists());
}

#[test]
fn a_bad_root_or_an_unknown_market_exits_2() {
    let s = Site::fixture("basic");
    for root in ["missing", "glasshouse.yaml"] {
        for (command, says) in [
            ("build", "cannot open the site folder"),
            ("check", "cannot open the site folder"),
            ("serve", "glasshouse.yaml"),
            ("l10n status", "cannot open the site folder"),
            ("new privacy", "glasshouse.yaml"),
        ] {
            let mut args: Vec<&str> = command.split(' ').collect();
            args.extend(["--root", root]);
            let r = run_in(&s.root, &args, false);
            expect(&r, 2, says, &format!("{args:?}"));
        }
    }
    for command in ["build", "check", "serve"] {
        let args = [command, "--market", "zz"];
        let r = run_in(&s.root, &args, false);
        expect(&r, 2, "unknown market `zz`", &format!("{args:?}"));
    }
    assert!(!s.root.join("public").exists());
}

#[test]
fn a_file_that_cannot_be_read_exits_2() {
    let fr = "content/explainers/alpha.fr.md";
    let unreadable: [(&str, &[&[&str]]); 8] = [
        // `serve` keeps serving an unreadable config's error until it is fixed.
        (
            "glasshouse.yaml",
            &[&["build"], &["check"], &["l10n", "status"]],
        ),
        (
            "content/explainers/beta.md",
            &[&["build"], &["check"], &["l10n", "status"]],
        ),
        ("content/explainers/alpha.fr.md", &[&["l10n", "stamp", fr]]),
        ("content/explainers/alpha.md", &[&["l10n", "stamp", fr]]),
        ("locales/fr-FR/site.ftl", &[&["build"], &["check"]]),
        ("static/images/pic.svg", &[&["build"]]),
        (
            "content/explainers",
            &[&["build"], &["check"], &["l10n", "status"]],
        ),
        ("content", &[&["check"]]),
    ];
    for (rel, commands) in unreadable {
        for args in commands {
            let s = Site::fixture("basic");
            chmod(&s, rel, 0);
            let r = run_in(&s.root, args, true);
            restore(&s.root);
            expect(&r, 2, DENIED, &format!("{args:?} with {rel} unreadable"));
            assert!(
                !s.root.join("public").exists(),
                "{args:?}: nothing is written"
            );
        }
    }
    // A file where the explainers' folder should be is no empty folder.
    let s = Site::fixture("basic");
    std::fs::remove_dir_all(s.root.join("content/explainers")).unwrap();
    s.write("content/explainers", "a file");
    for args in [&["build"][..], &["check"], &["l10n", "status"]] {
        let r = run_in(&s.root, args, false);
        let says = "cannot list content/explainers: not a folder";
        expect(&r, 2, says, &format!("{args:?}"));
    }
}

#[test]
fn an_output_that_cannot_be_written_exits_2() {
    let cases: [(&str, Setup, &[&str], &str); 8] = [
        (
            "a file in the way",
            |s| {
                s.write("blocker", "x");
            },
            &["build", "--out", "blocker/public"],
            "Not a directory",
        ),
        (
            "a read-only folder",
            |s| {
                std::fs::create_dir(s.root.join("ro")).unwrap();
                chmod(s, "ro", 0o555);
            },
            &["build", "--out", "ro/public"],
            "Permission denied",
        ),
        (
            "the sources",
            |_| {},
            &["build", "--out", "content"],
            "inside the site's content/",
        ),
        (
            "a file",
            |_| {},
            &["init", "glasshouse.yaml"],
            "cannot write glasshouse.yaml",
        ),
        (
            "a folder that is not empty",
            |_| {},
            &["init", "content"],
            "is not empty",
        ),
        (
            "a read-only folder",
            |s| chmod(s, "content/explainers", 0o555),
            &["new", "privacy"],
            "Permission denied",
        ),
        (
            "a read-only folder",
            |s| chmod(s, "content/explainers", 0o555),
            &["l10n", "stamp", "content/explainers/alpha.fr.md"],
            "cannot write",
        ),
        (
            "a file in the way",
            |s| {
                std::fs::remove_dir_all(s.root.join("content/explainers")).unwrap();
                s.write("content/explainers", "a file");
            },
            &["new", "privacy"],
            "cannot write content/explainers",
        ),
    ];
    for (what, setup, args, says) in cases {
        let s = Site::fixture("basic");
        setup(&s);
        let r = run_in(&s.root, args, true);
        restore(&s.root);
        expect(&r, 2, says, &format!("{args:?} into {what}"));
    }
    // The preview's port is taken.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let s = Site::fixture("basic");
    let r = run_in(&s.root, &["serve", "--port", &port], false);
    expect(&r, 2, "cannot listen on", "serve on a taken port");
}

#[test]
fn content_errors_stay_1_and_an_unreadable_file_among_them_makes_2() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "for=\"control\"",
        "for=\"controle\"",
    );
    for args in [&["build"][..], &["check"], &["check", "--format", "github"]] {
        let r = run_in(&s.root, args, true);
        expect(&r, 1, "controle", &format!("{args:?} with a content error"));
    }
    chmod(&s, "content/explainers/beta.md", 0);
    for args in [&["build"][..], &["check"], &["check", "--format", "json"]] {
        let r = run_in(&s.root, args, true);
        expect(
            &r,
            2,
            "controle",
            &format!("{args:?} with an unreadable file too"),
        );
        expect(
            &r,
            2,
            DENIED,
            &format!("{args:?} with an unreadable file too"),
        );
    }
    restore(&s.root);
}

#[test]
fn stamp_exits_1_for_a_files_content_and_2_for_its_arguments() {
    let fr = "content/explainers/alpha.fr.md";
    let s = Site::fixture("basic");
    let r = s.run(&["l10n", "stamp", "content/explainers/alpha.md"]);
    expect(&r, 2, "not a translation", "stamping a source");
    let r = s.run(&["l10n", "stamp", "content/explainers/nope.fr.md"]);
    expect(&r, 2, "No such file", "stamping a file that is not there");
    s.write(fr, "no front matter\n");
    let r = s.run(&["l10n", "stamp", fr]);
    expect(
        &r,
        1,
        "no front matter to stamp",
        "stamping a file without front matter",
    );
    // Every file is tried; the worst failure gives the status.
    let r = s.run(&["l10n", "stamp", fr, "content/explainers/alpha.md"]);
    expect(&r, 2, "no front matter to stamp", "two failures");
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "title: Alpha",
        "title: [Alpha",
    );
    let r = s.run(&["l10n", "stamp", fr, "content/explainers/alpha.de.md"]);
    expect(&r, 1, "cannot read its source", "a source with errors");
}

/// A glasshouse.yaml that is there but cannot be used is the site's own
/// problem: exit 1 and a finding at its place, with every command that reads
/// the config, and no "not a site" advice.
#[test]
fn an_unusable_config_is_a_finding_at_its_place() {
    let oversized = format!("# {}\n", "x".repeat(1024 * 1024));
    let outside = tempfile::tempdir().unwrap();
    type Change<'a> = &'a dyn Fn(&Site);
    let cases: [(&str, Change, &str); 4] = [
        (
            "not UTF-8 in a value",
            &|s| {
                let mut bytes = s.source("glasshouse.yaml").into_bytes();
                bytes.extend_from_slice(b"theme: d\xe9faut\n");
                s.write_bytes("glasshouse.yaml", &bytes);
            },
            "glasshouse.yaml:19:9: error[encoding]",
        ),
        (
            "Latin-1 from the first line",
            &|s| {
                s.write_bytes("glasshouse.yaml", b"# Caf\xe9\nbase_url: x\n");
            },
            "glasshouse.yaml:1:6: error[encoding]",
        ),
        (
            "over the size limit",
            &|s| {
                s.write("glasshouse.yaml", &oversized);
            },
            "error[file-too-large]",
        ),
        (
            "a link out of the site",
            &|s| {
                let target = outside.path().join("glasshouse.yaml");
                std::fs::write(&target, s.source("glasshouse.yaml")).unwrap();
                s.remove("glasshouse.yaml");
                std::os::unix::fs::symlink(&target, s.root.join("glasshouse.yaml")).unwrap();
            },
            "error[unsafe-path]",
        ),
    ];
    for (what, change, head) in cases {
        let s = Site::fixture("basic");
        change(&s);
        for args in [&["build"][..], &["check"], &["l10n", "status"]] {
            let r = run_in(&s.root, args, false);
            expect(&r, 1, head, &format!("{args:?}, config {what}"));
            assert!(
                !r.stderr.contains("site folder"),
                "{args:?}, {what}:\n{}",
                r.stderr
            );
        }
        assert!(!s.root.join("public").exists(), "{what}");
    }
}
