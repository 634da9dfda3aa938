//! `kith interests`: every interest, nested tags rolled up to parents.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{Count, Query, interest_and_parents, sort_counts};
use crate::config::Config;
use crate::error::Error;
use crate::index::Index;

/// One interest, summed up with everything nested under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterestSummary {
    /// Canonical name (`travel/asia`).
    pub name: String,
    /// Mentions of it and of interests nested under it.
    pub mentions: i64,
    /// People with it (or a nested one) in the context of a mention, or
    /// whose person note declares it: those `kith who` lists.
    pub people: usize,
    /// Those people, most often seen with it first.
    pub top_people: Vec<Count>,
}

/// Every interest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InterestsReport {
    /// The interests, most mentioned first.
    pub interests: Vec<InterestSummary>,
}

/// How many people an interest row shows.
const TOP_PEOPLE: usize = 3;

/// Every interest's mentions, and how often each of its people was seen
/// with it (0 for someone who only declares it).
pub struct Tally {
    /// Mentions of each interest and of those nested under it.
    pub mentions: BTreeMap<String, i64>,
    /// Interest → person → mentions of the person with it (or a nested
    /// one) in their context, each mention once.
    pub people: HashMap<String, HashMap<String, i64>>,
}

impl Tally {
    /// How often `person` was seen with `interest`.
    pub fn seen_with(&self, person: &str, interest: &str) -> i64 {
        self.people
            .get(interest)
            .and_then(|people| people.get(person))
            .copied()
            .unwrap_or(0)
    }
}

/// Counts every interest in the query's window.
pub fn tally(index: &Index, query: &Query, config: &Config) -> Result<Tally, Error> {
    let mut mentions: BTreeMap<String, i64> = BTreeMap::new();
    for (name, count) in index.interest_counts(query.window)? {
        for parent in interest_and_parents(&name) {
            *mentions.entry(parent.to_owned()).or_default() += count;
        }
    }
    // The mentions of each person under each interest: one mention with
    // both `travel` and `travel/asia` in its context counts once for
    // `travel`.
    let mut people: HashMap<String, HashMap<String, i64>> = HashMap::new();
    for interest in mentions.keys() {
        let by_person = people.entry(interest.clone()).or_default();
        for hits in index.interest_hits(std::slice::from_ref(interest), query.window)? {
            let mentions: i64 = hits.notes.iter().map(|n| n.mentions).sum();
            *by_person.entry(hits.person).or_default() += mentions;
        }
    }
    // Whoever declares an interest has it too, as `kith who` finds them,
    // seen with it or not (then with a count of 0).
    for (person, declared) in super::declared_interests(index, config)? {
        for interest in &declared {
            for parent in interest_and_parents(interest) {
                if let Some(by_person) = people.get_mut(parent) {
                    by_person.entry(person.clone()).or_default();
                }
            }
        }
    }
    Ok(Tally { mentions, people })
}

/// Builds the interests report.
pub fn build(index: &Index, query: &Query, config: &Config) -> Result<InterestsReport, Error> {
    Ok(summarize(&tally(index, query, config)?, query))
}

/// The interests report of a tally.
pub fn summarize(tally: &Tally, query: &Query) -> InterestsReport {
    let mut interests: Vec<InterestSummary> = tally
        .mentions
        .iter()
        .map(|(name, &mentions)| {
            let mut top: Vec<Count> = tally
                .people
                .get(name)
                .into_iter()
                .flatten()
                .map(|(name, &count)| Count {
                    name: name.clone(),
                    count,
                })
                .collect();
            sort_counts(&mut top);
            let count = top.len();
            top.truncate(TOP_PEOPLE);
            InterestSummary {
                name: name.clone(),
                mentions,
                people: count,
                top_people: top,
            }
        })
        .collect();
    interests.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    query.truncate(&mut interests);
    InterestsReport { interests }
}
