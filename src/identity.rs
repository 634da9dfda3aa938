//! One person, however they are written: people notes, wikilinks, aliases,
//! and the names a vault says are not people or not interests.
//!
//! A note in the people folder, or with `type: person` (or the tag
//! `person`) in its frontmatter, defines a person: its file name made a
//! handle (`People/Alex Bec.md` is `alex-bec`), its `aliases:` add
//! spellings. A wikilink resolves as Obsidian resolves it: by file name
//! anywhere in the vault, case-insensitively (and whatever the Unicode
//! form of the name: macOS may write `é` as `e` and an accent), the
//! shortest path on a tie; it is a mention when it resolves to a person
//! note.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};

use foldhash::{HashMap, HashSet};
use hashbrown::HashTable;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_yaml::Value;

use crate::config::{CONFIG_PATH, Config};
use crate::error::Warning;
use crate::extract::{canonical, mention, tag};
use crate::note::frontmatter::Frontmatter;
use crate::vault::NOTE_EXTENSIONS;

/// A note that defines a person.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonNote {
    /// The note's path.
    pub path: String,
    /// The person's handle: the file name made a handle.
    pub handle: String,
    /// Other spellings, as written in `aliases:`.
    pub aliases: Vec<String>,
    /// The person's own declared interests (the note's tags), canonical.
    pub interests: Vec<String>,
    /// The note's other properties (email, company, …), as text.
    pub properties: BTreeMap<String, String>,
}

/// Frontmatter keys that never become properties of a person.
const STRUCTURAL_KEYS: [&str; 4] = ["aliases", "alias", "type", "kith"];

/// The person a note defines, if it is a person note: in the people folder,
/// or with `type: person` or the tag `person` (and not `kith: generated`
/// or `kith: ignore`).
pub fn person_note(
    rel_path: &str,
    frontmatter: Option<&Frontmatter<'_>>,
    config: &Config,
) -> Option<PersonNote> {
    // A digest kith wrote, or a note that says `kith: ignore`, counts for
    // nothing: not as a person either.
    if frontmatter.is_some_and(crate::extract::is_generated) {
        return None;
    }
    let in_folder = config.in_people_folder(rel_path);
    let mut declared = false;
    let mut interests = Vec::new();
    let mut aliases = Vec::new();
    let mut properties = BTreeMap::new();
    if let Some(frontmatter) = frontmatter {
        for (key, value) in &frontmatter.mapping {
            let Some(key) = key.as_str() else { continue };
            let lower = key.to_ascii_lowercase();
            if lower == "type" {
                declared |= value
                    .as_str()
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("person"));
            } else if lower == "aliases" || lower == "alias" {
                aliases.extend(alias_strings(value));
            } else if config
                .interest_keys
                .iter()
                .any(|k| k.eq_ignore_ascii_case(key))
            {
                for written in strings(value).iter().flat_map(|s| s.split([',', ' '])) {
                    if let Some(name) = tag::from_value(written).map(canonical) {
                        if name == "person" {
                            declared = true;
                        } else {
                            interests.push(name);
                        }
                    }
                }
            } else if !STRUCTURAL_KEYS.contains(&lower.as_str())
                && !config
                    .people_keys
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(key))
                && let Some(text) = property_text(value)
            {
                properties.insert(key.to_owned(), text);
            }
        }
    }
    if !(in_folder || declared) {
        return None;
    }
    let stem = file_stem(rel_path);
    let handle = mention::handle_from_value(stem).map(|h| canonical(&h))?;
    // Declared interests are interests: `ignore_interests` drops them too.
    let ignored = ignored_interests(config);
    interests.retain(|name| !ignored.iter().any(|i| crate::report::is_within(name, i)));
    interests.sort();
    interests.dedup();
    Some(PersonNote {
        path: rel_path.to_owned(),
        handle,
        aliases,
        interests,
        properties,
    })
}

/// The config's `ignore_interests`, as canonical tag names.
fn ignored_interests(config: &Config) -> Vec<String> {
    config
        .ignore_interests
        .iter()
        .filter_map(|t| tag::from_value(t).map(canonical))
        .collect()
}

/// The strings of a value: a string, or the strings of a list.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Sequence(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// The aliases of an `aliases:` value: a list's strings, or a string's
/// comma-separated parts (Obsidian reads `aliases: Kenji, KT` as two).
fn alias_strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s
            .split(',')
            .map(str::trim)
            .filter(|alias| !alias.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => strings(value),
    }
}

