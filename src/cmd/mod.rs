//! One module per subcommand; [`run`] dispatches to them.

mod mentions;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// Runs the command the user asked for.
pub fn run(cli: &Cli, printer: &Printer) -> Result<ExitStatus> {
    match &cli.command {
        Command::Mentions(args) => mentions::run(args, &cli.global, printer),
    }
}
