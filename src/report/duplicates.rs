//! Names that are probably one person, for `kith check`, each with the
//! config that would merge them.
//!
//! Three rules: names equal once `-`, `_`, `.` and accents are removed
//! (`sam-lee`, `samlee`; `jose`, `josé`); one the start of the other at a
//! word boundary, accents aside (`alex`, `alex-bec`; `maria`,
//! `maría-garcía`); and names of five letters or more one letter apart
//! (`kenji-tanaka`, `kenji-tanka`). Names equal but for separators are one
//! finding, whatever their number; the other rules then compare the name
//! each such group keeps. Handles that differ in a digit or a one-letter
//! part (`pablo81`, `pablo89`; `bianca_u`, `bianca_w`) are how people tell
//! namesakes apart, and a first name that starts several names
//! (`bianca`: `bianca_u`, `bianca-lee`) may be any of them: that finding
//! has no fix. A name equal to someone's alias but for separators and
//! accents, or one letter from it, goes with that person.
//!
//! The name kept is the one with a person note, then the longer one (for
//! a first name and a full one), then the one mentioned most; two names
//! that each have a person note are two people unless they differ only in
//! separators.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::check::{Finding, FindingKind};

/// `(name, mentions, first path, first line)` of a person.
pub type PersonCount = (String, i64, String, i64);

/// Why two names look like one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Equal once `-`, `_`, `.` and accents are removed.
    Separators,
    /// One is the start of the other at a word boundary.
    Start,
    /// One letter apart.
    OneLetter,
    /// Equal to the other's alias once `-`, `_`, `.` and accents are
    /// removed.
    Alias,
    /// One letter apart from the other's alias.
    AliasOneLetter,
}

impl Rule {
    /// How a finding says it.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Separators => "equal without `-`, `_`, `.` and accents",
            Rule::Start => "one is the start of the other",
            Rule::OneLetter => "one letter apart",
            Rule::Alias => "equal to an alias of theirs without `-`, `_`, `.` and accents",
            Rule::AliasOneLetter => "one letter apart from an alias of theirs",
        }
    }
}

/// The name without accents (`maría` is `maria`): a name is often
/// written without them.
fn unaccented(name: &str) -> String {
    name.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The name without separators and accents.
pub fn without_separators(name: &str) -> String {
    unaccented(name).replace(['-', '_', '.'], "")
}

/// Whether `short` starts `long` at a word boundary (both unaccented).
fn starts_plain(short: &str, long: &str) -> bool {
    long.len() > short.len()
        && long.starts_with(short)
        && long[short.len()..].starts_with(['-', '_', '.'])
}

/// Whether `short` starts `long` at a word boundary, accents aside (what
/// [`findings`] finds, for every pair at once, in a sorted list).
#[cfg(test)]
fn starts(short: &str, long: &str) -> bool {
    starts_plain(&unaccented(short), &unaccented(long))
}

/// Whether `a` and `b` (five letters or more each) differ in one letter:
/// one changed, added or removed, not a digit, and not in a part of one
/// letter (an initial).
fn one_letter_apart(a: &str, b: &str) -> bool {
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    if letters(a) < 5 || letters(b) < 5 || strsim::levenshtein(a, b) != 1 {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let same_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // The characters that differ: one changed at `same_start` in both, or
    // one added there in the longer name.
    let differing = match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => [a.get(same_start), b.get(same_start)],
        std::cmp::Ordering::Less => [b.get(same_start), None],
        std::cmp::Ordering::Greater => [a.get(same_start), None],
    };
    if differing.iter().flatten().any(|c| !c.is_alphabetic()) {
        return false;
    }
    let part_len = |name: &[char]| {
        let start = name[..same_start.min(name.len())]
            .iter()
            .rposition(|c| matches!(c, '-' | '_' | '.'))
            .map_or(0, |at| at + 1);
        name[start..]
            .iter()
            .take_while(|c| !matches!(c, '-' | '_' | '.'))
            .count()
    };
    part_len(&a) > 1 && part_len(&b) > 1
}

/// Why two names look like one person, if they do.
#[cfg(test)]
fn rule(a: &str, b: &str) -> Option<Rule> {
    if without_separators(a) == without_separators(b) {
        Some(Rule::Separators)
    } else if starts(a, b) || starts(b, a) {
        Some(Rule::Start)
    } else if one_letter_apart(a, b) {
        Some(Rule::OneLetter)
    } else {
        None
    }
}

fn mentions(count: i64) -> String {
    if count == 1 {
        "1 mention".to_owned()
    } else {
        format!("{count} mentions")
    }
}

/// `` `name` (3 mentions) ``.
fn named(person: &PersonCount) -> String {
    format!("`{}` ({})", person.0, mentions(person.1))
}

/// `a`, `a and b`, `a, b and c`.
fn listed(items: &[String], last_word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {last_word} {last}", rest.join(", ")),
    }
}

