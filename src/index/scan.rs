//! Bringing the index up to date with the vault, incrementally.
//!
//! A note whose size, modification time and change stamp are unchanged
//! is not read again (one that could not be read for a reason that may
//! clear up is). Notes are extracted on all cores while this thread writes the
//! previous chunk to SQLite, all in one transaction. When who is who
//! changes (a person note or its aliases), or a note comes or goes, the
//! unchanged notes it changes are read again too: those that link to a
//! name whose notes or person changed (the index keeps every note's links)
//! and those that mention someone a spelling no longer names (their
//! posting list). The config's aliases and ignore lists are traced the
//! same way; when other settings change, every note is read again.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, mpsc};
use std::time::Instant;

use chrono::NaiveDate;
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use rusqlite::{
    Connection, OptionalExtension, Statement, Transaction, TransactionBehavior, params,
};
use serde::{Deserialize, Serialize};

use super::facts::{self, StoredMention, StoredNote};
use super::names::{Interner, Names};
use super::postings::{self, PostingsUpdate};
use super::query;
use super::{
    DROP_INDEXES, DROP_TABLES, IDENTITY_KEY, IDENTITY_WARNINGS_KEY, INDEXES, Index, SCHEMA,
    WHO_CONFIG_KEY,
};
use crate::config::Config;
use crate::error::{Error, Warning};
use crate::extract::{ExtractOptions, Kind, SharedExtraction, Source};
use crate::identity::{Identity, IdentityChanges, PersonNote, note_stem};
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
    /// Warnings this scan told.
    pub warnings: usize,
    /// Warnings the index keeps that an earlier scan told and this one did
    /// not: those of notes it did not read again, and who-is-who warnings
    /// that are not new (`kith check` lists them).
    pub earlier_warnings: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Seconds spent in each phase, for `-v`.
    pub phases: Vec<(&'static str, f64)>,
}

/// Days since 1970-01-01, the index's `day` column.
pub fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date")).num_days()
}

/// What a scan tells its caller as it goes.
pub trait ScanEvents {
    /// A warning about one note (or the vault's settings).
    fn warning(&mut self, warning: &Warning);
    /// `done` of `total` notes to read have been written.
    fn progress(&mut self, done: usize, total: usize);
}

