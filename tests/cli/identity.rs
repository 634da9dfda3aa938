//! One person, however they are written: wikilinks to person notes, the
//! aliases of person notes and of the vault config, ignored names, the
//! config's errors, daily-note date formats, and what a scan reads again
//! when who is who changes.
//!
//! Fixtures (under `tests/fixtures/`):
//!
//! - `identity/wikilinks`: person notes `People/Alex Bec.md` (with a
//!   `## Work` heading), `People/Kim.md` and `Contacts/Dana Ng.md`
//!   (`type: person`, outside the people folder); `Archive/2020/Kim.md`
//!   (a second `Kim`, deeper, not a person) and `Projects/Roadmap.md` (not
//!   a person). The meetings link to them in the body
//!   (`Meetings/2024-03-01 Sync.md`), in the frontmatter
//!   (`Meetings/2024-03-02 Lunch.md`) and ambiguously
//!   (`Meetings/2024-03-04 Climbing.md`).
//! - `identity/profile`: `People/Alex Bec.md` with `aliases: [Al, "A. Bec"]`,
//!   properties and tags; three daily notes write `@al`, `@alex-bec` and
//!   `[[Alex Bec]]`.
//! - `identity/config`: a config with aliases (one a chain), `ignore_people`
//!   and `ignore_interests`, and one daily note using all of them.
//! - `daily-notes/{ordinal,journal,date-formats}`: notes named by
//!   `.obsidian/daily-notes.json` formats and by the config's
//!   `date_formats`.

use serde_json::{Value, json};

use crate::harness::{
    TestVault, assert_strength, jsonl, mentions_by_name, pairs, people_names, scan_summary, weight,
};

