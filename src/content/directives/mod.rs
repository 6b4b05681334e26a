//! Container directives in an explainer body: `:::variant{for="…"}` groups and the
//! `::::script` block, after the generic-directive convention.
//!
//! `parse_directives` is a line scanner that knows just enough CommonMark to leave
//! fenced code alone. It keeps byte offsets into the file so that every block can
//! be mapped back to a line and column.

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use std::ops::Range;

mod script;

pub use script::{Role, Script, ScriptItem, ScriptLine};

/// The body of an explainer, split into Markdown and directive blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub script: Option<Script>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Markdown source, as a byte range of the file.
    Markdown(Range<usize>),
    /// Variant blocks separated only by blank lines; each holds Markdown ranges.
    Group(Group<Vec<Range<usize>>>),
}

/// A run of variant blocks of which each market gets at most one.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<T> {
    pub variants: Vec<Variant<T>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant<T> {
    /// The ids in `for`: market ids, framing ids, or `default`.
    pub ids: Ids,
    /// Offset of the `for` value, for diagnostics about ids.
    pub ids_at: usize,
    /// Offset of the opening `:::`.
    pub open_at: usize,
    pub body: T,
}

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

/// An open container while scanning.
enum Open {
    Variant {
        colons: usize,
        ids: Ids,
        ids_at: usize,
        open_at: usize,
        chunk: Option<Range<usize>>,
        lines: Vec<ScriptLine>,
    },
    Script {
        colons: usize,
        open_at: usize,
        items: Vec<ScriptItem>,
        joinable: bool,
        keep: bool,
    },
}

struct Scanner<'a> {
    file: &'a SourceFile,
    diags: &'a mut Diagnostics,
    body: Body,
    stack: Vec<Open>,
    /// Current run of Markdown at the top level.
    run: Option<Range<usize>>,
    run_has_text: bool,
    /// Whether a variant closing now joins the last group (only blank lines since).
    joinable: bool,
    fence: Option<(u8, usize)>,
}

/// Split the body of `file` (from `body_start`) into Markdown and directive blocks.
/// Problems go to `diags`; the returned body holds everything that parsed.
pub fn parse_directives(file: &SourceFile, body_start: usize, diags: &mut Diagnostics) -> Body {
    let mut s = Scanner {
        file,
        diags,
        body: Body::default(),
        stack: Vec::new(),
        run: None,
        run_has_text: false,
        joinable: false,
        fence: None,
    };
    let mut offset = body_start;
    for line in file.text[body_start..].split_inclusive('\n') {
        s.line(offset, line);
        offset += line.len();
    }
    s.finish()
}

