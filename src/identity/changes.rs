//! How who is who changed between two scans, told as the names and link
//! stems whose notes must be read again.

use foldhash::HashSet;

use super::{Identity, PersonNote, note_stem};
use crate::config::Config;
use crate::error::Warning;

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

impl Identity {
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
}

#[cfg(test)]
mod tests {
    use super::super::person_note::tests::note;
    use super::*;
    use crate::identity::person_note;
    use crate::note::frontmatter;

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
        let bo = person_note("Contacts/Bo.md", bo.as_ref(), &config)
            .unwrap()
            .unwrap();
        let (now, _) = Identity::new(&config, paths, vec![bo]);
        assert!(now.resolve("Bo").ambiguous_person);
        assert!(!earlier.resolve("Bo").ambiguous_person);
        assert_eq!(now.changes_since(&earlier).unwrap().stems, ["bo"]);
    }

    #[test]
    fn changes_since_names_interests_now_ignored_and_who_declares_them() {
        let note_with = |config: &Config| {
            let yaml = "tags: [climbing/indoor, books]\n";
            let parsed = frontmatter::parse("People/Kim.md", yaml, 4, 2).unwrap();
            person_note("People/Kim.md", parsed.as_ref(), config)
                .unwrap()
                .unwrap()
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
}
