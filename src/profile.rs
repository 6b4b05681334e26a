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
    last_cpu: f64,
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            last: Instant::now(),
            last_cpu: if enabled() { cpu_ms() } else { 0.0 },
        }
    }

    /// Print the lap: its wall time, the CPU time all threads spent in it (twice
    /// the wall time when both cores were busy throughout), and resident memory.
    pub fn lap(&mut self, what: &str) {
        if enabled() {
            let (now, cpu) = (Instant::now(), cpu_ms());
            crate::errln!(
                "  {:>8.2} ms  {:>8.2} ms CPU  {:>5} MB resident  {what}",
                (now - self.last).as_secs_f64() * 1000.0,
                cpu - self.last_cpu,
                resident_mb()
            );
            self.last = now;
            self.last_cpu = cpu;
        }
    }
}

/// CPU time of this process so far, all threads, user and system, in ms (Linux;
/// 0 elsewhere).
#[cfg(target_os = "linux")]
fn cpu_ms() -> f64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1e6
}

#[cfg(not(target_os = "linux"))]
fn cpu_ms() -> f64 {
    0.0
}

/// Resident memory of this process now, in MB (Linux; 0 elsewhere).
fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / 1_000_000)
}