/// A property shown in `kith person`: scalars, and lists of scalars.
fn property_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Sequence(items) => {
            let parts: Vec<String> = items.iter().filter_map(property_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

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
fn link_path(target: &str) -> &str {
    without_extension(target.split(['#', '|']).next().unwrap_or(target).trim())
}

/// Where a link written in the note at `note_path` looks for its note,
/// and whether only that exact path will do: a target that starts with
/// `./` or `../` (Obsidian's "relative path" link format, for wikilinks
/// and markdown links alike) is a path from that note's folder; any other
/// is looked up as written. `None` for a relative target that climbs out
/// of the vault, which names no note.
fn link_lookup<'t>(note_path: &str, target: &'t str) -> Option<(Cow<'t, str>, bool)> {
    if target.starts_with("./") || target.starts_with("../") {
        return join_relative(note_path, target).map(|path| (Cow::Owned(path), true));
    }
    Some((Cow::Borrowed(target), false))
}

/// The canonical file stem of the notes a link written in the note at
/// `note_path` may name (`alex bec` for `[[People/Alex Bec#Work|Alex]]`),
/// as [`Identity::resolve_from`] looks them up: the index files each link
/// under it, so that a scan finds the notes that link to a name whose
/// notes, or whose person, changed. `None` for a link that can name no
/// note whatever the vault holds (one that climbs out of it, or only to a
/// heading of its own note: `[[#Plans]]`).
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
fn file_stem(rel_path: &str) -> &str {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    without_extension(name)
}

/// A note path without its note extension (`.md`, `.markdown`): only those,
/// since a name like `Akira T. Torres` has dots of its own.
fn without_extension(rel_path: &str) -> &str {
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

/// The config's `aliases` by canonical handle. An entry whose name is
/// empty (or only `@`, spaces or dots) is left out: it would make each of
/// its spellings a person with no name. It, and an empty spelling (which
/// claims nothing), get a warning.
fn config_aliases<'c>(
    config: &'c Config,
    warnings: &mut Vec<Warning>,
) -> Vec<(String, &'c [String])> {
    let mut aliases = Vec::with_capacity(config.aliases.len());
    for (handle, spellings) in &config.aliases {
        let Some(handle) = mention::handle_from_value(handle).map(|h| canonical(&h)) else {
            warnings.push(no_name_warning(spellings));
            continue;
        };
        if spellings
            .iter()
            .any(|spelling| mention::handle_from_value(spelling).is_none())
        {
            warnings.push(Warning::file(
                CONFIG_PATH,
                format!("`aliases` has an empty spelling of `{handle}`; it is ignored"),
            ));
        }
        aliases.push((handle, spellings.as_slice()));
    }
    aliases
}

/// The warning for an `aliases` entry of the config with no name.
fn no_name_warning(spellings: &[String]) -> Warning {
    let spellings: Vec<String> = spellings.iter().map(|s| format!("`{s}`")).collect();
    let message = if spellings.is_empty() {
        "`aliases` has an entry with no name; it is ignored".to_owned()
    } else {
        format!(
            "`aliases` has an entry with no name; its spellings {} are ignored",
            spellings.join(", ")
        )
    };
    Warning::file(CONFIG_PATH, message)
}

/// Who a spelling is, and who says so.
#[derive(Debug)]
struct Claim {
    /// The handle the spelling is an alias of.
    owner: String,
    /// Whether the config says so (else a person note).
    from_config: bool,
    /// The file that says so: the config or a person note.
    source: String,
}

/// Takes the aliases that form a cycle (`a` a spelling of `b`, and `b` of
/// `a`) out of `claims`, and returns a warning for each cycle. Following
/// one would go round for ever, and stopping after so many steps would
/// make a name's person depend on where it enters the cycle. So no name in
/// a cycle is an alias: each is the person it is written as, and a
/// spelling that leads into the cycle is the first of its names it
/// reaches. A warning names the names from the smallest on, and the file
/// of the smallest one's claim.
fn break_cycles(claims: &mut HashMap<String, Claim>) -> Vec<Warning> {
    let mut starts: Vec<&str> = claims.keys().map(String::as_str).collect();
    // In order, for the same warnings on every run.
    starts.sort_unstable();
    let mut seen: HashSet<&str> = HashSet::default();
    let mut cycles: Vec<Vec<String>> = Vec::new();
    for start in starts {
        // Each name has one owner at most: the walk from it is a path
        // that ends, or that comes back to a name of its own.
        let mut walk: Vec<&str> = Vec::new();
        let mut next = Some(start);
        while let Some(name) = next
            && seen.insert(name)
        {
            walk.push(name);
            next = claims.get(name).map(|claim| claim.owner.as_str());
        }
        // A name seen on an earlier walk is not on this one: that walk
        // found its cycle, if it has one.
        if let Some(end) = next
            && let Some(at) = walk.iter().position(|walked| *walked == end)
        {
            let mut cycle: Vec<String> = walk[at..].iter().map(|n| (*n).to_owned()).collect();
            let smallest = (0..cycle.len()).min_by_key(|&i| &cycle[i]).unwrap_or(0);
            cycle.rotate_left(smallest);
            cycles.push(cycle);
        }
    }
    cycles
        .into_iter()
        .map(|cycle| {
            let source = claims
                .get(&cycle[0])
                .map_or(CONFIG_PATH, |claim| claim.source.as_str())
                .to_owned();
            for name in &cycle {
                claims.remove(name);
            }
            Warning::file(source, cycle_message(&cycle))
        })
        .collect()
}

/// What a warning says of a cycle of aliases: "`a` is a spelling of `b`,
/// which is a spelling of `a`".
fn cycle_message(cycle: &[String]) -> String {
    let mut message = String::from("aliases form a cycle: ");
    for (i, name) in cycle.iter().chain(cycle.first()).enumerate() {
        match i {
            0 => message.push_str(&format!("`{name}`")),
            1 => message.push_str(&format!(" is a spelling of `{name}`")),
            _ => message.push_str(&format!(", which is a spelling of `{name}`")),
        }
    }
    message.push_str("; kith takes each of these names as written");
    message
}

/// What a wikilink points at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    /// The person, when the link resolves to a person note.
    pub person: Option<String>,
    /// The note it resolves to, if any.
    pub path: Option<String>,
    /// How many notes matched (more than one: resolved by shortest path).
    pub matches: usize,
    /// Whether several notes matched and one of them is a person note: an
    /// ambiguity that decides who is mentioned, worth a warning.
    pub ambiguous_person: bool,
}

/// Note paths by canonical file stem (NFC, lowercase; see
/// [`canonical`]): one table sorted by stem, then shortest path first, and
/// a hash table of where each stem starts in it. Built on every core with
/// two allocations per note, its canonical stem and its path (a vault may hold 100,000 notes; a map with a list per
/// stem cost a tenth of a scan of 100 changed notes).
#[derive(Debug, Clone, Default)]
struct PathsByStem {
    /// (canonical stem, path), sorted.
    entries: Vec<(Box<str>, Box<str>)>,
    /// The index in `entries` of each stem's first path, hashed by stem.
    starts: HashTable<usize>,
    hasher: foldhash::fast::RandomState,
}

