//! Diagnostics: what went wrong, where in the author's file, and how to fix it.
//!
//! Every problem found while loading or rendering a site becomes a [`Diagnostic`]
//! pushed into a caller-owned [`Diagnostics`] list, so that a build reports all of
//! them, not just the first. The module knows nothing of the site it reports on.

mod code;
mod human;
mod source;

pub use code::Code;
pub use human::printable;
pub use source::{SourceFile, content_hash, normalize_text};

/// A count and its noun, agreeing in number: `1 error`, `2 errors`, `0 files`.
/// The plural adds `s` to the last word; [`plural_as`] takes other plurals.
pub fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A count and the noun form that agrees with it: `1 market or framing`,
/// `2 markets or framings`.
pub fn plural_as(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `is` or `are`, to agree with a count.
pub fn is_are(n: usize) -> &'static str {
    if n == 1 { "is" } else { "are" }
}

/// `e`'s message and each of its causes after it, `: `-separated: what a
/// library's error says in full, for a diagnostic's message.
pub fn with_causes(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, never a failure, not even under `--strict`.
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
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

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Its stable code (`directive`, `unknown-message`).
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// The market the finding applies to, when it depends on one.
    pub market: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// `file:line:col: message`, or the message where it has no place: for one
    /// line of plain text (an I/O error, an HTTP answer).
    pub fn one_line(&self) -> String {
        match &self.location {
            Some(l) => format!("{}:{}:{}: {}", l.file, l.line, l.column, self.message),
            None => self.message.clone(),
        }
    }

    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            market: None,
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
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

    pub fn note(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, message)
        }
    }

    /// A warning or an error: what `--strict` fails on.
    pub fn is_problem(&self) -> bool {
        self.severity > Severity::Note
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

    /// Keep the findings for which `keep` says yes; it may change them.
    pub fn retain_mut(&mut self, keep: impl FnMut(&mut Diagnostic) -> bool) {
        self.items.retain_mut(keep);
    }

    /// Warnings or errors: what `--strict` fails on (notes are not).
    pub fn has_problems(&self) -> bool {
        self.items.iter().any(Diagnostic::is_problem)
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
                .then(a.code.cmp(&b.code))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        let counted: Vec<String> = [0, 1, 2, 11].map(|n| plural(n, "file")).into();
        assert_eq!(counted, ["0 files", "1 file", "2 files", "11 files"]);
        assert_eq!(plural(1, "more finding"), "1 more finding");
        assert_eq!(plural(2, "more finding"), "2 more findings");
        assert_eq!(
            plural_as(1, "market or framing", "markets or framings"),
            "1 market or framing"
        );
        assert_eq!(
            plural_as(2, "market or framing", "markets or framings"),
            "2 markets or framings"
        );
        assert_eq!([0, 1, 2].map(is_are), ["are", "is", "are"]);
    }
}
