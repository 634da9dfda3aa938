//! How a wikilink names a note: relative paths, file stems, and the table
//! of the vault's paths by stem that links resolve through.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::OnceLock;

use hashbrown::HashTable;
use rayon::prelude::*;

use crate::extract::canonical;
use crate::vault::NOTE_EXTENSIONS;

/// The vault path that `target`, relative to the folder of the note at
/// `note_path` (`../People/Alex Bec.md` from `Daily/2024-03-01.md`), names:
/// `None` when it climbs out of the vault.
fn join_relative(note_path: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = note_path.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The note path a link target names, without its heading or block
/// (`#…`), display text (`|…`) and note extension.
pub fn link_path(target: &str) -> &str {
    without_extension(target.split(['#', '|']).next().unwrap_or(target).trim())
}

/// Where a link written in the note at `note_path` looks for its note,
/// and whether only that exact path will do: a target that starts with
/// `./` or `../` (Obsidian's "relative path" link format, for wikilinks
/// and markdown links alike) is a path from that note's folder, one that
/// starts with `/` a path from the vault's; any other is looked up as
/// written. `None` for a relative target that climbs out of the vault,
/// which names no note.
pub(super) fn link_lookup<'t>(note_path: &str, target: &'t str) -> Option<(Cow<'t, str>, bool)> {
    if target.starts_with("./") || target.starts_with("../") {
        return join_relative(note_path, target).map(|path| (Cow::Owned(path), true));
    }
    if let Some(from_root) = target.strip_prefix('/') {
        return Some((Cow::Borrowed(from_root), true));
    }
    Some((Cow::Borrowed(target), false))
}

/// The canonical file stem of the notes a link written in the note at
/// `note_path` may name (`alex bec` for `[[People/Alex Bec#Work|Alex]]`),
/// as [`Identity::resolve_from`](super::Identity::resolve_from) looks them
/// up: the index files each link under it, so that a scan finds the notes
/// that link to a name whose notes, or whose person, changed. `None` for a
/// link that can name no note whatever the vault holds (one that climbs
/// out of it, or only to a heading of its own note: `[[#Plans]]`).
pub fn link_stem(note_path: &str, target: &str) -> Option<String> {
    let (target, _) = link_lookup(note_path, target)?;
    let stem = note_stem(link_path(&target));
    (!stem.is_empty()).then_some(stem)
}

/// The canonical file stem of a note path: what links look it up by.
pub fn note_stem(rel_path: &str) -> String {
    canonical(file_stem(rel_path))
}

/// A note path's file name without its extension.
pub(super) fn file_stem(rel_path: &str) -> &str {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    without_extension(name)
}

/// A note path without its note extension (`.md`, `.markdown`): only those,
/// since a name like `Akira T. Torres` has dots of its own.
pub(super) fn without_extension(rel_path: &str) -> &str {
    NOTE_EXTENSIONS
        .iter()
        .find_map(|ext| {
            let cut = rel_path.len().checked_sub(ext.len() + 1)?;
            let (stem, suffix) = (rel_path.get(..cut)?, rel_path.get(cut..)?);
            (suffix.starts_with('.') && suffix[1..].eq_ignore_ascii_case(ext) && !stem.is_empty())
                .then_some(stem)
        })
        .unwrap_or(rel_path)
}

/// Note paths by canonical file stem (NFC, lowercase; see
/// [`canonical`]): one table sorted by stem, then shortest path first, and
/// a hash table of where each stem starts in it. Built on every core with
/// two allocations per note, its canonical stem and its path (a vault may hold 100,000 notes; a map with a list per
/// stem cost a tenth of a scan of 100 changed notes).
#[derive(Debug, Clone, Default)]
pub(super) struct PathsByStem {
    /// (canonical stem, path), sorted.
    entries: Vec<(Box<str>, Box<str>)>,
    /// Where in `entries` each stem's paths are, hashed by stem.
    ranges: HashTable<Range<usize>>,
    hasher: foldhash::fast::RandomState,
    /// Each entry's path canonical and without its extension, made when a
    /// link with a path first asks (many links do not).
    canonical_paths: OnceLock<Vec<Box<str>>>,
}

impl PathsByStem {
    pub(super) fn new(paths: Vec<&str>) -> Self {
        let entry = |path: &str| -> (Box<str>, Box<str>) { (note_stem(path).into(), path.into()) };
        let order = |(stem_a, a): &(Box<str>, Box<str>), (stem_b, b): &(Box<str>, Box<str>)| {
            stem_a
                .cmp(stem_b)
                .then_with(|| a.len().cmp(&b.len()))
                .then_with(|| a.cmp(b))
        };
        // A question's few paths (or none) are not worth starting the
        // thread pool for.
        let entries = if paths.len() < 4096 {
            let mut entries: Vec<_> = paths.into_iter().map(entry).collect();
            entries.sort_unstable_by(order);
            entries
        } else {
            let mut entries: Vec<_> = paths.into_par_iter().map(entry).collect();
            entries.par_sort_unstable_by(order);
            entries
        };
        let hasher = foldhash::fast::RandomState::default();
        let mut ranges = HashTable::with_capacity(entries.len());
        let mut start = 0;
        for same in entries.chunk_by(|(a, _), (b, _)| a == b) {
            ranges.insert_unique(
                hasher.hash_one(&same[0].0),
                start..start + same.len(),
                |range: &Range<usize>| hasher.hash_one(&entries[range.start].0),
            );
            start += same.len();
        }
        PathsByStem {
            entries,
            ranges,
            hasher,
            canonical_paths: OnceLock::new(),
        }
    }