impl PathsByStem {
    fn new(paths: Vec<&str>) -> Self {
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
        let mut starts = HashTable::with_capacity(entries.len());
        for (index, (stem, _)) in entries.iter().enumerate() {
            if index > 0 && entries[index - 1].0 == *stem {
                continue;
            }
            starts.insert_unique(hasher.hash_one(stem), index, |&at| {
                hasher.hash_one(&entries[at].0)
            });
        }
        PathsByStem {
            entries,
            starts,
            hasher,
        }
    }

    /// The paths whose canonical stem is `stem`, shortest first.
    fn get(&self, stem: &str) -> impl ExactSizeIterator<Item = &str> + Clone {
        let start = self
            .starts
            .find(self.hasher.hash_one(stem), |&at| {
                &*self.entries[at].0 == stem
            })
            .copied()
            .unwrap_or(self.entries.len());
        // A stem's paths are few: counted one by one from its first.
        let len = self.entries[start..]
            .iter()
            .take_while(|(s, _)| &**s == stem)
            .count();
        self.entries[start..start + len]
            .iter()
            .map(|(_, path)| &**path)
    }
}

/// How who is who changed, as the notes already read see it (see
/// [`Identity::changes_since`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentityChanges {
    /// The people whose spellings (an alias, or a name now an alias) name
    /// someone else now: the notes that mention them must be read again.
    pub people: Vec<String>,
    /// The canonical file stems of person notes, then or now, whose links
    /// resolve otherwise now or are ambiguous otherwise (a person note
    /// added, removed or renamed to or from the name, a note of that name
    /// becoming or no longer a person note, its person renamed by an
    /// alias or ignored): the notes that link to them must be read again.
    pub stems: Vec<String>,
    /// Interests ignored now and not before (each takes the interests
    /// nested under it): the notes that mention them must be read again.
    pub interests: Vec<String>,
    /// The person notes that declare one of those interests (paths): they
    /// must be read again.
    pub person_notes: Vec<String>,
}

/// Who is who in a vault.
#[derive(Debug, Clone, Default)]
pub struct Identity {
    /// Spelling (canonical handle) → canonical handle.
    aliases: HashMap<String, String>,
    ignore_people: HashSet<String>,
    ignore_interests: Vec<String>,
    /// Note paths by canonical file stem.
    by_stem: PathsByStem,
    /// Person note path → handle.
    person_by_path: HashMap<String, String>,
    /// Every person note, sorted by path.
    pub people_notes: Vec<PersonNote>,
}

/// A person note whose handle another person note makes an alias
/// (`People/Lp.md`, and `aliases: [lp]` in `People/Lee Park.md`): the
/// alias wins, so that note's person is someone else, which without a word
/// would look like a person gone missing. The config saying so is no
/// surprise: it is how two names are made one person.
struct TakenHandle {
    /// The person note.
    path: String,
    handle: String,
    /// Whose alias the handle is, and the note that says so.
    owner: String,
    source: String,
}

impl TakenHandle {
    /// The person notes whose handles other person notes' aliases take.
    fn find(people_notes: &[PersonNote], owners: &HashMap<String, Claim>) -> Vec<Self> {
        people_notes
            .iter()
            .filter_map(|note| {
                let claim = owners.get(&note.handle)?;
                (!claim.from_config && claim.owner != note.handle).then(|| TakenHandle {
                    path: note.path.clone(),
                    handle: note.handle.clone(),
                    owner: claim.owner.clone(),
                    source: claim.source.clone(),
                })
            })
            .collect()
    }

    /// The warning, saying who the person is once aliases are followed
    /// to their end (`identity`).
    fn warning(&self, identity: &Identity) -> Warning {
        let counted = match identity.person(&self.handle) {
            Some(person) => format!("so kith counts this person as `{person}`"),
            None => "so kith ignores this person (`ignore_people`)".to_owned(),
        };
        Warning::file(
            &self.path,
            format!(
                "`{}` is also an alias of `{}` (in `{}`), {counted}; rename the note or drop the alias to tell them apart",
                self.handle, self.owner, self.source
            ),
        )
    }
}

/// A warning for each person note whose person another person note (the
/// first by path) already is: `People/Alex Bec.md` and `People/alex
/// bec.md` are both `alex-bec`, and kith takes them for one person.
fn shared_handles(people_notes: &[PersonNote]) -> Vec<Warning> {
    let mut first_note: HashMap<&str, &str> = HashMap::default();
    let mut warnings = Vec::new();
    for note in people_notes {
        match first_note.get(note.handle.as_str()) {
            Some(first) => warnings.push(Warning::file(
                &note.path,
                format!(
                    "`{}` already has a person note, `{first}`: kith takes the two for one person; rename one to tell them apart",
                    note.handle
                ),
            )),
            None => {
                first_note.insert(&note.handle, &note.path);
            }
        }
    }
    warnings
}

