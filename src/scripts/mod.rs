//! Creator scripts: the `::::script` block of an explainer, resolved for a market,
//! checked, timed, and rendered as teleprompter text, JSON, captions (WebVTT
//! and SubRip) and an on-screen text track.

pub mod formats;
pub mod rates;
pub mod timing;
pub mod vtt;

use crate::config::{Market, ScriptLimits};
use crate::content::{Document, Role, ScriptLine};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, plural};
use crate::l10n::{Messages, expand_placeholders};
use crate::resolve::resolve_script;
use rates::Rates;
use serde::{Deserialize, Serialize};
use timing::{round2, speaking_seconds};

/// A spoken line with its estimated times and the directions attached to it:
/// its on-screen text, shown from the line's start until `screen_end`, and
/// its note, whose duration (`note: (2s) …`) passes before the next line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimedLine {
    pub role: Role,
    pub text: String,
    pub start: f64,
    pub end: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub screen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screen_end: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_seconds: Option<f64>,
}

impl TimedLine {
    pub fn seconds(&self) -> f64 {
        round2(self.end - self.start)
    }
}

/// A market's script: what the JSON output holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimedScript {
    pub market: String,
    pub locale: String,
    pub slug: String,
    pub title: String,
    pub total_seconds: f64,
    pub lines: Vec<TimedLine>,
    /// Its captions, cut once for the WebVTT and SubRip files and the checks.
    #[serde(skip)]
    pub cues: Vec<vtt::Cue>,
}

impl TimedScript {
    /// Whether any line has on-screen text: then it has a `.screen.vtt` track.
    pub fn has_screen_text(&self) -> bool {
        self.lines.iter().any(|l| l.screen.is_some())
    }
}

/// What a script needs besides its document.
pub struct ScriptContext<'a> {
    pub market: &'a Market,
    pub messages: &'a Messages,
    pub limits: ScriptLimits,
    pub slug: &'a str,
    pub title: &'a str,
    /// Language whose speaking rate applies: the document's language.
    pub lang: &'a str,
    pub rates: &'a Rates,
}

/// Resolve, check and time the script of `doc` for a market. `None` when there is
/// no script, or when it has errors (pushed into `diags`). The script of a file
/// whose directives have errors is not checked: its lines are the parser's best
/// reading, and the directive error is the one finding for the mistake.
pub fn build_script(
    doc: &Document,
    cx: &ScriptContext,
    diags: &mut Diagnostics,
) -> Option<TimedScript> {
    if doc.body.has_errors {
        return None;
    }
    let lines = resolve_script(doc, cx.market)?;
    let script = doc.body.script.as_ref()?;
    let before = diags.error_count();
    let report = |diags: &mut Diagnostics, at: usize, msg: String, help: &str| {
        let d = Diagnostic::error(Code::Script, msg)
            .at(doc.file.location(at))
            .market(cx.market.id.clone());
        diags.push(if help.is_empty() { d } else { d.help(help) });
    };
    check_structure(&lines, script.open_at, &mut |at, msg, help| {
        report(diags, at, msg, help)
    });
    if diags.error_count() > before {
        return None;
    }
    let timed = time_lines(doc, &lines, cx, diags);
    let last = timed.last()?;
    let screens = timed.iter().filter_map(|l| l.screen_end);
    let total = round2(screens.fold(last.end + last.note_seconds.unwrap_or(0.0), f64::max));
    let hook_at = (lines.iter())
        .find(|l| l.role == Role::Hook)
        .map_or(script.open_at, |l| l.at);
    check_length(&timed[0], hook_at, total, script.open_at, (doc, cx), diags);
    let spoken_at: Vec<usize> = (lines.iter())
        .filter(|l| l.role.is_spoken())
        .map(|l| l.at)
        .collect();
    let cues = vtt::cues_of_lines(&timed, cx.lang);
    check_pace(&timed, &cues, &spoken_at, (doc, cx), diags);
    (diags.error_count() == before).then(|| TimedScript {
        market: cx.market.id.clone(),
        locale: cx.market.locale.clone(),
        slug: cx.slug.to_string(),
        title: cx.title.to_string(),
        total_seconds: total,
        lines: timed,
        cues,
    })
}