/// Brings `index` up to date with the vault (as `walked` found it, else
/// as a walk finds it now); `rebuild` starts afresh. Warnings and progress
/// go to `events`.
pub fn scan(
    index: &mut Index,
    settings: &Settings,
    rebuild: bool,
    walked: Option<Walked>,
    events: &mut dyn ScanEvents,
) -> Result<(ScanSummary, Walked), Error> {
    let started = Instant::now();
    let mut lap = Lap::new();
    // A first look without the write lock, so that a scan with nothing to
    // do (the usual case before a query) never waits for another scan. The
    // index is read while the vault is walked: the walk waits on the
    // kernel, and the two together take little longer than the walk.
    let (walked, first_read) = std::thread::scope(|scope| {
        let conn = index.conn_mut();
        let reader = (!rebuild).then(|| {
            scope.spawn(move || -> rusqlite::Result<(i64, Indexed)> {
                Ok((data_version(conn)?, Indexed::read(conn)?))
            })
        });
        let walked = walked.unwrap_or_else(|| vault::walk(&settings.vault, &settings.walk));
        let read = reader.map(|reader| {
            reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (walked, read)
    });
    lap.mark("walk and read the index");
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
    let first_look = first_read
        .transpose()
        .map_err(err)?
        .map(|(seen_version, indexed)| (compare(indexed, &walked.notes), seen_version));
    let has_work = match &first_look {
        Some((found, _)) => {
            needs_scan(index.conn(), found, &walked.notes, settings).map_err(err)?
        }
        None => true,
    };
    lap.mark("compare with the index");
    let mut written = None;
    if has_work {
        index.set_writing(true).map_err(err)?;
        let mut events = Deduplicated::new(events);
        let mut known = match first_look {
            Some((found, seen_version)) => Known::FirstLook(Box::new(found), seen_version),
            None => Known::Nothing,
        };
        let wrote = loop {
            let outcome = write_changes(
                index,
                &walked.notes,
                settings,
                rebuild,
                std::mem::replace(&mut known, Known::Nothing),
                &mut events,
                &mut lap,
            );
            let outcome = match outcome {
                Ok(outcome) => outcome,
                Err(source) => {
                    // Back to reading, for whoever holds the index next.
                    drop(index.set_writing(false));
                    return Err(busy_or(err(source)));
                }
            };
            match outcome {
                Outcome::Written(written) => break written,
                // A note became or stopped being a person note where no
                // quick look found it: again, knowing who is who.
                Outcome::PeopleDiffer(people) => known = Known::People(people),
            }
        };
        summary.warnings += wrote.warnings;
        summary.reread = wrote.reread;
        summary.removed = wrote.removed;
        index.set_writing(false).map_err(err)?;
        index.names.take();
        written = Some(wrote);
    }

    let (people, interests) = name_counts(index)?;
    summary.people = people;
    summary.interests = interests;
    summary.earlier_warnings = earlier_warnings(index, written.as_ref())?;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.phases = lap.phases;
    Ok((summary, walked))
}

/// What one pass of writing a scan's changes did.
struct Written {
    /// Warnings told (identity and notes).
    warnings: usize,
    /// Of those, the notes' (which the index keeps).
    note_warnings: usize,
    /// Who-is-who warnings met but not told: the last scan that wrote
    /// told them.
    earlier_identity_warnings: usize,
    /// Notes read.
    reread: usize,
    /// Notes removed.
    removed: usize,
}

/// What a pass of [`write_changes`] knows before it starts.
enum Known<'n> {
    /// Nothing yet (the first pass of a rebuild).
    Nothing,
    /// A first look at the index, made without the write lock, and
    /// [`data_version`] then.
    FirstLook(Box<Comparison<'n>>, i64),
    /// Who is who, as the notes read by a first pass showed.
    People(Vec<PersonNote>),
}

/// How a pass of [`write_changes`] ended.
enum Outcome {
    /// Committed.
    Written(Written),
    /// Rolled back: the person notes the extraction found are not the
    /// ones the plan assumed (these are).
    PeopleDiffer(Vec<PersonNote>),
}

/// Plans and writes a scan's changes in one transaction, from what is
/// `known`. Who is who is the people known from a first pass, else what
/// the plan can tell without reading every note; then, if the notes read
/// show other person notes, nothing is committed and they are returned.
fn write_changes(
    index: &mut Index,
    notes: &[NoteFile],
    settings: &Settings,
    rebuild: bool,
    known: Known<'_>,
    events: &mut dyn ScanEvents,
    lap: &mut Lap,
) -> rusqlite::Result<Outcome> {
    let second_pass = matches!(known, Known::People(_));
    let tx = index
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another scan may have committed while this one waited for the lock:
    // then the first look is stale, and the plan compares again.
    let (current, people) = match known {
        Known::FirstLook(found, seen_version) if data_version(&tx)? == seen_version => {
            (*found, None)
        }
        Known::People(people) => (compare(Indexed::read(&tx)?, notes), Some(people)),
        _ => (compare(Indexed::read(&tx)?, notes), None),
    };
    let mut plan = Plan::new(&tx, current, notes, settings, rebuild, people)?;
    // Counted before an automatic rebuild forgets them (`--rebuild` starts
    // from nothing, so nothing was removed).
    let removed = plan.removed.len();
    // Rewriting most of the index row by row is slower than building it
    // afresh with the secondary indexes dropped.
    if !plan.rebuild && plan.worth_rebuilding() {
        plan.rebuild_all(notes);
    }
    lap.mark("wait for the index and plan");
    let bulk = plan.rebuild || plan.known == 0;
    if bulk {
        tx.execute_batch(DROP_INDEXES)?;
    }
    if plan.rebuild {
        // Dropping the tables frees their pages without visiting every
        // row, as `DELETE` would.
        tx.execute_batch(&format!("{DROP_TABLES}\n{SCHEMA}"))?;
    }
    let mut extract = settings.extract.clone();
    extract.identity = Arc::new(plan.identity);
    let names = Interner::load(&tx)?;
    let mut writer = Writer::new(&tx)?;
    for id in &plan.removed {
        writer.delete_note(*id)?;
    }
    write_extractions(
        &mut writer,
        &names,
        &plan.to_read,
        &plan.existing,
        &extract,
        settings.max_file_size,
        events,
    )?;
    lap.mark("read, extract and write notes");
    let mut found = std::mem::take(&mut writer.person_notes);
    found.extend(plan.unchanged_people);
    found.sort_by(|a, b| a.path.cmp(&b.path));
    // Extraction found the person notes the plan assumed (nearly every
    // scan): who is who is as planned, with no fingerprint to compute.
    let as_planned = found == extract.identity.people_notes;
    if !second_pass
        && !as_planned
        && quick_fingerprint(notes, settings, found.clone()) != plan.fingerprint
    {
        // Dropping the transaction rolls it back.
        return Ok(Outcome::PeopleDiffer(found));
    }
    // Who is who is as planned: its warnings are told when new, as a
    // note's are when it is read, not again by every scan that writes (an
    // edit to a daily note would repeat every alias conflict of the
    // vault). A rebuild, which reads everything, tells them all.
    let told_before: HashSet<String> = if bulk {
        HashSet::default()
    } else {
        stored_identity_warnings(&tx)?.into_iter().collect()
    };
    let identity_texts: Vec<String> = plan
        .identity_warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut identity_warnings_told = 0;
    for (warning, text) in plan.identity_warnings.iter().zip(&identity_texts) {
        if !told_before.contains(text) {
            events.warning(warning);
            identity_warnings_told += 1;
        }
    }
    let names_added = names.write_added(&tx)?;
    let (note_warnings, lost_own_list) = writer.finish(bulk)?;
    lap.mark("write posting lists");
    if bulk {
        tx.execute_batch(INDEXES)?;
        lap.mark("create indexes");
    }
    // A name nobody mentions any more is forgotten. Only a new name or a
    // lost list can make one (the check reads a list's row for every name).
    if bulk || names_added > 0 || lost_own_list {
        tx.execute(
            "DELETE FROM names WHERE NOT EXISTS
             (SELECT 1 FROM postings p WHERE p.name_id = names.id AND p.other_id = 0)",
            [],
        )?;
    }
    let mut set_meta = tx.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?;
    set_meta.execute([IDENTITY_KEY, plan.fingerprint.as_str()])?;
    let identity_json = serde_json::to_string(&identity_texts).expect("strings serialize to JSON");
    set_meta.execute([IDENTITY_WARNINGS_KEY, identity_json.as_str()])?;
    let who_config = serde_json::to_string(&WhoConfig::of(settings.config()))
        .expect("strings serialize to JSON");
    set_meta.execute([WHO_CONFIG_KEY, who_config.as_str()])?;
    drop(set_meta);
    tx.commit()?;
    lap.mark("commit");
    Ok(Outcome::Written(Written {
        warnings: identity_warnings_told + note_warnings,
        note_warnings,
        earlier_identity_warnings: identity_texts.len() - identity_warnings_told,
        reread: plan.to_read.len(),
        removed,
    }))
}

/// Passes each distinct warning on once: a scan that must read its notes
/// again meets their warnings again.
struct Deduplicated<'e> {
    events: &'e mut dyn ScanEvents,
    seen: HashSet<(String, Option<usize>, String)>,
}

impl<'e> Deduplicated<'e> {
    fn new(events: &'e mut dyn ScanEvents) -> Self {
        Deduplicated {
            events,
            seen: HashSet::default(),
        }
    }
}

impl ScanEvents for Deduplicated<'_> {
    fn warning(&mut self, warning: &Warning) {
        let key = (warning.path.clone(), warning.line, warning.message.clone());
        if self.seen.insert(key) {
            self.events.warning(warning);
        }
    }

    fn progress(&mut self, done: usize, total: usize) {
        self.events.progress(done, total);
    }
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

/// How the vault's notes differ from the index's.
#[derive(Default)]
struct Comparison<'n> {
    /// Notes new or changed in size, modification time or change stamp,
    /// and notes that could not be read last time.
    changed: Vec<&'n NoteFile>,
    /// How many of `changed` could not be read last time (tried again).
    retried: usize,
    /// The row ids of the changed notes the index has, by path.
    existing: HashMap<String, i64>,
    /// The row ids of notes gone from the vault.
    removed: Vec<i64>,
    /// Their paths.
    removed_paths: Vec<String>,
    /// The person notes among the unchanged notes.
    unchanged_people: Vec<PersonNote>,
    /// The index as it was: who was who is worked out from it.
    earlier: Indexed,
    /// Notes in the index.
    known: usize,
}

