use super::*;

#[test]
fn keys_are_found_in_block_and_flow_style_along_their_path() {
    let text = "base_url: x\nmarkets:\n  us: { name: U, locale: en-US }\n  uk:\n    locale: \"en-GB\"\n    'path': uk/\nseverity: { raw-html: error }\n";
    let at =
        |path: &[&str]| key_offset(text, path).map(|i| &text[i..i + path.last().unwrap().len()]);
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

#[derive(serde::Deserialize, Debug)]
struct Page {
    #[serde(rename = "title")]
    _title: Option<String>,
    #[serde(rename = "summary")]
    _summary: Option<String>,
    #[serde(default, rename = "topics")]
    _topics: Vec<String>,
    #[serde(rename = "markets")]
    _markets: Option<Vec<String>>,
    #[serde(rename = "market")]
    _market: Option<std::collections::BTreeMap<String, String>>,
}

/// (line, column, message, help) of the finding for `text`, read as a `Page`.
fn finding(text: &str) -> (usize, usize, String, String) {
    finding_as::<Page>(text)
}

/// (line, column, message, help) of the finding for `text`, read as a `T`.
fn finding_as<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> (usize, usize, String, String) {
    let file = SourceFile::new("x.yaml", text);
    let e = from_str::<T>(text).expect_err(text);
    let d = error_diagnostic(&file, &e, 0, Code::FrontMatter);
    let loc = d.location.unwrap();
    (loc.line, loc.column, d.message, d.help.unwrap_or_default())
}

fn quote_help(line: &str) -> String {
    format!("a value that contains `: ` must be in quotes: {line}")
}

#[test]
fn a_colon_in_a_value_asks_for_quotes_around_the_authors_value() {
    for (text, line, col, key, fixed) in [
        (
            "title: T\nsummary: Two-step: what it does\n",
            2,
            18,
            "summary",
            "summary: \"Two-step: what it does\"",
        ),
        (
            "title: Two-step: what it does\n",
            1,
            16,
            "title",
            "title: \"Two-step: what it does\"",
        ),
        (
            "title: What it does:  now\n",
            1,
            20,
            "title",
            "title: \"What it does:  now\"",
        ),
        (
            "title:   Note: a: b\n",
            1,
            14,
            "title",
            "title:   \"Note: a: b\"",
        ),
        (
            "summary: \"Step one\": then two\n",
            1,
            20,
            "summary",
            "summary: '\"Step one\": then two'",
        ),
        (
            "summary: A \\ B: \"C\" 'D'\n",
            1,
            15,
            "summary",
            "summary: \"A \\\\ B: \\\"C\\\" 'D'\"",
        ),
        (
            "market:\n  name: United States: US\n",
            2,
            22,
            "name",
            "name: \"United States: US\"",
        ),
        (
            "market: { id: us, name: United States: US }\n",
            1,
            38,
            "name",
            "name: \"United States: US\"",
        ),
    ] {
        let message = format!("the value of `{key}` contains `: `");
        assert_eq!(
            finding(text),
            (line, col, message, quote_help(fixed)),
            "{text}"
        );
    }
    // A list item that YAML reads as a mapping.
    assert_eq!(
        finding("topics:\n  - privacy: data\n"),
        (
            2,
            5,
            "a list item contains `: `".into(),
            quote_help("- \"privacy: data\"")
        )
    );
}

#[test]
fn a_key_indented_under_a_value_is_named() {
    for (text, line, col, key, owner) in [
        ("title: T\n  summary: S\n", 2, 3, "summary", "title"),
        ("title: T\n\n    topics: [a]\n", 3, 5, "topics", "title"),
        (
            "summary: One line\n  and more: text\n",
            2,
            3,
            "and more",
            "summary",
        ),
    ] {
        let (l, c, message, help) = finding(text);
        assert_eq!((l, c), (line, col), "{text}");
        assert_eq!(
            message,
            format!("`{key}:` is read as part of the value of `{owner}` on the line before")
        );
        assert_eq!(
            help,
            format!(
                "start `{key}:` at the column of `{owner}:`, or put the value of `{owner}` in quotes"
            )
        );
    }
}

#[test]
fn a_tab_in_the_indentation_names_its_column() {
    for (text, line, col) in [
        ("\ttitle: T\n", 1, 1),
        ("title: T\n\tsummary: S\n", 2, 1),
        ("topics:\n\t- privacy\n", 2, 1),
        ("topics:\n  - a\n\t- privacy\n", 3, 1),
        ("topics:\n  \t- privacy\n", 2, 3),
        ("summary:\n\tText\n", 2, 1),
    ] {
        let help = format!("YAML indents with spaces; replace the tab at column {col} with spaces");
        assert_eq!(
            finding(text),
            (line, col, "a tab in the indentation".into(), help),
            "{text:?}"
        );
    }
}

#[test]
fn a_dash_without_a_space_names_the_item() {
    for (text, line, col, word) in [
        ("topics:\n  -privacy\n  -security\n", 2, 3, "privacy"),
        ("topics:\n  -privacy\n", 2, 3, "privacy"),
        ("markets:\n  -us\n  -uk\n", 2, 3, "us"),
        ("topics:\n-privacy\n-security\n", 2, 1, "privacy"),
        ("topics:\n  - privacy\n  -security\n", 3, 3, "security"),
        ("markets:\n  - us\n  -uk\ntitle: T\n", 3, 3, "uk"),
    ] {
        let help = format!("write `- {word}` with a space after the dash");
        let message = "a list item needs a space after its dash".to_string();
        assert_eq!(finding(text), (line, col, message, help), "{text:?}");
    }
    // On the key's line, a dash starts no list; nor does a bare word.
    for (text, col, key, items) in [
        ("markets: -us\n", 10, "markets", "us"),
        (
            "topics: privacy, security\n",
            9,
            "topics",
            "privacy, security",
        ),
    ] {
        let help =
            format!("write `{key}: [{items}]`, or each item on a line of its own after `- `");
        assert_eq!(
            finding(text),
            (1, col, format!("`{key}` must be a list"), help),
            "{text:?}"
        );
    }
}

#[test]
fn other_yaml_errors_keep_the_libraries_message() {
    for text in ["title: \"open\n", "- a\n", "summary: [a, b\ntopics: [c]\n"] {
        let e = from_str::<Page>(text).expect_err(text);
        let (_, _, message, help) = finding(text);
        assert_eq!((message, help.as_str()), (e.message, ""), "{text:?}");
    }
}

#[test]
fn a_long_value_is_cut_in_the_help() {
    let long = "word ".repeat(100);
    let (_, _, _, help) = finding(&format!("summary: Step: {long}\n"));
    let shown = format!("Step: {}", "word ".repeat(20));
    assert_eq!(help, quote_help(&format!("summary: \"{}…\"", &shown[..60])));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// Whatever YAML-like text fails to parse, its finding has a place on a line
    /// of the file, and reading it in plain words never panics.
    #[test]
    fn any_yaml_error_gets_a_place_in_the_file(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "title", "summary", "topics", "markets", "market", "name", ":", ": ", "-", "- ",
            " ", "  ", "\t", "\n", "\"", "'", "{", "}", "[", "]", ",", "#", "é", "漢字", "a b",
        ]), 0..40),
        offset in 0usize..3,
    ) {
        let yaml: String = parts.concat();
        let text = format!("{}{yaml}", "---\n".repeat(offset));
        let file = SourceFile::new("x.yaml", &text);
        if let Err(e) = from_str::<Page>(&yaml) {
            let d = error_diagnostic(&file, &e, offset, Code::FrontMatter);
            let loc = d.location.unwrap();
            proptest::prop_assert!(loc.line >= 1 && loc.line <= text.lines().count().max(1) + 1);
        }
    }
}

