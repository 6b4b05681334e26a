//! What an author's or a vendor's file can never do: add attributes to a tag,
//! cost more than its limits, print escape sequences to a terminal, or read a
//! file outside the site. Each class is tried in several shapes.

use crate::harness::{Site, fails_with};
#[cfg(unix)]
use std::os::unix::fs::symlink;
use std::time::Duration;

/// The source and a translation each get the heading `text`; `at` is the
/// expected `file:line:col` of the finding.
#[test]
fn a_heading_carries_an_id_and_nothing_else() {
    let attacks = [
        "## Where it lives {#where onclick=alert(1)}",
        "## Where it lives {.danger}",
        "## Where it lives {style=\"position:fixed;inset:0\"}",
        "## Where it lives {data-x=1 #where}",
        "## Where it lives {onmouseover='alert(1)'}",
        "## Where it lives {#where .a .b c}",
        "## Where it lives {autofocus}",
        "## Where it lives {#x\"onclick=alert(1)}",
        "## Where it lives {#has space}",
    ];
    for heading in attacks {
        // The column of the attribute block.
        let col = heading.find('{').unwrap() + 1;
        fails_with(
            |s| {
                s.edit("content/explainers/alpha.md", "## Where it lives", heading);
            },
            &format!("content/explainers/alpha.md:11:{col}: error[heading-attribute]"),
        );
        let translated = heading.replace("Where it lives", "Heading fr one");
        fails_with(
            |s| {
                s.edit(
                    "content/explainers/alpha.fr.md",
                    "## Heading fr one",
                    &translated,
                );
            },
            &format!("content/explainers/alpha.fr.md:11:{col}: error[heading-attribute]"),
        );
    }
    // `check --strict` agrees with the build.
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "## Where it lives",
        "## Where it lives {onclick=x}",
    );
    let r = s.run(&["check", "--strict"]);
    assert_eq!(r.status, 1);
    assert!(
        r.stdout.contains("error[heading-attribute]"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_valid_id_in_any_script_is_kept() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "## Where it lives",
        "## Where it lives {#où-elle_vit}",
    );
    s.edit(
        "content/explainers/alpha.ja.md",
        "## Heading ja one",
        "## 保管場所 {#保管場所}",
    );
    s.build_ok(&["--market", "us", "--market", "jp"]);
    assert!(
        s.read("us/alpha/index.html")
            .contains("<h2 id=\"où-elle_vit\">")
    );
    assert!(s.read("jp/alpha/index.html").contains("id=\"保管場所\""));
}

/// Put `body` at the start of alpha.md's body, which is line 7.
fn at_the_top(s: &Site, body: &str) {
    let text = s.source("content/explainers/alpha.md");
    let at = text.find("Intro for").unwrap();
    s.write(
        "content/explainers/alpha.md",
        &format!("{}{body}{}", &text[..at], &text[at..]),
    );
}

#[test]
fn a_page_that_would_cost_more_than_its_limits_is_refused_at_its_line() {
    let table = |rows: usize| {
        format!(
            "|{}\n|{}\n{}\n",
            "h|".repeat(1000),
            "-|".repeat(1000),
            "a\n".repeat(rows)
        )
    };
    let big = format!("big = {}\n", "x".repeat(60_000));
    let cases: Vec<(String, &str)> = vec![
        // Tables padded past the page's size: at the costliest delimiter row.
        (table(262).repeat(3), "content/explainers/alpha.md:8:1"),
        (
            format!("Text.\n\n{}", table(262).repeat(3)),
            "content/explainers/alpha.md:10:1",
        ),
        (
            format!("> Quoted.\n>\n{}", table(262).replace('\n', "\n> ")),
            "content/explainers/alpha.md:10:1",
        ),
        // More than 1,000 headings: at the first one too many.
        ("## h\n".repeat(1001), "content/explainers/alpha.md:1007:1"),
        (
            "# h\n\ntext\n\n".repeat(1001),
            "content/explainers/alpha.md:4007:1",
        ),
        // Nesting past 256: at the element that goes too deep.
        (
            format!("{}x\n", "> ".repeat(300)),
            "content/explainers/alpha.md:7:513",
        ),
        // Placeholders that insert more than 256 KiB: at the first that does not fit.
        (
            "{{ t \"big\" }}\n\n".repeat(10),
            "content/explainers/alpha.md:15:1",
        ),
        (
            "{{ t \"big\" }} ".repeat(10),
            "content/explainers/alpha.md:7:57",
        ),
    ];
    for (body, at) in cases {
        fails_with(
            |s| {
                at_the_top(s, &body);
                s.write("locales/en-US/big.ftl", &big);
            },
            &format!("{at}: error[content-limit]"),
        );
    }
}

