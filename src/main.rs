use clap::Parser;
use std::process::ExitCode;

mod allocator;

/// mimalloc: Tera allocates for every variable it looks up, and glibc's
/// allocator made a build about 12% slower at the same peak memory (with
/// transparent huge pages off, which otherwise cost 30 MB).
#[global_allocator]
static ALLOCATOR: allocator::MiMalloc = allocator::MiMalloc;

fn main() -> ExitCode {
    let cli = glasshouse::cli::Cli::parse();
    glasshouse::cmd::run(cli)
}
