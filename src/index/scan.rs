//! Bringing the index up to date with the vault, incrementally.
//!
//! A note whose size and modification time are unchanged is not read
//! again. Notes are extracted on all cores while this thread writes the
//! previous chunk to SQLite, all in one transaction. When who is who
//! changes (a person note, an alias or an ignored name), every note is read
//! again, since any of them may name that person.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, mpsc};
use std::time::Instant;

use chrono::NaiveDate;
use rusqlite::{
    Connection, OptionalExtension, Statement, Transaction, TransactionBehavior, params,
};

use super::{DROP_INDEXES, INDEXES, Index, SCHEMA};
use crate::error::{Error, Warning};
use crate::extract::{ExtractOptions, Kind, NoteExtraction};
use crate::identity::{Identity, PersonNote};
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
    /// Seconds spent in each phase, for `-v`.
    pub phases: Vec<(&'static str, f64)>,
}

/// Days since 1970-01-01, the index's `day` column.
pub fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date")).num_days()
}

/// The `meta` key of the fingerprint of who is who and of the settings
/// that change extraction.
const IDENTITY_KEY: &str = "identity";

/// What a scan tells its caller as it goes.
pub trait ScanEvents {
    /// A warning about one note (or the vault's settings).
    fn warning(&mut self, warning: &Warning);
    /// `done` of `total` notes to read have been written.
    fn progress(&mut self, done: usize, total: usize);
}

/// Brings `index` up to date with the vault; `rebuild` starts afresh.
/// Warnings and progress go to `events`.
pub fn scan(
    index: &mut Index,
    settings: &Settings,
    rebuild: bool,
    events: &mut dyn ScanEvents,
) -> Result<(ScanSummary, Walked), Error> {
    let started = Instant::now();
    let mut lap = Lap::new();
    let walked = vault::walk(&settings.vault, &settings.walk);
    lap.mark("walk");
    let mut summary = ScanSummary {
        seen: walked.notes.len(),
        warnings: walked.warnings.len(),
        ..ScanSummary::default()
    };
    for warning in &walked.warnings {
        events.warning(warning);
    }

    let path = index.path().to_path_buf();
    let err = |source| Error::QueryIndex {
        path: path.clone(),
        source,
    };
    // A first look without the write lock, so that a scan with nothing to
    // do (the usual case before a query) never waits for another scan.
    let has_work = rebuild
        || Plan::new(index.conn(), &walked.notes, settings, false)
            .map_err(err)?
            .has_work();
    lap.mark("compare with the index");
    if has_work {
        // Writing through a memory map would keep every page of the file
        // resident: a scan reads little of the old index, so it goes
        // without (queries map it again below).
        index.set_mmap(false).map_err(err)?;
        let tx = index
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| busy_or(err(source)))?;
        // Another scan may have committed while this one waited for the
        // lock: plan again against what is now there.
        let mut plan = Plan::new(&tx, &walked.notes, settings, rebuild).map_err(err)?;
        // Rewriting most of the index row by row is slower than building it
        // afresh with the secondary indexes dropped.
        let removed = plan.removed.len();
        if !plan.rebuild && plan.worth_rebuilding() {
            plan = Plan::new(&tx, &walked.notes, settings, true).map_err(err)?;
        }
        let rebuild = plan.rebuild;
        lap.mark("wait for the index and plan");
        for warning in &plan.identity_warnings {
            events.warning(warning);
        }
        summary.warnings += plan.identity_warnings.len();
        summary.reread = plan.to_read.len();
        summary.removed = removed;
        let bulk = rebuild || plan.known.is_empty();
        if bulk {
            tx.execute_batch(DROP_INDEXES).map_err(err)?;
        }
        if rebuild {
            // Dropping the tables frees their pages without visiting every
            // row, as `DELETE` would.
            tx.execute_batch(&format!(
                "DROP TABLE context; DROP TABLE mentions; DROP TABLE warnings; DROP TABLE names; DROP TABLE notes; DROP TABLE meta;\n{SCHEMA}"
            ))
            .map_err(err)?;
        }
        let mut extract = settings.extract.clone();
        extract.identity = Arc::new(plan.identity);
        let mut writer = Writer::new(&tx).map_err(err)?;
        for id in &plan.removed {
            writer.delete_note(*id).map_err(err)?;
        }
        let result = write_extractions(
            &mut writer,
            &plan.to_read,
            &plan.known,
            &extract,
            settings.max_file_size,
            events,
        );
        summary.warnings += writer.warnings;
        drop(writer);
        result.map_err(err)?;
        lap.mark("read, extract and write notes");
        if bulk {
            tx.execute_batch(INDEXES).map_err(err)?;
            lap.mark("create indexes");
        }
        tx.execute(
            "DELETE FROM names WHERE NOT EXISTS (SELECT 1 FROM mentions WHERE mentions.name_id = names.id)",
            [],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            [IDENTITY_KEY, plan.fingerprint.as_str()],
        )
        .map_err(err)?;
        tx.commit().map_err(|source| busy_or(err(source)))?;
        lap.mark("commit");
        index.set_mmap(true).map_err(err)?;
    }

    let (people, interests) = name_counts(index)?;
    summary.people = people;
    summary.interests = interests;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.phases = lap.phases;
    Ok((summary, walked))
}

