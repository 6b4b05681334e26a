//! Captions: one or more cues per spoken line, at most two lines of at most
//! 42 characters (18 for Japanese) per cue, cut at word or phrase boundaries;
//! on-screen text as its own cue at the top of the frame, held after its line so
//! that no two cues overlap. Written as WebVTT and, with the same cues, SubRip.

use super::TimedScript;
use std::fmt::Write as _;

/// Characters per caption line (BBC and Netflix guidance: 42 for Latin script;
/// Japanese subtitles are set at 13 to 20 characters a line).
pub fn max_line_chars(lang: &str) -> usize {
    if lang == "ja" { 18 } else { 42 }
}

/// How long on-screen text stays up after its line: long enough to read it
/// (Netflix timed-text guidance: 17 characters a second for adult English, 4 for
/// Japanese; we use 15 and 4), and at least one second.
pub fn screen_hold(screen: Option<&str>, lang: &str) -> f64 {
    let Some(text) = screen else { return 0.0 };
    let cps = if lang == "ja" { 4.0 } else { 15.0 };
    super::timing::round2((text.chars().count() as f64 / cps).max(1.0))
}

/// One caption cue: its id, its times in seconds, its WebVTT settings (empty
/// for none) and its lines of text. The WebVTT and SubRip files are written from
/// the same cues.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub id: String,
    pub start: f64,
    pub end: f64,
    pub settings: &'static str,
    pub lines: Vec<String>,
}

/// The cues of a timed script: each spoken line cut into cues of two caption
/// lines, timed in proportion to their length, and its on-screen text as a cue
/// of its own.
pub fn cues(script: &TimedScript, lang: &str) -> Vec<Cue> {
    let max = max_line_chars(lang);
    let mut out = Vec::new();
    for (i, line) in script.lines.iter().enumerate() {
        let lines = wrap(&line.text, max, lang);
        let chunks: Vec<&[String]> = lines.chunks(2).collect();
        let weights: Vec<usize> = (chunks.iter())
            .map(|c| c.iter().map(|l| l.chars().count()).sum::<usize>().max(1))
            .collect();
        let total: usize = weights.iter().sum();
        let span = line.end - line.start;
        let mut start = line.start;
        let mut acc = 0;
        for (j, chunk) in chunks.iter().enumerate() {
            acc += weights[j];
            let end = if j + 1 == chunks.len() {
                line.end
            } else {
                line.start + span * acc as f64 / total as f64
            };
            out.push(Cue {
                id: format!("{}-{}-{}", line.role.as_str(), i + 1, j + 1),
                start,
                end,
                settings: "",
                lines: chunk.to_vec(),
            });
            start = end;
        }
        if let Some(screen) = &line.screen {
            let mut lines = wrap(screen, max, lang);
            lines.truncate(2);
            out.push(Cue {
                id: format!("screen-{}", i + 1),
                start: line.end,
                end: line.end + screen_hold(Some(screen), lang),
                // At the top of the frame, clear of the captions.
                settings: "line:10% position:50% align:center",
                lines,
            });
        }
    }
    out
}

/// The WebVTT file of a timed script.
pub fn render_vtt(script: &TimedScript, lang: &str) -> String {
    let mut out = String::from("WEBVTT\n");
    for cue in cues(script, lang) {
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
pub fn render_srt(script: &TimedScript, lang: &str) -> String {
    let mut out = String::new();
    for (n, cue) in cues(script, lang).iter().enumerate() {
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

/// Break `text` into caption lines of at most `max` characters: between words, or
/// for Japanese after punctuation and particles; a line ends early at a comma or
/// full stop once it is more than half full.
pub fn wrap(text: &str, max: usize, lang: &str) -> Vec<String> {
    let japanese;
    let units: Vec<&str> = if lang == "ja" {
        japanese = japanese_units(text, max);
        japanese.iter().map(String::as_str).collect()
    } else {
        text.split_whitespace().collect()
    };
    let sep = if lang == "ja" { "" } else { " " };
    let mut lines: Vec<String> = Vec::new();
    // A caption line holds at most `max` characters (and a unit longer than a
    // line): each is sized once when its first unit comes, not grown by doubling.
    let line_capacity = (max * 4).min(text.len());
    let mut current = String::new();
    // Characters in `current`.
    let mut chars = 0;
    for unit in units {
        let unit_chars = unit.chars().count();
        if !current.is_empty() && chars + sep.len() + unit_chars > max {
            lines.push(std::mem::take(&mut current));
            chars = 0;
        }
        if current.is_empty() {
            current.reserve(line_capacity);
        } else {
            current.push_str(sep);
            chars += sep.len();
        }
        current.push_str(unit);
        chars += unit_chars;
        let phrase_end = current.ends_with([',', '.', ';', ':', '、', '。', '！', '？', '!', '?']);
        if phrase_end && chars * 2 > max {
            lines.push(std::mem::take(&mut current));
            chars = 0;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Japanese text cut into phrases: after punctuation, and, for phrases longer
/// than a line, after a particle or at the line length.
fn japanese_units(text: &str, max: usize) -> Vec<String> {
    const PUNCT: &[char] = &['、', '。', '！', '？', '!', '?', '」', '）'];
    const PARTICLES: &[char] = &['は', 'が', 'を', 'に', 'で', 'と', 'も', 'へ', 'の'];
    let mut phrases = Vec::new();
    let mut cur = String::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        cur.push(c);
        if PUNCT.contains(&c) {
            phrases.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        phrases.push(cur);
    }
    let mut units = Vec::new();
    for p in phrases {
        let chars: Vec<char> = p.chars().collect();
        let mut start = 0;
        while chars.len() - start > max {
            let window = &chars[start..start + max];
            let cut = window
                .iter()
                .rposition(|c| PARTICLES.contains(c))
                .filter(|&i| i * 2 >= max)
                .map_or(max, |i| i + 1);
            units.push(chars[start..start + cut].iter().collect());
            start += cut;
        }
        units.push(chars[start..].iter().collect());
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_within_the_limit() {
        let lines = wrap(
            "Only staff who need your data for their job can open it, and every access is logged.",
            42,
            "en",
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 42), "{lines:?}");
        assert_eq!(lines[0], "Only staff who need your data for their");
        assert_eq!(
            lines.join(" "),
            "Only staff who need your data for their job can open it, and every access is logged."
        );
    }

    #[test]
    fn ends_a_line_at_a_comma_once_half_full() {
        let lines = wrap(
            "In secure data centers, looked after by a dedicated team.",
            42,
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
        let lines = wrap(text, 18, "ja");
        assert!(lines.iter().all(|l| l.chars().count() <= 18), "{lines:?}");
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
