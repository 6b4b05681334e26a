//! Untrusted content and faults: hostile vendor files, links out of the site,
//! huge and deep inputs, binary files, thousands of files, a build killed midway,
//! a full disk, an output that cannot be written.

use crate::harness::{Run, Site, tree};
use std::os::unix::fs::symlink;

#[test]
fn hostile_vectors_never_reach_the_page_as_markup() {
    let s = Site::fixture("basic");
    let vectors = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=javascript:alert(1)></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "\"><script>alert(1)</script>",
        "';alert(1);//",
    ];
    let body: String = vectors.iter().map(|v| format!("{v}\n\n")).collect();
    let links = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java\tscript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) [e](vbscript:x)\n\n![i](javascript:alert(1))\n";
    s.write(
        "content/explainers/beta.md",
        &format!("---\ntitle: \"T <script>alert(1)</script> \\\" onmouseover=alert(1)\"\nsummary: \"S </title><script>alert(1)</script>\"\norder: 2\n---\n{body}{{{{ t \"evil\" }}}}\n"),
    );
    s.write("locales/en-US/site.ftl", "-brand = <b onclick=alert(1)>Testbrand</b>\n-law = law\nclosing = close\nevil = <script>alert(2)</script><img src=x onerror=alert(2)>\n");
    let r = s.build(&["--market", "us"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let page = s.read("us/beta/index.html").to_string() + &s.read("us/index.html");
    check_inert(&page);
    // Scheme links are errors in content, so try them on their own.
    s.edit("content/explainers/beta.md", "';alert(1);//", links);
    let r = s.build(&["--market", "us"]);
    assert_eq!(r.status, 1, "unsafe links are errors");
    // Five: `java\tscript:` is not a link at all (a tab ends a destination), so it
    // stays text.
    assert_eq!(
        r.heads()
            .iter()
            .filter(|h| h.contains("error[unsafe-url]"))
            .count(),
        5,
        "{:?}",
        r.heads()
    );
}

#[test]
fn allowed_raw_html_is_sanitized_against_the_same_vectors() {
    let s = Site::fixture("basic");
    s.edit(
        "glasshouse.yaml",
        "markets:",
        "allow_raw_html: true\nmarkets:",
    );
    s.edit(
        "content/explainers/beta.md",
        "Beta body.",
        "<b>kept</b> <script>alert(1)</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a> <iframe src=\"https://evil.example\"></iframe> <div style=\"background:url(https://evil.example)\">s</div> <svg><script>alert(1)</script></svg> Beta body.",
    );
    s.build_ok(&["--market", "us"]);
    let page = s.read("us/beta/index.html");
    assert!(page.contains("<b>kept</b>"), "{page}");
    check_inert(&page);
    assert!(
        !page.contains("<iframe") && !page.contains("style=\"background"),
        "{page}"
    );
}

/// No script element, event handler attribute or script URL in any tag of the
/// page (the theme itself ships no scripts). Escaped text is inert and allowed,
/// in an element or in a quoted attribute value (templates escape `"`).
fn check_inert(page: &str) {
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script"), "a <script> element: {page}");
    let in_tag = |i: usize| {
        let Some(tag_start) = lower[..i].rfind('<') else {
            return false;
        };
        let in_value = lower[tag_start..i].matches('"').count() % 2 == 1;
        lower[..i].rfind('>') < Some(tag_start) && !in_value
    };
    for pattern in [
        "onerror=",
        "onload=",
        "onclick=",
        "onmouseover=",
        "href=\"javascript:",
        "src=\"javascript:",
        "href=\"data:",
        "src=\"data:",
    ] {
        for (i, _) in lower.match_indices(pattern) {
            assert!(
                !in_tag(i),
                "{pattern} inside a tag: {}",
                &page[i.saturating_sub(80)..(i + 40).min(page.len())]
            );
        }
    }
}

#[test]
fn a_link_out_of_the_site_is_refused() {
    let s = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret\nsummary: s\n---\nSECRET\n",
    )
    .unwrap();
    symlink(
        outside.path().join("secret.md"),
        s.root.join("content/explainers/secret.md"),
    )
    .unwrap();
    std::fs::write(outside.path().join("x.png"), b"png").unwrap();
    symlink(
        outside.path().join("x.png"),
        s.root.join("static/images/x.png"),
    )
    .unwrap();
    let r = s.build(&[]);
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains(
            "error[unsafe-path]: content/explainers/secret.md is a link to something outside the site"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "error[unsafe-path]: static/images/x.png is a link to something outside the site"
        ),
        "{}",
        r.stderr
    );
    assert!(!s.root.join("public").exists());
}