/// The index's notes, as a scan compares them with the vault's.
#[derive(Default)]
struct Indexed {
    /// Every note in path order (SQLite's BINARY order is byte order, as
    /// Rust's).
    notes: Vec<IndexedNote>,
    /// The notes' paths, one after the other: one allocation, not one per
    /// note.
    paths: String,
    /// The index's person notes, by path.
    people: HashMap<String, PersonNote>,
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
    fn paths(&self) -> impl Iterator<Item = &str> {
        self.notes.iter().map(|note| &self.paths[note.path.clone()])
    }

    /// Reads them, through the covering `(path, size, mtime_ns,
    /// change_stamp)` index.
    fn read(conn: &Connection) -> rusqlite::Result<Self> {
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
fn compare(indexed: Indexed, notes: &[NoteFile]) -> Comparison<'_> {
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

/// What a scan must do.
struct Plan<'n> {
    /// The row ids of the notes to read that the index has, by path.
    existing: HashMap<String, i64>,
    /// Notes in the index before the scan (none for a rebuild).
    known: usize,
    to_read: Vec<&'n NoteFile>,
    /// How many of `to_read` could not be read last time.
    retried: usize,
    removed: Vec<i64>,
    /// The person notes among the notes not read again.
    unchanged_people: Vec<PersonNote>,
    identity: Identity,
    identity_warnings: Vec<Warning>,
    fingerprint: String,
    /// The changes touch notes the index cannot point to (the settings
    /// changed, or a name once ignored is someone now): every note must
    /// be read again.
    untraceable: bool,
    rebuild: bool,
}

impl<'n> Plan<'n> {
    /// From how the vault differs from the index (`found`): notes to read
    /// (new, changed in size, time or change stamp, or unread last time;
    /// the unchanged notes those changes touch, see [`affected_notes`]; all
    /// of them when that cannot be told) and notes gone. Who is who comes
    /// from `people` when given; else from the index for unchanged notes,
    /// and from a look at the frontmatter of the others that are likely
    /// person notes (in the people folder, or person notes before; all of
    /// them on a first scan): the scan checks this guess against what
    /// extraction finds.
    fn new(
        conn: &Connection,
        mut found: Comparison<'n>,
        notes: &'n [NoteFile],
        settings: &Settings,
        rebuild: bool,
        people: Option<Vec<PersonNote>>,
    ) -> rusqlite::Result<Self> {
        // An index that knows no note yet (a first scan) knows no person
        // note either: every note's frontmatter is looked at, since a
        // person note outside the people folder found only by extraction
        // would make the scan read every note twice.
        let first_scan = found.known == 0;
        if rebuild {
            found.changed = notes.iter().collect();
            found.existing.clear();
            found.removed.clear();
            found.unchanged_people.clear();
            found.known = 0;
            found.retried = 0;
        }
        let people = people.unwrap_or_else(|| {
            let likely: Vec<NoteFile> = found
                .changed
                .iter()
                .filter(|f| {
                    first_scan
                        || settings.config().in_people_folder(&f.rel_path)
                        || found.earlier.people.contains_key(&f.rel_path)
                })
                .map(|f| (*f).clone())
                .collect();
            let mut people = found.unchanged_people.clone();
            people.extend(notes::person_notes(&likely, settings.config()));
            people
        });
        let (identity, identity_warnings) = identity_of(notes, settings, people);
        let fingerprint = fingerprint(&identity, settings);
        // When the index cannot tell which notes the changes touch, every
        // note is read again, which [`Plan::worth_rebuilding`] turns into
        // a rebuild.
        let affected = if found.known > 0 {
            affected_notes(conn, &found, settings, &identity, &fingerprint)?
        } else {
            Some(Vec::new())
        };
        let untraceable = affected.is_none();
        read_again(conn, &affected.unwrap_or_default(), notes, &mut found)?;
        Ok(Plan {
            existing: found.existing,
            known: found.known,
            to_read: found.changed,
            retried: found.retried,
            removed: found.removed,
            unchanged_people: found.unchanged_people,
            identity,
            identity_warnings,
            fingerprint,
            untraceable,
            rebuild,
        })
    }

