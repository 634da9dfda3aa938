//! `kith digest`: the weekly digest.

use std::io::Write;

use anyhow::Result;

use super::query::{Question, open_query, today};
use super::write_report;
use crate::cli::{DigestArgs, DigestFormat, GlobalArgs};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::digest::{self as markdown, Flavour};
use crate::render::{html, write_json};
use crate::report::digest::{self, NoWeek, Period};

/// Runs `kith digest`.
pub fn run(args: &DigestArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let today = today(global);
    let period = period(args, today)?;
    if period.since > today {
        // Not wrong (a note may be dated ahead, for a plan), but likely
        // a typo in the year or week.
        printer.warn_message(format_args!(
            "the period {} to {} is after today, {today}: only notes dated ahead are in it",
            period.since, period.until
        ));
    }
    let question = Question {
        since: None,
        until: None,
        limit: args.limit,
        index: &args.index,
    };
    let (index, settings, query) = open_query(global, args.vault.as_deref(), question, printer)?;
    let reconnect_after = args
        .reconnect_after
        .unwrap_or(settings.config().reconnect_after_days);
    let report = digest::build(&index, &query, period, i64::from(reconnect_after))?;
    write_report(
        printer,
        &settings.vault,
        args.output.as_deref(),
        args.format,
        |mut out: &mut dyn Write| match args.format {
            DigestFormat::Md => markdown::write_digest(&mut out, &report, Flavour::Obsidian),
            DigestFormat::Gfm => markdown::write_digest(&mut out, &report, Flavour::GitHub),
            DigestFormat::Json => write_json(&mut out, &report),
            DigestFormat::Html => html::write_digest(&mut out, &report),
        },
    )?;
    Ok(ExitStatus::Success)
}

/// The period asked for: `--week`, `--since`/`--until`, or `--days`
/// ending `--until` (default: today).
fn period(args: &DigestArgs, today: chrono::NaiveDate) -> Result<Period, Error> {
    if let Some(week) = &args.week {
        return Period::iso_week(week).map_err(|why| match why {
            NoWeek::BeforeFirstDay => Error::WeekBeforeFirstDay {
                value: week.clone(),
            },
            NoWeek::Invalid => Error::InvalidWeek {
                value: week.clone(),
            },
        });
    }
    let until = args.until.unwrap_or(today);
    match args.since {
        Some(since) if since > until => Err(Error::EmptyWindow {
            since,
            until,
            until_given: args.until.is_some(),
        }),
        Some(since) => Ok(Period::new(since, until)),
        None => Ok(Period::ending(until, args.days)),
    }
}
