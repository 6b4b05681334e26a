//! Creator scripts in the built site: WebVTT parsed back, JSON round-tripped,
//! teleprompter text, the card, and the errors of each market.

use crate::harness::Site;

/// A cue of a WebVTT file: (id, start, end, settings, text lines).
struct Cue {
    id: String,
    start: f64,
    end: f64,
    settings: String,
    lines: Vec<String>,
}

fn seconds(stamp: &str) -> f64 {
    let parts: Vec<f64> = stamp.split(':').map(|p| p.parse().unwrap()).collect();
    parts.iter().fold(0.0, |acc, p| acc * 60.0 + p)
}

/// A strict reader for the subset glasshouse writes.
fn parse_vtt(text: &str) -> Vec<Cue> {
    let mut blocks = text.split("\n\n");
    assert_eq!(blocks.next(), Some("WEBVTT"), "signature line");
    blocks
        .filter(|b| !b.trim().is_empty())
        .map(|b| {
            let mut lines = b.lines();
            let id = lines.next().unwrap().to_string();
            let timing = lines.next().unwrap();
            let (times, settings) = timing.split_once(" --> ").unwrap();
            let (end, settings) = settings.split_once(' ').unwrap_or((settings, ""));
            Cue {
                id,
                start: seconds(times),
                end: seconds(end),
                settings: settings.to_string(),
                lines: lines.map(str::to_string).collect(),
            }
        })
        .collect()
}

#[test]
fn webvtt_cues_are_ordered_short_and_do_not_overlap() {
    let s = Site::fixture("basic");
    s.edit("content/explainers/alpha.md", "beat: SCRIPT-BEAT-ONE", "beat: SCRIPT-BEAT-ONE is a much longer line that a caption has to break over more than two lines, at word boundaries, so that it reads well.\nscreen: Stored safely");
    // The source alone changed: the market that reads it.
    s.build_ok(&["--market", "us"]);
    let cues = parse_vtt(&s.read("us/scripts/alpha.vtt"));
    assert!(cues.len() >= 5, "{}", cues.len());
    let mut ids = std::collections::HashSet::new();
    for (i, c) in cues.iter().enumerate() {
        assert!(ids.insert(c.id.clone()), "unique ids");
        assert!(c.end > c.start, "cue {} has a duration", c.id);
        assert!(c.lines.len() <= 2, "at most two lines: {:?}", c.lines);
        assert!(
            c.lines.iter().all(|l| l.chars().count() <= 42),
            "{:?}",
            c.lines
        );
        if i > 0 {
            assert!(
                c.start >= cues[i - 1].end - 1e-9,
                "cue {} starts before the previous one ends",
                c.id
            );
        }
    }
    // Captions carry speech: the on-screen text is a track of its own.
    assert!(!cues.iter().any(|c| c.id.starts_with("screen-")));
    let track = parse_vtt(&s.read("us/scripts/alpha.screen.vtt"));
    assert_eq!(track.len(), 1);
    assert!(track[0].settings.contains("line:10%"));
    assert_eq!(track[0].lines, ["Stored safely"]);
    let beat = cues.iter().find(|c| c.id == "beat-2-1").unwrap();
    assert_eq!(track[0].start, beat.start, "shown from its line's start");
    let long: Vec<&Cue> = cues
        .iter()
        .filter(|c| c.id.starts_with("beat-2-"))
        .collect();
    assert!(long.len() >= 2, "a long line is split over several cues");
    let joined: Vec<String> = long.iter().flat_map(|c| c.lines.clone()).collect();
    assert_eq!(
        joined.join(" "),
        "SCRIPT-BEAT-ONE is a much longer line that a caption has to break over more than two lines, at word boundaries, so that it reads well."
    );
}

#[test]
fn japanese_captions_are_at_most_16_full_width_characters_a_line() {
    let s = Site::fixture("basic");
    s.edit("content/explainers/alpha.ja.md", "beat: Beat one ja", "beat: データは安全なデータセンターに保管され、アクセスは必要な担当者だけに限られています。");
    s.build_ok(&[]);
    let cues = parse_vtt(&s.read("jp/scripts/alpha.vtt"));
    assert!(
        cues.iter()
            .all(|c| c.lines.iter().all(|l| l.chars().count() <= 16)),
        "{:?}",
        cues.iter().map(|c| &c.lines).collect::<Vec<_>>()
    );
    // Between phrases: no caption line starts with a particle.
    assert!(
        (cues.iter().flat_map(|c| &c.lines))
            .all(|l| !l.starts_with(['は', 'が', 'を', 'に', 'の', 'で', 'と'])),
        "{:?}",
        cues.iter().map(|c| &c.lines).collect::<Vec<_>>()
    );
    let text: String = cues
        .iter()
        .filter(|c| c.id.starts_with("beat-2-"))
        .flat_map(|c| c.lines.clone())
        .collect();
    assert_eq!(
        text,
        "データは安全なデータセンターに保管され、アクセスは必要な担当者だけに限られています。"
    );
}

