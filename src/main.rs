//! The `kith` binary: parse the command line, run, exit.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc (its v2 line, which keeps less memory resident than v3 in a
/// scan) rather than the system allocator: extraction makes and drops many
/// small strings and lists on every core, where glibc's malloc spends a
/// tenth of a scan.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages, and the kernel zeroes each
    // 2 MiB page on first touch: in a run of a fraction of a second that
    // costs more than it saves (a quarter of a scan that finds nothing to
    // do). Failing to turn them off is harmless.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    kith::run(kith::cli::Cli::parse()).into()
}