/// What the config already says of aliases, for snippets that paste into
/// it: with an `aliases:` key written, a snippet is the entry to put under
/// it, holding the spellings the entry of its kept name already has.
#[derive(Debug, Default)]
pub struct ConfigAliases {
    /// The config has an `aliases:` key.
    pub written: bool,
    /// Each entry's spellings as the config writes them, by the entry's own
    /// canonical handle (not the person it leads to: a chain's entries are
    /// apart).
    pub spellings: HashMap<String, Vec<String>>,
}

/// The findings of likely duplicates among `people`; `with_note` holds the
/// people who have a person note, and `aliases` the aliases that take
/// effect, their notes' and the config's, as (person, alias as written): a
/// name that is one of them but for separators and accents, or one letter
/// from one, goes with that person. Fixes never conflict: a
/// name is merged into one other at most, a name merged is kept for none,
/// and each kept name has one snippet, so that every fix can be pasted
/// together (see [`ConfigAliases`]).
pub fn findings(
    people: &[PersonCount],
    with_note: &HashSet<String>,
    aliases: &[(String, String)],
    config: &ConfigAliases,
) -> Vec<Finding> {
    let has_note = |p: &PersonCount| with_note.contains(&p.0);
    // Best first: a person note, then mentions, then the name.
    let rank = |p: &PersonCount| (has_note(p), p.1, Reverse(p.0.clone()));
    let mut out = Vec::new();

    // Each alias, by its name without separators, for its one person (an
    // alias two people share, so written, names neither).
    let alias_owner: BTreeMap<String, Option<&str>> =
        sole_owners(aliases.iter().filter_map(|(person, alias)| {
            let key = without_separators(&crate::report::person::handle_of(alias));
            (!key.is_empty() && key != without_separators(person)).then_some((key, person.as_str()))
        }));
    // A person an alias look-alike goes to, mentioned or not.
    let mut owners: Vec<PersonCount> = Vec::new();
    // Each group: its names, each with why it is in (none for the names
    // equal to the group's key but for separators).
    let mut groups: BTreeMap<String, Vec<(&PersonCount, Rule)>> = BTreeMap::new();
    let mut looks_like: Vec<(&PersonCount, &str)> = Vec::new();
    for person in people {
        let key = without_separators(&person.0);
        // A name of separators alone is no name to compare.
        if key.is_empty() {
            continue;
        }
        match alias_owner.get(&key) {
            Some(Some(owner)) => looks_like.push((person, owner)),
            _ => groups
                .entry(key)
                .or_default()
                .push((person, Rule::Separators)),
        }
    }
    for (_, owner) in &looks_like {
        let key = without_separators(owner);
        if !groups.contains_key(&key) && !owners.iter().any(|o| o.0 == *owner) {
            owners.push(((*owner).to_owned(), 0, String::new(), 0));
        }
    }
    for owner in &owners {
        groups
            .entry(without_separators(&owner.0))
            .or_default()
            .push((owner, Rule::Separators));
    }
    for (person, owner) in looks_like {
        groups
            .entry(without_separators(owner))
            .or_default()
            .push((person, Rule::Alias));
    }
    // One name per group: the one kept (the group's person note, if any).
    let mut kept: Vec<&PersonCount> = Vec::with_capacity(groups.len());
    // The names kept that other names are merged into, and those names.
    let mut keeps: HashSet<usize> = HashSet::new();
    let mut merges: BTreeMap<usize, Vec<(&PersonCount, Rule)>> = BTreeMap::new();
    for group in groups.values_mut() {
        group.sort_by_key(|(p, _)| Reverse(rank(p)));
        if group.len() > 1 {
            keeps.insert(kept.len());
            merges.insert(kept.len(), group[1..].to_vec());
        }
        kept.push(group[0].0);
    }

    let mut pairs: Vec<(usize, usize, Rule)> = Vec::new();
    start_pairs(&kept, &has_note, &mut pairs, &mut out);
    let alias_forms = alias_forms(&kept, aliases);
    for (a, b) in one_letter_pairs(&kept, &alias_forms) {
        match (a, b) {
            (Compared::Name(a), Compared::Name(b)) => {
                if has_note(kept[a]) && has_note(kept[b]) {
                    continue;
                }
                let (keep, name) = if rank(kept[a]) >= rank(kept[b]) {
                    (a, b)
                } else {
                    (b, a)
                };
                pairs.push((keep, name, Rule::OneLetter));
            }
            // A name one letter from someone's alias goes to them, unless
            // it has a person note of its own.
            (Compared::Name(name), Compared::Alias(alias))
            | (Compared::Alias(alias), Compared::Name(name)) => {
                let owner = alias_forms[alias].1;
                if owner != name && !has_note(kept[name]) {
                    pairs.push((owner, name, Rule::AliasOneLetter));
                }
            }
            (Compared::Alias(_), Compared::Alias(_)) => {}
        }
    }
    // A first name before a typo, then the strongest names take their
    // merges first.
    pairs.sort_by_key(|&(keep, name, rule)| {
        (
            rule != Rule::Start,
            Reverse(rank(kept[keep])),
            kept[name].0.clone(),
        )
    });
    let mut merged_into: BTreeMap<usize, usize> = BTreeMap::new();
    for (keep, name, rule) in pairs {
        match merged_into.get(&name) {
            Some(&into) if into == keep || merged_into.get(&keep) == Some(&into) => continue,
            Some(_) => {}
            None if !keeps.contains(&name) && !merged_into.contains_key(&keep) => {
                merged_into.insert(name, keep);
                keeps.insert(keep);
                merges.entry(keep).or_default().push((kept[name], rule));
                continue;
            }
            None => {}
        }
        // A merge that would chain names (into a name itself merged, or
        // of a name others are merged into) or split one: said, no fix.
        let mut finding = merge(kept[keep], &[kept[name]], &[rule], config);
        finding.fix = None;
        finding
            .message
            .push_str(" (no fix: one of them is in another finding's)");
        out.push(finding);
    }
    for (keep, names) in merges {
        let rules: Vec<Rule> = names.iter().map(|&(_, rule)| rule).collect();
        let names: Vec<&PersonCount> = names.iter().map(|&(name, _)| name).collect();
        out.push(merge(kept[keep], &names, &rules, config));
    }
    out
}

