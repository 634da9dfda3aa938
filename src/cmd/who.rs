//! `kith who INTEREST...`: who could I ask about this?

use std::io::Write;

use anyhow::Result;

use super::query::{format, open_index, query, width};
use crate::cli::{GlobalArgs, ReportFormat, WhoArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::{lists, write_json};
use crate::report::who;

/// Runs `kith who`.
pub fn run(args: &WhoArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings) = open_index(global, None, args.query.index.no_scan, printer)?;
    let query = query(global, &args.query, settings.config())?;
    let report = who::build(&index, &query, &args.interests)?;
    let mut out = printer.stdout();
    match format(&args.query) {
        ReportFormat::Json => write_json(&mut out, &report)?,
        ReportFormat::Csv => lists::who(&report).write_csv(&mut out)?,
        ReportFormat::Md => lists::who(&report).write_markdown(&mut out)?,
        ReportFormat::Table => {
            lists::who(&report).write_table(&mut out, width(), printer.stdout_color())?
        }
    }
    out.flush()?;
    if report.people.is_empty() {
        printer.info(format_args!(
            "nobody yet in the context of {}",
            report
                .interests
                .iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(ExitStatus::Success)
}
