//! `glasshouse serve` over real HTTP on an ephemeral port: edits, broken edits,
//! fixes, new, deleted and renamed files, safety and shutdown. Every wait is bounded.

use crate::harness::Site;
use crate::http::{get, request};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    pub fn start(site: &Site, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_glasshouse"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(&site.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line
                    .strip_prefix("serving ")
                    .and_then(|l| l.split(' ').next())
                {
                    let _ = tx.send(url.to_string());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("serve prints its URL");
        Server { child, url }
    }

    pub fn status(&self) -> serde_json::Value {
        serde_json::from_slice(&get(&self.url, "/__glasshouse/status").body).unwrap()
    }

    pub fn generation(&self) -> u64 {
        self.status()["generation"].as_u64().unwrap()
    }

    /// Wait until a rebuild after `since` has happened and `ok` holds.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&Server) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if ok(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}; status: {}", self.status());
    }

    pub fn page(&self, path: &str) -> String {
        get(&self.url, path).text()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_the_site_with_content_types_and_404s() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    let root = get(&server.url, "/");
    assert_eq!(root.status, 200);
    assert_eq!(
        root.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(root.text().contains("href=\"/us/\""));
    let page = server.page("/fr/alpha/");
    assert!(page.contains("<html lang=\"fr-FR\">"));
    assert!(
        page.contains("/__glasshouse/reload.js"),
        "the reload script is injected"
    );
    assert_eq!(
        get(&server.url, "/images/pic.svg").header("content-type"),
        Some("image/svg+xml")
    );
    assert_eq!(
        get(&server.url, "/us/scripts/alpha.vtt").header("content-type"),
        Some("text/vtt; charset=utf-8")
    );
    let redirect = get(&server.url, "/us/alpha");
    assert_eq!(
        (redirect.status, redirect.header("location")),
        (301, Some("/us/alpha/"))
    );
    let missing = get(&server.url, "/nope/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("<html lang=\"en-US\">"),
        "the site's 404 page"
    );
    assert!(
        !missing.text().contains("aria-current"),
        "the root's: no market selected"
    );
    // The nearest 404 page, as static hosts serve it: the market's own.
    for (path, lang) in [
        ("/jp/nope/", "ja-JP"),
        ("/fr/gone/deeper", "fr-FR"),
        ("/fr/", "fr-FR"),
    ] {
        let r = get(&server.url, &format!("{path}x.html"));
        assert_eq!(r.status, 404, "{path}");
        assert!(
            r.text().contains(&format!("<html lang=\"{lang}\">")),
            "{path}"
        );
    }
    // The stylesheet a page links to is served.
    let css = (root.text().split("rel=\"stylesheet\" href=\"").nth(1))
        .and_then(|h| h.split('"').next())
        .map(str::to_string)
        .unwrap();
    let css = get(&server.url, &css);
    assert_eq!(
        (css.status, css.header("content-type")),
        (200, Some("text/css; charset=utf-8"))
    );
    assert_eq!(
        get(&server.url, "/static/").status,
        404,
        "no directory listing"
    );
}

#[test]
fn requests_outside_the_site_get_404() {
    let s = Site::fixture("basic");
    s.write("secret.txt", "do not serve");
    let server = Server::start(&s, &[]);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/us/..%2f..%2fsecret.txt",
        "/us%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/glasshouse.yaml",
        "/content/explainers/alpha.md",
    ] {
        let r = get(&server.url, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.text().contains("do not serve") && !r.text().contains("base_url"),
            "{path}"
        );
    }
}

#[test]
fn the_build_output_has_no_reload_script() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    assert!(!s.read("us/alpha/index.html").contains("__glasshouse"));
}

#[test]
fn an_edit_is_rebuilt_and_served() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    let before = server.generation();
    s.edit(
        "content/explainers/alpha.md",
        "US-TRANSPARENCY block.",
        "US-EDITED block.",
    );
    // The status is told just after the pages are served.
    server.wait_for("the edit", |sv| {
        sv.page("/us/alpha/").contains("US-EDITED block.") && sv.generation() > before
    });
    assert!(
        server.page("/uk/alpha/").contains("REGULATORY block"),
        "other markets still served"
    );
}

