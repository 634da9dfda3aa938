//! `kith who INTEREST...`: who could I ask about this?

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Query, date_of, round2};
use crate::config::Config;
use crate::error::Error;
use crate::extract::{canonical, tag};
use crate::index::Index;

/// One person known in the asked context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhoPerson {
    /// Canonical handle.
    pub name: String,
    /// Strength counted over mentions in this context only.
    pub strength: f64,
    /// Whether their person note declares one of the asked interests.
    pub declared: bool,
    /// Mentions in this context.
    pub mentions: usize,
    /// The asked interests (or nested ones) they were seen with, or that
    /// their person note declares.
    pub contexts: Vec<String>,
    /// Those of `contexts` their person note declares.
    pub declared_contexts: Vec<String>,
    /// When you last saw them in this context.
    pub last_seen: Option<NaiveDate>,
    /// The note where you last saw them in this context (`None` for a
    /// person known here only by their person note's declared interests).
    pub last_note: Option<String>,
    /// Its line.
    pub last_line: Option<i64>,
    /// What it says.
    pub last_snippet: Option<String>,
}

/// The people you know in a context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhoReport {
    /// The interests asked about, canonical.
    pub interests: Vec<String>,
    /// The day strengths are counted from.
    pub today: NaiveDate,
    /// The people, strongest first.
    pub people: Vec<WhoPerson>,
}

/// The interest a user means: `#Running` and `running` are `running`.
pub fn interest_of(text: &str) -> Option<String> {
    tag::from_value(text).map(canonical)
}

/// Builds the report for any of `interests` (a person qualifies through
/// any of them; nested interests count for their parents).
pub fn build(
    index: &Index,
    query: &Query,
    config: &Config,
    interests: &[String],
) -> Result<WhoReport, Error> {
    // Each once, in the order asked (`who running Running` asks once).
    let mut asked: Vec<String> = Vec::with_capacity(interests.len());
    for interest in interests.iter().filter_map(|i| interest_of(i)) {
        if !asked.contains(&interest) {
            asked.push(interest);
        }
    }
    #[derive(Default)]
    struct Acc {
        strength: f64,
        mentions: usize,
        contexts: BTreeSet<String>,
        declared: BTreeSet<String>,
        /// The last day seen in this context, and the notes of that day.
        last: Option<(Option<i64>, Vec<i64>)>,
    }
    let mut by_person: HashMap<String, Acc> = HashMap::new();
    for hits in index.interest_hits(&asked, query.window)? {
        let acc = by_person.entry(hits.person).or_default();
        acc.contexts.extend(hits.interests);
        // The notes come a day at a time: a day's weight is worked out once.
        let mut weighed: Option<(Option<i64>, f64)> = None;
        for hit in hits.notes {
            let weight = match weighed {
                Some((day, weight)) if day == hit.day => weight,
                _ => weighed.insert((hit.day, query.weight(hit.day))).1,
            };
            acc.strength += weight * hit.mentions as f64;
            acc.mentions += usize::try_from(hit.mentions).unwrap_or(0);
            match &mut acc.last {
                Some((day, notes)) if *day == hit.day => notes.push(hit.note_id),
                Some((day, _)) if *day > hit.day => {}
                // A later day: its notes replace the earlier day's, in the
                // list already allocated.
                Some((day, notes)) => {
                    *day = hit.day;
                    notes.clear();
                    notes.push(hit.note_id);
                }
                None => acc.last = Some((hit.day, vec![hit.note_id])),
            }
        }
    }
    // People whose person note declares the interest qualify too.
    for (person, interests) in super::declared_interests(index, config)? {
        let matched: Vec<String> = interests
            .into_iter()
            .filter(|i| asked.iter().any(|a| super::is_within(i, a)))
            .collect();
        if matched.is_empty() {
            continue;
        }
        let acc = by_person.entry(person).or_default();
        acc.contexts.extend(matched.iter().cloned());
        acc.declared.extend(matched);
    }
    let mut people: Vec<(String, Acc)> = by_person
        .into_iter()
        .map(|(name, mut acc)| {
            acc.strength = round2(acc.strength);
            (name, acc)
        })
        .collect();
    // Strongest first, as shown (rounded), then by name, as `people` sorts.
    people.sort_by(|a, b| {
        b.1.strength
            .total_cmp(&a.1.strength)
            .then_with(|| a.0.cmp(&b.0))
    });
    query.truncate(&mut people);
    let wanted: Vec<(String, Vec<i64>)> = people
        .iter_mut()
        .map(|(name, acc)| {
            let notes = acc.last.take().map(|(_, notes)| notes).unwrap_or_default();
            (name.clone(), notes)
        })
        .collect();
    let lasts = index.last_mentions_within(&wanted, &asked)?;
    let mut out = Vec::with_capacity(people.len());
    for ((name, acc), detail) in people.into_iter().zip(lasts) {
        let (last_seen, last_note, last_line, last_snippet) =
            detail.map_or((None, None, None, None), |d| {
                (
                    d.day.map(date_of),
                    Some(d.path),
                    Some(d.line),
                    Some(d.snippet),
                )
            });
        out.push(WhoPerson {
            declared: !acc.declared.is_empty(),
            name,
            strength: acc.strength,
            mentions: acc.mentions,
            contexts: acc.contexts.into_iter().collect(),
            declared_contexts: acc.declared.into_iter().collect(),
            last_seen,
            last_note,
            last_line,
            last_snippet,
        });
    }
    Ok(WhoReport {
        interests: asked,
        today: query.today,
        people: out,
    })
}