    /// Where in `entries` the paths whose canonical stem is `stem` are.
    fn range(&self, stem: &str) -> Range<usize> {
        self.ranges
            .find(self.hasher.hash_one(stem), |range| {
                &*self.entries[range.start].0 == stem
            })
            .cloned()
            .unwrap_or_default()
    }

    /// The paths whose canonical stem is `stem`, shortest first.
    pub(super) fn get(&self, stem: &str) -> impl ExactSizeIterator<Item = &str> + Clone {
        self.entries[self.range(stem)]
            .iter()
            .map(|(_, path)| &**path)
    }

    /// The paths whose canonical stem is `stem` and which, canonical and
    /// without their extension, are `wanted` or (unless `exact`) end in
    /// `/wanted`; shortest first.
    pub(super) fn get_by_path(&self, stem: &str, wanted: &str, exact: bool) -> Vec<&str> {
        let range = self.range(stem);
        if range.is_empty() {
            return Vec::new();
        }
        let canonical_paths = self.canonical_paths.get_or_init(|| {
            let canonical_path = |(_, path): &(Box<str>, Box<str>)| -> Box<str> {
                canonical(without_extension(path)).into()
            };
            if self.entries.len() < 4096 {
                self.entries.iter().map(canonical_path).collect()
            } else {
                self.entries.par_iter().map(canonical_path).collect()
            }
        });
        range
            .filter(|&at| {
                let path = &*canonical_paths[at];
                path == wanted
                    || (!exact
                        && path
                            .strip_suffix(wanted)
                            .is_some_and(|folder| folder.ends_with('/')))
            })
            .map(|at| &*self.entries[at].1)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rstest::rstest]
    #[case(
        "Daily/2024-03-01.md",
        "../People/Alex Bec.md",
        Some("People/Alex Bec.md")
    )]
    #[case("Daily/2024-03-01.md", "./Alex.md", Some("Daily/Alex.md"))]
    #[case("a.md", "./People/./Alex.md", Some("People/Alex.md"))]
    #[case("a.md", "../Alex.md", None)]
    fn relative_links_join_the_note_folder(
        #[case] note: &str,
        #[case] target: &str,
        #[case] expected: Option<&str>,
    ) {
        assert_eq!(join_relative(note, target).as_deref(), expected);
    }

    #[rstest::rstest]
    #[case("Daily/d.md", "/People/Alex Bec", Some(("People/Alex Bec", true)))]
    #[case("Daily/d.md", "../Alex.md", Some(("Alex.md", true)))]
    #[case("Daily/d.md", "People/Alex Bec", Some(("People/Alex Bec", false)))]
    #[case("d.md", "../Alex.md", None)]
    fn links_look_up_relative_root_and_written_paths(
        #[case] note: &str,
        #[case] target: &str,
        #[case] expected: Option<(&str, bool)>,
    ) {
        let found = link_lookup(note, target);
        assert_eq!(
            found.as_ref().map(|(path, exact)| (path.as_ref(), *exact)),
            expected
        );
    }

    #[test]
    fn paths_by_stem_finds_whole_stems_any_case_shortest_first() {
        let table = PathsByStem::new(vec![
            "Work/2024/Ana.md",
            "People/Ana B.md",
            "ana.markdown",
            "People/ANA.md",
            "Anabel.md",
        ]);
        let found: Vec<&str> = table.get("ana").collect();
        assert_eq!(found, ["ana.markdown", "People/ANA.md", "Work/2024/Ana.md"]);
        assert_eq!(table.get("ana b").collect::<Vec<_>>(), ["People/Ana B.md"]);
        assert_eq!(table.get("an").len(), 0);
        assert_eq!(table.get("zed").len(), 0);
        assert_eq!(
            table.get_by_path("ana", "people/ana", false),
            ["People/ANA.md"]
        );
        assert_eq!(
            table.get_by_path("ana", "2024/ana", false),
            ["Work/2024/Ana.md"]
        );
        assert_eq!(table.get_by_path("ana", "ana", true), ["ana.markdown"]);
        assert_eq!(table.get_by_path("ana", "2024/ana", true), [""; 0]);
        assert_eq!(table.get_by_path("ana", "ople/ana", false), [""; 0]);
        assert_eq!(table.get_by_path("zed", "x/zed", false), [""; 0]);
    }

    #[test]
    fn link_stems_are_what_links_resolve_by() {
        assert_eq!(
            link_stem("Daily/d.md", "People/Alex Bec#Work|Alex").as_deref(),
            Some("alex bec")
        );
        assert_eq!(link_stem("a.md", "Émile.md").as_deref(), Some("émile"));
        assert_eq!(
            link_stem("Daily/d.md", "../People/Kim.md").as_deref(),
            Some("kim")
        );
        assert_eq!(link_stem("d.md", "../../Kim.md"), None);
        assert_eq!(link_stem("d.md", "#Plans"), None);
    }
}
