//! `kith person NAME`: one person's profile.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::duplicates::without_separators;
use super::{Count, Query, date_of, people, sort_counts};
use crate::config::Config;
use crate::error::Error;
use crate::extract::mention;
use crate::identity::{Identity, PersonNote};
use crate::index::Index;

/// Mentions in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Mentions that month.
    pub mentions: i64,
}

/// One mention, for the "most recent" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecentMention {
    /// The note's date.
    pub date: Option<NaiveDate>,
    /// The note's path.
    pub path: String,
    /// 1-based line.
    pub line: i64,
    /// The block's text.
    pub snippet: String,
}

/// One person's profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonReport {
    /// Canonical handle.
    pub name: String,
    /// Every spelling seen (`raw` of their mentions).
    pub spellings: Vec<String>,
    /// Their person note, if they have one (the first by path, if two
    /// notes make one handle).
    pub note: Option<String>,
    /// Other spellings declared in the person notes' `aliases:`.
    pub aliases: Vec<String>,
    /// Interests the person notes declare (their tags).
    pub declared_interests: Vec<String>,
    /// The person notes' other properties (email, company, …; the first
    /// note's where two say otherwise).
    pub properties: BTreeMap<String, String>,
    /// Mentions in the window.
    pub mentions: usize,
    /// Distinct notes with a mention.
    pub notes: usize,
    /// Date of the first dated mention.
    pub first_seen: Option<NaiveDate>,
    /// Date of the last dated mention.
    pub last_seen: Option<NaiveDate>,
    /// The strength score.
    pub strength: f64,
    /// The interests in the context of their mentions, with counts.
    pub interests: Vec<Count>,
    /// The people they appear with, with counts.
    pub people: Vec<Count>,
    /// Mentions per month, every month from the first to the last.
    pub timeline: Vec<MonthCount>,
    /// The most recent mentions (newest first; `--limit`, default 10).
    pub recent: Vec<RecentMention>,
}

/// The answer to `kith person NAME`.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// Found.
    Found(Box<PersonReport>),
    /// Not counted: the config's `ignore_people` holds the person.
    Ignored {
        /// The handle `ignore_people` holds (the name asked, aliases
        /// followed).
        ignored: String,
    },
    /// No such person; the closest known names.
    Unknown {
        /// The name asked for, as a handle.
        handle: String,
        /// Known names that look alike, best first.
        suggestions: Vec<String>,
    },
}

/// How many recent mentions are shown without `--limit`.
const DEFAULT_RECENT: usize = 10;

/// The handle a user means by `NAME`: `@Alex-Bec`, `Alex Bec` and
/// `[[Alex Bec]]` are all `alex-bec`.
pub fn handle_of(name: &str) -> String {
    mention::canonical_handle(name).unwrap_or_default()
}

/// The person note at `path`, as a shell completes it: a file of the
/// vault (from the current folder, or absolute), else a path written
/// from the vault's folder (`People/Alex Bec.md`). Only that note's.
fn person_note_at<'i>(identity: &'i Identity, vault: &Path, path: &str) -> Option<&'i PersonNote> {
    let from_vault = match Path::new(path)
        .canonicalize()
        .ok()
        .zip(vault.canonicalize().ok())
    {
        Some((file, vault)) => file
            .strip_prefix(vault)
            .ok()?
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/"),
        None => path.trim_start_matches("./").to_owned(),
    };
    identity
        .people_notes
        .iter()
        .find(|note| note.path == from_vault)
}

