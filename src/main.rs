use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = glasshouse::cli::Cli::parse();
    glasshouse::cmd::run(cli)
}
