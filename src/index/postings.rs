//! Keeping the posting lists and spellings in step with the notes.
//!
//! A scan tells a [`PostingsUpdate`] which notes leave (their stored
//! mentions) and which arrive (their new mentions); at the end it rewrites
//! only the posting lists whose entries for those notes change. A rebuild
//! starts from nothing and writes every list once, in key order.

use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Transaction, params};

use super::facts::{Entry, StoredNote, UNDATED, decode_entries, encode_entries};

/// Posting lists encoded at once before they are written.
const WRITE_BATCH: usize = 16 * 1024;

/// A posting list's key: (name, other name or 0 for the name itself).
pub type Key = (u32, u32);

/// The postings and spellings changes of one scan.
#[derive(Debug, Default)]
pub struct PostingsUpdate {
    /// Entries of arriving notes, by key.
    added: HashMap<Key, Vec<Added>>,
    /// The day of each arriving note ([`Entry::day`]), kept once rather
    /// than in each of its entries: a rebuild holds millions of them.
    days: HashMap<u32, i32>,
    /// The stored entries of leaving notes, by key: the lists they touch.
    leaving_entries: HashMap<Key, Vec<Entry>>,
    /// Notes whose stored entries go.
    leaving: HashSet<u32>,
    /// Changes in how often each spelling is used, by name.
    spellings: HashMap<u32, HashMap<String, i64>>,
}

/// How many mentions of a note go to each posting list, and which of the
/// person's mentions they are ([`Entry::mask`]), sorted by key.
pub fn note_counts(note: &StoredNote<'_>) -> Vec<(Key, u32, u32)> {
    // (key, the mention's bit; 0 past the 32nd mention of a person)
    let mut keys: Vec<(Key, u32)> = Vec::with_capacity(note.mentions.len() * 4);
    // Mentions so far of each name: a map, as a note may hold very many.
    let mut seen: HashMap<u32, u32> = HashMap::default();
    for mention in &note.mentions {
        let count = seen.entry(mention.name).or_default();
        let ordinal = *count;
        *count += 1;
        let bit = 1_u32.checked_shl(ordinal).unwrap_or(0);
        keys.push(((mention.name, 0), 0));
        keys.extend(
            mention
                .context
                .iter()
                .map(|other| ((mention.name, *other), bit)),
        );
    }
    keys.sort_unstable_by_key(|(key, _)| *key);
    let mut counts: Vec<(Key, u32, u32)> = Vec::new();
    let mut overflow = false;
    for (key, bit) in keys {
        match counts.last_mut() {
            Some((last, count, mask)) if *last == key => {
                *count += 1;
                *mask |= bit;
                overflow |= bit == 0 && key.1 != 0;
            }
            _ => {
                if overflow && let Some((_, _, mask)) = counts.last_mut() {
                    *mask = 0;
                }
                overflow = bit == 0 && key.1 != 0;
                counts.push((key, 1, bit));
            }
        }
    }
    if overflow && let Some((_, _, mask)) = counts.last_mut() {
        *mask = 0;
    }
    counts
}

impl PostingsUpdate {
    /// A note leaves the index (deleted, or about to be read again); it
    /// was stored dated `day` ([`super::facts::UNDATED`] if not).
    pub fn remove_note(&mut self, note_id: u32, day: i32, note: &StoredNote<'_>) {
        self.leaving.insert(note_id);
        for (key, mentions, mask) in note_counts(note) {
            self.leaving_entries.entry(key).or_default().push(Entry {
                day,
                note: note_id,
                mentions,
                mask,
            });
        }
        for mention in &note.mentions {
            self.count_spelling(mention.name, mention.raw, -1);
        }
    }

