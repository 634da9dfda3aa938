//! Every read of the index. No SQL lives outside `src/index/`.
//!
//! Counts and strengths come from posting lists (one row per name, or per
//! person and context name); a mention itself — its line, spelling and
//! snippet — comes from its note's stored mentions, decoded only for the
//! few notes a report shows.

use std::cmp::Ordering;
use std::collections::hash_map::Entry as MapEntry;
use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Type;
use rusqlite::{OptionalExtension, named_params};

use super::Index;
use super::facts::{Entry, StoredNote, decode_entries};
use crate::error::Error;
use crate::extract::Kind;

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

    /// Whether the window keeps everything.
    pub fn is_all(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }
}

/// The SQL that keeps one name (`table.name = :name`), or every one.
/// Two forms rather than `:name IS NULL OR …`, which would hide the
/// index on names from SQLite's planner.
fn name_filter(table: &str, name: Option<&str>) -> String {
    match name {
        Some(_) => format!("{table}.name = :name"),
        None => ":name IS NULL".to_owned(),
    }
}

/// A person's mentions whose context holds any of the asked interests
/// (or ones nested under them), each mention counted once.
#[derive(Debug, Clone, PartialEq)]
pub struct InterestHits {
    /// The person's canonical name.
    pub person: String,
    /// The interests that matched, as written in the contexts, sorted.
    pub interests: Vec<String>,
    /// The notes, with how many such mentions each holds, by day (undated
    /// first), then note id.
    pub notes: Vec<NoteHit>,
}

/// A note's share of [`InterestHits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteHit {
    /// The note's day, if dated.
    pub day: Option<i64>,
    /// The note's id.
    pub note_id: i64,
    /// How many of the person's mentions there have such a context.
    pub mentions: i64,
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

/// One mention of a decoded note, names resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteMention {
    /// Person or interest.
    pub kind: Kind,
    /// Canonical name.
    pub name: String,
    /// 1-based line.
    pub line: i64,
    /// As written.
    pub raw: String,
    /// The block's text.
    pub snippet: String,
    /// The interests of its context, sorted.
    pub interests: Vec<String>,
    /// The people of its context, sorted.
    pub people: Vec<String>,
}

/// A note with its mentions' names, borrowed from the index: what
/// counting needs, without snippets.
#[derive(Debug)]
pub struct NoteNames<'i> {
    /// Its path.
    pub path: String,
    /// Its day, if dated.
    pub day: Option<i64>,
    /// Its mentions, in the order of the note.
    pub mentions: Vec<NamedMention<'i>>,
}

/// One mention of a [`NoteNames`].
#[derive(Debug)]
pub struct NamedMention<'i> {
    /// Person or interest.
    pub kind: Kind,
    /// Canonical name.
    pub name: &'i str,
    /// The interests of its context (a person's mention only: an
    /// interest's is empty).
    pub interests: Vec<&'i str>,
}

/// A note with its mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteDetail {
    /// The note's id.
    pub id: i64,
    /// Its path.
    pub path: String,
    /// Its day, if dated.
    pub day: Option<i64>,
    /// Its mentions, by line and column.
    pub mentions: Vec<NoteMention>,
}

impl NoteDetail {
    /// This note's mention as a [`MentionDetail`].
    pub fn detail(&self, mention: &NoteMention) -> MentionDetail {
        MentionDetail {
            day: self.day,
            path: self.path.clone(),
            line: mention.line,
            raw: mention.raw.clone(),
            snippet: mention.snippet.clone(),
        }
    }
}

/// A count of something for a name: (owner, name, count).
pub type PairCount = (String, String, i64);

/// For notes already read: how many of each person's mentions in the note
/// have the interests asked about in their context.
type CountedNotes = HashMap<u32, HashMap<u32, i64>>;

/// A name's kind and canonical name, by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameTable {
    by_id: foldhash::HashMap<u32, (Kind, String)>,
    /// Ids by (kind, name).
    by_name: foldhash::HashMap<(Kind, String), u32>,
    /// Interests by name, sorted: those nested under one are the range
    /// after it.
    interests: BTreeMap<String, u32>,
}

