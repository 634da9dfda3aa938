//! A note's extraction in compact form, for writing out fast.
//!
//! [`super::Mention`] owns everything it holds, so a note with a thousand
//! mentions holds a thousand copies of its context lists. Here each
//! distinct name is stored once per note and named by its index, the
//! mentions of one block share one context, and the text of raw names and
//! snippets sits in one buffer: a note costs a handful of allocations, not
//! several per mention. [`SharedExtraction::mentions`] reads the mentions
//! back as borrowed [`MentionRef`]s.

use std::ops::Range;

use chrono::NaiveDate;
use indexmap::IndexSet;

use super::{Kind, Mention, NoteExtraction, Source};
use crate::error::Warning;
use crate::identity::PersonNote;
use crate::note::date::DateSource;

/// Index of a name in [`SharedExtraction::names`].
pub(super) type NameId = u32;

/// Distinct names of one note. foldhash, not SipHash: a note's names are
/// few and short, and each is hashed once per mention; its per-process
/// random seed still keeps crafted collisions out.
type Names = IndexSet<String, foldhash::fast::RandomState>;

/// One mention; its texts are ranges of [`SharedExtraction::strings`].
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) kind: Kind,
    pub(super) source: Source,
    pub(super) name: NameId,
    pub(super) raw: Range<usize>,
    pub(super) snippet: Range<usize>,
    /// Index in [`SharedExtraction::contexts`].
    pub(super) context: usize,
}

/// The interests and people around mentions, sorted by name, deduplicated,
/// as ranges of [`SharedExtraction::context_names`] (one buffer for all
/// contexts, not two lists each). A mention's own name is left out when it
/// is read back.
#[derive(Debug, Clone, Default)]
struct Context {
    interests: Range<usize>,
    people: Range<usize>,
}

/// Everything extracted from one note, its mentions sharing names, context
/// lists and text (see the module documentation).
#[derive(Debug, Default)]
pub struct SharedExtraction {
    /// The note's date, if it has one.
    pub date: Option<NaiveDate>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// Problems with this note (the note is still extracted).
    pub warnings: Vec<Warning>,
    /// The person this note defines, if it is a person note.
    pub person_note: Option<PersonNote>,
    /// The note says `kith: generated` (a digest kith wrote) or `kith:
    /// ignore`: nothing in it counts, nor does it count as a note of its
    /// period.
    pub generated: bool,
    /// The note could not be read for a reason that may clear up by itself
    /// (its warning says which): nothing was extracted, and the next scan
    /// tries again.
    pub unread: bool,
    /// The canonical file stem of every link the note holds, in its body
    /// or frontmatter, whether it names a note or not (see
    /// [`crate::identity::link_stem`]); sorted, each once.
    pub link_stems: Vec<String>,
    names: Names,
    strings: String,
    context_names: Vec<NameId>,
    contexts: Vec<Context>,
    found: Vec<Found>,
}

