//! The one module that touches the YAML library, so that swapping serde_yaml
//! (archived upstream) for a maintained drop-in is a one-line change.

use crate::diagnostics::{Code, Diagnostic, SourceFile};
use serde::de::DeserializeOwned;

/// A YAML error with the 1-based line and column it reports, if any.
#[derive(Debug, Clone)]
pub struct Error {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is reported separately.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        Error {
            message,
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
        }
    })
}

/// Where a key path (`["markets", "uk", "locale"]`) is written in YAML text,
/// block or flow style: the offset of the deepest key of the path that is found
/// (each after the one before), or `None` when not even the first is. This is
/// the one place that finds keys in the text, for findings on values that
/// parsed but do not validate (serde_yaml gives no places for values).
pub fn key_offset(text: &str, path: &[&str]) -> Option<usize> {
    let mut found = None;
    let mut from = 0;
    for key in path {
        let Some(at) = find_key(&text[from..], key) else {
            break;
        };
        found = Some(from + at);
        from += at + key.len();
    }
    found
}

/// Position of `key:` as a YAML key (start of a line after indentation, or after
/// `{` or `,` in a flow mapping; quoted or not).
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = text[from..].find(key) {
        let at = from + pos;
        let after = &text[at + key.len()..];
        let before = text[..at].trim_end_matches([' ', '\t', '"', '\'']);
        let key_start = before.is_empty() || before.ends_with(['\n', '{', ',']);
        let after = after.strip_prefix(['"', '\'']).unwrap_or(after);
        if key_start && after.starts_with(':') {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

/// A diagnostic for a YAML error in `file`, whose YAML starts `line_offset` lines
/// into the file (front matter starts after its opening `---`).
pub fn error_diagnostic(
    file: &SourceFile,
    e: &Error,
    line_offset: usize,
    code: Code,
) -> Diagnostic {
    let location = match e.line {
        Some(line) => {
            let line = line + line_offset;
            file.location(file.offset_of(line, e.column.unwrap_or(1)))
        }
        None => file.line_location(1 + line_offset),
    };
    Diagnostic::error(code, e.message.clone()).at(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_in_block_and_flow_style_along_their_path() {
        let text = "base_url: x\nmarkets:\n  us: { name: U, locale: en-US }\n  uk:\n    locale: \"en-GB\"\n    'path': uk/\nseverity: { raw-html: error }\n";
        let at = |path: &[&str]| {
            key_offset(text, path).map(|i| &text[i..i + path.last().unwrap().len()])
        };
        assert_eq!(
            key_offset(text, &["markets", "us", "locale"]),
            text.find("locale: en-US")
        );
        assert_eq!(
            key_offset(text, &["markets", "uk", "locale"]),
            text.find("locale: \"en-GB")
        );
        assert_eq!(
            key_offset(text, &["markets", "uk", "path"]),
            text.find("path'")
        );
        assert_eq!(
            key_offset(text, &["severity", "raw-html"]),
            text.find("raw-html")
        );
        // A key named inside a value is not a key; a missing key stops at its parent.
        assert_eq!(at(&["name"]), Some("name"));
        assert_eq!(key_offset(text, &["us"]), text.find("us:"));
        assert_eq!(key_offset(text, &["markets", "fr"]), text.find("markets"));
        assert_eq!(key_offset(text, &["nothing"]), None);
        assert_eq!(key_offset("title: base_url\n", &["base_url"]), None);
    }
}
