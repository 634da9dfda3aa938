//! `kith check`: findings one a line, like a compiler.

use std::io::Write;

use anyhow::Result;

use super::query::open_index;
use crate::cli::{CheckArgs, CheckFormat, GlobalArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::write_json;
use crate::report::check;
use crate::text::escape_controls;

/// Runs `kith check`.
pub fn run(args: &CheckArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings, walked) =
        open_index(global, args.vault.as_deref(), args.no_scan, printer)?;
    // Without a scan, what the last scan's walk met, as the index keeps it.
    let walk_warnings = if args.no_scan {
        index.walk_warnings()?
    } else {
        walked
    };
    let report = check::build(&index, settings.config(), &walk_warnings)?;
    let mut out = printer.stdout();
    match args.format {
        CheckFormat::Json => write_json(&mut out, &report)?,
        CheckFormat::Text => {
            for finding in &report.findings {
                let place = match finding.line {
                    Some(line) => format!("{}:{line}", finding.path),
                    None => finding.path.clone(),
                };
                writeln!(
                    out,
                    "{}: {}: {}",
                    escape_controls(&place),
                    finding.kind.as_str(),
                    escape_controls(&finding.message)
                )?;
                if let Some(fix) = &finding.fix {
                    for line in fix.lines() {
                        writeln!(out, "    {}", escape_controls(line))?;
                    }
                }
            }
        }
    }
    out.flush()?;
    if args.format == CheckFormat::Text {
        let total = report.findings.len();
        let kinds: Vec<String> = report
            .counts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        if total == 0 {
            printer.summary("no findings");
        } else {
            printer.summary(format_args!(
                "{}: {}",
                crate::render::counted(total, "finding", "findings"),
                kinds.join(", ")
            ));
        }
    }
    Ok(if args.strict && !report.findings.is_empty() {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}
