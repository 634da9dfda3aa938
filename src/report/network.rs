//! `kith report`: the whole network at a glance.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::interests::{self, InterestSummary};
use super::people::{self, PeopleSort, PersonSummary};
use super::person::MonthCount;
use super::{Query, date_of};
use crate::config::Config;
use crate::error::Error;
use crate::index::Index;
use crate::index::query::Window;

/// The strongest ties: people × interests, with how often each interest is
/// in the context of each person's mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ties {
    /// Rows: the strongest people.
    pub people: Vec<String>,
    /// Columns: the most mentioned interests.
    pub interests: Vec<String>,
    /// `counts[row][column]`.
    pub counts: Vec<Vec<i64>>,
}

/// The network report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkReport {
    /// The day strengths are counted from.
    pub today: NaiveDate,
    /// First day counted, if limited.
    pub since: Option<NaiveDate>,
    /// Last day counted, if limited.
    pub until: Option<NaiveDate>,
    /// Everyone, strongest first.
    pub people: Vec<PersonSummary>,
    /// Every interest with its people, most mentioned first.
    pub interests: Vec<InterestSummary>,
    /// The person × interest view of the strongest ties.
    pub ties: Ties,
    /// Mentions of people per month, every month from the first to the last.
    pub timeline: Vec<MonthCount>,
}

/// Rows and columns of the ties view.
const TIE_PEOPLE: usize = 12;
const TIE_INTERESTS: usize = 8;

/// Builds the network report.
pub fn build(index: &Index, query: &Query, config: &Config) -> Result<NetworkReport, Error> {
    let people = people::build(index, query, None, PeopleSort::Strength)?.people;
    let tally = interests::tally(index, query, config)?;
    let interests = interests::summarize(&tally, query).interests;

    let tie_people: Vec<String> = people
        .iter()
        .take(TIE_PEOPLE)
        .map(|p| p.name.clone())
        .collect();
    let tie_interests: Vec<String> = interests
        .iter()
        .filter(|i| {
            !i.name.contains('/')
                || !interests
                    .iter()
                    .any(|p| i.name.starts_with(&format!("{}/", p.name)))
        })
        .take(TIE_INTERESTS)
        .map(|i| i.name.clone())
        .collect();
    // Each mention once, with however many nested interests in its
    // context: as `who` and `interests` count.
    let counts = tie_people
        .iter()
        .map(|person| {
            tie_interests
                .iter()
                .map(|interest| tally.seen_with(person, interest))
                .collect()
        })
        .collect();

    let mut months: BTreeMap<(i32, u32), i64> = BTreeMap::new();
    let dated = Window {
        since: query.window.since.or(Some(i64::MIN)),
        until: query.window.until.or(Some(i64::MAX)),
    };
    for (day, count) in index.mentions_per_day("person", dated)? {
        let date = date_of(day);
        *months.entry((date.year(), date.month())).or_default() += count;
    }

    Ok(NetworkReport {
        today: query.today,
        since: query.window.since.map(date_of),
        until: query.window.until.map(date_of),
        people,
        interests,
        ties: Ties {
            people: tie_people,
            interests: tie_interests,
            counts,
        },
        timeline: super::person::fill_months(&months),
    })
}