impl Scanner<'_> {
    fn error(&mut self, at: usize, message: String, help: &str) {
        let d = Diagnostic::error(Code::Directive, message).at(self.file.location(at));
        self.diags
            .push(if help.is_empty() { d } else { d.help(help) });
    }

    fn line(&mut self, at: usize, raw: &str) {
        let line = raw.trim_end_matches(['\n', '\r']);
        if let Some((ch, len)) = self.fence {
            if is_fence_close(line, ch, len) {
                self.fence = None;
            }
            return self.content(at, raw, line);
        }
        if let Some(f) = fence_open(line) {
            self.fence = Some(f);
            return self.content(at, raw, line);
        }
        match directive(line) {
            Some((colons, rest)) => self.directive(at, line, colons, rest.trim()),
            None => self.content(at, raw, line),
        }
    }

    fn content(&mut self, at: usize, raw: &str, line: &str) {
        let blank = line.trim().is_empty();
        let in_script = self.in_script();
        match self.stack.last_mut() {
            None => {
                let run = self.run.get_or_insert(at..at);
                run.end = at + raw.len();
                if !blank {
                    self.run_has_text = true;
                    self.joinable = false;
                }
            }
            Some(Open::Variant { chunk, .. }) if !in_script => {
                let c = chunk.get_or_insert(at..at);
                c.end = at + raw.len();
            }
            Some(_) => {
                if blank {
                    return;
                }
                if let Some(sl) = self.script_line(at, line) {
                    match self.stack.last_mut() {
                        Some(Open::Variant { lines, .. }) => lines.push(sl),
                        Some(Open::Script {
                            items, joinable, ..
                        }) => {
                            items.push(ScriptItem::Line(sl));
                            *joinable = false;
                        }
                        None => {}
                    }
                }
            }
        }
    }

    fn in_script(&self) -> bool {
        self.stack.iter().any(|o| matches!(o, Open::Script { .. }))
    }

    fn flush_run(&mut self) {
        if let Some(run) = self.run.take()
            && self.run_has_text
        {
            self.body.blocks.push(Block::Markdown(run));
        }
        self.run_has_text = false;
    }

    fn directive(&mut self, at: usize, line: &str, colons: usize, rest: &str) {
        let col = at + (line.len() - line.trim_start().len());
        if rest.is_empty() {
            return self.close(col, colons);
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(rest.len());
        let (name, attrs) = rest.split_at(name_len);
        match name {
            "variant" => self.open_variant(col, line, colons, attrs),
            "script" => self.open_script(col, colons, attrs),
            _ => {
                let msg = format!("unknown directive `{name}`");
                self.error(
                    col,
                    msg,
                    "directives are `:::variant{for=\"…\"}` and `::::script`",
                );
            }
        }
    }

    fn open_variant(&mut self, col: usize, line: &str, colons: usize, attrs: &str) {
        if let Some(Open::Variant { open_at, .. }) = self.stack.last() {
            let line = self.file.location(*open_at).line;
            let msg = format!(
                "variant blocks cannot be nested: the block opened at line {line} is not closed"
            );
            return self.error(col, msg, "close the open variant with `:::` first");
        }
        let attrs_at = col + line.trim_start().len() - attrs.len();
        let Some((ids, ids_at)) = parse_for(attrs) else {
            return self.error(
                attrs_at,
                "expected `{for=\"…\"}` after `variant`".into(),
                "for example :::variant{for=\"us regulatory\"}",
            );
        };
        if ids.is_empty() {
            return self.error(
                attrs_at + ids_at,
                "`for` names no market, framing or `default`".into(),
                "",
            );
        }
        if self.stack.is_empty() {
            if self.run_has_text {
                self.joinable = false;
            }
            self.flush_run();
        }
        self.stack.push(Open::Variant {
            colons,
            ids,
            ids_at: attrs_at + ids_at,
            open_at: col,
            chunk: None,
            lines: Vec::new(),
        });
    }

    fn close(&mut self, col: usize, colons: usize) {
        let Some(open) = self.stack.last() else {
            return self.error(
                col,
                "closing `:::` without an open block".into(),
                "remove it, or open a block before it",
            );
        };
        let (expected, what, open_at) = match open {
            Open::Variant {
                colons, open_at, ..
            } => (*colons, "variant", *open_at),
            Open::Script {
                colons, open_at, ..
            } => (*colons, "script", *open_at),
        };
        if expected != colons {
            let line = self.file.location(open_at).line;
            let msg = format!(
                "this fence has {colons} colons; the {what} block opened at line {line} is closed with {expected}"
            );
            return self.error(col, msg, "");
        }
        match self.stack.pop() {
            Some(Open::Variant {
                ids,
                ids_at,
                open_at,
                chunk,
                lines,
                ..
            }) => {
                if let Some(Open::Script {
                    items, joinable, ..
                }) = self.stack.last_mut()
                {
                    let v = Variant {
                        ids,
                        ids_at,
                        open_at,
                        body: lines,
                    };
                    match items.last_mut() {
                        Some(ScriptItem::Group(g)) if *joinable => g.variants.push(v),
                        _ => items.push(ScriptItem::Group(Group { variants: vec![v] })),
                    }
                    *joinable = true;
                } else {
                    let v = Variant {
                        ids,
                        ids_at,
                        open_at,
                        body: chunk.into_iter().collect(),
                    };
                    match self.body.blocks.last_mut() {
                        Some(Block::Group(g)) if self.joinable => g.variants.push(v),
                        _ => self
                            .body
                            .blocks
                            .push(Block::Group(Group { variants: vec![v] })),
                    }
                    self.joinable = true;
                    self.run = None;
                    self.run_has_text = false;
                }
            }
            Some(Open::Script {
                open_at,
                items,
                keep,
                ..
            }) if keep => {
                self.body.script = Some(Script { open_at, items });
            }
            Some(Open::Script { .. }) | None => {}
        }
    }

    fn finish(mut self) -> Body {
        while let Some(open) = self.stack.pop() {
            let (what, open_at, close) = match open {
                Open::Variant {
                    open_at, colons, ..
                } => ("variant", open_at, ":".repeat(colons)),
                Open::Script {
                    open_at, colons, ..
                } => ("script", open_at, ":".repeat(colons)),
            };
            self.error(
                open_at,
                format!("unclosed {what} block"),
                &format!("close it with a line of `{close}`"),
            );
        }
        self.flush_run();
        self.body
    }
}

/// `:::name…` with at most three spaces of indentation: (number of colons, rest).
fn directive(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let colons = trimmed.bytes().take_while(|&b| b == b':').count();
    (colons >= 3).then(|| (colons, &trimmed[colons..]))
}

fn fence_open(line: &str) -> Option<(u8, usize)> {
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

fn is_fence_close(line: &str, ch: u8, len: usize) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let n = trimmed.bytes().take_while(|&b| b == ch).count();
    n >= len && trimmed[n..].trim().is_empty()
}

/// `{for="a b"}` -> (ids, offset of the value within `attrs`).
fn parse_for(attrs: &str) -> Option<(Ids, usize)> {
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

#[cfg(test)]
mod tests;
