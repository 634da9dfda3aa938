//! What the index questions share: refreshing the index, the query
//! window, the output format.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use chrono::{Local, NaiveDate};
use serde::Serialize;

use crate::cli::{GlobalArgs, IndexArgs, QueryArgs, ReportFormat};
use crate::config::Config;
use crate::error::Error;
use crate::error::Warning;
use crate::index::query::Window;
use crate::index::scan::{ScanEvents, ScanSummary, scan};
use crate::index::{Index, VaultRecord};
use crate::printer::{Printer, Progress};
use crate::render::lists::Rows;
use crate::render::table::terminal_width;
use crate::render::write_json;
use crate::report::person::closest;
use crate::report::who::interest_of;
use crate::report::{Query, day_number, declared_interests, interest_and_parents, is_within};
use crate::settings::Settings;

/// The day ages are counted from: `--today`, else the system date.
pub fn today(global: &GlobalArgs) -> NaiveDate {
    global.today.unwrap_or_else(|| Local::now().date_naive())
}

/// What a question's flags ask of the index: the window, the limit, the
/// half-life and whether to refresh first.
pub struct Question<'a> {
    /// `--since`.
    pub since: Option<NaiveDate>,
    /// `--until`.
    pub until: Option<NaiveDate>,
    /// `--limit`.
    pub limit: Option<usize>,
    /// `--half-life` and `--no-scan`.
    pub index: &'a IndexArgs,
}

impl<'a> From<&'a QueryArgs> for Question<'a> {
    fn from(args: &'a QueryArgs) -> Self {
        Question {
            since: args.since,
            until: args.until,
            limit: args.limit,
            index: &args.index,
        }
    }
}

/// Opens the index for a question (see [`open_index`]), then builds the
/// question's query, its half-life from `--half-life`, else the config.
pub fn open_query(
    global: &GlobalArgs,
    vault: Option<&Path>,
    question: Question<'_>,
    printer: &Printer,
) -> Result<(Index, Settings, Query)> {
    let Question {
        since,
        until,
        limit,
        index: flags,
    } = question;
    let (index, settings, _) = open_index(global, vault, flags.no_scan, printer)?;
    let half_life = flags.half_life.unwrap_or(settings.config().half_life_days);
    let query = build_query(global, since, until, limit, half_life)?;
    Ok((index, settings, query))
}

/// The query parameters from their parts.
pub fn build_query(
    global: &GlobalArgs,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    limit: Option<usize>,
    half_life: f64,
) -> Result<Query, Error> {
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        return Err(Error::EmptyWindow {
            since,
            until,
            until_given: true,
        });
    }
    Ok(Query {
        today: today(global),
        half_life,
        window: Window {
            since: since.map(day_number),
            until: until.map(day_number),
        },
        limit,
    })
}

/// The output format: as asked, else a table (scripts ask for `json` or
/// `csv`, whose shape is a contract).
pub fn format(args: &QueryArgs) -> ReportFormat {
    args.format.unwrap_or(ReportFormat::Table)
}

/// The width tables are fitted to.
pub fn width() -> usize {
    terminal_width().unwrap_or(120)
}

