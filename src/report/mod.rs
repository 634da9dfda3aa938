//! Reports: plain `Serialize` structs built from the index. No I/O and no
//! formatting here; [`crate::render`] turns them into text.
//!
//! # Strength
//!
//! How strong a tie is: the sum over a person's mentions of
//! `0.5 ^ (age_days / half_life)`, where `age_days` counts from `--today`
//! to the note's date (a future date counts as today) and the half-life
//! is 90 days unless `--half-life` says otherwise. A mention seen today
//! counts 1, one seen a half-life ago 0.5. An undated mention counts
//! [`UNDATED_WEIGHT`].

pub mod check;
pub mod digest;
pub mod duplicates;
pub mod interests;
pub mod network;
pub mod people;
pub mod person;
pub mod who;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Warning};
use crate::identity::Identity;
use crate::index::Index;
use crate::index::query::Window;

/// What an undated mention adds to a strength (as if two half-lives old).
pub const UNDATED_WEIGHT: f64 = 0.25;

/// The default strength half-life, in days.
pub const DEFAULT_HALF_LIFE: f64 = 90.0;

/// The parameters every query shares.
#[derive(Debug, Clone, Copy)]
pub struct Query {
    /// The day ages are counted from.
    pub today: NaiveDate,
    /// Strength half-life, in days.
    pub half_life: f64,
    /// Which dated mentions count.
    pub window: Window,
    /// At most this many rows.
    pub limit: Option<usize>,
}

impl Query {
    /// What one mention on `day` adds to a strength.
    pub fn weight(&self, day: Option<i64>) -> f64 {
        match day {
            None => UNDATED_WEIGHT,
            Some(day) => {
                let age = (day_number(self.today) - day).max(0) as f64;
                0.5_f64.powf(age / self.half_life)
            }
        }
    }

    /// Keeps the first `limit` items.
    pub fn truncate<T>(&self, items: &mut Vec<T>) {
        if let Some(limit) = self.limit {
            items.truncate(limit);
        }
    }
}

/// A name and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Canonical name.
    pub name: String,
    /// Occurrences.
    pub count: i64,
}

/// Sorts counts by count (highest first), then name.
pub fn sort_counts(counts: &mut [Count]) {
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
}

/// Days since 1970-01-01.
pub fn day_number(date: NaiveDate) -> i64 {
    crate::index::scan::day_number(date)
}

/// The date of a day number (before 1970 too). A day number no date has
/// (the index holds only days of real dates) is the epoch.
pub fn date_of(day: i64) -> NaiveDate {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    let days = Days::new(day.unsigned_abs());
    if day < 0 {
        epoch.checked_sub_days(days)
    } else {
        epoch.checked_add_days(days)
    }
    .unwrap_or(epoch)
}

/// A strength rounded to two decimals, so output is stable.
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

pub use crate::extract::tag::interest_and_parents;

/// Who is who as the index knows it: its person notes (kept, sorted by
/// path, in [`Identity::people_notes`]) with the config's aliases and
/// ignore lists, as extraction followed them; and the warnings about them.
pub fn identity_of(index: &Index, config: &Config) -> Result<(Identity, Vec<Warning>), Error> {
    Ok(Identity::new(
        config,
        std::iter::empty(),
        index.person_notes()?,
    ))
}

/// The interests each person's note declares (canonical), by person: the
/// person the note's name is, once aliases are followed (none when that
/// person is ignored), as mentions count.
pub fn declared_interests(
    index: &Index,
    config: &Config,
) -> Result<Vec<(String, Vec<String>)>, Error> {
    let (identity, _) = identity_of(index, config)?;
    Ok(identity
        .people_notes
        .iter()
        .filter(|note| !note.interests.is_empty())
        .filter_map(|note| {
            let person = identity.person(&note.handle)?;
            Some((person, note.interests.clone()))
        })
        .collect())
}

/// Whether `name` is `interest` or nested under it.
pub fn is_within(name: &str, interest: &str) -> bool {
    name == interest
        || name
            .strip_prefix(interest)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_and_dates_round_trip_before_1970_too() {
        for (y, m, d) in [
            (1969, 7, 20),
            (1, 1, 1),
            (1970, 1, 1),
            (2026, 11, 27),
            (9999, 12, 31),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date_of(day_number(date)), date);
        }
    }

    #[test]
    fn weight_halves_every_half_life() {
        let query = Query {
            today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            half_life: 90.0,
            window: Window::default(),
            limit: None,
        };
        let today = day_number(query.today);
        assert_eq!(query.weight(Some(today)), 1.0);
        assert_eq!(query.weight(Some(today - 90)), 0.5);
        assert_eq!(query.weight(Some(today - 180)), 0.25);
        assert_eq!(query.weight(Some(today + 10)), 1.0);
        assert_eq!(query.weight(None), UNDATED_WEIGHT);
    }

    #[test]
    fn parents_of_nested_interests() {
        let all: Vec<_> = interest_and_parents("travel/asia/japan").collect();
        assert_eq!(all, ["travel", "travel/asia", "travel/asia/japan"]);
        assert!(is_within("travel/asia", "travel"));
        assert!(!is_within("travelling", "travel"));
    }

    #[test]
    fn day_numbers_round_trip() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(date_of(day_number(date)), date);
    }
}
