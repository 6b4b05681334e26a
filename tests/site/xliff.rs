//! `glasshouse l10n export`: XLIFF 2.0 for the translation vendor.

use crate::harness::Site;
use std::path::PathBuf;
use std::process::Command;

/// The export of `args` (after `l10n export`), which must succeed.
fn export(s: &Site, args: &[&str]) -> String {
    let mut all = vec!["l10n", "export"];
    all.extend_from_slice(args);
    let r = s.run(&all);
    assert_eq!(r.status, 0, "{}", r.stderr);
    r.stdout
}

/// The `<unit>` element with this id in the file with this id.
fn unit<'a>(xlf: &'a str, file: &str, id: &str) -> Option<&'a str> {
    let f = xlf.find(&format!("<file id=\"{file}\""))?;
    let end = xlf[f..].find("</file>")? + f;
    let u = xlf[f..end].find(&format!("<unit id=\"{id}\""))? + f;
    let close = xlf[u..].find("</unit>")? + u;
    Some(&xlf[u..close])
}

fn unit_ids(xlf: &str) -> Vec<&str> {
    xlf.split("<unit id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

#[test]
fn export_is_xliff_2_with_a_file_per_explainer_and_one_for_the_messages() {
    let s = Site::fixture("basic");
    let xlf = export(&s, &["--locale", "fr-FR", "--only", "all"]);
    assert!(xlf.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(xlf.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en-US\" trgLang=\"fr-FR\">"));
    assert!(xlf.contains("<file id=\"explainer-alpha\" original=\"content/explainers/alpha.md\">"));
    assert!(xlf.contains("<file id=\"messages-fr-FR\" original=\"locales/fr-FR/\">"));
    // The title keeps its placeholder as a code, with the original as data.
    let title = unit(&xlf, "explainer-alpha", "title").unwrap();
    assert!(
        title.contains("<data id=\"d1\">{{ t &quot;-brand&quot; }}</data>"),
        "{title}"
    );
    assert!(
        title.contains("<source>Alpha and <ph id=\"1\" dataRef=\"d1\""),
        "{title}"
    );
    assert!(title.contains("<note category=\"markets\">fr</note>"));
    assert!(title.contains("<note category=\"framing\">regulatory</note>"));
    assert!(title.contains("<note category=\"source-hash\">"));
    // The translation is the target; unstamped, it is not known to be current.
    assert!(title.contains("<segment state=\"initial\">"), "{title}");
    assert!(title.contains("<target>Alpha fr</target>"), "{title}");
    // An image's alt text is translated between its markup.
    let pic = unit(&xlf, "explainer-alpha", "intro-p2").unwrap();
    assert!(pic.contains("<data id=\"d1\">![</data>"), "{pic}");
    assert!(
        pic.contains("<data id=\"d2\">](/images/pic.svg)</data>"),
        "{pic}"
    );
    assert!(pic.contains("type=\"image\">A small picture</pc>"), "{pic}");
    // A translated heading without `{#id}` is matched to the source's by position.
    let h = unit(&xlf, "explainer-alpha", "h-where-it-lives").unwrap();
    assert!(h.contains("<target>Heading fr one</target>"), "{h}");
    // Fluent: a select gives one unit a variant, placeables are codes.
    let closing = unit(&xlf, "messages-fr-FR", "closing:regulatory").unwrap();
    assert!(
        closing.contains("<data id=\"d1\">{ $market }</data>"),
        "{closing}"
    );
    assert!(unit(&xlf, "messages-fr-FR", "closing:other").is_some());
    assert!(
        unit(&xlf, "messages-fr-FR", "-law")
            .unwrap()
            .contains("<target>le RGPD</target>")
    );
}

#[test]
fn only_what_the_locales_markets_see_is_exported() {
    let s = Site::fixture("basic");
    let fr = export(&s, &["--locale", "fr-FR", "--only", "all"]);
    assert!(fr.contains("REGULATORY block"));
    for hidden in ["US-TRANSPARENCY", "CONTROL block", "DEFAULT block"] {
        assert!(!fr.contains(hidden), "{hidden} exported for France");
    }
    let ja = export(&s, &["--locale", "ja-JP", "--only", "all"]);
    assert!(ja.contains("DEFAULT block") && !ja.contains("REGULATORY block"));
    // Script lines: their role, and the hook's limit from the config.
    let hook = unit(&ja, "explainer-alpha", "script-1").unwrap();
    assert!(
        hook.contains("<note category=\"role\">hook</note>"),
        "{hook}"
    );
    assert!(hook.contains("<note category=\"limit\">spoken in at most 3 seconds</note>"));
}

#[test]
fn a_language_names_all_its_markets() {
    let s = Site::fixture("basic");
    let es = export(&s, &["--locale", "es", "--only", "all"]);
    assert!(es.contains("trgLang=\"es\""));
    assert!(es.contains("<note category=\"markets\">mx</note>"));
    assert!(es.contains("CONTROL block"));
}

#[test]
fn unit_ids_are_stable_and_unique_in_each_file() {
    let s = Site::fixture("basic");
    let first = export(&s, &["--locale", "de-DE", "--only", "all"]);
    let again = export(&s, &["--locale", "de-DE", "--only", "all"]);
    assert_eq!(first, again);
    // A change to one paragraph leaves every id as it was.
    s.edit(
        "content/explainers/alpha.md",
        "Intro for",
        "Introduction for",
    );
    let edited = export(&s, &["--locale", "de-DE", "--only", "all"]);
    assert_eq!(unit_ids(&first), unit_ids(&edited));
    for file in first.split("<file ").skip(1) {
        let ids = unit_ids(file);
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        assert!(ids.iter().all(|id| {
            id.chars()
                .all(|c| c.is_alphanumeric() || "-_.:".contains(c))
        }));
    }
}

#[test]
fn a_changed_section_makes_only_its_segments_stale() {
    let s = Site::fixture("basic");
    let r = s.run(&["l10n", "stamp", "content/explainers/alpha.fr.md"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let all = export(&s, &["--locale", "fr-FR", "--only", "all"]);
    let alpha = |xlf: &str, id: &str| unit(xlf, "explainer-alpha", id).map(str::to_string);
    assert!(
        alpha(&all, "intro-p1")
            .unwrap()
            .contains("state=\"translated\"")
    );
    // Nothing of alpha is to do now: the default export leaves it out.
    let todo = export(&s, &["--locale", "fr-FR"]);
    assert!(!todo.contains("explainer-alpha"), "{todo}");

    s.edit(
        "content/explainers/alpha.md",
        "Intro for",
        "Introduction for",
    );
    let all = export(&s, &["--locale", "fr-FR", "--only", "all"]);
    assert!(
        alpha(&all, "intro-p1")
            .unwrap()
            .contains("state=\"initial\"")
    );
    assert!(
        alpha(&all, "title")
            .unwrap()
            .contains("state=\"translated\"")
    );
    assert!(
        alpha(&all, "script-1")
            .unwrap()
            .contains("state=\"translated\"")
    );
    let stale = export(&s, &["--locale", "fr-FR", "--only", "stale"]);
    assert!(alpha(&stale, "intro-p1").is_some());
    assert!(alpha(&stale, "title").is_none());
    // Missing: segments with no target at all.
    let missing = export(&s, &["--locale", "fr-FR", "--only", "missing"]);
    assert!(alpha(&missing, "intro-p1").is_none());
    assert!(!missing.contains("<target>"), "{missing}");
}

#[test]
fn writes_to_a_file_and_refuses_a_locale_no_market_reads() {
    let s = Site::fixture("basic");
    let r = s.run(&["l10n", "export", "--locale", "fr-FR", "-o", "fr.xlf"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(s.source("fr.xlf").contains("trgLang=\"fr-FR\""));
    assert!(r.stdout.is_empty());
    let r = s.run(&["l10n", "export", "--locale", "pt-BR"]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("no market"), "{}", r.stderr);
    let r = s.run(&["l10n", "export", "--locale", "en-GB"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("read the source language"),
        "{}",
        r.stderr
    );
}

/// The Python that has the Translate Toolkit: `GLASSHOUSE_XLIFF_PYTHON` (CI
/// sets it, and then the test must run), else `python3` if it has it.
fn vendor_python() -> Option<(PathBuf, bool)> {
    if let Some(p) = std::env::var_os("GLASSHOUSE_XLIFF_PYTHON") {
        return Some((PathBuf::from(p), true));
    }
    let has = Command::new("python3")
        .args(["-c", "import translate.storage.xliff2, lxml"])
        .output()
        .is_ok_and(|o| o.status.success());
    has.then(|| (PathBuf::from("python3"), false))
}

#[test]
fn an_independent_xliff_library_reads_fills_and_writes_the_export_back() {
    let Some((python, required)) = vendor_python() else {
        eprintln!("skipped: no Python with translate-toolkit (set GLASSHOUSE_XLIFF_PYTHON)");
        return;
    };
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/xliff/roundtrip.py");
    // The bundled example site: every explainer, variants, scripts, messages.
    let s = Site::example();
    for locale in ["ja-JP", "fr"] {
        let out = export_file(&s, locale);
        let back = format!("{locale}.back.xlf");
        let run = Command::new(&python)
            .arg(&script)
            .args([&out, &back, "[xx] "])
            .current_dir(&s.root)
            .output();
        let run = match run {
            Ok(o) => o,
            Err(e) if !required => {
                eprintln!("skipped: {e}");
                return;
            }
            Err(e) => panic!("{}: {e}", python.display()),
        };
        let said = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success(),
            "{locale}: {said}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(said.contains(" passed, 0 failed"), "{said}");
        // What the library wrote imports: every target, explainers and messages.
        let r = s.run(&["l10n", "import", &back]);
        assert_eq!(r.status, 0, "{locale}: {}{}", r.stdout, r.stderr);
        // The filler is English read at the market's pace: a script's timing
        // may warn (a Japanese caption of English text reads too fast); nothing else.
        let findings: Vec<&str> = (r.stdout.lines())
            .filter(|l| l.contains(": error[") || l.contains(": warning["))
            .collect();
        assert!(
            (findings.iter())
                .all(|l| l.contains("warning[reading-speed]") || l.contains("warning[long-beat]")),
            "{}",
            r.stdout
        );
    }
    let ja = s.source("content/explainers/two-step-verification.ja.md");
    assert!(ja.contains("title: \"[xx] Two-step verification\""), "{ja}");
    assert!(ja.contains("hook: [xx] "), "{ja}");
    assert!(
        s.source("locales/fr-FR/site.ftl")
            .contains("help-center = [xx] Help Center")
    );
    // And the site builds with them (without `--strict`: the filler's script
    // timing warns, as above).
    s.build_ok(&[]);
    assert!(
        s.read("jp/two-step-verification/index.html")
            .contains("[xx] Two-step verification")
    );
}

/// `l10n export --only all` of `locale` into `<locale>.xlf` in the site.
fn export_file(s: &Site, locale: &str) -> String {
    let name = format!("{locale}.xlf");
    let r = s.run(&[
        "l10n", "export", "--locale", locale, "--only", "all", "-o", &name,
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    name
}

#[test]
fn an_export_imported_unchanged_leaves_every_file_as_it_was() {
    let s = Site::example();
    let before = crate::harness::tree(&s.root);
    for locale in ["fr", "de", "es", "ja", "id"] {
        let name = export_file(&s, locale);
        let r = s.run(&["l10n", "import", &name]);
        assert_eq!(r.status, 0, "{locale}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("nothing to import"), "{}", r.stderr);
        s.remove(&name);
    }
    assert!(crate::harness::tree(&s.root) == before, "a file changed");
}

#[test]
fn a_changed_target_is_written_in_place_and_stamped() {
    let s = Site::example();
    let name = export_file(&s, "fr");
    let file = "content/explainers/where-your-data-is-stored.fr.md";
    let before = s.source(file);
    s.edit(
        &name,
        "<target>Où sont stockées vos données</target>",
        "<target>Où vont: vos données</target>",
    );
    let r = s.run(&["l10n", "import", &name]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(
            "imported 1 segment into content/explainers/where-your-data-is-stored.fr.md, stamped"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("check: no problems found"),
        "{}",
        r.stdout
    );
    let after = s.source(file);
    assert_eq!(
        after,
        before.replace(
            "title: Où sont stockées vos données\n",
            "title: \"Où vont: vos données\"\n"
        )
    );
    assert!(
        !s.root
            .join("content/explainers/.where-your-data-is-stored.fr.md.importing")
            .exists()
    );
}

/// Import `edited` (an edit of the French export) and expect a refusal that
/// names the unit and the reason, with nothing written.
fn refused(s: &Site, edit: impl Fn(&Site, &str), unit: &str, reason: &str) {
    let name = export_file(s, "fr");
    edit(s, &name);
    let before = crate::harness::tree(&s.root.join("content"));
    let r = s.run(&["l10n", "import", &name]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    let line =
        format!("{name}: content/explainers/where-your-data-is-stored.md: unit `{unit}`: {reason}");
    assert!(r.stderr.contains(&line), "{line}\n{}", r.stderr);
    assert!(r.stderr.contains("nothing was imported"));
    assert!(crate::harness::tree(&s.root.join("content")) == before);
}

#[test]
fn import_refuses_a_stale_source_an_empty_target_and_a_lost_code() {
    let s = Site::example();
    // Another unit's change is not written either: all or nothing.
    let change_title = |s: &Site, name: &str| {
        s.edit(
            name,
            "<target>Où sont stockées vos données</target>",
            "<target>Changé</target>",
        );
    };
    refused(
        &s,
        |s, name| {
            change_title(s, name);
            s.edit(
                "content/explainers/where-your-data-is-stored.md",
                "Every video you post",
                "Each video you post",
            );
        },
        "intro-p1",
        "the source changed since the export",
    );
    let s = Site::example();
    refused(
        &s,
        |s, name| {
            change_title(s, name);
            let text = s.source(name);
            let start = text.find("<unit id=\"what-we-store-li1\">").unwrap();
            let t = start + text[start..].find("<target>").unwrap() + "<target>".len();
            let end = start + text[start..].find("</target>").unwrap();
            s.write(name, &format!("{}{}", &text[..t], &text[end..]));
        },
        "what-we-store-li1",
        "the target is empty",
    );
    let s = Site::example();
    refused(
        &s,
        |s, name| {
            change_title(s, name);
            let text = s.source(name);
            let start = text.find("<unit id=\"intro-p1\">").unwrap();
            let t = start + text[start..].find("<target>").unwrap();
            let ph = t + text[t..].find("<ph ").unwrap();
            let end = ph + text[ph..].find("/>").unwrap() + 2;
            s.write(name, &format!("{}{}", &text[..ph], &text[end..]));
        },
        "intro-p1",
        "the target lost the source's inline codes",
    );
}

/// Every unit of file `file_id` given a target: its source behind `marker`.
fn fill_targets(xlf: &str, file_id: &str, marker: &str) -> String {
    let start = xlf.find(&format!("<file id=\"{file_id}\"")).unwrap();
    let end = start + xlf[start..].find("</file>").unwrap();
    let mut part = String::new();
    let mut rest = &xlf[start..end];
    while let Some(i) = rest.find("<source>") {
        let j = i + rest[i..].find("</source>").unwrap();
        let inner = &rest[i + "<source>".len()..j];
        part.push_str(&rest[..j + "</source>".len()]);
        part.push_str(&format!("<target>{marker}{inner}</target>"));
        rest = &rest[j + "</source>".len()..];
    }
    part.push_str(rest);
    format!("{}{part}{}", &xlf[..start], &xlf[end..])
}

#[test]
fn a_locale_without_a_translation_gets_one_made_from_the_source() {
    let s = Site::fixture("basic");
    let xlf = export(&s, &["--locale", "fr-FR"]);
    assert!(
        !unit(&xlf, "explainer-beta", "title")
            .unwrap()
            .contains("<target>")
    );
    // No target at all: not translated yet, nothing to do.
    s.write("fr.xlf", &xlf);
    let r = s.run(&["l10n", "import", "fr.xlf"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(!s.root.join("content/explainers/beta.fr-FR.md").exists());
    // Some targets but not all: nothing is made.
    let filled = fill_targets(&xlf, "explainer-beta", "FR ");
    s.write(
        "fr.xlf",
        &filled.replacen("<target>FR The second explainer.</target>", "", 1),
    );
    let r = s.run(&["l10n", "import", "fr.xlf"]);
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains(
            "unit `summary`: no target: content/explainers/beta.fr-FR.md does not exist yet"
        ),
        "{}",
        r.stderr
    );
    assert!(!s.root.join("content/explainers/beta.fr-FR.md").exists());
    // Alpha's French translation is complete but unstamped: its targets are the
    // current text, so only beta is written.
    s.write("fr.xlf", &filled);
    let r = s.run(&["l10n", "import", "fr.xlf"]);
    assert!(
        r.stderr
            .contains("into content/explainers/beta.fr-FR.md, stamped"),
        "{}",
        r.stderr
    );
    let made = s.source("content/explainers/beta.fr-FR.md");
    assert!(made.contains("title: \"FR Beta\""), "{made}");
    assert!(made.contains("source_hash:"), "{made}");
    assert!(
        made.contains("FR Beta body. Back to [alpha](alpha.md#more)."),
        "{made}"
    );
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    // Exported again, beta is translated and current.
    let again = export(&s, &["--locale", "fr-FR", "--only", "all"]);
    let title = unit(&again, "explainer-beta", "title").unwrap();
    assert!(
        title.contains("state=\"translated\"") && title.contains("<target>FR Beta</target>"),
        "{title}"
    );
}

#[test]
fn on_screen_text_carries_its_character_limit() {
    let s = Site::example();
    let ja = export(&s, &["--locale", "ja-JP", "--only", "all"]);
    assert!(ja.contains("<note category=\"role\">screen</note>"));
    assert!(ja.contains(
        "<note category=\"limit\">at most 32 characters: on-screen text shows two caption lines</note>"
    ));
    let fr = export(&s, &["--locale", "fr", "--only", "all"]);
    assert!(fr.contains("<note category=\"limit\">at most 84 characters"));
}

#[test]
fn a_crlf_translation_stays_crlf_when_a_target_changes() {
    let s = Site::example();
    let file = "content/explainers/where-your-data-is-stored.fr.md";
    let crlf = s.source(file).replace('\n', "\r\n");
    s.write(file, &crlf);
    let name = export_file(&s, "fr");
    s.edit(
        &name,
        "<target>Où sont stockées vos données</target>",
        "<target>Vos données</target>",
    );
    let r = s.run(&["l10n", "import", &name]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        s.source(file),
        crlf.replace(
            "title: Où sont stockées vos données\r\n",
            "title: \"Vos données\"\r\n"
        )
    );
}

/// A document that is not UTF-8 (a Latin-1 export, a byte cut in two) is the
/// vendor's file to fix: exit 1 at its first bad byte, and nothing is written.
#[test]
fn a_document_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
    let s = Site::fixture("basic");
    let name = export_file(&s, "fr");
    let xlf = s.source(&name);
    let before = crate::harness::tree(&s.root.join("content"));
    let first_target = xlf.find("<target>").unwrap() + "<target>".len();
    let line = xlf[..first_target].lines().count();
    let column = first_target - xlf[..first_target].rfind('\n').unwrap();
    let cut_in_two = "é".as_bytes()[..1].to_vec();
    for bad in [vec![0xE9], cut_in_two, vec![0xFF, 0xFE]] {
        let mut bytes = xlf.as_bytes()[..first_target].to_vec();
        bytes.extend_from_slice(&bad);
        bytes.extend_from_slice(&xlf.as_bytes()[first_target..]);
        s.write_bytes("bad.xlf", &bytes);
        let r = s.run(&["l10n", "import", "bad.xlf"]);
        assert_eq!(r.status, 1, "{bad:?}: {}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("bad.xlf:{line}:{column}: error[encoding]")),
            "{bad:?}: {}",
            r.stderr
        );
        assert!(crate::harness::tree(&s.root.join("content")) == before);
    }
}
