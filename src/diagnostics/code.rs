//! The stable codes of findings: what a site's `severity:` settings, the JSON
//! and GitHub formats and the tests name.

use std::fmt;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// Every diagnostic code, each with its stable name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the README.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The stable name: `front-matter`, `unknown-message`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    Config => "config",
    FrontMatter => "front-matter",
    Directive => "directive",
    UnknownMessage => "unknown-message",
    FluentSyntax => "fluent-syntax",
    MissingTranslation => "missing-translation",
    MissingLocale => "missing-locale",
    MissingSource => "missing-source",
    MissingMessage => "missing-message",
    ObsoleteMessage => "obsolete-message",
    MessageVariables => "message-variables",
    StaleTranslation => "stale-translation",
    StructureMismatch => "structure-mismatch",
    BrokenLink => "broken-link",
    /// A market with a smaller share in its own language than its `min_translated`.
    BelowMinTranslated => "below-min-translated",
    MissingAlt => "missing-alt",
    RawHtml => "raw-html",
    UnsafeUrl => "unsafe-url",
    Script => "script",
    ScriptTooLong => "script-too-long",
    InvalidSlug => "invalid-slug",
    Encoding => "encoding",
    UnsafePath => "unsafe-path",
    FileTooLarge => "file-too-large",
    /// A file in `content/explainers/` that is not `.md` (a warning).
    IgnoredFile => "ignored-file",
    Template => "template",
    Io => "io",
    HeadingAttribute => "heading-attribute",
    /// A limit on what one file or page may cost.
    ContentLimit => "content-limit",
    /// Two writers of one output path.
    OutputConflict => "output-conflict",
    /// A translation's variant block that no market reading it shows (a note).
    UnusedVariant => "unused-variant",
    /// A stylesheet of the theme that does not parse.
    Css => "css",
    /// An SVG with scripts, event handlers or external references.
    UnsafeSvg => "unsafe-svg",
    /// A script's beat longer than `scripts.beat_max_seconds` (a warning).
    LongBeat => "long-beat",
    /// A caption cue that asks more characters a second than viewers read (a warning).
    ReadingSpeed => "reading-speed",
}

impl Code {
    /// The code named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Ordered by name, as findings are sorted for display.
impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.name().cmp(other.name())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_name_that_reads_back() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        for code in Code::ALL {
            assert_eq!(Code::from_name(code.name()), Some(*code));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        assert_eq!(Code::from_name("front_matter"), None);
    }
}
