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

mod changes;
mod links;
mod person_note;

use std::hash::{DefaultHasher, Hash, Hasher};

use foldhash::{HashMap, HashSet};
use rayon::prelude::*;

pub use self::changes::IdentityChanges;
use self::links::{PathsByStem, file_stem, link_lookup};
pub use self::links::{link_path, link_stem, note_stem};
use self::person_note::ignored_interests;
pub use self::person_note::{NamesNobody, PERSON_MARKER, PersonNote, person_note};
use crate::config::{CONFIG_PATH, Config};
use crate::error::Warning;
use crate::extract::{canonical, mention};

/// The config's `aliases` by canonical handle. An entry whose name is
/// no name (no letter or digit: `""`, `~`, `@`) is left out: it would make
/// each of its spellings a person with no name. It, and a spelling with no
/// name (which claims nothing), get a warning.
fn config_aliases<'c>(
    config: &'c Config,
    warnings: &mut Vec<Warning>,
) -> Vec<(String, &'c [String], Source<'static>)> {
    let mut aliases = Vec::with_capacity(config.aliases.len());
    for (handle, spellings) in &config.aliases {
        let source = Source {
            path: CONFIG_PATH,
            line: config.alias_lines.get(handle).copied(),
        };
        let Some(handle) = mention::canonical_handle(handle) else {
            warnings.push(source.warning(no_name_message(spellings)));
            continue;
        };
        if spellings
            .iter()
            .any(|spelling| mention::handle_from_value(spelling).is_none())
        {
            warnings.push(source.warning(format!(
                "`aliases` has a spelling of `{handle}` with no name (no letter or digit); it is ignored"
            )));
        }
        aliases.push((handle, spellings.as_slice(), source));
    }
    aliases
}

/// Where aliases are written: a person note, or a line of the config.
#[derive(Debug, Clone, Copy)]
struct Source<'a> {
    path: &'a str,
    line: Option<usize>,
}

impl Source<'_> {
    /// A warning about what is written there.
    fn warning(&self, message: impl Into<String>) -> Warning {
        match self.line {
            Some(line) => Warning::at_line(self.path, line, message),
            None => Warning::file(self.path, message),
        }
    }
}

