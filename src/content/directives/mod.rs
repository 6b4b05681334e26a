//! Container directives in an explainer body: `:::variant{for="…"}` groups and the
//! `::::script` block, after the generic-directive convention.
//!
//! `parse_directives` is a line scanner that knows just enough CommonMark to leave
//! fenced code alone. It keeps byte offsets into the file so that every block can
//! be mapped back to a line and column.

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use std::collections::HashSet;
use std::ops::Range;

mod script;
mod syntax;

pub use script::{Role, Script, ScriptItem, ScriptLine};
pub use syntax::Ids;
use syntax::{directive, fence_open, is_fence_close, parse_for};

/// The body of an explainer, split into Markdown and directive blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub script: Option<Script>,
    /// Whether the directives had errors: the blocks are then the parser's best
    /// reading, not a structure to compare a translation with.
    pub has_errors: bool,
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

/// An open container while scanning.
struct Open {
    colons: usize,
    /// Offset of the opening `:::`.
    open_at: usize,
    /// What to go back to if the block turns out to be unclosed.
    before: Snapshot,
    kind: OpenKind,
}

enum OpenKind {
    Variant(OpenVariant),
    Script {
        items: Vec<ScriptItem>,
        joinable: bool,
        keep: bool,
    },
    /// A block whose opening line is wrong (already reported): read up to its
    /// closing fence, so that the fence is not reported too, and dropped.
    Skipped {
        name: String,
    },
}

struct OpenVariant {
    ids: Ids,
    ids_at: usize,
    /// Its Markdown, in the body.
    chunk: Option<Range<usize>>,
    /// Its lines, in a script.
    lines: Vec<ScriptLine>,
}

impl Open {
    fn what(&self) -> &str {
        match &self.kind {
            OpenKind::Variant(_) => "variant",
            OpenKind::Script { .. } => "script",
            OpenKind::Skipped { name } => name,
        }
    }
}

/// The scanner's state just before a block opened.
struct Snapshot {
    /// The opening line.
    line: Range<usize>,
    blocks: usize,
    run: Option<Range<usize>>,
    run_has_text: bool,
    joinable: bool,
    errors: usize,
    spare: usize,
    forgiven: usize,
}

/// What showed that the block on top of the stack is not closed.
#[derive(Clone, Copy)]
enum Unclosed {
    /// The end of the file.
    End,
    /// A block that cannot be inside it opens (`variant`, `script`).
    Opens(&'static str),
    /// The fence of the block around it closes (`script`).
    Ends(&'static str),
}

struct Scanner<'a> {
    file: &'a SourceFile,
    body: Body,
    stack: Vec<Open>,
    /// Current run of Markdown at the top level.
    run: Option<Range<usize>>,
    run_has_text: bool,
    /// Whether a variant closing now joins the last group (only blank lines since).
    joinable: bool,
    fence: Option<(u8, usize)>,
    /// The line being read.
    line: Range<usize>,
    /// Findings, undone with the blocks they were found in when reading goes back.
    errors: Vec<Diagnostic>,
    /// Unclosed blocks: one finding each, kept when reading goes back.
    unclosed: Vec<Diagnostic>,
    /// The opening lines of unclosed blocks, read again as text.
    ignored: HashSet<usize>,
    /// Fences of the wrong length taken as a block's closing fence.
    spare: usize,
    /// Stray closing fences passed over in silence. A block that was meant to
    /// nest leaves its fence behind, and so may a fence of the wrong length
    /// (a stray `:::` in a script): one such fence for each ignored opening line
    /// and each wrong fence is not reported again.
    forgiven: usize,
    /// Where to read on after going back.
    resume: Option<usize>,
    /// Lines read, those read again included.
    lines_read: usize,
}

/// Split the body of `file` (from `body_start`) into Markdown and directive blocks.
/// Problems go to `diags`; the returned body holds everything that parsed.
///
/// One mistake gives one finding. A block found unclosed (at the end of the
/// file, or where a block that cannot be inside it opens) is reported at its
/// opening, and the text after that line is read again as if the line were
/// text; a block with a wrong opening line still takes its closing fence.
pub fn parse_directives(file: &SourceFile, body_start: usize, diags: &mut Diagnostics) -> Body {
    scan(file, body_start).finish(diags)
}

/// Read every line, going back over the lines of each unclosed block once more.
/// The block on top of the stack is the one found unclosed, and no other block
/// opens in its lines, so a line is read at most once a level (twice in a
/// script) and once more at the top: linear time.
fn scan(file: &SourceFile, body_start: usize) -> Scanner<'_> {
    let mut s = Scanner {
        file,
        body: Body::default(),
        stack: Vec::new(),
        run: None,
        run_has_text: false,
        joinable: false,
        fence: None,
        line: body_start..body_start,
        errors: Vec::new(),
        unclosed: Vec::new(),
        ignored: HashSet::new(),
        spare: 0,
        forgiven: 0,
        resume: None,
        lines_read: 0,
    };
    let text = &file.text;
    let mut at = body_start;
    loop {
        if at < text.len() {
            let end =
                memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1);
            s.line = at..end;
            s.lines_read += 1;
            s.line(at, &text[at..end]);
            at = end;
        } else if s.stack.is_empty() {
            break;
        } else {
            s.unclosed(Unclosed::End);
        }
        if let Some(back) = s.resume.take() {
            at = back;
        }
    }
    s
}

