use super::*;
use crate::diagnostics::SourceFile;
use crate::l10n::{Layer, parse_ftl};
use crate::testing::{doc, example_config};

fn build(
    body: &str,
    market: &str,
    lang: &str,
    limits: ScriptLimits,
) -> (Option<TimedScript>, Vec<Diagnostic>) {
    let c = example_config();
    let mut d = Diagnostics::new();
    let files = vec![parse_ftl(
        SourceFile::new("locales/en-US/site.ftl", "-brand = Kestrel\n"),
        "en-US",
        Layer::Site,
        &mut d,
    )];
    let messages = Messages::for_market(c.market(market).unwrap(), &files, &mut Diagnostics::new());
    let d2 = doc(body);
    let rates = crate::testing::rates();
    let cx = ScriptContext {
        market: c.market(market).unwrap(),
        messages: &messages,
        limits,
        slug: "x",
        title: "X",
        lang,
        rates: &rates,
    };
    let s = build_script(&d2, &cx, &mut d);
    (s, d.into_sorted())
}

fn ok(body: &str, market: &str, lang: &str) -> TimedScript {
    let (s, d) = build(body, market, lang, ScriptLimits::default());
    assert!(d.is_empty(), "{d:?}");
    s.unwrap()
}

const SCRIPT: &str = "::::script\nhook: Where do your videos actually live?\nnote: Hold up your phone.\nbeat: At {{ t \"-brand\" }}, in secure data centers.\nscreen: Secure data centers\nbeat: Only staff who need it.\ncta: Check yours today.\n::::\n";

#[test]
fn lines_are_timed_by_hand_computed_figures() {
    let s = ok(SCRIPT, "us", "en");
    let rate = 6.19 * 0.65;
    // hook: 9 syllables (see timing tests)
    assert_eq!((s.lines[0].start, s.lines[0].end), (0.0, 2.24));
    assert_eq!(s.lines[0].note.as_deref(), Some("Hold up your phone."));
    // beat 1: "At Kestrel, in secure data centers." at(1) kes-trel(2) in(1) se-cure(2: e,u, silent e) da-ta(2) cen-ters(2) = 10
    assert_eq!(s.lines[1].text, "At Kestrel, in secure data centers.");
    assert_eq!(s.lines[1].start, 2.64);
    assert_eq!(s.lines[1].end, round2(2.64 + round2(10.0 / rate)));
    // The screen text is up from the line's start; its 19 characters take
    // 1.12 s to read at 17 a second, less than the line: it goes with it, and
    // the next line follows after the pause.
    assert_eq!(s.lines[1].screen.as_deref(), Some("Secure data centers"));
    assert_eq!(s.lines[1].screen_end, Some(s.lines[1].end));
    assert_eq!(s.lines[2].start, round2(s.lines[1].end + 0.4));
    assert_eq!(s.lines.len(), 4);
    assert_eq!(s.total_seconds, s.lines[3].end);
    assert_eq!(s.lines[3].role, Role::Cta);
}

#[test]
fn japanese_is_timed_in_morae_and_its_captions_read_within_the_japanese_rate() {
    let (s, d) = build(
        "::::script\nhook: どこに保存されていますか？\nbeat: あ\nbeat: い\ncta: う\n::::\n",
        "jp",
        "ja",
        ScriptLimits::default(),
    );
    assert_eq!(s.unwrap().lines[0].end, 2.75);
    // 13 characters up until the pause after the line (3.15 s): 4.1 a
    // second, under the 6 that scripts/rates.yaml gives Japanese.
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn errors_name_the_market_when_variants_leave_too_few_beats() {
    let body = "::::script\nhook: H\nbeat: One\n\n:::variant{for=\"us\"}\nbeat: Two\n:::\n\ncta: C\n::::\n";
    assert_eq!(ok(body, "us", "en").lines.len(), 4);
    let (s, d) = build(body, "fr", "en", ScriptLimits::default());
    assert!(s.is_none());
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].message,
        "the script has 1 beat for this market; it needs 2 to 4"
    );
    assert_eq!(
        (d[0].market.as_deref(), d[0].location.as_ref().unwrap().line),
        (Some("fr"), 1)
    );
}

fn first_error(body: &str) -> (String, usize) {
    let (_, d) = build(body, "us", "en", ScriptLimits::default());
    let e = d
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("no error for {body}"));
    (e.message.clone(), e.location.as_ref().unwrap().line)
}