    /// A note arrives, dated `day` ([`super::facts::UNDATED`] if not),
    /// with its [`note_counts`] and the (name, spelling) of each mention.
    pub fn add_note<'a>(
        &mut self,
        note_id: u32,
        day: i32,
        counts: &[(Key, u32, u32)],
        spellings: impl IntoIterator<Item = (u32, &'a str)>,
    ) {
        self.days.insert(note_id, day);
        for (key, mentions, mask) in counts {
            self.added.entry(*key).or_default().push(Added {
                note: note_id,
                mentions: *mentions,
                mask: *mask,
            });
        }
        for (name, raw) in spellings {
            self.count_spelling(name, raw, 1);
        }
    }

    fn count_spelling(&mut self, name: u32, raw: &str, delta: i64) {
        let spellings = self.spellings.entry(name).or_default();
        match spellings.get_mut(raw) {
            Some(count) => *count += delta,
            None => {
                spellings.insert(raw.to_owned(), delta);
            }
        }
    }

    /// Writes every changed posting list and spelling count. `fresh`: the
    /// tables were empty before this scan, so nothing stored is merged.
    /// Says whether a name lost its own list (the notes that mention it),
    /// so that the name itself may be gone.
    pub fn write(self, tx: &Transaction<'_>, fresh: bool) -> rusqlite::Result<bool> {
        let PostingsUpdate {
            mut added,
            days,
            leaving_entries,
            leaving,
            spellings,
        } = self;
        // (key, the stored list as stored, what arrives)
        let mut lists: Vec<(Key, Option<Vec<u8>>, Vec<Added>)> = if fresh {
            added
                .into_iter()
                .map(|(key, list)| (key, None, list))
                .collect()
        } else {
            let mut keys: Vec<Key> = added
                .keys()
                .chain(leaving_entries.keys())
                .copied()
                .collect();
            keys.sort_unstable();
            keys.dedup();
            let mut select =
                tx.prepare("SELECT entries FROM postings WHERE name_id = ?1 AND other_id = ?2")?;
            let mut lists = Vec::with_capacity(keys.len());
            for key in keys {
                let leaves = leaving_entries.get(&key).map_or(&[][..], Vec::as_slice);
                if arrive_as_they_left(leaves, added.get(&key), &days) {
                    // A note read again whose share of this list did not
                    // change (most lists an edit touches): nothing to do.
                    added.remove(&key);
                    continue;
                }
                let stored: Option<Vec<u8>> = select
                    .query_row(params![key.0, key.1], |row| row.get(0))
                    .optional()?;
                lists.push((key, stored, added.remove(&key).unwrap_or_default()));
            }
            lists
        };
        let mut upsert = tx.prepare(
            "INSERT OR REPLACE INTO postings (name_id, other_id, mentions, first_day, last_day, entries)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut delete = tx.prepare("DELETE FROM postings WHERE name_id = ?1 AND other_id = ?2")?;
        let mut lost_own_list = false;
        // Decoding, merging and encoding a few hundred thousand lists (or
        // a few big ones) is real work: on every core, a batch at a time
        // (so that lists are freed as they are written).
        // In the table's order (other name, then name): appending is
        // quicker than inserting all over a b-tree.
        lists.par_sort_unstable_by_key(|((name, other), ..)| (*other, *name));
        let mut lists = lists.into_iter();
        loop {
            let batch: Vec<_> = lists.by_ref().take(WRITE_BATCH).collect();
            if batch.is_empty() {
                break;
            }
            let rows: Vec<(Key, Option<Row>)> = batch
                .into_par_iter()
                .map(|(key, stored, arriving)| {
                    let mut kept = match stored {
                        Some(bytes) => decode_entries(&bytes).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(0, Type::Blob, Box::new(e))
                        })?,
                        None => Vec::new(),
                    };
                    kept.retain(|entry| !leaving.contains(&entry.note));
                    Ok((key, Row::new(kept, with_days(arriving, &days).collect())))
                })
                .collect::<rusqlite::Result<_>>()?;
            for (key, row) in rows {
                match row {
                    Some(row) => upsert.execute(params![
                        key.0,
                        key.1,
                        row.mentions,
                        row.first_day,
                        row.last_day,
                        row.entries
                    ])?,
                    None => {
                        lost_own_list |= key.1 == 0;
                        delete.execute(params![key.0, key.1])?
                    }
                };
            }
        }
        write_spellings(tx, spellings)?;
        Ok(lost_own_list)
    }
}

