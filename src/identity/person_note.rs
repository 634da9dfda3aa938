//! Which notes define a person, and what they say of them: handle,
//! aliases, declared interests and other properties.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_yaml::Value;

use super::links::file_stem;
use crate::config::Config;
use crate::extract::{canonical, mention, tag, written_interests};
use crate::note::frontmatter::Frontmatter;

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

/// The tag (and `type:` value) that makes a note a person note. It says
/// what kind of note this is, so it is never one of the person's interests
/// nor, in the frontmatter, an interest mention.
pub const PERSON_MARKER: &str = "person";

/// Frontmatter keys that never become properties of a person.
const STRUCTURAL_KEYS: [&str; 4] = ["aliases", "alias", "type", "kith"];

/// A note that would be a person note, but whose name has no letter or
/// digit (`People/#.md`, `People/🙂.md`), so it names nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamesNobody;

/// The person a note defines, if it is a person note: in the people folder,
/// or with `type: person` or the tag `person` (and not `kith: generated`
/// or `kith: ignore`). `Err(NamesNobody)` when it would be one, but its
/// name has no letter or digit.
pub fn person_note(
    rel_path: &str,
    frontmatter: Option<&Frontmatter<'_>>,
    config: &Config,
) -> Result<Option<PersonNote>, NamesNobody> {
    // A digest kith wrote, or a note that says `kith: ignore`, counts for
    // nothing: not as a person either.
    if frontmatter.is_some_and(crate::extract::is_generated) {
        return Ok(None);
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
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case(PERSON_MARKER));
            } else if lower == "aliases" || lower == "alias" {
                aliases.extend(alias_strings(value));
            } else if config
                .interest_keys
                .iter()
                .any(|k| k.eq_ignore_ascii_case(key))
            {
                for written in written_interests(value) {
                    if let Some(name) = tag::from_value(&written).map(canonical) {
                        if name == PERSON_MARKER {
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
        return Ok(None);
    }
    let handle = mention::canonical_handle(file_stem(rel_path)).ok_or(NamesNobody)?;
    // Declared interests are interests: `ignore_interests` drops them too.
    let ignored = ignored_interests(config);
    interests.retain(|name| !ignored.iter().any(|i| crate::report::is_within(name, i)));
    interests.sort();
    interests.dedup();
    Ok(Some(PersonNote {
        path: rel_path.to_owned(),
        handle,
        aliases,
        interests,
        properties,
    }))
}

/// The config's `ignore_interests`, as canonical tag names.
pub(super) fn ignored_interests(config: &Config) -> Vec<String> {
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
        // `!!int 4477…` (a number too big for 64 bits), `!custom text`.
        Value::Tagged(tagged) => property_text(&tagged.value),
        _ => None,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::note::frontmatter;

    /// The person note at `path` with the frontmatter `yaml`, if it is one.
    pub(crate) fn note(path: &str, yaml: &str) -> Option<PersonNote> {
        let parsed = frontmatter::parse(path, yaml, 4, 2).unwrap();
        person_note(path, parsed.as_ref(), &Config::default()).unwrap()
    }

    #[test]
    fn a_person_note_whose_name_names_nobody_says_so() {
        let config = Config::default();
        let declared = frontmatter::parse("Notes/🙂.md", "type: person\n", 4, 2).unwrap();
        assert_eq!(
            person_note("Notes/🙂.md", declared.as_ref(), &config),
            Err(NamesNobody)
        );
        assert_eq!(person_note("People/#.md", None, &config), Err(NamesNobody));
        assert_eq!(
            person_note("Notes/🙂.md", None, &config),
            Ok(None),
            "no person note at all"
        );
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
    fn declared_interests_are_read_as_a_note_s_tags_are() {
        // List items stay whole (`rock climbing` is no tag); a string
        // splits on commas and whitespace, tabs and line ends too.
        let kim = note(
            "People/Kim.md",
            "tags: [\"rock climbing\", \"C++, go\", running]\ninterests: \"chess\\tgo,\\nbooks\"\n",
        )
        .unwrap();
        assert_eq!(kim.interests, ["books", "chess", "go", "running"]);
    }

    #[test]
    fn ignored_interests_are_not_declared() {
        let config = Config {
            ignore_interests: vec!["#secret".into()],
            ..Config::default()
        };
        let yaml = "tags: [secret, secret/plans, running, person]\n";
        let parsed = frontmatter::parse("Notes/Kim.md", yaml, 4, 2).unwrap();
        let kim = person_note("Notes/Kim.md", parsed.as_ref(), &config)
            .unwrap()
            .unwrap();
        assert_eq!(kim.interests, ["running"]);
    }

    #[test]
    fn an_aliases_string_is_a_comma_separated_list() {
        let kenji = note("People/Kenji Tanaka.md", "aliases: \"Kenji, KT\"\n").unwrap();
        assert_eq!(kenji.aliases, ["Kenji", "KT"]);
        let listed = note("People/Kenji Tanaka.md", "aliases: [\"Kenji, KT\"]\n").unwrap();
        assert_eq!(listed.aliases, ["Kenji, KT"], "a list's items stay whole");
    }
}