#[test]
fn json_round_trips_with_the_documented_keys() {
    let s = Site::fixture("basic");
    s.build_ok(&[]);
    let v: serde_json::Value = serde_json::from_str(&s.read("mx/scripts/alpha.json")).unwrap();
    assert_eq!(v["market"], "mx");
    assert_eq!(v["locale"], "es-MX");
    assert_eq!(v["slug"], "alpha");
    assert_eq!(v["title"], "Alpha es");
    let lines = v["lines"].as_array().unwrap();
    let roles: Vec<&str> = lines.iter().map(|l| l["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["hook", "beat", "beat", "cta"]);
    let total = v["total_seconds"].as_f64().unwrap();
    assert_eq!(lines.last().unwrap()["end"].as_f64().unwrap(), total);
    for l in lines {
        assert!(l["end"].as_f64() > l["start"].as_f64());
        let keys: Vec<&String> = l.as_object().unwrap().keys().collect();
        assert!(
            keys.iter().all(|k| [
                "role",
                "text",
                "start",
                "end",
                "screen",
                "screen_end",
                "note",
                "note_seconds"
            ]
            .contains(&k.as_str())),
            "{keys:?}"
        );
    }
}

#[test]
fn json_round_trips_through_the_script_type() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "beat: SCRIPT-BEAT-ONE",
        "beat: SCRIPT-BEAT-ONE\nscreen: On the phone\nnote: Smile.",
    );
    // The source alone changed: the market that reads it.
    s.build_ok(&["--market", "us"]);
    let json = s.read("us/scripts/alpha.json");
    let script: glasshouse::scripts::TimedScript = serde_json::from_str(&json).unwrap();
    assert_eq!(script.lines[1].screen.as_deref(), Some("On the phone"));
    assert_eq!(
        glasshouse::scripts::formats::render_json(&script),
        json,
        "parse then write gives the same bytes"
    );
}

#[test]
fn teleprompter_text_marks_screen_text_and_notes() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "beat: SCRIPT-BEAT-ONE",
        "beat: SCRIPT-BEAT-ONE\nscreen: On the phone\nnote: Smile.",
    );
    // The source alone changed: the market that reads it.
    s.build_ok(&["--market", "us"]);
    let txt = s.read("us/scripts/alpha.txt");
    assert!(
        txt.contains("\nSCRIPT-BEAT-ONE\n[On screen: On the phone]\n[Note: Smile.]\n"),
        "{txt}"
    );
    assert!(txt.contains("[Total time: about "));
}

#[test]
fn the_card_is_linked_from_the_explainer_and_listed_with_its_duration() {
    let s = Site::fixture("basic");
    // By default consumer pages do not advertise the creator material.
    s.build_ok(&[]);
    for page in [
        "fr/alpha/index.html",
        "fr/index.html",
        "index.html",
        "fr/404.html",
    ] {
        let html = s.read(page);
        assert!(
            !html.contains("/scripts/"),
            "{page} links no creator material: {html}"
        );
    }
    assert!(!s.read("fr/alpha/index.html").contains("script-promo"));
    // The creator pages link each other.
    assert!(
        s.read("fr/scripts/alpha/index.html")
            .contains("href=\"/fr/scripts/\"")
    );
    // A site that opts in links them from the explainers and the footer.
    s.edit(
        "glasshouse.yaml",
        "markets:",
        "scripts: { link_from_pages: true }\nmarkets:",
    );
    s.build_ok(&[]);
    let page = s.read("fr/alpha/index.html");
    assert!(
        page.contains("href=\"/fr/scripts/alpha/\""),
        "explainer links its card"
    );
    assert!(
        page.contains("href=\"/fr/scripts/\""),
        "the footer links the index"
    );
    let card = s.read("fr/scripts/alpha/index.html");
    assert!(card.contains("<html lang=\"fr-FR\">"));
    assert!(card.contains("Hook fr") && card.contains("Go fr"));
    // Each line is labelled with its role as the market names it.
    for role in ["Accroche", "Point clé", "Appel à l&#39;action"] {
        assert!(
            card.contains(&format!("<span class=\"role-name\">{role}</span>")),
            "{role}: {card}"
        );
    }
    assert!(card.contains("@media print") || s.read(&css_path(&card)).contains("@media print"));
    let index = s.read("fr/scripts/index.html");
    assert!(index.contains("href=\"/fr/scripts/alpha/\""));
    // The index gives the running time the card gives (a build keeps only that
    // of each script once its files are written).
    let total = card
        .split_once("<p class=\"total\">")
        .and_then(|(_, rest)| rest.split_once("<strong>"))
        .and_then(|(_, rest)| rest.split_once("</strong>"))
        .map(|(total, _)| total)
        .expect("the card gives the total");
    assert!(
        index.contains(&format!("<p>{total}</p>")),
        "{total}: {index}"
    );
    assert!(!index.contains("/fr/scripts/beta/"), "beta has no script");
    assert!(!s.exists("fr/scripts/beta.vtt"));
}

