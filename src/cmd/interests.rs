//! `kith interests`: every interest, and who shares it.

use anyhow::Result;

use super::query::{open_query, write_list};
use crate::cli::{GlobalArgs, InterestsArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::report::interests;

/// Runs `kith interests`.
pub fn run(args: &InterestsArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings, query) =
        open_query(global, args.vault.as_deref(), (&args.query).into(), printer)?;
    let report = interests::build(&index, &query, settings.config())?;
    write_list(printer, &args.query, &report, None)?;
    Ok(ExitStatus::Success)
}
