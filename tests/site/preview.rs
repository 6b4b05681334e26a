//! What the preview serves and to whom: only files of the site, read through
//! the same checks as a build, even when links appear while it runs; and only
//! to requests that name it by a loopback name or its own address.

use crate::harness::Site;
use crate::http::{get, get_as};
use crate::serve::Server;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
#[cfg(unix)]
fn a_link_made_while_serving_leads_nowhere_outside_the_site() {
    let s = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let page = outside.path().join("leak.md");
    std::fs::write(
        &page,
        "---\ntitle: LEAKED-TITLE\nsummary: s\n---\nLEAKED-BODY\n",
    )
    .unwrap();
    let other = outside.path().join("passwords.txt");
    std::fs::write(&other, "FIRST-LINE-SECRET\nsecond\n").unwrap();
    let server = Server::start(&s, &[]);
    let before = server.generation();
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, s.root.join("content/explainers").join(name)).unwrap()
    };
    link(&page, "leak.md");
    link(&other, "notes.md");
    link(outside.path(), "folder.md");
    server.wait_for("the links to be read", |srv| {
        let status = srv.status().to_string();
        srv.generation() > before || status.contains("leak.md") && status.contains("notes.md")
    });
    server.wait_for("both links refused", |srv| {
        let status = srv.status().to_string();
        status.contains("content/explainers/leak.md")
            && status.contains("content/explainers/notes.md")
    });
    let status = server.status().to_string();
    assert!(status.contains("unsafe-path"), "{status}");
    for secret in ["LEAKED", "FIRST-LINE-SECRET"] {
        assert!(!status.contains(secret), "{status}");
        for path in ["/us/leak/", "/us/notes/", "/us/", "/sitemap.xml"] {
            assert!(!get(&server.url, path).text().contains(secret), "{path}");
        }
    }
    assert_eq!(get(&server.url, "/us/leak/").status, 404);
}

#[test]
fn the_preview_answers_only_names_it_knows() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &["--allow-host", "preview.test"]);
    let port = server.url.rsplit(':').next().unwrap().trim_end_matches('/');
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        format!("preview.test:{port}"),
        "app.localhost".to_string(),
    ] {
        let r = get_as(&server.url, "/us/alpha/", &host);
        assert_eq!(r.status, 200, "{host}");
    }
    // What a page on another origin would send after rebinding its name here.
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        String::new(),
    ] {
        for path in [
            "/us/alpha/",
            "/__glasshouse/status",
            "/__glasshouse/events",
            "/nope",
        ] {
            let r = get_as(&server.url, path, &host);
            assert_eq!(r.status, 403, "{host} {path}");
            assert!(
                !r.text().contains("Alpha") && !r.text().contains("generation"),
                "{host} {path}"
            );
        }
    }
}

#[test]
fn binding_beyond_loopback_warns() {
    let s = Site::fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_glasshouse"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .current_dir(&s.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        let mut seen = String::new();
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            // The whole line of the warning.
            if let Some(at) = seen.find("warning: --bind")
                && seen[at..].contains('\n')
            {
                let _ = tx.send(seen.clone());
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let warned = rx.recv_timeout(deadline - Instant::now());
    let _ = child.kill();
    let _ = child.wait();
    let warned = warned.expect("a warning on stderr");
    assert!(
        warned.contains("0.0.0.0") && warned.contains("every machine"),
        "{warned}"
    );
}