/// The pairs of `kept` names one of which is the start of the other, as
/// (kept, merged): the full name is kept, unless only the first has a
/// person note. A first name that starts several names is a finding of its
/// own, with no fix. Sorted once, each name's longer names are the range
/// that follows it.
fn start_pairs(
    kept: &[&PersonCount],
    has_note: &dyn Fn(&PersonCount) -> bool,
    pairs: &mut Vec<(usize, usize, Rule)>,
    out: &mut Vec<Finding>,
) {
    let plain: Vec<String> = kept.iter().map(|p| unaccented(&p.0)).collect();
    let mut order: Vec<usize> = (0..kept.len()).collect();
    order.sort_by(|&a, &b| plain[a].cmp(&plain[b]));
    for (at, &short) in order.iter().enumerate() {
        let prefix = &plain[short];
        let longer: Vec<usize> = order[at + 1..]
            .iter()
            .copied()
            // Every name that starts with the prefix follows it in order.
            .take_while(|&long| plain[long].starts_with(prefix.as_str()))
            .filter(|&long| starts_plain(prefix, &plain[long]))
            .filter(|&long| !(has_note(kept[short]) && has_note(kept[long])))
            .collect();
        match longer.as_slice() {
            [] => {}
            &[long] => {
                if has_note(kept[short]) && !has_note(kept[long]) {
                    pairs.push((short, long, Rule::Start));
                } else {
                    pairs.push((long, short, Rule::Start));
                }
            }
            several => {
                let names: Vec<String> = several.iter().map(|&p| named(kept[p])).collect();
                out.push(Finding {
                    path: kept[short].2.clone(),
                    line: Some(kept[short].3),
                    kind: FindingKind::Duplicate,
                    message: format!(
                        "{} may be {}: it is the start of each; alias it to the one it is",
                        named(kept[short]),
                        listed(&names, "or")
                    ),
                    fix: None,
                });
            }
        }
    }
}

