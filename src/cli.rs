//! The command line, as clap types only: what the user typed, not yet
//! checked against the filesystem (that is [`crate::settings`]).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::people::PeopleSort;

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

/// Options every command takes (listed apart in each command's help).
#[derive(Debug, Args)]
#[command(next_help_heading = "Options every command takes")]
pub struct GlobalArgs {
    /// The vault: a folder of markdown notes [default: the current folder]
    #[arg(long, global = true, env = "KITH_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,

    /// Whether `--vault` was given on the command line, not taken from
    /// `KITH_VAULT` (set by [`parse`]).
    #[arg(skip)]
    pub vault_on_command_line: bool,

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

    /// The day ages and periods are counted from [default: the system date]
    #[arg(long, global = true, env = "KITH_TODAY", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

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

    /// Build or update the index (incremental: unchanged notes are not
    /// read again).
    #[command(after_help = "Examples:
  kith scan sample-notes
  kith scan ~/notes --index /tmp/kith.sqlite --rebuild")]
    Scan(ScanArgs),

    /// Everyone you know, with how often, when, in what context and how
    /// strong the tie is.
    #[command(after_help = "Examples:
  kith people sample-notes
  kith people ~/notes --interest travel --sort recent
  kith people ~/notes --since 2026-01-01 --format csv > people.csv")]
    People(PeopleArgs),

    /// One person's profile: spellings, interests, people, timeline and
    /// latest mentions.
    #[command(after_help = "Examples:
  kith person alex-bec --vault sample-notes
  kith person 'Alex Bec' --vault ~/notes --format json")]
    Person(PersonArgs),

    /// Every interest, with mentions, people and top people (nested tags
    /// roll up to their parents).
    #[command(after_help = "Examples:
  kith interests sample-notes
  kith interests ~/notes --limit 10 --format md")]
    Interests(InterestsArgs),

    /// The people you know in a context: who could I ask about this?
    #[command(after_help = "Examples:
  kith who running --vault sample-notes
  kith who '#travel/asia' cooking --vault ~/notes --format json")]
    Who(WhoArgs),

    /// What happened in a period (default: the 7 days ending today): who you
    /// saw, who is new, active interests, and who you are drifting away
    /// from.
    #[command(after_help = "Examples:
  kith digest sample-notes --today 2026-11-27
  kith digest ~/notes --week 2026-W48 --format html --output digest.html
  KITH_INDEX=/tmp/kith.sqlite kith digest . --format gfm >> \"$GITHUB_STEP_SUMMARY\"")]
    Digest(DigestArgs),

    /// The whole network at a glance: people, interests, the strongest ties
    /// and a timeline.
    #[command(after_help = "Examples:
  kith report sample-notes --format html --output network.html
  kith report ~/notes --since 2026-01-01 > Network.md")]
    Report(ReportArgs),

    /// Write `.kith/config.yaml` with every setting and its default, and
    /// `.kith/.gitignore` so the index stays out of git.
    #[command(after_help = "Examples:
  kith init ~/notes
  kith init --force     (overwrite an existing config)")]
    Init(InitArgs),

    /// Lint the network: likely duplicate people, bad aliases, unmentioned
    /// person notes, undated daily notes, broken frontmatter, ambiguous
    /// links.
    #[command(after_help = "Examples:
  kith check sample-notes
  kith check ~/notes --strict --format json   (exit 1 when there are findings)")]
    Check(CheckArgs),

    /// Print a shell completion script.
    #[command(after_help = "Examples:
  kith completions bash > ~/.local/share/bash-completion/completions/kith
  kith completions zsh > \"${fpath[1]}/_kith\"
  kith completions fish > ~/.config/fish/completions/kith.fish")]
    Completions(CompletionsArgs),

    /// Print the man page (roff): kith(1), or a command's, kith-COMMAND(1).
    #[command(after_help = "Examples:
  kith man > kith.1 && man ./kith.1
  kith man scan | man -l -
  for c in '' mentions scan people person interests who digest report init check completions man help; do
    kith man $c | gzip > /usr/local/share/man/man1/kith${c:+-$c}.1.gz; done")]
    Man(ManArgs),
}