/// The person note of `handle`. Two notes that
/// are one person (`Alex Bec.md` and `alex bec.md`, or a note whose name
/// another's aliases take, with a warning) give one: the first by path of
/// those named `handle` (else of the others), with the aliases, interests
/// and properties of all (the first's where they differ).
fn merged_person_note(identity: &Identity, handle: &str) -> Option<PersonNote> {
    let (mut notes, others): (Vec<&PersonNote>, Vec<&PersonNote>) = identity
        .people_notes
        .iter()
        .filter(|n| n.handle == handle || identity.person(&n.handle).as_deref() == Some(handle))
        .partition(|n| n.handle == handle);
    notes.extend(others);
    let mut notes = notes.into_iter().cloned();
    let mut merged = notes.next()?;
    for other in notes {
        for alias in other.aliases {
            if !merged.aliases.contains(&alias) {
                merged.aliases.push(alias);
            }
        }
        merged.interests.extend(other.interests);
        for (key, value) in other.properties {
            merged.properties.entry(key).or_insert(value);
        }
    }
    merged.interests.sort();
    merged.interests.dedup();
    Some(merged)
}

/// Builds one person's profile.
pub fn build(
    index: &Index,
    query: &Query,
    config: &Config,
    vault: &Path,
    name: &str,
) -> Result<Lookup, Error> {
    // Any spelling leads to the person: the config's aliases and the
    // person notes' are followed as extraction follows them.
    let (identity, _) = super::identity_of(index, config)?;
    let mut known = index.names("person")?;
    known.extend(identity.people_notes.iter().map(|n| n.handle.clone()));
    known.sort();
    known.dedup();
    // Someone the config ignores is no one to show or suggest, under any
    // spelling: their person note's name included.
    known.retain(|name| identity.ignored_person(name).is_none());
    let ignored: Vec<String> = identity.ignored_people().map(str::to_owned).collect();
    let written = person_note_at(&identity, vault, name)
        .map_or_else(|| handle_of(name), |n| n.handle.clone());
    if let Some(ignored) = identity.ignored_person(&written) {
        return Ok(Lookup::Ignored {
            ignored: ignored.to_owned(),
        });
    }
    let mut handle = identity.person(&written).unwrap_or(written);
    if known.binary_search(&handle).is_err() {
        // `zoe` for `zoë`, `alex_bec` for `alex-bec`: what a keyboard
        // makes easy, when it can be only one person (or one the config
        // ignores, which is said).
        if let [only] = same_but_for_accents(&handle, &known)[..] {
            handle = only.clone();
        } else if let [only] = same_but_for_accents(&handle, &ignored)[..] {
            return Ok(Lookup::Ignored {
                ignored: only.clone(),
            });
        }
    }
    let note = merged_person_note(&identity, &handle);
    if known.binary_search(&handle).is_err() {
        return Ok(Lookup::Unknown {
            suggestions: closest(&handle, &known),
            handle,
        });
    }
    let summary = people::summaries(index, query, Some(&handle))?
        .pop()
        .unwrap_or_else(|| people::PersonSummary::empty(handle.clone()));
    let mut with: Vec<Count> = index
        .context_counts(Some(&handle), "person", query.window)?
        .into_iter()
        .map(|(_, name, count)| Count { name, count })
        .collect();
    sort_counts(&mut with);

    let mut months: BTreeMap<(i32, u32), i64> = BTreeMap::new();
    for entry in index.person_entries(&handle, query.window)? {
        if let Some(day) = entry.day() {
            let date = date_of(day);
            *months.entry((date.year(), date.month())).or_default() += i64::from(entry.mentions);
        }
    }
    let timeline = fill_months(&months);

    let recent = index
        .recent_mentions(&handle, query.window, query.limit.unwrap_or(DEFAULT_RECENT))?
        .into_iter()
        .map(|m| RecentMention {
            date: m.day.map(date_of),
            path: m.path,
            line: m.line,
            snippet: m.snippet,
        })
        .collect();

    let (note, aliases, declared_interests, properties) = match note {
        Some(n) => (Some(n.path), n.aliases, n.interests, n.properties),
        None => (None, Vec::new(), Vec::new(), BTreeMap::new()),
    };
    Ok(Lookup::Found(Box::new(PersonReport {
        spellings: index.spellings(&handle)?,
        note,
        aliases,
        declared_interests,
        properties,
        name: handle,
        mentions: summary.mentions,
        notes: summary.notes,
        first_seen: summary.first_seen,
        last_seen: summary.last_seen,
        strength: summary.strength,
        interests: summary.top_interests,
        people: with,
        timeline,
        recent,
    })))
}