fn css_path(html: &str) -> String {
    let start = html.find("href=\"/static/").unwrap() + 7;
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[test]
fn too_few_beats_in_one_market_is_an_error_naming_it() {
    let s = Site::fixture("basic");
    s.edit(
        "content/explainers/alpha.md",
        "beat: SCRIPT-BEAT-TWO\n",
        "\n:::variant{for=\"us\"}\nbeat: SCRIPT-BEAT-TWO\n:::\n\n",
    );
    let r = s.build(&["--market", "us", "--market", "uk"]);
    assert_eq!(r.status, 1);
    assert!(
        r.has("content/explainers/alpha.md:33:1: error[script]"),
        "{:?}\n{}",
        r.heads(),
        r.stderr
    );
    assert!(
        r.stderr
            .contains("the script has 1 beat for this market; it needs 2 to 4 (market uk)"),
        "{}",
        r.stderr
    );
    assert!(!s.root.join("public").exists());
}

#[test]
fn over_the_limits_is_an_error_with_estimate_and_limit() {
    let s = Site::fixture("basic");
    s.edit(
        "glasshouse.yaml",
        "markets:",
        "scripts: { max_seconds: 4, hook_max_seconds: 0.5 }\nmarkets:",
    );
    let r = s.build(&[]);
    assert_eq!(r.status, 1);
    assert!(
        r.has("content/explainers/alpha.md:34:1: error[script-too-long]"),
        "{:?}",
        r.heads()
    );
    assert!(r.stderr.contains("; the limit is 4 s"), "{}", r.stderr);
    assert!(r.stderr.contains("the hook takes about"));
    assert!(
        r.has("content/explainers/alpha.de.md:31:1: error[script-too-long]"),
        "{:?}",
        r.heads()
    );
}

/// `(start, end, text)` of each cue of a WebVTT or SubRip file, read plainly.
fn cue_list(text: &str) -> Vec<(String, String, String)> {
    text.split("\n\n")
        .filter_map(|block| {
            let mut lines = block.lines().skip_while(|l| !l.contains(" --> "));
            let timing = lines.next()?;
            let mut parts = timing.split(" --> ");
            let start = parts.next()?.replace(',', ".");
            let end = parts.next()?.split(' ').next()?.replace(',', ".");
            let text = lines.collect::<Vec<_>>().join("\n");
            Some((
                start,
                end,
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            ))
        })
        .collect()
}

#[test]
fn every_script_has_subrip_captions_with_the_cues_of_its_webvtt() {
    let s = Site::example();
    s.build_ok(&[]);
    let mut files = 0;
    for (rel, bytes) in s.snapshot() {
        // The on-screen text track has no SubRip twin: editors import it as a layer.
        let Some(stem) = rel.strip_suffix(".vtt").filter(|s| !s.ends_with(".screen")) else {
            continue;
        };
        let srt = s.read(&format!("{stem}.srt"));
        let vtt = cue_list(&String::from_utf8(bytes).unwrap());
        assert!(!vtt.is_empty(), "{rel}");
        assert_eq!(cue_list(&srt), vtt, "{stem}.srt");
        // SubRip: numbered from 1, comma before the milliseconds, no settings.
        let blocks: Vec<&str> = srt.trim_end().split("\n\n").collect();
        for (n, block) in blocks.iter().enumerate() {
            let mut lines = block.lines();
            assert_eq!(
                lines.next(),
                Some((n + 1).to_string().as_str()),
                "{stem}.srt"
            );
            let timing = lines.next().unwrap();
            assert!(
                timing.len() == 29 && timing.matches(',').count() == 2,
                "{timing}"
            );
        }
        files += 1;
    }
    assert_eq!(files, 42);
}

/// An independent SubRip reader (the `srt` library) and WebVTT reader
/// (`webvtt-py`) find the same cues in both files: `GLASSHOUSE_CAPTIONS_PYTHON`
/// (CI sets it, and then the test must run), else `python3` if it has both.
#[test]
fn independent_readers_find_the_same_cues_in_subrip_and_webvtt() {
    let python = std::env::var_os("GLASSHOUSE_CAPTIONS_PYTHON").map(std::path::PathBuf::from);
    let python = python.or_else(|| {
        let has = std::process::Command::new("python3")
            .args(["-c", "import srt, webvtt"])
            .output()
            .is_ok_and(|o| o.status.success());
        has.then(|| "python3".into())
    });
    let Some(python) = python else {
        eprintln!("skipped: no Python with srt and webvtt-py (set GLASSHOUSE_CAPTIONS_PYTHON)");
        return;
    };
    let s = Site::example();
    s.build_ok(&[]);
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/captions/compare.py");
    let run = std::process::Command::new(python)
        .arg(script)
        .arg(s.out(""))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.contains("42 SubRip files, every cue the same"), "{out}");
}