/// `kith man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print [default: kith(1) itself].
    #[arg(value_name = "COMMAND", value_parser = parse_command_name)]
    pub command: Option<String>,
}

/// `kith completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `kith init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The vault (same as --vault).
    #[arg(id = "vault_dir", value_name = "VAULT")]
    pub vault: Option<PathBuf>,

    /// Overwrite an existing config.
    #[arg(long)]
    pub force: bool,

    /// Print the config `init` writes (every setting, its default and what
    /// it does) to stdout, and write nothing.
    #[arg(long, conflicts_with = "force")]
    pub print: bool,
}

/// Formats of `kith check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line: kind: message`, one finding a line, then a summary.
    Text,
    /// JSON (a stable contract).
    Json,
}

/// `kith check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The vault (same as --vault).
    #[arg(id = "vault_dir", value_name = "VAULT")]
    pub vault: Option<PathBuf>,

    /// Exit 1 when there are findings (for CI).
    #[arg(long)]
    pub strict: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Answer from the index as it is, without refreshing it first.
    #[arg(long)]
    pub no_scan: bool,
}

/// Formats of the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    /// Markdown for Obsidian: notes as `[[wikilinks]]`.
    Md,
    /// GitHub-flavoured markdown, for a CI job's summary: no frontmatter,
    /// notes as paths.
    Gfm,
    /// JSON (a stable contract).
    Json,
    /// One self-contained HTML page with a chart.
    Html,
}

/// `kith digest`.
#[derive(Debug, Args)]
pub struct DigestArgs {
    /// The vault (same as --vault).
    #[arg(id = "vault_dir", value_name = "VAULT")]
    pub vault: Option<PathBuf>,

    /// The period: this many days ending --today.
    #[arg(long, value_name = "N", default_value_t = 7, value_parser = clap::value_parser!(u64).range(1..=36_600),
          conflicts_with_all = ["week", "since"])]
    pub days: u64,

    /// The period: an ISO week such as 2026-W48 (Monday to Sunday).
    #[arg(long, value_name = "YYYY-Www", conflicts_with = "since")]
    pub week: Option<String>,

    /// The period's first day (with --until; --until defaults to --today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,

    /// The period's last day [default: --today].
    #[arg(long, value_name = "DATE", value_parser = parse_date, conflicts_with = "week")]
    pub until: Option<NaiveDate>,

    /// Suggest reconnecting with people not mentioned for this many days
    /// [default: the config's reconnect_after_days, 60]
    #[arg(long, value_name = "DAYS")]
    pub reconnect_after: Option<u32>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DigestFormat::Md)]
    pub format: DigestFormat,

    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// List at most N people to reconnect with [default: 10].
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// How the index is read.
    #[command(flatten)]
    pub index: IndexArgs,
}

/// Formats of the network report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkFormat {
    /// Markdown for Obsidian.
    Md,
    /// GitHub-flavoured markdown: no frontmatter.
    Gfm,
    /// JSON (a stable contract).
    Json,
    /// One self-contained HTML page with a chart.
    Html,
}

/// `kith report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The vault (same as --vault).
    #[arg(id = "vault_dir", value_name = "VAULT")]
    pub vault: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = NetworkFormat::Md)]
    pub format: NetworkFormat,

    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Count only mentions dated on or after DATE.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,

    /// Count only mentions dated on or before DATE.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<NaiveDate>,

    /// Show at most N people and interests.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// How the index is read.
    #[command(flatten)]
    pub index: IndexArgs,
}

/// `kith scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The vault (same as --vault).
    #[arg(id = "vault_dir", value_name = "VAULT")]
    pub vault: Option<PathBuf>,

    /// Throw the index away and build it again from every note.
    #[arg(long)]
    pub rebuild: bool,
}

/// Options of every question asked of the index.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Output format [default: table]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Count only mentions dated on or after DATE.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,

    /// Count only mentions dated on or before DATE.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<NaiveDate>,

    /// Show at most N rows.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// How the index is read.
    #[command(flatten)]
    pub index: IndexArgs,
}

