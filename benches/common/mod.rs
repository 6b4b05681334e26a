//! What the benchmark programs share.

/// The value after `flag` on the command line (`--runs 21` -> `Some("21")`).
pub fn flag(flag: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .cloned()
}
