use clap::Parser;
use std::process::ExitCode;

mod allocator;

/// mimalloc: Tera allocates for every variable it looks up, and glibc's
/// allocator made a build about 12% slower at the same peak memory (with
/// transparent huge pages off, which otherwise cost 30 MB).
#[global_allocator]
static ALLOCATOR: allocator::MiMalloc = allocator::MiMalloc;

/// Seeds for the hash maps Tera makes for every page (its context, each call's
/// arguments), drawn from a counter per thread. ahash's default source is one
/// atomic counter for the process, which the two cores rendering pages kept
/// taking from each other (about 2% of a build). The maps' keys stay random per
/// process: ahash mixes these seeds with its own, drawn from the system.
struct SeedPerThread;

impl ahash::random_state::RandomSource for SeedPerThread {
    fn gen_hasher_seed(&self) -> usize {
        thread_local!(static NEXT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
        NEXT.with(|next| {
            // Distinct per thread from the start: the counter's own address.
            let seed = next.get().wrapping_add(next as *const _ as usize) | 1;
            next.set(next.get().wrapping_add(0x9e37_79b9_7f4a_7c15_u64 as usize));
            seed
        })
    }
}

fn main() -> ExitCode {
    // Before any map is made; fails only if one was, and then the default stays.
    let _ = ahash::random_state::set_random_source(SeedPerThread);
    let cli = glasshouse::cli::Cli::parse();
    glasshouse::cmd::run(cli)
}
