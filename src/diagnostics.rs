//! Diagnostics: what went wrong, where in the author's file, and how to fix it.
//!
//! Every problem found while loading or rendering a site becomes a [`Diagnostic`]
//! pushed into a caller-owned [`Diagnostics`] list, so that a build reports all of
//! them, not just the first.

use std::fmt::Write as _;

/// Every diagnostic code, stable across releases.
pub const CODES: &[&str] = &[
    "config",
    "front-matter",
    "directive",
    "unknown-message",
    "fluent-syntax",
    "missing-translation",
    "missing-locale",
    "missing-source",
    "missing-message",
    "obsolete-message",
    "message-variables",
    "stale-translation",
    "structure-mismatch",
    "broken-link",
    "missing-alt",
    "raw-html",
    "unsafe-url",
    "script",
    "script-too-long",
    "invalid-slug",
    "encoding",
    "unsafe-path",
    "file-too-large",
    "ignored-file",
    "template",
    "io",
    "heading-attribute",
    "content-limit",
    "output-conflict",
];

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a source file: 1-based line and column (column counted in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The text of the line, without its line ending, for the caret display;
    /// a long line is cut to [`EXCERPT_CHARS`] characters on each side of the
    /// column, with `…` where it was cut.
    pub source_line: String,
    /// The 1-based character column of the caret in `source_line`.
    pub excerpt_column: usize,
}

/// Characters of a long line shown on each side of a finding's column.
pub const EXCERPT_CHARS: usize = 80;

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

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code, for example `directive` or `unknown-message`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// The market the finding applies to, when it depends on one.
    pub market: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            market: None,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn at_opt(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    pub fn market(mut self, market: impl Into<String>) -> Self {
        self.market = Some(market.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

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
        if let Some(loc) = &self.location
            && loc.line > 0
        {
            {
                let gutter = loc.line.to_string();
                let pad = " ".repeat(gutter.len());
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{gutter} | {}", printable(&loc.source_line));
                let caret_pad = " ".repeat(loc.excerpt_column.saturating_sub(1));
                let _ = writeln!(out, "{pad} | {caret_pad}^");
            }
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {}", printable(help));
        }
        out
    }
}

/// The findings of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Apply the site's severity settings: raise, lower or drop findings by code
    /// (and market).
    pub fn apply_levels(&mut self, config: &crate::config::Config) {
        use crate::config::Level;
        if config.severity.is_empty() {
            return;
        }
        self.items
            .retain_mut(|d| match config.level(d.code, d.market.as_deref()) {
                Some(Level::Allow) => false,
                Some(Level::Error) => {
                    d.severity = Severity::Error;
                    true
                }
                Some(Level::Warning) => {
                    d.severity = Severity::Warning;
                    true
                }
                None => true,
            });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, line, column, then code, without exact duplicates (a problem
    /// in a block shared by several markets is reported once per market at most).
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.column))
            };
            key(a)
                .cmp(&key(b))
                .then(a.code.cmp(b.code))
                .then(a.market.cmp(&b.market))
                .then(a.message.cmp(&b.message))
        });
        self.items.dedup();
        // The same finding in several markets (a block shared by them) is shown once.
        let mut merged: Vec<Diagnostic> = Vec::with_capacity(self.items.len());
        for d in self.items {
            match merged.last_mut() {
                Some(last)
                    if last.code == d.code
                        && last.location == d.location
                        && last.severity == d.severity
                        && last.message == d.message
                        && last.market.is_some()
                        && d.market.is_some() =>
                {
                    let m = last.market.take().unwrap_or_default();
                    last.market = Some(format!("{m}, {}", d.market.unwrap_or_default()));
                }
                _ => merged.push(d),
            }
        }
        merged
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// A text file of the site, whose line starts are indexed (when a diagnostic first
/// needs them) so that byte offsets (from serde_yaml, pulldown-cmark,
/// fluent-syntax) become line and column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// The text, with a UTF-8 byte-order mark removed and CRLF turned into LF
    /// (lines and character columns are the same as in the file on disk).
    pub text: String,
    /// A hash of `text`: what incremental rebuilds compare.
    pub hash: u64,
    /// Built on first use: most files of a build never need a location.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: &str) -> Self {
        Self::from_string(path, text.to_string())
    }

    /// `new` for text already owned: copied only to remove a BOM, CRs or NULs.
    pub fn from_string(path: impl Into<String>, text: String) -> Self {
        let text = if text.starts_with('\u{feff}')
            || memchr::memchr2(b'\r', b'\0', text.as_bytes()).is_some()
        {
            normalize_text(&text)
        } else {
            text
        };
        SourceFile {
            path: path.into(),
            hash: change_hash(text.as_bytes()),
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// Byte offsets of the starts of the lines.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The location of a byte offset; offsets past the end point at the end, and
    /// offsets inside a character point at that character.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line_idx = line_starts.partition_point(|&s| s <= offset) - 1;
        let start = line_starts[line_idx];
        let end = line_starts
            .get(line_idx + 1)
            .map(|&e| e - 1)
            .unwrap_or(self.text.len());
        let line_text = &self.text[start..end];
        let mut before = offset - start;
        while !line_text.is_char_boundary(before) {
            before -= 1;
        }
        let (source_line, excerpt_column) = excerpt(line_text, before);
        Location {
            file: self.path.clone(),
            line: line_idx + 1,
            column: line_text[..before].chars().count() + 1,
            source_line,
            excerpt_column,
        }
    }

    /// The location of the start of a 1-based line.
    pub fn line_location(&self, line: usize) -> Location {
        let line_starts = self.line_starts();
        let idx = line.clamp(1, line_starts.len()) - 1;
        self.location(line_starts[idx])
    }

    /// Byte offset of the start of a 1-based line and a 1-based character column.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let line_starts = self.line_starts();
        let idx = line.clamp(1, line_starts.len()) - 1;
        let start = line_starts[idx];
        let rest = &self.text[start..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        rest[..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| start + i)
            .unwrap_or(start + line_end)
    }
}