    /// Whether so much must be read again (every note, when the changes
    /// cannot be traced; or a quarter of them) that a rebuild is faster.
    fn worth_rebuilding(&self) -> bool {
        // Notes tried again because they could not be read (a folder of
        // notes without read permission) are no sign that much changed.
        let changed = self.to_read.len() - self.retried;
        self.untraceable || changed > 64 + self.known / 4
    }

    /// Turns the plan into a rebuild: every note read into empty tables.
    fn rebuild_all(&mut self, notes: &'n [NoteFile]) {
        self.rebuild = true;
        self.existing.clear();
        self.removed.clear();
        self.unchanged_people.clear();
        self.to_read = notes.iter().collect();
        self.retried = 0;
    }
}

/// The row ids of the unchanged notes whose extraction the changes in
/// `found` change: those that link to a name whose notes came or went, or
/// whose person is someone else now, those that mention someone a
/// spelling no longer names or an interest now ignored, and the person
/// notes that declare one. `None` when who is who changed in a way the
/// index cannot trace (see [`identity_changes`]): then every note must be
/// read again.
fn affected_notes(
    conn: &Connection,
    found: &Comparison<'_>,
    settings: &Settings,
    identity: &Identity,
    fingerprint: &str,
) -> rusqlite::Result<Option<Vec<i64>>> {
    let added = found
        .changed
        .iter()
        .filter(|file| !found.existing.contains_key(&file.rel_path))
        .map(|file| file.rel_path.as_str());
    let mut stems: Vec<String> = found
        .removed_paths
        .iter()
        .map(String::as_str)
        .chain(added)
        .map(note_stem)
        .collect();
    let mut changes = IdentityChanges::default();
    let stored = stored_fingerprint(conn)?;
    if stored.as_deref() != Some(fingerprint) {
        let Some(stored) = stored else {
            return Ok(None);
        };
        let Some(traced) = identity_changes(conn, &found.earlier, settings, identity, &stored)?
        else {
            return Ok(None);
        };
        changes = traced;
    }
    stems.append(&mut changes.stems);
    stems.sort_unstable();
    stems.dedup();
    let mut ids = Vec::new();
    let mut linking = conn.prepare("SELECT note_id FROM links WHERE stem = ?1")?;
    for stem in &stems {
        for id in linking.query_map([stem], |row| row.get(0))? {
            ids.push(id?);
        }
    }
    // The names whose notes must be read again: the people some spelling
    // named, and every interest in the index that an interest now ignored
    // takes with it.
    let mut dropped: Vec<(Kind, String)> = changes
        .people
        .into_iter()
        .map(|name| (Kind::Person, name))
        .collect();
    if !changes.interests.is_empty() {
        let mut interests = conn.prepare("SELECT name FROM names WHERE kind = 'interest'")?;
        for name in interests.query_map([], |row| row.get::<_, String>(0))? {
            let name = name?;
            if changes
                .interests
                .iter()
                .any(|ignored| crate::report::is_within(&name, ignored))
            {
                dropped.push((Kind::Interest, name));
            }
        }
    }
    let mut own_list = conn.prepare(
        "SELECT p.entries FROM postings p JOIN names n ON n.id = p.name_id
         WHERE n.kind = ?1 AND n.name = ?2 AND p.other_id = 0",
    )?;
    for (kind, name) in &dropped {
        let entries = own_list
            .query_row([kind.as_str(), name.as_str()], |row| query::entries(row, 0))
            .optional()?;
        ids.extend(entries.iter().flatten().map(|entry| i64::from(entry.note)));
    }
    let mut note_id = conn.prepare("SELECT id FROM notes WHERE path = ?1")?;
    for path in &changes.person_notes {
        ids.extend(
            note_id
                .query_row([path], |row| row.get::<_, i64>(0))
                .optional()?,
        );
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(Some(ids))
}

/// The config's part in who is who, as [`WHO_CONFIG_KEY`] keeps it.
#[derive(Debug, Serialize, Deserialize)]
struct WhoConfig {
    aliases: BTreeMap<String, Vec<String>>,
    ignore_people: Vec<String>,
    ignore_interests: Vec<String>,
}

impl WhoConfig {
    fn of(config: &Config) -> Self {
        WhoConfig {
            aliases: config.aliases.clone(),
            ignore_people: config.ignore_people.clone(),
            ignore_interests: config.ignore_interests.clone(),
        }
    }

    /// `config` with these aliases and ignored names.
    fn applied_to(self, config: &Config) -> Config {
        Config {
            aliases: self.aliases,
            ignore_people: self.ignore_people,
            ignore_interests: self.ignore_interests,
            ..config.clone()
        }
    }
}

/// How who is who changed since the index was written (`stored` is its
/// fingerprint then), if the index can tell. Who was who is rebuilt from
/// the index as the scan found it (`indexed`: its paths and person notes)
/// and the config's aliases and ignore lists it kept, with today's config
/// otherwise; it must have the stored fingerprint, which it has not when
/// other settings changed.
fn identity_changes(
    conn: &Connection,
    indexed: &Indexed,
    settings: &Settings,
    identity: &Identity,
    stored: &str,
) -> rusqlite::Result<Option<IdentityChanges>> {
    let Some(who_config) = meta_json::<WhoConfig>(conn, WHO_CONFIG_KEY)? else {
        return Ok(None);
    };
    let config = who_config.applied_to(settings.config());
    let people = indexed.people.values().cloned().collect();
    let (earlier, _) = identity.earlier(&config, indexed.paths(), people);
    let extraction = settings.extraction_fingerprint_for(&config);
    if fingerprint_with(earlier.fingerprint(), &extraction) != stored {
        return Ok(None);
    }
    Ok(identity.changes_since(&earlier))
}

/// Adds the notes with row `ids` that `found` does not read yet to the
/// notes it reads (ids of notes gone from the vault are passed over).
fn read_again<'n>(
    conn: &Connection,
    ids: &[i64],
    notes: &'n [NoteFile],
    found: &mut Comparison<'n>,
) -> rusqlite::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut path_of = conn.prepare("SELECT path FROM notes WHERE id = ?1")?;
    let mut again: HashSet<String> = HashSet::default();
    for &id in ids {
        let Some(path) = path_of
            .query_row([id], |row| row.get::<_, String>(0))
            .optional()?
        else {
            continue;
        };
        if found.existing.contains_key(&path) {
            continue;
        }
        // The vault's notes are sorted by path (see [`compare`]).
        let Ok(at) = notes.binary_search_by(|file| file.rel_path.as_str().cmp(&path)) else {
            continue;
        };
        found.existing.insert(path.clone(), id);
        found.changed.push(&notes[at]);
        again.insert(path);
    }
    if !again.is_empty() {
        // A person note read again is no longer among the unchanged ones.
        found.unchanged_people.retain(|p| !again.contains(&p.path));
        found
            .changed
            .sort_unstable_by(|a, b| a.rel_path.cmp(&b.rel_path));
    }
    Ok(())
}