/// The lines with their messages expanded, each spoken line timed after the
/// one before; screen text and notes go with the spoken line they follow.
fn time_lines(
    doc: &Document,
    lines: &[&ScriptLine],
    cx: &ScriptContext,
    diags: &mut Diagnostics,
) -> Vec<TimedLine> {
    let mut timed: Vec<TimedLine> = Vec::new();
    let mut clock = 0.0;
    let pause = cx.rates.pause_seconds;
    let mut budget = crate::l10n::MAX_INSERTED_BYTES;
    for line in lines {
        let mut errors = Vec::new();
        let text = expand_placeholders(&line.text, cx.messages, &mut budget, |_, e| errors.push(e))
            .into_owned();
        let text = if cx.market.pseudo {
            crate::pseudo::pseudolocalize(&text)
        } else {
            text
        };
        for e in errors {
            diags.push(
                e.at(doc.file.location(line.at))
                    .market(cx.market.id.clone()),
            );
        }
        if line.role.is_spoken() {
            if let Some(prev) = timed.last() {
                clock = prev.end + pause.max(prev.note_seconds.unwrap_or(0.0));
            }
            let end = round2(clock + speaking_seconds(&text, cx.lang, cx.rates));
            timed.push(TimedLine {
                role: line.role,
                text,
                start: round2(clock),
                end,
                screen: None,
                screen_end: None,
                note: None,
                note_seconds: None,
            });
        } else if let Some(last) = timed.last_mut() {
            let text = if line.role == Role::Note {
                let (seconds, rest) = timing::note_duration(&text);
                if let Some(s) = seconds {
                    last.note_seconds = Some(round2(last.note_seconds.unwrap_or(0.0) + s));
                }
                rest.to_string()
            } else {
                text
            };
            let slot = if line.role == Role::Screen {
                &mut last.screen
            } else {
                &mut last.note
            };
            *slot = Some(match slot.take() {
                Some(prev) => format!("{prev} {text}"),
                None => text,
            });
        }
    }
    time_screens(&mut timed, cx);
    timed
}

/// On-screen text is shown from the start of its line until it has been read
/// (past the line's end only when it needs longer), and gone when the next
/// on-screen text comes.
fn time_screens(timed: &mut [TimedLine], cx: &ScriptContext) {
    let starts: Vec<Option<f64>> = (timed.iter())
        .map(|l| l.screen.as_ref().map(|_| l.start))
        .collect();
    for (i, line) in timed.iter_mut().enumerate() {
        let Some(screen) = &line.screen else { continue };
        let read = timing::reading_seconds(screen, cx.lang, cx.rates);
        let next = starts[i + 1..].iter().flatten().next().copied();
        let end = (line.end.max(line.start + read)).min(next.unwrap_or(f64::INFINITY));
        line.screen_end = Some(round2(end));
    }
}

/// Warnings a creator can act on: a beat longer than the market's limit, and
/// a caption cue faster than viewers read.
fn check_pace(
    timed: &[TimedLine],
    cues: &[vtt::Cue],
    spoken_at: &[usize],
    (doc, cx): (&Document, &ScriptContext),
    diags: &mut Diagnostics,
) {
    let warn = |code, at: usize, msg: String, help: &str| {
        Diagnostic::warning(code, msg)
            .at(doc.file.location(at))
            .market(cx.market.id.clone())
            .help(help)
    };
    for (line, &at) in timed.iter().zip(spoken_at) {
        if line.role == Role::Beat && line.seconds() > cx.limits.beat_max_seconds {
            diags.push(warn(
                Code::LongBeat,
                at,
                format!(
                    "in {} ({}), this beat takes about {:.1} s; a beat should take at most {} s",
                    cx.market.name,
                    cx.market.id,
                    line.seconds(),
                    cx.limits.beat_max_seconds
                ),
                "split it into two beats, or shorten it (scripts.beat_max_seconds sets the limit)",
            ));
        }
    }
    let limit = cx.rates.reading(cx.lang);
    for cue in cues {
        let chars: f64 = cue
            .lines
            .iter()
            .map(|l| timing::reading_chars(l, cx.lang))
            .sum();
        let cps = chars / (cue.end - cue.start).max(0.01);
        if cps > limit * 1.0001 {
            let at = spoken_at.get(cue.line).copied().unwrap_or(0);
            diags.push(warn(
                Code::ReadingSpeed,
                at,
                format!(
                    "in {}, the caption \"{}\" asks {cps:.1} characters a second; viewers read {limit}",
                    cx.market.id,
                    cue.lines.join(" ")
                ),
                "shorten the line, or split it (scripts/rates.yaml holds the reading rates)",
            ));
        }
    }
}

