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
    /// Run every check without writing anything; exit 1 on errors.
    Check(CheckArgs),
    /// Translation workflow: stamp translations, report their status, export and import XLIFF.
    #[command(subcommand)]
    L10n(L10nCommand),
    /// Build into memory, serve on 127.0.0.1, rebuild on change and reload open pages.
    Serve(ServeArgs),
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
pub struct CheckArgs {
    /// Site root (holds glasshouse.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Check only these markets (repeatable).
    #[arg(long = "market", value_name = "ID")]
    pub markets: Vec<String>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    /// Source lines with carets, grouped by file, and a summary.
    Human,
    /// One JSON object a line.
    Json,
    /// GitHub Actions workflow commands.
    Github,
}

#[derive(Subcommand, Debug)]
pub enum L10nCommand {
    /// Record in each translation the hash of the source it was translated from.
    Stamp {
        /// Translation files (`content/explainers/<slug>.<lang>.md`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write an XLIFF 2.0 document of what the markets of LOCALE read, for a
    /// translation vendor. Without --only: the missing and the stale segments.
    Export {
        /// The target locale (`ja-JP`), or a language (`fr`) for all its markets.
        #[arg(long)]
        locale: String,
        /// Only these segments (default: missing and stale ones).
        #[arg(long, value_enum)]
        only: Option<ExportOnly>,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Site root (holds glasshouse.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write the targets of XLIFF 2.0 documents (from `l10n export`) into the
    /// translations, all or nothing, then run every check.
    Import {
        /// XLIFF 2.0 documents.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Site root (holds glasshouse.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Per market and explainer: current, stale, missing or not published; per
    /// locale, the share of messages translated.
    Status {
        /// Site root (holds glasshouse.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
        format: StatusFormat,
    },
}

/// Which units `l10n export` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportOnly {
    /// Segments with no translation.
    Missing,
    /// Segments whose translation is of an older source, or not stamped.
    Stale,
    /// Every segment, the current translations included (for review).
    All,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFormat {
    Table,
    Json,
    /// A report to post on a pull request.
    Markdown,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Site root (holds glasshouse.yaml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Address to listen on; loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Port (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Serve only this market, at the root of the preview.
    #[arg(long = "market", value_name = "ID")]
    pub markets: Vec<String>,
    /// Accepted for older scripts: the preview always shows drafts, with a banner.
    #[arg(long, hide = true)]
    pub drafts: bool,
    /// Add a pseudo-localized market (`pseudo/`, en-XA) built from the source.
    #[arg(long)]
    pub pseudo: bool,
    /// Open the preview in a browser.
    #[arg(long)]
    pub open: bool,
    /// Also answer requests for this host name (repeatable); only localhost and
    /// the bound address are answered otherwise.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
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
    /// Add a pseudo-localized market (`pseudo/`, en-XA) built from the source.
    #[arg(long)]
    pub pseudo: bool,
    /// Build only the files at the root of a site whose markets are built
    /// apart (one CI job each): the market chooser, the root 404 page, the
    /// sitemap index naming every market's sitemap, robots.txt, the theme's
    /// assets and static/.
    #[arg(long, conflicts_with = "markets")]
    pub root_files: bool,
}
