//! Captions: one or more cues per spoken line, at most two lines each, cut
//! between phrases (`crate::segment`: BudouX for Japanese, Unicode line
//! breaks for the rest). Captions carry speech only; on-screen text is a track
//! of its own (`.screen.vtt`), for editors that want it as a layer. Written as
//! WebVTT and, with the same cues, SubRip.

use super::timing::reading_chars;
use super::{TimedLine, TimedScript};
use std::fmt::Write as _;

/// How wide a caption line may be: 42 characters (BBC and Netflix guidance),
/// in Japanese 16 full-width characters, a half-width one counting as half
/// (Netflix's Japanese guide; broadcasters set 13 to 16).
pub fn max_line_width(lang: &str) -> f64 {
    if lang == "ja" { 16.0 } else { 42.0 }
}

/// One caption cue: its id, its times in seconds, its WebVTT settings (empty
/// for none), its lines of text, and the spoken line it is cut from. The
/// WebVTT and SubRip files are written from the same cues.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub id: String,
    pub start: f64,
    pub end: f64,
    pub settings: &'static str,
    pub lines: Vec<String>,
    /// Index of the spoken line.
    pub line: usize,
}

/// How long a line's last caption may stay after the speech ends, into the
/// pause before the next line: Netflix's guide allows 12 frames (0.5 s at 24
/// frames a second) for the sake of reading speed.
const TRAIL_SECONDS: f64 = 0.5;

/// Each spoken line cut into cues of two caption lines, timed in proportion
/// to their length; the last stays up into the pause after it.
pub fn cues_of_lines(timed: &[TimedLine], lang: &str) -> Vec<Cue> {
    let mut out = Vec::new();
    for (i, line) in timed.iter().enumerate() {
        let next = timed.get(i + 1).map_or(f64::INFINITY, |n| n.start);
        let last_end = super::timing::round2((line.end + TRAIL_SECONDS).min(next));
        let lines = wrap(&line.text, lang);
        let chunks: Vec<&[String]> = lines.chunks(2).collect();
        let weights: Vec<f64> = (chunks.iter())
            .map(|c| {
                c.iter()
                    .map(|l| reading_chars(l, lang))
                    .sum::<f64>()
                    .max(1.0)
            })
            .collect();
        let total: f64 = weights.iter().sum();
        let span = line.end - line.start;
        let mut start = line.start;
        let mut acc = 0.0;
        for (j, chunk) in chunks.iter().enumerate() {
            acc += weights[j];
            let end = if j + 1 == chunks.len() {
                last_end
            } else {
                super::timing::round2(line.start + span * acc / total)
            };
            out.push(Cue {
                id: format!("{}-{}-{}", line.role.as_str(), i + 1, j + 1),
                start,
                end,
                settings: "",
                lines: chunk.to_vec(),
                line: i,
            });
            start = end;
        }
    }
    out
}

/// The on-screen text of a timed script as cues: from the start of its line
/// until it has been read, at the top of the frame.
pub fn screen_cues(script: &TimedScript, lang: &str) -> Vec<Cue> {
    (script.lines.iter().enumerate())
        .filter_map(|(i, line)| {
            let (text, end) = (line.screen.as_ref()?, line.screen_end?);
            let mut lines = wrap(text, lang);
            lines.truncate(2);
            Some(Cue {
                id: format!("screen-{}", i + 1),
                start: line.start,
                end,
                settings: "line:10% position:50% align:center",
                lines,
                line: i,
            })
        })
        .collect()
}

/// The WebVTT captions of a timed script.
pub fn render_vtt(script: &TimedScript) -> String {
    write_vtt(&script.cues)
}

/// The WebVTT track of a script's on-screen text.
pub fn render_screen_vtt(script: &TimedScript, lang: &str) -> String {
    write_vtt(&screen_cues(script, lang))
}

fn write_vtt(cues: &[Cue]) -> String {
    let mut out = String::from("WEBVTT\n");
    for cue in cues {
        let _ = write!(out, "\n{}\n", cue.id);
        push_timing(&mut out, cue.start, cue.end, '.');
        if !cue.settings.is_empty() {
            out.push(' ');
            out.push_str(cue.settings);
        }
        out.push('\n');
        if cue.lines.is_empty() {
            out.push('\n');
        }
        push_text(&mut out, &cue.lines);
    }
    out
}

