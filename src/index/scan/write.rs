//! Writing a scan's notes: extracted on worker threads, written by this
//! one, each note's rows, links and warnings, and its share of the posting
//! lists.

use std::sync::mpsc;

use foldhash::HashMap;
use rusqlite::{OptionalExtension, Statement, ToSql, Transaction, params};

use super::{ScanEvents, day_number};
use crate::extract::{ExtractOptions, Kind, SharedExtraction, Source};
use crate::identity::PersonNote;
use crate::index::facts::{self, StoredMention, StoredNote};
use crate::index::names::{Interner, Names};
use crate::index::postings::{self, PostingsUpdate};
use crate::notes;
use crate::vault::NoteFile;

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
pub(super) fn write_extractions(
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
pub(super) struct Writer<'t> {
    tx: &'t Transaction<'t>,
    /// The posting lists and spellings the scan changes.
    postings: PostingsUpdate,
    /// The person notes among the notes written.
    pub(super) person_notes: Vec<PersonNote>,
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
    pub(super) fn new(tx: &'t Transaction<'_>) -> rusqlite::Result<Self> {
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

    pub(super) fn delete_note(&mut self, id: i64) -> rusqlite::Result<()> {
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
                    self.update_note.execute(row.values(&id, &size, file))?;
                }
                id
            }
            None => self
                .insert_note
                .insert(row.values(&file.rel_path, &size, file))?,
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
    pub(super) fn finish(self, fresh: bool) -> rusqlite::Result<(usize, bool)> {
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

impl NoteRow {
    /// The values `insert_note` and `update_note` take, in their order:
    /// the row's key (the path to insert, the id to update), its size and
    /// times, then this.
    fn values<'a>(
        &'a self,
        key: &'a dyn ToSql,
        size: &'a i64,
        file: &'a NoteFile,
    ) -> [&'a dyn ToSql; 8] {
        [
            key,
            size,
            &file.mtime_ns,
            &file.change_stamp,
            &self.date,
            &self.day,
            &self.date_source,
            &self.person_note,
        ]
    }
}

/// A row id as the index's posting lists keep it (ids stay far below
/// `u32::MAX`: one per note or name).
fn note_id(id: i64) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}