impl NameTable {
    /// The ids of `interests` and of the interests nested under them
    /// (each once): `travel` and the range from `travel/` up to `travel0`
    /// (`0` sorts right after `/`), not a pass over every name.
    fn interests_within(&self, interests: &[String]) -> Vec<u32> {
        let mut ids: Vec<u32> = interests
            .iter()
            .flat_map(|interest| {
                let own = self.interests.get(interest).copied();
                let nested = self
                    .interests
                    .range(format!("{interest}/")..format!("{interest}0"))
                    .map(|(_, id)| *id);
                own.into_iter().chain(nested)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The id of a name.
    fn id_of(&self, kind: Kind, name: &str) -> Option<u32> {
        self.by_name.get(&(kind, name.to_owned())).copied()
    }

    /// The kind of a name.
    fn kind(&self, id: u32) -> Option<Kind> {
        self.by_id.get(&id).map(|(kind, _)| *kind)
    }

    /// The kind and canonical name of a name.
    fn get(&self, id: u32) -> Option<(Kind, &str)> {
        self.by_id
            .get(&id)
            .map(|(kind, name)| (*kind, name.as_str()))
    }

    /// The canonical name of a name.
    fn name(&self, id: u32) -> Option<&str> {
        self.by_id.get(&id).map(|(_, name)| name.as_str())
    }
}

impl Index {
    /// Every name, by id (read once per index).
    pub(crate) fn name_table(&self) -> Result<&NameTable, Error> {
        if let Some(table) = self.names.get() {
            return Ok(table);
        }
        let rows: Vec<(u32, Kind, String)> =
            self.collect("SELECT id, kind, name FROM names", [], |row| {
                let kind = row.get_ref(1)?.as_str()?;
                let kind = Kind::from_name(kind).ok_or_else(|| {
                    rusqlite::Error::InvalidColumnType(1, kind.to_owned(), Type::Text)
                })?;
                Ok((row.get(0)?, kind, row.get(2)?))
            })?;
        let table = NameTable {
            interests: rows
                .iter()
                .filter(|(_, kind, _)| *kind == Kind::Interest)
                .map(|(id, _, name)| (name.clone(), *id))
                .collect(),
            by_name: rows
                .iter()
                .map(|(id, kind, name)| ((*kind, name.clone()), *id))
                .collect(),
            by_id: rows
                .into_iter()
                .map(|(id, kind, name)| (id, (kind, name)))
                .collect(),
        };
        Ok(self.names.get_or_init(|| table))
    }

    /// One person's notes in the window, from their own posting list: a
    /// note's day, id and how many mentions of them it holds, by day.
    pub fn person_entries(&self, person: &str, window: Window) -> Result<Vec<Entry>, Error> {
        let lists = self.postings_named("person", Some(person))?;
        Ok(lists
            .into_iter()
            .flat_map(|(_, entries)| entries)
            .filter(|entry| window.contains(entry.day()))
            .collect())
    }

    /// Every name of `kind` with its posting list.
    pub fn postings_of(&self, kind: &str) -> Result<Vec<(String, Vec<Entry>)>, Error> {
        self.postings_named(kind, None)
    }

    /// The posting list of every name of `kind`, or of the one `name`.
    pub fn postings_named(
        &self,
        kind: &str,
        name: Option<&str>,
    ) -> Result<Vec<(String, Vec<Entry>)>, Error> {
        let filter = name_filter("n", name);
        let sql = format!(
            "SELECT n.name, p.entries FROM names n
             JOIN postings p ON p.name_id = n.id AND p.other_id = 0
             WHERE n.kind = :kind AND {filter}"
        );
        let mut out = Vec::new();
        self.each_row(&sql, named_params! {":kind": kind, ":name": name}, |row| {
            out.push((row.get(0)?, entries(row, 1)?));
            Ok(())
        })?;
        Ok(out)
    }

    /// For each person (or one), how often each name of `kind` is in the
    /// context of their mentions in the window.
    pub fn context_counts(
        &self,
        person: Option<&str>,
        kind: &str,
        window: Window,
    ) -> Result<Vec<PairCount>, Error> {
        let filter = name_filter("p", person);
        // Over all time the stored totals answer; a window needs the lists.
        let counted = if window.is_all() {
            "t.mentions, NULL"
        } else {
            "0, t.entries"
        };
        let sql = format!(
            "SELECT p.name, x.name, {counted} FROM postings t
             JOIN names p ON p.id = t.name_id
             JOIN names x ON x.id = t.other_id
             WHERE p.kind = 'person' AND {filter} AND x.kind = :kind"
        );
        let mut out = Vec::new();
        self.each_row(
            &sql,
            named_params! {":name": person, ":kind": kind},
            |row| {
                let count = if window.is_all() {
                    row.get(2)?
                } else {
                    entries(row, 3)?
                        .iter()
                        .filter(|e| window.contains(e.day()))
                        .map(|e| i64::from(e.mentions))
                        .sum()
                };
                if count > 0 {
                    out.push((row.get(0)?, row.get(1)?, count));
                }
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// The person mentions in the window whose context holds any of
    /// `interests` or an interest nested under one (`travel` finds
    /// `travel/asia`), by person, each mention counted once.
    pub fn interest_hits(
        &self,
        interests: &[String],
        window: Window,
    ) -> Result<Vec<InterestHits>, Error> {
        let within = self.name_table()?.interests_within(interests);
        if within.is_empty() {
            return Ok(Vec::new());
        }
        // One query for all the lists, a person at a time: only one
        // person's lists are ever decoded at once. The ids are the index's
        // own integers.
        let ids: Vec<String> = within.iter().map(u32::to_string).collect();
        let sql = format!(
            "SELECT name_id, other_id, entries FROM postings WHERE other_id IN ({})
             ORDER BY name_id",
            ids.join(",")
        );
        let mut out = Vec::new();
        let mut person: Option<u32> = None;
        let mut interests: Vec<u32> = Vec::new();
        let mut all: Vec<Entry> = Vec::new();
        let mut failed = None;
        let mut counted = CountedNotes::default();
        self.each_row(&sql, [], |row| {
            let name: u32 = row.get(0)?;
            if person != Some(name) {
                if let Some(done) = person {
                    match self.person_hits(done, &mut interests, &mut all, &within, &mut counted) {
                        Ok(hits) => out.extend(hits),
                        Err(error) => {
                            failed.get_or_insert(error);
                        }
                    }
                }
                person = Some(name);
            }
            let mut listed = entries(row, 2)?;
            listed.retain(|e| window.contains(e.day()));
            if !listed.is_empty() {
                all.append(&mut listed);
                interests.push(row.get(1)?);
            }
            Ok(())
        })?;
        if let Some(error) = failed {
            return Err(error);
        }
        if let Some(done) = person {
            out.extend(self.person_hits(done, &mut interests, &mut all, &within, &mut counted)?);
        }
        Ok(out)
    }

    /// One person's [`InterestHits`] from the entries of their lists (of
    /// the interests `matched`), both emptied for the next person. A note
    /// whose lists cannot say how many mentions have those interests is
    /// counted for everyone in it at once, into `counted`.
    fn person_hits(
        &self,
        person: u32,
        matched: &mut Vec<u32>,
        all: &mut Vec<Entry>,
        within: &[u32],
        counted: &mut CountedNotes,
    ) -> Result<Option<InterestHits>, Error> {
        if all.is_empty() {
            matched.clear();
            return Ok(None);
        }
        let names = self.name_table()?;
        let mut interests: Vec<String> = matched
            .drain(..)
            .filter_map(|interest| names.name(interest).map(str::to_owned))
            .collect();
        interests.sort();
        // Each list is sorted by day, then note, so this groups a note's
        // entries by merging the lists' sorted runs (a stable sort finds
        // them), not by sorting every entry afresh. It trusts every list
        // to give a note the day the scan stored it with, as the writer
        // does (in a damaged index that lists a note under two days, the
        // note counts once for each; a rebuild mends it).
        all.sort_by_key(|entry| (entry.day, entry.note));
        let mut notes = Vec::with_capacity(all.len());
        for same in all.chunk_by(|a, b| a.note == b.note) {
            // One list: its count is the answer. Several: a mention with
            // two of the interests in its context counts once, so the
            // union of the masks says how many there are, or (past 32
            // mentions of the person in the note) the note itself.
            let mentions = match same {
                [one] => i64::from(one.mentions),
                _ if same.iter().all(|e| e.mask != 0) => {
                    let union = same.iter().fold(0, |all, e| all | e.mask);
                    i64::from(union.count_ones())
                }
                _ => {
                    let note = same[0].note;
                    let counts = match counted.entry(note) {
                        MapEntry::Occupied(known) => known.into_mut(),
                        MapEntry::Vacant(new) => new.insert(self.count_in_note(note, within)?),
                    };
                    counts.get(&person).copied().unwrap_or(0)
                }
            };
            notes.push(NoteHit {
                day: same[0].day(),
                note_id: i64::from(same[0].note),
                mentions,
            });
        }
        all.clear();
        Ok(Some(InterestHits {
            person: names.name(person).unwrap_or_default().to_owned(),
            interests,
            notes,
        }))
    }

    /// For each (person, notes of one day): the person's last mention in
    /// those notes (by path, then line) with one of `interests`, or one
    /// nested under it, in its context. Each note is read and decoded
    /// once, however many of the people it is the last note of (a daily
    /// note names many).
    pub fn last_mentions_within(
        &self,
        wanted: &[(String, Vec<i64>)],
        interests: &[String],
    ) -> Result<Vec<Option<MentionDetail>>, Error> {
        let names = self.name_table()?;
        let within = names.interests_within(interests);
        let mut headers: HashMap<i64, Option<(String, Option<i64>)>> = HashMap::new();
        // Each person's id and notes, the last path first.
        let mut candidates: Vec<(Option<u32>, Vec<i64>)> = Vec::with_capacity(wanted.len());
        for (person, notes) in wanted {
            let mut notes: Vec<i64> = notes.clone();
            for id in &notes {
                if !headers.contains_key(id) {
                    headers.insert(*id, self.note_header(*id)?);
                }
            }
            notes.retain(|id| headers[id].is_some());
            let path = |id: &i64| headers[id].as_ref().map(|(path, _)| path.as_str());
            notes.sort_by(|a, b| path(b).cmp(&path(a)));
            candidates.push((names.id_of(Kind::Person, person), notes));
        }
        let mut out: Vec<Option<MentionDetail>> = vec![None; wanted.len()];
        // Round by round: each person still looking tries their next note,
        // and each note tried is decoded once for all who try it.
        let mut looking: Vec<usize> = (0..wanted.len())
            .filter(|&i| candidates[i].0.is_some())
            .collect();
        let mut round = 0;
        while !looking.is_empty() {
            let mut by_note: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
            for &i in &looking {
                if let Some(&id) = candidates[i].1.get(round) {
                    by_note.entry(id).or_default().push(i);
                }
            }
            let mut still = Vec::new();
            for (id, people) in by_note {
                let bytes = self.stored_mentions(id)?.unwrap_or_default();
                let stored = self.decode_stored(&bytes)?;
                let (path, day) = headers[&id].clone().unwrap_or_default();
                for i in people {
                    let person = candidates[i].0;
                    let found = stored.mentions.iter().rev().find(|m| {
                        Some(m.name) == person && m.context.iter().any(|c| within.contains(c))
                    });
                    match found {
                        Some(mention) => {
                            out[i] = Some(MentionDetail {
                                day,
                                path: path.clone(),
                                line: i64::from(mention.line),
                                raw: mention.raw.to_owned(),
                                snippet: stored.snippet(mention).to_owned(),
                            });
                        }
                        None => still.push(i),
                    }
                }
            }
            looking = still;
            round += 1;
        }
        Ok(out)
    }

    /// A note's stored mentions; one that does not decode is a damaged
    /// index, an error naming it.
    fn decode_stored<'b>(&self, bytes: &'b [u8]) -> Result<StoredNote<'b>, Error> {
        StoredNote::decode(bytes).map_err(|e| {
            self.error(rusqlite::Error::FromSqlConversionFailure(
                0,
                Type::Blob,
                Box::new(e),
            ))
        })
    }

    /// A note's path and day.
    fn note_header(&self, id: i64) -> Result<Option<(String, Option<i64>)>, Error> {
        self.conn()
            .prepare_cached("SELECT path, day FROM notes WHERE id = ?1")
            .and_then(|mut stmt| {
                stmt.query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.error(e))
    }

    /// How many of each person's mentions in a note have any of `context`
    /// in their context.
    fn count_in_note(&self, note: u32, context: &[u32]) -> Result<HashMap<u32, i64>, Error> {
        let mut counts = HashMap::new();
        let Some(bytes) = self.stored_mentions(i64::from(note))? else {
            return Ok(counts);
        };
        let stored = self.decode_stored(&bytes)?;
        for mention in &stored.mentions {
            if mention.context.iter().any(|c| context.contains(c)) {
                *counts.entry(mention.name).or_default() += 1;
            }
        }
        Ok(counts)
    }

    /// How often each interest is mentioned in the window.
    pub fn interest_counts(&self, window: Window) -> Result<Vec<(String, i64)>, Error> {
        Ok(self
            .postings_of("interest")?
            .into_iter()
            .filter_map(|(name, entries)| {
                let count: i64 = entries
                    .iter()
                    .filter(|e| window.contains(e.day()))
                    .map(|e| i64::from(e.mentions))
                    .sum();
                (count > 0).then_some((name, count))
            })
            .collect())
    }

    /// A person's most recent mentions in the window, one per line:
    /// newest first, undated last; on one day, by path and line.
    pub fn recent_mentions(
        &self,
        person: &str,
        window: Window,
        limit: usize,
    ) -> Result<Vec<MentionDetail>, Error> {
        let mut days = self.person_entries(person, window)?;
        // Newest first, undated last.
        days.sort_by(|a, b| newest_first(a.day(), b.day()));
        // One row per line (a line that names someone twice says it once),
        // whole days at a time, so that a day's lines can be put in order.
        let mut out: Vec<MentionDetail> = Vec::new();
        let mut last_day = None;
        for entry in days {
            if out.len() >= limit && Some(entry.day()) != last_day {
                break;
            }
            last_day = Some(entry.day());
            if let Some(note) = self.note(i64::from(entry.note))? {
                let mut lines: Vec<MentionDetail> = note
                    .mentions
                    .iter()
                    .filter(|m| m.kind == Kind::Person && m.name == person)
                    .map(|m| note.detail(m))
                    .collect();
                lines.sort_by_key(|detail| detail.line);
                lines.dedup_by_key(|detail| detail.line);
                out.extend(lines);
            }
        }
        // Within a day, the last note by path and its last line first: the
        // latest mention, as `who` and the digest take it.
        out.sort_by(|a, b| {
            newest_first(a.day, b.day)
                .then_with(|| b.path.cmp(&a.path))
                .then_with(|| b.line.cmp(&a.line))
        });
        out.truncate(limit);
        Ok(out)
    }

    /// A note's stored mentions blob.
    fn stored_mentions(&self, id: i64) -> Result<Option<Vec<u8>>, Error> {
        self.conn()
            .prepare_cached("SELECT mentions FROM note_mentions WHERE note_id = ?1")
            .and_then(|mut stmt| stmt.query_row([id], |row| row.get(0)).optional())
            .map_err(|e| self.error(e))
    }

    /// One note with its mentions, names resolved.
    pub fn note(&self, id: i64) -> Result<Option<NoteDetail>, Error> {
        let Some((path, day)) = self.note_header(id)? else {
            return Ok(None);
        };
        let bytes = self.stored_mentions(id)?.unwrap_or_default();
        self.decode_note(id, path, day, &bytes).map(Some)
    }

    /// Every dated note in the window, by day and path, with its mentions'
    /// names, handed to `each` one at a time (a digest of a year reads a
    /// third of a vault: never all at once); not the notes kith wrote
    /// (`kith: generated`), which have no mentions row.
    pub fn each_note_between<'i>(
        &'i self,
        window: Window,
        mut each: impl FnMut(NoteNames<'i>),
    ) -> Result<(), Error> {
        let names = self.name_table()?;
        let sql = "SELECT n.path, n.day, m.mentions FROM notes n
                   JOIN note_mentions m ON m.note_id = n.id
                   WHERE n.day BETWEEN coalesce(:since, -1e18) AND coalesce(:until, 1e18)
                   ORDER BY n.day, n.path";
        let mut stmt = self.conn().prepare_cached(sql).map_err(|e| self.error(e))?;
        let mut rows = stmt
            .query(named_params! {":since": window.since, ":until": window.until})
            .map_err(|e| self.error(e))?;
        while let Some(row) = rows.next().map_err(|e| self.error(e))? {
            let read = || -> rusqlite::Result<_> {
                Ok((row.get(0)?, row.get(1)?, row.get_ref(2)?.as_blob()?))
            };
            let (path, day, bytes) = read().map_err(|e| self.error(e))?;
            let stored = self.decode_stored(bytes)?;
            let mentions = stored
                .mentions
                .iter()
                .filter_map(|m| {
                    let (kind, name) = names.get(m.name)?;
                    let interests = match kind {
                        Kind::Person => m
                            .context
                            .iter()
                            .filter_map(|id| names.get(*id))
                            .filter(|(kind, _)| *kind == Kind::Interest)
                            .map(|(_, name)| name)
                            .collect(),
                        Kind::Interest => Vec::new(),
                    };
                    Some(NamedMention {
                        kind,
                        name,
                        interests,
                    })
                })
                .collect();
            each(NoteNames {
                path,
                day,
                mentions,
            });
        }
        Ok(())
    }

    fn decode_note(
        &self,
        id: i64,
        path: String,
        day: Option<i64>,
        bytes: &[u8],
    ) -> Result<NoteDetail, Error> {
        let names = self.name_table()?;
        let stored = self.decode_stored(bytes)?;
        let context_of = |ids: &[u32], kind: Kind| {
            let mut names: Vec<String> = ids
                .iter()
                .filter(|id| names.kind(**id) == Some(kind))
                .filter_map(|id| names.name(*id).map(str::to_owned))
                .collect();
            names.sort();
            names
        };
        let mentions = stored
            .mentions
            .iter()
            .filter_map(|m| {
                Some(NoteMention {
                    kind: names.kind(m.name)?,
                    name: names.name(m.name)?.to_owned(),
                    line: i64::from(m.line),
                    raw: m.raw.to_owned(),
                    snippet: stored.snippet(m).to_owned(),
                    interests: context_of(&m.context, Kind::Interest),
                    people: context_of(&m.context, Kind::Person),
                })
            })
            .collect();
        Ok(NoteDetail {
            id,
            path,
            day,
            mentions,
        })
    }

    /// The distinct spellings of a person's mentions.
    pub fn spellings(&self, person: &str) -> Result<Vec<String>, Error> {
        let sql = "SELECT s.raw FROM spellings s JOIN names n ON n.id = s.name_id
                   WHERE n.kind = 'person' AND n.name = ?1 ORDER BY s.raw";
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

    /// Runs a query and collects its rows.
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

    /// Runs `each` on every row, without collecting them.
    pub(super) fn each_row(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        mut each: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
    ) -> Result<(), Error> {
        let mut stmt = self.conn().prepare_cached(sql).map_err(|e| self.error(e))?;
        let mut rows = stmt.query(params).map_err(|e| self.error(e))?;
        while let Some(row) = rows.next().map_err(|e| self.error(e))? {
            each(row).map_err(|e| self.error(e))?;
        }
        Ok(())
    }
}

/// Orders days newest first, undated last.
fn newest_first(a: Option<i64>, b: Option<i64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.cmp(&x),
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
    }
}

/// The posting list in column `column`.
pub(super) fn entries(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Vec<Entry>> {
    let bytes = row.get_ref(column)?.as_blob()?;
    decode_entries(bytes).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Blob, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interests_within_are_the_interest_and_those_nested_under_it() {
        let names = [
            "travel",
            "travel/asia",
            "travel/asia/japan",
            "travel-gear",
            "travel0",
            "travelling",
            "trave",
            "café",
            "café/paris",
            "running",
        ];
        let table = NameTable {
            interests: names
                .iter()
                .zip(1..)
                .map(|(name, id)| ((*name).to_owned(), id))
                .collect(),
            ..NameTable::default()
        };
        let within = |asked: &[&str]| -> Vec<&str> {
            let asked: Vec<String> = asked.iter().map(|a| (*a).to_owned()).collect();
            table
                .interests_within(&asked)
                .into_iter()
                .map(|id| names[id as usize - 1])
                .collect()
        };
        assert_eq!(
            within(&["travel"]),
            ["travel", "travel/asia", "travel/asia/japan"]
        );
        assert_eq!(
            within(&["travel/asia"]),
            ["travel/asia", "travel/asia/japan"]
        );
        assert_eq!(
            within(&["café", "travel/asia/japan"]),
            ["travel/asia/japan", "café", "café/paris"]
        );
        // Asked twice, or within another asked: each once.
        assert_eq!(
            within(&["travel", "travel/asia", "travel"]),
            ["travel", "travel/asia", "travel/asia/japan"]
        );
        assert!(within(&["trav", "nothing"]).is_empty());
    }

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