/// The SubRip file of a timed script: the same cues as its WebVTT file,
/// numbered from 1, with comma decimal separators and no settings (SubRip has
/// none) nor escaping (SubRip text is plain).
pub fn render_srt(script: &TimedScript) -> String {
    let mut out = String::new();
    for (n, cue) in script.cues.iter().enumerate() {
        let _ = writeln!(out, "{}", n + 1);
        push_timing(&mut out, cue.start, cue.end, ',');
        out.push('\n');
        for line in &cue.lines {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// A cue's `start --> end`, with `sep` before the milliseconds (`.` in WebVTT,
/// `,` in SubRip).
fn push_timing(out: &mut String, start: f64, end: f64, sep: char) {
    push_stamp(out, start, sep);
    out.push_str(" --> ");
    push_stamp(out, end, sep);
}

/// A cue's text: its lines, escaped, each ending a line of the file.
fn push_text(out: &mut String, lines: &[String]) {
    for line in lines {
        push_escaped(out, line);
        out.push('\n');
    }
}

/// `HH:MM:SS.mmm` (with `sep` before the milliseconds), appended to `out`.
fn push_stamp(out: &mut String, seconds: f64, sep: char) {
    let ms = (seconds * 1000.0).round() as u64;
    let _ = write!(
        out,
        "{:02}:{:02}:{:02}{sep}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    );
}

/// `text` with `&`, `<` and `>` escaped, as WebVTT cue text requires.
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Break `text` into caption lines no wider than `max_line_width`, between
/// phrases; a line ends early after a comma or full stop once it is more than
/// half full, and a phrase wider than a line is cut between characters.
pub fn wrap(text: &str, lang: &str) -> Vec<String> {
    let max = max_line_width(lang);
    let width = |s: &str| reading_chars(s.trim_end(), lang);
    if width(text) <= max {
        return vec![text.trim().to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for piece in crate::segment::phrases(text, lang) {
        if !current.trim().is_empty() && width(&format!("{current}{piece}")) > max {
            lines.push(current.trim_end().to_string());
            current.clear();
        }
        if current.is_empty() && width(piece) > max {
            for ch in piece.chars() {
                if width(&format!("{current}{ch}")) > max {
                    lines.push(std::mem::take(&mut current).trim_end().to_string());
                }
                current.push(ch);
            }
        } else {
            current.push_str(piece);
        }
        let phrase_end = current
            .trim_end()
            .ends_with([',', '.', ';', ':', '、', '。', '！', '？', '!', '?']);
        if phrase_end && width(&current) * 2.0 > max {
            lines.push(current.trim_end().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        lines.push(current.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_within_the_limit() {
        let lines = wrap(
            "Only staff who need your data for their job can open it, and every access is logged.",
            "en",
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 42), "{lines:?}");
        // Broken before "for their job", not inside it.
        assert_eq!(lines[0], "Only staff who need your data");
        assert_eq!(
            lines.join(" "),
            "Only staff who need your data for their job can open it, and every access is logged."
        );
    }

    #[test]
    fn ends_a_line_at_a_comma_once_half_full() {
        let lines = wrap(
            "In secure data centers, looked after by a dedicated team.",
            "en",
        );
        assert_eq!(
            lines,
            [
                "In secure data centers,",
                "looked after by a dedicated team."
            ]
        );
    }

    #[test]
    fn japanese_wraps_at_phrases_and_never_by_spaces() {
        let text =
            "データは安全なデータセンターに保管され、アクセスは必要な担当者だけに限られています。";
        let lines = wrap(text, "ja");
        assert!(lines.iter().all(|l| l.chars().count() <= 16), "{lines:?}");
        assert_eq!(lines.concat(), text);
        assert!(
            lines[0].ends_with('に') || lines[0].ends_with('、'),
            "{lines:?}"
        );
    }

    #[test]
    fn stamps_are_webvtt_timestamps() {
        let stamp = |seconds| {
            let mut out = String::new();
            push_stamp(&mut out, seconds, '.');
            out
        };
        assert_eq!(stamp(0.0), "00:00:00.000");
        assert_eq!(stamp(61.2345), "00:01:01.235");
        assert_eq!(stamp(3_599.999_4), "00:59:59.999");
        assert_eq!(stamp(3_723.05), "01:02:03.050");
        assert_eq!(stamp(360_000.0), "100:00:00.000");
    }
}
