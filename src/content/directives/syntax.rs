//! The syntax of directive lines: the fences, code fences that hide them, and
//! the `for` attribute with its ids.

/// The ids of a `for` value, kept as one string with one space between two ids:
/// one allocation per block rather than one per id and one for their list (a
/// site of a thousand explainers has tens of thousands of blocks).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ids(String);

impl Ids {
    /// The ids in `value`, separated by any white space.
    pub fn parse(value: &str) -> Ids {
        let mut ids = String::with_capacity(value.len());
        for id in value.split_whitespace() {
            if !ids.is_empty() {
                ids.push(' ');
            }
            ids.push_str(id);
        }
        Ids(ids)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split(' ').filter(|id| !id.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The ids as written, one space between two.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `:::name…` with at most three spaces of indentation: (number of colons, rest).
pub(super) fn directive(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let colons = trimmed.bytes().take_while(|&b| b == b':').count();
    (colons >= 3).then(|| (colons, &trimmed[colons..]))
}

pub(super) fn fence_open(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ch = *trimmed.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&b| b == ch).count();
    if len < 3 || (ch == b'`' && trimmed[len..].contains('`')) {
        return None;
    }
    Some((ch, len))
}

pub(super) fn is_fence_close(line: &str, ch: u8, len: usize) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let n = trimmed.bytes().take_while(|&b| b == ch).count();
    n >= len && trimmed[n..].trim().is_empty()
}

/// `{for="a b"}` -> (ids, offset of the value within `attrs`).
pub(super) fn parse_for(attrs: &str) -> Option<(Ids, usize)> {
    let inner = attrs.trim_end().strip_prefix('{')?.strip_suffix('}')?;
    let lead = inner.len() - inner.trim_start().len();
    let rest = inner
        .trim_start()
        .strip_prefix("for")?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let end = value.find(quote)?;
    if !value[end + 1..].trim().is_empty() {
        return None;
    }
    let value_at = 1 + lead + (inner.trim_start().len() - rest.len()) + 1;
    Some((Ids::parse(&value[..end]), value_at))
}
