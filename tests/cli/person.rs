//! `kith person NAME` over the `network` fixture (described in
//! `people.rs`).

use serde_json::{Value, json};

use crate::harness::{TODAY, TestVault, UNDATED, assert_strength, counts, sorted_keys, weight};

/// `kith person ARGS... --today TODAY --vault VAULT`: (code, stdout, stderr).
fn person(vault: &TestVault, args: &[&str]) -> (i32, String, String) {
    vault.ask("person", args)
}

/// `kith person NAME ... --format json`, parsed, after checking it
/// succeeded.
fn person_json(vault: &TestVault, args: &[&str]) -> Value {
    vault.ask_json("person", args)
}

fn months(pairs: &[(&str, i64)]) -> Value {
    pairs
        .iter()
        .map(|(month, mentions)| json!({"month": month, "mentions": mentions}))
        .collect()
}

#[test]
fn person_json_fields_are_the_contract() {
    let vault = TestVault::fixture("network");
    // `Alex Bec` as written in the frontmatter finds the handle `alex-bec`.
    let report = person_json(&vault, &["Alex Bec"]);
    assert_eq!(
        sorted_keys(&report),
        [
            "aliases",
            "declared_interests",
            "first_seen",
            "interests",
            "last_seen",
            "mentions",
            "name",
            "note",
            "notes",
            "people",
            "properties",
            "recent",
            "spellings",
            "strength",
            "timeline"
        ]
    );
    assert_eq!(report["name"], "alex-bec");
    assert_eq!(report["spellings"], json!(["@alex-bec", "Alex Bec"]));
    assert_eq!(report["mentions"], 2);
    assert_eq!(report["notes"], 1);
    assert_eq!(report["first_seen"], "2026-10-28");
    assert_eq!(report["last_seen"], "2026-10-28");
    assert_strength(&report["strength"], 2.0 * weight(30.0));
    // The frontmatter mention has every interest of the note in context;
    // the body one its block's, its heading's and the frontmatter's.
    assert_eq!(
        report["interests"],
        counts(&[("travel", 2), ("travel/asia", 2), ("travel/japan", 2)])
    );
    assert_eq!(report["people"], json!([]));
    assert_eq!(report["timeline"], months(&[("2026-10", 2)]));
    assert_eq!(
        report["recent"],
        json!([
            {"date": "2026-10-28", "path": "Meetings/Trip planning.md", "line": 8,
             "snippet": "@alex-bec has been to Kyoto #travel/asia"},
            {"date": "2026-10-28", "path": "Meetings/Trip planning.md", "line": 3,
             "snippet": "people: [Alex Bec]"},
        ])
    );
}

