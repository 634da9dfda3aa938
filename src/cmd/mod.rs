//! One module per subcommand; [`run`] dispatches to them.

mod check;
mod completions;
mod digest;
mod init;
mod interests;
mod mentions;
mod people;
mod person;
mod query;
mod report;
mod scan;
mod who;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::ValueEnum;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::note::frontmatter;
use crate::output::{names_open_file, write_atomically};
use crate::printer::Printer;
use crate::settings::Settings;
use crate::vault::{NOTE_EXTENSIONS, SKIPPED_FOLDERS};

/// Runs the command the user asked for.
pub fn run(cli: &Cli, printer: &Printer) -> Result<ExitStatus> {
    let global = &cli.global;
    match &cli.command {
        Command::Mentions(args) => mentions::run(args, global, printer),
        Command::Scan(args) => scan::run(args, global, printer),
        Command::People(args) => people::run(args, global, printer),
        Command::Person(args) => person::run(args, global, printer),
        Command::Interests(args) => interests::run(args, global, printer),
        Command::Who(args) => who::run(args, global, printer),
        Command::Digest(args) => digest::run(args, global, printer),
        Command::Report(args) => report::run(args, global, printer),
        Command::Init(args) => init::run(args, global, printer),
        Command::Check(args) => check::run(args, global, printer),
        Command::Completions(args) => completions::completions(args, printer),
        Command::Man(args) => completions::man(args, printer),
    }
}

/// Writes a report in `format` to `output` atomically, or to stdout. A
/// note of `vault` that kith did not write is never overwritten, nor one
/// it did by a format without `kith: generated` (all but `md`), which
/// would make it a note.
fn write_report(
    printer: &Printer,
    vault: &Path,
    output: Option<&Path>,
    format: impl ValueEnum,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match output {
        Some(path) => {
            let note = (!names_open_file(path))
                .then(|| note_of_vault(path, vault))
                .flatten();
            if let Some(note) = note {
                let path = path.to_path_buf();
                if !says_generated(&note) {
                    return Err(Error::OverwriteNote { path }.into());
                }
                let name = format
                    .to_possible_value()
                    .map(|value| value.get_name().to_owned());
                if let Some(format) = name.filter(|name| name != "md") {
                    return Err(Error::OverwriteGenerated { path, format }.into());
                }
            }
            write_atomically(path, write)?;
            printer.verbose(format_args!("wrote {}", path.display()));
        }
        None => {
            let mut out = printer.stdout();
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The note of `vault` that `path` is or links to, if it is one.
fn note_of_vault(path: &Path, vault: &Path) -> Option<PathBuf> {
    let (file, vault) = (path.canonicalize().ok()?, vault.canonicalize().ok()?);
    let is_note = file.extension().is_some_and(|extension| {
        NOTE_EXTENSIONS
            .iter()
            .any(|e| extension.eq_ignore_ascii_case(e))
    });
    (is_note && file.starts_with(&vault) && file.is_file()).then_some(file)
}

/// Whether the file's frontmatter says `kith: generated`: one kith wrote.
/// A file that cannot be read is not known to be kith's.
fn says_generated(file: &Path) -> bool {
    let mut start = Vec::new();
    let read = std::fs::File::open(file)
        .and_then(|handle| handle.take(FRONTMATTER_LOOK).read_to_end(&mut start));
    if read.is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&start);
    let split = frontmatter::split(text.trim_start_matches('\u{feff}'));
    split.yaml.is_some_and(|yaml| {
        frontmatter::parse("", yaml, 0, 1)
            .ok()
            .flatten()
            .is_some_and(|front| crate::extract::says_kith(&front, "generated"))
    })
}

/// How much of a file is read to find its frontmatter.
const FRONTMATTER_LOOK: u64 = 64 * 1024;

/// What to say when a vault holds no notes: which files kith reads, and
/// which entries it passed over.
fn no_notes_hint(settings: &Settings, skipped: &[String]) -> String {
    let extensions: Vec<String> = NOTE_EXTENSIONS.iter().map(|e| format!("*.{e}")).collect();
    let mut hint = format!(
        "kith reads {} files, and skips hidden entries (like .obsidian/), {} and the config's ignore_folders",
        extensions.join(" and "),
        SKIPPED_FOLDERS.join(", ")
    );
    // The index's own folder (`.kith`, made by this very scan) is no
    // reason the user's notes were missed.
    let vault = settings.vault.canonicalize().ok();
    let index_folder = settings
        .index
        .parent()
        .and_then(|folder| folder.canonicalize().ok())
        .zip(vault)
        .and_then(|(folder, vault)| {
            let inside = folder.strip_prefix(vault).ok()?;
            Some(inside.to_string_lossy().replace('\\', "/"))
        });
    let skipped: Vec<&String> = skipped
        .iter()
        .filter(|entry| Some(entry.as_str()) != index_folder.as_deref())
        .collect();
    if !skipped.is_empty() {
        let shown: Vec<&str> = skipped.iter().take(5).map(|entry| entry.as_str()).collect();
        let more = skipped.len().saturating_sub(shown.len());
        hint.push_str(&format!("; skipped here: {}", shown.join(", ")));
        if more > 0 {
            hint.push_str(&format!(" and {more} more"));
        }
    }
    hint
}
