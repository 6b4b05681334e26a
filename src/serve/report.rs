//! What the preview tells its users after each rebuild: the terminal gets
//! what changed since the last one (new findings in full, the rest counted),
//! the browser's overlay the errors with their help and source line, and
//! which markets each concerns, so that a page shows only its own.

use super::session::RebuildReport;
use crate::diagnostics::{Diagnostic, Severity, plural};
use std::collections::HashSet;
use std::io::Write;

/// The findings the terminal has shown, so that a rebuild prints only news.
#[derive(Default)]
pub struct Terminal {
    shown: Option<HashSet<Diagnostic>>,
}

impl Terminal {
    /// Print `report`'s new findings to stderr, and one line: what was
    /// rebuilt, and how many findings are new, fixed or unchanged.
    pub fn print(&mut self, report: &RebuildReport, what: &str) {
        let mut err = std::io::stderr().lock();
        let (new, line) = self.news(report, what);
        for d in new {
            let _ = writeln!(err, "{}", d.render_human());
        }
        let _ = writeln!(err, "{line}");
    }

    /// The findings to print in full, and the summary line.
    fn news<'r>(&mut self, report: &'r RebuildReport, what: &str) -> (Vec<&'r Diagnostic>, String) {
        let now = &report.findings.diagnostics;
        let shown = self.shown.take();
        let new: Vec<&Diagnostic> = (now.iter())
            .filter(|d| shown.as_ref().is_none_or(|s| !s.contains(*d)))
            .collect();
        let current: HashSet<&Diagnostic> = now.iter().collect();
        let fixed = (shown.iter().flatten())
            .filter(|d| !current.contains(d))
            .count();
        let fresh = if shown.is_some() { "new " } else { "" };
        let mut parts = Vec::new();
        for (severity, noun) in [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Note, "note"),
        ] {
            let n = new.iter().filter(|d| d.severity == severity).count();
            if n > 0 {
                parts.push(plural(n, &format!("{fresh}{noun}")));
            }
        }
        if fixed > 0 {
            parts.push(format!("{fixed} fixed"));
        }
        if now.len() > new.len() {
            parts.push(format!("{} unchanged, not repeated", now.len() - new.len()));
        }
        if !report.failed_dirs.is_empty() {
            parts.push(format!(
                "kept the last good pages of {}",
                report.failed_dirs.join(", ")
            ));
        }
        let mut line = format!(
            "rebuilt {} in {:.1} ms ({what})",
            plural(report.written, "file"),
            report.millis
        );
        if !parts.is_empty() {
            line.push_str(": ");
            line.push_str(&parts.join("; "));
        }
        self.shown = Some(now.iter().cloned().collect());
        (new, line)
    }
}

/// What the browser is told: `{"generation", "written", "millis", "dirs":
/// {"us": "us/"}, "errors": [{"file", "line", "column", "code", "message",
/// "help", "source", "caret", "markets"}]}`; an error's `markets` is empty
/// when it concerns the whole site.
pub fn status_json(generation: u64, report: &RebuildReport) -> String {
    let f = &report.findings;
    let errors: Vec<serde_json::Value> = (f.diagnostics.iter().zip(&f.markets))
        .filter(|(d, _)| d.severity == Severity::Error)
        .map(|(d, markets)| {
            let at = d.location.as_ref();
            serde_json::json!({
                "file": at.map(|l| l.file.as_str()),
                "line": at.map(|l| l.line),
                "column": at.map(|l| l.column),
                "code": d.code,
                "message": d.message,
                "help": d.help,
                "source": at.map(|l| l.source_line.as_str()),
                "caret": at.map(|l| l.excerpt_column),
                "markets": markets,
            })
        })
        .collect();
    let dirs: serde_json::Map<String, serde_json::Value> = (f.dirs.iter())
        .map(|(id, dir)| (id.clone(), dir.clone().into()))
        .collect();
    serde_json::json!({
        "generation": generation,
        "written": report.written,
        "millis": report.millis,
        "dirs": dirs,
        "errors": errors,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::serve::render::Findings;

    fn report(diagnostics: Vec<Diagnostic>) -> RebuildReport {
        RebuildReport {
            written: 3,
            millis: 1.25,
            findings: Findings {
                markets: vec![Vec::new(); diagnostics.len()],
                diagnostics,
                dirs: Vec::new(),
            },
            failed_dirs: Vec::new(),
            fatal: None,
        }
    }

    fn finding(code: Code, message: &str) -> Diagnostic {
        Diagnostic::warning(code, message)
    }

    /// What `news` prints in full (as messages) and its summary line.
    fn news(t: &mut Terminal, diagnostics: Vec<Diagnostic>, what: &str) -> (Vec<String>, String) {
        let r = report(diagnostics);
        let (new, line) = t.news(&r, what);
        (new.iter().map(|d| d.message.clone()).collect(), line)
    }

    #[test]
    fn a_rebuild_prints_only_what_changed() {
        let mut t = Terminal::default();
        let a = finding(Code::MissingTranslation, "a");
        let b = finding(Code::MissingTranslation, "b");
        let e = Diagnostic::error(Code::Directive, "e");
        let (new, line) = news(&mut t, vec![a.clone(), b.clone()], "initial build");
        assert_eq!(new, ["a", "b"]);
        assert_eq!(
            line,
            "rebuilt 3 files in 1.2 ms (initial build): 2 warnings"
        );
        // The same warnings: nothing printed again.
        let (new, line) = news(&mut t, vec![a.clone(), b.clone()], "a.md");
        assert!(new.is_empty());
        assert_eq!(
            line,
            "rebuilt 3 files in 1.2 ms (a.md): 2 unchanged, not repeated"
        );
        // One new error, one warning fixed.
        let (new, line) = news(&mut t, vec![a.clone(), e.clone()], "a.md");
        assert_eq!(new, ["e"]);
        assert_eq!(
            line,
            "rebuilt 3 files in 1.2 ms (a.md): 1 new error; 1 fixed; 1 unchanged, not repeated"
        );
        let (new, line) = news(&mut t, vec![], "a.md");
        assert!(new.is_empty());
        assert_eq!(line, "rebuilt 3 files in 1.2 ms (a.md): 2 fixed");
        let mut one = report(vec![]);
        one.written = 1;
        assert_eq!(t.news(&one, "a.md").1, "rebuilt 1 file in 1.2 ms (a.md)");
    }
}
