//! The command line, as clap types only: what the user typed, not yet
//! checked against the filesystem (that is [`crate::settings`]).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Who you know, and in what context: kith reads a folder of markdown
/// notes and finds the `@people` and `#interests` in them.
#[derive(Debug, Parser)]
#[command(name = "kith", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = "Examples:
  kith people sample-notes           everyone you know, strongest ties first
  kith who running --vault ~/notes   who could I ask about running?
  kith mentions ~/notes --format jsonl > mentions.jsonl")]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The vault: a folder of markdown notes [default: the current folder]
    #[arg(long, global = true, env = "KITH_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,

    /// Where the index lives [default: VAULT/.kith/index.sqlite]
    #[arg(long, global = true, env = "KITH_INDEX", value_name = "FILE")]
    pub index: Option<PathBuf>,

    /// Follow symbolic links (links leaving the vault are skipped).
    #[arg(long, global = true)]
    pub follow_links: bool,

    /// Date notes that have no date by their file's modification time.
    ///
    /// Off by default: in CI every file's modification time is the checkout
    /// time.
    #[arg(long, global = true)]
    pub mtime_dates: bool,

    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only a count of warnings, not each one.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also list skipped files and timings.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every @person and #interest mention in the vault, with its
    /// context.
    #[command(after_help = "Examples:
  kith mentions sample-notes
  kith mentions ~/notes --format jsonl | jq 'select(.kind == \"person\")'")]
    Mentions(MentionsArgs),
}

/// `kith mentions`.
#[derive(Debug, Args)]
pub struct MentionsArgs {
    /// The vault (same as --vault).
    #[arg(id = "vault_dir", value_name = "VAULT")]
    pub vault: Option<PathBuf>,

    /// Output format [default: table on a terminal, jsonl otherwise]
    #[arg(long, value_enum)]
    pub format: Option<MentionsFormat>,
}

/// Formats of `kith mentions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MentionsFormat {
    /// Aligned columns for reading on a terminal.
    Table,
    /// One JSON object a line (a stable contract).
    Jsonl,
    /// One JSON array.
    Json,
}

/// Reads a `YYYY-MM-DD` date argument.
pub fn parse_date(value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("`{value}` is not a date: expected YYYY-MM-DD"))
}