#[test]
fn person_profile_counts_interests_people_and_months() {
    let vault = TestVault::fixture("network");
    let report = person_json(&vault, &["ana"]);
    assert_eq!(report["spellings"], json!(["@ana"]));
    assert_eq!(report["mentions"], 5);
    assert_eq!(report["notes"], 4);
    assert_eq!(report["first_seen"], "2026-03-02");
    assert_eq!(report["last_seen"], "2026-11-27");
    assert_strength(
        &report["strength"],
        weight(0.0) + weight(1.0) + weight(90.0) + 2.0 * weight(270.0),
    );
    // Every interest, not just the top three of `people`.
    assert_eq!(
        report["interests"],
        counts(&[
            ("running", 3),
            ("books", 2),
            ("marathon", 2),
            ("marathon/boston", 1)
        ])
    );
    assert_eq!(report["people"], counts(&[("bo", 2), ("dev-patel", 1)]));
    // Every month from the first to the last, quiet ones as 0.
    assert_eq!(
        report["timeline"],
        months(&[
            ("2026-03", 2),
            ("2026-04", 0),
            ("2026-05", 0),
            ("2026-06", 0),
            ("2026-07", 0),
            ("2026-08", 1),
            ("2026-09", 0),
            ("2026-10", 0),
            ("2026-11", 2),
        ])
    );
    let recent: Vec<(&str, &str, u64)> = report["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["date"].as_str().unwrap(),
                m["path"].as_str().unwrap(),
                m["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        recent,
        [
            ("2026-11-27", "Daily/2026-11-27.md", 1),
            ("2026-11-26", "Meetings/2026-11-26 Running club.md", 2),
            ("2026-08-29", "Daily/2026-08-29.md", 3),
            // Ana twice on one line: one row.
            ("2026-03-02", "Daily/2026-03-02.md", 1),
        ]
    );
    assert_eq!(
        report["recent"][1]["snippet"],
        r#"attendees: ["@ana", "Dev Patel"]"#
    );
}

#[test]
fn person_undated_mentions_come_last_and_stay_off_the_timeline() {
    let vault = TestVault::fixture("network");
    let report = person_json(&vault, &["@Dev-Patel"]);
    assert_eq!(report["name"], "dev-patel");
    assert_eq!(report["spellings"], json!(["@dev-patel", "Dev Patel"]));
    assert_eq!(report["mentions"], 3);
    assert_eq!(report["first_seen"], "2026-10-28");
    assert_strength(&report["strength"], weight(1.0) + weight(30.0) + UNDATED);
    assert_eq!(
        report["timeline"],
        months(&[("2026-10", 1), ("2026-11", 1)])
    );
    assert_eq!(
        report["people"],
        counts(&[("ana", 1), ("bo", 1), ("carla-diaz", 1)])
    );
    let recent = report["recent"].as_array().unwrap();
    assert_eq!(recent.len(), 3);
    assert_eq!(recent[2]["date"], Value::Null);
    assert_eq!(recent[2]["path"], "Inbox/Ideas.md");
}

#[test]
fn person_limit_and_window() {
    let vault = TestVault::fixture("network");
    let report = person_json(&vault, &["ana", "--limit", "2"]);
    assert_eq!(report["recent"].as_array().unwrap().len(), 2);
    assert_eq!(report["mentions"], 5, "--limit only shortens the list");

    let report = person_json(&vault, &["ana", "--since", "2026-08-01"]);
    assert_eq!(report["mentions"], 3);
    assert_eq!(report["notes"], 3);
    assert_eq!(report["first_seen"], "2026-08-29");
    assert_strength(
        &report["strength"],
        weight(0.0) + weight(1.0) + weight(90.0),
    );
    assert_eq!(
        report["timeline"],
        months(&[
            ("2026-08", 1),
            ("2026-09", 0),
            ("2026-10", 0),
            ("2026-11", 2)
        ])
    );
    assert_eq!(report["recent"].as_array().unwrap().len(), 3);
    assert_eq!(
        report["interests"],
        counts(&[("running", 3), ("marathon", 2), ("marathon/boston", 1)])
    );

    // Known, but not in the window: a profile with nothing in it.
    let report = person_json(&vault, &["alex-bec", "--until", "2026-10-01"]);
    assert_eq!(report["mentions"], 0);
    assert_eq!(report["first_seen"], Value::Null);
    assert_eq!(report["timeline"], json!([]));
    assert_eq!(report["recent"], json!([]));
}

#[test]
fn person_unknown_exits_1_with_the_closest_names() {
    let vault = TestVault::fixture("network");
    let (code, stdout, stderr) = person(&vault, &["carl"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: no person carl\n\nhint: the closest known names: carla-diaz\n"
    );

    let (code, _, stderr) = person(&vault, &["Anna", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: no person Anna\n\nhint: the closest known names: ana\n"
    );

    let (code, stdout, stderr) = person(&vault, &["zzz"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: no person zzz\n\nhint: `kith people` lists everyone kith knows\n"
    );
}

/// A person the config ignores is said to be, by the name `ignore_people`
/// holds (an alias of theirs leads there), as an ignored interest is.
#[test]
fn person_ignored_by_the_config_says_so() {
    let vault = TestVault::fixture("network");
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  ana: [annie]\nignore_people: [ana]\n",
    );
    vault.write("People/Ana.md", "---\naliases: [anita]\n---\n");
    for (asked, expected) in [
        (
            "ana",
            "error: ana is not counted: the config's ignore_people has ana\n",
        ),
        (
            "@Annie",
            "error: @Annie is not counted: the config's ignore_people has ana\n",
        ),
        // Nor under a spelling that differs in separators or accents.
        (
            "an_a",
            "error: an_a is not counted: the config's ignore_people has ana\n",
        ),
        (
            "anà",
            "error: anà is not counted: the config's ignore_people has ana\n",
        ),
    ] {
        let (code, stdout, stderr) = person(&vault, &[asked]);
        assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
        assert_eq!(stderr, expected);
    }
    // Nor suggested for another name.
    let (_, _, stderr) = person(&vault, &["anx"]);
    assert!(
        !stderr.contains(": ana") && !stderr.contains(" ana,") && !stderr.contains(", ana\n"),
        "{stderr}"
    );
}

#[test]
fn person_table_snapshot() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("person", &["ana", "--format", "table"]);
    insta::assert_snapshot!("person_table", stdout);
}

#[test]
fn person_md_snapshot() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("person", &["Alex Bec", "--format", "md"]);
    insta::assert_snapshot!("person_md", stdout);
}

#[test]
fn person_csv_is_long_form() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("person", &["alex-bec", "--format", "csv"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "section,key,value,detail");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect();
    let expected: Vec<[&str; 4]> = vec![
        ["profile", "name", "alex-bec", ""],
        ["profile", "mentions", "2", ""],
        ["profile", "notes", "1", ""],
        ["profile", "first_seen", "2026-10-28", ""],
        ["profile", "last_seen", "2026-10-28", ""],
        ["profile", "strength", "1.59", ""],
        ["spelling", "@alex-bec", "", ""],
        ["spelling", "Alex Bec", "", ""],
        ["interest", "travel", "2", ""],
        ["interest", "travel/asia", "2", ""],
        ["interest", "travel/japan", "2", ""],
        ["month", "2026-10", "2", ""],
        [
            "mention",
            "2026-10-28",
            "Meetings/Trip planning.md:8",
            "@alex-bec has been to Kyoto #travel/asia",
        ],
        [
            "mention",
            "2026-10-28",
            "Meetings/Trip planning.md:3",
            "people: [Alex Bec]",
        ],
    ];
    assert_eq!(rows, expected);
}

#[test]
fn a_blank_name_is_a_usage_error() {
    let vault = TestVault::fixture("network");
    for args in [
        &["person", ""][..],
        &["person", "@"],
        &["who", "running", "#"],
        &["interests", "--limit", "many"],
    ] {
        let (code, stdout, stderr) = vault.run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(
            stderr.starts_with("error: invalid value '"),
            "{args:?}: {stderr}"
        );
        assert!(!vault.index_path().exists(), "{args:?}: nothing is scanned");
    }
    // A tag may be an emoji, a handle may start with `_`.
    for args in [&["who", "#☕"][..], &["person", "@_kim"]] {
        let (code, _, stderr) = vault.run(args);
        assert!(!stderr.contains("invalid value"), "{args:?}: {stderr}");
        assert_ne!(code, 2, "{args:?}: {stderr}");
    }
}

#[test]
fn a_person_nobody_mentions_yet_shows_dashes_not_blanks() {
    let vault = TestVault::empty();
    vault.write(
        "People/Nobody Yet.md",
        "---\naliases: [ny]\ntags: [chess]\n---\n# Nobody Yet\n",
    );
    vault.write("Daily/2026-11-01.md", "Chess with @ana.\n");
    let (code, table, stderr) = person(&vault, &["nobody-yet"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(table.contains("\n  written as  -\n"), "{table}");
    let (code, md, stderr) = person(&vault, &["nobody-yet", "--format", "md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(md.contains("\n- **written as:** -\n"), "{md}");
}

#[test]
fn a_name_typed_without_its_accent_finds_the_one_person_it_can_be() {
    let vault = TestVault::empty();
    vault.write("a.md", "Brunch with @zoë and @josé. Later @jose.\n");
    let report = person_json(&vault, &["zoe"]);
    assert_eq!(report["name"], "zoë");
    assert_eq!(report["mentions"], 1);
    // `jose` is someone of their own, not `josé`.
    assert_eq!(person_json(&vault, &["jose"])["name"], "jose");
    // `jóse` could be either: no answer, both suggested.
    let (code, stdout, stderr) = person(&vault, &["jóse"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("error: no person jóse\n"), "{stderr}");
}

#[test]
fn a_person_note_s_path_finds_its_person() {
    let vault = TestVault::empty();
    vault.write("People/Alex Bec.md", "---\naliases: [AB]\n---\nFriend.\n");
    vault.write("a.md", "Lunch with @ab.\n");
    let absolute = vault.path().join("People/Alex Bec.md");
    // As a shell completes it: from the vault, or from anywhere.
    for path in [
        "People/Alex Bec.md",
        "./People/Alex Bec.md",
        absolute.to_str().unwrap(),
    ] {
        let report = person_json(&vault, &[path]);
        assert_eq!(report["name"], "alex-bec", "{path}");
        assert_eq!(report["mentions"], 1, "{path}");
    }
    // A path that is no person note's is a name like any other, though it
    // ends as one does.
    vault.write("Kim.md", "---\ntags: [person]\n---\n");
    vault.write("Archive/Kim.md", "Old notes.\n");
    for path in ["Other/Alex Bec.md", "Archive/Kim.md", "/elsewhere/Kim.md"] {
        let (code, _, stderr) = person(&vault, &[path]);
        assert_eq!(code, 1, "{path}: {stderr}");
    }
    assert_eq!(person_json(&vault, &["Kim.md"])["name"], "kim");
}

#[test]
fn person_profile_fits_a_narrow_terminal() {
    let vault = TestVault::empty();
    let tags: Vec<String> = (1..=12).map(|i| format!("#interest-number-{i}")).collect();
    vault.write(
        "Projects/A rather long folder name/Planning the summer trip.md",
        format!(
            "Met @ana about {}, then more words after the tags.\n",
            tags.join(" ")
        ),
    );
    vault.write(
        "People/Ana.md",
        "---\na_property_with_a_long_key: a value long enough to wrap at sixty columns, and on\n---\n",
    );
    let profile = vault.run_in_columns(&["person", "ana"], "60");
    // A key too long for the label column has a line of its own.
    assert!(
        profile.contains("  a_property_with_a_long_key\n              a value"),
        "{profile}"
    );
    for line in profile.lines() {
        assert!(line.chars().count() <= 60, "{line:?} in\n{profile}");
    }
    // A long list goes on under its label; a place keeps its name and line.
    let interests = profile
        .lines()
        .skip_while(|l| !l.starts_with("  interests"))
        .nth(1);
    assert!(
        interests.is_some_and(|l| l.starts_with("              interest-number-")),
        "{profile}"
    );
    assert!(profile.contains("summer trip.md:1  Met @ana"), "{profile}");
}

/// The timeline's bars take what the width leaves them, up to 30.
#[test]
fn person_timeline_fits_a_narrow_terminal() {
    let vault = TestVault::empty();
    vault.write("2026-10-02.md", "@ana\n");
    vault.write("2026-11-02.md", "@ana @ana @ana\n");
    let timeline = |columns| {
        let profile = vault.run_in_columns(&["person", "ana", "--today", "2026-11-27"], columns);
        profile
            .lines()
            .skip_while(|l| *l != "timeline")
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        timeline("30"),
        ["  2026-10    1  ████", "  2026-11    3  ██████████████"]
    );
    let wide = timeline("120");
    assert_eq!(
        wide[1].chars().filter(|c| *c == '█').count(),
        30,
        "{wide:?}"
    );
}

/// `person`'s latest mention is the one `who` calls last: on one day, the
/// last note by path, then its last line.
#[test]
fn the_newest_recent_mention_is_who_s_last_one() {
    let vault = TestVault::empty();
    vault.write("A/n.md", "---\ndate: 2026-08-01\n---\n@zed #late\n");
    vault.write("B/a.md", "---\ndate: 2026-08-01\n---\n\n@zed #early\n");
    let person = vault.run_json(&[
        "person", "zed", "--today", TODAY, "--limit", "1", "--format", "json",
    ]);
    let who = vault.run_json(&[
        "who",
        "early",
        "late",
        "--today",
        TODAY,
        "--no-scan",
        "--format",
        "json",
    ]);
    let recent = &person["recent"][0];
    let last = &who["people"][0];
    assert_eq!(
        (&recent["path"], &recent["line"]),
        (&"B/a.md".into(), &5.into())
    );
    assert_eq!(
        (&last["last_note"], &last["last_line"]),
        (&recent["path"], &recent["line"])
    );
}