#[test]
fn an_edit_re_renders_only_what_it_touches() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    let full = server.status()["written"].as_u64().unwrap();
    let before = server.generation();
    s.edit(
        "content/explainers/beta.md",
        "Beta body.",
        "Beta changed body.",
    );
    // The status is told just after the pages are served: wait for both.
    server.wait_for("the edit", |sv| {
        sv.page("/us/beta/").contains("Beta changed body.") && sv.generation() > before
    });
    // beta's pages in us and uk, and in mx (its translation takes heading ids from
    // the source), each with its share card (the one served, not drawn again).
    // Titles did not change, so the homes, indexes and sitemap stay.
    let status = server.status();
    assert_eq!(
        status["written"].as_u64().unwrap(),
        6,
        "full build wrote {full}; status {status}"
    );
    let before = server.generation();
    s.write(
        "locales/fr-FR/site.ftl",
        "-law = le RGPD\n-brand = Marque\n",
    );
    server.wait_for("the French term", |sv| {
        sv.page("/fr/alpha/").contains("Intro fr Marque.") && sv.generation() > before
    });
    // fr: alpha's page, its script card and 4 downloads, and its share card
    // (new: the brand is on it); the fr home, scripts index and 404 page, and
    // their share card (new too); the chooser and root 404 (they show every
    // market's strings) with their card; and the two old cards removed.
    let status = server.status();
    assert_eq!(
        status["written"].as_u64().unwrap(),
        (6 + 1) + (3 + 1) + (2 + 1) + 2,
        "{status}"
    );
    assert!(full > 50);
}

#[test]
fn what_the_homes_show_is_rebuilt_when_it_changes() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    // The homes are keyed by what their cards show, computed without making the
    // cards: a title or a summary edit must still reach them (and a date the
    // sitemap).
    s.edit("content/explainers/beta.md", "title: Beta", "title: Gamma");
    server.wait_for("the new title on the homes", |sv| {
        sv.page("/us/").contains("Gamma") && sv.page("/uk/").contains("Gamma")
    });
    s.edit(
        "content/explainers/alpha.md",
        "summary: What alpha means for your data.",
        "summary: A shorter summary.",
    );
    server.wait_for("the new summary on the homes", |sv| {
        sv.page("/us/").contains("A shorter summary.")
            && sv.page("/us/scripts/").contains("Alpha and")
    });
    s.edit(
        "content/explainers/alpha.md",
        "updated: 2026-11-20",
        "updated: 2026-11-27",
    );
    server.wait_for("the new date in the sitemap and on the home", |sv| {
        sv.page("/us/sitemap.xml")
            .contains("<lastmod>2026-11-27</lastmod>")
            && sv.page("/us/").contains("Updated November 27, 2026")
    });
    // A topic files a card on the home, and a shared one relates two pages:
    // alpha's page lists beta by its title, and follows a change of it.
    s.edit(
        "content/explainers/alpha.md",
        "order: 1",
        "order: 1\ntopics: [shared]",
    );
    s.edit(
        "content/explainers/beta.md",
        "order: 2",
        "order: 2\ntopics: [shared]",
    );
    server.wait_for("the topic on the home and the related page", |sv| {
        sv.page("/us/")
            .contains("<h2 id=\"topic-shared\">shared</h2>")
            && sv.page("/us/alpha/").contains("<section class=\"related\"")
            && sv.page("/us/alpha/").contains(">Gamma</a>")
    });
    s.edit("content/explainers/beta.md", "title: Gamma", "title: Delta");
    server.wait_for("the related page's new title", |sv| {
        sv.page("/us/alpha/").contains(">Delta</a>")
    });
}

#[test]
fn a_broken_edit_keeps_the_last_good_page_and_reports_the_error() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    s.edit(
        "content/explainers/alpha.fr.md",
        "CONTROL-fr block.\n:::\n",
        "CONTROL-fr block.\n",
    );
    server.wait_for("the error", |sv| {
        !sv.status()["errors"].as_array().unwrap().is_empty()
    });
    let status = server.status();
    let e = &status["errors"][0];
    assert_eq!(e["file"], "content/explainers/alpha.fr.md");
    assert_eq!(e["code"], "directive");
    assert!(e["line"].as_u64().unwrap() > 0);
    assert!(
        server.page("/fr/alpha/").contains("REGULATORY-fr block."),
        "last good page still served"
    );
    // An error in French content does not stop the US from updating.
    s.edit(
        "content/explainers/alpha.md",
        "US-TRANSPARENCY block.",
        "US-WHILE-BROKEN block.",
    );
    server.wait_for("the US edit", |sv| {
        sv.page("/us/alpha/").contains("US-WHILE-BROKEN block.")
    });
    assert!(server.page("/fr/alpha/").contains("REGULATORY-fr block."));
    // The next good edit clears the errors.
    s.edit(
        "content/explainers/alpha.fr.md",
        "CONTROL-fr block.\n",
        "CONTROL-fr block.\n:::\n",
    );
    server.wait_for("the fix", |sv| {
        sv.status()["errors"].as_array().unwrap().is_empty()
    });
}

