//! What one page may cost, whatever its author wrote: the parser pads a
//! table's short rows with empty cells, so a table of a thousand columns and
//! rows of one cell would cost a thousand cells a byte.

use crate::diagnostics::{Code, Diagnostic};

pub use crate::l10n::MAX_INSERTED_BYTES;

/// Headings in one page: an explainer has a few dozen, and each costs an
/// entry in the page's outline.
pub const MAX_HEADINGS: usize = 1000;

/// How deep the elements of a page that allows raw HTML may nest: the
/// sanitizer's parser looks through the open elements for each new one.
pub const MAX_HTML_DEPTH: usize = 256;

/// Cells that the page's tables may hold beyond one for each byte of the page.
const SPARE_CELLS: u64 = 10_000;

/// Refuse Markdown whose tables, padded as the parser pads them, would hold more
/// cells than the text has bytes (plus a few thousand): a table whose rows all
/// write their cells holds fewer. The count is an upper bound, read line by
/// line before parsing: a delimiter row (`|---|:--:|`) and its columns, times
/// the lines up to the next blank one. `Err` holds the finding and the offset of
/// the costliest table's delimiter row.
pub fn check_tables(text: &str) -> Result<(), (Diagnostic, usize)> {
    if memchr::memchr(b'|', text.as_bytes()).is_none() {
        return Ok(());
    }
    let mut cells: u64 = 0;
    let mut costliest = (0, 0u64);
    let mut lines = lines_with_offsets(text).peekable();
    while let Some((at, line)) = lines.next() {
        let Some(columns) = delimiter_columns(line) else {
            continue;
        };
        // The header, then every line up to a blank one may be a row.
        let mut rows = 1;
        while lines.next_if(|(_, l)| !is_blank(l)).is_some() {
            rows += 1;
        }
        let table = columns * rows;
        cells = cells.saturating_add(table);
        if table > costliest.1 {
            costliest = (at, table);
        }
    }
    if cells <= text.len() as u64 + SPARE_CELLS {
        return Ok(());
    }
    let d = Diagnostic::error(Code::ContentLimit,
        format!(
            "this page's tables would hold {cells} cells, padded, in {} bytes; this one {}",
            text.len(),
            costliest.1
        ),
    )
    .help("a table's rows should write their cells: a row with fewer cells than the header is padded with empty ones");
    Err((d, costliest.0))
}

/// Refuse HTML whose elements nest deeper than [`MAX_HTML_DEPTH`], counted as
/// start tags less end tags (void elements and `/>` close themselves). `Err`
/// holds the finding and the offset in `html` where the limit was passed.
pub fn check_html_depth(html: &str) -> Result<(), (Diagnostic, usize)> {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param",
    ];
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &html[at + 1..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        depth += 1;
        if depth > MAX_HTML_DEPTH {
            let d = Diagnostic::error(
                Code::ContentLimit,
                format!("the page's elements nest more than {MAX_HTML_DEPTH} deep"),
            )
            .help("nest block quotes, lists and raw HTML elements less deeply");
            return Err((d, at));
        }
    }
    Ok(())
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        (start, line)
    })
}

/// A line's text after the markers of block quotes and indentation.
fn content(line: &str) -> &str {
    line.trim_start_matches([' ', '\t', '>']).trim_end()
}

fn is_blank(line: &str) -> bool {
    content(line).is_empty()
}

/// The columns of a table's delimiter row: only `|`, `-`, `:` and spaces, with
/// at least one `|` and one `-`.
fn delimiter_columns(line: &str) -> Option<u64> {
    let row = content(line);
    let only_delimiters = row
        .bytes()
        .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'));
    if !only_delimiters || !row.contains('|') || !row.contains('-') {
        return None;
    }
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').count() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_whose_rows_write_their_cells_pass() {
        let row = "| a | b | c | d |\n";
        let table = format!(
            "| h | h | h | h |\n|---|:-:|---|--:|\n{}\n",
            row.repeat(50_000)
        );
        assert!(check_tables(&table).is_ok());
        // Short rows are fine in a table of ordinary size.
        let short = format!(
            "|{}\n|{}\n{}",
            " h |".repeat(20),
            "---|".repeat(20),
            "| a |\n".repeat(200)
        );
        assert!(check_tables(&short).is_ok());
        assert!(check_tables("no tables | here\n\n---\n").is_ok());
    }

    #[test]
    fn html_nesting_is_counted_by_start_and_end_tags() {
        let nested = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert!(check_html_depth(&nested(MAX_HTML_DEPTH)).is_ok());
        assert!(check_html_depth(&nested(MAX_HTML_DEPTH + 1)).is_err());
        // Siblings, void elements, self-closing tags and comparisons do not nest.
        let flat = "<p>a</p><br><img src=x><hr/><x-y/> 1 < 2 <3 ".repeat(10_000);
        assert!(check_html_depth(&flat).is_ok());
        let mixed = format!("{}{}", "<blockquote>\n".repeat(200), "<ul><li>".repeat(40));
        let (_, at) = check_html_depth(&mixed).unwrap_err();
        assert!(mixed[at..].starts_with("<ul>") || mixed[at..].starts_with("<li>"));
    }

    #[test]
    fn padded_tables_are_refused_at_the_costliest_delimiter_row() {
        // Variants of the shape: wide headers with rows of one cell, in a quote,
        // in a list, and many small tables.
        let wide = |prefix: &str| {
            format!(
                "{prefix}|{}\n{prefix}|{}\n{}\n",
                "h|".repeat(1000),
                "-|".repeat(1000),
                format!("{prefix}a\n").repeat(262)
            )
        };
        for text in [
            format!("Intro.\n\n{}", wide("").repeat(40)),
            wide("> ").repeat(40),
            wide("  ").repeat(40),
            wide("").repeat(40) + &"text\n".repeat(10),
        ] {
            let (d, at) = check_tables(&text).unwrap_err();
            assert_eq!(d.code, Code::ContentLimit);
            assert!(text[at..].starts_with(['|', '>', ' ']), "{at}");
            assert!(delimiter_columns(text[at..].lines().next().unwrap()).is_some());
        }
    }
}
