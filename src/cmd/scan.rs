//! `kith scan`: build or update the index.

use anyhow::Result;

use super::query::{refresh, summary_line};
use crate::cli::{GlobalArgs, ScanArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::settings::Settings;

/// Runs `kith scan`.
pub fn run(args: &ScanArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let settings = Settings::resolve(global, args.vault.as_deref())?;
    // Asked for, an index is made even for a vault with no notes yet, so
    // that questions with `--no-scan` find it.
    let (_, summary, _) = refresh(&settings, args.rebuild, true, printer)?;
    printer.summary(summary_line(&summary));
    Ok(ExitStatus::Success)
}