/// How many names may share a form with one character taken out and still
/// be told one letter apart: more (`kenji1`…`kenji9`, `kenjia`…) are a
/// pattern of names, not a typo, and comparing them all would take the
/// square of their number.
const MAX_NAMES_A_FORM: usize = 32;

/// The longest name (in characters) compared for one letter apart: each
/// has a form for every character, so a long name would take the square
/// of its length.
const MAX_ONE_LETTER_CHARS: usize = 64;

/// What [`one_letter_pairs`] compares: a kept name, or an alias form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Compared {
    /// The kept name at this index.
    Name(usize),
    /// The alias form at this index of [`alias_forms`].
    Alias(usize),
}

/// The `aliases` of kept names (see [`findings`]), as (handle, the kept
/// name's index), that no kept name and no other person's alias is: a name
/// one letter from one of them is compared with its person (`mario`, one
/// letter from `maria`, which the config makes `maria-lopez`'s spelling).
fn alias_forms(kept: &[&PersonCount], aliases: &[(String, String)]) -> Vec<(String, usize)> {
    let index: HashMap<&str, usize> = kept
        .iter()
        .enumerate()
        .map(|(i, person)| (person.0.as_str(), i))
        .collect();
    let owners = sole_owners(aliases.iter().filter_map(|(person, alias)| {
        let owner = *index.get(person.as_str())?;
        let handle = crate::report::person::handle_of(alias);
        (!handle.is_empty() && !index.contains_key(handle.as_str())).then_some((handle, owner))
    }));
    owners
        .into_iter()
        .filter_map(|(handle, owner)| Some((handle, owner?)))
        .collect()
}

/// Each key's owner, or `None` for a key that two owners share (an alias
/// two people have names neither).
fn sole_owners<O: PartialEq>(
    owned: impl IntoIterator<Item = (String, O)>,
) -> BTreeMap<String, Option<O>> {
    let mut owners: BTreeMap<String, Option<O>> = BTreeMap::new();
    for (key, owner) in owned {
        owners
            .entry(key)
            .and_modify(|known| {
                if known.as_ref() != Some(&owner) {
                    *known = None;
                }
            })
            .or_insert(Some(owner));
    }
    owners
}

