//! YAML front matter between `---` lines at the top of an explainer.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, SourceFile};
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The keys an explainer may set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub topics: Vec<String>,
    pub order: Option<i64>,
    /// `YYYY-MM-DD`.
    pub updated: Option<String>,
    pub draft: bool,
    /// Publish only in these markets or framings.
    pub markets: Option<Vec<String>>,
    /// In a translation: the hash of the source it was translated from.
    pub source_hash: Option<String>,
    /// In a translation: the hash of each section of that source.
    pub source_sections: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
struct RawFrontMatter {
    title: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    order: Option<i64>,
    updated: Option<String>,
    #[serde(default)]
    draft: bool,
    markets: Option<Vec<String>>,
    source_hash: Option<String>,
    #[serde(default, deserialize_with = "crate::yaml::some_unique_keys")]
    source_sections: Option<indexmap::IndexMap<String, String>>,
    #[serde(flatten)]
    unknown: BTreeMap<String, serde::de::IgnoredAny>,
}

/// Front matter and where the Markdown body starts (byte offset into the file).
pub struct Parsed {
    pub front: FrontMatter,
    pub body_start: usize,
}

/// Parse the front matter of `file`. Errors and warnings go to `diags`; `None` when
/// the front matter is missing or cannot be read.
pub fn parse_front_matter(file: &SourceFile, diags: &mut Diagnostics) -> Option<Parsed> {
    let text = &file.text;
    let error = |message: &str, help: &str| {
        Diagnostic::error(Code::FrontMatter, message.to_string())
            .at(file.location(0))
            .help(help.to_string())
    };
    let Some(after_open) = text.strip_prefix("---\n").map(|_| 4) else {
        diags.push(error(
            "an explainer must start with YAML front matter between `---` lines",
            "begin the file with `---`, then `title:` and `summary:`, then `---`",
        ));
        return None;
    };
    let Some((end, body)) = find_closing_fence(&text[after_open..]) else {
        diags.push(error(
            "the front matter is not closed",
            "end the front matter with a line of `---`",
        ));
        return None;
    };
    let (yaml_text, body_start) = (&text[after_open..after_open + end], after_open + body);
    let raw: RawFrontMatter = match yaml::from_str(if yaml_text.trim().is_empty() {
        "{}"
    } else {
        yaml_text
    }) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(yaml::error_diagnostic(file, &e, 1, Code::FrontMatter));
            return None;
        }
    };
    let key_location = |key: &str| {
        let at = yaml::key_offset(yaml_text, &[key]).map_or(0, |i| after_open + i);
        file.location(at)
    };
    let errors = diags.error_count();
    check_keys(&raw, &key_location, diags);
    let mut required = |key: &str, value: Option<String>| match value {
        Some(v) if !v.trim().is_empty() => v,
        _ => {
            let help = format!("add `{key}: ...` to the front matter");
            diags.push(error(&format!("`{key}` is required"), &help));
            String::new()
        }
    };
    let title = required("title", raw.title);
    let summary = required("summary", raw.summary);
    (diags.error_count() == errors).then_some(Parsed {
        front: FrontMatter {
            title,
            summary,
            topics: raw.topics,
            order: raw.order,
            updated: raw.updated,
            draft: raw.draft,
            markets: raw.markets,
            source_hash: raw.source_hash,
            source_sections: raw.source_sections.map(|s| s.into_iter().collect()),
        },
        body_start,
    })
}

/// Unknown keys (a warning each) and the `updated` date.
fn check_keys(raw: &RawFrontMatter, at: &dyn Fn(&str) -> Location, diags: &mut Diagnostics) {
    for key in raw.unknown.keys() {
        diags.push(
            Diagnostic::warning(
                Code::FrontMatter,
                format!("unknown front matter key `{key}` is ignored"),
            )
            .at(at(key))
            .help(
                "known keys: title, summary, topics, order, updated, draft, markets, source_hash, source_sections",
            ),
        );
    }
    if let Some(updated) = raw.updated.as_deref().filter(|u| !is_date(u)) {
        diags.push(
            Diagnostic::error(
                Code::FrontMatter,
                format!("`updated` must be a date like 2026-11-20, not `{updated}`"),
            )
            .at(at("updated")),
        );
    }
}

