use super::{counts, exit_status, print_diagnostics};
use crate::build::{BuildError, BuildOptions, build_site};
use crate::cli::BuildArgs;
use crate::diagnostics::plural;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let opts = BuildOptions {
        out: out_under_root(&args.root, args.out),
        root: args.root,
        markets: args.markets,
        base_url: args.base_url,
        strict: args.strict,
        drafts: args.drafts,
        pseudo: args.pseudo,
        root_files: args.root_files,
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
            if opts.root_files {
                crate::outln!(
                    "built the root files (market chooser, 404 page, sitemap index, robots.txt) in {ms} ms into {}{warnings}",
                    opts.out.display()
                );
                return ExitCode::SUCCESS;
            }
            crate::outln!(
                "built {}, {} in {ms} ms into {}{warnings}",
                plural(report.markets, "market"),
                plural(report.pages, "page"),
                opts.out.display()
            );
            if report.drafts_left_out > 0 {
                let n = report.drafts_left_out;
                crate::outln!(
                    "{} (`draft: true`) {} left out: add --drafts to build them, or preview them with `glasshouse serve`",
                    plural(n, "draft"),
                    crate::diagnostics::is_are(n)
                );
            }
            crate::outln!(
                "preview the site with: {}",
                super::serve_command(&opts.root)
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

/// `--out`, resolved against `--root` as Hugo and Zola do: `--root site` builds
/// into `site/public`, inside the site and its `.gitignore`.
fn out_under_root(root: &Path, out: PathBuf) -> PathBuf {
    if out.is_absolute() || root == Path::new(".") {
        out
    } else {
        root.join(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_is_resolved_against_the_root() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(out_under_root(&p("."), p("public")), p("public"));
        assert_eq!(out_under_root(&p("site"), p("public")), p("site/public"));
        assert_eq!(out_under_root(&p("site"), p("dist/us")), p("site/dist/us"));
        assert_eq!(out_under_root(&p("site"), p("/tmp/x")), p("/tmp/x"));
        assert_eq!(out_under_root(&p("../a"), p("../out")), p("../a/../out"));
    }
}