/// Whether a first look (`found`, made without the write lock and without
/// reading any note) shows work: a note added, changed or removed, or who
/// is who changed.
fn needs_scan(
    conn: &Connection,
    found: &Comparison<'_>,
    notes: &[NoteFile],
    settings: &Settings,
) -> rusqlite::Result<bool> {
    if !found.changed.is_empty() || !found.removed.is_empty() {
        return Ok(true);
    }
    let fingerprint = quick_fingerprint(notes, settings, found.unchanged_people.clone());
    Ok(stored_fingerprint(conn)?.as_deref() != Some(fingerprint.as_str()))
}

/// The [`fingerprint`] of the identity built from `notes` and `people`,
/// without building all of it (see [`Identity::fingerprint_of`]).
fn quick_fingerprint(notes: &[NoteFile], settings: &Settings, people: Vec<PersonNote>) -> String {
    let paths = notes.par_iter().map(|f| f.rel_path.as_str());
    fingerprint_with(
        Identity::fingerprint_of(settings.config(), paths, people),
        &settings.extraction_fingerprint(),
    )
}

/// SQLite's `data_version`: read twice on the same connection, it differs
/// when another connection committed in between (only then; values read
/// on two connections say nothing). The first look and the plan must use
/// one connection for this to hold.
fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |row| row.get(0))
}

