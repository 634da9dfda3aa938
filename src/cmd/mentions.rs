//! `kith mentions`: every mention in the vault, with its context.

use std::io::Write;

use anyhow::Result;

use crate::cli::{GlobalArgs, MentionsArgs, MentionsFormat};
use crate::error::Warning;
use crate::exit::ExitStatus;
use crate::notes;
use crate::printer::Printer;
use crate::render::mentions::{MentionTable, write_json_elements, write_jsonl};
use crate::render::table::terminal_width;
use crate::settings::{Settings, stdout_is_terminal};

fn report_warnings(printer: &Printer, warnings: &[Warning]) {
    for warning in warnings {
        printer.warning(warning);
    }
}

/// Runs `kith mentions`.
pub fn run(args: &MentionsArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let mut settings = Settings::resolve(global, args.vault.as_deref())?;
    let format = args.format.unwrap_or(if stdout_is_terminal() {
        MentionsFormat::Table
    } else {
        MentionsFormat::Jsonl
    });
    report_warnings(printer, &settings.warnings);
    let walked = settings.walk_vault();
    for warning in &walked.warnings {
        printer.warning(warning);
    }
    for skipped in &walked.skipped {
        printer.verbose(format_args!("skipped: {skipped}"));
    }
    if walked.notes.is_empty() {
        printer.warn_message(format_args!(
            "no notes found in `{}`",
            settings.vault.display()
        ));
        printer.hint(super::no_notes_hint(&settings, &walked.skipped));
    }
    for warning in settings.learn_identity(&walked.notes, None) {
        printer.warning(&warning);
    }
    let mut out = printer.stdout();
    if format == MentionsFormat::Table {
        let mut table = MentionTable::new(terminal_width().unwrap_or(120));
        notes::map_all(
            &walked.notes,
            &settings.extract,
            settings.max_file_size,
            |_, note| note,
            |file, note| {
                report_warnings(printer, &note.warnings);
                table.add(&file.rel_path, &note);
                Ok::<(), std::io::Error>(())
            },
        )?;
        table.finish(&mut out, printer.stdout_color())?;
    } else {
        // Rows are rendered on the worker threads; this thread only writes.
        let mut wrote_any = false;
        if format == MentionsFormat::Json {
            out.write_all(b"[")?;
        }
        notes::map_all(
            &walked.notes,
            &settings.extract,
            settings.max_file_size,
            |file, note| {
                // About 400 bytes a row: sized up front, not grown.
                let mut rows = Vec::with_capacity(note.mentions().len() * 512);
                match format {
                    MentionsFormat::Json => write_json_elements(&mut rows, &file.rel_path, &note),
                    _ => write_jsonl(&mut rows, &file.rel_path, &note),
                }
                (note.warnings, rows)
            },
            |_, (warnings, rows)| {
                report_warnings(printer, &warnings);
                if format == MentionsFormat::Json && wrote_any && !rows.is_empty() {
                    out.write_all(b",")?;
                }
                wrote_any |= !rows.is_empty();
                out.write_all(&rows)
            },
        )?;
        if format == MentionsFormat::Json {
            out.write_all(if wrote_any { b"\n]\n" } else { b"]\n" })?;
        }
    }
    out.flush()?;
    printer.warning_summary();
    Ok(ExitStatus::Success)
}
