//! What a scan must do: the notes to read and to remove, and who is who
//! while it reads them.

use foldhash::HashMap;
use rayon::prelude::*;
use rusqlite::Connection;

use super::affected::{affected_notes, read_again};
use super::compare::Comparison;
use crate::error::Warning;
use crate::identity::{Identity, PersonNote};
use crate::index::VaultRecord;
use crate::index::meta::{stored_fingerprint, stored_vault};
use crate::notes;
use crate::settings::Settings;
use crate::vault::NoteFile;

/// What a scan must do.
pub(super) struct Plan<'n> {
    /// The row ids of the notes to read that the index has, by path.
    pub(super) existing: HashMap<String, i64>,
    /// Notes in the index before the scan (none for a rebuild).
    pub(super) known: usize,
    pub(super) to_read: Vec<&'n NoteFile>,
    /// How many of `to_read` could not be read last time.
    retried: usize,
    pub(super) removed: Vec<i64>,
    /// The person notes among the notes not read again.
    pub(super) unchanged_people: Vec<PersonNote>,
    pub(super) identity: Identity,
    pub(super) identity_warnings: Vec<Warning>,
    pub(super) fingerprint: String,
    /// The changes touch notes the index cannot point to (the settings
    /// changed, or a name once ignored is someone now): every note must
    /// be read again.
    untraceable: bool,
    pub(super) rebuild: bool,
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
    pub(super) fn new(
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
    pub(super) fn worth_rebuilding(&self) -> bool {
        // Notes tried again because they could not be read (a folder of
        // notes without read permission) are no sign that much changed.
        let changed = self.to_read.len() - self.retried;
        self.untraceable || changed > 64 + self.known / 4
    }

    /// Turns the plan into a rebuild: every note read into empty tables.
    pub(super) fn rebuild_all(&mut self, notes: &'n [NoteFile]) {
        self.rebuild = true;
        self.existing.clear();
        self.removed.clear();
        self.unchanged_people.clear();
        self.to_read = notes.iter().collect();
        self.retried = 0;
    }
}

/// Whether a first look (`found`, made without the write lock and without
/// reading any note) shows work: a note added, changed or removed, who is
/// who changed, or an index kept outside the vault was written from
/// another folder.
pub(super) fn needs_scan(
    conn: &Connection,
    found: &Comparison<'_>,
    notes: &[NoteFile],
    settings: &Settings,
) -> rusqlite::Result<bool> {
    if !found.changed.is_empty() || !found.removed.is_empty() {
        return Ok(true);
    }
    // An index kept outside the vault, last written from another folder
    // with the same notes (a copy): nothing to read, but the index must say
    // which vault it answers for.
    if settings.index_outside_vault()
        && !stored_vault(conn)?.is_some_and(|stored| stored.is(&VaultRecord::of(&settings.vault)))
    {
        return Ok(true);
    }
    let fingerprint = quick_fingerprint(notes, settings, found.unchanged_people.clone());
    Ok(stored_fingerprint(conn)?.as_deref() != Some(fingerprint.as_str()))
}

/// The [`fingerprint`] of the identity built from `notes` and `people`,
/// without building all of it (see [`Identity::fingerprint_of`]).
pub(super) fn quick_fingerprint(
    notes: &[NoteFile],
    settings: &Settings,
    people: Vec<PersonNote>,
) -> String {
    let paths = notes.par_iter().map(|f| f.rel_path.as_str());
    fingerprint_with(
        Identity::fingerprint_of(settings.config(), paths, people),
        &settings.extraction_fingerprint(),
    )
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
pub(super) fn fingerprint_with(identity: String, extraction: &str) -> String {
    format!("{identity}-{extraction}")
}
