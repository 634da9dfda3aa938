//! `kith interests`: every interest, and who shares it.

use std::io::Write;

use anyhow::Result;

use super::query::{format, open_index, query, width};
use crate::cli::{GlobalArgs, InterestsArgs, ReportFormat};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::{lists, write_json};
use crate::report::interests;

/// Runs `kith interests`.
pub fn run(args: &InterestsArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings) = open_index(
        global,
        args.vault.as_deref(),
        args.query.index.no_scan,
        printer,
    )?;
    let query = query(global, &args.query, settings.config())?;
    let report = interests::build(&index, &query)?;
    let mut out = printer.stdout();
    match format(&args.query) {
        ReportFormat::Json => write_json(&mut out, &report)?,
        ReportFormat::Csv => lists::interests(&report).write_csv(&mut out)?,
        ReportFormat::Md => lists::interests(&report).write_markdown(&mut out)?,
        ReportFormat::Table => {
            lists::interests(&report).write_table(&mut out, width(), printer.stdout_color())?;
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
