//! `kith person NAME`: one person's profile.

use std::io::Write;

use anyhow::Result;

use super::query::{format, open_query, width};
use crate::cli::{GlobalArgs, PersonArgs, ReportFormat};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::{person as render, write_json};
use crate::report::person::{self, Lookup};

/// Runs `kith person`.
pub fn run(args: &PersonArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings, query) = open_query(global, None, (&args.query).into(), printer)?;
    let report = match person::build(
        &index,
        &query,
        settings.config(),
        &settings.vault,
        &args.name,
    )? {
        Lookup::Found(report) => report,
        Lookup::Ignored { ignored } => {
            printer.error_message(format_args!(
                "{} is not counted: the config's ignore_people has {ignored}",
                args.name
            ));
            return Ok(ExitStatus::Findings);
        }
        Lookup::Unknown { suggestions, .. } => {
            printer.error_message(format_args!("no person {}", args.name));
            if suggestions.is_empty() {
                printer.hint("`kith people` lists everyone kith knows");
            } else {
                printer.hint(format_args!(
                    "the closest known names: {}",
                    suggestions.join(", ")
                ));
            }
            return Ok(ExitStatus::Findings);
        }
    };
    let mut out = printer.stdout();
    match format(&args.query) {
        ReportFormat::Json => write_json(&mut out, &report)?,
        ReportFormat::Csv => render::write_csv(&mut out, &report)?,
        ReportFormat::Md => render::write_markdown(&mut out, &report)?,
        ReportFormat::Table => {
            render::write_text(&mut out, &report, width(), printer.stdout_color())?
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
