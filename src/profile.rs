//! Phase timings on stderr when `GLASSHOUSE_PROFILE` is set: what the benchmarks
//! and profiling use to see where a build spends its time.

use std::sync::OnceLock;
use std::time::Instant;

pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GLASSHOUSE_PROFILE").is_some())
}

/// A stopwatch that prints each lap when profiling is on.
pub struct Laps {
    last: Instant,
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            last: Instant::now(),
        }
    }

    pub fn lap(&mut self, what: &str) {
        if enabled() {
            let now = Instant::now();
            crate::errln!(
                "  {:>8.2} ms  {:>5} MB resident  {what}",
                (now - self.last).as_secs_f64() * 1000.0,
                resident_mb()
            );
            self.last = now;
        }
    }
}

/// Resident memory of this process now, in MB (Linux; 0 elsewhere).
fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / 1_000_000)
}
