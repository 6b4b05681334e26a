use crate::build::{BuildError, check_site};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostics::{Diagnostic, Severity};
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: CheckArgs) -> ExitCode {
    let diags = match check_site(&args.root, &args.markets, args.strict) {
        Ok(d) => d,
        Err(BuildError::Content(d)) => d,
        Err(BuildError::Usage(msg) | BuildError::Io(msg, _)) => {
            crate::errln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    let _ = match args.format {
        CheckFormat::Human => write_human(&mut out, &diags),
        CheckFormat::Json => diags
            .iter()
            .try_for_each(|d| writeln!(out, "{}", json_line(d))),
        CheckFormat::Github => diags
            .iter()
            .try_for_each(|d| writeln!(out, "{}", github_line(d))),
    };
    super::exit_status(&diags, args.strict)
}

/// Grouped by file, with the source line and caret, and a summary count.
fn write_human(out: &mut impl Write, diags: &[Diagnostic]) -> std::io::Result<()> {
    let mut current: Option<&str> = None;
    let mut files = 0;
    for d in diags {
        let file = d.location.as_ref().map_or("(site)", |l| l.file.as_str());
        if current != Some(file) {
            writeln!(out, "── {}", crate::diagnostics::printable(file))?;
            current = Some(file);
            files += 1;
        }
        writeln!(out, "{}", d.render_human())?;
    }
    if diags.is_empty() {
        writeln!(out, "check: no problems found")
    } else {
        let files = crate::diagnostics::plural(files, "file");
        writeln!(out, "check: {} in {files}", super::counts(diags))
    }
}

/// One JSON object: severity, code, message, file, line, column, market.
pub fn json_line(d: &Diagnostic) -> String {
    serde_json::json!({
        "severity": d.severity.as_str(),
        "code": d.code,
        "message": d.message,
        "file": d.location.as_ref().map(|l| l.file.as_str()),
        "line": d.location.as_ref().map(|l| l.line),
        "column": d.location.as_ref().map(|l| l.column),
        "market": d.market,
    })
    .to_string()
}

/// A GitHub Actions workflow command: `::error file=…,line=…,col=…,title=…::message`.
pub fn github_line(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = Vec::new();
    if let Some(l) = &d.location {
        props.push(format!("file={}", escape_property(&l.file)));
        props.push(format!("line={}", l.line));
        props.push(format!("col={}", l.column));
    }
    let market = d
        .market
        .as_deref()
        .map(|m| format!(" ({m})"))
        .unwrap_or_default();
    props.push(format!(
        "title={}",
        escape_property(&format!("glasshouse {}{market}", d.code))
    ));
    format!("::{kind} {}::{}", props.join(","), escape_data(&d.message))
}

fn escape_data(s: &str) -> String {
    crate::diagnostics::printable(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
