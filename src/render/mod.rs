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

use chrono::NaiveDate;
use serde::Serialize;

/// The sentence that says which mentions a report counts (`--since`,
/// `--until`), or none when it counts them all.
pub fn window_sentence(since: Option<NaiveDate>, until: Option<NaiveDate>) -> Option<String> {
    match (since, until) {
        (Some(since), Some(until)) => Some(format!("Mentions from {since} to {until}.")),
        (Some(since), None) => Some(format!("Mentions since {since}.")),
        (None, Some(until)) => Some(format!("Mentions until {until}.")),
        (None, None) => None,
    }
}

/// Writes a report as pretty JSON with a final newline.
pub fn write_json(out: &mut impl Write, report: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_said_by_the_bounds_it_has() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
        assert_eq!(
            window_sentence(day(1), day(30)).as_deref(),
            Some("Mentions from 2026-11-01 to 2026-11-30.")
        );
        assert_eq!(
            window_sentence(day(1), None).as_deref(),
            Some("Mentions since 2026-11-01.")
        );
        assert_eq!(
            window_sentence(None, day(30)).as_deref(),
            Some("Mentions until 2026-11-30.")
        );
        assert_eq!(window_sentence(None, None), None);
    }
}