#[test]
fn new_deleted_and_renamed_files() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    s.write(
        "content/explainers/gamma.md",
        "---\ntitle: Gamma\nsummary: New one.\n---\nGamma body.\n",
    );
    server.wait_for("the new page", |sv| {
        sv.page("/us/gamma/").contains("Gamma body.")
    });
    assert!(
        server.page("/us/").contains("/us/gamma/"),
        "the home lists it"
    );
    s.remove("content/explainers/gamma.md");
    server.wait_for("the page to go", |sv| {
        get(&sv.url, "/us/gamma/").status == 404
    });
    assert!(!server.page("/us/").contains("/us/gamma/"));
    assert!(!server.page("/sitemap.xml").contains("/gamma/"));
    // Save by rename, as editors do: write a temporary file, rename it over the original.
    let path = s.root.join("content/explainers/beta.md");
    let tmp = s.root.join("content/explainers/.beta.md.tmp");
    std::fs::write(
        &tmp,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("Beta body.", "Beta renamed-in body."),
    )
    .unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    server.wait_for("the renamed save", |sv| {
        sv.page("/us/beta/").contains("Beta renamed-in body.")
    });
}

#[test]
fn locale_and_template_edits_rebuild_what_uses_them() {
    let s = Site::fixture("basic");
    crate::harness::copy_theme(&s);
    let server = Server::start(&s, &[]);
    let before = server.generation();
    s.write(
        "locales/fr-FR/site.ftl",
        "-law = le RGPD\n-brand = Marque\n",
    );
    server.wait_for("the French term", |sv| {
        sv.page("/fr/alpha/").contains("Intro fr Marque.") && sv.generation() > before
    });
    assert!(
        server.page("/de/alpha/").contains("Intro de Testbrand."),
        "other chains keep theirs"
    );
    s.edit(
        "themes/default/templates/base.html",
        "<main id=\"main\"",
        "<main data-edited=\"yes\" id=\"main\"",
    );
    server.wait_for("the template", |sv| {
        sv.page("/jp/alpha/").contains("data-edited=\"yes\"")
    });
}

#[test]
fn removing_a_script_drops_its_files() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    assert_eq!(get(&server.url, "/us/scripts/alpha.vtt").status, 200);
    let text = s.source("content/explainers/alpha.md");
    let without = &text[..text.find("::::script").unwrap()];
    s.write("content/explainers/alpha.md", without);
    server.wait_for("the script files to go", |sv| {
        get(&sv.url, "/us/scripts/alpha.vtt").status == 404
    });
    for path in [
        "/us/scripts/alpha.json",
        "/us/scripts/alpha.txt",
        "/us/scripts/alpha/",
    ] {
        assert_eq!(get(&server.url, path).status, 404, "{path}");
    }
    assert_eq!(get(&server.url, "/us/alpha/").status, 200);
}

#[test]
fn static_files_are_watched() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    assert_eq!(get(&server.url, "/images/new.svg").status, 404);
    s.write(
        "static/images/new.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    server.wait_for("the new static file", |sv| {
        get(&sv.url, "/images/new.svg").status == 200
    });
    assert_eq!(
        get(&server.url, "/images/new.svg").header("content-type"),
        Some("image/svg+xml")
    );
    s.remove("static/images/new.svg");
    server.wait_for("the file to go", |sv| {
        get(&sv.url, "/images/new.svg").status == 404
    });
}

#[test]
fn holds_hundreds_of_concurrent_requests() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    let url = server.url.clone();
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                let path = ["/", "/us/alpha/", "/fr/", "/static/", "/images/pic.svg"][i % 5];
                request(&url, "GET", path, None).map(|r| r.status)
            })
        })
        .collect();
    let statuses: Vec<u16> = handles
        .into_iter()
        .map(|h| h.join().unwrap().expect("answered"))
        .collect();
    assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), 160);
    assert_eq!(statuses.iter().filter(|&&s| s == 404).count(), 40);
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let s = Site::fixture("basic");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let r = s.run(&["serve", "--port", &port]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("cannot listen on 127.0.0.1:") && r.stderr.contains("--port"),
        "{}",
        r.stderr
    );
}

#[test]
fn binds_to_loopback_by_default_and_stops_on_ctrl_c_within_a_second() {
    let s = Site::fixture("basic");
    let mut server = Server::start(&s, &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let pid = server.child.id().to_string();
    let sent = Instant::now();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(1),
            "still running a second after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
