//! glasshouse: Markdown explainers about privacy and data initiatives -> one
//! localized static site per market, framed for what builds trust there.
//!
//! The pipeline reads in module order: [`config`] and [`content`] load the site,
//! [`resolve`] picks files and variants per market, [`l10n`] holds the Fluent
//! messages, [`markdown`] and [`render`] produce HTML, [`output`] writes it, and
//! [`site`] ties them together. [`cmd`] holds the subcommands.

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