#[test]
fn a_translation_with_padded_tables_is_refused_by_check_too() {
    let s = Site::fixture("basic");
    let table = format!(
        "|{}\n|{}\n{}\n",
        "h|".repeat(1000),
        "-|".repeat(1000),
        "a\n".repeat(262)
    );
    let text = s.source("content/explainers/alpha.fr.md");
    let at = text.find("Intro fr").unwrap();
    s.write(
        "content/explainers/alpha.fr.md",
        &format!("{}{}{}", &text[..at], table.repeat(3), &text[at..]),
    );
    let r = s.run(&["check", "--strict"]);
    assert_eq!(r.status, 1);
    assert!(
        r.stdout
            .contains("content/explainers/alpha.fr.md:8:1: error[content-limit]"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_message_file_that_would_cost_more_than_its_limits_is_refused_at_its_line() {
    let big = "x".repeat(20_000);
    let cases = [
        // Messages that can grow past 64 KiB: where each is defined.
        (
            format!("big = {big}\nfan = {}\n", "{ big }".repeat(4)),
            "locales/en-US/attack.ftl:2:1",
        ),
        (
            format!("-big = {big}\n\nfan = {{ -big }}{{ -big }}{{ -big }}{{ -big }}\n"),
            "locales/en-US/attack.ftl:3:1",
        ),
        (
            format!(
                "big = {big}\nsel = {{ $framing ->\n   *[a] {}\n}}\n",
                "{ big }".repeat(4)
            ),
            "locales/en-US/attack.ftl:2:1",
        ),
        // Placeables or calls nested past 32: where the nesting goes too deep.
        (
            format!(
                "ok = fine\ndeep = {}x{}\n",
                "{ ".repeat(10_000),
                " }".repeat(10_000)
            ),
            "locales/en-US/attack.ftl:2:72",
        ),
        (
            format!(
                "deep = {{ {}1{} }}\n",
                "F(".repeat(10_000),
                ")".repeat(10_000)
            ),
            "locales/en-US/attack.ftl:1:73",
        ),
    ];
    for (ftl, at) in cases {
        fails_with(
            |s| {
                s.write("locales/en-US/attack.ftl", &ftl);
                at_the_top(s, "{{ t \"fan\" }} {{ t \"sel\" }}\n\n");
            },
            &format!("{at}: error[content-limit]"),
        );
    }
}

#[test]
fn a_chain_of_unused_messages_costs_nothing_and_a_used_one_is_cut_short() {
    let s = Site::fixture("basic");
    let chain: String = (0..40_000)
        .map(|i| format!("m{i} = {{ m{} }}\n", i + 1))
        .collect();
    s.write("locales/en-US/chain.ftl", &chain);
    // Unused: the build succeeds (a chain formatted up front took minutes).
    s.build_ok(&["--market", "us"]);
    // Used: Fluent stops after 100 placeables, and the page says which message.
    at_the_top(&s, "{{ t \"m0\" }}\n\n");
    let r = s.build(&["--market", "us"]);
    assert_eq!(r.status, 1);
    assert!(
        r.has("content/explainers/alpha.md:7:1: error[unknown-message]"),
        "{:?}",
        r.heads()
    );
}

#[test]
fn terminal_escapes_from_vendor_files_are_shown_not_obeyed() {
    let s = Site::fixture("basic");
    // An escape sequence that clears the screen and retitles the terminal, a C1
    // control, a direction override and a bell, in a message id, a message and a
    // line of the explainer.
    let nasty = "\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{202e}";
    at_the_top(
        &s,
        &format!("{{{{ t \"x{nasty}\" }}}} {nasty} [a](nope{nasty}.md)\n\n"),
    );
    s.write(
        "locales/en-US/site.ftl",
        &format!(
            "{}\nbad = {{ $x\nnote = {nasty}\n",
            s.source("locales/en-US/site.ftl")
        ),
    );
    for args in [
        vec!["build"],
        vec!["check"],
        vec!["check", "--format", "github"],
    ] {
        let r = s.run(&args);
        assert_eq!(r.status, 1, "{args:?}");
        let out = r.stdout + &r.stderr;
        assert!(out.contains("error"), "{args:?}: {out}");
        for c in out.chars() {
            assert!(
                c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "{args:?} printed {c:?}: {out}"
            );
        }
    }
}

#[test]
fn nul_becomes_the_replacement_character() {
    let s = Site::fixture("basic");
    s.edit("content/explainers/alpha.md", "Alpha and", "Al\0pha and");
    at_the_top(&s, "Null \0 byte.\n\n");
    s.build_ok(&["--market", "us"]);
    let page = s.read("us/alpha/index.html");
    assert!(!page.contains('\0'));
    assert!(
        page.contains("Al\u{fffd}pha") && page.contains("Null \u{fffd} byte."),
        "{page}"
    );
}

#[test]
fn impossible_dates_are_errors_at_their_line() {
    for date in [
        "2026-02-30",
        "2026-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-01",
    ] {
        fails_with(
            |s| {
                s.edit(
                    "content/explainers/alpha.md",
                    "updated: 2026-11-20",
                    &format!("updated: {date}"),
                );
            },
            "content/explainers/alpha.md:5:1: error[front-matter]",
        );
    }
}

/// Run `glasshouse args` in the site, failing the test if it takes more than
/// ten seconds (a blocked read would hang it).
fn run_bounded(s: &Site, args: &[&str]) -> crate::harness::Run {
    let mut child = s
        .command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("`glasshouse {}` hung", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    crate::harness::Run::from(child.wait_with_output().unwrap())
}

#[test]
#[cfg(unix)]
fn a_pipe_named_like_a_source_is_refused_without_waiting() {
    let mkfifo = |s: &Site, rel: &str| {
        let path = s.root.join(rel);
        let _ = std::fs::remove_file(&path);
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.unwrap().success());
    };
    let s = Site::fixture("basic");
    mkfifo(&s, "glasshouse.yaml");
    for args in [&["build"][..], &["check"], &["l10n", "status"]] {
        let r = run_bounded(&s, args);
        assert_eq!(r.status, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
    }
    for rel in ["content/explainers/pipe.md", "locales/en-US/pipe.ftl"] {
        let s = Site::fixture("basic");
        mkfifo(&s, rel);
        let r = run_bounded(&s, &["build"]);
        assert_eq!(r.status, 1, "{rel}: {}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("error[unsafe-path]: {rel} is not a regular file")),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_site_that_cannot_be_read_is_an_io_failure() {
    let s = Site::fixture("basic");
    s.remove("glasshouse.yaml");
    for args in [&["build"][..], &["check"], &["l10n", "status"]] {
        let r = s.run(args);
        assert_eq!(r.status, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("glasshouse.yaml"), "{}", r.stderr);
    }
    std::fs::create_dir(s.root.join("glasshouse.yaml")).unwrap();
    assert_eq!(
        s.run(&["build"]).status,
        2,
        "a folder named like the config"
    );
    assert_eq!(s.run(&["build", "--root", "no-such-site"]).status, 2);
}

#[test]
#[cfg(unix)]
fn a_link_out_of_the_site_is_refused_wherever_it_is() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret");
    std::fs::create_dir_all(secret.join("en-US")).unwrap();
    std::fs::write(
        secret.join("secret.md"),
        "---\ntitle: SECRET\nsummary: s\n---\nSECRET\n",
    )
    .unwrap();
    std::fs::write(secret.join("en-US/site.ftl"), "-brand = SECRET\n").unwrap();
    std::fs::write(secret.join("style.css"), "SECRET").unwrap();
    let cases: [(&str, std::path::PathBuf, &str); 5] = [
        (
            "locales/en-US/leak.ftl",
            secret.join("en-US/site.ftl"),
            "locales/en-US/leak.ftl",
        ),
        (
            "themes/default/static/leak.css",
            secret.join("style.css"),
            "themes/default/static/leak.css",
        ),
        (
            "content/explainers",
            secret.clone(),
            "content/explainers/secret.md",
        ),
        ("locales", secret.clone(), "locales/"),
        ("static/shared", secret.clone(), "static/shared"),
    ];
    for (at, target, named) in cases {
        let s = Site::fixture("basic");
        crate::harness::copy_theme(&s);
        let path = s.root.join(at);
        if path.is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        }
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(&target, &path).unwrap();
        let r = s.build(&[]);
        assert_ne!(r.status, 0, "{at}");
        assert!(
            r.stderr.contains("error[unsafe-path]"),
            "{at}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(named), "{at}: {}", r.stderr);
        assert!(
            !r.stderr.contains("SECRET") && !s.root.join("public").exists(),
            "{at}"
        );
    }
}

#[test]
#[cfg(unix)]
fn stamping_never_writes_through_a_link() {
    let s = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.md");
    let original = "---\ntitle: Victim\nsummary: s\n---\nKEEP\n";
    std::fs::write(&victim, original).unwrap();
    s.remove("content/explainers/alpha.fr.md");
    symlink(&victim, s.root.join("content/explainers/alpha.fr.md")).unwrap();
    // To a file inside the site, too: stamping replaces files, it never follows.
    symlink(
        "alpha.de.md",
        s.root.join("content/explainers/alpha.es-MX.md"),
    )
    .unwrap();
    let before = s.source("content/explainers/alpha.de.md");
    for file in [
        "content/explainers/alpha.fr.md",
        "content/explainers/alpha.es-MX.md",
    ] {
        let r = s.run(&["l10n", "stamp", file]);
        assert_eq!(r.status, 1, "{file}");
        assert!(r.stderr.contains("is a link"), "{}", r.stderr);
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), original);
    assert_eq!(s.source("content/explainers/alpha.de.md"), before);
    // A source that leads out of the site is not read either.
    s.remove("content/explainers/alpha.md");
    symlink(&victim, s.root.join("content/explainers/alpha.md")).unwrap();
    let r = s.run(&["l10n", "stamp", "content/explainers/alpha.ja.md"]);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("cannot read its source"), "{}", r.stderr);
    assert!(
        !s.source("content/explainers/alpha.ja.md")
            .contains("source_hash")
    );
}

#[test]
#[cfg(unix)]
fn new_never_writes_through_a_link() {
    let s = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    // A link that leads nowhere yet, and one to a file that exists.
    let target = outside.path().join("planted.md");
    symlink(&target, s.root.join("content/explainers/planted.md")).unwrap();
    let existing = outside.path().join("existing.md");
    std::fs::write(&existing, "KEEP").unwrap();
    symlink(&existing, s.root.join("content/explainers/existing.md")).unwrap();
    for slug in ["planted", "existing"] {
        let r = s.run(&["new", slug]);
        assert_eq!(r.status, 2, "{slug}: {}", r.stderr);
        assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    }
    assert!(!target.exists());
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "KEEP");
    // The explainers' folder itself led out of the site.
    let s = Site::fixture("basic");
    std::fs::remove_dir_all(s.root.join("content/explainers")).unwrap();
    symlink(outside.path(), s.root.join("content/explainers")).unwrap();
    let r = s.run(&["new", "fresh"]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(!outside.path().join("fresh.md").exists());
}
