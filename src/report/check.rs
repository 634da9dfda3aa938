//! `kith check`: a linter for the network.
//!
//! Findings: likely duplicate people, with the config that would merge
//! them (see [`duplicates`]); aliases that point to an
//! unknown person, that two people claim, that form a cycle, or that have
//! no name (the last three are
//! [`Identity::new`](crate::identity::Identity::new)'s warnings); person
//! notes never mentioned; notes whose file name looks dated but that have
//! no date; malformed frontmatter; wikilinks that resolve to several
//! notes; and every other warning a scan met in a note (so none is seen
//! only once).

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::duplicates;
use crate::config::{CONFIG_PATH, Config};
use crate::error::{Error, Warning, WarningKind};
use crate::extract::mention;
use crate::identity::PersonNote;
use crate::index::Index;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Two names that are probably one person.
    Duplicate,
    /// An alias pointing nowhere, or claimed twice.
    Alias,
    /// A person note nobody mentions.
    Unmentioned,
    /// A note that looks dated but has no date.
    Undated,
    /// Frontmatter that could not be read.
    Frontmatter,
    /// A wikilink that matches several notes.
    AmbiguousLink,
    /// Any other warning about a note: not UTF-8, binary, too big,
    /// unreadable, or a block naming too many people and interests.
    Note,
}

impl FindingKind {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Duplicate => "duplicate",
            FindingKind::Alias => "alias",
            FindingKind::Unmentioned => "unmentioned",
            FindingKind::Undated => "undated",
            FindingKind::Frontmatter => "frontmatter",
            FindingKind::AmbiguousLink => "ambiguous-link",
            FindingKind::Note => "note",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file it is about (a note, or `.kith/config.yaml`).
    pub path: String,
    /// The line, where known.
    pub line: Option<i64>,
    /// What kind of problem.
    pub kind: FindingKind,
    /// What is wrong.
    pub message: String,
    /// Config that would fix it, if any.
    pub fix: Option<String>,
}

/// Everything `kith check` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Findings, by path and line.
    pub findings: Vec<Finding>,
    /// How many of each kind.
    pub counts: BTreeMap<String, usize>,
}

/// A file name that looks like it carries a date.
static DATED_LOOKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:\d{4}[-_. ]\d{1,2}[-_. ]\d{1,2}|\d{1,2}[-_. ]\d{1,2}[-_. ]\d{4}|\d{8})\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b|\b\d{1,2}(?:st|nd|rd|th)?\.? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? \d{4}\b")
        .expect("a valid regex")
});

