//! The list reports (`people`, `interests`, `who`) as rows.

use chrono::NaiveDate;

use super::table::Align;
use super::tabular::Tabular;
use crate::report::Count;
use crate::report::interests::InterestsReport;
use crate::report::people::PeopleReport;
use crate::report::who::WhoReport;

/// `running 5, marathon 2`.
pub fn counts(counts: &[Count]) -> String {
    counts
        .iter()
        .map(|c| format!("{} {}", c.name, c.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `YYYY-MM-DD`, or `-` for no date.
pub fn date(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "-".to_owned(), |d| d.format("%Y-%m-%d").to_string())
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

/// The people report as rows.
pub fn people(report: &PeopleReport) -> Tabular {
    Tabular {
        columns: vec![
            ("name", Align::Left),
            ("strength", Align::Right),
            ("mentions", Align::Right),
            ("notes", Align::Right),
            ("first_seen", Align::Left),
            ("last_seen", Align::Left),
            ("top_interests", Align::Left),
        ],
        rows: report
            .people
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    strength(p.strength),
                    p.mentions.to_string(),
                    p.notes.to_string(),
                    date(p.first_seen),
                    date(p.last_seen),
                    counts(&p.top_interests),
                ]
            })
            .collect(),
    }
}

/// The interests report as rows.
pub fn interests(report: &InterestsReport) -> Tabular {
    Tabular {
        columns: vec![
            ("interest", Align::Left),
            ("mentions", Align::Right),
            ("people", Align::Right),
            ("top_people", Align::Left),
        ],
        rows: report
            .interests
            .iter()
            .map(|i| {
                vec![
                    i.name.clone(),
                    i.mentions.to_string(),
                    i.people.to_string(),
                    counts(&i.top_people),
                ]
            })
            .collect(),
    }
}

/// The who report as rows.
pub fn who(report: &WhoReport) -> Tabular {
    Tabular {
        columns: vec![
            ("name", Align::Left),
            ("strength", Align::Right),
            ("mentions", Align::Right),
            ("last_seen", Align::Left),
            ("last_note", Align::Left),
            ("contexts", Align::Left),
        ],
        rows: report
            .people
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    strength(p.strength),
                    p.mentions.to_string(),
                    date(p.last_seen),
                    if p.last_note.is_empty() {
                        "-".to_owned()
                    } else {
                        format!("{}:{}", p.last_note, p.last_line)
                    },
                    if p.declared {
                        format!("{} (declared)", p.contexts.join(", "))
                    } else {
                        p.contexts.join(", ")
                    },
                ]
            })
            .collect(),
    }
}
