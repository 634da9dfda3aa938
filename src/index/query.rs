//! Every read of the index. No SQL lives outside `src/index/`.

use rusqlite::{OptionalExtension, named_params};

use super::Index;
use crate::error::Error;

/// Which dated mentions a query keeps (days since 1970-01-01, inclusive).
/// With either bound set, undated mentions are left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// First day kept.
    pub since: Option<i64>,
    /// Last day kept.
    pub until: Option<i64>,
}

impl Window {
    /// Whether a mention on `day` is inside the window.
    pub fn contains(&self, day: Option<i64>) -> bool {
        match (self.since, self.until, day) {
            (None, None, _) => true,
            (_, _, None) => false,
            (since, until, Some(day)) => {
                since.is_none_or(|s| day >= s) && until.is_none_or(|u| day <= u)
            }
        }
    }
}

/// The SQL form of a [`Window`] on `m.day`, with `:since` and `:until`.
const IN_WINDOW: &str = "((:since IS NULL AND :until IS NULL)
     OR (m.day IS NOT NULL AND (:since IS NULL OR m.day >= :since) AND (:until IS NULL OR m.day <= :until)))";

/// The SQL that keeps one person (`table.name = :person`), or everyone.
/// Two forms rather than `:person IS NULL OR …`, which would hide the
/// index on names from SQLite's planner.
fn person_filter(table: &str, person: Option<&str>) -> String {
    match person {
        Some(_) => format!("{table}.name = :person"),
        None => ":person IS NULL".to_owned(),
    }
}

/// One dated (or undated) mention of a person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonDay {
    /// The person's canonical name.
    pub person: String,
    /// The note's day, if dated.
    pub day: Option<i64>,
    /// The note's id.
    pub note_id: i64,
}

/// A person mention found through its context.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextHit {
    /// The mention's row id.
    pub mention_id: i64,
    /// The person's canonical name.
    pub person: String,
    /// The note's day, if dated.
    pub day: Option<i64>,
    /// The context interest that matched.
    pub interest: String,
}

/// A mention with where it is and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionDetail {
    /// The note's day, if dated.
    pub day: Option<i64>,
    /// The note's path.
    pub path: String,
    /// 1-based line.
    pub line: i64,
    /// As written.
    pub raw: String,
    /// The block's text.
    pub snippet: String,
}

/// A count of something for a name: (owner, name, count).
pub type PairCount = (String, String, i64);

impl Index {
    /// Every mention of a person (or of everyone) in the window.
    pub fn person_days(
        &self,
        person: Option<&str>,
        window: Window,
    ) -> Result<Vec<PersonDay>, Error> {
        let filter = person_filter("n", person);
        let sql = format!(
            "SELECT n.name, m.day, m.note_id FROM names n JOIN mentions m ON m.name_id = n.id
             WHERE n.kind = 'person' AND {filter} AND {IN_WINDOW}"
        );
        let params =
            named_params! {":person": person, ":since": window.since, ":until": window.until};
        self.collect(&sql, params, |row| {
            Ok(PersonDay {
                person: row.get(0)?,
                day: row.get(1)?,
                note_id: row.get(2)?,
            })
        })
    }