/// Whether the entries arriving in a list are exactly those that leave it,
/// so that the list stays as stored. This trusts the stored list to hold
/// the leaving entries, as the scan that wrote them left it: a list lost
/// to damage is not made again here, but by a rebuild.
fn arrive_as_they_left(
    leaving: &[Entry],
    arriving: Option<&Vec<Added>>,
    days: &HashMap<u32, i32>,
) -> bool {
    let arriving = arriving.map_or(&[][..], Vec::as_slice);
    if leaving.len() != arriving.len() {
        return false;
    }
    let mut leaving = leaving.to_vec();
    let mut arriving: Vec<Entry> = with_days(arriving.to_vec(), days).collect();
    leaving.sort_unstable();
    arriving.sort_unstable();
    leaving == arriving
}

/// An arriving note's entry, before its day is added ([`Entry`]).
#[derive(Debug, Clone, Copy)]
struct Added {
    note: u32,
    mentions: u32,
    mask: u32,
}

/// The entries of a list of arriving notes.
fn with_days(list: Vec<Added>, days: &HashMap<u32, i32>) -> impl Iterator<Item = Entry> {
    list.into_iter().map(|added| Entry {
        day: days.get(&added.note).copied().unwrap_or(UNDATED),
        note: added.note,
        mentions: added.mentions,
        mask: added.mask,
    })
}

/// A posting list as its `postings` row stores it.
struct Row {
    mentions: i64,
    first_day: Option<i64>,
    last_day: Option<i64>,
    entries: Vec<u8>,
}

impl Row {
    /// The row of a list made of what is kept of a stored list and the
    /// entries that arrive, or `None` when the list is empty.
    fn new(kept: Vec<Entry>, arriving: Vec<Entry>) -> Option<Row> {
        let entries = merge_sorted(kept, arriving);
        if entries.is_empty() {
            return None;
        }
        let mut dated = entries.iter().filter_map(Entry::day);
        let first_day = dated.next();
        let last_day = dated.next_back().or(first_day);
        Some(Row {
            mentions: entries.iter().map(|e| i64::from(e.mentions)).sum(),
            first_day,
            last_day,
            entries: encode_entries(&entries),
        })
    }
}

/// `kept` (a stored list: sorted, unless the index was damaged) and
/// `arriving` (a few entries, in any order) as one sorted list: a merge,
/// not a sort of a whole list that may hold a hundred thousand entries.
fn merge_sorted(mut kept: Vec<Entry>, mut arriving: Vec<Entry>) -> Vec<Entry> {
    arriving.sort_unstable();
    if !kept.is_sorted() {
        kept.sort_unstable();
    }
    if kept.is_empty() {
        return arriving;
    }
    let mut merged = Vec::with_capacity(kept.len() + arriving.len());
    let mut arriving = arriving.into_iter().peekable();
    for entry in kept {
        while let Some(next) = arriving.next_if(|next| *next < entry) {
            merged.push(next);
        }
        merged.push(entry);
    }
    merged.extend(arriving);
    merged
}

