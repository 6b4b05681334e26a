//! Source files: their text as read (BOM, CRLF and NUL handled), an index of
//! their lines built on demand, and locations (1-based line and character
//! column) of byte offsets.

use super::{EXCERPT_CHARS, Location};

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
    /// A hash of `text`, made when first asked for: what `serve` compares
    /// between rebuilds (a build never asks).
    hash: std::sync::OnceLock<u64>,
    /// Built on first use: most files of a build never need a location.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// A hash of the text, which changes when the text does (in memory only).
    pub fn hash(&self) -> u64 {
        *self.hash.get_or_init(|| {
            let mut h = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&self.text, &mut h);
            std::hash::Hasher::finish(&h)
        })
    }

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
            hash: std::sync::OnceLock::new(),
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
    use crate::diagnostics::EXCERPT_CHARS;

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
}
