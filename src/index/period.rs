//! Reads for the period reports (`digest`, `report`) and `kith check`.

use std::collections::HashMap;

use rusqlite::named_params;

use super::Index;
use super::query::{Window, entries};
use crate::error::{Error, WarningKind};
use crate::extract::Kind;

/// The first and last day a name was mentioned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Canonical name.
    pub name: String,
    /// Its first dated mention's day.
    pub first: Option<i64>,
    /// Its last dated mention's day.
    pub last: Option<i64>,
}

impl Index {
    /// When each name of `kind` was first and last mentioned.
    pub fn spans(&self, kind: &str) -> Result<Vec<Span>, Error> {
        let sql = "SELECT n.name, p.first_day, p.last_day
                   FROM names n JOIN postings p ON p.name_id = n.id AND p.other_id = 0
                   WHERE n.kind = :kind";
        self.collect(sql, named_params! {":kind": kind}, |row| {
            Ok(Span {
                name: row.get(0)?,
                first: row.get(1)?,
                last: row.get(2)?,
            })
        })
    }

    /// Mentions of names of `kind` per day in the window (dated only).
    pub fn mentions_per_day(&self, kind: &str, window: Window) -> Result<Vec<(i64, i64)>, Error> {
        let mut per_day: HashMap<i64, i64> = HashMap::new();
        for (_, entries) in self.postings_of(kind)? {
            for entry in entries {
                if let Some(day) = entry.day()
                    && window.contains(Some(day))
                {
                    *per_day.entry(day).or_default() += i64::from(entry.mentions);
                }
            }
        }
        let mut days: Vec<(i64, i64)> = per_day.into_iter().collect();
        days.sort_unstable();
        Ok(days)
    }
}

/// A warning stored with a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWarning {
    /// The note's path.
    pub path: String,
    /// The line, where known.
    pub line: Option<i64>,
    /// What was wrong.
    pub message: String,
    /// What it is about.
    pub kind: WarningKind,
}

impl Index {
    /// Every person's mentions, and the path and line of their first
    /// mention (by path): (name, mentions, path, line), sorted by name.
    pub fn person_counts(&self) -> Result<Vec<(String, i64, String, i64)>, Error> {
        let paths: HashMap<u32, String> = self
            .collect("SELECT id, path FROM notes", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .into_iter()
            .collect();
        let mut people: Vec<(String, i64, Option<u32>)> = Vec::new();
        self.each_row(
            "SELECT n.name, p.mentions, p.entries FROM names n
             JOIN postings p ON p.name_id = n.id AND p.other_id = 0
             WHERE n.kind = 'person' ORDER BY n.name",
            [],
            |row| {
                let first = entries(row, 2)?
                    .iter()
                    .map(|e| e.note)
                    .filter(|note| paths.contains_key(note))
                    .min_by(|a, b| paths[a].cmp(&paths[b]));
                people.push((row.get(0)?, row.get(1)?, first));
                Ok(())
            },
        )?;
        let mut out = Vec::with_capacity(people.len());
        for (name, mentions, first) in people {
            let note = match first {
                Some(id) => self.note(i64::from(id))?,
                None => None,
            };
            let (path, line) = note
                .and_then(|note| {
                    let line = note
                        .mentions
                        .iter()
                        .find(|m| m.kind == Kind::Person && m.name == name)?
                        .line;
                    Some((note.path, line))
                })
                .unwrap_or_default();
            out.push((name, mentions, path, line));
        }
        Ok(out)
    }

    /// Every warning stored with the notes, by path and line.
    pub fn stored_warnings(&self) -> Result<Vec<StoredWarning>, Error> {
        let sql = "SELECT path, line, message, kind FROM warnings ORDER BY path, line";
        self.collect(sql, [], |row| {
            Ok(StoredWarning {
                path: row.get(0)?,
                line: row.get(1)?,
                message: row.get(2)?,
                kind: WarningKind::from_name(row.get_ref(3)?.as_str()?),
            })
        })
    }

    /// The paths of notes without a date.
    pub fn undated_notes(&self) -> Result<Vec<String>, Error> {
        self.collect(
            "SELECT path FROM notes WHERE date IS NULL ORDER BY path",
            [],
            |row| row.get(0),
        )
    }
}