#[derive(serde::Deserialize, Debug)]
struct Markets {
    #[serde(default, rename = "markets", deserialize_with = "unique_keys")]
    _markets: IndexMap<String, serde_yaml::Value>,
    #[serde(default, rename = "items")]
    _items: Vec<Item>,
}

#[derive(serde::Deserialize, Debug)]
struct Item {
    #[serde(rename = "us")]
    _us: Option<i32>,
    #[serde(rename = "uk")]
    _uk: Option<i32>,
}

#[test]
fn a_key_set_twice_is_found_at_its_own_depth_past_comments_and_deeper_keys() {
    let help = |line: usize| format!("the first `us` is on line {line}; keep one of the two");
    for (text, line, column) in [
        // Block style, with a blank line, a comment and a deeper `us:` between.
        (
            "markets:\n  us:\n    name: a\n\n  # us: no\n  uk:\n    us: nested\n  us:\n    name: b\n",
            8,
            3,
        ),
        // Quoted, after a value in braces.
        ("markets:\n  us: { name: a }\n  'us': { name: b }\n", 3, 3),
        // In braces, with a deeper `us` inside the first value.
        ("markets: { us: { us: x }, uk: [a, b], us: {} }\n", 1, 39),
        // A mapping in a list item.
        ("items:\n  - us: 1\n    uk: 2\n    us: 3\n", 4, 5),
        // In braces over two lines.
        ("markets: {\n  us: 1,\n  \"us\": 2 }\n", 3, 3),
    ] {
        let first = text[..text.find("us").unwrap()].lines().count().max(1);
        let path = if text.starts_with("items") {
            "items[0]"
        } else {
            "markets"
        };
        let message = format!("{path}: `us` is set twice");
        assert_eq!(
            finding_as::<Markets>(text),
            (line, column, message, help(first)),
            "{text:?}"
        );
    }
}
