//! `kith report`: the whole network at a glance.

use std::io::Write;

use anyhow::Result;

use super::query::{Question, open_query};
use super::write_report;
use crate::cli::{GlobalArgs, NetworkFormat, ReportArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::digest::{self as markdown, Flavour};
use crate::render::{html, write_json};
use crate::report::network;

/// Runs `kith report`.
pub fn run(args: &ReportArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let question = Question {
        since: args.since,
        until: args.until,
        limit: args.limit,
        index: &args.index,
    };
    let (index, settings, query) = open_query(global, args.vault.as_deref(), question, printer)?;
    let report = network::build(&index, &query, settings.config())?;
    write_report(
        printer,
        &settings.vault,
        args.output.as_deref(),
        args.format,
        |mut out: &mut dyn Write| match args.format {
            NetworkFormat::Md => markdown::write_network(&mut out, &report, Flavour::Obsidian),
            NetworkFormat::Gfm => markdown::write_network(&mut out, &report, Flavour::GitHub),
            NetworkFormat::Json => write_json(&mut out, &report),
            NetworkFormat::Html => html::write_network(&mut out, &report),
        },
    )?;
    Ok(ExitStatus::Success)
}