/// The known names equal to `handle` but for accents and separators.
fn same_but_for_accents<'a>(handle: &str, known: &'a [String]) -> Vec<&'a String> {
    let plain = without_separators(handle);
    known
        .iter()
        .filter(|name| without_separators(name) == plain)
        .collect()
}

/// Every month from the first to the last, with zero for quiet months.
pub fn fill_months(months: &BTreeMap<(i32, u32), i64>) -> Vec<MonthCount> {
    let (Some(first), Some(last)) = (months.keys().next(), months.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut year, mut month) = *first;
    while (year, month) <= *last {
        out.push(MonthCount {
            month: format!("{year:04}-{month:02}"),
            mentions: months.get(&(year, month)).copied().unwrap_or(0),
        });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    out
}

/// Up to three known names closest to `handle`: those that contain it
/// (`kenji-tanaka` for `tanak`), then those of three characters or more
/// that it contains (`ana` for `anastasia`), then those most alike by
/// Jaro-Winkler similarity.
pub fn closest(handle: &str, known: &[String]) -> Vec<String> {
    let mut scored: Vec<(f64, &String)> = known
        .iter()
        .map(|name| {
            let bonus = if handle.is_empty() {
                0.0
            } else if name.contains(handle) {
                2.0
            } else if name.chars().count() >= 3 && handle.contains(name.as_str()) {
                1.0
            } else {
                0.0
            };
            (strsim::jaro_winkler(handle, name) + bonus, name)
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, name)| name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_from_what_users_type() {
        assert_eq!(handle_of("@Alex-Bec"), "alex-bec");
        assert_eq!(handle_of("Alex Bec"), "alex-bec");
        assert_eq!(handle_of("[[People/Alex Bec|Alex]]"), "alex-bec");
    }

    #[test]
    fn a_name_without_its_accents_or_separators_is_found_when_only_one_has_it() {
        let known: Vec<String> = ["alex-bec", "jose", "josé", "zoë"]
            .map(String::from)
            .to_vec();
        assert_eq!(same_but_for_accents("zoe", &known), ["zoë"]);
        assert_eq!(same_but_for_accents("alex_bec", &known), ["alex-bec"]);
        assert_eq!(same_but_for_accents("jóse", &known), ["jose", "josé"]);
        assert!(same_but_for_accents("alex", &known).is_empty());
    }

    #[test]
    fn closest_names() {
        let known: Vec<String> = ["alex-bec", "ana", "kenji-tanaka", "zoë"]
            .map(String::from)
            .to_vec();
        assert_eq!(closest("alex", &known), ["alex-bec"]);
        assert_eq!(closest("kenji-tanka", &known), ["kenji-tanaka"]);
        assert!(closest("qqq", &known).is_empty());
        // Part of a name first; a name inside what was asked after it.
        assert_eq!(closest("tanak", &known), ["kenji-tanaka", "ana"]);
        assert_eq!(closest("anastasia", &known), ["ana"]);
        // A name of one or two letters is inside too many words to say.
        let short: Vec<String> = ["o", "ed"].map(String::from).to_vec();
        assert!(closest("nobody", &short).is_empty());
    }

    #[test]
    fn months_are_filled() {
        let months = BTreeMap::from([((2025, 11), 2), ((2026, 2), 1)]);
        let filled: Vec<_> = fill_months(&months)
            .into_iter()
            .map(|m| (m.month, m.mentions))
            .collect();
        assert_eq!(
            filled,
            [
                ("2025-11".into(), 2),
                ("2025-12".into(), 0),
                ("2026-01".into(), 0),
                ("2026-02".into(), 1)
            ]
        );
    }
}
