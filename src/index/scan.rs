//! Bringing the index up to date with the vault, incrementally.
//!
//! A note whose size and modification time are unchanged is not read
//! again. Notes are extracted on all cores while this thread writes the
//! previous chunk to SQLite, all in one transaction.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc;
use std::time::Instant;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::{DROP_INDEXES, INDEXES, Index};
use crate::error::{Error, Warning};
use crate::extract::{Kind, NoteExtraction};
use crate::notes;
use crate::settings::Settings;
use crate::vault::{self, NoteFile, Walked};

/// What a scan did, for its one-line summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanSummary {
    /// Notes found in the vault.
    pub seen: usize,
    /// Notes read and extracted (new or changed).
    pub reread: usize,
    /// Notes gone from the vault, removed from the index.
    pub removed: usize,
    /// People in the index.
    pub people: usize,
    /// Interests in the index.
    pub interests: usize,
    /// Warnings met by this scan.
    pub warnings: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Days since 1970-01-01, the index's `day` column.
pub fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date")).num_days()
}

/// Brings `index` up to date with the vault; `rebuild` starts afresh.
/// Every warning met is passed to `on_warning`, and skipped entries to
/// `on_skipped`.
pub fn scan(
    index: &mut Index,
    settings: &Settings,
    rebuild: bool,
    on_warning: &mut dyn FnMut(&Warning),
) -> Result<(ScanSummary, Walked), Error> {
    let started = Instant::now();
    let walked = vault::walk(&settings.vault, &settings.walk);
    let mut summary = ScanSummary {
        seen: walked.notes.len(),
        warnings: walked.warnings.len(),
        ..ScanSummary::default()
    };
    for warning in &walked.warnings {
        on_warning(warning);
    }

    let path = index.path().to_path_buf();
    let err = |source| Error::QueryIndex {
        path: path.clone(),
        source,
    };
    // A first look without the write lock, so that a scan with nothing to
    // do (the usual case before a query) never waits for another scan.
    let known = if rebuild {
        HashMap::new()
    } else {
        known_notes(index.conn()).map_err(err)?
    };
    let (to_read, removed) = changes(&walked.notes, &known);

    if rebuild || !to_read.is_empty() || !removed.is_empty() {
        let tx = index
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| busy_or(err(source)))?;
        // Another scan may have committed while this one waited for the
        // lock: work out the changes again against what is now there.
        let known = if rebuild {
            HashMap::new()
        } else {
            known_notes(&tx).map_err(err)?
        };
        let (to_read, removed) = changes(&walked.notes, &known);
        summary.reread = to_read.len();
        summary.removed = removed.len();
        let bulk = rebuild || known.is_empty();
        if bulk {
            tx.execute_batch(DROP_INDEXES).map_err(err)?;
        }
        if rebuild {
            tx.execute_batch("DELETE FROM context; DELETE FROM mentions; DELETE FROM warnings; DELETE FROM notes; DELETE FROM names;")
                .map_err(err)?;
        }
        let mut writer = Writer::new(&tx).map_err(err)?;
        for id in &removed {
            writer.delete_note(*id).map_err(err)?;
        }
        let result = write_extractions(&mut writer, &to_read, &known, settings, on_warning);
        summary.warnings += writer.warnings;
        drop(writer);
        result.map_err(err)?;
        if bulk {
            tx.execute_batch(INDEXES).map_err(err)?;
        }
        tx.execute(
            "DELETE FROM names WHERE NOT EXISTS (SELECT 1 FROM mentions WHERE mentions.name_id = names.id)",
            [],
        )
        .map_err(err)?;
        tx.commit().map_err(|source| busy_or(err(source)))?;
    }

    let (people, interests) = name_counts(index)?;
    summary.people = people;
    summary.interests = interests;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok((summary, walked))
}

/// A `database is busy` error reads better as [`Error::BusyIndex`].
fn busy_or(error: Error) -> Error {
    if let Error::QueryIndex { path, source } = &error
        && matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    {
        return Error::BusyIndex { path: path.clone() };
    }
    error
}