/// Times the phases of a scan.
struct Lap {
    last: Instant,
    phases: Vec<(&'static str, f64)>,
}

impl Lap {
    fn new() -> Self {
        Lap {
            last: Instant::now(),
            phases: Vec::new(),
        }
    }

    /// Ends the phase called `name`.
    fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, (now - self.last).as_secs_f64()));
        self.last = now;
    }
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

/// A note as the index knows it.
struct Known {
    id: i64,
    size: u64,
    mtime_ns: i64,
    person_note: Option<PersonNote>,
}

/// What a scan must do.
struct Plan<'n> {
    known: HashMap<String, Known>,
    to_read: Vec<&'n NoteFile>,
    removed: Vec<i64>,
    identity: Identity,
    identity_warnings: Vec<Warning>,
    fingerprint: String,
    identity_changed: bool,
    rebuild: bool,
}

impl<'n> Plan<'n> {
    /// Compares the vault with the index: notes to read (new or changed in
    /// size or modification time; all of them when who is who changed) and
    /// notes gone; all notes when who is who or the settings changed. Person
    /// notes are learned from the index for unchanged
    /// notes and from a quick look at the others.
    fn new(
        conn: &Connection,
        notes: &'n [NoteFile],
        settings: &Settings,
        rebuild: bool,
    ) -> rusqlite::Result<Self> {
        let known = if rebuild {
            HashMap::new()
        } else {
            known_notes(conn)?
        };
        let mut to_read: Vec<&NoteFile> = notes
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

        let reading: HashSet<&str> = to_read.iter().map(|f| f.rel_path.as_str()).collect();
        let mut people: Vec<PersonNote> = known
            .iter()
            .filter(|(path, _)| present.contains(path.as_str()) && !reading.contains(path.as_str()))
            .filter_map(|(_, k)| k.person_note.clone())
            .collect();
        let fresh: Vec<NoteFile> = to_read.iter().map(|f| (*f).clone()).collect();
        people.extend(notes::person_notes(&fresh, settings.config()));
        let paths = notes.iter().map(|f| f.rel_path.as_str());
        let (identity, identity_warnings) = Identity::new(settings.config(), paths, people);
        let fingerprint = format!(
            "{}-{}",
            identity.fingerprint(),
            settings.extraction_fingerprint()
        );
        let stored: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [IDENTITY_KEY],
                |row| row.get(0),
            )
            .optional()?;
        let identity_changed = !known.is_empty() && stored.as_deref() != Some(fingerprint.as_str());
        if identity_changed {
            to_read = notes.iter().collect();
        }
        Ok(Plan {
            known,
            to_read,
            removed,
            identity,
            identity_warnings,
            fingerprint,
            identity_changed,
            rebuild,
        })
    }

    /// Whether so much must be read again (every note, when who is who
    /// changed; or a quarter of them) that a rebuild is faster.
    fn worth_rebuilding(&self) -> bool {
        self.identity_changed || self.to_read.len() > 64 + self.known.len() / 4
    }

    fn has_work(&self) -> bool {
        self.rebuild
            || self.identity_changed
            || !self.to_read.is_empty()
            || !self.removed.is_empty()
    }
}