#[test]
fn a_link_inside_the_site_is_followed_and_a_link_loop_is_harmless() {
    let s = Site::fixture("basic");
    symlink(
        s.root.join("static/images/pic.svg"),
        s.root.join("static/images/same.svg"),
    )
    .unwrap();
    symlink(".", s.root.join("content/explainers/loop")).unwrap();
    symlink(s.root.join("static"), s.root.join("static/images/up")).unwrap();
    let r = s.build(&[]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(s.exists("images/same.svg"));
}

#[test]
fn a_huge_file_is_a_clear_error() {
    let s = Site::fixture("basic");
    let (_, without) = build_with_peak_memory(&s);
    let big = format!(
        "---\ntitle: Big\nsummary: s\n---\n{}",
        "word ".repeat(8 * 1024 * 1024)
    );
    s.write("content/explainers/big.md", &big);
    let (r, peak_mb) = build_with_peak_memory(&s);
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("error[file-too-large]: content/explainers/big.md: the file is 40.0 MiB; the limit is 1 MiB"), "{}", r.stderr);
    // The file is never read whole: the build takes far less than its size
    // more memory than the same site without it.
    assert!(
        peak_mb < without + 20,
        "peak resident memory {peak_mb} MB, {without} MB without the file"
    );
}

/// `glasshouse build` in the site, and its peak resident memory in MB, read from
/// `/proc/<pid>/status` (VmHWM, the high-water mark) until it exits.
fn build_with_peak_memory(s: &Site) -> (Run, u64) {
    let mut child = s
        .command(&["build"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    while child.try_wait().unwrap().is_none() {
        let hwm = std::fs::read_to_string(&status).ok().and_then(|t| {
            let line = t.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
        peak_kb = peak_kb.max(hwm.unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(peak_kb > 0, "the build ran too briefly to be measured");
    (Run::from(child.wait_with_output().unwrap()), peak_kb / 1024)
}

#[test]
fn deeply_nested_markdown_builds_up_to_the_limit_and_is_refused_past_it() {
    let s = Site::fixture("basic");
    let page = |body: &str| format!("---\ntitle: Deep\nsummary: s\n---\n{body}");
    // Pathological inline runs and nesting within the limit build.
    let within = "> ".repeat(100)
        + "deep\n\n"
        + &(0..100)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect::<String>()
        + &"*".repeat(40_000)
        + "x\n"
        + &"[".repeat(40_000)
        + "\n";
    s.write("content/explainers/deep.md", &page(&within));
    let r = s.build(&["--market", "us"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(s.read("us/deep/index.html").contains("deep"));
    // Past it, in quotes, in lists and in both, the error names the line.
    for (body, line) in [
        (
            "Intro.\n\n".to_string() + &"> ".repeat(10_000) + "deep\n",
            7,
        ),
        (
            (0..300)
                .map(|i| format!("{}- item\n", "  ".repeat(i)))
                .collect(),
            5 + 128,
        ),
        ("> - ".repeat(5_000) + "x\n", 5),
    ] {
        s.write("content/explainers/deep.md", &page(&body));
        let r = s.build(&["--market", "us"]);
        assert_eq!(r.status, 1, "{}", r.stderr);
        let head = format!("content/explainers/deep.md:{line}");
        assert!(
            r.heads()
                .iter()
                .any(|h| h.starts_with(&head) && h.ends_with("error[content-limit]")),
            "{:?}",
            r.heads()
        );
    }
}

#[test]
fn an_output_that_cannot_be_written_is_a_clear_error() {
    let s = Site::fixture("basic");
    s.write("blocker", "a file where a folder should be");
    let r = s.build(&["--out", "blocker/public"]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: --out blocker/public: Not a directory"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"));
    // Once the way is clear, the build gives the bytes of a clean one.
    s.remove("blocker");
    s.build_ok(&["--out", "blocker/public"]);
    let clean = Site::fixture("basic");
    clean.build_ok(&[]);
    assert_eq!(tree(&s.root.join("blocker/public")), clean.snapshot());
}

#[test]
fn a_build_killed_midway_leaves_a_whole_site_and_a_rebuild_matches_a_clean_one() {
    let s = Site::fixture("basic");
    // Enough pages that the build is still writing when it is killed.
    for i in 0..400 {
        s.write(
            &format!("content/explainers/extra-{i:03}.md"),
            &format!(
                "---\ntitle: Extra {i}\nsummary: s\nmarkets: [us, uk]\n---\n{}\n",
                "Some words here. ".repeat(400)
            ),
        );
    }
    s.build_ok(&[]);
    let before = s.snapshot();
    s.edit(
        "content/explainers/beta.md",
        "Beta body.",
        "Beta body, changed.",
    );
    // What the changed site builds to, from scratch.
    let clean = Site::fixture("basic");
    for i in 0..400 {
        clean.write(
            &format!("content/explainers/extra-{i:03}.md"),
            &s.source(&format!("content/explainers/extra-{i:03}.md")),
        );
    }
    clean.edit(
        "content/explainers/beta.md",
        "Beta body.",
        "Beta body, changed.",
    );
    clean.build_ok(&[]);
    let after = clean.snapshot();
    let mut killed_midway = 0;
    for delay_ms in [5, 40, 120] {
        let mut child = s
            .command(&["build"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
        if !finished {
            killed_midway += 1;
            // Killed before the swap: the previous output; after it (while the
            // manifest is written): the new one, complete. Never a mix.
            let now = s.snapshot();
            assert!(
                now == before || now == after,
                "killed after {delay_ms} ms: the output is the previous or the new site"
            );
        }
    }
    assert!(killed_midway > 0, "no build was still running when killed");
    s.build_ok(&[]);
    assert_eq!(
        s.snapshot(),
        after,
        "a rebuild after kills gives the bytes of a clean build"
    );
}

#[test]
fn binary_files_in_content_are_errors_or_warnings_never_crashes() {
    let s = Site::fixture("basic");
    // A picture dropped among the explainers, and one saved with an `.md` name.
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
        .iter()
        .copied()
        .chain((0..=255u8).cycle().take(4096))
        .collect();
    s.write_bytes("content/explainers/diagram.png", &png);
    s.write_bytes("content/explainers/photo.md", &png);
    s.write_bytes(
        "content/explainers/nul.md",
        b"---\ntitle: a\0b\nsummary: s\n---\n\0\0\0",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "warning[ignored-file]: content/explainers/diagram.png is not an explainer and is ignored"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.has("content/explainers/photo.md:1:1: error[encoding]"),
        "{:?}",
        r.heads()
    );
    assert!(
        r.stderr.contains("content/explainers/nul.md:"),
        "{}",
        r.stderr
    );
    assert!(!s.root.join("public").exists(), "nothing is written");

    s.remove("content/explainers/photo.md")
        .remove("content/explainers/nul.md");
    let r = s.build_ok(&[]);
    assert!(r.stderr.contains("warning[ignored-file]"), "{}", r.stderr);
}

#[test]
fn thousands_of_explainers_build() {
    let s = Site::fixture("basic");
    for i in 0..3000 {
        s.write_bytes(
            &format!("content/explainers/many-{i:04}.md"),
            format!("---\ntitle: Many {i}\nsummary: s\nmarkets: [us]\n---\nBody {i}.\n").as_bytes(),
        );
    }
    let r = s.build_ok(&["--market", "us"]);
    assert!(r.stdout.starts_with("built 1 market, "), "{}", r.stdout);
    assert!(s.read("us/many-2999/index.html").contains("Body 2999."));
    let home = s.read("us/index.html");
    assert!(home.contains("Many 0") && home.contains("Many 2999"));
}

/// Run `script` with `sh` in a private mount namespace, where it may mount a small
/// tmpfs without root (`unshare`, util-linux).
fn in_mount_namespace(script: &str, env: &[(&str, &std::path::Path)]) -> std::process::Output {
    let mut cmd = std::process::Command::new("unshare");
    cmd.args(["--user", "--map-root-user", "--mount", "sh", "-c", script]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("unshare (util-linux) runs")
}

#[test]
fn a_full_disk_is_a_clear_error_and_a_rebuild_with_room_matches_a_clean_one() {
    let s = Site::fixture("basic");
    let work = tempfile::tempdir().unwrap();
    let disk = work.path().join("disk");
    let keep = work.path().join("keep");
    std::fs::create_dir_all(&disk).unwrap();
    std::fs::create_dir_all(&keep).unwrap();
    // A 0.9 MB explainer: its pages for us and uk do not fit beside the first
    // build (its pages, share cards and their cache: 1.5 MB of the 3).
    let bulky = format!(
        "---\ntitle: Bulky\nsummary: s\nmarkets: [us, uk]\n---\n{}",
        "A long paragraph that fills the disk. ".repeat(25_000)
    );
    std::fs::write(keep.join("bulky.md"), bulky).unwrap();
    let script = r#"
        set -u
        mount -t tmpfs -o size=3m tmpfs "$DISK" || exit 90
        "$BIN" build --root "$SITE" --out "$DISK/public" 2>"$KEEP/first.err" || exit 91
        cp -r "$DISK/public" "$KEEP/before"
        cp "$KEEP/bulky.md" "$SITE/content/explainers/bulky.md"
        "$BIN" build --root "$SITE" --out "$DISK/public" 2>"$KEEP/full.err"
        echo $? >"$KEEP/full.status"
        cp -r "$DISK/public" "$KEEP/after"
        mount -o remount,size=64m "$DISK" || exit 92
        "$BIN" build --root "$SITE" --out "$DISK/public" 2>"$KEEP/third.err" || exit 93
        cp -r "$DISK/public" "$KEEP/third"
    "#;
    let bin = std::path::PathBuf::from(env!("CARGO_BIN_EXE_glasshouse"));
    let out = in_mount_namespace(
        script,
        &[
            ("DISK", &disk),
            ("KEEP", &keep),
            ("SITE", &s.root),
            ("BIN", &bin),
        ],
    );
    assert!(
        out.status.success(),
        "{:?}\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(keep.join("first.err")).unwrap_or_default()
    );
    let status = std::fs::read_to_string(keep.join("full.status")).unwrap();
    let err = std::fs::read_to_string(keep.join("full.err")).unwrap();
    assert_eq!(status.trim(), "2", "a full disk is an I/O failure: {err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("left unchanged"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        tree(&keep.join("after")),
        tree(&keep.join("before")),
        "the previous output is intact"
    );
    let clean = Site::fixture("basic");
    clean.write(
        "content/explainers/bulky.md",
        &std::fs::read_to_string(keep.join("bulky.md")).unwrap(),
    );
    clean.build_ok(&[]);
    assert_eq!(
        tree(&keep.join("third")),
        clean.snapshot(),
        "a rebuild with room gives the bytes of a clean build"
    );
}