/// The pairs of `kept` names, and of a kept name and an alias form, one
/// letter apart. Two such names share a form with one character taken out
/// (or one is the other's such form), so only names that share a form are
/// compared: no comparison of every pair. A form shared by more than
/// [`MAX_NAMES_A_FORM`] names tells nothing.
fn one_letter_pairs(
    kept: &[&PersonCount],
    alias_forms: &[(String, usize)],
) -> Vec<(Compared, Compared)> {
    let compared = kept
        .iter()
        .enumerate()
        .map(|(i, person)| (Compared::Name(i), person.0.as_str()))
        .chain(
            alias_forms
                .iter()
                .enumerate()
                .map(|(i, (handle, _))| (Compared::Alias(i), handle.as_str())),
        );
    let mut names_of: HashMap<Compared, &str> = HashMap::new();
    let mut by_form: HashMap<String, Vec<Compared>> = HashMap::new();
    for (i, name) in compared {
        let chars: Vec<char> = name.chars().collect();
        if chars.len() > MAX_ONE_LETTER_CHARS {
            continue;
        }
        names_of.insert(i, name);
        by_form.entry(name.to_owned()).or_default().push(i);
        for out in 0..chars.len() {
            let form: String = chars
                .iter()
                .enumerate()
                .filter(|&(at, _)| at != out)
                .map(|(_, c)| c)
                .collect();
            // A doubled letter gives one form twice: the name is in it once.
            let names = by_form.entry(form).or_default();
            if names.last() != Some(&i) {
                names.push(i);
            }
        }
    }
    let mut pairs: HashSet<(Compared, Compared)> = HashSet::new();
    for names in by_form
        .values()
        .filter(|names| (2..=MAX_NAMES_A_FORM).contains(&names.len()))
    {
        for (at, &a) in names.iter().enumerate() {
            for &b in &names[at + 1..] {
                let pair = (a.min(b), a.max(b));
                if a != b && !pairs.contains(&pair) && one_letter_apart(names_of[&a], names_of[&b])
                {
                    pairs.insert(pair);
                }
            }
        }
    }
    let mut pairs: Vec<(Compared, Compared)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    pairs
}

