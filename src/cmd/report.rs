//! `kith report`: the whole network at a glance.

use std::io::Write;

use anyhow::Result;

use super::query::{build_query, open_index};
use super::write_report;
use crate::cli::{GlobalArgs, NetworkFormat, ReportArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::{digest as markdown, html, write_json};
use crate::report::network;

/// Runs `kith report`.
pub fn run(args: &ReportArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings) = open_index(global, args.vault.as_deref(), args.index.no_scan, printer)?;
    let half_life = args
        .index
        .half_life
        .unwrap_or(settings.config().half_life_days);
    let query = build_query(global, args.since, args.until, args.limit, half_life)?;
    let report = network::build(&index, &query)?;
    write_report(
        printer,
        args.output.as_deref(),
        |mut out: &mut dyn Write| match args.format {
            NetworkFormat::Md => markdown::write_network(&mut out, &report),
            NetworkFormat::Json => write_json(&mut out, &report),
            NetworkFormat::Html => html::write_network(&mut out, &report),
        },
    )?;
    Ok(ExitStatus::Success)
}
