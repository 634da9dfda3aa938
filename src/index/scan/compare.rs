//! The first step of a scan: how the vault's notes differ from the index's,
//! found from the walk's sizes and times alone, without reading a note.

use std::cmp::Ordering;
use std::ops::Range;

use foldhash::HashMap;
use rusqlite::Connection;

use crate::identity::PersonNote;
use crate::vault::NoteFile;

/// How the vault's notes differ from the index's.
#[derive(Default)]
pub(super) struct Comparison<'n> {
    /// Notes new or changed in size, modification time or change stamp,
    /// and notes that could not be read last time.
    pub(super) changed: Vec<&'n NoteFile>,
    /// How many of `changed` could not be read last time (tried again).
    pub(super) retried: usize,
    /// The row ids of the changed notes the index has, by path.
    pub(super) existing: HashMap<String, i64>,
    /// The row ids of notes gone from the vault.
    pub(super) removed: Vec<i64>,
    /// Their paths.
    pub(super) removed_paths: Vec<String>,
    /// The person notes among the unchanged notes.
    pub(super) unchanged_people: Vec<PersonNote>,
    /// The index as it was: who was who is worked out from it.
    pub(super) earlier: Indexed,
    /// Notes in the index.
    pub(super) known: usize,
}

/// The index's notes, as a scan compares them with the vault's.
#[derive(Default)]
pub(super) struct Indexed {
    /// Every note in path order (SQLite's BINARY order is byte order, as
    /// Rust's).
    notes: Vec<IndexedNote>,
    /// The notes' paths, one after the other: one allocation, not one per
    /// note.
    paths: String,
    /// The index's person notes, by path.
    pub(super) people: HashMap<String, PersonNote>,
}

/// A note as the index has it.
struct IndexedNote {
    id: i64,
    /// Where its path is in [`Indexed::paths`].
    path: Range<usize>,
    size: i64,
    mtime_ns: i64,
    change_stamp: i64,
}

impl Indexed {
    /// Every note's path, in path order.
    pub(super) fn paths(&self) -> impl Iterator<Item = &str> {
        self.notes.iter().map(|note| &self.paths[note.path.clone()])
    }

    /// Reads them, through the covering `(path, size, mtime_ns,
    /// change_stamp)` index.
    pub(super) fn read(conn: &Connection) -> rusqlite::Result<Self> {
        let people = conn
            .prepare("SELECT path, person_note FROM notes WHERE person_note IS NOT NULL")?
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?
            .filter_map(|row| {
                let (path, json) = row.ok()?;
                Some((path, serde_json::from_str(&json).ok()?))
            })
            .collect();
        let mut paths = String::new();
        let mut notes = Vec::new();
        let mut stmt =
            conn.prepare("SELECT id, path, size, mtime_ns, change_stamp FROM notes ORDER BY path")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let start = paths.len();
            paths.push_str(row.get_ref(1)?.as_str()?);
            notes.push(IndexedNote {
                id: row.get(0)?,
                path: start..paths.len(),
                size: row.get(2)?,
                mtime_ns: row.get(3)?,
                change_stamp: row.get(4)?,
            });
        }
        Ok(Indexed {
            notes,
            paths,
            people,
        })
    }
}

/// Compares the vault's notes (sorted by path) with the index's, side by
/// side in path order: no map of every path is built.
pub(super) fn compare(indexed: Indexed, notes: &[NoteFile]) -> Comparison<'_> {
    let mut out = Comparison {
        known: indexed.notes.len(),
        ..Comparison::default()
    };
    let mut rows = indexed.notes.iter().zip(indexed.paths()).peekable();
    let mut files = notes.iter().peekable();
    loop {
        // The index's next note against the vault's: one that sorts first
        // is gone (index) or new (vault).
        let order = match (rows.peek(), files.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((_, path)), Some(file)) => (*path).cmp(file.rel_path.as_str()),
        };
        match order {
            Ordering::Less => {
                let (row, path) = rows.next().expect("compared with a row");
                out.removed.push(row.id);
                out.removed_paths.push(path.to_owned());
            }
            Ordering::Equal => {
                let (row, _) = rows.next().expect("compared with a row");
                let file = files.next().expect("compared with a note");
                if u64::try_from(row.size).ok() == Some(file.size)
                    && row.mtime_ns == file.mtime_ns
                    && row.change_stamp == file.change_stamp
                {
                    out.unchanged_people
                        .extend(indexed.people.get(file.rel_path.as_str()).cloned());
                } else {
                    out.retried += usize::from(row.size < 0);
                    out.existing.insert(file.rel_path.clone(), row.id);
                    out.changed.push(file);
                }
            }
            Ordering::Greater => out.changed.extend(files.next()),
        }
    }
    drop(rows);
    out.earlier = indexed;
    out
}