impl SharedExtraction {
    /// The mentions, sorted by line and column.
    pub fn mentions(&self) -> impl ExactSizeIterator<Item = MentionRef<'_>> {
        self.found.iter().map(|found| {
            let context = &self.contexts[found.context];
            let names = |ids: &Range<usize>, kind| ContextNames {
                names: &self.names,
                ids: &self.context_names[ids.clone()],
                except: (found.kind == kind).then_some(found.name),
            };
            MentionRef {
                line: found.line,
                column: found.column,
                kind: found.kind,
                name: self.name(found.name),
                raw: &self.strings[found.raw.clone()],
                source: found.source,
                interests: names(&context.interests, Kind::Interest),
                people: names(&context.people, Kind::Person),
                snippet: &self.strings[found.snippet.clone()],
            }
        })
    }

    fn name(&self, id: NameId) -> &str {
        &self.names[id as usize]
    }

    /// The id of `name`, stored if it is new.
    pub(super) fn intern(&mut self, name: String) -> NameId {
        let index = match self.names.get_index_of(name.as_str()) {
            Some(index) => index,
            None => self.names.insert_full(name).0,
        };
        NameId::try_from(index).expect("fewer than 2^32 names in a note")
    }

    /// Sorts `ids` by name and drops repeats (equal names share an id).
    pub(super) fn sort_dedup(&self, ids: &mut Vec<NameId>) {
        ids.sort_unstable_by(|&a, &b| self.name(a).cmp(self.name(b)));
        ids.dedup();
    }

    /// Stores a context, its lists already sorted and deduplicated with
    /// [`Self::sort_dedup`] (callers size the context from them first);
    /// returns its index.
    pub(super) fn add_context(&mut self, interests: &[NameId], people: &[NameId]) -> usize {
        debug_assert!(
            interests
                .windows(2)
                .all(|w| self.name(w[0]) < self.name(w[1]))
        );
        debug_assert!(people.windows(2).all(|w| self.name(w[0]) < self.name(w[1])));
        let mut append = |ids: &[NameId]| {
            let start = self.context_names.len();
            self.context_names.extend_from_slice(ids);
            start..self.context_names.len()
        };
        let context = Context {
            interests: append(interests),
            people: append(people),
        };
        self.contexts.push(context);
        self.contexts.len() - 1
    }

    /// Appends text to the shared buffer; returns where it is.
    pub(super) fn push_str(&mut self, text: &str) -> Range<usize> {
        let start = self.strings.len();
        self.strings.push_str(text);
        start..self.strings.len()
    }

    /// Appends what `write` writes to the shared buffer; returns where.
    pub(super) fn push_with(&mut self, write: impl FnOnce(&mut String)) -> Range<usize> {
        let start = self.strings.len();
        write(&mut self.strings);
        start..self.strings.len()
    }

    /// The mentions found so far, in the order they were found.
    pub(super) fn found_mut(&mut self) -> &mut Vec<Found> {
        &mut self.found
    }

    /// The name ids of the mentions of `kind` found so far.
    pub(super) fn found_names(&self, kind: Kind) -> impl Iterator<Item = NameId> + '_ {
        self.found
            .iter()
            .filter(move |found| found.kind == kind)
            .map(|found| found.name)
    }
}

impl From<SharedExtraction> for NoteExtraction {
    fn from(shared: SharedExtraction) -> Self {
        let mentions = shared.mentions().map(|m| m.to_mention()).collect();
        NoteExtraction {
            date: shared.date,
            date_source: shared.date_source,
            mentions,
            warnings: shared.warnings,
            person_note: shared.person_note,
        }
    }
}

/// One mention of a [`SharedExtraction`], borrowed.
#[derive(Debug, Clone)]
pub struct MentionRef<'a> {
    /// 1-based line in the file, frontmatter counted.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Person or interest.
    pub kind: Kind,
    /// Canonical name (NFC, lowercase; people as handles).
    pub name: &'a str,
    /// As written.
    pub raw: &'a str,
    /// Body or frontmatter.
    pub source: Source,
    /// The interests of its context, sorted, itself excluded.
    pub interests: ContextNames<'a>,
    /// The people of its context, sorted, itself excluded.
    pub people: ContextNames<'a>,
    /// Its block's text on one line, at most 240 characters.
    pub snippet: &'a str,
}

impl MentionRef<'_> {
    /// The owned [`Mention`].
    pub fn to_mention(&self) -> Mention {
        let owned = |names: &ContextNames<'_>| names.clone().map(str::to_owned).collect();
        Mention {
            line: self.line,
            column: self.column,
            kind: self.kind,
            name: self.name.to_owned(),
            raw: self.raw.to_owned(),
            source: self.source,
            interests: owned(&self.interests),
            people: owned(&self.people),
            snippet: self.snippet.to_owned(),
        }
    }
}

/// The names of a mention's context (interests or people), in order,
/// without the mention's own name.
#[derive(Debug, Clone)]
pub struct ContextNames<'a> {
    names: &'a Names,
    ids: &'a [NameId],
    except: Option<NameId>,
}

impl<'a> Iterator for ContextNames<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let (&id, rest) = self.ids.split_first()?;
            self.ids = rest;
            if Some(id) != self.except {
                return Some(&self.names[id as usize]);
            }
        }
    }
}
