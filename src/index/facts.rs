//! The binary forms the index stores: a note's mentions
//! (`note_mentions.mentions`)
//! and a posting list (`postings.entries`), both `postcard`-encoded.
//!
//! A note's mentions are kept whole, in one blob, rather than a row each:
//! a row costs SQLite more to write and to index than the mention itself,
//! and every question but "show me the mention" is answered from postings.

use serde::{Deserialize, Serialize};

/// One mention as the index keeps it; names are `names.id`s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredMention<'a> {
    /// The canonical name's id.
    pub name: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// As written.
    pub raw: &'a str,
    /// Found in the frontmatter (else the body).
    pub frontmatter: bool,
    /// Index into [`StoredNote::snippets`].
    pub snippet: u32,
    /// The interests and people of its context (person mentions only).
    pub context: Vec<u32>,
}

/// Every mention of one note. Mentions of one block share their snippet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredNote<'a> {
    /// Distinct snippets, in order of first use.
    #[serde(borrow)]
    pub snippets: Vec<&'a str>,
    /// Mentions sorted by line and column.
    #[serde(borrow)]
    pub mentions: Vec<StoredMention<'a>>,
}

impl<'a> StoredNote<'a> {
    /// Decodes a note's blob.
    pub fn decode(bytes: &'a [u8]) -> postcard::Result<Self> {
        postcard::from_bytes(bytes)
    }

    /// Encodes a note's blob.
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("encoding into a Vec cannot fail")
    }

    /// The snippet of a mention.
    pub fn snippet(&self, mention: &StoredMention<'_>) -> &'a str {
        self.snippets
            .get(mention.snippet as usize)
            .copied()
            .unwrap_or("")
    }
}

/// The `day` of an undated note in a posting entry.
pub const UNDATED: i32 = i32::MIN;

/// One note's share of a posting list: how many mentions it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The note's day (days since 1970-01-01), or [`UNDATED`].
    pub day: i32,
    /// The note's id.
    pub note: u32,
    /// Mentions counted in this note.
    pub mentions: u32,
    /// In a person's list with another name: which of the person's
    /// mentions in the note these are, bit `k` for the `k`-th (so that a
    /// mention found through two lists is counted once). 0 in a name's own
    /// list, and when a mention this list counts is past the person's 32nd
    /// in the note (then the note itself says).
    pub mask: u32,
}

impl Entry {
    /// The day, if the note is dated.
    pub fn day(&self) -> Option<i64> {
        (self.day != UNDATED).then_some(i64::from(self.day))
    }
}

/// The day as a posting entry stores it.
pub fn entry_day(day: Option<i64>) -> i32 {
    day.and_then(|d| i32::try_from(d).ok())
        .filter(|d| *d != UNDATED)
        .unwrap_or(UNDATED)
}

/// Decodes a posting list.
pub fn decode_entries(bytes: &[u8]) -> postcard::Result<Vec<Entry>> {
    postcard::from_bytes(bytes)
}

/// Encodes a posting list (sorted by day, then note).
pub fn encode_entries(entries: &[Entry]) -> Vec<u8> {
    postcard::to_allocvec(entries).expect("encoding into a Vec cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_round_trip() {
        let note = StoredNote {
            snippets: vec!["Lunch with @ana about #running"],
            mentions: vec![StoredMention {
                name: 7,
                line: 3,
                column: 12,
                raw: "@ana",
                frontmatter: false,
                snippet: 0,
                context: vec![9, 4],
            }],
        };
        let bytes = note.encode();
        let back = StoredNote::decode(&bytes).unwrap();
        assert_eq!(back, note);
        assert_eq!(
            back.snippet(&back.mentions[0]),
            "Lunch with @ana about #running"
        );
    }

    #[test]
    fn entries_round_trip_and_sort_undated_first() {
        let mut entries = vec![
            Entry {
                day: 20_000,
                note: 2,
                mentions: 3,
                mask: 0b111,
            },
            Entry {
                day: UNDATED,
                note: 5,
                mentions: 1,
                mask: 0,
            },
        ];
        entries.sort();
        assert_eq!(entries[0].day(), None);
        assert_eq!(entries[1].day(), Some(20_000));
        assert_eq!(decode_entries(&encode_entries(&entries)).unwrap(), entries);
        assert_eq!(entry_day(None), UNDATED);
        assert_eq!(entry_day(Some(-3)), -3);
    }
}
