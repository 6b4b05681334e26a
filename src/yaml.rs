//! The one module that touches the YAML library, so that swapping serde_yaml
//! (archived upstream) for a maintained drop-in is a one-line change.

use crate::diagnostics::{Code, Diagnostic, SourceFile};
use indexmap::IndexMap;
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

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

/// A mapping whose keys must differ, for `#[serde(deserialize_with =
/// "yaml::unique_keys")]`: serde would keep a repeated key's last value and drop
/// the first without a word (a market copied and not renamed would vanish).
pub fn unique_keys<'de, D, K, V>(d: D) -> Result<IndexMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Hash + Eq + fmt::Display,
    V: Deserialize<'de>,
{
    struct Unique<K, V>(PhantomData<(K, V)>);
    impl<'de, K, V> Visitor<'de> for Unique<K, V>
    where
        K: Deserialize<'de> + Hash + Eq + fmt::Display,
        V: Deserialize<'de>,
    {
        type Value = IndexMap<K, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = IndexMap::new();
            while let Some(key) = map.next_key::<K>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(PhantomData))
}

/// [`unique_keys`] for a mapping that may be left out (`#[serde(default, …)]`).
pub fn some_unique_keys<'de, D, K, V>(d: D) -> Result<Option<IndexMap<K, V>>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Hash + Eq + fmt::Display,
    V: Deserialize<'de>,
{
    unique_keys(d).map(Some)
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
/// into the file (front matter starts after its opening `---`). The mistakes
/// authors make most get a message and a help in plain words.
pub fn error_diagnostic(
    file: &SourceFile,
    e: &Error,
    line_offset: usize,
    code: Code,
) -> Diagnostic {
    let line = e.line.map(|line| line + line_offset);
    if let Some(x) = line.and_then(|line| explain(file, e, line, 1 + line_offset)) {
        return Diagnostic::error(code, x.message)
            .at(file.location(x.at))
            .help(x.help);
    }
    let location = match line {
        Some(line) => file.location(file.offset_of(line, e.column.unwrap_or(1))),
        None => file.line_location(1 + line_offset),
    };
    Diagnostic::error(code, e.message.clone()).at(location)
}

/// A YAML error said in plain words: where, what, and how to fix it.
struct Explained {
    at: usize,
    message: String,
    help: String,
}

/// The common mistakes behind serde_yaml's messages, found on the error's line
/// `line` of the file (the YAML's first line is `first`): a tab in the
/// indentation, `: ` in a value without quotes, a list item without a space
/// after its dash.
fn explain(file: &SourceFile, e: &Error, line: usize, first: usize) -> Option<Explained> {
    let (start, text) = line_at(file, line);
    let at = file.offset_of(line, e.column.unwrap_or(1));
    let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
    if let Some(tab) = text[..indent].find('\t') {
        return Some(Explained {
            at: start + tab,
            message: "a tab in the indentation".into(),
            help: format!(
                "YAML indents with spaces; replace the tab at column {} with spaces",
                tab + 1
            ),
        });
    }
    let message = e.message.as_str();
    if let Some(x) = repeated_key(file, message, at) {
        return Some(x);
    }
    if message.starts_with("mapping values are not allowed") {
        return colon_in_value(file, (start, text), at, first);
    }
    if message.starts_with("did not find expected ',' or '}'") {
        return colon_in_flow_value((start, text), at);
    }
    if message.ends_with("invalid type: map, expected a string") {
        // `- privacy: data`: a list item that YAML reads as a mapping.
        let item = text.trim_start().strip_prefix("- ")?.trim_end();
        return Some(Explained {
            at,
            message: "a list item contains `: `".into(),
            help: format!(
                "a value that contains `: ` must be in quotes: - {}",
                quoted(item)
            ),
        });
    }
    if message.contains("expected a sequence") || message.starts_with("could not find expected ':'")
    {
        return list_without_dash_space(file, e, at, first..line + 1);
    }
    None
}

/// `theme:` set twice in one mapping (serde's "duplicate field", or
/// [`unique_keys`]'s "duplicate key"). serde places the error at the mapping's
/// first key, at `at`; the finding goes to the second `key:` of that mapping.
fn repeated_key(file: &SourceFile, message: &str, at: usize) -> Option<Explained> {
    let (path, rest) = message
        .rsplit_once("duplicate field `")
        .or_else(|| message.rsplit_once("duplicate key `"))?;
    let key = rest.strip_suffix('`')?;
    let text = file.text.as_str();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    // serde places a mapping in braces at its `{`, a block mapping at its first key.
    let places = match text[at..].strip_prefix('{') {
        Some(_) => flow_keys(text, at + 1, key),
        // A block mapping starts a line, or follows a list item's `- `.
        None if text[line_start..at]
            .trim_start_matches([' ', '-'])
            .is_empty() =>
        {
            block_keys(text, at, at - line_start, key)
        }
        None => flow_keys(text, at, key),
    };
    let (&first, &second) = (places.first()?, places.get(1)?);
    Some(Explained {
        at: second,
        message: format!("{path}`{key}` is set twice"),
        help: format!(
            "the first `{key}` is on line {}; keep one of the two",
            file.location(first).line
        ),
    })
}

/// Offsets of `key:` among the keys of the block mapping whose first key is at
/// `at`, in column `indent`: it ends at a line indented less, or at `---`.
fn block_keys(text: &str, at: usize, indent: usize, key: &str) -> Vec<usize> {
    let first_end = text[at..].find('\n').map_or(text.len(), |e| at + e + 1);
    let mut places: Vec<usize> = starts_with_key(&text[at..], key)
        .then_some(at)
        .into_iter()
        .collect();
    let mut start = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let lead = line.len() - body.len();
        let content = body.trim_end();
        if content == "---" || content == "..." {
            break;
        }
        if !content.is_empty() && !content.starts_with('#') {
            if lead < indent {
                break;
            }
            if lead == indent && starts_with_key(body, key) {
                places.push(start + lead);
            }
        }
        start += line.len();
    }
    places
}

