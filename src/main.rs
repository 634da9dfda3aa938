//! The `kith` binary: parse the command line, run, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    kith::run(kith::cli::Cli::parse()).into()
}
