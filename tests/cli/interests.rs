//! `kith interests` over the `network` fixture (described in `people.rs`).

use serde_json::{Value, json};

use crate::harness::{TestVault, counts, sorted_keys};

/// `kith interests --today TODAY --format json ARGS... --vault VAULT`,
/// parsed, after checking it succeeded.
fn interests_json(vault: &TestVault, args: &[&str]) -> Value {
    vault.ask_json("interests", args)
}

/// `{name, mentions, people, top_people}` from its parts.
fn row(name: &str, mentions: i64, people: i64, top: &[(&str, i64)]) -> Value {
    json!({"name": name, "mentions": mentions, "people": people, "top_people": counts(top)})
}

#[test]
fn interests_json_rolls_nested_tags_up_to_their_parents() {
    let vault = TestVault::fixture("network");
    let report = interests_json(&vault, &[]);
    assert_eq!(sorted_keys(&report), ["interests"]);
    // Direct mentions: travel 1, travel/asia 2, travel/japan 1, so travel
    // has 4; marathon 2 and marathon/boston 1, so marathon has 3.
    // People count each person mention once even when several nested
    // interests are in its context: alex-bec's two mentions each have
    // travel, travel/asia and travel/japan, and count 2 for travel.
    assert_eq!(
        report["interests"],
        json!([
            row("travel", 4, 2, &[("alex-bec", 2), ("carla-diaz", 1)]),
            row("cooking", 3, 2, &[("carla-diaz", 2), ("dev-patel", 2)]),
            row("marathon", 3, 3, &[("ana", 2), ("bo", 2), ("dev-patel", 1)]),
            row("running", 3, 3, &[("ana", 3), ("bo", 2), ("dev-patel", 1)]),
            row("books", 2, 2, &[("ana", 2), ("dev-patel", 1)]),
            row("travel/asia", 2, 2, &[("alex-bec", 2), ("carla-diaz", 1)]),
            row(
                "marathon/boston",
                1,
                3,
                &[("ana", 1), ("bo", 1), ("dev-patel", 1)]
            ),
            row("travel/japan", 1, 1, &[("alex-bec", 2)]),
        ])
    );
}

#[test]
fn interests_window_and_limit() {
    let vault = TestVault::fixture("network");
    // From 2026-10-01: 11-27 (running, marathon), 11-26 (running,
    // marathon, marathon/boston), 10-28 (travel/japan, travel, travel/asia;
    // cooking).
    let report = interests_json(&vault, &["--since", "2026-10-01"]);
    assert_eq!(
        report["interests"],
        json!([
            row("marathon", 3, 3, &[("ana", 2), ("bo", 2), ("dev-patel", 1)]),
            row("travel", 3, 1, &[("alex-bec", 2)]),
            row("running", 2, 3, &[("ana", 2), ("bo", 2), ("dev-patel", 1)]),
            row("cooking", 1, 2, &[("carla-diaz", 1), ("dev-patel", 1)]),
            row(
                "marathon/boston",
                1,
                3,
                &[("ana", 1), ("bo", 1), ("dev-patel", 1)]
            ),
            row("travel/asia", 1, 1, &[("alex-bec", 2)]),
            row("travel/japan", 1, 1, &[("alex-bec", 2)]),
        ])
    );
    // Up to 2026-05-31: books (03-02) and travel/asia (05-31).
    let report = interests_json(&vault, &["--until", "2026-05-31"]);
    assert_eq!(
        report["interests"],
        json!([
            row("books", 1, 1, &[("ana", 2)]),
            row("travel", 1, 1, &[("carla-diaz", 1)]),
            row("travel/asia", 1, 1, &[("carla-diaz", 1)]),
        ])
    );

    let report = interests_json(&vault, &["--limit", "2"]);
    let names: Vec<&str> = report["interests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["travel", "cooking"]);
}

#[test]
fn interests_top_people_are_at_most_three() {
    let vault = TestVault::fixture("network");
    vault.write(
        "Daily/2026-11-20.md",
        "#running with @erin and @finn and @gus\n",
    );
    let report = interests_json(&vault, &[]);
    let running = report["interests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "running")
        .unwrap();
    assert_eq!(running["mentions"], 4);
    assert_eq!(running["people"], 6);
    assert_eq!(
        running["top_people"],
        json!([{"name": "ana", "count": 3}, {"name": "bo", "count": 2}, {"name": "dev-patel", "count": 1}])
    );
}

#[test]
fn interests_table_snapshot() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("interests", &["--format", "table"]);
    insta::assert_snapshot!("interests_table", stdout);
}

#[test]
fn interests_md_snapshot() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("interests", &["--format", "md"]);
    insta::assert_snapshot!("interests_md", stdout);
}

#[test]
fn interests_csv_has_the_documented_header() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("interests", &["--format", "csv"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "interest,mentions,people,top_people");
    assert_eq!(lines.len(), 9, "a header and eight interests:\n{stdout}");
    assert_eq!(lines[1], "travel,4,2,\"alex-bec 2, carla-diaz 1\"");
    assert_eq!(lines[8], "travel/japan,1,1,alex-bec 2");
}

#[test]
fn the_person_tag_is_no_interest_and_declared_people_have_theirs() {
    let vault = TestVault::empty();
    // `person` makes these person notes; Ana declares two interests.
    vault.write(
        "People/Ana.md",
        "---\ntags: [person, climbing, bouldering]\n---\n# Ana\n",
    );
    vault.write("People/Bo.md", "---\ntags: \"#person\"\n---\n# Bo\n");
    vault.write("2026-11-20.md", "Climbed with @ana and @bo. #climbing\n");
    let report = interests_json(&vault, &[]);
    // Ana is seen with climbing once and declares it (her note's tag is a
    // mention of it); bouldering she only declares, as `who` lists her.
    assert_eq!(
        report["interests"],
        json!([
            row("climbing", 2, 2, &[("ana", 1), ("bo", 1)]),
            row("bouldering", 1, 1, &[("ana", 0)]),
        ])
    );
    let who = vault.ask_json("who", &["bouldering"]);
    assert_eq!(who["people"][0]["name"], "ana");
    assert_eq!(who["people"][0]["declared"], true);
    let table = vault.ask_ok("interests", &["--format", "table"]);
    assert!(table.contains("ana (declared)"), "{table}");
    // A body `#person` is still an interest: only the marker is not.
    vault.write("2026-11-21.md", "Met a lovely #person at the crag.\n");
    let report = interests_json(&vault, &[]);
    let names: Vec<&Value> = report["interests"]
        .as_array()
        .expect("interests")
        .iter()
        .map(|i| &i["name"])
        .collect();
    assert!(names.contains(&&json!("person")), "{report}");
}
