//! Lines for the terminal. A closed pipe (`glasshouse build 2>&1 | head -1`) is
//! not an error: what cannot be printed is dropped and the command goes on, where
//! `println!` would panic halfway through a build.

/// `println!` that drops its line when standard output is closed.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that drops its line when standard error is closed.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
