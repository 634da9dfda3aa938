//! Reads for the period reports (`digest`, `report`).

use rusqlite::named_params;

use super::Index;
use super::query::Window;
use crate::error::Error;

/// A person mention in a period, with its note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodMention {
    /// The mention's row id.
    pub mention_id: i64,
    /// Canonical name.
    pub name: String,
    /// The note's day.
    pub day: Option<i64>,
    /// The note's path.
    pub path: String,
}

/// The first and last dated mention of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Canonical name.
    pub name: String,
    /// First dated mention's day.
    pub first: Option<i64>,
    /// Last dated mention's day.
    pub last: Option<i64>,
}

/// One dated mention: who or what, when, which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    /// The name's row id.
    pub name_id: i64,
    /// The day.
    pub day: i64,
    /// The mention's row id.
    pub mention_id: i64,
}

/// Counts for a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Mentions of people and interests.
    pub mentions: i64,
    /// Distinct people.
    pub people: i64,
    /// Distinct interests.
    pub interests: i64,
    /// Notes dated in the period.
    pub notes: i64,
}

impl Index {
    /// Mentions of `kind` in the window, with their notes.
    pub fn period_mentions(&self, kind: &str, window: Window) -> Result<Vec<PeriodMention>, Error> {
        let sql = "SELECT m.id, n.name, m.day, t.path
                   FROM mentions m JOIN names n ON n.id = m.name_id JOIN notes t ON t.id = m.note_id
                   WHERE n.kind = :kind AND m.day BETWEEN :since AND :until
                   ORDER BY m.day, t.path, m.line";
        self.collect(
            sql,
            named_params! {":kind": kind, ":since": window.since, ":until": window.until},
            |row| {
                Ok(PeriodMention {
                    mention_id: row.get(0)?,
                    name: row.get(1)?,
                    day: row.get(2)?,
                    path: row.get(3)?,
                })
            },
        )
    }

    /// First and last dated mention of every name of `kind`.
    pub fn spans(&self, kind: &str) -> Result<Vec<Span>, Error> {
        let sql = "SELECT n.name, min(m.day), max(m.day)
                   FROM names n JOIN mentions m ON m.name_id = n.id
                   WHERE n.kind = :kind GROUP BY n.id";
        self.collect(sql, named_params! {":kind": kind}, |row| {
            Ok(Span {
                name: row.get(0)?,
                first: row.get(1)?,
                last: row.get(2)?,
            })
        })
    }

    /// Every dated mention of a person before day `until` (inclusive).
    pub fn dated_person_mentions(&self, until: i64) -> Result<Vec<Dated>, Error> {
        let sql = "SELECT m.name_id, m.day, m.id
                   FROM names n JOIN mentions m ON m.name_id = n.id
                   WHERE n.kind = 'person' AND m.day <= :until";
        self.collect(sql, named_params! {":until": until}, |row| {
            Ok(Dated {
                name_id: row.get(0)?,
                day: row.get(1)?,
                mention_id: row.get(2)?,
            })
        })
    }

    /// The canonical name of a name id.
    pub fn name_of(&self, name_id: i64) -> Result<String, Error> {
        self.conn()
            .query_row("SELECT name FROM names WHERE id = ?1", [name_id], |row| {
                row.get(0)
            })
            .map_err(|e| self.error(e))
    }

    /// The interests in the context of one mention, sorted.
    pub fn context_interests(&self, mention_id: i64) -> Result<Vec<String>, Error> {
        let sql = "SELECT x.name FROM mentions m
                   JOIN context c ON c.note_id = m.note_id AND c.mention_id = m.id
                   JOIN names x ON x.id = c.name_id
                   WHERE m.id = :id AND x.kind = 'interest' ORDER BY x.name";
        self.collect(sql, named_params! {":id": mention_id}, |row| row.get(0))
    }

    /// Mentions per day of `kind` in the window (days with none are left out).
    pub fn mentions_per_day(&self, kind: &str, window: Window) -> Result<Vec<(i64, i64)>, Error> {
        let sql = "SELECT m.day, count(*) FROM mentions m JOIN names n ON n.id = m.name_id
                   WHERE n.kind = :kind AND m.day BETWEEN :since AND :until
                   GROUP BY m.day ORDER BY m.day";
        self.collect(
            sql,
            named_params! {":kind": kind, ":since": window.since, ":until": window.until},
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// The totals of a period.
    pub fn totals(
        &self,
        window: Window,
        since_date: &str,
        until_date: &str,
    ) -> Result<Totals, Error> {
        let sql = "SELECT count(*),
                          count(DISTINCT CASE WHEN n.kind = 'person' THEN n.id END),
                          count(DISTINCT CASE WHEN n.kind = 'interest' THEN n.id END)
                   FROM mentions m JOIN names n ON n.id = m.name_id
                   WHERE m.day BETWEEN :since AND :until";
        let (mentions, people, interests) = self
            .conn()
            .query_row(
                sql,
                named_params! {":since": window.since, ":until": window.until},
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .map_err(|e| self.error(e))?;
        let notes = self
            .conn()
            .query_row(
                "SELECT count(*) FROM notes WHERE date BETWEEN ?1 AND ?2",
                [since_date, until_date],
                |row| row.get(0),
            )
            .map_err(|e| self.error(e))?;
        Ok(Totals {
            mentions,
            people,
            interests,
            notes,
        })
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
}

impl Index {
    /// How often each person is mentioned, with their first mention's place.
    pub fn person_counts(&self) -> Result<Vec<(String, i64, String, i64)>, Error> {
        let sql = "SELECT n.name, count(*),
                          (SELECT t.path FROM mentions f JOIN notes t ON t.id = f.note_id
                           WHERE f.name_id = n.id ORDER BY t.path, f.line LIMIT 1),
                          (SELECT f.line FROM mentions f JOIN notes t ON t.id = f.note_id
                           WHERE f.name_id = n.id ORDER BY t.path, f.line LIMIT 1)
                   FROM names n JOIN mentions m ON m.name_id = n.id
                   WHERE n.kind = 'person' GROUP BY n.id ORDER BY n.name";
        self.collect(sql, [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
    }

    /// Every warning stored with the notes, by path and line.
    pub fn stored_warnings(&self) -> Result<Vec<StoredWarning>, Error> {
        let sql = "SELECT path, line, message FROM warnings ORDER BY path, line";
        self.collect(sql, [], |row| {
            Ok(StoredWarning {
                path: row.get(0)?,
                line: row.get(1)?,
                message: row.get(2)?,
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