/// The market's limits: the hook (at `hook_at`) and the whole script (`total`
/// seconds, its block at `open_at`).
fn check_length(
    hook: &TimedLine,
    hook_at: usize,
    total: f64,
    open_at: usize,
    (doc, cx): (&Document, &ScriptContext),
    diags: &mut Diagnostics,
) {
    let limits = &cx.limits;
    if hook.seconds() > limits.hook_max_seconds {
        let d = Diagnostic::error(
            Code::ScriptTooLong,
            format!(
                "the hook takes about {:.1} s to say; the limit is {} s",
                hook.seconds(),
                limits.hook_max_seconds
            ),
        )
        .at(doc.file.location(hook_at))
        .market(cx.market.id.clone())
        .help("shorten the hook: it has to land before viewers scroll on");
        diags.push(d);
    }
    if total > limits.max_seconds {
        let d = Diagnostic::error(
            Code::ScriptTooLong,
            format!(
                "the script takes about {total:.1} s; the limit is {} s",
                limits.max_seconds
            ),
        )
        .at(doc.file.location(open_at))
        .market(cx.market.id.clone())
        .help(
            "cut a beat or shorten lines (scripts.max_seconds in glasshouse.yaml sets the limit)",
        );
        diags.push(d);
    }
}

/// The rules of a resolved script: hook first and alone, two to four beats, one
/// call to action as the last spoken line, and screen text only after a spoken line.
fn check_structure(
    lines: &[&ScriptLine],
    open_at: usize,
    report: &mut dyn FnMut(usize, String, &str),
) {
    let spoken: Vec<&&ScriptLine> = lines.iter().filter(|l| l.role.is_spoken()).collect();
    let count = |r: Role| spoken.iter().filter(|l| l.role == r).count();
    match spoken.first() {
        None => {
            return report(
                open_at,
                "the script has no spoken lines".into(),
                "start with `hook:`, then 2–4 `beat:` lines and a `cta:`",
            );
        }
        Some(first) if first.role != Role::Hook => {
            let at = spoken
                .iter()
                .find(|l| l.role == Role::Hook)
                .map_or(first.at, |l| l.at);
            report(at, "the hook must be the first spoken line".into(), "");
        }
        _ => {}
    }
    if count(Role::Hook) == 0 {
        report(open_at, "the script has no `hook:` line".into(), "");
    }
    for extra in spoken.iter().filter(|l| l.role == Role::Hook).skip(1) {
        report(
            extra.at,
            "a second `hook:` line".into(),
            "a script has exactly one hook",
        );
    }
    let beats = count(Role::Beat);
    if !(2..=4).contains(&beats) {
        report(
            open_at,
            format!(
                "the script has {} for this market; it needs 2 to 4",
                plural(beats, "beat")
            ),
            "check the `beat:` lines in each variant block",
        );
    }
    match spoken.iter().rposition(|l| l.role == Role::Cta) {
        None => report(
            open_at,
            "the script has no `cta:` line".into(),
            "end with the call to action",
        ),
        Some(i) if i + 1 != spoken.len() => report(
            spoken[i].at,
            "the call to action must be the last spoken line".into(),
            "",
        ),
        Some(_) => {}
    }
    for extra in spoken.iter().filter(|l| l.role == Role::Cta).rev().skip(1) {
        report(
            extra.at,
            "a second `cta:` line".into(),
            "a script has exactly one call to action",
        );
    }
    if let Some(first) = lines.first().filter(|l| l.role == Role::Screen) {
        report(
            first.at,
            "`screen:` text needs a spoken line before it".into(),
            "put `screen:` right after the line it illustrates",
        );
    }
}

#[cfg(test)]
mod tests;
