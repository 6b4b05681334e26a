//! The command line (clap derive only).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "glasshouse",
    version,
    about = "Localized explainer sites and creator scripts, one per market"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site: one localized site per market.
    Build(BuildArgs),
    /// Create a new site in DIR from the bundled example.
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
    },
    /// Create a new explainer content/explainers/SLUG.md.
    New {
        /// Lower-case letters, digits and hyphens.
        slug: String,
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Site root (holds glasshouse.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder, replaced only when the build succeeds.
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    /// Build only these markets (repeatable). With one market and --base-url, the
    /// market is built at the output root for its own domain.
    #[arg(long = "market", value_name = "ID")]
    pub markets: Vec<String>,
    /// Public base URL, overriding glasshouse.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Treat warnings (missing translations, unknown front matter keys…) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Include explainers marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}
