//! glasshouse: Markdown explainers about privacy and data initiatives -> one
//! localized static site per market, framed for what builds trust there.
//!
//! A build is four stages: [`load`] reads the site into memory, [`plan`] decides
//! what each market publishes, [`pages`] renders it as bytes (through
//! [`markdown`], [`scripts`] and [`render`]) and [`output`] writes it; [`build`]
//! ties them together and [`cmd`] holds the subcommands. docs/ARCHITECTURE.md
//! has the map.

// Diagnostics are returned by value on the (rare) error path; boxing them would
// only add noise at every call site.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod build;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod console;
pub mod content;
pub mod diagnostics;
pub mod l10n;
pub mod load;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod paths;
pub mod plan;
pub mod profile;
pub mod pseudo;
pub mod render;
pub mod resolve;
pub mod scripts;
pub mod segment;
pub mod serve;
pub mod theme;
pub mod xliff;
mod yaml;

#[cfg(test)]
mod testing;
