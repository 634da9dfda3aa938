//! Turning reports into text: JSON, JSON Lines, CSV, tables, markdown.
//!
//! JSON output of every report is the report struct serialised as it is
//! (see [`crate::report`]); those structs are the JSON contract, documented
//! in the README. Keys may be added; none will be renamed or removed.

pub mod digest;
pub mod html;
pub mod lists;
pub mod mentions;
pub mod person;
pub mod table;
pub mod tabular;

use std::io::{self, Write};

use serde::Serialize;

/// Writes a report as pretty JSON with a final newline.
pub fn write_json(out: &mut impl Write, report: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}