/// `kith mentions --format jsonl` over `vault`: exit 0, rows and stderr.
fn mentions(vault: &TestVault) -> (Vec<Value>, String) {
    let (code, stdout, stderr) = vault.run(&["mentions", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    (jsonl(&stdout), stderr)
}

/// `(line, column, kind, name, raw, source)` of the rows of one note.
type Brief = (u64, u64, String, String, String, String);

fn brief(rows: &[Value], path: &str) -> Vec<Brief> {
    rows.iter()
        .filter(|r| r["path"] == path)
        .map(|r| {
            let text = |key: &str| r[key].as_str().expect("a string").to_owned();
            (
                r["line"].as_u64().expect("a line"),
                r["column"].as_u64().expect("a column"),
                text("kind"),
                text("name"),
                text("raw"),
                text("source"),
            )
        })
        .collect()
}

/// A [`Brief`] from literals.
fn b(line: u64, column: u64, kind: &str, name: &str, raw: &str, source: &str) -> Brief {
    (
        line,
        column,
        kind.to_owned(),
        name.to_owned(),
        raw.to_owned(),
        source.to_owned(),
    )
}

/// The distinct names of one kind in `rows`, sorted.
fn names(rows: &[Value], kind: &str) -> Vec<String> {
    let mut out: Vec<String> = rows
        .iter()
        .filter(|r| r["kind"] == kind)
        .map(|r| r["name"].as_str().expect("a name").to_owned())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `kith ARGS... --format json`, parsed, after checking it succeeded.
fn kith_json(vault: &TestVault, args: &[&str]) -> Value {
    vault.run_json(&[args, &["--format", "json"]].concat())
}

// --- Wikilinks -----------------------------------------------------------

#[test]
fn mentions_wikilink_forms_in_the_body_are_the_person() {
    let vault = TestVault::fixture("identity/wikilinks");
    let (rows, _) = mentions(&vault);
    let sync = "Meetings/2024-03-01 Sync.md";
    // Line 3: `Met [[Alex Bec]] and [[People/Alex Bec]].`
    // Line 4: `Then [[Alex Bec|Alex]] showed [[Alex Bec#Work]] and [[alex bec]].`
    // Line 5: `See [[Roadmap]], [[Nowhere]] and [[Dana Ng]].`
    // Line 7: `![[Alex Bec]]`, an embed.
    assert_eq!(
        brief(&rows, sync),
        vec![
            b(1, 8, "interest", "platform", "#platform", "body"),
            b(3, 5, "person", "alex-bec", "[[Alex Bec]]", "body"),
            b(3, 22, "person", "alex-bec", "[[People/Alex Bec]]", "body"),
            b(4, 6, "person", "alex-bec", "[[Alex Bec|Alex]]", "body"),
            b(4, 31, "person", "alex-bec", "[[Alex Bec#Work]]", "body"),
            b(4, 53, "person", "alex-bec", "[[alex bec]]", "body"),
            b(5, 34, "person", "dana-ng", "[[Dana Ng]]", "body"),
        ]
    );
    let first = rows
        .iter()
        .find(|r| r["path"] == sync && r["raw"] == "[[Alex Bec]]")
        .unwrap();
    assert_eq!(
        *first,
        json!({
            "path": sync, "line": 3, "column": 5, "kind": "person",
            "name": "alex-bec", "raw": "[[Alex Bec]]", "source": "body",
            "date": "2024-03-01", "date_source": "filename",
            // The heading's tag, and the other person of the paragraph.
            "interests": ["platform"], "people": ["dana-ng"],
            // Links are shown as their text: the alias, else the target.
            "snippet": "Met Alex Bec and People/Alex Bec. Then Alex showed Alex Bec#Work and alex bec. See Roadmap, Nowhere and Dana Ng.",
        })
    );
}

#[test]
fn mentions_wikilink_forms_in_frontmatter_are_the_person() {
    let vault = TestVault::fixture("identity/wikilinks");
    let (rows, _) = mentions(&vault);
    // people: [[Alex Bec]]              <- unquoted: YAML reads a nested list
    // with: "[[People/Alex Bec|Alex]]"
    // attendees:
    //   - "[[Alex Bec#Work]]"
    //   - [[Dana Ng]]                   <- unquoted in a block list
    let lunch = "Meetings/2024-03-02 Lunch.md";
    assert_eq!(
        brief(&rows, lunch),
        vec![
            b(2, 9, "person", "alex-bec", "[[Alex Bec]]", "frontmatter"),
            b(
                3,
                8,
                "person",
                "alex-bec",
                "[[People/Alex Bec|Alex]]",
                "frontmatter"
            ),
            b(
                5,
                6,
                "person",
                "alex-bec",
                "[[Alex Bec#Work]]",
                "frontmatter"
            ),
            b(6, 5, "person", "dana-ng", "[[Dana Ng]]", "frontmatter"),
        ]
    );
    let dana = rows
        .iter()
        .find(|r| r["path"] == lunch && r["name"] == "dana-ng")
        .unwrap();
    assert_eq!(dana["people"], json!(["alex-bec"]));
    assert_eq!(dana["snippet"], "- [[Dana Ng]]");
    assert_eq!(dana["date"], "2024-03-02");
}

#[test]
fn mentions_wikilinks_to_other_notes_to_no_note_and_embeds_are_not_people() {
    let vault = TestVault::fixture("identity/wikilinks");
    let (rows, _) = mentions(&vault);
    // `[[Roadmap]]` is a note but not a person, `[[Nowhere]]` is no note,
    // `![[Alex Bec]]` is an embed and `[[Archive/2020/Kim]]` picks the
    // `Kim` that is not a person note.
    assert_eq!(names(&rows, "person"), ["alex-bec", "dana-ng", "kim"]);
    assert!(
        rows.iter()
            .all(|r| !r["raw"].as_str().unwrap().starts_with("![[")),
        "no embed is a mention: {rows:#?}"
    );
    assert!(
        !rows
            .iter()
            .any(|r| r["path"] == "Meetings/2024-03-01 Sync.md" && r["line"] == 7)
    );
    // Every person mention of the vault: 5 + 3 for Alex, 1 + 1 for Dana,
    // 1 for Kim.
    let people = kith_json(&vault, &["people", "--today", "2024-03-31"]);
    assert_eq!(people_names(&people), ["alex-bec", "dana-ng", "kim"]);
    let mentions: Vec<u64> = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["mentions"].as_u64().unwrap())
        .collect();
    assert_eq!(mentions, [8, 2, 1]);
}

#[test]
fn mentions_ambiguous_wikilink_resolves_to_the_shortest_path_with_a_warning() {
    let vault = TestVault::fixture("identity/wikilinks");
    let (rows, stderr) = mentions(&vault);
    // `People/Kim.md` (a person note) and `Archive/2020/Kim.md` are both
    // `Kim`: the shorter path wins. `[[Archive/2020/Kim]]` names one note.
    assert_eq!(
        brief(&rows, "Meetings/2024-03-04 Climbing.md"),
        vec![
            b(1, 6, "person", "kim", "[[Kim]]", "body"),
            b(1, 20, "interest", "climbing", "#climbing", "body"),
        ]
    );
    assert_eq!(
        stderr,
        "warning: Meetings/2024-03-04 Climbing.md:1: `[[Kim]]` matches 2 notes; it links to `People/Kim.md`, the shortest path\n"
    );
}

#[test]
fn mentions_ambiguous_frontmatter_link_is_warned_about_as_a_body_link_is() {
    let vault = TestVault::empty();
    vault.write("People/Kim.md", "Kim.\n");
    vault.write("Archive/2020/Kim.md", "Old notes.\n");
    vault.write("Archive/Bo.md", "Bo's page.\n");
    vault.write("People/Bo/Bo.md", "---\ntype: person\n---\n");
    vault.write(
        "Meetings/standup.md",
        "---\ndate: 2024-03-04\npeople:\n  - \"[[Kim]]\"\n  - \"[[Bo]]\"\n---\nNotes.\n",
    );
    let (rows, stderr) = mentions(&vault);
    // The shortest path wins, a person note's or not: `[[Bo]]` is the
    // plain `Archive/Bo.md`, so nobody.
    assert_eq!(
        brief(&rows, "Meetings/standup.md"),
        vec![b(4, 6, "person", "kim", "[[Kim]]", "frontmatter")]
    );
    assert_eq!(
        stderr,
        "warning: Meetings/standup.md:4: `[[Kim]]` matches 2 notes; it links to `People/Kim.md`, the shortest path\n\
         warning: Meetings/standup.md:5: `[[Bo]]` matches 2 notes; it links to `Archive/Bo.md`, the shortest path\n"
    );
}

#[test]
fn mentions_frontmatter_links_written_in_one_string_are_each_a_name() {
    let vault = TestVault::empty();
    vault.write("People/Kim Lee.md", "Kim.\n");
    vault.write("People/Smith, Jo.md", "Jo.\n");
    vault.write(
        "Meetings/standup.md",
        "---\npeople: \"[[Kim Lee|Kim]], [[Smith, Jo]], bo\"\n---\nNotes.\n",
    );
    let (rows, stderr) = mentions(&vault);
    assert_eq!(stderr, "");
    assert_eq!(
        brief(&rows, "Meetings/standup.md"),
        vec![
            b(2, 10, "person", "kim-lee", "[[Kim Lee|Kim]]", "frontmatter"),
            b(2, 27, "person", "smith,-jo", "[[Smith, Jo]]", "frontmatter"),
            b(2, 42, "person", "bo", "bo", "frontmatter"),
        ]
    );
}

#[test]
fn mentions_frontmatter_markdown_links_and_quoted_names_in_one_string() {
    let vault = TestVault::empty();
    vault.write("People/Smith, Jo.md", "Jo.\n");
    vault.write(
        "Meetings/standup.md",
        "---\npeople: '[Jo](People/Smith,%20Jo.md), \"Bo Lee\"'\nwith: [\"[Jo](<People/Smith, Jo.md>)\"]\n---\nLunch with @bo-lee.\n",
    );
    let (rows, stderr) = mentions(&vault);
    assert_eq!(stderr, "");
    assert_eq!(
        brief(&rows, "Meetings/standup.md"),
        vec![
            b(
                2,
                10,
                "person",
                "smith,-jo",
                "[Jo](People/Smith,%20Jo.md)",
                "frontmatter"
            ),
            b(2, 40, "person", "bo-lee", "Bo Lee", "frontmatter"),
            b(
                3,
                9,
                "person",
                "smith,-jo",
                "[Jo](<People/Smith, Jo.md>)",
                "frontmatter"
            ),
            b(5, 12, "person", "bo-lee", "@bo-lee", "body"),
        ]
    );
}

#[test]
fn mentions_wikilink_in_a_note_without_tags_or_handles() {
    // A note whose only mention is a wikilink: no `@`, no `#` anywhere.
    let vault = TestVault::empty();
    vault.write("People/Kim Lee.md", "Kim from work.\n");
    vault.write("Daily/2024-03-01.md", "Lunch with [[Kim Lee]].\n");
    let (rows, _) = mentions(&vault);
    assert_eq!(
        brief(&rows, "Daily/2024-03-01.md"),
        vec![b(1, 12, "person", "kim-lee", "[[Kim Lee]]", "body")]
    );
}

#[test]
fn person_type_person_outside_the_people_folder_is_a_person() {
    let vault = TestVault::fixture("identity/wikilinks");
    let dana = kith_json(&vault, &["person", "dana-ng", "--today", "2024-03-31"]);
    assert_eq!(dana["name"], "dana-ng");
    assert_eq!(dana["note"], "Contacts/Dana Ng.md");
    // `type` is how the note says it is a person, not a property.
    assert_eq!(dana["properties"], json!({"location": "Lisbon"}));
    assert_eq!(dana["spellings"], json!(["[[Dana Ng]]"]));
    assert_eq!(dana["mentions"], 2);
    // A note that is no person is nobody.
    let (code, stdout, _) = vault.run(&["person", "roadmap", "--format", "json"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
}

#[test]
fn person_tag_person_and_aliases_as_a_string() {
    // The tag `person` makes a note a person note wherever it is; Obsidian
    // writes one alias as a plain string; `with` is a people key, so no
    // property.
    let vault = TestVault::empty();
    vault.write(
        "Notes/Sam Lee.md",
        "---\ntags: [person, climbing]\naliases: Sammy\nbirthday: 1990-05-01\nwith: [kim]\n---\n",
    );
    vault.write("Daily/2024-03-01.md", "[[Sam Lee]] and @sammy #x\n");
    let (rows, _) = mentions(&vault);
    assert_eq!(
        brief(&rows, "Daily/2024-03-01.md"),
        vec![
            b(1, 1, "person", "sam-lee", "[[Sam Lee]]", "body"),
            b(1, 17, "person", "sam-lee", "@sammy", "body"),
            b(1, 24, "interest", "x", "#x", "body"),
        ]
    );
    let sam = kith_json(&vault, &["person", "sammy", "--today", "2024-03-31"]);
    assert_eq!(sam["name"], "sam-lee");
    assert_eq!(sam["note"], "Notes/Sam Lee.md");
    assert_eq!(sam["aliases"], json!(["Sammy"]));
    assert_eq!(sam["declared_interests"], json!(["climbing"]));
    assert_eq!(sam["properties"], json!({"birthday": "1990-05-01"}));
    assert_eq!(sam["spellings"], json!(["@sammy", "[[Sam Lee]]"]));
}

// --- Person notes: aliases, properties, declared interests ----------------

/// A property named like a field of the profile (`note`) is not taken for
/// it: in the table and in markdown it says it is a property.
#[test]
fn a_property_named_like_a_profile_field_says_so() {
    let vault = TestVault::empty();
    vault.write("Daily/2026-11-01.md", "Coffee with @kim.\n");
    vault.write(
        "People/Kim.md",
        "---\nnote: met at PyCon\ncompany: Acme\n---\n",
    );
    let (code, stdout, stderr) = vault.run(&["person", "kim", "--format", "table"]);
    assert_eq!(code, 0, "{stderr}");
    // A label too long for its column has its value on the next line.
    let words = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "note People/Kim.md",
        "company Acme",
        "note (property) met at PyCon",
    ] {
        assert!(words.contains(expected), "{expected:?} in:\n{stdout}");
    }
    let (code, stdout, stderr) = vault.run(&["person", "kim", "--format", "md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("- **note:** [[People/Kim]]\n"), "{stdout}");
    assert!(
        stdout.contains("- **note (property):** met at PyCon\n"),
        "{stdout}"
    );
    assert!(stdout.contains("- **company:** Acme\n"), "{stdout}");
}

#[test]
fn person_aliases_merge_three_spellings_into_one_profile() {
    let vault = TestVault::fixture("identity/profile");
    let report = kith_json(&vault, &["person", "alex-bec", "--today", "2024-03-31"]);
    assert_eq!(report["name"], "alex-bec");
    assert_eq!(
        report["spellings"],
        json!(["@al", "@alex-bec", "[[Alex Bec]]"])
    );
    assert_eq!(report["note"], "People/Alex Bec.md");
    assert_eq!(report["aliases"], json!(["Al", "A. Bec"]));
    assert_eq!(
        report["declared_interests"],
        json!(["climbing", "travel/japan"])
    );
    assert_eq!(
        report["properties"],
        json!({"company": "Acme", "email": "alex@example.com"})
    );
    assert_eq!(report["mentions"], 3);
    assert_eq!(report["notes"], 3);
    assert_eq!(report["first_seen"], "2024-03-01");
    assert_eq!(report["last_seen"], "2024-03-03");
    // 30, 29 and 28 days before 2024-03-31.
    let strength = report["strength"].as_f64().unwrap();
    let expected = weight(30.0) + weight(29.0) + weight(28.0);
    assert!((strength - expected).abs() < 0.01, "{strength} {expected}");
    assert_eq!(
        report["interests"],
        json!([{"name": "climbing", "count": 1}, {"name": "travel/japan", "count": 1}])
    );
    assert_eq!(report["people"], json!([]));
    assert_eq!(
        report["timeline"],
        json!([{"month": "2024-03", "mentions": 3}])
    );
    assert_eq!(
        report["recent"],
        json!([
            {"date": "2024-03-03", "path": "Daily/2024-03-03.md", "line": 1,
             "snippet": "Planned the trip with Alex Bec #travel/japan"},
            {"date": "2024-03-02", "path": "Daily/2024-03-02.md", "line": 1,
             "snippet": "Coffee with @alex-bec."},
            {"date": "2024-03-01", "path": "Daily/2024-03-01.md", "line": 1,
             "snippet": "Bouldering with @al #climbing"},
        ])
    );
}

#[test]
fn person_any_spelling_finds_the_profile() {
    let vault = TestVault::fixture("identity/profile");
    for spelling in ["al", "@Al", "A. Bec", "Alex Bec", "[[Alex Bec]]"] {
        let report = kith_json(&vault, &["person", spelling, "--today", "2024-03-31"]);
        assert_eq!(report["name"], "alex-bec", "{spelling}");
        assert_eq!(report["mentions"], 3, "{spelling}");
    }
}

#[test]
fn people_aliases_leave_one_name() {
    let vault = TestVault::fixture("identity/profile");
    let report = kith_json(&vault, &["people", "--today", "2024-03-31"]);
    assert_eq!(people_names(&report), ["alex-bec"]);
    assert_eq!(report["people"][0]["mentions"], 3);
    let (rows, _) = mentions(&vault);
    assert_eq!(names(&rows, "person"), ["alex-bec"]);
}

// --- The vault config: aliases and ignored names -------------------------

#[test]
fn mentions_config_aliases_chains_and_ignored_names() {
    let vault = TestVault::fixture("identity/config");
    let (rows, stderr) = mentions(&vault);
    assert_eq!(stderr, "");
    // aliases: alex-bec: [alex, "Alex B"]; kenji-tanaka: [kenji];
    // kenji: [ken] (so `ken` is `kenji`, which is `kenji-tanaka`).
    // ignore_people: [here]; ignore_interests: [daily] (and daily/...).
    assert_eq!(
        brief(&rows, "Daily/2024-03-01.md"),
        vec![
            b(2, 10, "person", "alex-bec", "Alex B", "frontmatter"),
            b(2, 18, "person", "kenji-tanaka", "ken", "frontmatter"),
            b(3, 26, "interest", "dailies", "dailies", "frontmatter"),
            b(5, 14, "person", "alex-bec", "@alex", "body"),
            b(5, 21, "person", "alex-bec", "@Alex-B", "body"),
            b(5, 33, "person", "alex-bec", "@alex-bec", "body"),
            b(5, 81, "interest", "dailyish", "#dailyish", "body"),
            b(5, 91, "interest", "work", "#work", "body"),
            b(6, 6, "person", "kenji-tanaka", "@kenji", "body"),
            b(6, 17, "person", "kenji-tanaka", "@ken", "body"),
            b(6, 26, "person", "kenji-tanaka", "@kenji-tanaka", "body"),
        ]
    );
    // Ignored names are not in anyone's context either.
    let alex = &rows[3];
    assert_eq!(alex["raw"], "@alex");
    assert_eq!(alex["people"], json!(["kenji-tanaka"]));
    assert_eq!(alex["interests"], json!(["dailies", "dailyish", "work"]));

    let people = kith_json(&vault, &["people", "--today", "2024-03-31"]);
    let mut found = people_names(&people);
    found.sort_unstable();
    assert_eq!(found, ["alex-bec", "kenji-tanaka"]);
}

#[test]
fn mentions_config_people_folder_moves_the_person_notes() {
    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "people_folder: Contacts/\n");
    vault.write("Contacts/Kim Lee.md", "Kim.\n");
    vault.write("People/Sam Lee.md", "Sam.\n");
    vault.write(
        "Daily/2024-03-01.md",
        "With [[Kim Lee]] and [[Sam Lee]] #lunch\n",
    );
    let (rows, _) = mentions(&vault);
    assert_eq!(
        brief(&rows, "Daily/2024-03-01.md"),
        vec![
            b(1, 6, "person", "kim-lee", "[[Kim Lee]]", "body"),
            b(1, 34, "interest", "lunch", "#lunch", "body"),
        ]
    );
}

/// A people folder written from the root or in another case is the same
/// folder; one that holds no note is warned about (a typo there would turn
/// every person note into a plain note without a word).
#[test]
fn mentions_config_people_folder_however_written_and_warned_when_empty() {
    let vault = TestVault::empty();
    vault.write("Contacts/Kim Lee.md", "Kim.\n");
    vault.write("Daily/2024-03-01.md", "With [[Kim Lee]]\n");
    for written in ["./contacts", "/Contacts/"] {
        vault.write(".kith/config.yaml", format!("people_folder: {written}\n"));
        let (rows, stderr) = mentions(&vault);
        assert_eq!(stderr, "", "{written}");
        assert_eq!(rows[0]["name"], "kim-lee", "{written}");
    }
    // No people folder, or the default one written otherwise: nothing to
    // warn about.
    for quiet in ["\"\"", "people", "/People/"] {
        vault.write(".kith/config.yaml", format!("people_folder: {quiet}\n"));
        let (_, stderr) = mentions(&vault);
        assert_eq!(stderr, "", "{quiet}");
    }
    vault.write(".kith/config.yaml", "people_folder: Contcts\n");
    let (rows, stderr) = mentions(&vault);
    assert!(rows.is_empty());
    assert_eq!(
        stderr,
        "warning: .kith/config.yaml: people_folder `Contcts` holds no note, so no note there defines a person\n"
    );
}

#[test]
fn mentions_config_ignore_folders_skips_folders() {
    let vault = TestVault::empty();
    vault.write(
        ".kith/config.yaml",
        "ignore_folders: [Templates, \"Archive/**\"]\n",
    );
    for path in [
        "Templates/a.md",
        "Templates/Sub/b.md",
        "Archive/c.md",
        "Archive/2020/d.md",
        "Notes/Templates/e.md",
        "Notes/f.md",
    ] {
        vault.write(path, "@ana\n");
    }
    let (rows, stderr) = mentions(&vault);
    assert_eq!(stderr, "");
    let paths: Vec<&str> = rows.iter().map(|r| r["path"].as_str().unwrap()).collect();
    // A glob is matched against the whole relative path of a folder:
    // `Templates` is the top folder only; `Archive/**` is all of Archive.
    assert_eq!(paths, ["Notes/Templates/e.md", "Notes/f.md"]);

    // An entry that skips no folder is a typo, or a folder gone.
    vault.write(
        ".kith/config.yaml",
        "ignore_folders: [Templates, Tempaltes]\n",
    );
    let (_, stderr) = mentions(&vault);
    assert_eq!(
        stderr,
        "warning: .kith/config.yaml: ignore_folders entry `Tempaltes` matches no folder of the vault\n"
    );
}

#[test]
fn mentions_config_unknown_key_exits_2_naming_the_file_line_and_key() {
    let vault = TestVault::empty();
    vault.write("a.md", "@ana\n");
    vault.write(
        ".kith/config.yaml",
        "people_folder: People\nhalf_lfe_days: 30\n",
    );
    for command in ["mentions", "scan", "people", "check"] {
        let (code, stdout, stderr) = vault.run(&[command]);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert_eq!(stdout, "", "{command}");
        assert!(
            stderr.starts_with(
                "error: [VAULT]/.kith/config.yaml:2: unknown setting `half_lfe_days`; did you mean `half_life_days`?\n\nhint: fix the setting: `kith init --print` shows every setting, its default and what it does\n"
            ),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn mentions_malformed_config_exits_2_naming_the_file_and_line() {
    let vault = TestVault::empty();
    vault.write("a.md", "@ana\n");
    vault.write(
        ".kith/config.yaml",
        "people_folder: People\nhalf_life_days: 90: days\nignore_people: []\n",
    );
    let (code, stdout, stderr) = vault.run(&["mentions"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: [VAULT]/.kith/config.yaml:2: "),
        "{stderr}"
    );
    // A value of the wrong type is no better than a typo.
    vault.write(".kith/config.yaml", "ignore_people: [here]\naliases: [x]\n");
    let (code, _, stderr) = vault.run(&["mentions"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: [VAULT]/.kith/config.yaml:2: aliases: "),
        "{stderr}"
    );
}

#[test]
fn people_config_with_a_byte_order_mark_is_read() {
    // Windows Notepad starts a UTF-8 file with a byte order mark.
    let vault = TestVault::empty();
    vault.write("Daily/2024-03-01.md", "Lunch with @alex.\n");
    vault.write(
        ".kith/config.yaml",
        "\u{feff}aliases: {alex-bec: [alex], jordan-park: [jp]}\nhalf_life_days: 30\n",
    );
    let people = kith_json(&vault, &["people", "--today", "2024-03-31"]);
    assert_eq!(people_names(&people), ["alex-bec"]);
    assert_strength(&people["people"][0]["strength"], 0.5);
    // `kith check` still finds the first line's key.
    let (code, stdout, stderr) = vault.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        ".kith/config.yaml:1: alias: aliases point to `jordan-park`, whom no note mentions\n"
    );
}

#[test]
fn people_config_alias_with_an_empty_name_is_ignored_with_a_warning() {
    let vault = TestVault::empty();
    vault.write("Daily/2024-03-01.md", "Lunch with @b and @alex.\n");
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  \"\": [b]\n  alex-bec: [alex, \"\"]\n",
    );
    let (code, stdout, stderr) = vault.run(&["people", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let mut names = people_names(&serde_json::from_str(&stdout).unwrap())
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    names.sort();
    assert_eq!(names, ["alex-bec", "b"], "no person without a name");
    let no_name =
        ".kith/config.yaml:2: `aliases` has an entry with no name; its spellings `b` are ignored";
    let no_spelling = ".kith/config.yaml:3: `aliases` has a spelling of `alex-bec` with no name (no letter or digit); it is ignored";
    assert_eq!(
        stderr,
        format!("warning: {no_name}\nwarning: {no_spelling}\n")
    );
    // `kith check` lists them as alias findings (and no alias to nobody).
    let (code, stdout, _) = vault.run(&["check"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        format!(
            "{}\n{}\n",
            no_name.replace(": `", ": alias: `"),
            no_spelling.replace(": `", ": alias: `")
        )
    );
}

/// A name is a handle wherever it is written: the config's `~` (YAML's
/// null) and `#` name nobody, and a leading `#` is dropped as `@` is, in
/// the config, in a people value and in a person note's name.
#[test]
fn names_with_no_letter_or_digit_name_nobody() {
    let vault = TestVault::empty();
    vault.write("Daily/2024-03-01.md", "Lunch with @b and @alex.\n");
    vault.write(
        "Daily/2024-03-02.md",
        "---\npeople: [\"#q\", \"~\"]\n---\nHi.\n",
    );
    vault.write("People/#.md", "A note named by a hash.\n");
    vault.write(
        "Notes/🙂.md",
        "---\ntype: person\n---\nA person note by its type.\n",
    );
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  ~: [b]\n  \"#alex-bec\": [alex, \"@\"]\n",
    );
    let (code, stdout, stderr) = vault.run(&["people", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let people: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut names = people_names(&people);
    names.sort_unstable();
    assert_eq!(names, ["alex-bec", "b", "q"]);
    for warned in [
        ".kith/config.yaml:2: `aliases` has an entry with no name; its spellings `b` are ignored",
        ".kith/config.yaml:3: `aliases` has a spelling of `alex-bec` with no name (no letter or digit); it is ignored",
        "Daily/2024-03-02.md:2: `people: ~` names nobody (a name holds a letter or digit); it is ignored",
        "People/#.md: its name has no letter or digit, so it names nobody: it is no person note",
        "Notes/🙂.md: its name has no letter or digit, so it names nobody: it is no person note",
    ] {
        assert!(stderr.contains(&format!("warning: {warned}\n")), "{stderr}");
    }
}

/// A list item is one name, whole: `- Ana, "Bo Lee"` is one person whose
/// name holds quotes, which no @mention can name, and is warned about on
/// its line; the same text as a string is two people.
#[test]
fn a_people_list_item_with_quotes_is_one_person_and_warned_about() {
    let vault = TestVault::empty();
    vault.write(
        "Daily/2024-03-01.md",
        "---\nwith:\n  - Ana, \"Bo Lee\"\n  - Cy\npeople: Dee, \"Ed Li\"\n---\nLunch.\n",
    );
    let (code, stdout, stderr) = vault.run(&["people", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let people: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut names = people_names(&people);
    names.sort_unstable();
    assert_eq!(names, ["ana,-\"bo-lee\"", "cy", "dee", "ed-li"]);
    let warned = "warning: Daily/2024-03-01.md:3: `with: Ana, \"Bo Lee\"` names one person, `ana,-\"bo-lee\"`, whose name holds a quote, so no @mention can name them (a list item is one name: one item per person)\n";
    assert!(stderr.contains(warned), "{stderr}");
    assert_eq!(stderr.matches("holds a quote").count(), 1, "{stderr}");
}

#[test]
fn person_config_alias_cycle_is_warned_and_its_names_are_themselves() {
    let vault = TestVault::empty();
    vault.write(
        "Daily/2024-03-01.md",
        "Lunch with @alex, @alex-bec and @priya-nair.\n",
    );
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  alex-bec: [priya-nair, alex]\n  priya-nair: [alex-bec]\n",
    );
    let warning = "warning: .kith/config.yaml:3: aliases form a cycle: `alex-bec` is a spelling of `priya-nair`, which is a spelling of `alex-bec`; kith takes each of these names as written\n";
    let (code, stdout, stderr) = vault.run(&["people", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, warning);
    // `@alex` leads into the cycle at `alex-bec` and stops there, as
    // `@alex-bec` does: one person, whichever way it is written.
    assert_eq!(
        mentions_by_name(&serde_json::from_str(&stdout).unwrap()),
        pairs(&[("alex-bec", 2), ("priya-nair", 1)])
    );
    for (name, person) in [
        ("alex", "alex-bec"),
        ("alex-bec", "alex-bec"),
        ("priya-nair", "priya-nair"),
    ] {
        let report = kith_json(&vault, &["person", name, "--no-scan"]);
        assert_eq!(report["name"], person, "{name}");
    }
}

// --- Dates the way the vault writes them ----------------------------------

/// `(path, date, date_source)` of every note with a mention, by path.
fn dates(vault: &TestVault) -> Vec<(String, Value, Value)> {
    let (rows, _) = mentions(vault);
    let mut out: Vec<(String, Value, Value)> = rows
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_owned(),
                r["date"].clone(),
                r["date_source"].clone(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup();
    out
}

fn dated(path: &str, date: &str, source: &str) -> (String, Value, Value) {
    (path.to_owned(), json!(date), json!(source))
}

fn undated(path: &str) -> (String, Value, Value) {
    (path.to_owned(), Value::Null, Value::Null)
}

#[test]
fn mentions_daily_notes_format_with_names_and_ordinals() {
    // {"format": "MMMM Do, YYYY, dddd"}; 2022-04-10 was a Sunday.
    let vault = TestVault::fixture("daily-notes/ordinal");
    assert_eq!(
        dates(&vault),
        vec![
            dated("2022-04-11.md", "2022-04-11", "filename"),
            undated("April 10th, 2022, Monday.md"),
            dated("April 10th, 2022, Sunday.md", "2022-04-10", "daily-notes"),
            // The frontmatter wins over the file name.
            dated(
                "April 13th, 2022, Wednesday.md",
                "2022-05-01",
                "frontmatter"
            ),
            // No folder is set: the format dates a note wherever it is.
            dated(
                "Daily/April 12th, 2022, Tuesday.md",
                "2022-04-12",
                "daily-notes"
            ),
        ]
    );
}

#[test]
fn mentions_daily_notes_format_with_folders() {
    // {"format": "YYYY/MM/DD", "folder": "Journal"}
    let vault = TestVault::fixture("daily-notes/journal");
    assert_eq!(
        dates(&vault),
        vec![
            undated("Archive/2024/03/07.md"),
            undated("Journal/2024/02/30.md"),
            dated("Journal/2024/03/06.md", "2024-03-06", "daily-notes"),
        ]
    );
}

#[test]
fn mentions_config_date_formats_date_file_names() {
    // date_formats: ["YYYY_MM_DD"]
    let vault = TestVault::fixture("daily-notes/date-formats");
    assert_eq!(
        dates(&vault),
        vec![
            dated("2022-03-08.md", "2022-03-08", "filename"),
            dated("2022_03_06.md", "2022-03-06", "date-format"),
            undated("2022_13_45.md"),
            dated("Logs/2022_03_07.md", "2022-03-07", "date-format"),
        ]
    );
}

#[test]
fn a_date_that_links_to_a_note_named_by_a_date_format_is_its_date() {
    let vault = TestVault::empty();
    vault.write(
        ".obsidian/daily-notes.json",
        r#"{"format": "DD.MM.YYYY", "folder": "Journal"}"#,
    );
    vault.write(".kith/config.yaml", "date_formats: [YYYY_MM_DD]\n");
    vault.write("Journal/05.11.2026.md", "@a\n");
    for (name, date) in [
        ("daily.md", "\"[[Journal/05.11.2026|Nov 5]]\""),
        ("bare.md", "\"[[05.11.2026]]\""),
        ("format.md", "\"[[2026_11_12]]\""),
        ("none.md", "\"[[Someday]]\""),
    ] {
        vault.write(name, format!("---\ndate: {date}\n---\n@b\n"));
    }
    assert_eq!(
        dates(&vault),
        vec![
            dated("Journal/05.11.2026.md", "2026-11-05", "daily-notes"),
            dated("bare.md", "2026-11-05", "frontmatter"),
            dated("daily.md", "2026-11-05", "frontmatter"),
            dated("format.md", "2026-11-12", "frontmatter"),
            undated("none.md"),
        ]
    );
}

#[test]
fn mentions_unusable_date_format_exits_2() {
    let vault = TestVault::empty();
    vault.write("a.md", "@ana\n");
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  a: [b]\ndate_formats:\n  - YYYY_MM_DD\n  - \"YYYY_MM\"\n",
    );
    let (code, _, stderr) = vault.run(&["mentions"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: [VAULT]/.kith/config.yaml:5: "),
        "{stderr}"
    );
    assert!(stderr.contains("day of the month"), "{stderr}");
}

// --- Who is who changes: the notes it changes are read again -------------

/// `kith scan`: the summary line, after checking it succeeded.
fn scanned(vault: &TestVault) -> String {
    let (code, stdout, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    scan_summary(&stderr)
}

/// `(name, mentions)` of everyone in the index, by name.
fn mention_counts(vault: &TestVault) -> Vec<(String, u64)> {
    mentions_by_name(&kith_json(
        vault,
        &["people", "--no-scan", "--today", "2024-03-31"],
    ))
}

#[test]
fn scan_person_note_changes_reread_the_notes_that_name_the_person() {
    let vault = TestVault::empty();
    vault.write("Daily/2024-03-01.md", "Lunch with [[Kim Lee]] and @ana.\n");
    vault.write("Daily/2024-03-02.md", "Run with @bo #running\n");
    vault.write("Daily/2024-03-03.md", "Coffee with @cy #running\n");
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 3 re-read, 0 removed; 3 people, 1 interest; 0 warnings; S.SSs"
    );
    assert_eq!(
        mention_counts(&vault),
        pairs(&[("ana", 1), ("bo", 1), ("cy", 1)])
    );

    // A person note appears: the link in the unchanged older note is now a
    // mention, so that note is read again with the new one; the others,
    // which do not name Kim, are not.
    vault.write("People/Kim Lee.md", "---\ncompany: Acme\n---\nKim.\n");
    assert_eq!(
        scanned(&vault),
        "scanned 4 notes: 2 re-read, 0 removed; 4 people, 1 interest; 0 warnings; S.SSs"
    );
    assert_eq!(
        mention_counts(&vault),
        pairs(&[("ana", 1), ("bo", 1), ("cy", 1), ("kim-lee", 1)])
    );
    assert_eq!(
        scanned(&vault),
        "scanned 4 notes: 0 re-read, 0 removed; 4 people, 1 interest; 0 warnings; S.SSs"
    );

    // Its aliases change: the person note, and the note that mentions
    // the person `bo` was.
    vault.write(
        "People/Kim Lee.md",
        "---\ncompany: Acme\naliases: [bo]\n---\nKim.\n",
    );
    assert_eq!(
        scanned(&vault),
        "scanned 4 notes: 2 re-read, 0 removed; 3 people, 1 interest; 0 warnings; S.SSs"
    );
    assert_eq!(
        mention_counts(&vault),
        pairs(&[("ana", 1), ("cy", 1), ("kim-lee", 2)])
    );

    // It goes: the link is no mention any more, nor `@bo` Kim's.
    std::fs::remove_file(vault.path().join("People/Kim Lee.md")).unwrap();
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 2 re-read, 1 removed; 3 people, 1 interest; 0 warnings; S.SSs"
    );
    assert_eq!(
        mention_counts(&vault),
        pairs(&[("ana", 1), ("bo", 1), ("cy", 1)])
    );
}

#[test]
fn scan_new_note_rereads_the_notes_that_link_to_its_name() {
    let vault = TestVault::empty();
    // A frontmatter link to no note names a person; to a note that is no
    // person note, nobody.
    vault.write(
        "Meetings/standup.md",
        "---\npeople: \"[[Kim]]\"\n---\nNotes.\n",
    );
    vault.write("Daily/2024-03-02.md", "Run with @bo\n");
    assert_eq!(
        scanned(&vault),
        "scanned 2 notes: 2 re-read, 0 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
    assert_eq!(mention_counts(&vault), pairs(&[("bo", 1), ("kim", 1)]));
    vault.write("Projects/Kim.md", "The Kim project.\n");
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 2 re-read, 0 removed; 1 person, 0 interests; 0 warnings; S.SSs"
    );
    assert_eq!(mention_counts(&vault), pairs(&[("bo", 1)]));
    std::fs::remove_file(vault.path().join("Projects/Kim.md")).unwrap();
    assert_eq!(
        scanned(&vault),
        "scanned 2 notes: 1 re-read, 1 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
    assert_eq!(mention_counts(&vault), pairs(&[("bo", 1), ("kim", 1)]));
}

#[test]
fn first_scan_finds_person_notes_outside_the_people_folder_before_reading_notes() {
    let vault = TestVault::empty();
    vault.write("Daily/2024-03-01.md", "Lunch with [[Kim Lee]] and @ana.\n");
    vault.write(
        "Contacts/Kim Lee.md",
        "---\ntype: person\n---\nMet at a conference.\n",
    );
    let (code, _, stderr) = vault.run(&["scan", "-v"]);
    assert_eq!(code, 0, "{stderr}");
    // One pass: the notes are read once, knowing who is who (a person note
    // found only by reading the notes used to make the scan read them all
    // again).
    assert_eq!(
        stderr.matches("read, extract and write notes").count(),
        1,
        "{stderr}"
    );
    assert_eq!(mention_counts(&vault), pairs(&[("ana", 1), ("kim-lee", 1)]));
}

#[test]
fn an_ignored_note_in_the_people_folder_is_no_person_and_costs_no_second_pass() {
    let vault = TestVault::empty();
    vault.write("People/A.md", "---\naliases: [x]\n---\n");
    vault.write("People/B.md", "---\nkith: ignore\naliases: [x]\n---\n");
    vault.write("Daily/2024-01-01.md", "Met @x\n");
    let (code, _, stderr) = vault.run(&["scan", "-v"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.matches("read, extract and write notes").count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert_eq!(mention_counts(&vault), pairs(&[("a", 1)]));
}

#[test]
fn a_second_pass_tells_only_the_warnings_of_who_is_who_as_it_is() {
    let vault = TestVault::empty();
    vault.write("Daily/2024-03-01.md", "hi @e @f\n");
    vault.write("People/E.md", "x\n");
    assert_eq!(
        scanned(&vault),
        "scanned 2 notes: 2 re-read, 0 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
    // The plan guesses who is who from the people folder; `Notes/0.md`,
    // a person note outside it, shows the guess wrong only once read.
    vault.write("People/E.md", "---\naliases: [y]\n---\n");
    vault.write("People/F.md", "---\naliases: [y]\n---\n");
    vault.write("Notes/0.md", "---\ntype: person\naliases: [y]\n---\n");
    let (code, _, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{stderr}");
    let told: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        told,
        [
            "warning: People/E.md: alias `y` is claimed by `0` and `e`; kith counts it as neither",
            "warning: People/F.md: alias `y` is claimed by several people; kith counts it as none of them",
        ],
        "{stderr}"
    );
    assert!(stderr.contains("; 2 warnings; "), "{stderr}");
}

#[test]
fn scan_note_outside_the_people_folder_becoming_a_person_note_rereads_every_note() {
    let vault = TestVault::empty();
    vault.write("Daily/2024-03-01.md", "Lunch with [[Kim Lee]] and @ana.\n");
    vault.write("Contacts/Kim Lee.md", "Met at the conference.\n");
    assert_eq!(
        scanned(&vault),
        "scanned 2 notes: 2 re-read, 0 removed; 1 person, 0 interests; 0 warnings; S.SSs"
    );
    // Only the contact changed, and nothing but reading it says that it is
    // now a person note: the scan finds out, and reads every note again
    // for the link in the unchanged daily note.
    vault.write(
        "Contacts/Kim Lee.md",
        "---\ntype: person\n---\nMet at the conference.\n",
    );
    assert_eq!(
        scanned(&vault),
        "scanned 2 notes: 2 re-read, 0 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
    assert_eq!(mention_counts(&vault), pairs(&[("ana", 1), ("kim-lee", 1)]));
    assert_eq!(
        scanned(&vault),
        "scanned 2 notes: 0 re-read, 0 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn scan_date_settings_change_rereads_every_note() {
    let vault = TestVault::empty();
    vault.write("2022_03_06.md", "Met @ana\n");
    vault.write("2022_03_07.md", "Met @bo\n");
    let first_seen = |vault: &TestVault| {
        let report = kith_json(vault, &["people", "--no-scan", "--today", "2022-03-31"]);
        report["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["name"].clone(), p["first_seen"].clone()))
            .collect::<Vec<_>>()
    };
    scanned(&vault);
    assert_eq!(
        first_seen(&vault),
        [(json!("ana"), Value::Null), (json!("bo"), Value::Null)]
    );
    // The config's date formats date the notes from the next scan on.
    vault.write(".kith/config.yaml", "date_formats: [YYYY_MM_DD]\n");
    assert_eq!(
        scanned(&vault),
        "scanned 2 notes: 2 re-read, 0 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
    assert_eq!(
        first_seen(&vault),
        [
            (json!("bo"), json!("2022-03-07")),
            (json!("ana"), json!("2022-03-06"))
        ]
    );
}

#[test]
fn scan_daily_notes_format_change_rereads_every_note() {
    let vault = TestVault::empty();
    vault.write("2022_03_06.md", "Met @ana\n");
    scanned(&vault);
    vault.write(".obsidian/daily-notes.json", r#"{"format": "YYYY_MM_DD"}"#);
    assert_eq!(
        scanned(&vault),
        "scanned 1 note: 1 re-read, 0 removed; 1 person, 0 interests; 0 warnings; S.SSs"
    );
    let report = kith_json(&vault, &["people", "--no-scan", "--today", "2022-03-31"]);
    assert_eq!(report["people"][0]["first_seen"], "2022-03-06");
}

#[test]
fn scan_config_aliases_and_ignore_lists_reread_the_notes_they_touch() {
    let vault = TestVault::empty();
    vault.write("Daily/2024-03-01.md", "Lunch with @alex.\n");
    vault.write("Daily/2024-03-02.md", "Run with @alex-bec #running\n");
    vault.write("Daily/2024-03-03.md", "Tea with @cy\n");
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 3 re-read, 0 removed; 3 people, 1 interest; 0 warnings; S.SSs"
    );
    // `@alex` is Alex Bec now: only the note that wrote it is read again.
    vault.write(".kith/config.yaml", "aliases:\n  alex-bec: [alex]\n");
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 1 re-read, 0 removed; 2 people, 1 interest; 0 warnings; S.SSs"
    );
    assert_eq!(mention_counts(&vault), pairs(&[("alex-bec", 2), ("cy", 1)]));
    // `ignore_people` is who is who too: the notes that mention her.
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  alex-bec: [alex]\nignore_people: [alex-bec]\n",
    );
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 2 re-read, 0 removed; 1 person, 1 interest; 0 warnings; S.SSs"
    );
    assert_eq!(mention_counts(&vault), pairs(&[("cy", 1)]));
    // A name no longer ignored is in no posting list: which notes wrote
    // it cannot be told, so every note is read again.
    vault.write(".kith/config.yaml", "aliases:\n  alex-bec: [alex]\n");
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 3 re-read, 0 removed; 2 people, 1 interest; 0 warnings; S.SSs"
    );
    assert_eq!(mention_counts(&vault), pairs(&[("alex-bec", 2), ("cy", 1)]));
    // An interest now ignored: the note that mentions it.
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  alex-bec: [alex]\nignore_interests: [running]\n",
    );
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 1 re-read, 0 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
    // Other settings change what any note yields.
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  alex-bec: [alex]\nignore_interests: [running]\npeople_keys: [with]\n",
    );
    assert_eq!(
        scanned(&vault),
        "scanned 3 notes: 3 re-read, 0 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn who_is_who_warnings_are_told_when_new_not_at_every_scan_that_writes() {
    let vault = TestVault::empty();
    vault.write("People/Ana Ito.md", "---\naliases: [ai]\n---\n");
    vault.write("People/Ai Lin.md", "---\naliases: [ai]\n---\n");
    vault.write("Daily/2024-03-01.md", "Met @ana-ito\n");
    let warnings = |stderr: &str| -> Vec<String> {
        stderr
            .lines()
            .filter(|l| l.starts_with("warning:"))
            .map(str::to_owned)
            .collect()
    };
    let (code, _, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(warnings(&stderr).len(), 1, "{stderr}");

    // An edit elsewhere: the conflict is not told again, only counted.
    vault.write("Daily/2024-03-01.md", "Met @ana-ito again\n");
    let (_, _, stderr) = vault.run(&["scan"]);
    assert_eq!(warnings(&stderr), Vec::<String>::new(), "{stderr}");
    assert!(
        stderr.contains("; 0 warnings, 1 from an earlier scan (`kith check` lists it); "),
        "{stderr}"
    );

    // A new conflict is told, alone.
    vault.write("People/Bo Ek.md", "---\naliases: [be]\n---\n");
    vault.write("People/Be Ng.md", "---\naliases: [be]\n---\n");
    let (_, _, stderr) = vault.run(&["scan"]);
    let told = warnings(&stderr);
    assert_eq!(told.len(), 1, "{stderr}");
    assert!(told.iter().all(|w| w.contains("`be`")), "{stderr}");
    assert!(
        stderr.contains("; 1 warning, 1 from an earlier scan (`kith check` lists it); "),
        "{stderr}"
    );

    // A rebuild tells them all.
    let (_, _, stderr) = vault.run(&["scan", "--rebuild"]);
    assert_eq!(warnings(&stderr).len(), 2, "{stderr}");
}

#[test]
fn a_person_note_whose_name_another_takes_as_an_alias_adds_to_that_person() {
    let vault = TestVault::empty();
    vault.write("People/Lee Park.md", "---\naliases: [lp]\n---\n");
    vault.write(
        "People/Lp.md",
        "---\nemail: lp@example.com\ntags: [golf]\n---\n",
    );
    vault.write("Daily/2024-03-01.md", "Golf with @lp\n");
    let (code, _, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: People/Lp.md: `lp` is also an alias of `lee-park`"),
        "{stderr}"
    );
    let profile = kith_json(&vault, &["person", "lp", "--no-scan"]);
    assert_eq!(profile["name"], "lee-park");
    assert_eq!(profile["note"], "People/Lee Park.md");
    assert_eq!(profile["declared_interests"], json!(["golf"]));
    assert_eq!(profile["properties"]["email"], "lp@example.com");
    let who = kith_json(&vault, &["who", "golf", "--no-scan"]);
    let names: Vec<&str> = who["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["lee-park"], "{who:#}");
    assert_eq!(who["people"][0]["declared"], true);
}

#[test]
fn two_person_notes_of_one_person_are_warned_about_in_scan_and_check() {
    let vault = TestVault::empty();
    vault.write("People/Alex Bec.md", "---\naliases: [Al]\n---\n# Alex\n");
    vault.write("People/alex bec.md", "---\naliases: [Bec]\n---\n# alex\n");
    vault.write("Daily/2026-11-01.md", "Lunch with @al.\n");
    let says = "`alex-bec` already has a person note, `People/Alex Bec.md`: kith takes the two for one person; rename one to tell them apart";
    let (code, _, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("warning: People/alex bec.md: {says}\n")),
        "{stderr}"
    );
    let (code, stdout, stderr) = vault.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(says), "{stdout}");
    // One person: the profile has the aliases of both notes.
    let profile = kith_json(&vault, &["person", "al", "--no-scan"]);
    assert_eq!(profile["name"], "alex-bec");
    assert_eq!(profile["note"], "People/Alex Bec.md");
    assert_eq!(profile["aliases"], json!(["Al", "Bec"]));
}
