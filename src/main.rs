use clap::Parser;
use std::process::ExitCode;

/// mimalloc: Tera allocates for every variable it looks up, and glibc's
/// allocator makes a build slower at the same peak memory (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = glasshouse::cli::Cli::parse();
    glasshouse::cmd::run(cli)
}