/// In the text after the opening fence: (end of YAML, start of body).
fn find_closing_fence(rest: &str) -> Option<(usize, usize)> {
    let mut line_start = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((line_start, line_start + line.len()));
        }
        line_start += line.len();
    }
    None
}

/// A calendar date written `YYYY-MM-DD`: 2026-02-29 is not one, 2028-02-29 is.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let part = |range: std::ops::Range<usize>| s[range].parse().unwrap_or(0);
    shaped
        && icu_calendar::Date::try_new_iso(part(0..4), part(5..7) as u8, part(8..10) as u8).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Parsed>, Vec<Diagnostic>) {
        let f = SourceFile::new("content/explainers/x.md", text);
        let mut d = Diagnostics::new();
        let p = parse_front_matter(&f, &mut d);
        (p, d.into_sorted())
    }

    #[test]
    fn reads_keys_and_body_start() {
        let text =
            "---\ntitle: T\nsummary: S\ntopics: [a, b]\norder: 2\nupdated: 2026-11-20\n---\nBody\n";
        let (p, d) = parse(text);
        assert!(d.is_empty());
        let p = p.unwrap();
        assert_eq!(p.front.title, "T");
        assert_eq!(p.front.topics, ["a", "b"]);
        assert_eq!(p.front.updated.as_deref(), Some("2026-11-20"));
        assert_eq!(&text[p.body_start..], "Body\n");
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let (p, d) = parse("\u{feff}---\r\ntitle: T\r\nsummary: S\r\n---\r\nBody\r\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.unwrap().front.summary, "S");
    }

    #[test]
    fn yaml_error_reports_the_file_line() {
        let (p, d) = parse("---\ntitle: T\nsummary: [unclosed\n---\nBody\n");
        assert!(p.is_none());
        assert_eq!(d[0].code, Code::FrontMatter);
        assert!(d[0].location.as_ref().unwrap().line >= 3, "{:?}", d[0]);
    }

    #[test]
    fn missing_title_is_an_error_and_unknown_key_a_warning() {
        let (p, d) = parse("---\nsummary: S\nauthor: me\n---\n");
        assert!(p.is_none());
        assert_eq!(d.len(), 2);
        let warning = d.iter().find(|d| !d.is_error()).unwrap();
        assert!(warning.message.contains("`author`"));
        assert_eq!(warning.location.as_ref().unwrap().line, 3);
        assert!(
            d.iter()
                .any(|d| d.is_error() && d.message.contains("`title` is required"))
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        for ok in [
            "2026-11-20",
            "2028-02-29",
            "2000-02-29",
            "2026-12-31",
            "2026-01-01",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2026-02-30",
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-1-1",
            "26-01-01",
            "2026/01/01",
            "2026-01-01T00:00",
            "２０２６-01-01",
        ] {
            assert!(!is_date(bad), "{bad}");
            let (_, d) = parse(&format!(
                "---\ntitle: T\nsummary: S\nupdated: \"{bad}\"\n---\n"
            ));
            assert_eq!(d.len(), 1, "{bad}: {d:?}");
            assert_eq!(d[0].location.as_ref().unwrap().line, 4, "{bad}");
        }
    }

    #[test]
    fn bad_date_and_unclosed_front_matter() {
        let (_, d) = parse("---\ntitle: T\nsummary: S\nupdated: soon\n---\n");
        assert_eq!(d[0].location.as_ref().unwrap().line, 4);
        let (_, d) = parse("---\ntitle: T\n");
        assert!(d[0].message.contains("not closed"));
    }
}