#[test]
fn structure_errors_point_at_their_lines() {
    let cases: &[(&str, &str, usize)] = &[
        (
            "::::script\nbeat: A\nhook: H\nbeat: B\ncta: C\n::::\n",
            "the hook must be the first spoken line",
            3,
        ),
        (
            "::::script\nbeat: A\nbeat: B\ncta: C\n::::\n",
            "the script has no `hook:` line",
            1,
        ),
        (
            "::::script\nhook: H\nhook: H2\nbeat: A\nbeat: B\ncta: C\n::::\n",
            "a second `hook:` line",
            3,
        ),
        (
            "::::script\nhook: H\nbeat: A\nbeat: B\nbeat: C\nbeat: D\nbeat: E\ncta: C\n::::\n",
            "the script has 5 beats for this market; it needs 2 to 4",
            1,
        ),
        (
            "::::script\nhook: H\nbeat: A\nbeat: B\n::::\n",
            "the script has no `cta:` line",
            1,
        ),
        (
            "::::script\nhook: H\nbeat: A\ncta: C\nbeat: B\n::::\n",
            "the call to action must be the last spoken line",
            4,
        ),
        (
            "::::script\nscreen: S\nhook: H\nbeat: A\nbeat: B\ncta: C\n::::\n",
            "`screen:` text needs a spoken line before it",
            2,
        ),
    ];
    for (body, message, line) in cases {
        assert_eq!(first_error(body), (message.to_string(), *line), "{body}");
    }
}

#[test]
fn limits_name_the_market_estimate_and_limit() {
    let limits = ScriptLimits {
        max_seconds: 5.0,
        hook_max_seconds: 2.0,
        ..ScriptLimits::default()
    };
    let (s, d) = build(SCRIPT, "uk", "en", limits);
    assert!(s.is_none());
    let msgs: Vec<(&str, &str, usize)> = d
        .iter()
        .map(|d| {
            (
                d.code.name(),
                d.message.as_str(),
                d.location.as_ref().unwrap().line,
            )
        })
        .collect();
    assert_eq!(
        msgs,
        [
            (
                "script-too-long",
                "the script takes about 8.4 s; the limit is 5 s",
                1
            ),
            (
                "script-too-long",
                "the hook takes about 2.2 s to say; the limit is 2 s",
                2
            ),
        ]
    );
    assert!(d.iter().all(|d| d.market.as_deref() == Some("uk")));
}

#[test]
fn the_caption_file_is_exactly_webvtt() {
    let s = ok(
        "::::script\nhook: Q&A: <who> sees it?\nbeat: Only staff who need your data for their job can open it, and every access is logged.\nscreen: Logged & <checked>\nbeat: You can ask.\ncta: Check yours.\n::::\n",
        "us",
        "en",
    );
    let vtt = vtt::render_vtt(&s);
    let stamp = |t: f64| {
        let ms = (t * 1000.0).round() as u64;
        format!(
            "00:{:02}:{:02}.{:03}",
            ms / 60_000,
            ms / 1000 % 60,
            ms % 1000
        )
    };
    let [hook, beat, beat2, cta] = &s.lines[..] else {
        panic!("{:?}", s.lines)
    };
    // The long beat has three caption lines, broken between phrases: two
    // cues, their time shared by characters (29 + 26 against 27). A line's
    // last cue stays up half a second into the pause, or until the next line.
    let split = round2(beat.start + (beat.end - beat.start) * 55.0 / 82.0);
    let expected = format!(
        "WEBVTT\n\
         \nhook-1-1\n{} --> {}\nQ&amp;A: &lt;who&gt; sees it?\n\
         \nbeat-2-1\n{} --> {}\nOnly staff who need your data\nfor their job can open it,\n\
         \nbeat-2-2\n{} --> {}\nand every access is logged.\n\
         \nbeat-3-1\n{} --> {}\nYou can ask.\n\
         \ncta-4-1\n{} --> {}\nCheck yours.\n",
        stamp(hook.start),
        stamp(beat.start),
        stamp(beat.start),
        stamp(split),
        stamp(split),
        stamp(beat2.start),
        stamp(beat2.start),
        stamp(cta.start),
        stamp(cta.start),
        stamp(cta.end + 0.5),
    );
    assert_eq!(vtt, expected);
    // The on-screen text is a track of its own, from its line's start.
    let screen = vtt::render_screen_vtt(&s, "en");
    let expected = format!(
        "WEBVTT\n\nscreen-2\n{} --> {} line:10% position:50% align:center\nLogged &amp; &lt;checked&gt;\n",
        stamp(beat.start),
        stamp(beat.screen_end.unwrap()),
    );
    assert_eq!(screen, expected);
}
