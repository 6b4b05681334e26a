//! The `::::script` block of an explainer: its lines (`hook:`, `beat:`,
//! `screen:`, `note:`, `cta:`) and the variant groups nested in it.

use super::*;

/// The `::::script` block: spoken lines, directions, and nested variant groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    pub open_at: usize,
    pub items: Vec<ScriptItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScriptItem {
    Line(ScriptLine),
    Group(Group<Vec<ScriptLine>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScriptLine {
    pub role: Role,
    pub text: String,
    /// Offset of the start of the line (the role keyword).
    pub at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Hook,
    Beat,
    Screen,
    Note,
    Cta,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "hook" => Role::Hook,
            "beat" => Role::Beat,
            "screen" => Role::Screen,
            "note" => Role::Note,
            "cta" => Role::Cta,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Hook => "hook",
            Role::Beat => "beat",
            Role::Screen => "screen",
            Role::Note => "note",
            Role::Cta => "cta",
        }
    }

    /// Hook, beats and call to action are read aloud; screen text and notes are not.
    pub fn is_spoken(self) -> bool {
        matches!(self, Role::Hook | Role::Beat | Role::Cta)
    }
}

impl Scanner<'_> {
    /// A line of text in the script block, or in a variant block inside it.
    pub(super) fn script_content(&mut self, at: usize, line: &str) {
        let Some(sl) = self.script_line(at, line) else {
            return;
        };
        match self.stack.last_mut().map(|o| &mut o.kind) {
            Some(OpenKind::Variant(v)) => v.lines.push(sl),
            Some(OpenKind::Script {
                items, joinable, ..
            }) => {
                items.push(ScriptItem::Line(sl));
                *joinable = false;
            }
            _ => {}
        }
    }

    pub(super) fn script_line(&mut self, at: usize, line: &str) -> Option<ScriptLine> {
        let indent = line.len() - line.trim_start().len();
        let Some((role, text)) = line.trim_start().split_once(':') else {
            self.error(
                at + indent,
                "a script line must be `role: text`".into(),
                "roles: hook, beat, screen, note, cta",
            );
            return None;
        };
        let Some(role) = Role::parse(role.trim()) else {
            let msg = format!("unknown script role `{}`", role.trim());
            self.error(at + indent, msg, "roles: hook, beat, screen, note, cta");
            return None;
        };
        let text = text.trim();
        if text.is_empty() {
            self.error(
                at + indent,
                format!("the `{}:` line has no text", role.as_str()),
                "",
            );
            return None;
        }
        Some(ScriptLine {
            role,
            text: text.to_string(),
            at: at + indent,
        })
    }

    pub(super) fn open_script(&mut self, col: usize, colons: usize, attrs: &str) {
        if !self.stack.is_empty() {
            let next = if self.in_script() {
                "next script"
            } else {
                "script"
            };
            return self.unclosed(Unclosed::Opens(next));
        }
        if !attrs.trim().is_empty() {
            self.error(col, "`script` takes no attributes".into(), "");
        }
        let keep = match &self.body.script {
            Some(first) => {
                let line = self.file.location(first.open_at).line;
                self.error(
                    col,
                    format!("a second script block (the first is at line {line})"),
                    "an explainer holds one script",
                );
                false
            }
            None => true,
        };
        let kind = OpenKind::Script {
            items: Vec::new(),
            joinable: false,
            keep,
        };
        self.open(col, colons, kind);
        self.joinable = false;
    }
}
