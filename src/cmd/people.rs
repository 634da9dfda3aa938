//! `kith people`: everyone you know.

use std::io::Write;

use anyhow::Result;

use super::query::{format, open_index, query, width};
use crate::cli::{GlobalArgs, PeopleArgs, ReportFormat};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::{lists, write_json};
use crate::report::people;
use crate::report::who::interest_of;

/// Runs `kith people`.
pub fn run(args: &PeopleArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings) = open_index(
        global,
        args.vault.as_deref(),
        args.query.index.no_scan,
        printer,
    )?;
    let query = query(global, &args.query, settings.config())?;
    let interest = args.interest.as_deref().and_then(interest_of);
    let report = people::build(&index, &query, interest.as_deref(), args.sort)?;
    let mut out = printer.stdout();
    match format(&args.query) {
        ReportFormat::Json => write_json(&mut out, &report)?,
        ReportFormat::Csv => lists::people(&report).write_csv(&mut out)?,
        ReportFormat::Md => lists::people(&report).write_markdown(&mut out)?,
        ReportFormat::Table => {
            lists::people(&report).write_table(&mut out, width(), printer.stdout_color())?
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
