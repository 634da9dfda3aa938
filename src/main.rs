//! The `kith` binary: parse the command line, run, exit.

use std::process::ExitCode;

/// mimalloc (its v2 line, which keeps less memory resident than v3 in a
/// scan) rather than the system allocator: extraction makes and drops many
/// small strings and lists on every core, where glibc's malloc spends a
/// tenth of a scan.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    kith::run(kith::cli::parse()).into()
}
