//! `kith completions` and `kith man`: what the shell and `man` need.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// Prints the completion script for a shell.
pub fn completions(args: &CompletionsArgs, printer: &Printer) -> Result<ExitStatus> {
    let mut out = printer.stdout();
    clap_complete::generate(args.shell, &mut Cli::command(), "kith", &mut out);
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// Prints the man page.
pub fn man(printer: &Printer) -> Result<ExitStatus> {
    let mut out = printer.stdout();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}
