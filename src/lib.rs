//! kith reads a folder of markdown notes and tells its owner who they know
//! and in what context.
//!
//! The pipeline: [`vault::walk`] finds the notes → [`note`] decodes each and
//! splits frontmatter from body blocks → [`extract`] finds every `@person`
//! and `#interest` with its context → [`render`] writes the results.
//! [`notes`] runs the middle stages on all cores, in vault order;
//! [`index`] keeps the mentions in SQLite, and [`report`] builds the
//! answers to questions from it.

pub mod cli;
mod cmd;
pub mod config;
pub mod error;
pub mod exit;
pub mod extract;
pub mod identity;
pub mod index;
pub mod note;
pub mod notes;
pub mod output;
pub mod printer;
pub mod render;
pub mod report;
pub mod settings;
pub mod text;
pub mod vault;

use std::io;

use crate::exit::ExitStatus;
use crate::printer::Printer;

/// Runs kith with parsed arguments and returns how it ended.
pub fn run(cli: cli::Cli) -> ExitStatus {
    let printer = Printer::new(&cli.global);
    match cmd::run(&cli, &printer) {
        Ok(status) => status,
        Err(err) if is_broken_pipe(&err) => ExitStatus::Success,
        Err(err) => {
            printer.error(&err);
            if let Some(hint) = err
                .downcast_ref::<error::Error>()
                .and_then(error::Error::hint)
            {
                printer.hint(hint);
            }
            ExitStatus::Error
        }
    }
}

/// A closed pipe (`kith mentions | head`) is how a reader says "enough".
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
