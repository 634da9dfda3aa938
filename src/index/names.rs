//! Name ids, handed out to the extraction workers as they go.
//!
//! Workers turn each note's names into `names.id`s themselves, so that the
//! note's stored form is encoded in parallel; the ids of names new to the
//! index are written to `names` at the end of the scan.

use std::sync::{Mutex, PoisonError};

use foldhash::HashMap;
use rusqlite::{Transaction, params};

use crate::extract::Kind;

/// Every name's id by kind and canonical name, shared between threads.
#[derive(Debug, Default)]
pub struct Interner {
    inner: Mutex<Names>,
}

/// What the [`Interner`] guards.
#[derive(Debug, Default)]
pub struct Names {
    /// Ids by kind ([`slot`]) and name.
    ids: [HashMap<String, u32>; 2],
    /// The next id to hand out.
    next: u32,
    /// Names added by this scan: (id, kind, name).
    added: Vec<(u32, Kind, String)>,
}

fn slot(kind: Kind) -> usize {
    match kind {
        Kind::Person => 0,
        Kind::Interest => 1,
    }
}

impl Names {
    /// The id of a name, handing out a new one for a name not seen before.
    pub fn id(&mut self, kind: Kind, name: &str) -> u32 {
        if let Some(id) = self.ids[slot(kind)].get(name) {
            return *id;
        }
        let id = self.next;
        self.next += 1;
        self.ids[slot(kind)].insert(name.to_owned(), id);
        self.added.push((id, kind, name.to_owned()));
        id
    }
}

impl Interner {
    /// Every name already in the index.
    pub fn load(tx: &Transaction<'_>) -> rusqlite::Result<Self> {
        let mut names = Names {
            next: 1,
            ..Names::default()
        };
        let mut stmt = tx.prepare("SELECT id, kind, name FROM names")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: u32 = row.get(0)?;
            let Some(kind) = Kind::from_name(row.get_ref(1)?.as_str()?) else {
                continue;
            };
            names.ids[slot(kind)].insert(row.get(2)?, id);
            names.next = names.next.max(id + 1);
        }
        Ok(Interner {
            inner: Mutex::new(names),
        })
    }

    /// Runs `f` with the names locked: one lock for all of a note's names.
    pub fn with<T>(&self, f: impl FnOnce(&mut Names) -> T) -> T {
        // A worker that panicked mid-note leaves the map whole: go on.
        let mut names = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut names)
    }

    /// Writes the names this scan added to the `names` table.
    pub fn write_added(self, tx: &Transaction<'_>) -> rusqlite::Result<usize> {
        let names = self
            .inner
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let mut insert = tx.prepare("INSERT INTO names (id, kind, name) VALUES (?1, ?2, ?3)")?;
        for (id, kind, name) in &names.added {
            insert.execute(params![id, kind.as_str(), name])?;
        }
        Ok(names.added.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_new_names_are_recorded() {
        let interner = Interner::default();
        let (a, b, again, interest) = interner.with(|names| {
            names.next = 5;
            (
                names.id(Kind::Person, "ana"),
                names.id(Kind::Person, "bo"),
                names.id(Kind::Person, "ana"),
                names.id(Kind::Interest, "ana"),
            )
        });
        assert_eq!((a, b, again, interest), (5, 6, 5, 7));
        interner.with(|names| assert_eq!(names.added.len(), 3));
    }
}
