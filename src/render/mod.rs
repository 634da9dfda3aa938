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

use crate::report::digest::Period;

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

/// The sentence that says a digest's period and the one it is compared
/// with (none before a period that starts on the first day there is).
pub fn period_sentence(period: &Period, previous: &Period) -> String {
    let compared = if previous.days == 0 {
        "with no day before it to compare with".to_owned()
    } else {
        format!("compared with {} to {}", previous.since, previous.until)
    };
    format!(
        "{} ending {}, {compared}.",
        counted(period.days, "day", "days"),
        period.until
    )
}

/// `n` and the noun that goes with it: `1 day`, `2 days`.
pub fn counted(n: impl TryInto<i64>, one: &str, many: &str) -> String {
    let n = n.try_into().unwrap_or(i64::MAX);
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes a report as pretty JSON with a final newline.
pub fn write_json(out: &mut impl Write, report: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

/// A CSV writer whose errors are I/O errors of the kind they came with.
///
/// The `csv` crate turns its own error into an I/O error of kind `Other`,
/// so a closed pipe (`kith people --format csv | head -1`) would no longer
/// read as one, and kith would report it instead of ending quietly.
#[derive(Debug)]
pub struct CsvWriter<W: Write>(csv::Writer<W>);

impl<W: Write> CsvWriter<W> {
    /// A writer into `out`, with the `csv` crate's defaults.
    pub fn new(out: W) -> Self {
        CsvWriter(csv::Writer::from_writer(out))
    }

    /// Writes one record.
    pub fn write_record<I, T>(&mut self, record: I) -> io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.0.write_record(record).map_err(io_error)
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// `err` as an I/O error of its own kind when it is one, else of kind
/// `Other`; its message is kept either way.
fn io_error(err: csv::Error) -> io::Error {
    let kind = match err.kind() {
        csv::ErrorKind::Io(io) => io.kind(),
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_said_in_the_singular() {
        assert_eq!(counted(1, "day", "days"), "1 day");
        assert_eq!(counted(0_usize, "person", "people"), "0 people");
        assert_eq!(counted(2_i64, "interest", "interests"), "2 interests");
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(
            period_sentence(
                &Period::new(day(27), day(27)),
                &Period::new(day(26), day(26))
            ),
            "1 day ending 2026-11-27, compared with 2026-11-26 to 2026-11-26."
        );
    }

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

    /// A reader that has gone: every write fails as on a closed pipe.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }

        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_csv_write_into_a_closed_pipe_fails_as_a_broken_pipe() {
        let mut writer = CsvWriter::new(ClosedPipe);
        // Bigger than the writer's buffer, so the record itself is written
        // out (and fails), not only the final flush.
        let long = "x".repeat(100_000);
        let err = writer.write_record([long.as_str()]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        // Its message is the pipe's own.
        let closed = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(err.to_string(), closed.to_string());
    }
}