/// Offsets of `key:` among the keys of the mapping in braces that starts at
/// `at`, after its `{`: those first after `{` or a `,` at its depth, up to its `}`.
fn flow_keys(text: &str, at: usize, key: &str) -> Vec<usize> {
    let mut places = Vec::new();
    let (mut depth, mut key_next) = (0usize, true);
    for (i, c) in text[at..].char_indices() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' if depth == 0 => break,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => key_next = true,
            c if c.is_whitespace() => {}
            _ if key_next => {
                key_next = false;
                if depth == 0 && starts_with_key(&text[at + i..], key) {
                    places.push(at + i);
                }
            }
            _ => {}
        }
    }
    places
}

/// Whether `text` starts with `key:`, the key quoted or not (as [`find_key`]
/// reads keys).
fn starts_with_key(text: &str, key: &str) -> bool {
    // Enough for a quote, the key, a quote and `:`: each call costs the key's length.
    let end = (key.len() + 3..text.len()).find(|&i| text.is_char_boundary(i));
    let start = &text[..end.unwrap_or(text.len())];
    let line = &start[..start.find('\n').unwrap_or(start.len())];
    find_key(line, key).is_some_and(|k| line[..k].trim_start_matches(['"', '\'']).is_empty())
}

/// The offset and text (without its line ending) of the 1-based `line`.
fn line_at(file: &SourceFile, line: usize) -> (usize, &str) {
    let start = file.offset_of(line, 1);
    let rest = &file.text[start..];
    (start, &rest[..rest.find('\n').unwrap_or(rest.len())])
}

/// `summary: Two-step: what it does`: the colon at `at` is in a value. Or a key
/// indented under a line that has a value, which YAML reads as more of it.
fn colon_in_value(
    file: &SourceFile,
    (start, text): (usize, &str),
    at: usize,
    first: usize,
) -> Option<Explained> {
    let colon = at
        .checked_sub(start)
        .filter(|&c| text[c..].starts_with(':'))?;
    let lead = text.len() - text.trim_start().len();
    if let Some((key, value_at)) = key_value(&text[..colon]) {
        let value = text[value_at..].trim_end();
        return Some(Explained {
            at,
            message: format!("the value of `{key}` contains `: `"),
            help: format!(
                "a value that contains `: ` must be in quotes: {}{}",
                &text[lead..value_at],
                quoted(value)
            ),
        });
    }
    let key = text[lead..colon].trim_start_matches("- ").trim();
    let line = file.location(start).line;
    let before = (first..line).rev().map(|l| line_at(file, l).1);
    let previous = before.into_iter().find(|l| !l.trim().is_empty())?;
    let (owner, _) = key_value(previous)?;
    Some(Explained {
        at: start + lead,
        message: format!("`{key}:` is read as part of the value of `{owner}` on the line before"),
        help: format!(
            "start `{key}:` at the column of `{owner}:`, or put the value of `{owner}` in quotes"
        ),
    })
}

