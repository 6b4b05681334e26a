use super::{counts, exit_status, print_diagnostics};
use crate::build::{BuildError, BuildOptions, build_site};
use crate::cli::BuildArgs;
use crate::diagnostics::plural;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let opts = BuildOptions {
        root: args.root,
        out: args.out,
        markets: args.markets,
        base_url: args.base_url,
        strict: args.strict,
        drafts: args.drafts,
        pseudo: args.pseudo,
    };
    match build_site(&opts) {
        Ok(report) => {
            print_diagnostics(&report.diagnostics);
            let ms = started.elapsed().as_millis();
            let warnings = if report.diagnostics.is_empty() {
                String::new()
            } else {
                format!(" ({})", counts(&report.diagnostics))
            };
            crate::outln!(
                "built {}, {} in {ms} ms into {}{warnings}",
                plural(report.markets, "market"),
                plural(report.pages, "page"),
                opts.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            print_diagnostics(&diags);
            crate::errln!(
                "build failed: {}; {} left unchanged",
                counts(&diags),
                opts.out.display()
            );
            exit_status(&diags, opts.strict)
        }
        Err(BuildError::Usage(msg)) => {
            crate::errln!("error: {msg}");
            ExitCode::from(2)
        }
        Err(BuildError::Io(msg, diags)) => {
            print_diagnostics(&diags);
            crate::errln!("error: {msg}; {} left unchanged", opts.out.display());
            ExitCode::from(2)
        }
    }
}
