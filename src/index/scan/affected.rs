//! Which unchanged notes a scan must read again because who is who
//! changed: traced through the links and posting lists the index keeps.

use std::collections::BTreeMap;

use foldhash::HashSet;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::compare::{Comparison, Indexed};
use super::plan::fingerprint_with;
use crate::config::Config;
use crate::extract::Kind;
use crate::identity::{Identity, IdentityChanges, note_stem};
use crate::index::meta::{meta_json, stored_fingerprint};
use crate::index::{WHO_CONFIG_KEY, query};
use crate::settings::Settings;
use crate::vault::NoteFile;

/// The row ids of the unchanged notes whose extraction the changes in
/// `found` change: those that link to a name whose notes came or went, or
/// whose person is someone else now, those that mention someone a
/// spelling no longer names or an interest now ignored, and the person
/// notes that declare one. `None` when who is who changed in a way the
/// index cannot trace (see [`identity_changes`]): then every note must be
/// read again.
pub(super) fn affected_notes(
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
pub(super) struct WhoConfig {
    aliases: BTreeMap<String, Vec<String>>,
    ignore_people: Vec<String>,
    ignore_interests: Vec<String>,
}

impl WhoConfig {
    pub(super) fn of(config: &Config) -> Self {
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
pub(super) fn read_again<'n>(
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
