//! What the index questions share: refreshing the index, the query
//! window, the output format.

use std::path::Path;

use anyhow::Result;
use chrono::{Local, NaiveDate};

use crate::cli::{GlobalArgs, QueryArgs, ReportFormat};
use crate::config::Config;
use crate::error::Error;
use crate::error::Warning;
use crate::index::Index;
use crate::index::query::Window;
use crate::index::scan::{ScanEvents, ScanSummary, scan};
use crate::printer::{Printer, Progress};
use crate::render::table::terminal_width;
use crate::report::{Query, day_number};
use crate::settings::Settings;

/// The day ages are counted from: `--today`, else the system date.
pub fn today(global: &GlobalArgs) -> NaiveDate {
    global.today.unwrap_or_else(|| Local::now().date_naive())
}

/// The query parameters from the command line (and the config, for the
/// half-life).
pub fn query(global: &GlobalArgs, args: &QueryArgs, config: &Config) -> Result<Query, Error> {
    build_query(
        global,
        args.since,
        args.until,
        args.limit,
        args.index.half_life.unwrap_or(config.half_life_days),
    )
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
        return Err(Error::EmptyWindow { since, until });
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

/// Opens the index for a question: refreshed first (incrementally) unless
/// `--no-scan`, in which case it must already exist.
pub fn open_index(
    global: &GlobalArgs,
    vault: Option<&Path>,
    no_scan: bool,
    printer: &Printer,
) -> Result<(Index, Settings)> {
    let settings = Settings::resolve(global, vault)?;
    let index = if no_scan {
        Index::open_read_only(&settings.index)?
    } else {
        let (index, summary) = refresh(&settings, false, printer)?;
        printer.verbose(summary_line(&summary));
        index
    };
    index.begin_reading()?;
    Ok((index, settings))
}

/// Opens (or creates) the index and brings it up to date, reporting
/// warnings as they come.
pub fn refresh(
    settings: &Settings,
    rebuild: bool,
    printer: &Printer,
) -> Result<(Index, ScanSummary)> {
    for warning in &settings.warnings {
        printer.warning(warning);
    }
    let (mut index, _) = Index::open_for_scan(&settings.index)?;
    let mut events = PrinterEvents {
        printer,
        progress: printer.progress(),
    };
    let (summary, walked) = scan(&mut index, settings, rebuild, &mut events)?;
    events.progress.finish();
    for skipped in &walked.skipped {
        printer.verbose(format_args!("skipped: {skipped}"));
    }
    for (phase, seconds) in &summary.phases {
        printer.verbose(format_args!("{:>8.3}s  {phase}", seconds));
    }
    printer.warning_summary();
    if summary.seen == 0 {
        printer.warn_message(format_args!(
            "no notes found in `{}`",
            settings.vault.display()
        ));
        printer.hint(super::no_notes_hint(settings, &walked.skipped));
    }
    Ok((index, summary))
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
    format!(
        "scanned {}: {} re-read, {} removed; {}, {}; {}; {:.2}s",
        plural(summary.seen, "note"),
        summary.reread,
        summary.removed,
        plural(summary.people, "person").replace("persons", "people"),
        plural(summary.interests, "interest"),
        plural(summary.warnings, "warning"),
        summary.seconds
    )
}