fn known_notes(conn: &Connection) -> rusqlite::Result<HashMap<String, Known>> {
    let mut stmt = conn.prepare("SELECT id, path, size, mtime_ns, person_note FROM notes")?;
    let rows = stmt.query_map([], |row| {
        let person_note: Option<String> = row.get(4)?;
        Ok((
            row.get::<_, String>(1)?,
            Known {
                id: row.get(0)?,
                size: row.get::<_, i64>(2)?.try_into().unwrap_or(u64::MAX),
                mtime_ns: row.get(3)?,
                person_note: person_note.and_then(|json| serde_json::from_str(&json).ok()),
            },
        ))
    })?;
    rows.collect()
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
    writer: &mut Writer<'_>,
    to_read: &[&NoteFile],
    known: &HashMap<String, Known>,
    extract: &ExtractOptions,
    max_file_size: u64,
    events: &mut dyn ScanEvents,
) -> rusqlite::Result<()> {
    let owned: Vec<NoteFile> = to_read.iter().map(|f| (*f).clone()).collect();
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<(NoteFile, NoteExtraction)>>(4);
        let files = &owned;
        scope.spawn(move || {
            let mut chunk = Vec::new();
            // `extract_all` hands over notes in order, a parallel chunk at a
            // time; forward them in batches so the writer keeps pace.
            let result: Result<(), ()> =
                notes::extract_all(files, extract, max_file_size, |file, extraction| {
                    chunk.push((file.clone(), extraction));
                    if chunk.len() >= 128 {
                        sender.send(std::mem::take(&mut chunk)).map_err(|_| ())?;
                    }
                    Ok(())
                });
            if result.is_ok() && !chunk.is_empty() {
                // The writer only hangs up after an error it reports itself.
                drop(sender.send(chunk));
            }
        });
        let total = owned.len();
        let mut done = 0;
        for batch in receiver {
            for (file, extraction) in batch {
                for warning in &extraction.warnings {
                    events.warning(warning);
                }
                let existing = known.get(&file.rel_path).map(|k| k.id);
                writer.write_note(&file, existing, &extraction)?;
                done += 1;
            }
            events.progress(done, total);
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

/// Context rows written by one statement, at most.
const CONTEXT_BATCH: usize = 64;

/// One scan's writes, with its statements prepared once.
struct Writer<'t> {
    tx: &'t Transaction<'t>,
    /// Name ids by kind ([`kind_slot`]) and canonical name.
    names: [HashMap<String, i64>; 2],
    warnings: usize,
    insert_name: Statement<'t>,
    insert_note: Statement<'t>,
    update_note: Statement<'t>,
    insert_mention: Statement<'t>,
    insert_warning: Statement<'t>,
    delete_context: Statement<'t>,
    delete_mentions: Statement<'t>,
    delete_warnings: Statement<'t>,
    delete_note: Statement<'t>,
}

impl<'t> Writer<'t> {
    fn new(tx: &'t Transaction<'_>) -> rusqlite::Result<Self> {
        let mut names = [HashMap::new(), HashMap::new()];
        {
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
        }
        Ok(Writer {
            tx,
            names,
            warnings: 0,
            insert_name: tx.prepare("INSERT INTO names (kind, name) VALUES (?1, ?2)")?,
            insert_note: tx.prepare(
                "INSERT INTO notes (path, size, mtime_ns, date, date_source, person_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            update_note: tx.prepare(
                "UPDATE notes SET size = ?2, mtime_ns = ?3, date = ?4, date_source = ?5, person_note = ?6 WHERE id = ?1",
            )?,
            insert_mention: tx.prepare(
                "INSERT INTO mentions (note_id, name_id, line, col, raw, source, day, snippet) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            insert_warning: tx.prepare("INSERT INTO warnings (note_id, path, line, message) VALUES (?1, ?2, ?3, ?4)")?,
            delete_context: tx.prepare("DELETE FROM context WHERE note_id = ?1")?,
            delete_mentions: tx.prepare("DELETE FROM mentions WHERE note_id = ?1")?,
            delete_warnings: tx.prepare("DELETE FROM warnings WHERE note_id = ?1")?,
            delete_note: tx.prepare("DELETE FROM notes WHERE id = ?1")?,
        })
    }

    /// Inserts context rows, many to a statement: one statement a row costs
    /// more than the row.
    fn insert_context_rows(&mut self, rows: &[[i64; 3]]) -> rusqlite::Result<()> {
        for batch in rows.chunks(CONTEXT_BATCH) {
            let mut sql =
                String::from("INSERT INTO context (note_id, mention_id, name_id) VALUES ");
            for i in 0..batch.len() {
                sql.push_str(if i == 0 { "(?,?,?)" } else { ",(?,?,?)" });
            }
            self.tx
                .prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(batch.iter().flatten()))?;
        }
        Ok(())
    }

    fn delete_note(&mut self, id: i64) -> rusqlite::Result<()> {
        self.clear_note(id)?;
        self.delete_note.execute([id])?;
        Ok(())
    }

    fn clear_note(&mut self, id: i64) -> rusqlite::Result<()> {
        self.delete_context.execute([id])?;
        self.delete_mentions.execute([id])?;
        self.delete_warnings.execute([id])?;
        Ok(())
    }

    fn name_id(&mut self, kind: Kind, name: &str) -> rusqlite::Result<i64> {
        if let Some(id) = self.names[kind_slot(kind)].get(name) {
            return Ok(*id);
        }
        let id = self.insert_name.insert(params![kind.as_str(), name])?;
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
        let person_note = extraction
            .person_note
            .as_ref()
            .and_then(|note| serde_json::to_string(note).ok());
        let note_id = match existing {
            Some(id) => {
                self.clear_note(id)?;
                self.update_note.execute(params![
                    id,
                    size,
                    file.mtime_ns,
                    date,
                    date_source,
                    person_note
                ])?;
                id
            }
            None => self.insert_note.insert(params![
                file.rel_path,
                size,
                file.mtime_ns,
                date,
                date_source,
                person_note
            ])?,
        };
        let day = extraction.date.map(day_number);
        let mut context: Vec<[i64; 3]> = Vec::new();
        for mention in &extraction.mentions {
            let name_id = self.name_id(mention.kind, &mention.name)?;
            let mention_id = self.insert_mention.insert(params![
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
            for (kind, names) in [
                (Kind::Interest, &mention.interests),
                (Kind::Person, &mention.people),
            ] {
                for name in names {
                    let context_id = self.name_id(kind, name)?;
                    context.push([note_id, mention_id, context_id]);
                }
            }
        }
        self.insert_context_rows(&context)?;
        for warning in &extraction.warnings {
            self.warnings += 1;
            self.insert_warning.execute(params![
                note_id,
                warning.path,
                warning.line.and_then(|l| i64::try_from(l).ok()),
                warning.message
            ])?;
        }
        Ok(())
    }
}