    /// For each person (or one), how often each name of `kind` is in the
    /// context of their mentions in the window.
    pub fn context_counts(
        &self,
        person: Option<&str>,
        kind: &str,
        window: Window,
    ) -> Result<Vec<PairCount>, Error> {
        let filter = person_filter("p", person);
        let sql = format!(
            "SELECT p.name, x.name, count(*) FROM names p
             JOIN mentions m ON m.name_id = p.id
             JOIN context c ON c.note_id = m.note_id AND c.mention_id = m.id
             JOIN names x ON x.id = c.name_id
             WHERE p.kind = 'person' AND {filter} AND x.kind = :kind AND {IN_WINDOW}
             GROUP BY p.id, x.id"
        );
        let params = named_params! {":person": person, ":kind": kind, ":since": window.since, ":until": window.until};
        self.collect(&sql, params, |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
    }

    /// Person mentions in the window whose context holds `interest` or an
    /// interest nested under it (`travel` finds `travel/asia`).
    pub fn context_hits(&self, interest: &str, window: Window) -> Result<Vec<ContextHit>, Error> {
        let sql = format!(
            "SELECT m.id, p.name, m.day, i.name
             FROM names i
             JOIN context c ON c.name_id = i.id
             JOIN mentions m ON m.id = c.mention_id
             JOIN names p ON p.id = m.name_id
             WHERE i.kind = 'interest'
               AND (i.name = :interest OR substr(i.name, 1, length(:interest) + 1) = :interest || '/')
               AND {IN_WINDOW}"
        );
        let params =
            named_params! {":interest": interest, ":since": window.since, ":until": window.until};
        self.collect(&sql, params, |row| {
            Ok(ContextHit {
                mention_id: row.get(0)?,
                person: row.get(1)?,
                day: row.get(2)?,
                interest: row.get(3)?,
            })
        })
    }

    /// How often each interest is mentioned in the window.
    pub fn interest_counts(&self, window: Window) -> Result<Vec<(String, i64)>, Error> {
        let sql = format!(
            "SELECT n.name, count(*) FROM names n JOIN mentions m ON m.name_id = n.id
             WHERE n.kind = 'interest' AND {IN_WINDOW} GROUP BY n.id"
        );
        let params = named_params! {":since": window.since, ":until": window.until};
        self.collect(&sql, params, |row| Ok((row.get(0)?, row.get(1)?)))
    }

    /// For each interest, each person with it in context, and how often,
    /// in the window.
    pub fn interest_people_counts(&self, window: Window) -> Result<Vec<PairCount>, Error> {
        let sql = format!(
            "SELECT x.name, p.name, count(*) FROM names x
             JOIN context c ON c.name_id = x.id
             JOIN mentions m ON m.id = c.mention_id
             JOIN names p ON p.id = m.name_id
             WHERE x.kind = 'interest' AND {IN_WINDOW}
             GROUP BY x.id, p.id"
        );
        let params = named_params! {":since": window.since, ":until": window.until};
        self.collect(&sql, params, |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
    }

    /// Every person mention in the window with an interest in its context:
    /// (interest, person, mention id), so a caller rolling nested interests
    /// up to their parents can count each mention once.
    pub fn interest_person_mentions(
        &self,
        window: Window,
    ) -> Result<Vec<(String, String, i64)>, Error> {
        let sql = format!(
            "SELECT x.name, p.name, m.id FROM names x
             JOIN context c ON c.name_id = x.id
             JOIN mentions m ON m.id = c.mention_id
             JOIN names p ON p.id = m.name_id
             WHERE x.kind = 'interest' AND {IN_WINDOW}"
        );
        let params = named_params! {":since": window.since, ":until": window.until};
        self.collect(&sql, params, |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
    }

    /// A person's most recent mentions in the window: newest first,
    /// undated last; on one day, by path and line. Walks the index
    /// on (person, day) backwards and stops at `limit`.
    pub fn recent_mentions(
        &self,
        person: &str,
        window: Window,
        limit: usize,
    ) -> Result<Vec<MentionDetail>, Error> {
        let sql = format!(
            "SELECT m.day, t.path, m.line, m.raw, m.snippet
             FROM names n JOIN mentions m ON m.name_id = n.id JOIN notes t ON t.id = m.note_id
             WHERE n.kind = 'person' AND n.name = :person AND {IN_WINDOW}
             ORDER BY m.day DESC, t.path, m.line
             LIMIT :limit"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let params = named_params! {":person": person, ":limit": limit, ":since": window.since, ":until": window.until};
        self.collect(&sql, params, detail)
    }

    /// Details of one mention.
    pub fn mention_detail(&self, id: i64) -> Result<Option<MentionDetail>, Error> {
        let sql = "SELECT m.day, t.path, m.line, m.raw, m.snippet FROM mentions m
                   JOIN notes t ON t.id = m.note_id WHERE m.id = ?1";
        self.conn()
            .query_row(sql, [id], detail)
            .optional()
            .map_err(|e| self.error(e))
    }

    /// The distinct spellings (`raw`) of a person's mentions.
    pub fn spellings(&self, person: &str) -> Result<Vec<String>, Error> {
        let sql = "SELECT DISTINCT m.raw FROM mentions m JOIN names n ON n.id = m.name_id
                   WHERE n.kind = 'person' AND n.name = ?1 ORDER BY m.raw";
        self.collect(sql, [person], |row| row.get(0))
    }

    /// Every person note in the index, sorted by path.
    pub fn person_notes(&self) -> Result<Vec<crate::identity::PersonNote>, Error> {
        let rows: Vec<String> = self.collect(
            "SELECT person_note FROM notes WHERE person_note IS NOT NULL ORDER BY path",
            [],
            |row| row.get(0),
        )?;
        Ok(rows
            .iter()
            .filter_map(|json| serde_json::from_str(json).ok())
            .collect())
    }

    /// Every name of a kind, sorted.
    pub fn names(&self, kind: &str) -> Result<Vec<String>, Error> {
        self.collect(
            "SELECT name FROM names WHERE kind = ?1 ORDER BY name",
            [kind],
            |row| row.get(0),
        )
    }

    pub(super) fn collect<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, Error> {
        let mut stmt = self.conn().prepare_cached(sql).map_err(|e| self.error(e))?;
        let rows = stmt.query_map(params, map).map_err(|e| self.error(e))?;
        rows.collect::<Result<Vec<T>, _>>()
            .map_err(|e| self.error(e))
    }
}

fn detail(row: &rusqlite::Row<'_>) -> rusqlite::Result<MentionDetail> {
    Ok(MentionDetail {
        day: row.get(0)?,
        path: row.get(1)?,
        line: row.get(2)?,
        raw: row.get(3)?,
        snippet: row.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_bounds_are_inclusive_and_drop_undated() {
        let all = Window::default();
        assert!(all.contains(None));
        let window = Window {
            since: Some(10),
            until: Some(20),
        };
        assert!(window.contains(Some(10)) && window.contains(Some(20)));
        assert!(!window.contains(Some(9)) && !window.contains(Some(21)));
        assert!(!window.contains(None));
    }
}