impl Identity {
    /// Builds the identity of a vault from its config, the paths of all its
    /// notes and its person notes. Spellings claimed by two people give a
    /// warning (the config wins over person notes, then the first path), as
    /// do aliases that form a cycle (see [`break_cycles`]).
    pub fn new<'p>(
        config: &Config,
        note_paths: impl IntoIterator<Item = &'p str>,
        mut people_notes: Vec<PersonNote>,
    ) -> (Self, Vec<Warning>) {
        let mut warnings = Vec::new();
        let config_aliases = config_aliases(config, &mut warnings);
        people_notes.sort_by(|a, b| a.path.cmp(&b.path));
        warnings.extend(shared_handles(&people_notes));
        // Spelling → its claim. A spelling two person notes claim is
        // ambiguous: it is nobody's alias.
        let mut owners: HashMap<String, Claim> = HashMap::default();
        let mut contested: HashSet<String> = HashSet::default();
        let mut claim = |spelling: &str, handle: &str, source: &str, from_config: bool| {
            let Some(spelling) = mention::handle_from_value(spelling).map(|h| canonical(&h)) else {
                return;
            };
            if spelling == handle {
                return;
            }
            if contested.contains(&spelling) {
                warnings.push(Warning::file(
                    source,
                    format!("alias `{spelling}` is claimed by several people; kith counts it as none of them"),
                ));
                return;
            }
            match owners.get(&spelling) {
                Some(Claim { owner, .. }) if owner == handle => {}
                Some(Claim {
                    owner,
                    from_config: true,
                    ..
                }) => warnings.push(Warning::file(
                    source,
                    format!("alias `{spelling}` of `{handle}` is already `{owner}`'s in the config; it stays with `{owner}`"),
                )),
                Some(Claim {
                    owner,
                    from_config: false,
                    ..
                }) => {
                    warnings.push(Warning::file(
                        source,
                        format!("alias `{spelling}` is claimed by `{owner}` and `{handle}`; kith counts it as neither"),
                    ));
                    contested.insert(spelling.clone());
                    owners.remove(&spelling);
                }
                None => {
                    let claim = Claim {
                        owner: handle.to_owned(),
                        from_config,
                        source: source.to_owned(),
                    };
                    owners.insert(spelling, claim);
                }
            }
        };
        for (handle, spellings) in &config_aliases {
            for spelling in *spellings {
                claim(spelling, handle, CONFIG_PATH, true);
            }
        }
        for note in &people_notes {
            for spelling in &note.aliases {
                claim(spelling, &note.handle, &note.path, false);
            }
        }
        warnings.extend(break_cycles(&mut owners));
        let taken = TakenHandle::find(&people_notes, &owners);
        let aliases: HashMap<String, String> = owners
            .into_iter()
            .map(|(spelling, claim)| (spelling, claim.owner))
            .collect();
        let by_stem = PathsByStem::new(note_paths.into_iter().collect());
        let identity = Identity {
            aliases,
            ignore_people: config
                .ignore_people
                .iter()
                .filter_map(|p| mention::handle_from_value(p).map(|h| canonical(&h)))
                .collect(),
            ignore_interests: ignored_interests(config),
            person_by_path: people_notes
                .iter()
                .map(|n| (n.path.clone(), n.handle.clone()))
                .collect(),
            by_stem,
            people_notes,
        };
        warnings.extend(taken.iter().map(|taken| taken.warning(&identity)));
        // Two claims can make one warning (a spelling listed twice).
        let mut told = HashSet::default();
        warnings.retain(|warning| told.insert(warning.to_string()));
        (identity, warnings)
    }

    /// The [`Identity::fingerprint`] of the identity [`Identity::new`]
    /// builds from the same arguments, without keeping the path of every
    /// note: only paths that share a person note's name decide it. A quick
    /// check that who is who has not changed.
    pub fn fingerprint_of<'p>(
        config: &Config,
        note_paths: impl ParallelIterator<Item = &'p str>,
        people_notes: Vec<PersonNote>,
    ) -> String {
        let person_stems: HashSet<String> = people_notes
            .iter()
            .map(|note| note_stem(&note.path))
            .collect();
        // On every core, with one buffer per rayon job for the lowercase
        // stem of an ASCII name: no allocation per note.
        let deciding: Vec<&str> = note_paths
            .map_init(String::new, |lowercase, path| {
                let stem = file_stem(path);
                let deciding = if stem.is_ascii() {
                    lowercase.clear();
                    lowercase.push_str(stem);
                    lowercase.make_ascii_lowercase();
                    person_stems.contains(lowercase)
                } else {
                    person_stems.contains(&canonical(stem))
                };
                deciding.then_some(path)
            })
            .flatten()
            .collect();
        Identity::new(config, deciding, people_notes)
            .0
            .fingerprint()
    }

    /// Who was who when the index was last written, from its note paths
    /// and person notes then: [`Identity::new`], keeping of the paths only
    /// those [`Identity::changes_since`] compares with `self` (the ones
    /// that share a name with a person note, then or now). Its fingerprint
    /// is the full identity's.
    pub fn earlier<'p>(
        &self,
        config: &Config,
        note_paths: impl IntoIterator<Item = &'p str>,
        people_notes: Vec<PersonNote>,
    ) -> (Self, Vec<Warning>) {
        let stems: HashSet<String> = self
            .people_notes
            .iter()
            .chain(&people_notes)
            .map(|note| note_stem(&note.path))
            .collect();
        let deciding = note_paths
            .into_iter()
            .filter(|path| stems.contains(&note_stem(path)));
        Identity::new(config, deciding, people_notes)
    }

    /// What changed in who is who since `earlier` (see
    /// [`Identity::earlier`]), for the notes read with it; `None` when that
    /// cannot be told from the index: a name that was ignored, and so is in
    /// no posting list, counts now.
    pub fn changes_since(&self, earlier: &Identity) -> Option<IdentityChanges> {
        let mut changes = IdentityChanges::default();
        let ignored_now = |interest: &String| self.ignore_interests.contains(interest);
        if !earlier.ignore_interests.iter().all(ignored_now) {
            return None;
        }
        changes.interests = self
            .ignore_interests
            .iter()
            .filter(|interest| !earlier.ignore_interests.contains(interest))
            .cloned()
            .collect();
        changes.person_notes = earlier
            .people_notes
            .iter()
            .filter(|note| {
                note.interests.iter().any(|name| {
                    changes
                        .interests
                        .iter()
                        .any(|ignored| crate::report::is_within(name, ignored))
                })
            })
            .map(|note| note.path.clone())
            .collect();
        // A spelling names someone else only if it is an alias or
        // ignored, then or now.
        let spellings: HashSet<&String> = self
            .aliases
            .keys()
            .chain(earlier.aliases.keys())
            .chain(&self.ignore_people)
            .chain(&earlier.ignore_people)
            .collect();
        for spelling in spellings {
            let (before, now) = (earlier.person(spelling), self.person(spelling));
            if before != now {
                changes.people.push(before?);
            }
        }
        let stems: HashSet<String> = self
            .people_notes
            .iter()
            .chain(&earlier.people_notes)
            .map(|note| note_stem(&note.path))
            .collect();
        for stem in stems {
            if self.people_named(&stem) != earlier.people_named(&stem) {
                changes.stems.push(stem);
            }
        }
        changes.people.sort();
        changes.people.dedup();
        changes.stems.sort();
        Some(changes)
    }

    /// The notes whose canonical file stem is `stem`, shortest path first,
    /// each with whether it is a person note and the person it is (none
    /// for a person note of an ignored name): what a link to that stem
    /// resolves by, and whether it is ambiguous.
    fn people_named(&self, stem: &str) -> Vec<(&str, bool, Option<String>)> {
        self.by_stem
            .get(stem)
            .map(|path| {
                let handle = self.person_by_path.get(path);
                let person = handle.and_then(|handle| self.person(handle));
                (path, handle.is_some(), person)
            })
            .collect()
    }

    /// The canonical handle of a person written as `name` (already
    /// canonical): aliases followed, `None` when it is not a person.
    pub fn person(&self, name: &str) -> Option<String> {
        let mut handle = name;
        // Follow alias chains (a → b → c). [`Identity::new`] leaves no
        // cycle, so a chain ends; the bound is a guard all the same.
        for _ in 0..16 {
            match self.aliases.get(handle) {
                Some(next) if next != handle => handle = next,
                _ => break,
            }
        }
        (!self.ignore_people.contains(handle)).then(|| handle.to_owned())
    }

    /// Whether an interest counts (`ignore_interests` drops it and every
    /// interest nested under it).
    pub fn keeps_interest(&self, name: &str) -> bool {
        !self
            .ignore_interests
            .iter()
            .any(|ignored| crate::report::is_within(name, ignored))
    }

    /// Resolves a wikilink target (`People/Alex Bec#Work`) as Obsidian does.
    pub fn resolve(&self, target: &str) -> Resolved {
        self.resolve_as(target, false)
    }

    /// Resolves a link written in the note at `note_path`: a relative
    /// target (see [`link_lookup`]) names exactly the note at the path it
    /// gives, or none; any other is resolved as [`Identity::resolve`]
    /// does.
    pub fn resolve_from(&self, note_path: &str, target: &str) -> Resolved {
        link_lookup(note_path, target)
            .map(|(target, exact)| self.resolve_as(&target, exact))
            .unwrap_or_default()
    }

    /// [`Identity::resolve`], or with `exact` the note at that vault path
    /// only, never one of the same name elsewhere.
    fn resolve_as(&self, target: &str, exact: bool) -> Resolved {
        let target = link_path(target);
        let stem = note_stem(target);
        let none = Resolved::default();
        let paths = self.by_stem.get(&stem);
        if paths.len() == 0 {
            return none;
        }
        let wanted = canonical(target);
        let matching: Vec<&str> = if exact || target.contains('/') {
            paths
                .filter(|p| {
                    let p = canonical(without_extension(p));
                    p == wanted || (!exact && p.ends_with(&format!("/{wanted}")))
                })
                .collect()
        } else {
            paths.collect()
        };
        let Some(first) = matching.first() else {
            return none;
        };
        Resolved {
            person: self
                .person_by_path
                .get(*first)
                .and_then(|handle| self.person(handle)),
            path: Some((*first).to_owned()),
            matches: matching.len(),
            ambiguous_person: matching.len() > 1
                && matching
                    .iter()
                    .any(|p| self.person_by_path.contains_key(*p)),
        }
    }

    /// A fingerprint of everything that decides who a name is: when it
    /// changes, notes indexed before must be read again.
    pub fn fingerprint(&self) -> String {
        let mut hasher = DefaultHasher::new();
        // Only what decides who a name is: a person note's declared
        // interests and properties are read from its own row when asked
        // for, so editing them re-reads that note alone, not the vault.
        for note in &self.people_notes {
            (&note.path, &note.handle, &note.aliases).hash(&mut hasher);
        }
        let mut aliases: Vec<_> = self.aliases.iter().collect();
        aliases.sort();
        aliases.hash(&mut hasher);
        let mut ignored: Vec<_> = self.ignore_people.iter().collect();
        ignored.sort();
        ignored.hash(&mut hasher);
        self.ignore_interests.hash(&mut hasher);
        // Link resolution depends on which notes share a person note's name.
        for note in &self.people_notes {
            let paths: Vec<&str> = self.by_stem.get(&note_stem(&note.path)).collect();
            (!paths.is_empty()).then_some(&paths).hash(&mut hasher);
        }
        format!("{:016x}", hasher.finish())
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
    use crate::note::frontmatter;

    fn note(path: &str, yaml: &str) -> Option<PersonNote> {
        let parsed = frontmatter::parse(path, yaml, 4, 2).unwrap();
        person_note(path, parsed.as_ref(), &Config::default())
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
    }

    #[test]
    fn people_folder_and_type_person_define_people() {
        let alex = note(
            "People/Alex Bec.md",
            "aliases: [Alex, AB]\nemail: a@b.c\ntags: [running]\n",
        )
        .unwrap();
        assert_eq!(alex.handle, "alex-bec");
        assert_eq!(alex.aliases, ["Alex", "AB"]);
        assert_eq!(alex.interests, ["running"]);
        assert_eq!(alex.properties["email"], "a@b.c");
        assert!(note("Notes/Kim Lee.md", "type: person\n").is_some());
        assert!(note("Notes/Kim Lee.md", "tags: [person, climbing]\n").is_some());
        assert!(note("Notes/Trip.md", "tags: [travel]\n").is_none());
        assert!(note("Peoplex/Kim.md", "").is_none());
        assert!(note("Plan 🚀.md", "").is_none(), "no panic mid-character");
    }

    #[test]
    fn ignored_interests_are_not_declared() {
        let config = Config {
            ignore_interests: vec!["#secret".into()],
            ..Config::default()
        };
        let yaml = "tags: [secret, secret/plans, running, person]\n";
        let parsed = frontmatter::parse("Notes/Kim.md", yaml, 4, 2).unwrap();
        let kim = person_note("Notes/Kim.md", parsed.as_ref(), &config).unwrap();
        assert_eq!(kim.interests, ["running"]);
    }

    fn identity() -> Identity {
        let mut config = Config::default();
        config
            .aliases
            .insert("alex-bec".into(), vec!["alex".into(), "Alex B".into()]);
        config.ignore_people = vec!["here".into()];
        config.ignore_interests = vec!["daily".into()];
        let people = vec![
            note("People/Alex Bec.md", "aliases: [AB]\n").unwrap(),
            note("People/Kim Lee.md", "aliases: [kimmy]\n").unwrap(),
        ];
        let paths = [
            "People/Alex Bec.md",
            "People/Kim Lee.md",
            "Archive/People/Kim Lee.md",
            "Trip.md",
        ];
        Identity::new(&config, paths, people).0
    }

    #[test]
    fn aliases_and_ignores() {
        let id = identity();
        assert_eq!(id.person("alex").as_deref(), Some("alex-bec"));
        assert_eq!(id.person("alex-b").as_deref(), Some("alex-bec"));
        assert_eq!(id.person("ab").as_deref(), Some("alex-bec"));
        assert_eq!(id.person("kimmy").as_deref(), Some("kim-lee"));
        assert_eq!(id.person("ana").as_deref(), Some("ana"));
        assert_eq!(id.person("here"), None);
        assert!(!id.keeps_interest("daily") && !id.keeps_interest("daily/log"));
        assert!(id.keeps_interest("dailies"));
    }

    #[test]
    fn changes_since_names_the_spellings_and_stems_that_resolve_otherwise() {
        let config = Config::default();
        let earlier_paths = ["People/Kim Lee.md", "Notes/Ana.md", "Trip.md"];
        let (earlier, _) = Identity::new(
            &config,
            earlier_paths,
            vec![note("People/Kim Lee.md", "aliases: [kimmy]\n").unwrap()],
        );
        // Kim gains the alias `bo`, and Ana a person note: links to `ana`
        // now have two notes to choose from, one a person's.
        let now_people = vec![
            note("People/Kim Lee.md", "aliases: [kimmy, bo]\n").unwrap(),
            note("People/Ana.md", "").unwrap(),
        ];
        let mut now_paths = earlier_paths.to_vec();
        now_paths.push("People/Ana.md");
        let (now, _) = Identity::new(&config, now_paths.iter().copied(), now_people);
        let changes = now.changes_since(&earlier).unwrap();
        assert_eq!(changes.people, ["bo"]);
        assert_eq!(changes.stems, ["ana"]);
        assert_eq!(now.changes_since(&now), Some(IdentityChanges::default()));

        // Built from only the paths it compares, the earlier identity has
        // the full one's fingerprint.
        let people = vec![note("People/Kim Lee.md", "aliases: [kimmy]\n").unwrap()];
        let (rebuilt, _) = now.earlier(&config, earlier_paths, people);
        assert_eq!(rebuilt.fingerprint(), earlier.fingerprint());
        assert_eq!(now.changes_since(&rebuilt), Some(changes));
    }

    #[test]
    fn changes_since_cannot_tell_which_notes_named_an_ignored_spelling() {
        let config = Config {
            ignore_people: vec!["bo".into()],
            ..Config::default()
        };
        let paths = ["People/Kim Lee.md"];
        let before = vec![note("People/Kim Lee.md", "").unwrap()];
        let after = vec![note("People/Kim Lee.md", "aliases: [bo]\n").unwrap()];
        let (earlier, _) = Identity::new(&config, paths, before);
        let (now, _) = Identity::new(&config, paths, after);
        // `@bo` was nobody, so the index has no list of the notes that
        // wrote it: they cannot be told apart from the others.
        assert_eq!(now.person("bo").as_deref(), Some("kim-lee"));
        assert_eq!(now.changes_since(&earlier), None);
    }

    /// A note becoming the person note of an ignored name changes no
    /// link's person, but makes links to its name ambiguous (a warning):
    /// the stem is reported.
    #[test]
    fn changes_since_reports_an_ignored_person_note_appearing() {
        let config = Config {
            ignore_people: vec!["bo".into()],
            ..Config::default()
        };
        let paths = ["Bo.md", "Contacts/Bo.md"];
        let (earlier, _) = Identity::new(&config, paths, vec![]);
        let bo = frontmatter::parse("Contacts/Bo.md", "type: person\n", 4, 2).unwrap();
        let bo = person_note("Contacts/Bo.md", bo.as_ref(), &config).unwrap();
        let (now, _) = Identity::new(&config, paths, vec![bo]);
        assert!(now.resolve("Bo").ambiguous_person);
        assert!(!earlier.resolve("Bo").ambiguous_person);
        assert_eq!(now.changes_since(&earlier).unwrap().stems, ["bo"]);
    }

    #[test]
    fn a_person_note_whose_handle_is_another_persons_alias_is_warned_about() {
        let people = vec![
            note("People/Lee Park.md", "aliases: [lp]\n").unwrap(),
            note("People/Lp.md", "").unwrap(),
        ];
        let paths = ["People/Lee Park.md", "People/Lp.md"];
        let (id, warnings) = Identity::new(&Config::default(), paths, people);
        assert_eq!(id.person("lp").as_deref(), Some("lee-park"));
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "People/Lp.md: `lp` is also an alias of `lee-park` (in `People/Lee Park.md`), so kith counts this person as `lee-park`; rename the note or drop the alias to tell them apart"
            ]
        );
    }

    #[test]
    fn changes_since_names_interests_now_ignored_and_who_declares_them() {
        let note_with = |config: &Config| {
            let yaml = "tags: [climbing/indoor, books]\n";
            let parsed = frontmatter::parse("People/Kim.md", yaml, 4, 2).unwrap();
            person_note("People/Kim.md", parsed.as_ref(), config).unwrap()
        };
        let before = Config::default();
        let after = Config {
            ignore_interests: vec!["#climbing".into()],
            ..Config::default()
        };
        let paths = ["People/Kim.md"];
        let (earlier, _) = Identity::new(&before, paths, vec![note_with(&before)]);
        let (now, _) = Identity::new(&after, paths, vec![note_with(&after)]);
        let changes = now.changes_since(&earlier).unwrap();
        assert_eq!(changes.interests, ["climbing"]);
        assert_eq!(changes.person_notes, ["People/Kim.md"]);
        // Counted again, an interest is in no posting list: untraceable.
        assert_eq!(earlier.changes_since(&now), None);
    }

    #[test]
    fn a_taken_handle_is_warned_about_as_who_it_ends_up_as() {
        let mut config = Config::default();
        config.aliases.insert("zed".into(), vec!["a".into()]);
        let people = vec![
            note("People/A.md", "aliases: [b]\n").unwrap(),
            note("People/B.md", "aliases: [c]\n").unwrap(),
            note("People/C.md", "").unwrap(),
        ];
        let paths = ["People/A.md", "People/B.md", "People/C.md"];
        let (id, warnings) = Identity::new(&config, paths, people.clone());
        assert_eq!(id.person("c").as_deref(), Some("zed"));
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "People/B.md: `b` is also an alias of `a` (in `People/A.md`), so kith counts this person as `zed`; rename the note or drop the alias to tell them apart",
                "People/C.md: `c` is also an alias of `b` (in `People/B.md`), so kith counts this person as `zed`; rename the note or drop the alias to tell them apart",
            ]
        );
        config.ignore_people = vec!["zed".into()];
        let (_, warnings) = Identity::new(&config, paths, people);
        assert!(
            warnings[0]
                .to_string()
                .contains("so kith ignores this person"),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_spelling_claimed_twice_the_same_way_is_one_warning() {
        let people = vec![
            note("People/A.md", "aliases: [x]\n").unwrap(),
            note("People/B.md", "aliases: [x]\n").unwrap(),
            note("People/C.md", "aliases: [x, X]\n").unwrap(),
        ];
        let paths = ["People/A.md", "People/B.md", "People/C.md"];
        let (_, warnings) = Identity::new(&Config::default(), paths, people);
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "People/B.md: alias `x` is claimed by `a` and `b`; kith counts it as neither",
                "People/C.md: alias `x` is claimed by several people; kith counts it as none of them",
            ]
        );
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

    #[test]
    fn quick_fingerprint_equals_the_full_one() {
        let people = || {
            vec![
                note("People/Alex Bec.md", "aliases: [AB]\n").unwrap(),
                note("People/Kim Lee.md", "").unwrap(),
                note("People/Émile Zola.md", "").unwrap(),
            ]
        };
        let config = Config::default();
        let with_namesake = [
            "People/Alex Bec.md",
            "People/Kim Lee.md",
            "People/Émile Zola.md",
            "Old/kim lee.md",
            "Trip.md",
        ];
        // Found only by the Unicode lowercase (not ASCII) of its name.
        let with_unicode_namesake = [
            "People/Alex Bec.md",
            "People/Kim Lee.md",
            "People/Émile Zola.md",
            "Old/ÉMILE ZOLA.md",
            "Trip.md",
        ];
        let without = [
            "People/Alex Bec.md",
            "People/Kim Lee.md",
            "People/Émile Zola.md",
            "Trip.md",
            "Other.md",
        ];
        for paths in [&with_namesake[..], &with_unicode_namesake[..], &without[..]] {
            let full = Identity::new(&config, paths.iter().copied(), people()).0;
            let quick = Identity::fingerprint_of(&config, paths.par_iter().copied(), people());
            assert_eq!(quick, full.fingerprint(), "{paths:?}");
        }
        // A namesake of a person note changes how links resolve; a note
        // with another name does not.
        let quick =
            |paths: &[&str]| Identity::fingerprint_of(&config, paths.par_iter().copied(), people());
        assert_ne!(quick(&with_namesake), quick(&without));
        assert_ne!(quick(&with_unicode_namesake), quick(&without));
        assert_eq!(quick(&without), quick(&without[..4]));
    }

    #[test]
    fn names_with_dots_keep_them() {
        assert_eq!(file_stem("People/Akira T. Torres.md"), "Akira T. Torres");
        assert_eq!(without_extension("Akira T. Torres"), "Akira T. Torres");
        assert_eq!(without_extension("Notes/x.MARKDOWN"), "Notes/x");
        let people = vec![note("People/Akira T. Torres.md", "").unwrap()];
        let (id, _) = Identity::new(&Config::default(), ["People/Akira T. Torres.md"], people);
        assert_eq!(
            id.resolve("Akira T. Torres").person.as_deref(),
            Some("akira-t.-torres")
        );
        assert_eq!(
            id.resolve("Akira T. Torres.md").person.as_deref(),
            Some("akira-t.-torres")
        );
    }

    #[test]
    fn wikilinks_resolve_like_obsidian() {
        let id = identity();
        let alex = id.resolve("alex bec");
        assert_eq!(alex.person.as_deref(), Some("alex-bec"));
        assert_eq!(
            id.resolve("People/Alex Bec#Work").person.as_deref(),
            Some("alex-bec")
        );
        assert_eq!(id.resolve("Trip").person, None);
        assert_eq!(id.resolve("Trip").matches, 1);
        assert_eq!(id.resolve("Nowhere").matches, 0);
        let kim = id.resolve("Kim Lee");
        assert_eq!(
            (kim.person.as_deref(), kim.matches),
            (Some("kim-lee"), 2),
            "shortest path wins"
        );
        assert_eq!(
            id.resolve("Archive/People/Kim Lee").person,
            None,
            "a path picks that note"
        );
    }

    #[test]
    fn wikilinks_resolve_whatever_the_unicode_form() {
        let nfd = "People/Zoe\u{308} Ba.md";
        let people = vec![
            note(nfd, "").unwrap(),
            note("People/José Li.md", "").unwrap(),
        ];
        let paths = [nfd, "People/José Li.md"];
        let (id, _) = Identity::new(&Config::default(), paths, people.clone());
        for link in ["Zoë Ba", "ZOË BA", "Zoe\u{308} Ba", "People/Zoë Ba"] {
            assert_eq!(id.resolve(link).person.as_deref(), Some("zoë-ba"), "{link}");
        }
        assert_eq!(
            id.resolve("Jose\u{301} Li").person.as_deref(),
            Some("josé-li")
        );
        let quick = Identity::fingerprint_of(&Config::default(), paths.par_iter().copied(), people);
        assert_eq!(quick, id.fingerprint());
    }

    #[test]
    fn an_aliases_string_is_a_comma_separated_list() {
        let kenji = note("People/Kenji Tanaka.md", "aliases: \"Kenji, KT\"\n").unwrap();
        assert_eq!(kenji.aliases, ["Kenji", "KT"]);
        let listed = note("People/Kenji Tanaka.md", "aliases: [\"Kenji, KT\"]\n").unwrap();
        assert_eq!(listed.aliases, ["Kenji, KT"], "a list's items stay whole");
    }

    #[test]
    fn alias_chains_are_followed_and_conflicts_warned() {
        let mut config = Config::default();
        config.aliases.insert("b".into(), vec!["c".into()]);
        config.aliases.insert("a".into(), vec!["b".into()]);
        let people = vec![note("People/D.md", "aliases: [c]\n").unwrap()];
        let (id, warnings) = Identity::new(&config, ["People/D.md"], people);
        assert_eq!(id.person("c").as_deref(), Some("a"));
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .contains("alias `c` of `d` is already `b`'s in the config"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn an_alias_entry_with_an_empty_name_is_ignored_with_a_warning() {
        let mut config = Config::default();
        config.aliases.insert(String::new(), vec!["b".into()]);
        config.aliases.insert("@".into(), Vec::new());
        config
            .aliases
            .insert("alex-bec".into(), vec!["".into(), "alex".into()]);
        let (id, warnings) = Identity::new(&config, [], Vec::new());
        assert_eq!(id.person("b").as_deref(), Some("b"), "nobody's spelling");
        assert_eq!(id.person("alex").as_deref(), Some("alex-bec"));
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                ".kith/config.yaml: `aliases` has an entry with no name; its spellings `b` are ignored",
                ".kith/config.yaml: `aliases` has an entry with no name; it is ignored",
                ".kith/config.yaml: `aliases` has an empty spelling of `alex-bec`; it is ignored",
            ]
        );
    }

    #[test]
    fn alias_cycles_are_broken_with_a_warning() {
        let mut config = Config::default();
        config
            .aliases
            .insert("alex-bec".into(), vec!["priya-nair".into(), "alex".into()]);
        config
            .aliases
            .insert("priya-nair".into(), vec!["alex-bec".into()]);
        // A longer cycle, one of its links in a person note.
        config.aliases.insert("c".into(), vec!["b".into()]);
        config.aliases.insert("a".into(), vec!["c".into()]);
        let people = vec![note("People/B.md", "aliases: [a]\n").unwrap()];
        let (id, warnings) = Identity::new(&config, [], people);
        // Every name in a cycle is itself, whichever way it is reached.
        for (name, person) in [
            ("alex-bec", "alex-bec"),
            ("priya-nair", "priya-nair"),
            ("alex", "alex-bec"),
            ("a", "a"),
            ("b", "b"),
            ("c", "c"),
        ] {
            assert_eq!(id.person(name).as_deref(), Some(person), "{name}");
        }
        // Only the alias outside the cycles is left.
        let aliases: Vec<(&str, &str)> = id
            .aliases
            .iter()
            .map(|(spelling, handle)| (spelling.as_str(), handle.as_str()))
            .collect();
        assert_eq!(aliases, [("alex", "alex-bec")]);
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "People/B.md: aliases form a cycle: `a` is a spelling of `b`, which is a spelling of `c`, which is a spelling of `a`; kith takes each of these names as written",
                ".kith/config.yaml: aliases form a cycle: `alex-bec` is a spelling of `priya-nair`, which is a spelling of `alex-bec`; kith takes each of these names as written",
            ]
        );
    }

    #[test]
    fn an_alias_two_person_notes_claim_is_nobodys() {
        let people = vec![
            note("People/Adam Olsen.md", "aliases: [Adam]\n").unwrap(),
            note("People/Adam Yamamoto.md", "aliases: [Adam]\n").unwrap(),
        ];
        let (id, warnings) = Identity::new(&Config::default(), ["People/Adam Olsen.md"], people);
        assert_eq!(id.person("adam").as_deref(), Some("adam"));
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].message.contains("kith counts it as neither"),
            "{}",
            warnings[0].message
        );
    }
}
