//! In headless Chromium (Debian's `chromium` and `chromium-driver`, driven over
//! WebDriver): an open page reloads by itself after an edit, and shows the error
//! overlay after a broken edit. Ignored by a bare `cargo test`; `.ci/run` installs
//! the browser and runs it with `--ignored`.

use crate::harness::Site;
use crate::http::request;
use crate::serve::Server;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Driver {
    child: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child =
            Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver (Debian package chromium-driver) is installed");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while request(&base, "GET", "/status", None)
            .map(|r| r.status != 200)
            .unwrap_or(true)
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     format!("--user-data-dir={}", profile.path().display())]
        }}}});
        let r = request(&base, "POST", "/session", Some(&caps.to_string())).unwrap();
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Driver {
            child,
            base,
            session,
            _profile: profile,
        }
    }

    fn command(&self, path: &str, body: Value) -> Value {
        let r = request(
            &self.base,
            "POST",
            &format!("/session/{}/{path}", self.session),
            Some(&body.to_string()),
        )
        .unwrap();
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        v["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.command("url", json!({ "url": url }));
    }

    fn eval(&self, script: &str) -> Value {
        self.command("execute/sync", json!({ "script": script, "args": [] }))
    }

    fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let v = self.eval(script);
            if !v.is_null() && v != Value::Bool(false) {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = request(
            &self.base,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
fn an_open_page_reloads_after_an_edit_and_shows_the_error_overlay() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    let driver = Driver::start();
    driver.goto(&format!("{}us/alpha/", server.url));
    let text = driver.eval("window.__glasshouseMarker = 42; return document.body.innerText;");
    assert!(text.as_str().unwrap().contains("US-TRANSPARENCY block."));

    s.edit(
        "content/explainers/alpha.md",
        "US-TRANSPARENCY block.",
        "US-EDITED-LIVE block.",
    );
    driver.wait_for(
        "the page to reload by itself",
        "return window.__glasshouseMarker === undefined && document.body.innerText.includes('US-EDITED-LIVE block.');",
    );

    s.edit(
        "content/explainers/alpha.md",
        "CONTROL block.\n:::\n",
        "CONTROL block.\n",
    );
    let overlay = driver.wait_for(
        "the error overlay",
        "var o = document.getElementById('glasshouse-overlay'); return o ? o.innerText : null;",
    );
    let overlay = overlay.as_str().unwrap();
    assert!(
        overlay
            .contains("content/explainers/alpha.md:21:1: error[directive]: unclosed variant block"),
        "{overlay}"
    );
    assert!(overlay.contains("error[directive]"), "{overlay}");
    assert!(
        driver.eval("return document.body.innerText.includes('US-EDITED-LIVE block.');")
            == Value::Bool(true),
        "the last good page stays under the overlay"
    );

    s.edit(
        "content/explainers/alpha.md",
        "CONTROL block.\n",
        "CONTROL block.\n:::\n",
    );
    driver.wait_for("the overlay to clear", "return document.getElementById('glasshouse-overlay') === null && document.readyState === 'complete';");
}

#[test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
fn the_overlay_shows_a_page_its_own_errors_with_help_and_source_and_can_be_dismissed() {
    let s = Site::fixture("basic");
    let server = Server::start(&s, &[]);
    let driver = Driver::start();
    // A mistake in the Japanese translation concerns the jp market only.
    s.edit(
        "content/explainers/alpha.ja.md",
        "CONTROL-ja block.\n:::\n",
        "CONTROL-ja block.\n",
    );
    server.wait_for("the error", |sv| {
        !sv.status()["errors"].as_array().unwrap().is_empty()
    });
    driver.goto(&format!("{}jp/alpha/", server.url));
    let overlay = driver.wait_for(
        "the error overlay on the jp page",
        "var o = document.getElementById('glasshouse-overlay'); return o ? o.innerText : null;",
    );
    let overlay = overlay.as_str().unwrap();
    assert!(
        overlay.contains("content/explainers/alpha.ja.md:"),
        "{overlay}"
    );
    assert!(overlay.contains("(market jp)"), "{overlay}");
    assert!(overlay.contains("help: "), "the help line: {overlay}");
    assert!(
        overlay.contains(" | :::variant"),
        "the source line: {overlay}"
    );
    assert!(overlay.contains("^"), "the caret: {overlay}");
    // Dismissed, it stays away, also after the page reloads.
    driver.eval("document.querySelector('.glasshouse-dismiss').click(); return null;");
    assert_eq!(
        driver.eval("return document.getElementById('glasshouse-overlay');"),
        Value::Null
    );
    driver.goto(&format!("{}jp/", server.url));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(
        driver.eval("return document.getElementById('glasshouse-overlay');"),
        Value::Null,
        "dismissed errors stay dismissed"
    );
    // The us pages do not read the Japanese file: no overlay there.
    driver.eval("sessionStorage.clear(); return null;");
    driver.goto(&format!("{}us/alpha/", server.url));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(
        driver.eval("return document.getElementById('glasshouse-overlay');"),
        Value::Null,
        "a jp-only error is not shown over the us page"
    );
    // Escape dismisses too; a new error shows again.
    driver.goto(&format!("{}jp/alpha/", server.url));
    driver.wait_for(
        "the overlay again",
        "return document.getElementById('glasshouse-overlay') ? true : null;",
    );
    driver.eval(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'})); return null;",
    );
    assert_eq!(
        driver.eval("return document.getElementById('glasshouse-overlay');"),
        Value::Null
    );
    s.write("locales/ja-JP/site.ftl", "closing = { $market\n");
    driver.wait_for(
        "the overlay with the new error",
        "var o = document.getElementById('glasshouse-overlay'); return o && o.innerText.includes('locales/ja-JP/site.ftl') ? true : null;",
    );
}

#[test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
fn a_right_to_left_page_mirrors_without_overflowing() {
    let s = Site::fixture("basic");
    s.edit(
        "glasshouse.yaml",
        "  id: { name: Indonesia, locale: id-ID, framing: accountability }",
        "  id: { name: Indonesia, locale: id-ID, framing: accountability }\n  sa: { name: السعودية, locale: ar-SA, framing: transparency, untranslated: source }",
    );
    let server = Server::start(&s, &[]);
    let driver = Driver::start();
    for path in ["sa/alpha/", "sa/", "sa/scripts/alpha/", "fr/alpha/"] {
        driver.goto(&format!("{}{path}", server.url));
        let fits = driver.eval(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;",
        );
        assert_eq!(fits, Value::Bool(true), "{path} scrolls sideways");
    }
    // The page's start is on the right: the brand sits right of the switcher.
    driver.goto(&format!("{}sa/alpha/", server.url));
    let mirrored = driver.eval(
        "var b = document.querySelector('.brand').getBoundingClientRect(); var s = document.querySelector('.switcher').getBoundingClientRect(); return b.left > s.left;",
    );
    assert_eq!(mirrored, Value::Bool(true));
    // The English script shown there keeps its language and direction in the
    // teleprompter too.
    driver.goto(&format!("{}sa/scripts/alpha/", server.url));
    driver.wait_for(
        "the teleprompter button",
        "return !document.querySelector('.prompter-start').hidden;",
    );
    driver.eval("document.querySelector('.prompter-start button').click();");
    let langs = driver.eval(
        "return [...document.querySelectorAll('.prompter-text p')].map(p => p.lang + ' ' + p.dir);",
    );
    let langs: Vec<&str> = (langs.as_array().unwrap().iter())
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(langs.len() >= 4, "{langs:?}");
    assert!(langs.iter().all(|l| *l == "en ltr"), "{langs:?}");
}

impl Driver {
    fn resize(&self, width: u32, height: u32) {
        self.command("window/rect", json!({ "width": width, "height": height }));
    }

    /// A Chrome DevTools command, through chromedriver.
    fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.command("goog/cdp/execute", json!({ "cmd": cmd, "params": params }))
    }

    /// Whether `script` (a JavaScript expression) holds on the current page.
    fn holds(&self, script: &str) -> bool {
        self.eval(&format!("return !!({script});")) == Value::Bool(true)
    }
}

/// The default theme's layout in a real browser, on the example site: the
/// bugs of issue 25 stay fixed and the design holds at desktop and phone widths.
#[test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
fn the_theme_lays_out_as_designed_at_desktop_and_phone_widths() {
    let s = Site::example();
    let server = Server::start(&s, &[]);
    let driver = Driver::start();
    let rect = |sel: &str| format!("document.querySelector('{sel}').getBoundingClientRect()");
    let explainers = [
        "us/where-your-data-is-stored/",
        "jp/where-your-data-is-stored/",
        "de/two-step-verification/",
    ];

    driver.resize(1280, 900);
    for path in explainers {
        driver.goto(&format!("{}{path}", server.url));
        let fail = |what: &str| format!("{path} at 1280 px: {what}");
        assert!(
            driver.holds(&format!(
                "{}.top - {}.bottom >= 24",
                rect("main > :first-child"),
                rect(".site-header")
            )),
            "{}",
            fail("the first block touches the header")
        );
        assert!(
            driver.holds(&format!(
                "{}.left >= {}.right + 24",
                rect(".toc"),
                rect(".prose")
            )),
            "{}",
            fail("'On this page' is not beside the text")
        );
        assert!(
            driver.holds(&format!("{}.width <= 800", rect(".prose"))),
            "{}",
            fail("the text column is wider than a readable measure")
        );
        assert!(
            driver.holds("[...document.querySelectorAll('.prose a')].every(a => getComputedStyle(a).display === 'inline')"),
            "{}", fail("a link in the text is not inline, so it cannot wrap")
        );
        assert!(driver.holds("getComputedStyle(document.querySelector('.switcher summary'), '::after').content !== 'none'"), "{}", fail("the region button has no disclosure marker"));
        assert!(
            driver.holds("document.querySelectorAll('.related .card a').length > 0"),
            "{}",
            fail("no related explainers")
        );
        assert!(
            driver.holds("document.querySelectorAll('.site-footer nav a').length >= 2"),
            "{}",
            fail("no legal links in the footer")
        );
    }
    // The footer sits at the bottom of a short page, never above it.
    for path in ["us/404.html", "jp/404.html", "404.html"] {
        driver.goto(&format!("{}{path}", server.url));
        assert!(
            driver.holds(&format!(
                "{}.bottom >= window.innerHeight - 1",
                rect(".site-footer")
            )),
            "{path}: the footer floats above the bottom"
        );
    }
    // A German page links the imprint.
    driver.goto(&format!("{}de/", server.url));
    assert!(driver.holds(
        "[...document.querySelectorAll('.site-footer a')].some(a => a.textContent === 'Impressum')"
    ));

    driver.resize(390, 844);
    for path in explainers
        .iter()
        .chain(&["us/", "jp/", "us/scripts/where-your-data-is-stored/"])
    {
        driver.goto(&format!("{}{path}", server.url));
        assert!(
            driver.holds(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ),
            "{path} scrolls sideways at 390 px"
        );
        assert!(
            driver.holds(&format!(
                "{}.bottom - {}.bottom >= 24",
                rect("main"),
                rect("main > :last-child")
            )),
            "{path}: the last block touches the footer at 390 px"
        );
    }
    driver.goto(&format!("{}us/where-your-data-is-stored/", server.url));
    assert!(
        driver.holds(&format!(
            "{}.bottom <= {}.top",
            rect(".toc"),
            rect(".prose")
        )),
        "'On this page' is not above the text on a phone"
    );
    // Japanese notes are upright: no synthetic italics for CJK.
    driver.goto(&format!(
        "{}jp/scripts/where-your-data-is-stored/",
        server.url
    ));
    assert!(driver.holds("[...document.querySelectorAll('.note')].every(n => getComputedStyle(n).fontStyle === 'normal')"), "a Japanese note is set in italics");
    driver.goto(&format!(
        "{}us/scripts/where-your-data-is-stored/",
        server.url
    ));
    assert!(
        driver.holds("getComputedStyle(document.querySelector('.note')).fontStyle === 'italic'"),
        "the English note lost its italics"
    );
}

/// A script card printed as the creator would: one page, with its market,
/// language, date and the explainer's address, and no site chrome.
#[test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
fn a_script_card_prints_on_one_page_with_what_it_is_for() {
    let s = Site::example();
    let server = Server::start(&s, &[]);
    let driver = Driver::start();
    for (market, name) in [
        ("us", "United States"),
        ("jp", "日本"),
        ("de", "Deutschland"),
    ] {
        let path = format!("{market}/scripts/where-your-data-is-stored/");
        driver.goto(&format!("{}{path}", server.url));
        let pdf = driver.cdp("Page.printToPDF", json!({ "preferCSSPageSize": true }));
        let data = pdf["data"].as_str().unwrap_or_else(|| panic!("{pdf}"));
        let bytes =
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, 1, "{path} prints on {pages} pages");
        driver.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }));
        for hidden in [".site-header", ".site-footer", ".downloads", ".breadcrumb"] {
            assert!(
                driver.holds(&format!(
                    "getComputedStyle(document.querySelector('{hidden}')).display === 'none'"
                )),
                "{path}: {hidden} prints"
            );
        }
        // In full: the preview's own address here, the site's in a build.
        let url = format!("/{market}/where-your-data-is-stored/");
        let printed = format!(
            "(t => t.startsWith('http') && t.endsWith('{url}'))(document.querySelector('.print-url').textContent.trim())"
        );
        assert!(
            driver.holds(&format!(
                "getComputedStyle(document.querySelector('.print-url')).display !== 'none' && {printed}"
            )),
            "{path}: the address is not printed"
        );
        assert!(
            driver.holds(&format!(
                "document.querySelector('.card-facts').textContent.includes('{name}')"
            )),
            "{path}: the market is not named"
        );
        assert!(
            driver.holds("document.querySelector('.card-facts time') !== null"),
            "{path}: no date"
        );
        driver.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }));
        assert!(
            driver
                .holds("getComputedStyle(document.querySelector('.print-url')).display === 'none'"),
            "{path}: the address shows on screen"
        );
    }
}

