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

mod affected;
mod compare;
mod plan;
mod write;

use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use foldhash::HashSet;
use rusqlite::{Connection, TransactionBehavior};

use self::affected::WhoConfig;
use self::compare::{Comparison, Indexed, compare};
use self::plan::{Plan, needs_scan, quick_fingerprint};
use self::write::{Writer, write_extractions};
use super::meta::{stored_identity_warnings, stored_walk_warnings, walk_warnings_json};
use super::names::Interner;
use super::{
    DROP_INDEXES, DROP_TABLES, IDENTITY_KEY, IDENTITY_WARNINGS_KEY, INDEXES, Index, SCHEMA,
    VAULT_KEY, VaultRecord, WALK_WARNINGS_KEY, WHO_CONFIG_KEY,
};
use crate::error::{Error, Warning};
use crate::extract::tag::interest_and_parents;
use crate::identity::PersonNote;
use crate::settings::Settings;
use crate::vault::Walked;

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
        let walked = walked.unwrap_or_else(|| settings.walk_vault());
        let read = reader.map(|reader| {
            reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (walked, read)
    });
    lap.mark("walk and read the index");
    let path = index.path().to_path_buf();
    let err = |source| Error::QueryIndex {
        path: path.clone(),
        source,
    };
    let mut summary = ScanSummary {
        seen: walked.notes.len(),
        ..ScanSummary::default()
    };
    // What the walk met is told when new, as a note's warnings are when it
    // is read, not again by every scan (a name that is not UTF-8 would be
    // told by every question); `--rebuild` tells it all.
    let walk_texts: Vec<String> = walked.warnings.iter().map(ToString::to_string).collect();
    let walk_told: HashSet<String> = if rebuild {
        HashSet::default()
    } else {
        stored_walk_warnings(index.conn())
            .map_err(err)?
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    let mut walk_told_before = 0;
    for (warning, text) in walked.warnings.iter().zip(&walk_texts) {
        if walk_told.contains(text) {
            walk_told_before += 1;
        } else {
            events.warning(warning);
            summary.warnings += 1;
        }
    }
    // A change is written down, so that what comes back is told again.
    let walk_changed = walk_texts.iter().cloned().collect::<HashSet<_>>() != walk_told;

    let first_look = first_read
        .transpose()
        .map_err(err)?
        .map(|(seen_version, indexed)| (compare(indexed, &walked.notes), seen_version));
    let has_work = walk_changed
        || match &first_look {
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
                &walked,
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
    summary.earlier_warnings = earlier_warnings(index, written.as_ref())? + walk_told_before;
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
    walked: &Walked,
    settings: &Settings,
    rebuild: bool,
    known: Known<'_>,
    events: &mut dyn ScanEvents,
    lap: &mut Lap,
) -> rusqlite::Result<Outcome> {
    let notes = &walked.notes;
    let second_pass = matches!(known, Known::People(_));
    let tx = index
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another scan may have committed while this one waited for the lock:
    // then the first look is stale, and the plan compares again.
    // `--rebuild` starts afresh, whatever the old rows hold (what they say
    // only spares work).
    let read_indexed = || match Indexed::read(&tx) {
        Err(_) if rebuild => Ok(Indexed::default()),
        read => read,
    };
    let (current, people) = match known {
        Known::FirstLook(found, seen_version) if data_version(&tx)? == seen_version => {
            (*found, None)
        }
        Known::People(people) => (compare(read_indexed()?, notes), Some(people)),
        _ => (compare(read_indexed()?, notes), None),
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
    set_meta.execute([
        WALK_WARNINGS_KEY,
        walk_warnings_json(&walked.warnings).as_str(),
    ])?;
    let who_config = serde_json::to_string(&WhoConfig::of(settings.config()))
        .expect("strings serialize to JSON");
    set_meta.execute([WHO_CONFIG_KEY, who_config.as_str()])?;
    let vault = serde_json::to_string(&VaultRecord::of(&settings.vault))
        .expect("strings serialize to JSON");
    set_meta.execute([VAULT_KEY, vault.as_str()])?;
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

/// SQLite's `data_version`: read twice on the same connection, it differs
/// when another connection committed in between (only then; values read
/// on two connections say nothing). The first look and the plan must use
/// one connection for this to hold.
fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |row| row.get(0))
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

/// How many people and interests the index counts, as `people` and
/// `interests` list them: names mentioned at least once, and for interests
/// the parents of nested tags too (`travel` of `travel/asia`).
fn name_counts(index: &Index) -> Result<(usize, usize), Error> {
    let mut people = 0;
    let mut interests: HashSet<String> = HashSet::default();
    index.each_row(
        "SELECT n.kind, n.name FROM names n
             JOIN postings p ON p.name_id = n.id AND p.other_id = 0
             WHERE p.mentions > 0",
        [],
        |row| {
            if row.get_ref(0)?.as_str()? == "person" {
                people += 1;
            } else {
                let name = row.get_ref(1)?.as_str()?;
                for interest in interest_and_parents(name) {
                    if !interests.contains(interest) {
                        interests.insert(interest.to_owned());
                    }
                }
            }
            Ok(())
        },
    )?;
    Ok((people, interests.len()))
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
