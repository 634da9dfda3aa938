//! `kith mentions`: every mention in the vault, with its context.

use std::io::Write;

use anyhow::Result;

use crate::cli::{GlobalArgs, MentionsArgs, MentionsFormat};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::render::mentions::{JsonArray, MentionTable, write_jsonl};
use crate::render::table::terminal_width;
use crate::settings::{Settings, stdout_is_terminal};
use crate::{notes, vault};

/// Runs `kith mentions`.
pub fn run(args: &MentionsArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let settings = Settings::resolve(global, args.vault.as_deref())?;
    let format = args.format.unwrap_or(if stdout_is_terminal() {
        MentionsFormat::Table
    } else {
        MentionsFormat::Jsonl
    });
    let walked = vault::walk(&settings.vault, &settings.walk);
    for warning in &walked.warnings {
        printer.warning(warning);
    }
    for skipped in &walked.skipped {
        printer.verbose(format_args!("skipped: {skipped}"));
    }
    let mut out = printer.stdout();
    let mut array = JsonArray::default();
    let mut table = MentionTable::new(terminal_width().unwrap_or(120));
    notes::extract_all(
        &walked.notes,
        &settings.extract,
        settings.max_file_size,
        |file, note| {
            for warning in &note.warnings {
                printer.warning(warning);
            }
            match format {
                MentionsFormat::Jsonl => write_jsonl(&mut out, &file.rel_path, &note),
                MentionsFormat::Json => array.write(&mut out, &file.rel_path, &note),
                MentionsFormat::Table => {
                    table.add(&file.rel_path, &note);
                    Ok(())
                }
            }
        },
    )?;
    match format {
        MentionsFormat::Json => array.finish(&mut out)?,
        MentionsFormat::Table => table.finish(&mut out, printer.stdout_color())?,
        MentionsFormat::Jsonl => {}
    }
    out.flush()?;
    printer.warning_summary();
    Ok(ExitStatus::Success)
}