/// The script card's teleprompter: it opens over the card, the line being
/// spoken is the one whose time it is, the text moves up at the estimated
/// pace, Space pauses, Escape closes and gives the focus back.
#[test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
fn the_teleprompter_scrolls_at_the_estimated_pace() {
    let s = Site::example();
    let server = Server::start(&s, &[]);
    let driver = Driver::start();
    for market in ["us", "jp"] {
        driver.goto(&format!(
            "{}{market}/scripts/two-step-verification/",
            server.url
        ));
        driver.wait_for(
            "the teleprompter button",
            "return !document.querySelector('.prompter-start').hidden;",
        );
        driver.eval("document.querySelector('.prompter-start button').click();");
        driver.wait_for(
            "the teleprompter",
            "return document.querySelector('.prompter') !== null;",
        );
        let offset = "return new DOMMatrix(getComputedStyle(document.querySelector('.prompter-text')).transform).m42;";
        let first = driver.eval(offset).as_f64().unwrap();
        std::thread::sleep(Duration::from_millis(3500));
        // The current line is the one whose time it is.
        let state = driver.eval(
            "const v = document.querySelector('.prompter'); const t = Number(v.dataset.elapsed);
             const starts = [...document.querySelectorAll('.script-line')].map(l => Number(l.dataset.start));
             const current = [...v.querySelectorAll('.prompter-text p')].findIndex(p => p.classList.contains('current'));
             const due = starts.filter(s => s <= t).length - 1;
             return [t, current, due];",
        );
        let (t, current, due) = (
            state[0].as_f64().unwrap(),
            state[1].as_i64().unwrap(),
            state[2].as_i64().unwrap(),
        );
        assert!(t > 3.0, "{market}: {t} s elapsed");
        assert_eq!(current, due, "{market} at {t} s");
        let moved = driver.eval(offset).as_f64().unwrap();
        assert!(
            moved < first - 20.0,
            "{market}: the text did not move up ({first} -> {moved})"
        );
        // Space pauses: the time stands still.
        driver.eval("document.querySelector('.prompter').dispatchEvent(new KeyboardEvent('keydown', {key: ' ', bubbles: true}));");
        let paused = driver
            .eval("return Number(document.querySelector('.prompter').dataset.elapsed);")
            .as_f64()
            .unwrap();
        std::thread::sleep(Duration::from_millis(600));
        let later = driver
            .eval("return Number(document.querySelector('.prompter').dataset.elapsed);")
            .as_f64()
            .unwrap();
        assert!(
            (later - paused).abs() < 0.1,
            "{market}: paused at {paused}, then {later}"
        );
        if let Some(dir) = std::env::var_os("GLASSHOUSE_SCREENSHOTS") {
            let shot = driver.cdp("Page.captureScreenshot", json!({}));
            let png = base64::Engine::decode(
                &base64::engine::general_purpose::STANDARD,
                shot["data"].as_str().unwrap(),
            )
            .unwrap();
            std::fs::write(
                std::path::Path::new(&dir).join(format!("prompter-{market}.png")),
                png,
            )
            .unwrap();
        }
        driver.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}));");
        assert!(driver.holds("document.querySelector('.prompter') === null && document.activeElement === document.querySelector('.prompter-start button')"));
    }
}