struct Known {
    id: i64,
    size: u64,
    mtime_ns: i64,
}

fn known_notes(conn: &Connection) -> rusqlite::Result<HashMap<String, Known>> {
    let mut stmt = conn.prepare("SELECT id, path, size, mtime_ns FROM notes")?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(1)?,
            Known {
                id: row.get(0)?,
                size: row.get::<_, i64>(2)?.try_into().unwrap_or(u64::MAX),
                mtime_ns: row.get(3)?,
            },
        ))
    })?;
    rows.collect()
}

/// The notes to read (new, or changed in size or modification time) and
/// the ids of the known notes gone from the vault.
fn changes<'n>(
    notes: &'n [NoteFile],
    known: &HashMap<String, Known>,
) -> (Vec<&'n NoteFile>, Vec<i64>) {
    let to_read = notes
        .iter()
        .filter(|file| {
            known
                .get(file.rel_path.as_str())
                .is_none_or(|k| k.size != file.size || k.mtime_ns != file.mtime_ns)
        })
        .collect();
    let present: HashSet<&str> = notes.iter().map(|f| f.rel_path.as_str()).collect();
    let removed = known
        .iter()
        .filter(|(path, _)| !present.contains(path.as_str()))
        .map(|(_, k)| k.id)
        .collect();
    (to_read, removed)
}

fn name_counts(index: &Index) -> Result<(usize, usize), Error> {
    let count = |kind: &str| {
        index
            .conn()
            .query_row(
                "SELECT count(*) FROM names WHERE kind = ?1",
                [kind],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| index.error(e))
    };
    Ok((count("person")?, count("interest")?))
}

/// Extracts `to_read` on other threads, chunk by chunk, while this thread
/// writes each finished chunk.
fn write_extractions(
    writer: &mut Writer<'_, '_>,
    to_read: &[&NoteFile],
    known: &HashMap<String, Known>,
    settings: &Settings,
    on_warning: &mut dyn FnMut(&Warning),
) -> rusqlite::Result<()> {
    let owned: Vec<NoteFile> = to_read.iter().map(|f| (*f).clone()).collect();
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<(NoteFile, NoteExtraction)>>(2);
        let files = &owned;
        scope.spawn(move || {
            let mut chunk = Vec::new();
            // `extract_all` hands over notes in order, a parallel chunk at a
            // time; forward them in batches so the writer keeps pace.
            let result: Result<(), ()> = notes::extract_all(
                files,
                &settings.extract,
                settings.max_file_size,
                |file, extraction| {
                    chunk.push((file.clone(), extraction));
                    if chunk.len() >= 256 {
                        sender.send(std::mem::take(&mut chunk)).map_err(|_| ())?;
                    }
                    Ok(())
                },
            );
            if result.is_ok() && !chunk.is_empty() {
                // The writer only hangs up after an error it reports itself.
                drop(sender.send(chunk));
            }
        });
        for batch in receiver {
            for (file, extraction) in batch {
                for warning in &extraction.warnings {
                    on_warning(warning);
                }
                let existing = known.get(&file.rel_path).map(|k| k.id);
                writer.write_note(&file, existing, &extraction)?;
            }
        }
        Ok(())
    })
}

/// The slot of a kind in [`Writer::names`].
fn kind_slot(kind: Kind) -> usize {
    match kind {
        Kind::Person => 0,
        Kind::Interest => 1,
    }
}

/// Prepared statements for one scan's transaction.
struct Writer<'t, 'c> {
    tx: &'t Transaction<'c>,
    /// Name ids by kind ([`kind_slot`]) and canonical name.
    names: [HashMap<String, i64>; 2],
    warnings: usize,
}