/// Options of every command that answers from the index.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Strength half-life in days: a mention this old counts half [default:
    /// the config's half_life_days, 90]
    #[arg(long, value_name = "DAYS", value_parser = parse_half_life)]
    pub half_life: Option<f64>,

    /// Answer from the index as it is, without refreshing it first.
    #[arg(long)]
    pub no_scan: bool,
}

/// Formats of the index questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned columns for reading on a terminal.
    Table,
    /// JSON (a stable contract).
    Json,
    /// CSV with a header row.
    Csv,
    /// Markdown.
    Md,
}

/// `kith people`.
#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// The vault (same as --vault).
    #[arg(id = "vault_dir", value_name = "VAULT")]
    pub vault: Option<PathBuf>,

    /// Keep people who share this interest (`travel` includes
    /// `travel/asia`).
    #[arg(long, value_name = "INTEREST", value_parser = parse_interest)]
    pub interest: Option<String>,

    /// How to order people.
    #[arg(long, value_enum, default_value_t = PeopleSort::Strength)]
    pub sort: PeopleSort,

    /// Query options.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// `kith person`.
#[derive(Debug, Args)]
#[command(mut_arg("limit", |arg| arg.help("Show at most N recent mentions [default: 10]")))]
pub struct PersonArgs {
    /// The person: `alex-bec`, `@alex-bec` or `Alex Bec`.
    #[arg(value_parser = parse_name)]
    pub name: String,

    /// Query options.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// `kith interests`.
#[derive(Debug, Args)]
pub struct InterestsArgs {
    /// The vault (same as --vault).
    #[arg(id = "vault_dir", value_name = "VAULT")]
    pub vault: Option<PathBuf>,

    /// Query options.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// `kith who`.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// One or more interests (`running`, `'#travel/asia'`); a person
    /// qualifies through any of them.
    #[arg(required = true, value_name = "INTEREST", value_parser = parse_interest)]
    pub interests: Vec<String>,

    /// Query options.
    #[command(flatten)]
    pub query: QueryArgs,
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

/// Reads a positive half-life in days.
fn parse_half_life(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(days) if days > 0.0 && days.is_finite() => Ok(days),
        _ => Err(format!("`{value}` is not a positive number of days")),
    }
}

/// Reads a `YYYY-MM-DD` date argument.
pub fn parse_date(value: &str) -> Result<NaiveDate, String> {
    use crate::note::date::{BEFORE_FIRST_DAY, NoDay, read_day};
    read_day(value).map_err(|why| match why {
        NoDay::BeforeFirstDay => format!("`{value}` {BEFORE_FIRST_DAY}"),
        // `2026-02-30`: the form is right, the calendar has no such day.
        NoDay::NoSuchDay => format!("`{value}` is no day of the calendar"),
        NoDay::NotDayShaped => format!("`{value}` is not a date: expected YYYY-MM-DD"),
    })
}

/// Reads an interest argument: a tag, with or without its `#` (`running`,
/// `#travel/asia`); a person (`@alex`) or what is no tag (`/`, `1984`) is
/// refused.
pub fn parse_interest(value: &str) -> Result<String, String> {
    if value.trim().starts_with('@') {
        return Err(format!(
            "`{}` is a person, not an interest: ask `kith person {}`",
            value.trim(),
            value.trim().trim_start_matches('@')
        ));
    }
    crate::extract::tag::from_value(value)
        .map(|_| value.to_owned())
        .ok_or_else(|| "expected an interest such as running or travel/asia".to_owned())
}

/// Reads a name argument: anything but blank, or `@` or `#` alone (`#☕`
/// is a tag).
pub fn parse_name(value: &str) -> Result<String, String> {
    let name = value.trim();
    let name = name.strip_prefix(['@', '#']).unwrap_or(name);
    if name.trim().is_empty() {
        Err("expected a name such as alex-bec or running".to_owned())
    } else {
        Ok(value.to_owned())
    }
}

/// Reads the name of one of kith's commands (`kith man scan`).
pub fn parse_command_name(value: &str) -> Result<String, String> {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    // Built, so that `help` is one of them.
    cli.build();
    if cli.find_subcommand(value).is_some() {
        Ok(value.to_owned())
    } else {
        let names: Vec<&str> = cli.get_subcommands().map(clap::Command::get_name).collect();
        Err(format!(
            "no such command; expected one of: {}",
            names.join(", ")
        ))
    }
}

/// The `--color` the command line asks for (the last one given, before a
/// `--`), for clap's own messages; `auto` when it asks for none or for
/// what is no choice (clap then says so).
fn color_asked(args: impl IntoIterator<Item = std::ffi::OsString>) -> clap::ColorChoice {
    let mut asked = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        if arg == "--color" {
            asked = args.next().and_then(|value| value.into_string().ok());
        } else if let Some(value) = arg.strip_prefix("--color=") {
            asked = Some(value.to_owned());
        }
    }
    match asked.as_deref() {
        Some("always") => clap::ColorChoice::Always,
        Some("never") => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    }
}