/// A name as YAML reads it back: plain when it can be, else quoted (a name
/// written `Smith, John` in a frontmatter is the handle `smith,-john`).
fn yaml_name(name: &str) -> String {
    let plain = name.chars().next().is_some_and(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !matches!(
            name,
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        name.to_owned()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The finding that `names` are `keep`, found by `rules` (one for each
/// name): where the first of them is first mentioned, with the aliases
/// that merge them.
fn merge(
    keep: &PersonCount,
    names: &[&PersonCount],
    rules: &[Rule],
    config: &ConfigAliases,
) -> Finding {
    let first = names[0];
    let all: Vec<String> = names.iter().chain([&keep]).map(|p| named(p)).collect();
    let mut spellings: Vec<String> = config
        .spellings
        .get(&keep.0)
        .into_iter()
        .flatten()
        .map(|spelling| yaml_name(spelling))
        .collect();
    for name in names {
        let spelling = yaml_name(&name.0);
        if !spellings.contains(&spelling) {
            spellings.push(spelling);
        }
    }
    let header = if config.written { "" } else { "aliases:\n" };
    let mut rules = rules.to_vec();
    rules.sort_by_key(|rule| *rule as u8);
    rules.dedup();
    let why: Vec<&str> = rules.iter().map(|rule| rule.as_str()).collect();
    Finding {
        path: first.2.clone(),
        line: Some(first.3),
        kind: FindingKind::Duplicate,
        message: format!(
            "{} may be one person: {}",
            listed(&all, "and"),
            why.join("; ")
        ),
        fix: Some(format!(
            "{header}  {}: [{}]",
            yaml_name(&keep.0),
            spellings.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("alex-bec", "alexbec", Some(Rule::Separators))]
    #[case("alex", "alex-bec", Some(Rule::Start))]
    #[case("alex", "alexander", None)]
    #[case("kenji-tanaka", "kenji-tanka", Some(Rule::OneLetter))]
    #[case("anna", "ana", None)]
    #[case("marcus", "marcos", Some(Rule::OneLetter))]
    #[case("ana", "ben", None)]
    #[case::a_digit("pablo81", "pablo89", None)]
    #[case::a_digit_added("jakob", "jakob7", None)]
    #[case::an_initial("bianca_u", "bianca_w", None)]
    #[case::an_initial_added("biancau", "bianca_u", Some(Rule::Separators))]
    #[case::accents("jose-li", "josé-li", Some(Rule::Separators))]
    #[case::accents_in_the_start("maria", "maría-garcía", Some(Rule::Start))]
    #[case::a_letter_in_a_longer_part("maria-lopez", "maria-lopes", Some(Rule::OneLetter))]
    #[case::a_letter_added_at_a_part_s_end("sarah-lee", "sara-lee", Some(Rule::OneLetter))]
    #[case::a_letter_taken_from_a_part_s_end("kenji-tanaka", "kenj-tanaka", Some(Rule::OneLetter))]
    fn rules(#[case] a: &str, #[case] b: &str, #[case] expected: Option<Rule>) {
        assert_eq!(rule(a, b), expected);
        assert_eq!(rule(b, a), expected);
    }

    fn person(name: &str, mentions: i64) -> PersonCount {
        (name.to_owned(), mentions, format!("{name}.md"), 1)
    }

    fn fixes(people: &[PersonCount], with_note: &[&str]) -> Vec<(String, Option<String>)> {
        fixes_with_aliases(people, with_note, &[])
    }

    fn fixes_with_aliases(
        people: &[PersonCount],
        with_note: &[&str],
        aliases: &[(&str, &str)],
    ) -> Vec<(String, Option<String>)> {
        let with_note: HashSet<String> = with_note.iter().map(|n| (*n).to_owned()).collect();
        let aliases: Vec<(String, String)> = aliases
            .iter()
            .map(|(person, alias)| ((*person).to_owned(), (*alias).to_owned()))
            .collect();
        findings(people, &with_note, &aliases, &ConfigAliases::default())
            .into_iter()
            .map(|f| (f.message, f.fix))
            .collect()
    }

    /// A letter where a few names differ may be a typo; where very many
    /// do, it is a pattern of names (and comparing them all took the
    /// square of their number: 8,000 took 23 s).
    #[test]
    fn a_letter_where_very_many_names_differ_is_no_typo() {
        let few: Vec<PersonCount> = ["marcus", "marcos", "marcas"]
            .iter()
            .map(|name| person(name, 1))
            .collect();
        assert_eq!(fixes(&few, &[]).len(), 1);
        let many: Vec<PersonCount> = (0..8000)
            .map(|n| person(&format!("kenji{}", char::from_u32(0x4E00 + n).unwrap()), 1))
            .collect();
        let started = std::time::Instant::now();
        assert_eq!(fixes(&many, &[]), []);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        let long = "a".repeat(100);
        let long: Vec<PersonCount> = [format!("{long}b"), format!("{long}c")]
            .iter()
            .map(|name| person(name, 1))
            .collect();
        assert_eq!(fixes(&long, &[]), []);
        // 20 names, each with a doubled letter: 20 in the form, not 40.
        let base = "abcdefghijklmnopqrst";
        let doubled: Vec<PersonCount> = (0..20)
            .map(|k| person(&format!("{}{}", &base[..=k], &base[k..]), 1))
            .collect();
        assert_eq!(fixes(&doubled, &[]).len(), 19, "{:?}", fixes(&doubled, &[]));
    }

    /// Names equal but for separators and a first name merge into one kept
    /// name in one snippet (they were two, whose keys YAML refused pasted
    /// together).
    #[test]
    fn a_kept_name_has_one_snippet_whatever_the_rules() {
        let people = [
            person("zoe_martin", 1),
            person("zoemartin", 1),
            person("zoe", 1),
            person("zoë-martin", 2),
        ];
        let found = fixes(&people, &["zoë-martin"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1.as_deref(),
            Some("aliases:\n  zoë-martin: [zoe_martin, zoemartin, zoe]")
        );
    }

    /// A name like a person note's alias goes with that person, in the one
    /// snippet that person has (a first name of theirs too), so that the
    /// snippets can all be pasted together.
    #[test]
    fn an_alias_look_alike_joins_its_person_s_one_snippet() {
        let people = [
            person("zoe_m", 1),
            person("zoem", 1),
            person("zoe", 1),
            person("zoë-martin", 2),
        ];
        let found = fixes_with_aliases(
            &people,
            &["zoë-martin"],
            &[("zoë-martin", "Zoe M"), ("zoë-martin", "Zoe-M")],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].1.as_deref(),
            Some("aliases:\n  zoë-martin: [zoe_m, zoem, zoe]")
        );
        // Never mentioned by their own name, the person is still who the
        // look-alike goes to; an alias two people share goes to neither.
        let found = fixes_with_aliases(
            &[person("zoe_m", 1)],
            &["zoë-martin"],
            &[("zoë-martin", "Zoe M")],
        );
        assert_eq!(
            found[0].1.as_deref(),
            Some("aliases:\n  zoë-martin: [zoe_m]")
        );
        let shared = [("zoë-martin", "Zoe M"), ("zoe-moreno", "Zoe M")];
        assert!(
            fixes_with_aliases(
                &[person("zoe_m", 1)],
                &["zoë-martin", "zoe-moreno"],
                &shared
            )
            .is_empty()
        );
    }

    /// Four spellings of one person are one finding, kept as the person
    /// note's name, however often the others are written.
    #[test]
    fn names_equal_but_for_separators_are_one_finding() {
        let people = [
            person("samlee", 9),
            person("sam_lee", 2),
            person("sam.lee", 1),
            person("sam-lee", 1),
        ];
        assert_eq!(
            fixes(&people, &["sam-lee"]),
            [(
                "`samlee` (9 mentions), `sam_lee` (2 mentions), `sam.lee` (1 mention) and `sam-lee` (1 mention) may be one person: equal without `-`, `_`, `.` and accents".to_owned(),
                Some("aliases:\n  sam-lee: [samlee, sam_lee, sam.lee]".to_owned())
            )]
        );
    }

    #[test]
    fn a_first_name_goes_to_the_full_name_unless_only_it_has_a_note() {
        let people = [person("marcus", 9), person("marcus-hill", 2)];
        assert_eq!(
            fixes(&people, &[])[0].1.as_deref(),
            Some("aliases:\n  marcus-hill: [marcus]")
        );
        assert_eq!(
            fixes(&people, &["marcus"])[0].1.as_deref(),
            Some("aliases:\n  marcus: [marcus-hill]")
        );
        assert!(
            fixes(&people, &["marcus", "marcus-hill"]).is_empty(),
            "two person notes are two people"
        );
    }

    #[test]
    fn a_first_name_that_starts_several_names_has_no_fix() {
        let people = [
            person("bianca", 13),
            person("bianca_u", 4),
            person("bianca-lee", 8),
        ];
        assert_eq!(
            fixes(&people, &[]),
            [(
                "`bianca` (13 mentions) may be `bianca-lee` (8 mentions) or `bianca_u` (4 mentions): it is the start of each; alias it to the one it is".to_owned(),
                None
            )]
        );
    }

    #[test]
    fn a_typo_goes_to_the_name_written_more() {
        let people = [person("marcos", 1), person("marcus", 2)];
        assert_eq!(
            fixes(&people, &[]),
            [(
                "`marcos` (1 mention) and `marcus` (2 mentions) may be one person: one letter apart".to_owned(),
                Some("aliases:\n  marcus: [marcos]".to_owned())
            )]
        );
        assert_eq!(
            fixes(&people, &["marcos"])[0].1.as_deref(),
            Some("aliases:\n  marcos: [marcus]")
        );
    }

    /// Fixes never conflict: the strongest name takes its merges first, a
    /// name merged is kept for no other, and one kept name has one snippet
    /// (the same key twice in `aliases` would drop one silently).
    #[test]
    fn fixes_can_all_be_pasted_together() {
        let people = [
            person("maria", 3),
            person("maria-lopez", 1),
            person("mario", 2),
            person("marcus", 5),
            person("marcas", 3),
            person("marcos", 1),
        ];
        let found = fixes(&people, &[]);
        let snippets: Vec<&str> = found.iter().filter_map(|(_, fix)| fix.as_deref()).collect();
        assert_eq!(
            snippets,
            [
                "aliases:\n  marcus: [marcas, marcos]",
                "aliases:\n  maria-lopez: [maria]",
            ],
            "{found:#?}"
        );
        // `mario` is one letter from `maria`, now merged: said, no fix.
        assert!(
            found
                .iter()
                .any(|(message, fix)| message.contains("`mario`") && fix.is_none()),
            "{found:#?}"
        );
        let mut aliases = String::from("aliases:\n");
        for snippet in &snippets {
            aliases.push_str(snippet.strip_prefix("aliases:\n").unwrap());
            aliases.push('\n');
        }
        let config = crate::config::parse(&aliases, std::path::Path::new("c.yaml")).unwrap();
        assert_eq!(config.aliases.len(), 2);
    }

    /// A name YAML would misread is quoted in the snippet.
    #[test]
    fn snippets_quote_what_yaml_would_misread() {
        let people = [person("smith,-john", 3), person("smith,-jon", 1)];
        let found = fixes(&people, &[]);
        let fix = found[0].1.as_deref().unwrap();
        assert_eq!(fix, "aliases:\n  \"smith,-john\": [\"smith,-jon\"]");
        let config = crate::config::parse(fix, std::path::Path::new("c.yaml")).unwrap();
        assert_eq!(config.aliases["smith,-john"], ["smith,-jon"]);
        assert_eq!(yaml_name("true"), "\"true\"");
        assert_eq!(yaml_name("zoë"), "zoë");
    }

    /// A name one letter from someone's alias is theirs, whether the alias
    /// is their note's or the config's (once `check`'s snippet for `maria`
    /// is pasted, `mario` is still found): not when it has a person note,
    /// nor from an alias two people share.
    #[test]
    fn a_name_one_letter_from_an_alias_goes_to_its_person() {
        let people = [person("maria-lopez", 4), person("mario", 2)];
        let config = ConfigAliases {
            written: true,
            spellings: HashMap::from([("maria-lopez".to_owned(), vec!["maria".to_owned()])]),
        };
        let from_config = [("maria-lopez".to_owned(), "maria".to_owned())];
        let found = findings(&people, &HashSet::new(), &from_config, &config);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .ends_with("may be one person: one letter apart from an alias of theirs"),
            "{}",
            found[0].message
        );
        assert_eq!(
            found[0].fix.as_deref(),
            Some("  maria-lopez: [maria, mario]")
        );
        let from_note = fixes_with_aliases(&people, &["maria-lopez"], &[("maria-lopez", "Maria")]);
        assert_eq!(
            from_note,
            [(
                "`mario` (2 mentions) and `maria-lopez` (4 mentions) may be one person: one letter apart from an alias of theirs".to_owned(),
                Some("aliases:\n  maria-lopez: [mario]".to_owned())
            )]
        );
        assert!(
            fixes_with_aliases(
                &people,
                &["maria-lopez", "mario"],
                &[("maria-lopez", "Maria")]
            )
            .is_empty()
        );
        let shared = [("maria-lopez", "Maria"), ("maria-silva", "Maria")];
        let two = [
            person("maria-lopez", 4),
            person("maria-silva", 3),
            person("mario", 2),
        ];
        assert!(fixes_with_aliases(&two, &["maria-lopez", "maria-silva"], &shared).is_empty());
    }

    /// Names of separators alone are no names; ten thousand names that
    /// differ in digits are no duplicates.
    #[test]
    fn odd_names_and_many_people() {
        assert!(fixes(&[person("_", 1), person("__", 1), person(".-", 2)], &[]).is_empty());
        let many: Vec<PersonCount> = (0..10_000)
            .map(|i| person(&format!("person-{i:05}-{}", i % 7), 1))
            .collect();
        // Each differs from the others in a digit: no typo among them.
        assert!(fixes(&many, &[]).is_empty());
    }
}