/// Who is who, from the config, the vault's paths and its person notes.
fn identity_of(
    notes: &[NoteFile],
    settings: &Settings,
    people: Vec<PersonNote>,
) -> (Identity, Vec<Warning>) {
    let paths = notes.iter().map(|f| f.rel_path.as_str());
    Identity::new(settings.config(), paths, people)
}

/// The fingerprint of who is who and of the extraction settings.
fn fingerprint(identity: &Identity, settings: &Settings) -> String {
    fingerprint_with(identity.fingerprint(), &settings.extraction_fingerprint())
}

/// The fingerprint of who is who (`identity`) and of the extraction settings.
fn fingerprint_with(identity: String, extraction: &str) -> String {
    format!("{identity}-{extraction}")
}

/// The `meta` value of `key`, if the index has one.
fn meta_value(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
        row.get(0)
    })
    .optional()
}

/// The `meta` value of `key` read as JSON; `None` when it is missing or
/// not what this build writes (an index of an earlier build).
fn meta_json<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    key: &str,
) -> rusqlite::Result<Option<T>> {
    Ok(meta_value(conn, key)?.and_then(|json| serde_json::from_str(&json).ok()))
}

/// The fingerprint the index was built with, if any.
fn stored_fingerprint(conn: &Connection) -> rusqlite::Result<Option<String>> {
    meta_value(conn, IDENTITY_KEY)
}

/// The who-is-who warnings the last scan that wrote met, as text (none
/// for an index that kept none).
fn stored_identity_warnings(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    Ok(meta_json(conn, IDENTITY_WARNINGS_KEY)?.unwrap_or_default())
}

/// How many of the warnings the index keeps this scan did not tell: those
/// of notes it did not read, and those about who is who that a scan before
/// told (all of them, when this one did not write).
fn earlier_warnings(index: &Index, written: Option<&Written>) -> Result<usize, Error> {
    let kept: i64 = index
        .conn()
        .query_row("SELECT count(*) FROM warnings", [], |row| row.get(0))
        .map_err(|e| index.error(e))?;
    let kept = usize::try_from(kept).unwrap_or(0);
    Ok(match written {
        Some(written) => {
            kept.saturating_sub(written.note_warnings) + written.earlier_identity_warnings
        }
        None => {
            let identity = stored_identity_warnings(index.conn()).map_err(|e| index.error(e))?;
            kept + identity.len()
        }
    })
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

/// A note extracted and encoded on a worker, ready to be written.
struct Prepared {
    /// The extraction.
    extraction: SharedExtraction,
    /// The stored form of its mentions ([`StoredNote::encode`]).
    blob: Vec<u8>,
    /// Its mentions per posting list ([`postings::note_counts`]).
    counts: Vec<(postings::Key, u32, u32)>,
    /// Each mention's name id, in order.
    name_ids: Vec<u32>,
}

impl Prepared {
    /// Each mention's name id and spelling.
    fn spellings(&self) -> impl Iterator<Item = (u32, &str)> {
        self.name_ids
            .iter()
            .copied()
            .zip(self.extraction.mentions().map(|m| m.raw))
    }
}

/// Turns an extraction into what the writer stores (on a worker thread).
fn prepare(extraction: SharedExtraction, names: &Interner) -> Prepared {
    let stored = names.with(|names| stored_note(&extraction, names));
    let blob = stored.encode();
    let counts = postings::note_counts(&stored);
    let name_ids = stored.mentions.iter().map(|m| m.name).collect();
    drop(stored);
    Prepared {
        extraction,
        blob,
        counts,
        name_ids,
    }
}

/// A note's mentions in their stored form, names as ids.
fn stored_note<'e>(extraction: &'e SharedExtraction, names: &mut Names) -> StoredNote<'e> {
    let mut note = StoredNote::default();
    let mut snippet_ids: HashMap<&str, u32> = HashMap::default();
    for mention in extraction.mentions() {
        let name = names.id(mention.kind, mention.name);
        // Only a person's mentions are asked about their context.
        let mut context = Vec::new();
        if mention.kind == Kind::Person {
            context.extend(
                mention
                    .interests
                    .map(|other| names.id(Kind::Interest, other)),
            );
            context.extend(mention.people.map(|other| names.id(Kind::Person, other)));
        }
        let next = u32::try_from(note.snippets.len()).unwrap_or(u32::MAX);
        let snippet = *snippet_ids.entry(mention.snippet).or_insert_with(|| {
            note.snippets.push(mention.snippet);
            next
        });
        note.mentions.push(StoredMention {
            name,
            line: u32::try_from(mention.line).unwrap_or(u32::MAX),
            column: u32::try_from(mention.column).unwrap_or(u32::MAX),
            raw: mention.raw,
            frontmatter: mention.source == Source::Frontmatter,
            snippet,
            context,
        });
    }
    note
}

