//! `kith who INTEREST...`: who could I ask about this?

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Query, date_of, round2};
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
    /// The asked interests (or nested ones) they were seen with.
    pub contexts: Vec<String>,
    /// When you last saw them in this context.
    pub last_seen: Option<NaiveDate>,
    /// The note where you last saw them in this context.
    pub last_note: String,
    /// Its line.
    pub last_line: i64,
    /// What it says.
    pub last_snippet: String,
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
pub fn build(index: &Index, query: &Query, interests: &[String]) -> Result<WhoReport, Error> {
    let asked: Vec<String> = interests.iter().filter_map(|i| interest_of(i)).collect();
    struct Acc {
        strength: f64,
        mentions: usize,
        contexts: BTreeSet<String>,
        last: (Option<i64>, i64),
    }
    let mut seen_mentions: HashSet<i64> = HashSet::new();
    let mut by_person: HashMap<String, Acc> = HashMap::new();
    for interest in &asked {
        for hit in index.context_hits(interest, query.window)? {
            let acc = by_person.entry(hit.person).or_insert_with(|| Acc {
                strength: 0.0,
                mentions: 0,
                contexts: BTreeSet::new(),
                last: (None, 0),
            });
            acc.contexts.insert(hit.interest);
            if !seen_mentions.insert(hit.mention_id) {
                continue;
            }
            acc.strength += query.weight(hit.day);
            acc.mentions += 1;
            acc.last = acc.last.max((hit.day, hit.mention_id));
        }
    }
    // People whose person note declares the interest qualify too.
    let mut declared: HashSet<String> = HashSet::new();
    for note in index.person_notes()? {
        let matched: Vec<&String> = note
            .interests
            .iter()
            .filter(|i| asked.iter().any(|a| super::is_within(i, a)))
            .collect();
        if matched.is_empty() {
            continue;
        }
        let acc = by_person.entry(note.handle.clone()).or_insert_with(|| Acc {
            strength: 0.0,
            mentions: 0,
            contexts: BTreeSet::new(),
            last: (None, 0),
        });
        acc.contexts.extend(matched.into_iter().cloned());
        declared.insert(note.handle);
    }
    let mut people: Vec<(String, Acc)> = by_person.into_iter().collect();
    people.sort_by(|a, b| {
        b.1.strength
            .total_cmp(&a.1.strength)
            .then_with(|| a.0.cmp(&b.0))
    });
    query.truncate(&mut people);
    let mut out = Vec::with_capacity(people.len());
    for (name, acc) in people {
        let detail = if acc.mentions > 0 {
            index.mention_detail(acc.last.1)?
        } else {
            None
        };
        let (last_note, last_line, last_snippet) = detail
            .map_or((String::new(), 0, String::new()), |d| {
                (d.path, d.line, d.snippet)
            });
        out.push(WhoPerson {
            declared: declared.contains(&name),
            name,
            strength: round2(acc.strength),
            mentions: acc.mentions,
            contexts: acc.contexts.into_iter().collect(),
            last_seen: acc.last.0.map(date_of),
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
