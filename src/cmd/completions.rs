//! `kith completions` and `kith man`: what the shell and `man` need.

use std::io::Write;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// Prints the completion script for a shell.
pub fn completions(args: &CompletionsArgs, printer: &Printer) -> Result<ExitStatus> {
    let mut out = printer.stdout();
    clap_complete::generate(args.shell, &mut Cli::command(), "kith", &mut out);
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// Prints the man page of kith, or of one of its commands (`kith-scan(1)`,
/// which kith(1) refers to).
pub fn man(args: &ManArgs, printer: &Printer) -> Result<ExitStatus> {
    let mut cli = Cli::command();
    // Built, so that a command's page is titled and named `kith-scan`.
    cli.build();
    let page = match &args.command {
        Some(name) => cli
            .find_subcommand(name)
            .cloned()
            .with_context(|| format!("no command `{name}`"))?,
        None => cli,
    };
    let mut out = printer.stdout();
    clap_mangen::Man::new(page)
        .source(format!("kith {}", env!("CARGO_PKG_VERSION")))
        .render(&mut out)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}