/// Runs every check over the index, with the vault's `config`; the
/// `walk_warnings` of the scan that brought it up to date (unreadable
/// folders, loops: the index keeps no note of them) are findings too.
pub fn build(
    index: &Index,
    config: &Config,
    walk_warnings: &[Warning],
) -> Result<CheckReport, Error> {
    let people = index.person_counts()?;
    let (identity, alias_warnings) = super::identity_of(index, config)?;
    let person_notes = &identity.people_notes;
    // Who a handle is once aliases are followed: a person note whose name
    // the config makes another person's spelling is mentioned as that
    // person, and `b` in the chain `a: [b], b: [c]` is `a`.
    let resolved = |handle: &str| identity.person(handle).unwrap_or_else(|| handle.to_owned());
    let with_note: HashSet<String> = person_notes.iter().map(|n| resolved(&n.handle)).collect();
    let mentioned: HashSet<&str> = people.iter().map(|(name, ..)| name.as_str()).collect();
    // The aliases that take effect, a person note's and the config's: each
    // names its person (not one of a cycle, which kith takes as written,
    // nor one that two people claim or that leads to someone ignored), who
    // is mentioned or has a person note for a finding to point to.
    let note_aliases = person_notes.iter().flat_map(|note| {
        let person = resolved(&note.handle);
        note.aliases
            .iter()
            .map(move |alias| (person.clone(), alias.clone()))
    });
    let config_spellings = config
        .aliases
        .iter()
        .filter_map(|(handle, spellings)| {
            Some((resolved(&mention::canonical_handle(handle)?), spellings))
        })
        .flat_map(|(person, spellings)| {
            spellings
                .iter()
                .map(move |spelling| (person.clone(), spelling.clone()))
        });
    let aliases: Vec<(String, String)> = note_aliases
        .chain(config_spellings)
        .filter(|(person, alias)| {
            (mentioned.contains(person.as_str()) || with_note.contains(person))
                && mention::canonical_handle(alias)
                    .and_then(|handle| identity.person(&handle))
                    .is_some_and(|named| named == *person)
        })
        .collect();
    // A person note nobody mentions yet is still the name the mentions
    // that look like it would be merged into (`People/Alex Bec.md` beside
    // `@alexbec`): compared with no mention, at its note.
    let unmentioned: Vec<(String, &PersonNote)> = person_notes
        .iter()
        .map(|note| (resolved(&note.handle), note))
        .filter(|(person, _)| !mentioned.contains(person.as_str()))
        .collect();
    let mut compared = people.clone();
    let mut added: HashSet<&str> = HashSet::new();
    for (person, note) in &unmentioned {
        if added.insert(person) {
            compared.push((person.clone(), 0, note.path.clone(), 1));
        }
    }
    let written = duplicates::ConfigAliases {
        written: config.aliases_written,
        spellings: config
            .aliases
            .iter()
            // By the entry's own name: a snippet replaces that entry, and
            // the entries of a chain (`a: [b]`, `b: [c]`) are two.
            .filter_map(|(handle, spellings)| {
                Some((mention::canonical_handle(handle)?, spellings.clone()))
            })
            .collect(),
    };
    let mut findings = duplicates::findings(&compared, &with_note, &aliases, &written);
    // Each note says whose it is (a second note of one person, named after
    // their alias, says so).
    for (person, note) in unmentioned {
        // A note whose name is another person's alias is theirs.
        let whose = if person == note.handle {
            format!("`{person}`")
        } else {
            format!("`{person}` (as `{}`, their alias)", note.handle)
        };
        findings.push(Finding {
            path: note.path.clone(),
            line: None,
            kind: FindingKind::Unmentioned,
            message: format!("the person note of {whose} is never mentioned"),
            fix: None,
        });
    }

    let known: HashSet<String> = mentioned
        .iter()
        .map(|n| (*n).to_owned())
        .chain(person_notes.iter().map(|n| resolved(&n.handle)))
        .collect();
    for handle in config.aliases.keys() {
        // An entry with no name is ignored, with an alias warning below.
        let Some(canonical_handle) = mention::canonical_handle(handle) else {
            continue;
        };
        if !known.contains(&resolved(&canonical_handle)) {
            findings.push(Finding {
                path: CONFIG_PATH.to_owned(),
                line: config
                    .alias_lines
                    .get(handle)
                    .and_then(|&line| i64::try_from(line).ok()),
                kind: FindingKind::Alias,
                message: format!("aliases point to `{canonical_handle}`, whom no note mentions"),
                fix: None,
            });
        }
    }
    for warning in alias_warnings {
        findings.push(Finding {
            path: warning.path,
            line: warning.line.and_then(|l| i64::try_from(l).ok()),
            kind: FindingKind::Alias,
            message: warning.message,
            fix: None,
        });
    }

    for path in index.undated_notes()? {
        let name = path.rsplit('/').next().unwrap_or(&path);
        if DATED_LOOKING.is_match(name) {
            findings.push(Finding {
                path: path.clone(),
                line: None,
                kind: FindingKind::Undated,
                message: "the file name looks dated, but kith found no date: add `date:` to the frontmatter or a `date_formats` entry to the config".to_owned(),
                fix: None,
            });
        }
    }

    for warning in index.stored_warnings()? {
        let kind = stored_warning_kind(warning.kind);
        findings.push(Finding {
            path: warning.path,
            line: warning.line,
            kind,
            message: warning.message,
            fix: None,
        });
    }

    for warning in walk_warnings {
        findings.push(Finding {
            path: warning.path.clone(),
            line: warning.line.and_then(|line| i64::try_from(line).ok()),
            kind: stored_warning_kind(warning.kind),
            message: warning.message.clone(),
            fix: None,
        });
    }

    findings
        .sort_by(|a, b| (a.path.as_str(), a.line, a.kind).cmp(&(b.path.as_str(), b.line, b.kind)));
    let mut counts = BTreeMap::new();
    for finding in &findings {
        *counts.entry(finding.kind.as_str().to_owned()).or_insert(0) += 1;
    }
    Ok(CheckReport { findings, counts })
}