fn write_spellings(
    tx: &Transaction<'_>,
    spellings: HashMap<u32, HashMap<String, i64>>,
) -> rusqlite::Result<()> {
    let mut add = tx.prepare(
        "INSERT INTO spellings (name_id, raw, mentions) VALUES (?1, ?2, ?3)
         ON CONFLICT (name_id, raw) DO UPDATE SET mentions = mentions + excluded.mentions",
    )?;
    let mut prune = tx.prepare("DELETE FROM spellings WHERE name_id = ?1 AND mentions <= 0")?;
    for (name, raws) in spellings {
        let mut changed = false;
        for (raw, delta) in raws {
            if delta != 0 {
                add.execute(params![name, raw, delta])?;
                changed |= delta < 0;
            }
        }
        if changed {
            prune.execute([name])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::facts::StoredMention;

    fn entry(day: i32, note: u32) -> Entry {
        Entry {
            day,
            note,
            mentions: 1,
            mask: 0,
        }
    }

    #[test]
    fn a_list_is_left_alone_only_when_a_note_arrives_as_it_left() {
        let days: HashMap<u32, i32> = [(1, 10), (2, 20)].into_iter().collect();
        let added = |note, mentions| Added {
            note,
            mentions,
            mask: 0,
        };
        let left = [entry(20, 2), entry(10, 1)];
        let same = vec![added(1, 1), added(2, 1)];
        assert!(arrive_as_they_left(&left, Some(&same), &days));
        // One more mention, another day, a note fewer or more.
        assert!(!arrive_as_they_left(
            &left,
            Some(&vec![added(1, 2), added(2, 1)]),
            &days
        ));
        assert!(!arrive_as_they_left(
            &[entry(11, 1), entry(20, 2)],
            Some(&same),
            &days
        ));
        assert!(!arrive_as_they_left(&left, Some(&vec![added(1, 1)]), &days));
        assert!(!arrive_as_they_left(&[], Some(&same), &days));
        assert!(!arrive_as_they_left(&left, None, &days));
        assert!(arrive_as_they_left(&[], None, &days));
    }

    #[test]
    fn merging_equals_sorting_everything() {
        let kept: Vec<Entry> = (0..50).map(|i| entry(i / 3, 100 + i as u32)).collect();
        let arriving = vec![
            entry(40, 1),
            entry(UNDATED, 7),
            entry(5, 2),
            entry(5, 200),
            entry(-1, 3),
        ];
        let mut all: Vec<Entry> = kept.iter().chain(&arriving).copied().collect();
        all.sort_unstable();
        assert_eq!(merge_sorted(kept.clone(), arriving.clone()), all);
        assert_eq!(
            merge_sorted(Vec::new(), arriving.clone()).len(),
            arriving.len()
        );
        assert_eq!(merge_sorted(kept.clone(), Vec::new()), kept);
        // A stored list out of order (a damaged index) is still sorted.
        let mut shuffled = kept.clone();
        shuffled.reverse();
        assert_eq!(merge_sorted(shuffled, arriving), all);
    }

    fn mention(name: u32, context: Vec<u32>) -> StoredMention<'static> {
        StoredMention {
            name,
            line: 1,
            column: 1,
            raw: "@x",
            frontmatter: false,
            snippet: 0,
            context,
        }
    }

    #[test]
    fn past_32_mentions_a_person_list_has_no_mask() {
        let mut mentions: Vec<_> = (0..33).map(|_| mention(1, vec![3])).collect();
        mentions.push(mention(2, vec![3]));
        let note = StoredNote {
            snippets: vec![""],
            mentions,
        };
        assert_eq!(
            note_counts(&note),
            [
                ((1, 0), 33, 0),
                ((1, 3), 33, 0),
                ((2, 0), 1, 0),
                ((2, 3), 1, 1)
            ]
        );
    }

    #[test]
    fn a_note_counts_once_per_list() {
        let note = StoredNote {
            snippets: vec![""],
            mentions: vec![
                mention(1, vec![3, 4]),
                mention(1, vec![3]),
                mention(3, vec![]),
            ],
        };
        assert_eq!(
            note_counts(&note),
            [
                ((1, 0), 2, 0),
                ((1, 3), 2, 0b11),
                ((1, 4), 1, 0b01),
                ((3, 0), 1, 0)
            ]
        );
    }
}