impl Scanner<'_> {
    fn error(&mut self, at: usize, message: String, help: &str) {
        let d = Diagnostic::error(Code::Directive, message).at(self.file.location(at));
        self.errors
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
            // The opening of an unclosed block, already reported: text, except
            // in a script, where it would be a second finding.
            Some(_) if self.ignored.contains(&at) => {
                if !self.in_script() {
                    self.content(at, raw, line);
                }
            }
            Some((colons, rest)) => self.directive(at, line, colons, rest.trim()),
            None => self.content(at, raw, line),
        }
    }

    fn content(&mut self, at: usize, raw: &str, line: &str) {
        let blank = line.trim().is_empty();
        let in_script = self.in_script();
        match self.stack.last_mut().map(|o| &mut o.kind) {
            None => {
                let run = self.run.get_or_insert(at..at);
                run.end = at + raw.len();
                if !blank {
                    self.run_has_text = true;
                    self.joinable = false;
                }
            }
            Some(OpenKind::Skipped { .. }) => {}
            Some(OpenKind::Variant(v)) if !in_script => {
                let c = v.chunk.get_or_insert(at..at);
                c.end = at + raw.len();
            }
            Some(_) if !blank => self.script_content(at, line),
            Some(_) => {}
        }
    }

    fn in_script(&self) -> bool {
        (self.stack.iter()).any(|o| matches!(o.kind, OpenKind::Script { .. }))
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
                let name = format!("`{name}`");
                self.open(col, colons, OpenKind::Skipped { name });
            }
        }
    }

    /// Push a block; at the top level, the Markdown before it ends.
    fn open(&mut self, col: usize, colons: usize, kind: OpenKind) {
        let before = Snapshot {
            line: self.line.clone(),
            blocks: self.body.blocks.len(),
            run: self.run.clone(),
            run_has_text: self.run_has_text,
            joinable: self.joinable,
            errors: self.errors.len(),
            spare: self.spare,
            forgiven: self.forgiven,
        };
        if self.stack.is_empty() {
            if self.run_has_text {
                self.joinable = false;
            }
            self.flush_run();
        }
        self.stack.push(Open {
            colons,
            open_at: col,
            before,
            kind,
        });
    }

    fn open_variant(&mut self, col: usize, line: &str, colons: usize, attrs: &str) {
        if let Some(top) = self.stack.last()
            && !matches!(top.kind, OpenKind::Script { .. })
        {
            return self.unclosed(Unclosed::Opens("next variant"));
        }
        let attrs_at = col + line.trim_start().len() - attrs.len();
        let skipped = || OpenKind::Skipped {
            name: "variant".into(),
        };
        let Some((ids, ids_at)) = parse_for(attrs) else {
            self.error(
                attrs_at,
                "expected `{for=\"…\"}` after `variant`".into(),
                "for example :::variant{for=\"us regulatory\"}",
            );
            return self.open(col, colons, skipped());
        };
        if ids.is_empty() {
            self.error(
                attrs_at + ids_at,
                "`for` names no market, framing or `default`".into(),
                "",
            );
            return self.open(col, colons, skipped());
        }
        let kind = OpenKind::Variant(OpenVariant {
            ids,
            ids_at: attrs_at + ids_at,
            chunk: None,
            lines: Vec::new(),
        });
        self.open(col, colons, kind);
    }

    /// The block on top is not closed: report it at its opening (unless its
    /// opening was reported already) and read on from the line after it, as if
    /// that line were text.
    fn unclosed(&mut self, why: Unclosed) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        if !matches!(open.kind, OpenKind::Skipped { .. }) {
            let close = ":".repeat(open.colons);
            let line = self.file.location(self.line.start).line;
            let help = match why {
                Unclosed::End => format!("close it with a line of `{close}`"),
                Unclosed::Opens(next) => format!(
                    "close it with a line of `{close}` before line {line}, where the {next} block opens"
                ),
                Unclosed::Ends(outer) => format!(
                    "close it with a line of `{close}` before line {line}, where the {outer} block ends"
                ),
            };
            let message = format!("unclosed {} block", open.what());
            let at = self.file.location(open.open_at);
            (self.unclosed).push(
                Diagnostic::error(Code::Directive, message)
                    .at(at)
                    .help(help),
            );
        }
        let before = open.before;
        self.body.blocks.truncate(before.blocks);
        self.run = before.run;
        self.run_has_text = before.run_has_text;
        self.joinable = before.joinable;
        self.errors.truncate(before.errors);
        self.spare = before.spare;
        self.forgiven = before.forgiven;
        self.fence = None;
        self.ignored.insert(before.line.start);
        self.resume = Some(before.line.end);
    }

    fn close(&mut self, col: usize, colons: usize) {
        let Some(open) = self.stack.last() else {
            if self.forgiven < self.ignored.len() + self.spare {
                self.forgiven += 1;
                return;
            }
            return self.error(
                col,
                "closing `:::` without an open block".into(),
                "remove it, or open a block before it",
            );
        };
        if open.colons != colons {
            if let Some(outer) = self.stack.iter().find(|o| o.colons == colons) {
                let outer = if matches!(outer.kind, OpenKind::Script { .. }) {
                    "script"
                } else {
                    "outer"
                };
                return self.unclosed(Unclosed::Ends(outer));
            }
            // A fence of the wrong length: taken as the block's closing fence.
            let line = self.file.location(open.open_at).line;
            let (expected, what) = (open.colons, open.what().to_string());
            let msg = format!(
                "this fence has {colons} colons; the {what} block opened at line {line} is closed with {expected}"
            );
            self.error(col, msg, "");
            self.spare += 1;
        }
        let Some(open) = self.stack.pop() else {
            return;
        };
        let open_at = open.open_at;
        match open.kind {
            OpenKind::Variant(v) => self.close_variant(open_at, v),
            OpenKind::Script { items, keep, .. } if keep => {
                self.body.script = Some(Script { open_at, items });
            }
            OpenKind::Script { .. } | OpenKind::Skipped { .. } => {}
        }
    }

    /// A closed variant joins the group before it (only blank lines between), or
    /// starts one: in the script (with its lines), or in the body (its Markdown).
    fn close_variant(&mut self, open_at: usize, v: OpenVariant) {
        let OpenVariant {
            ids,
            ids_at,
            chunk,
            lines,
        } = v;
        if let Some(OpenKind::Script {
            items, joinable, ..
        }) = self.stack.last_mut().map(|o| &mut o.kind)
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
            return;
        }
        let v = Variant {
            ids,
            ids_at,
            open_at,
            body: chunk.into_iter().collect(),
        };
        match self.body.blocks.last_mut() {
            Some(Block::Group(g)) if self.joinable => g.variants.push(v),
            _ => (self.body.blocks).push(Block::Group(Group { variants: vec![v] })),
        }
        self.joinable = true;
        self.run = None;
        self.run_has_text = false;
    }

    fn finish(mut self, diags: &mut Diagnostics) -> Body {
        self.flush_run();
        self.body.has_errors = !(self.errors.is_empty() && self.unclosed.is_empty());
        diags.extend(self.unclosed);
        diags.extend(self.errors);
        self.body
    }
}

#[cfg(test)]
mod tests;
