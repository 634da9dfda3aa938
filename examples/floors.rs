//! Floors for the benchmark (`bench/run.sh`): the least work each timed
//! kith command has to do, done with kith's own pieces and nothing else,
//! so that its times can be read against what this machine allows.
//!
//! ```text
//! cargo run --release --example floors -- walk VAULT    # find and stat every note
//! cargo run --release --example floors -- read VAULT    # ... and read each one
//! cargo run --release --example floors -- parse VAULT   # ... and parse it with pulldown-cmark
//! ```
//!
//! `walk` is what a re-scan must do to see what changed; `parse` is the
//! markdown parse that extraction and a full build do before finding any
//! mention, as kith does it: the decoded note's body after the
//! frontmatter, only when it
//! holds an `@`, a `#` or a `[[`, with kith's options and allocator, on all
//! cores. Each prints a count, so that the work cannot be optimised away.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a measuring tool: its count and usage are its whole output"
)]

use std::path::Path;
use std::process::ExitCode;

use kith::extract::has_markers;
use kith::note::{self, body, frontmatter};
use kith::notes::read_file;
use kith::vault::{self, WalkOptions};
use pulldown_cmark::Parser;
use rayon::prelude::*;

/// kith's allocator (see `src/main.rs`), so that allocation costs alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [floor, vault] = args.as_slice() else {
        eprintln!("usage: floors walk|read|parse VAULT");
        return ExitCode::from(2);
    };
    let notes = vault::walk(Path::new(vault), &WalkOptions::default()).notes;
    let count = match floor.as_str() {
        "walk" => notes.len(),
        "read" => notes
            .par_iter()
            .map_init(Vec::new, |buf, note| {
                read_file(note, u64::MAX, buf).map_or(0, |()| buf.len())
            })
            .sum(),
        "parse" => notes
            .par_iter()
            .map_init(Vec::new, |buf, file| {
                if read_file(file, u64::MAX, buf).is_err() {
                    return 0;
                }
                let Ok((text, _)) = note::decode(&file.rel_path, buf) else {
                    return 0;
                };
                let body = &text[frontmatter::split(&text).body_offset..];
                if !has_markers(body) {
                    return 0;
                }
                Parser::new_ext(body, body::parser_options()).count()
            })
            .sum(),
        other => {
            eprintln!("floors: unknown floor `{other}` (walk, read or parse)");
            return ExitCode::from(2);
        }
    };
    println!("{count}");
    ExitCode::SUCCESS
}
