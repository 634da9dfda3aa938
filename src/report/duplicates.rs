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
//! has no fix.
//!
//! The name kept is the one with a person note, then the longer one (for
//! a first name and a full one), then the one mentioned most; two names
//! that each have a person note are two people unless they differ only in
//! separators.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashSet};

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
}

impl Rule {
    /// How a finding says it.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Separators => "equal without `-`, `_`, `.` and accents",
            Rule::Start => "one is the start of the other",
            Rule::OneLetter => "one letter apart",
        }
    }
}

/// The name without accents (`maría` is `maria`): a name is often
/// written without them.
fn unaccented(name: &str) -> String {
    name.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The name without separators and accents.
fn without_separators(name: &str) -> String {
    unaccented(name).replace(['-', '_', '.'], "")
}

/// Whether `short` starts `long` at a word boundary, accents aside.
fn starts(short: &str, long: &str) -> bool {
    let (short, long) = (unaccented(short), unaccented(long));
    long.len() > short.len()
        && long.starts_with(&short)
        && long[short.len()..].starts_with(['-', '_', '.'])
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
    // The characters that differ: at `same_start` in one or both.
    let differing = [a.get(same_start), b.get(same_start)];
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
pub fn rule(a: &str, b: &str) -> Option<Rule> {
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

/// The findings of likely duplicates among `people`; `with_note` holds the
/// people who have a person note.
pub fn findings(people: &[PersonCount], with_note: &HashSet<String>) -> Vec<Finding> {
    let has_note = |p: &PersonCount| with_note.contains(&p.0);
    // Best first: a person note, then mentions, then the name.
    let rank = |p: &&PersonCount| (has_note(p), p.1, Reverse(p.0.clone()));
    let mut out = Vec::new();

    let mut groups: BTreeMap<String, Vec<&PersonCount>> = BTreeMap::new();
    for person in people {
        groups
            .entry(without_separators(&person.0))
            .or_default()
            .push(person);
    }
    let mut kept: Vec<&PersonCount> = Vec::with_capacity(groups.len());
    for group in groups.values_mut() {
        group.sort_by_key(|p| Reverse(rank(p)));
        kept.push(group[0]);
        if group.len() > 1 {
            out.push(merge(group[0], &group[1..], Rule::Separators));
        }
    }
    kept.sort_by(|a, b| a.0.cmp(&b.0));

    for short in &kept {
        let longer: Vec<&PersonCount> = kept
            .iter()
            .copied()
            .filter(|long| starts(&short.0, &long.0))
            .filter(|long| !(has_note(short) && has_note(long)))
            .collect();
        match longer.as_slice() {
            [] => {}
            [long] => {
                // A first name and a full one: the full one is kept,
                // unless only the first has a person note.
                let (keep, name) = if has_note(short) && !has_note(long) {
                    (*short, *long)
                } else {
                    (*long, *short)
                };
                out.push(merge(keep, &[name], Rule::Start));
            }
            several => out.push(Finding {
                path: short.2.clone(),
                line: Some(short.3),
                kind: FindingKind::Duplicate,
                message: format!(
                    "{} may be {}: it is the start of each; alias it to the one it is",
                    named(short),
                    listed(&several.iter().map(|p| named(p)).collect::<Vec<_>>(), "or")
                ),
                fix: None,
            }),
        }
    }

    for (i, a) in kept.iter().enumerate() {
        for b in &kept[i + 1..] {
            if has_note(a) && has_note(b) || !one_letter_apart(&a.0, &b.0) {
                continue;
            }
            let (keep, name) = if rank(a) >= rank(b) { (a, b) } else { (b, a) };
            out.push(merge(keep, &[name], Rule::OneLetter));
        }
    }
    out
}

/// The finding that `names` are `keep`, found by `rule`: where the first
/// of them is first mentioned, with the aliases that merge them.
fn merge(keep: &PersonCount, names: &[&PersonCount], rule: Rule) -> Finding {
    let first = names[0];
    let all: Vec<String> = names.iter().chain([&keep]).map(|p| named(p)).collect();
    let spellings: Vec<&str> = names.iter().map(|p| p.0.as_str()).collect();
    Finding {
        path: first.2.clone(),
        line: Some(first.3),
        kind: FindingKind::Duplicate,
        message: format!(
            "{} may be one person: {}",
            listed(&all, "and"),
            rule.as_str()
        ),
        fix: Some(format!(
            "aliases:\n  {}: [{}]",
            keep.0,
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
    fn rules(#[case] a: &str, #[case] b: &str, #[case] expected: Option<Rule>) {
        assert_eq!(rule(a, b), expected);
        assert_eq!(rule(b, a), expected);
    }

    fn person(name: &str, mentions: i64) -> PersonCount {
        (name.to_owned(), mentions, format!("{name}.md"), 1)
    }

    fn fixes(people: &[PersonCount], with_note: &[&str]) -> Vec<(String, Option<String>)> {
        let with_note: HashSet<String> = with_note.iter().map(|n| (*n).to_owned()).collect();
        findings(people, &with_note)
            .into_iter()
            .map(|f| (f.message, f.fix))
            .collect()
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
}