/// The part of `line` around byte `at` that a finding shows, and the 1-based
/// character column of `at` in it: the whole line when it is short, else
/// [`EXCERPT_CHARS`] characters on each side, marked `…` where cut. A finding
/// on a line of megabytes neither copies nor prints it.
fn excerpt(line: &str, at: usize) -> (String, usize) {
    let start = line[..at]
        .char_indices()
        .rev()
        .nth(EXCERPT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let end = line[at..]
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(line.len(), |(i, _)| at + i);
    let cut_start = if start > 0 { "…" } else { "" };
    let cut_end = if end < line.len() { "…" } else { "" };
    let column = line[start..at].chars().count() + cut_start.chars().count() + 1;
    (format!("{cut_start}{}{cut_end}", &line[start..end]), column)
}

/// A 64-bit content hash (the first bytes of BLAKE3): stable, for what outlives
/// a build (the `source_hash` stamps of translations).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let h = blake3::hash(bytes);
    u64::from_le_bytes(h.as_bytes()[..8].try_into().unwrap_or_default())
}

/// A 64-bit hash (XXH3) that tells, in memory, whether a file changed: the keys
/// of `serve`'s rebuilds. Several times faster than BLAKE3 on every source file
/// of a build; never written anywhere.
pub fn change_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Remove a leading UTF-8 byte-order mark, turn CRLF line endings into LF, and
/// NUL into U+FFFD, as CommonMark asks: a NUL would otherwise reach pages,
/// captions and terminals from any source.
pub fn normalize_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    if text.contains('\0') {
        text.replace('\0', "\u{fffd}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_columns_start_at_one() {
        let f = SourceFile::new("a.md", "abc\ndef");
        let l = f.location(0);
        assert_eq!((l.line, l.column), (1, 1));
        let l = f.location(2);
        assert_eq!((l.line, l.column, l.source_line.as_str()), (1, 3, "abc"));
    }

    #[test]
    fn offsets_on_later_lines() {
        let f = SourceFile::new("a.md", "abc\ndef\n");
        let l = f.location(5);
        assert_eq!((l.line, l.column, l.source_line.as_str()), (2, 2, "def"));
        // the newline itself belongs to its line
        assert_eq!(f.location(3).line, 1);
        // past the end: the last (empty) line
        assert_eq!(f.location(100).line, 3);
    }

    #[test]
    fn crlf_and_bom_do_not_shift_positions() {
        let f = SourceFile::new("a.md", "\u{feff}one\r\ntwo\r\n");
        let l = f.location(f.text.find("wo").unwrap());
        assert_eq!((l.line, l.column, l.source_line.as_str()), (2, 2, "two"));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("a.md", "日本語テキスト x\nü");
        let l = f.location(f.text.find('x').unwrap());
        assert_eq!((l.line, l.column), (1, 9));
        let l = f.location(f.text.len());
        assert_eq!((l.line, l.column), (2, 2));
    }

    #[test]
    fn nul_becomes_the_replacement_character_without_moving_columns() {
        for text in ["a\0b\nc", "\0", "\u{feff}x\r\n\0\0y", "日\0本"] {
            let f = SourceFile::new("a.md", text);
            assert!(!f.text.contains('\0'), "{text:?}");
            let expected = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
            assert_eq!(f.text, expected.replace('\0', "\u{fffd}"));
        }
        let f = SourceFile::new("a.md", "ab\0cd");
        let l = f.location(f.text.find('c').unwrap());
        assert_eq!(l.column, 4);
    }

    #[test]
    fn offset_inside_a_character_points_at_it() {
        let f = SourceFile::new("a.md", "é!");
        assert_eq!(f.location(1).column, 1);
    }

    #[test]
    fn offset_of_round_trips() {
        let f = SourceFile::new("a.md", "ab\ncdé f\n");
        let off = f.offset_of(2, 5);
        assert_eq!(&f.text[off..off + 1], "f");
        assert_eq!(f.location(off).column, 5);
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let long = format!("{}needle{}", "a".repeat(10_000), "é".repeat(10_000));
        let f = SourceFile::new("a.md", &format!("first\n{long}\n"));
        let l = f.location(f.text.find("needle").unwrap());
        assert_eq!((l.line, l.column), (2, 10_001));
        assert_eq!(l.source_line.chars().count(), 2 * EXCERPT_CHARS + 2);
        assert!(l.source_line.starts_with('…') && l.source_line.ends_with('…'));
        let caret: String = l
            .source_line
            .chars()
            .skip(l.excerpt_column - 1)
            .take(6)
            .collect();
        assert_eq!(caret, "needle");
        // Near either end of the line, only the other side is cut.
        let l = f.location(6);
        assert_eq!((l.column, l.excerpt_column), (1, 1));
        assert!(!l.source_line.starts_with('…') && l.source_line.ends_with('…'));
        let l = f.location(f.text.len() - 2);
        assert!(l.source_line.starts_with('…') && !l.source_line.ends_with('…'));
        assert_eq!(l.source_line.chars().nth(l.excerpt_column - 1), Some('é'));
    }

    #[test]
    fn terminal_escapes_and_direction_overrides_are_shown_not_obeyed() {
        let f = SourceFile::new(
            "content/explainers/x.md",
            "bad \u{1b}[2J\u{1b}]0;owned\u{7} \u{202e}txt.exe\u{9b}31m {{ t \"x\" }}\n",
        );
        let d = Diagnostic::error("unknown-message", "unknown message `\u{1b}[31mred`")
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
        let d = Diagnostic::error("directive", "unclosed block")
            .at(f.location(f.text.find("thing").unwrap()))
            .help("close it with :::");
        let s = d.render_human();
        assert_eq!(
            s,
            "content/x.md:2:5: error[directive]: unclosed block\n  |\n2 | bad thing\n  |     ^\n  = help: close it with :::\n"
        );
    }
}