/// `uk: { name: United Kingdom: UK, … }`: the colon at `at` is in a value of a
/// mapping in braces.
fn colon_in_flow_value((start, text): (usize, &str), at: usize) -> Option<Explained> {
    let colon = at
        .checked_sub(start)
        .filter(|&c| text[c..].starts_with(':'))?;
    let entry = text[..colon].rfind(['{', ','])? + 1;
    let (key, value_at) = key_value(&text[entry..colon])?;
    let end = text[colon..]
        .find([',', '}'])
        .map_or(text.len(), |e| colon + e);
    let value = text[entry + value_at..end].trim_end();
    Some(Explained {
        at,
        message: format!("the value of `{key}` contains `: `"),
        help: format!(
            "a value that contains `: ` must be in quotes: {key}: {}",
            quoted(value)
        ),
    })
}

/// `key: value` (or `- key: value`) with a value on the line: the key and the
/// byte offset of the value.
fn key_value(line: &str) -> Option<(&str, usize)> {
    let lead = line.len() - line.trim_start().len();
    let rest = line[lead..].strip_prefix("- ").unwrap_or(&line[lead..]);
    let colon = rest.find(": ")?;
    let key = rest[..colon].trim();
    let value_at = line.len() - rest.len() + colon + 2;
    let value_at = value_at + (line[value_at..].len() - line[value_at..].trim_start().len());
    let plain_key = !key.is_empty() && !key.contains([' ', '"', '\'', '{', '[', '#']);
    (plain_key && value_at < line.len()).then_some((key, value_at))
}

/// `value` in YAML quotes: single quotes around a value with double quotes,
/// else double quotes (with `\` and `"` escaped).
fn quoted(value: &str) -> String {
    let value = &*cut(value);
    if value.contains('"') && !value.contains('\'') {
        format!("'{value}'")
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `topics:` then `  -privacy`: without a space after the dash, YAML reads the
/// lines as one text where a list is expected (the text starts at `at`), or
/// stops at a later line (then the first such line among `lines` is the one).
fn list_without_dash_space(
    file: &SourceFile,
    e: &Error,
    at: usize,
    lines: std::ops::Range<usize>,
) -> Option<Explained> {
    let found = if e.message.contains("expected a sequence") {
        let rest = &file.text[at..];
        let (start, _) = line_at(file, file.location(at).line);
        let first_on_line = file.text[start..at].trim().is_empty();
        let word = dash_word(&rest[..rest.find('\n').unwrap_or(rest.len())]);
        word.filter(|_| first_on_line).map(|word| (at, word))
    } else {
        lines.into_iter().find_map(|l| {
            let (start, text) = line_at(file, l);
            let lead = text.len() - text.trim_start().len();
            dash_word(text).map(|word| (start + lead, word))
        })
    };
    let Some((at, word)) = found else {
        return not_a_list(e, at);
    };
    Some(Explained {
        at,
        message: "a list item needs a space after its dash".into(),
        help: format!("write `- {}` with a space after the dash", cut(word)),
    })
}

/// At most [`SHOWN_CHARS`] characters of an author's text, for a help line.
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// Characters of an author's value that a help line repeats.
const SHOWN_CHARS: usize = 60;

/// `-privacy` -> `privacy`: the first word after a dash with no space after it.
fn dash_word(text: &str) -> Option<&str> {
    let item = text.trim_start().strip_prefix('-')?;
    let word = item.split_whitespace().next()?;
    (!item.starts_with(char::is_whitespace) && !word.starts_with('-')).then_some(word)
}

/// `topics: privacy`: one text where a list is expected.
fn not_a_list(e: &Error, at: usize) -> Option<Explained> {
    let (key, rest) = e.message.split_once(": invalid type: string \"")?;
    let text = rest.strip_suffix("\", expected a sequence")?;
    // `markets: -us`: a dash on the key's line does not start a list.
    let text = text.strip_prefix('-').unwrap_or(text);
    Some(Explained {
        at,
        message: format!("`{key}` must be a list"),
        help: format!(
            "write `{key}: [{}]`, or each item on a line of its own after `- `",
            cut(text)
        ),
    })
}

#[cfg(test)]
mod tests;
