//! The list reports (`people`, `interests`, `who`) as rows.

use chrono::NaiveDate;

use super::table::Align;
use super::tabular::Tabular;
use crate::report::Count;
use crate::report::interests::InterestsReport;
use crate::report::people::PeopleReport;
use crate::report::who::{WhoPerson, WhoReport};

/// `running 5, marathon 2`.
pub fn counts(counts: &[Count]) -> String {
    counts_shown(counts, str::to_owned)
}

/// [`counts`], each name as `show` writes it (escaped, for HTML).
pub fn counts_shown(counts: &[Count], show: impl Fn(&str) -> String) -> String {
    counts
        .iter()
        .map(|c| format!("{} {}", show(&c.name), c.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An interest's top people: `name count`, and `name (declared)` for
/// someone whose person note declares it but who was never seen with it.
pub fn top_people(counts: &[Count]) -> String {
    top_people_shown(counts, str::to_owned)
}

/// [`top_people`], each name as `show` writes it (escaped, for HTML).
pub fn top_people_shown(counts: &[Count], show: impl Fn(&str) -> String) -> String {
    counts
        .iter()
        .map(|c| match c.count {
            0 => format!("{} (declared)", show(&c.name)),
            count => format!("{} {count}", show(&c.name)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `YYYY-MM-DD`, or `-` for no date.
pub fn date(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "-".to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

/// A date cell: `YYYY-MM-DD`, or empty (a missing value) for no date.
pub fn date_cell(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A change between two counts: `+3`, `-2`, `±0`.
pub fn delta(now: i64, before: i64) -> String {
    match now - before {
        0 => "±0".to_owned(),
        d if d > 0 => format!("+{d}"),
        d => d.to_string(),
    }
}

/// A strength with two decimals.
pub fn strength(value: f64) -> String {
    format!("{value:.2}")
}

/// A column: its name (lowercase, as in CSV), its alignment, and its cell
/// for one item.
type Column<T> = (&'static str, Align, fn(&T) -> String);

/// One row per item, one cell per column.
fn rows<T>(items: &[T], columns: &[Column<T>]) -> Tabular {
    Tabular {
        columns: columns
            .iter()
            .map(|(name, align, _)| (*name, *align))
            .collect(),
        rows: items
            .iter()
            .map(|item| columns.iter().map(|(_, _, cell)| cell(item)).collect())
            .collect(),
        spare: Vec::new(),
    }
}

/// A list report (`people`, `interests`, `who`) as rows.
pub trait Rows {
    /// The rows to read: a terminal table, a markdown table.
    fn rows(&self) -> Tabular;

    /// The rows as data (CSV): the same, unless a cell to read joins
    /// values that the JSON keeps apart.
    fn data_rows(&self) -> Tabular {
        self.rows()
    }
}

impl Rows for PeopleReport {
    fn rows(&self) -> Tabular {
        rows(
            &self.people,
            &[
                ("name", Align::Left, |p| p.name.clone()),
                ("strength", Align::Right, |p| strength(p.strength)),
                ("mentions", Align::Right, |p| p.mentions.to_string()),
                ("notes", Align::Right, |p| p.notes.to_string()),
                ("first_seen", Align::Left, |p| date_cell(p.first_seen)),
                ("last_seen", Align::Left, |p| date_cell(p.last_seen)),
                ("top_interests", Align::Left, |p| counts(&p.top_interests)),
            ],
        )
        .sparing(&["first_seen", "notes", "mentions"])
    }
}

impl Rows for InterestsReport {
    fn rows(&self) -> Tabular {
        rows(
            &self.interests,
            &[
                ("interest", Align::Left, |i| i.name.clone()),
                ("mentions", Align::Right, |i| i.mentions.to_string()),
                ("people", Align::Right, |i| i.people.to_string()),
                ("top_people", Align::Left, |i| top_people(&i.top_people)),
            ],
        )
        .sparing(&["people"])
    }
}

impl Rows for WhoReport {
    /// The last note as `path:line`, as an editor opens it, and declared
    /// contexts marked.
    fn rows(&self) -> Tabular {
        let columns: [Column<WhoPerson>; 2] = [
            ("last_note", Align::Path, |p| {
                match (&p.last_note, p.last_line) {
                    (Some(note), Some(line)) => format!("{note}:{line}"),
                    (Some(note), None) => note.clone(),
                    (None, _) => String::new(),
                }
            }),
            ("contexts", Align::Left, |p| {
                p.contexts
                    .iter()
                    .map(|context| {
                        if p.declared_contexts.contains(context) {
                            format!("{context} (declared)")
                        } else {
                            context.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ];
        rows(&self.people, &[&WHO_COLUMNS[..], &columns].concat())
            .sparing(&["mentions", "strength"])
    }

    /// The JSON's fields: the last note's path and line apart, and
    /// `declared` and the snippet columns of their own (after the columns
    /// CSV had before them).
    fn data_rows(&self) -> Tabular {
        let columns: [Column<WhoPerson>; 6] = [
            ("last_note", Align::Left, |p| {
                p.last_note.clone().unwrap_or_default()
            }),
            ("contexts", Align::Left, |p| p.contexts.join(", ")),
            ("last_line", Align::Right, |p| {
                p.last_line.map(|l| l.to_string()).unwrap_or_default()
            }),
            ("declared", Align::Left, |p| p.declared.to_string()),
            ("last_snippet", Align::Left, |p| {
                p.last_snippet.clone().unwrap_or_default()
            }),
            ("declared_contexts", Align::Left, |p| {
                p.declared_contexts.join(", ")
            }),
        ];
        rows(&self.people, &[&WHO_COLUMNS[..], &columns].concat())
    }
}

/// The columns `who` starts with, to read or as data.
const WHO_COLUMNS: [Column<WhoPerson>; 4] = [
    ("name", Align::Left, |p| p.name.clone()),
    ("strength", Align::Right, |p| strength(p.strength)),
    ("mentions", Align::Right, |p| p.mentions.to_string()),
    ("last_seen", Align::Left, |p| date_cell(p.last_seen)),
];
