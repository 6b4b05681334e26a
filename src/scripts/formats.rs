//! Teleprompter text and JSON forms of a timed script.

use super::TimedScript;
use std::fmt::Write as _;

/// Plain teleprompter text: one spoken line a paragraph; on-screen text and notes
/// marked in brackets so that nobody reads them aloud.
pub fn render_txt(script: &TimedScript, labels: &TxtLabels) -> String {
    let mut out = format!(
        "{}\n{}\n",
        script.title,
        "=".repeat(script.title.chars().count().min(60))
    );
    for line in &script.lines {
        let _ = write!(out, "\n{}\n", line.text);
        if let Some(screen) = &line.screen {
            let _ = writeln!(out, "[{}: {screen}]", labels.screen);
        }
        if let Some(note) = &line.note {
            let _ = writeln!(out, "[{}: {note}]", labels.note);
        }
    }
    let _ = write!(out, "\n[{}: {}]\n", labels.total, labels.seconds);
    out
}

/// Localized words of the text form.
pub struct TxtLabels {
    pub screen: String,
    pub note: String,
    pub total: String,
    /// The total duration, already formatted (`about 32 seconds`).
    pub seconds: String,
}

/// The JSON form (documented in the README).
pub fn render_json(script: &TimedScript) -> String {
    let mut s = serde_json::to_string_pretty(script).unwrap_or_default();
    s.push('\n');
    s
}