/// Extracts and encodes `to_read` on other threads, chunk by chunk, while
/// this thread writes each finished chunk.
fn write_extractions(
    writer: &mut Writer<'_>,
    names: &Interner,
    to_read: &[&NoteFile],
    existing: &HashMap<String, i64>,
    extract: &ExtractOptions,
    max_file_size: u64,
    events: &mut dyn ScanEvents,
) -> rusqlite::Result<()> {
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<(NoteFile, Prepared)>>(4);
        let files = to_read;
        scope.spawn(move || {
            let mut chunk = Vec::new();
            // `map_all` hands over notes in order, a parallel chunk at a
            // time; forward them in batches so the writer keeps pace.
            let result: Result<(), ()> = notes::map_all(
                files,
                extract,
                max_file_size,
                |_, extraction| prepare(extraction, names),
                |file, prepared| {
                    chunk.push((file.clone(), prepared));
                    if chunk.len() >= 128 {
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
        let total = to_read.len();
        let mut done = 0;
        for batch in receiver {
            for (file, prepared) in batch {
                for warning in &prepared.extraction.warnings {
                    events.warning(warning);
                }
                let id = existing.get(&file.rel_path).copied();
                writer.write_note(&file, id, &prepared)?;
                done += 1;
            }
            events.progress(done, total);
        }
        Ok(())
    })
}

/// One scan's writes, with its statements prepared once.
struct Writer<'t> {
    tx: &'t Transaction<'t>,
    /// The posting lists and spellings the scan changes.
    postings: PostingsUpdate,
    /// The person notes among the notes written.
    person_notes: Vec<PersonNote>,
    warnings: usize,
    insert_note: Statement<'t>,
    update_note: Statement<'t>,
    touch_note: Statement<'t>,
    select_mentions: Statement<'t>,
    upsert_mentions: Statement<'t>,
    insert_warning: Statement<'t>,
    insert_link: Statement<'t>,
    delete_links: Statement<'t>,
    delete_mentions: Statement<'t>,
    delete_warnings: Statement<'t>,
    delete_note: Statement<'t>,
}

impl<'t> Writer<'t> {
    fn new(tx: &'t Transaction<'_>) -> rusqlite::Result<Self> {
        Ok(Writer {
            tx,
            postings: PostingsUpdate::default(),
            person_notes: Vec::new(),
            warnings: 0,
            insert_note: tx.prepare(
                "INSERT INTO notes (path, size, mtime_ns, change_stamp, date, day, date_source, person_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            update_note: tx.prepare(
                "UPDATE notes SET size = ?2, mtime_ns = ?3, change_stamp = ?4, date = ?5, day = ?6, date_source = ?7, person_note = ?8 WHERE id = ?1",
            )?,
            touch_note: tx.prepare(
                "UPDATE notes SET size = ?2, mtime_ns = ?3, change_stamp = ?4 WHERE id = ?1",
            )?,
            select_mentions: tx.prepare(
                "SELECT m.mentions, n.date, n.day, n.date_source, n.person_note
                 FROM note_mentions m JOIN notes n ON n.id = m.note_id
                 WHERE m.note_id = ?1",
            )?,
            upsert_mentions: tx
                .prepare("INSERT OR REPLACE INTO note_mentions (note_id, mentions) VALUES (?1, ?2)")?,
            insert_warning: tx.prepare("INSERT INTO warnings (note_id, path, line, message, kind) VALUES (?1, ?2, ?3, ?4, ?5)")?,
            insert_link: tx.prepare("INSERT INTO links (note_id, stem) VALUES (?1, ?2)")?,
            delete_links: tx.prepare("DELETE FROM links WHERE note_id = ?1")?,
            delete_mentions: tx.prepare("DELETE FROM note_mentions WHERE note_id = ?1")?,
            delete_warnings: tx.prepare("DELETE FROM warnings WHERE note_id = ?1")?,
            delete_note: tx.prepare("DELETE FROM notes WHERE id = ?1")?,
        })
    }

    fn delete_note(&mut self, id: i64) -> rusqlite::Result<()> {
        self.clear_note(id)?;
        self.delete_mentions.execute([id])?;
        self.delete_note.execute([id])?;
        Ok(())
    }

    /// Takes a note's stored mentions out of the posting lists, and its
    /// warnings and links out of the index; returns what its row said of
    /// it.
    fn clear_note(&mut self, id: i64) -> rusqlite::Result<Option<NoteRow>> {
        let stored: Option<(Vec<u8>, NoteRow)> = self
            .select_mentions
            .query_row([id], |row| {
                let note = NoteRow {
                    date: row.get(1)?,
                    day: row.get(2)?,
                    date_source: row.get(3)?,
                    person_note: row.get(4)?,
                };
                Ok((row.get(0)?, note))
            })
            .optional()?;
        self.delete_warnings.execute([id])?;
        self.delete_links.execute([id])?;
        let Some((bytes, row)) = stored else {
            return Ok(None);
        };
        // A blob that does not decode is a damaged index: stop, rather
        // than leave the note's entries in the posting lists for good.
        let note = StoredNote::decode(&bytes).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, Box::new(e))
        })?;
        self.postings
            .remove_note(note_id(id), facts::entry_day(row.day), &note);
        Ok(Some(row))
    }

    fn write_note(
        &mut self,
        file: &NoteFile,
        existing: Option<i64>,
        prepared: &Prepared,
    ) -> rusqlite::Result<()> {
        let extraction = &prepared.extraction;
        let row = NoteRow {
            date: extraction.date.map(|d| d.format("%Y-%m-%d").to_string()),
            day: extraction.date.map(day_number),
            date_source: extraction.date_source.map(|s| s.as_str().to_owned()),
            person_note: extraction
                .person_note
                .as_ref()
                .and_then(|note| serde_json::to_string(note).ok()),
        };
        // A note that could not be read is stored with no size, so that
        // the next scan reads it again (and says why, if it still fails).
        let size = if extraction.unread {
            -1
        } else {
            i64::try_from(file.size).unwrap_or(i64::MAX)
        };
        let id = match existing {
            Some(id) => {
                if self.clear_note(id)?.as_ref() == Some(&row) {
                    // Only the size and time change: the note keeps its
                    // place in the indexes by day and of person notes,
                    // whose pages are then left as they are.
                    self.touch_note
                        .execute(params![id, size, file.mtime_ns, file.change_stamp])?;
                } else {
                    self.update_note.execute(params![
                        id,
                        size,
                        file.mtime_ns,
                        file.change_stamp,
                        row.date,
                        row.day,
                        row.date_source,
                        row.person_note
                    ])?;
                }
                id
            }
            None => self.insert_note.insert(params![
                file.rel_path,
                size,
                file.mtime_ns,
                file.change_stamp,
                row.date,
                row.day,
                row.date_source,
                row.person_note
            ])?,
        };
        if extraction.generated {
            // No mentions row: a note of its period only counts with one
            // (see `notes_between`).
            self.delete_mentions.execute([id])?;
        } else {
            self.upsert_mentions.execute(params![id, prepared.blob])?;
        }
        for stem in &extraction.link_stems {
            self.insert_link.execute(params![id, stem])?;
        }
        if let Some(person) = &extraction.person_note {
            self.person_notes.push(person.clone());
        }
        self.postings.add_note(
            note_id(id),
            facts::entry_day(row.day),
            &prepared.counts,
            prepared.spellings(),
        );
        for warning in &extraction.warnings {
            self.warnings += 1;
            self.insert_warning.execute(params![
                id,
                warning.path,
                warning.line.and_then(|l| i64::try_from(l).ok()),
                warning.message,
                warning.kind.as_str()
            ])?;
        }
        Ok(())
    }

    /// Writes the posting lists and spellings the scan changed; says how
    /// many warnings the notes met, and whether a name lost its own list.
    fn finish(self, fresh: bool) -> rusqlite::Result<(usize, bool)> {
        let Writer {
            tx,
            postings,
            warnings,
            ..
        } = self;
        let lost_own_list = postings.write(tx, fresh)?;
        Ok((warnings, lost_own_list))
    }
}

/// A note's row in `notes` besides its path, size and time.
#[derive(Debug, PartialEq, Eq)]
struct NoteRow {
    date: Option<String>,
    day: Option<i64>,
    date_source: Option<String>,
    person_note: Option<String>,
}

/// A row id as the index's posting lists keep it (ids stay far below
/// `u32::MAX`: one per note or name).
fn note_id(id: i64) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first look is reused only while nobody else wrote the index:
    /// [`data_version`] moves with another connection's commit, not with
    /// this connection's own.
    #[test]
    fn data_version_moves_only_with_other_writers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.sqlite");
        let mine = Connection::open(&path).unwrap();
        mine.execute_batch("CREATE TABLE t (x)").unwrap();
        let before = data_version(&mine).unwrap();
        mine.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert_eq!(data_version(&mine).unwrap(), before);

        let other = Connection::open(&path).unwrap();
        other.execute("INSERT INTO t VALUES (2)", []).unwrap();
        assert_ne!(data_version(&mine).unwrap(), before);
    }
}