/// What is said of an `aliases` entry of the config with no name.
fn no_name_message(spellings: &[String]) -> String {
    let spellings: Vec<String> = spellings.iter().map(|s| format!("`{s}`")).collect();
    if spellings.is_empty() {
        "`aliases` has an entry with no name; it is ignored".to_owned()
    } else {
        format!(
            "`aliases` has an entry with no name; its spellings {} are ignored",
            spellings.join(", ")
        )
    }
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
    /// The line of the config that says so.
    line: Option<usize>,
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
            let (path, line) = claims
                .get(&cycle[0])
                .map_or((CONFIG_PATH.to_owned(), None), |claim| {
                    (claim.source.clone(), claim.line)
                });
            for name in &cycle {
                claims.remove(name);
            }
            Source { path: &path, line }.warning(cycle_message(&cycle))
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

/// Whether handles `a` and `b` are one person once the aliases claimed so
/// far (`owners`) are followed.
fn same_person(a: &str, b: &str, owners: &HashMap<String, Claim>) -> bool {
    // A cycle is broken later ([`break_cycles`]); here it just stops.
    let follow = |name| chain_end(name, |at| owners.get(at).map(|claim| claim.owner.as_str()));
    a == b || follow(a) == follow(b)
}

/// Where an alias chain from `name` ends (a → b → c), following `next`; a
/// chain is cut after 16 steps, a guard against cycles.
fn chain_end<'n>(mut name: &'n str, next: impl Fn(&'n str) -> Option<&'n str>) -> &'n str {
    for _ in 0..16 {
        match next(name) {
            Some(following) if following != name => name = following,
            _ => break,
        }
    }
    name
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
        let mut claim = |spelling: &str, handle: &str, source: Source<'_>, from_config: bool| {
            let Some(spelling) = mention::canonical_handle(spelling) else {
                return;
            };
            if spelling == handle {
                return;
            }
            if contested.contains(&spelling) {
                warnings.push(source.warning(format!(
                    "alias `{spelling}` is claimed by several people; kith counts it as none of them"
                )));
                return;
            }
            match owners.get(&spelling) {
                // The same person, perhaps by an alias already claimed
                // (`Lp.md`'s alias, where `lp` is Lee Park's).
                Some(Claim { owner, .. }) if same_person(owner, handle, &owners) => {}
                Some(Claim {
                    owner,
                    from_config: true,
                    ..
                }) => warnings.push(source.warning(format!(
                    "alias `{spelling}` of `{handle}` is already `{owner}`'s in the config; it stays with `{owner}`"
                ))),
                Some(Claim {
                    owner,
                    from_config: false,
                    ..
                }) => {
                    warnings.push(source.warning(format!(
                        "alias `{spelling}` is claimed by `{owner}` and `{handle}`; kith counts it as neither"
                    )));
                    contested.insert(spelling.clone());
                    owners.remove(&spelling);
                }
                None => {
                    let claim = Claim {
                        owner: handle.to_owned(),
                        from_config,
                        source: source.path.to_owned(),
                        line: source.line,
                    };
                    owners.insert(spelling, claim);
                }
            }
        };
        for (handle, spellings, source) in &config_aliases {
            for spelling in *spellings {
                claim(spelling, handle, *source, true);
            }
        }
        for note in &people_notes {
            let source = Source {
                path: &note.path,
                line: None,
            };
            for spelling in &note.aliases {
                claim(spelling, &note.handle, source, false);
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
                .filter_map(|p| mention::canonical_handle(p))
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
        // In the order of the files and lines they are about.
        warnings.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
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

    /// The canonical handle of a person written as `name` (already
    /// canonical): aliases followed, `None` when it is not a person.
    pub fn person(&self, name: &str) -> Option<String> {
        let handle = self.follow_aliases(name);
        (!self.ignore_people.contains(handle)).then(|| handle.to_owned())
    }

    /// The handle of the config's `ignore_people` that `name` (already
    /// canonical) leads to, aliases followed, if it leads to one.
    pub fn ignored_person<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        let handle = self.follow_aliases(name);
        self.ignore_people.contains(handle).then_some(handle)
    }

    /// The handles of the config's `ignore_people`, canonical, in no
    /// particular order.
    pub fn ignored_people(&self) -> impl Iterator<Item = &str> {
        self.ignore_people.iter().map(String::as_str)
    }

    /// Where the aliases lead from `name`.
    fn follow_aliases<'a>(&'a self, name: &'a str) -> &'a str {
        // [`Identity::new`] leaves no cycle, so a chain ends.
        chain_end(name, |at| self.aliases.get(at).map(String::as_str))
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
        let matching: Vec<&str> = if exact || target.contains('/') {
            self.by_stem.get_by_path(&stem, &canonical(target), exact)
        } else {
            self.by_stem.get(&stem).collect()
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
    use super::links::without_extension;
    use super::person_note::tests::note;
    use super::*;

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

    /// Two notes made one person (by the config, or by one's alias naming
    /// the other) share their aliases: an alias both claim is that
    /// person's, in whichever order the notes come.
    #[test]
    fn an_alias_claimed_by_two_notes_of_one_person_is_theirs() {
        let paths = ["People/Lee Park.md", "People/Lp.md"];
        let config = Config {
            aliases: [("lee-park".to_owned(), vec!["lp".to_owned()])].into(),
            ..Config::default()
        };
        let by_config = vec![
            note("People/Lee Park.md", "aliases: [leep]\n").unwrap(),
            note("People/Lp.md", "aliases: [leep]\n").unwrap(),
        ];
        let (id, warnings) = Identity::new(&config, paths, by_config);
        assert_eq!(id.person("leep").as_deref(), Some("lee-park"));
        assert_eq!(warnings, []);
        for (first, second) in [
            ("aliases: [lp, leep]\n", "aliases: [leep]\n"),
            ("aliases: [leep, lp]\n", "aliases: [leep]\n"),
        ] {
            let by_alias = vec![
                note("People/Lee Park.md", first).unwrap(),
                note("People/Lp.md", second).unwrap(),
            ];
            let (id, warnings) = Identity::new(&Config::default(), paths, by_alias);
            assert_eq!(id.person("leep").as_deref(), Some("lee-park"));
            let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
            assert_eq!(
                messages,
                [
                    "People/Lp.md: `lp` is also an alias of `lee-park` (in `People/Lee Park.md`), so kith counts this person as `lee-park`; rename the note or drop the alias to tell them apart"
                ]
            );
        }
        // The note whose handle is an alias comes first by path.
        let first_by_path = vec![
            note("People/Ab.md", "aliases: [x]\n").unwrap(),
            note("People/Zed.md", "aliases: [ab, x]\n").unwrap(),
        ];
        let (id, _) = Identity::new(
            &Config::default(),
            ["People/Ab.md", "People/Zed.md"],
            first_by_path,
        );
        assert_eq!(id.person("x").as_deref(), Some("zed"));
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
                ".kith/config.yaml: `aliases` has a spelling of `alex-bec` with no name (no letter or digit); it is ignored",
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
                ".kith/config.yaml: aliases form a cycle: `alex-bec` is a spelling of `priya-nair`, which is a spelling of `alex-bec`; kith takes each of these names as written",
                "People/B.md: aliases form a cycle: `a` is a spelling of `b`, which is a spelling of `c`, which is a spelling of `a`; kith takes each of these names as written",
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
