//! `kith people`: everyone, with counts, dates, top interests, strength.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Count, Query, date_of, is_within, round2, sort_counts};
use crate::error::Error;
use crate::index::Index;

/// How to order people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum PeopleSort {
    /// Strongest ties first.
    Strength,
    /// Most recently seen first.
    Recent,
    /// Most mentioned first.
    Mentions,
    /// Alphabetically.
    Name,
}

/// One person, summed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonSummary {
    /// Canonical handle.
    pub name: String,
    /// Mentions in the window.
    pub mentions: usize,
    /// Distinct notes with a mention.
    pub notes: usize,
    /// Date of the first dated mention.
    pub first_seen: Option<NaiveDate>,
    /// Date of the last dated mention.
    pub last_seen: Option<NaiveDate>,
    /// The strength score (see the crate README).
    pub strength: f64,
    /// The interests most often in the context of their mentions, most
    /// often first; in a report filtered by an interest, those within it
    /// come first (they are why the person is listed).
    pub top_interests: Vec<Count>,
}

impl PersonSummary {
    /// A person not mentioned (in the window).
    pub fn empty(name: String) -> Self {
        PersonSummary {
            name,
            mentions: 0,
            notes: 0,
            first_seen: None,
            last_seen: None,
            strength: 0.0,
            top_interests: Vec::new(),
        }
    }
}

/// Everyone you know.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeopleReport {
    /// The day strengths are counted from.
    pub today: NaiveDate,
    /// Kept only people who share this interest.
    pub interest: Option<String>,
    /// The people.
    pub people: Vec<PersonSummary>,
}

/// How many top interests a person row shows.
const TOP_INTERESTS: usize = 3;

/// Builds the people report.
pub fn build(
    index: &Index,
    query: &Query,
    interest: Option<&str>,
    sort: PeopleSort,
) -> Result<PeopleReport, Error> {
    let mut people = summaries(index, query, None)?;
    if let Some(interest) = interest {
        let sharing: HashSet<String> = index
            .interest_hits(&[interest.to_owned()], query.window)?
            .into_iter()
            .map(|hits| hits.person)
            .collect();
        people.retain(|p| sharing.contains(&p.name));
        for person in &mut people {
            person
                .top_interests
                .sort_by_key(|c| !is_within(&c.name, interest));
        }
    }
    for person in &mut people {
        person.top_interests.truncate(TOP_INTERESTS);
    }
    sort_people(&mut people, sort);
    query.truncate(&mut people);
    Ok(PeopleReport {
        today: query.today,
        interest: interest.map(str::to_owned),
        people,
    })
}

/// Sums up every person (or one), interests sorted by count.
pub fn summaries(
    index: &Index,
    query: &Query,
    person: Option<&str>,
) -> Result<Vec<PersonSummary>, Error> {
    let mut by_person: HashMap<String, PersonSummary> = HashMap::new();
    for (name, entries) in index.postings_named("person", person)? {
        let mut summary = PersonSummary::empty(name.clone());
        // A list is sorted by day: each day's weight is worked out once.
        let mut weight: Option<(Option<i64>, f64)> = None;
        let (mut first, mut last) = (None::<i64>, None::<i64>);
        // A person's own list holds each note once.
        for entry in entries.iter().filter(|e| query.window.contains(e.day())) {
            let day = entry.day();
            let day_weight = match weight {
                Some((of, w)) if of == day => w,
                _ => {
                    let w = query.weight(day);
                    weight = Some((day, w));
                    w
                }
            };
            summary.mentions += usize::try_from(entry.mentions).unwrap_or(0);
            summary.notes += 1;
            summary.strength += day_weight * f64::from(entry.mentions);
            if let Some(day) = day {
                first = Some(first.map_or(day, |d| d.min(day)));
                last = Some(last.map_or(day, |d| d.max(day)));
            }
        }
        if summary.notes > 0 {
            summary.first_seen = first.map(date_of);
            summary.last_seen = last.map(date_of);
            by_person.insert(name, summary);
        }
    }
    for (owner, name, count) in index.context_counts(person, "interest", query.window)? {
        if let Some(summary) = by_person.get_mut(&owner) {
            summary.top_interests.push(Count { name, count });
        }
    }
    Ok(by_person
        .into_values()
        .map(|mut summary| {
            summary.strength = round2(summary.strength);
            sort_counts(&mut summary.top_interests);
            summary
        })
        .collect())
}

fn sort_people(people: &mut [PersonSummary], sort: PeopleSort) {
    people.sort_by(|a, b| {
        let order = match sort {
            PeopleSort::Strength => b.strength.total_cmp(&a.strength),
            PeopleSort::Recent => b.last_seen.cmp(&a.last_seen),
            PeopleSort::Mentions => b.mentions.cmp(&a.mentions),
            PeopleSort::Name => std::cmp::Ordering::Equal,
        };
        order.then_with(|| a.name.cmp(&b.name))
    });
}
