//! Subcommands: each takes its options, calls the pipeline, prints, and returns
//! the exit status (0 success, 1 content errors, 2 usage or I/O failure).

mod build;
pub mod check;
mod init;
mod l10n;
mod new;

use crate::cli::{Cli, Command};
use crate::diagnostics::{Code, Diagnostic, Severity, plural};
use std::io::Write;
use std::process::ExitCode;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve(args),
        Command::Check(args) => check::run(args),
        Command::L10n(cmd) => l10n::run(cmd),
        Command::Init { dir } => init::run(&dir),
        Command::New { slug, root } => new::run(&root, &slug),
    }
}

fn serve(args: crate::cli::ServeArgs) -> ExitCode {
    let opts = crate::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        markets: args.markets,
        // The preview shows drafts, with a banner: a page being written is
        // seen, not a 404.
        drafts: true,
        pseudo: args.pseudo,
        open: args.open,
        allow_hosts: args.allow_hosts,
    };
    match crate::serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::errln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Print diagnostics to stderr in the human format; a closed pipe is not an error.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", d.render_human());
    }
}

/// The exit status for the findings of a run: 2 when a file could not be read
/// (an I/O failure, even among content errors: what was checked is
/// incomplete), 1 for content errors (and for warnings under `--strict`), else 0.
pub fn exit_status(diags: &[Diagnostic], strict: bool) -> ExitCode {
    let errors = || diags.iter().filter(|d| d.is_error());
    if errors().any(|d| d.code == Code::Io) {
        ExitCode::from(2)
    } else if errors().next().is_some() || (strict && diags.iter().any(Diagnostic::is_problem)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `2 errors, 1 warning`.
pub fn counts(diags: &[Diagnostic]) -> String {
    let of = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let notes = match of(Severity::Note) {
        0 => String::new(),
        n => format!(", {}", plural(n, "note")),
    };
    format!(
        "{}, {}{notes}",
        plural(of(Severity::Error), "error"),
        plural(of(Severity::Warning), "warning")
    )
}

/// The command that previews the site at `root`.
pub fn serve_command(root: &std::path::Path) -> String {
    if root == std::path::Path::new(".") {
        "glasshouse serve".to_string()
    } else {
        format!("glasshouse serve --root {}", root.display())
    }
}