impl<'t, 'c> Writer<'t, 'c> {
    fn new(tx: &'t Transaction<'c>) -> rusqlite::Result<Self> {
        let mut names = [HashMap::new(), HashMap::new()];
        let mut stmt = tx.prepare("SELECT id, kind, name FROM names")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let kind = if row.get_ref(1)?.as_str()? == "person" {
                Kind::Person
            } else {
                Kind::Interest
            };
            names[kind_slot(kind)].insert(row.get(2)?, row.get(0)?);
        }
        Ok(Writer {
            tx,
            names,
            warnings: 0,
        })
    }

    fn delete_note(&mut self, id: i64) -> rusqlite::Result<()> {
        self.clear_note(id)?;
        self.tx
            .prepare_cached("DELETE FROM notes WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    fn clear_note(&mut self, id: i64) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "DELETE FROM context WHERE mention_id IN (SELECT id FROM mentions WHERE note_id = ?1)",
            )?
            .execute([id])?;
        self.tx
            .prepare_cached("DELETE FROM mentions WHERE note_id = ?1")?
            .execute([id])?;
        self.tx
            .prepare_cached("DELETE FROM warnings WHERE note_id = ?1")?
            .execute([id])?;
        Ok(())
    }

    fn name_id(&mut self, kind: Kind, name: &str) -> rusqlite::Result<i64> {
        if let Some(id) = self.names[kind_slot(kind)].get(name) {
            return Ok(*id);
        }
        let id = self
            .tx
            .prepare_cached("INSERT INTO names (kind, name) VALUES (?1, ?2) RETURNING id")?
            .query_row(params![kind.as_str(), name], |row| row.get(0))?;
        self.names[kind_slot(kind)].insert(name.to_owned(), id);
        Ok(id)
    }

    fn write_note(
        &mut self,
        file: &NoteFile,
        existing: Option<i64>,
        extraction: &NoteExtraction,
    ) -> rusqlite::Result<()> {
        let date = extraction.date.map(|d| d.format("%Y-%m-%d").to_string());
        let date_source = extraction.date_source.map(|s| s.as_str());
        let size = i64::try_from(file.size).unwrap_or(i64::MAX);
        let note_id = match existing {
            Some(id) => {
                self.clear_note(id)?;
                self.tx
                    .prepare_cached(
                        "UPDATE notes SET size = ?2, mtime_ns = ?3, date = ?4, date_source = ?5 WHERE id = ?1",
                    )?
                    .execute(params![id, size, file.mtime_ns, date, date_source])?;
                id
            }
            None => self
                .tx
                .prepare_cached(
                    "INSERT INTO notes (path, size, mtime_ns, date, date_source) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                )?
                .query_row(
                    params![file.rel_path, size, file.mtime_ns, date, date_source],
                    |row| row.get(0),
                )?,
        };
        let day = extraction.date.map(day_number);
        for mention in &extraction.mentions {
            let name_id = self.name_id(mention.kind, &mention.name)?;
            self.tx
                .prepare_cached(
                    "INSERT INTO mentions (note_id, name_id, line, col, raw, source, day, snippet) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    note_id,
                    name_id,
                    i64::try_from(mention.line).unwrap_or(i64::MAX),
                    i64::try_from(mention.column).unwrap_or(i64::MAX),
                    mention.raw,
                    mention.source.as_str(),
                    day,
                    mention.snippet,
                ])?;
            if mention.kind != Kind::Person {
                continue;
            }
            let mention_id = self.tx.last_insert_rowid();
            for (kind, names) in [
                (Kind::Interest, &mention.interests),
                (Kind::Person, &mention.people),
            ] {
                for name in names {
                    let context_id = self.name_id(kind, name)?;
                    self.tx
                        .prepare_cached(
                            "INSERT INTO context (mention_id, name_id) VALUES (?1, ?2)",
                        )?
                        .execute([mention_id, context_id])?;
                }
            }
        }
        for warning in &extraction.warnings {
            self.warnings += 1;
            self.tx
                .prepare_cached(
                    "INSERT INTO warnings (note_id, path, line, message) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    note_id,
                    warning.path,
                    warning.line.and_then(|l| i64::try_from(l).ok()),
                    warning.message
                ])?;
        }
        Ok(())
    }
}