/// The kind of finding of a warning a scan stored with its note.
fn stored_warning_kind(kind: WarningKind) -> FindingKind {
    match kind {
        WarningKind::Frontmatter => FindingKind::Frontmatter,
        WarningKind::AmbiguousLink => FindingKind::AmbiguousLink,
        WarningKind::Other => FindingKind::Note,
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::identity::Identity;

    /// The one warning extraction gives for `text` in `rel_path`, in a
    /// vault where `People/frontmatter.md` and `Archive/Old/frontmatter.md`
    /// share a name, the first a person note.
    fn the_warning_of(rel_path: &str, text: &[u8]) -> crate::error::Warning {
        use std::sync::Arc;

        use crate::extract::{ExtractOptions, extract_bytes};
        let config = Config::default();
        let person = crate::identity::person_note("People/frontmatter.md", None, &config).unwrap();
        let paths = ["People/frontmatter.md", "Archive/Old/frontmatter.md"];
        let (identity, _) = Identity::new(&config, paths, person.into_iter().collect());
        let options = ExtractOptions {
            identity: Arc::new(identity),
            ..ExtractOptions::default()
        };
        let mut warnings = extract_bytes(rel_path, text, 0, &options).warnings;
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        warnings.remove(0)
    }

    /// Each kind of stored warning is the finding it says it is, whatever
    /// words its message holds (a crowded frontmatter is no frontmatter
    /// finding, and a link whose text says "frontmatter" is a link one).
    #[rstest]
    #[case::malformed(b"---\ntags: [a\n---\n".to_vec(),
        "malformed frontmatter",
        FindingKind::Frontmatter
    )]
    #[case::not_a_mapping(b"---\n- a\n---\n".to_vec(),
        "frontmatter is not a mapping",
        FindingKind::Frontmatter
    )]
    #[case::no_date(b"---\ndate: soon\n---\n".to_vec(),
        "`date: soon` in the frontmatter is not a date",
        FindingKind::Frontmatter
    )]
    #[case::link_saying_frontmatter(b"[[frontmatter]]\n".to_vec(),
        "`[[frontmatter]]` matches 2 notes",
        FindingKind::AmbiguousLink
    )]
    #[case::crowded_frontmatter(crowded_frontmatter().into_bytes(), "101 names in the frontmatter", FindingKind::Note)]
    #[case::not_utf8(b"Caf\xe9 @ana\n".to_vec(), "invalid UTF-8", FindingKind::Note)]
    #[case::binary(b"@ana\0\x01".to_vec(), "binary file", FindingKind::Note)]
    fn stored_warnings_are_the_findings_they_say_they_are(
        #[case] text: Vec<u8>,
        #[case] message_start: &str,
        #[case] kind: FindingKind,
    ) {
        let warning = the_warning_of("Notes/n.md", &text);
        assert!(warning.message.starts_with(message_start), "{warning:?}");
        assert_eq!(stored_warning_kind(warning.kind), kind);
    }

    #[test]
    fn an_oversized_note_is_a_note_finding() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, "@bo ".repeat(200)).unwrap();
        let file = crate::vault::NoteFile {
            abs_path: path,
            rel_path: "big.md".to_owned(),
            size: 800,
            mtime_ns: 0,
            change_stamp: 0,
        };
        let options = crate::extract::ExtractOptions::default();
        let read = crate::notes::extract_file(&file, &options, 100, &mut Vec::new());
        let warning = &read.warnings[0];
        assert!(
            warning.message.starts_with("file is 800 bytes"),
            "{warning:?}"
        );
        assert_eq!(stored_warning_kind(warning.kind), FindingKind::Note);
    }

    /// A frontmatter naming 101 people.
    fn crowded_frontmatter() -> String {
        let names: Vec<String> = (0..101).map(|i| format!("p{i}")).collect();
        format!("---\npeople: [{}]\n---\n", names.join(", "))
    }

    #[test]
    fn dated_looking_names() {
        for name in [
            "2024_03_06.md",
            "06-03-2024.md",
            "20240306.md",
            "April 10th, 2022, Sunday.md",
            "5 November 2026.md",
            "10th Apr. 2022 notes.md",
        ] {
            assert!(DATED_LOOKING.is_match(name), "{name}");
        }
        for name in [
            "Gift ideas.md",
            "Tabi.md",
            "Room 101.md",
            "3 Marathons in 2026.md",
        ] {
            assert!(!DATED_LOOKING.is_match(name), "{name}");
        }
    }
}