/// Writes a list report to stdout in the format asked for: the report as
/// JSON, its [`Rows::data_rows`] as CSV, else its [`Rows::rows`] as
/// markdown or a table; a narrow table keeps `sorted_by`, the column the
/// rows are sorted by, whatever else it leaves out.
pub fn write_list<R: Serialize + Rows>(
    printer: &Printer,
    args: &QueryArgs,
    report: &R,
    sorted_by: Option<&str>,
) -> Result<()> {
    let mut out = printer.stdout();
    match format(args) {
        ReportFormat::Json => write_json(&mut out, report)?,
        ReportFormat::Csv => report.data_rows().write_csv(&mut out)?,
        ReportFormat::Md => report.rows().write_markdown(&mut out)?,
        ReportFormat::Table => {
            let mut rows = report.rows();
            rows.spare.retain(|column| Some(*column) != sorted_by);
            rows.write_table(&mut out, width(), printer.stdout_color())?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Of `asked` (canonical interests), those no note names, nor any
/// interest under them, nor a person note: each told, as ignored by the
/// config or with the closest known interests, so that a typo does not
/// read as "nobody". Returns whether any was.
pub fn tell_unknown_interests(
    printer: &Printer,
    index: &Index,
    config: &Config,
    asked: &[String],
) -> Result<bool> {
    let is_known =
        |known: &[String], interest: &str| known.iter().any(|name| is_within(name, interest));
    let mut known = index.names("interest")?;
    let unknown: Vec<&String> = asked.iter().filter(|i| !is_known(&known, i)).collect();
    // Most questions ask for interests the notes name: told at once,
    // without reading every person note's declared interests.
    if unknown.is_empty() {
        return Ok(false);
    }
    known.extend(
        declared_interests(index, config)?
            .into_iter()
            .flat_map(|(_, names)| names),
    );
    // `running` for `runing`, where only `running/trail` is written.
    let parents: Vec<String> = known
        .iter()
        .flat_map(|name| interest_and_parents(name).map(str::to_owned))
        .collect();
    known.extend(parents);
    known.sort_unstable();
    known.dedup();
    let ignored: Vec<String> = config
        .ignore_interests
        .iter()
        .filter_map(|i| interest_of(i))
        .collect();
    let mut any = false;
    for interest in unknown {
        if is_known(&known, interest) {
            continue;
        }
        any = true;
        if let Some(rule) = ignored.iter().find(|rule| is_within(interest, rule)) {
            printer.info(format_args!(
                "#{interest} is not counted: the config's ignore_interests has #{rule}"
            ));
            continue;
        }
        printer.info(format_args!("no note mentions #{interest}"));
        let closest = closest(interest, &known);
        if !closest.is_empty() {
            printer.hint(format_args!(
                "the closest known interests: {}",
                closest.join(", ")
            ));
        }
    }
    Ok(any)
}

/// Opens the index for a question: refreshed first (incrementally) unless
/// `--no-scan`, in which case it must already exist.
pub fn open_index(
    global: &GlobalArgs,
    vault: Option<&Path>,
    no_scan: bool,
    printer: &Printer,
) -> Result<(Index, Settings, Vec<Warning>)> {
    let settings = Settings::resolve(global, vault)?;
    let (index, walk_warnings) = if no_scan {
        // No scan reports them, yet the settings are used all the same.
        for warning in &settings.warnings {
            printer.warning(warning);
        }
        let index = Index::open_read_only(&settings.index)?;
        if !index.made_with(&settings.extraction_fingerprint())? {
            printer.warn_message(format_args!(
                "the index `{}` was made with other settings (the config or --mtime-dates changed since, or an older kith): without a scan, its answers follow those",
                settings.index.display()
            ));
        }
        if settings.index_outside_vault() {
            let vault = VaultRecord::of(&settings.vault);
            if let Some(other) = index.written_from()?.filter(|other| !other.is(&vault)) {
                printer.warn_message(format_args!(
                    "the index `{}` was made from the vault `{}`, not `{}`: without a scan, its answers are about that vault",
                    settings.index.display(),
                    other.path,
                    vault.path
                ));
            }
        }
        // No walk: what the last one met is in the index, for `check`.
        (index, Vec::new())
    } else {
        let (index, summary, walk_warnings) = refresh(&settings, false, false, printer)?;
        printer.verbose(summary_line(&summary));
        (index, walk_warnings)
    };
    index.begin_reading()?;
    Ok((index, settings, walk_warnings))
}

/// Opens (or creates) the index and brings it up to date, reporting
/// warnings as they come. Without `always_create`, a folder with no notes
/// and no index yet gets none: a question asked in the wrong folder leaves
/// nothing behind, and is answered from an empty index in memory.
pub fn refresh(
    settings: &Settings,
    rebuild: bool,
    always_create: bool,
    printer: &Printer,
) -> Result<(Index, ScanSummary, Vec<Warning>)> {
    for warning in &settings.warnings {
        printer.warning(warning);
    }
    let (mut index, walked) = if always_create || settings.index.exists() {
        (Index::open_for_scan(&settings.index)?.0, None)
    } else {
        let walked = settings.walk_vault();
        let index = if walked.notes.is_empty() {
            Index::in_memory_for_scan(&settings.index)?
        } else {
            Index::open_for_scan(&settings.index)?.0
        };
        (index, Some(walked))
    };
    let mut events = PrinterEvents {
        printer,
        progress: printer.progress(),
    };
    let (mut summary, walked) = scan(&mut index, settings, rebuild, walked, &mut events)?;
    // The summary counts every warning told above it.
    summary.warnings += settings.warnings.len();
    events.progress.finish();
    for skipped in &walked.skipped {
        printer.verbose(format_args!("skipped: {skipped}"));
    }
    for (phase, seconds) in &summary.phases {
        printer.verbose(format_args!("{:>8.3}s  {phase}", seconds));
    }
    printer.warning_summary();
    if summary.seen == 0 {
        summary.warnings += 1;
        printer.warn_message(format_args!(
            "no notes found in `{}`",
            settings.vault.display()
        ));
        printer.hint(super::no_notes_hint(settings, &walked.skipped));
    }
    Ok((index, summary, walked.warnings))
}

/// Scan events shown by the printer: warnings, and a progress bar.
struct PrinterEvents<'p> {
    printer: &'p Printer,
    progress: Progress,
}

impl ScanEvents for PrinterEvents<'_> {
    fn warning(&mut self, warning: &Warning) {
        self.progress.suspend(|| self.printer.warning(warning));
    }

    fn progress(&mut self, done: usize, total: usize) {
        self.progress.update(done, total);
    }
}

/// The one-line summary of a scan.
pub fn summary_line(summary: &ScanSummary) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    // Warnings kept from notes not read again were shown by the scan that
    // read them: said here, so that a quiet scan does not pass for a clean
    // vault.
    let earlier = match summary.earlier_warnings {
        0 => String::new(),
        1 => ", 1 from an earlier scan (`kith check` lists it)".to_owned(),
        n => format!(", {n} from earlier scans (`kith check` lists them)"),
    };
    format!(
        "scanned {}: {} re-read, {} removed; {}, {}; {}{earlier}; {:.2}s",
        plural(summary.seen, "note"),
        summary.reread,
        summary.removed,
        plural(summary.people, "person").replace("persons", "people"),
        plural(summary.interests, "interest"),
        plural(summary.warnings, "warning"),
        summary.seconds
    )
}
