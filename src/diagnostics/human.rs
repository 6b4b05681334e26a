//! The human form of a finding: `file:line:col: error[code]: message`, then the
//! source line with a caret under the column and a `help:` line, drawn by
//! annotate-snippets (rustc's renderer, which pads by display width, so the
//! caret stands under full-width Japanese text too).

use super::{Diagnostic, Location, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write as _;

/// `text` fit for a terminal: control characters (the escape sequences of a
/// hostile file among them) shown as their Unicode pictures (`␛`), and
/// direction overrides, which would reorder what a reader sees, as `�`. Each
/// character stays one character, so carets stay in place.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if unsafe_char(c) => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

impl Diagnostic {
    /// The human form: `file:line:col: error[code]: message`, the source line with
    /// a caret under the column, and a `help:` line.
    pub fn render_human(&self) -> String {
        let mut out = String::new();
        if let Some(loc) = &self.location {
            let _ = write!(
                out,
                "{}:{}:{}: ",
                printable(&loc.file),
                loc.line,
                loc.column
            );
        }
        let _ = write!(
            out,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            printable(&self.message)
        );
        if let Some(market) = &self.market {
            let label = if market.contains(',') {
                "markets"
            } else {
                "market"
            };
            let _ = write!(out, " ({label} {market})");
        }
        out.push('\n');
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        // A place with no text to show (a binary file's) gets no excerpt.
        let shown = |l: &&Location| l.line > 0 && !l.source_line.is_empty();
        let line = self.location.as_ref().filter(shown).map(|loc| {
            let text = printable(&loc.source_line);
            // The caret's character, as a byte span of the (cut) line.
            let at = text
                .char_indices()
                .nth(loc.excerpt_column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            (loc.line, text.into_owned(), at..end)
        });
        let help = self.help.as_deref().map(printable);
        let mut group = Group::with_level(level.clone());
        if let Some((number, text, span)) = &line {
            group = group.element(
                Snippet::source(text.as_str())
                    .line_start(*number)
                    .annotation(AnnotationKind::Primary.span(span.clone())),
            );
        }
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        if line.is_some() || help.is_some() {
            out.push_str(&Renderer::plain().render(&[group]));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, SourceFile};

    #[test]
    fn terminal_escapes_and_direction_overrides_are_shown_not_obeyed() {
        let f = SourceFile::new(
            "content/explainers/x.md",
            "bad \u{1b}[2J\u{1b}]0;owned\u{7} \u{202e}txt.exe\u{9b}31m {{ t \"x\" }}\n",
        );
        let d = Diagnostic::error(Code::UnknownMessage, "unknown message `\u{1b}[31mred`")
            .at(f.location(f.text.find("{{").unwrap()))
            .help("a help\rline");
        let s = d.render_human();
        for c in s.chars() {
            assert!(c == '\n' || !c.is_control(), "{c:?} in {s}");
            assert!(!('\u{202a}'..='\u{202e}').contains(&c), "{s}");
        }
        assert!(s.contains("␛[2J␛]0;owned␇ �txt.exe�31m"), "{s}");
        // The caret still stands under the placeholder.
        let lines: Vec<&str> = s.lines().collect();
        let col = |l: &str, pat: &str| {
            l.chars()
                .position(|_| true)
                .and(l.find(pat))
                .map(|i| l[..i].chars().count())
        };
        assert_eq!(col(lines[2], "{{"), col(lines[3], "^"));
    }

    #[test]
    fn human_rendering_shows_caret_under_column() {
        let f = SourceFile::new("content/x.md", "line one\nbad thing\n");
        let d = Diagnostic::error(Code::Directive, "unclosed block")
            .at(f.location(f.text.find("thing").unwrap()))
            .help("close it with :::");
        let s = d.render_human();
        assert_eq!(
            s,
            "content/x.md:2:5: error[directive]: unclosed block\n  |\n2 | bad thing\n  |     ^\n  |\n  = help: close it with :::\n"
        );
    }

    #[test]
    fn the_caret_stands_under_wide_text_by_display_width() {
        let f = SourceFile::new("content/x.ja.md", "日本語のテキスト {{ t \"x\" }}\n");
        let d = Diagnostic::error(Code::UnknownMessage, "unknown message `x`")
            .at(f.location(f.text.find("{{").unwrap()));
        let s = d.render_human();
        assert!(
            s.starts_with("content/x.ja.md:1:10: error[unknown-message]"),
            "{s}"
        );
        let lines: Vec<&str> = s.lines().collect();
        // Eight full-width characters and a space: 17 columns before the caret.
        assert_eq!(lines[3], format!("  | {}^", " ".repeat(17)), "{s}");
    }

    #[test]
    fn a_finding_without_a_place_is_one_line() {
        let d = Diagnostic::warning(Code::MissingLocale, "no strings for ja-JP").market("jp");
        assert_eq!(
            d.render_human(),
            "warning[missing-locale]: no strings for ja-JP (market jp)\n"
        );
    }
}