/// The options that environment variables set, by id.
const ENVIRONMENT: [(&str, &str); 3] = [
    ("vault", "KITH_VAULT"),
    ("index", "KITH_INDEX"),
    ("today", "KITH_TODAY"),
];

/// Exits with clap's message for `err`; a bad value that came from an
/// environment variable (`KITH_TODAY=soon` in a CI job) is told as that
/// variable's, not as an option the user never wrote.
fn exit_naming_the_variable(err: clap::Error, command: &clap::Command) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        err.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
    ) && let Some(ContextValue::String(arg)) = err.get(ContextKind::InvalidArg)
    {
        for (id, variable) in ENVIRONMENT {
            let long = format!("--{id}");
            let written = std::env::args_os().skip(1).any(|given| {
                let given = given.to_string_lossy();
                given == long.as_str() || given.starts_with(&format!("{long}="))
            });
            if arg.starts_with(&format!("{long} ")) && !written {
                let text = err.render().to_string().replacen(
                    &format!("for '{arg}'"),
                    &format!("in {variable} (for {long})"),
                    1,
                );
                let message = text.strip_prefix("error: ").unwrap_or(&text);
                clap::Error::raw(err.kind(), message)
                    .with_cmd(command)
                    .exit()
            }
        }
    }
    err.exit()
}

/// Parses the command line (exiting with clap's message on a usage
/// error), noting where `--vault` came from. Empty variables count as
/// unset.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches, parser::ValueSource};
    // clap colours its own usage errors before `--color` is parsed: read
    // it first, so that `--color never` holds for them too.
    let color = color_asked(std::env::args_os().skip(1));
    let mut command = Cli::command().color(color);
    // An empty variable is an unset one (`KITH_INDEX=`, or a CI expression
    // that expanded to nothing), not an empty value for its option.
    for (id, variable) in ENVIRONMENT {
        if std::env::var_os(variable).is_some_and(|value| value.is_empty()) {
            command = command.mut_arg(id, |arg| {
                // The help still names the variable, as clap would.
                let note = format!("[env: {variable}=] (empty: unset)");
                let help = arg.get_help().map(|help| format!("{help} {note}"));
                let long_help = arg.get_long_help().map(|help| format!("{help}\n\n{note}"));
                let arg = arg.env(None);
                let arg = match help {
                    Some(help) => arg.help(help),
                    None => arg,
                };
                match long_help {
                    Some(help) => arg.long_help(help),
                    None => arg,
                }
            });
        }
    }
    let matches = command
        .try_get_matches_from_mut(std::env::args_os())
        .unwrap_or_else(|err| exit_naming_the_variable(err, &command));
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    // A global option is kept where it was written: before the command or
    // after it.
    let sources = [Some(&matches), matches.subcommand().map(|(_, sub)| sub)];
    cli.global.vault_on_command_line = sources
        .into_iter()
        .flatten()
        .any(|m| m.value_source("vault") == Some(ValueSource::CommandLine));
    cli
}
