//! `kith who INTEREST...` over the `network` fixture (described in
//! `people.rs`).

use serde_json::{Value, json};

use crate::harness::{
    TestVault, UNDATED, assert_strength, json, people_names, sorted_keys, weight,
};

/// `kith who ARGS... --today TODAY --vault VAULT`.
fn who(vault: &TestVault, args: &[&str]) -> (i32, String, String) {
    vault.ask("who", args)
}

fn who_json(vault: &TestVault, args: &[&str]) -> Value {
    vault.ask_json("who", args)
}

#[test]
fn who_json_fields_are_the_contract() {
    let vault = TestVault::fixture("network");
    let report = who_json(&vault, &["travel"]);
    assert_eq!(sorted_keys(&report), ["interests", "people", "today"]);
    assert_eq!(report["interests"], json!(["travel"]));
    assert_eq!(report["today"], "2026-11-27");
    assert_eq!(people_names(&report), ["alex-bec", "carla-diaz"]);

    let alex = &report["people"][0];
    assert_eq!(
        sorted_keys(alex),
        [
            "contexts",
            "declared",
            "declared_contexts",
            "last_line",
            "last_note",
            "last_seen",
            "last_snippet",
            "mentions",
            "name",
            "strength"
        ]
    );
    assert_strength(&alex["strength"], 2.0 * weight(30.0));
    assert_eq!(alex["mentions"], 2);
    assert_eq!(
        alex["contexts"],
        json!(["travel", "travel/asia", "travel/japan"])
    );
    assert_eq!(alex["last_seen"], "2026-10-28");
    assert_eq!(alex["last_note"], "Meetings/Trip planning.md");
    assert_eq!(alex["last_line"], 8);
    assert_eq!(
        alex["last_snippet"],
        "@alex-bec has been to Kyoto #travel/asia"
    );

    // Seen with #travel/asia only, which is nested under travel.
    let carla = &report["people"][1];
    assert_strength(&carla["strength"], weight(180.0));
    assert_eq!(carla["mentions"], 1);
    assert_eq!(carla["contexts"], json!(["travel/asia"]));
    assert_eq!(carla["last_seen"], "2026-05-31");
    assert_eq!(carla["last_note"], "Daily/2026-05-31.md");
    assert_eq!(carla["last_line"], 1);
    assert_eq!(
        carla["last_snippet"],
        "Coffee with @Carla-Diaz about #travel/asia"
    );
}

#[test]
fn who_strength_counts_only_mentions_in_that_context() {
    let vault = TestVault::fixture("network");
    let report = who_json(&vault, &["running"]);
    assert_eq!(people_names(&report), ["ana", "bo", "dev-patel"]);
    let people = report["people"].as_array().unwrap();
    // ana's #books mentions of 03-02 do not count here.
    assert_strength(
        &people[0]["strength"],
        weight(0.0) + weight(1.0) + weight(90.0),
    );
    assert_eq!(people[0]["mentions"], 3);
    assert_eq!(people[0]["last_note"], "Daily/2026-11-27.md");
    assert_strength(&people[1]["strength"], weight(0.0) + weight(1.0));
    assert_strength(&people[2]["strength"], weight(1.0));
    assert_eq!(
        people[2]["last_note"],
        "Meetings/2026-11-26 Running club.md"
    );
    assert_eq!(people[2]["last_line"], 2);

    // The undated idea counts its fixed weight.
    let report = who_json(&vault, &["cooking"]);
    assert_eq!(people_names(&report), ["carla-diaz", "dev-patel"]);
    assert_strength(
        &report["people"][0]["strength"],
        weight(30.0) + weight(90.0),
    );
    assert_strength(&report["people"][1]["strength"], weight(30.0) + UNDATED);
    assert_eq!(report["people"][1]["last_note"], "Projects/Cookbook.md");
    assert_eq!(report["people"][1]["last_seen"], "2026-10-28");
}

#[test]
fn who_hash_and_capitals_are_canonicalised() {
    let vault = TestVault::fixture("network");
    let plain = who_json(&vault, &["running"]);
    let tagged = who_json(&vault, &["#Running"]);
    assert_eq!(tagged["interests"], json!(["running"]));
    assert_eq!(tagged, plain);
    let nested = who_json(&vault, &["#Travel/Asia"]);
    assert_eq!(nested["interests"], json!(["travel/asia"]));
    assert_eq!(people_names(&nested), ["alex-bec", "carla-diaz"]);
    // The same interest asked three ways is asked once.
    let thrice = who_json(&vault, &["running", "#running", "Running"]);
    assert_eq!(thrice, plain);
}

#[test]
fn who_refuses_a_person_or_what_is_no_tag() {
    let vault = TestVault::fixture("network");
    for (arg, says) in [
        (
            "@ana",
            "`@ana` is a person, not an interest: ask `kith person ana`",
        ),
        ("/", "expected an interest such as running or travel/asia"),
        (
            "1984",
            "expected an interest such as running or travel/asia",
        ),
    ] {
        let (code, stdout, stderr) = who(&vault, &[arg]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{arg}: {stderr}");
        assert!(stderr.contains(says), "{arg}: {stderr}");
        // `people --interest` takes an interest alike.
        let (code, stdout, stderr) = vault.run(&["people", "--interest", arg]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{arg}: {stderr}");
        assert!(stderr.contains(says), "{arg}: {stderr}");
    }
}

#[test]
fn who_several_interests_count_each_mention_once() {
    let vault = TestVault::fixture("network");
    let report = who_json(&vault, &["running", "marathon"]);
    assert_eq!(report["interests"], json!(["running", "marathon"]));
    assert_eq!(people_names(&report), ["ana", "bo", "dev-patel"]);
    let ana = &report["people"][0];
    // The mentions of 11-27 and 11-26 have both in context: counted once.
    assert_eq!(ana["mentions"], 3);
    assert_strength(&ana["strength"], weight(0.0) + weight(1.0) + weight(90.0));
    assert_eq!(
        ana["contexts"],
        json!(["marathon", "marathon/boston", "running"])
    );

    // A person qualifies through any of them.
    // alex-bec: 2 × 0.79 through travel/japan; ana: two #books mentions
    // 270 days old; dev-patel: one undated; both 0.25, so by name.
    let report = who_json(&vault, &["books", "travel/japan"]);
    assert_eq!(people_names(&report), ["alex-bec", "ana", "dev-patel"]);
    let report = who_json(&vault, &["books"]);
    assert_eq!(people_names(&report), ["ana", "dev-patel"]);
    assert_strength(&report["people"][0]["strength"], 2.0 * weight(270.0));
    assert_strength(&report["people"][1]["strength"], UNDATED);
    assert_eq!(report["people"][1]["last_seen"], Value::Null);
}

#[test]
fn who_window_and_limit() {
    let vault = TestVault::fixture("network");
    let report = who_json(&vault, &["running", "--until", "2026-09-30"]);
    assert_eq!(people_names(&report), ["ana"]);
    assert_eq!(report["people"][0]["mentions"], 1);
    assert_eq!(report["people"][0]["last_note"], "Daily/2026-08-29.md");
    assert_eq!(report["people"][0]["last_line"], 3);

    let report = who_json(&vault, &["cooking", "--since", "2026-01-01"]);
    assert_eq!(people_names(&report), ["carla-diaz", "dev-patel"]);
    assert_strength(&report["people"][1]["strength"], weight(30.0));

    let report = who_json(&vault, &["running", "--limit", "1"]);
    assert_eq!(people_names(&report), ["ana"]);
}

#[test]
fn who_unknown_interest_is_an_empty_answer_told_with_the_closest() {
    let vault = TestVault::fixture("network");
    let (code, stdout, stderr) = who(&vault, &["knitting", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&stdout)["people"], json!([]));
    assert_eq!(stderr, "no note mentions #knitting\n");

    // A typo is told, even beside an interest that has people.
    let (code, stdout, stderr) = who(&vault, &["runing", "cooking", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(!json(&stdout)["people"].as_array().unwrap().is_empty());
    assert_eq!(
        stderr,
        "no note mentions #runing\n\nhint: the closest known interests: running\n"
    );

    // An interest the config ignores is told as ignored; a parent only
    // nested interests are written under is a known one.
    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "ignore_interests: [\"#work\"]\n");
    vault.write("a.md", "@ana #work/meetings and @bo #running/trail\n");
    let (code, _, stderr) = who(&vault, &["work/meetings"]);
    assert_eq!(code, 0);
    assert_eq!(
        stderr,
        "#work/meetings is not counted: the config's ignore_interests has #work\n"
    );
    let (_, _, stderr) = who(&vault, &["runing"]);
    assert!(
        stderr.ends_with("hint: the closest known interests: running, running/trail\n"),
        "{stderr}"
    );
    let vault = TestVault::fixture("network");

    // A known interest with nobody in the window is "nobody yet".
    let (code, _, stderr) = who(&vault, &["running", "--until", "2000-01-01"]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "nobody yet in the context of #running\n");
}

#[test]
fn people_with_an_unknown_interest_is_told_with_the_closest() {
    let vault = TestVault::fixture("network");
    let (code, stdout, stderr) = vault.run(&[
        "people",
        "--interest",
        "runing",
        "--format",
        "json",
        "--today",
        "2026-11-27",
    ]);
    assert_eq!(code, 0);
    assert_eq!(json(&stdout)["people"], json!([]));
    assert_eq!(
        stderr,
        "no note mentions #runing\n\nhint: the closest known interests: running\n"
    );
}

/// `--limit 0` lists nobody; that is no sign that nobody is there.
#[test]
fn who_limit_0_does_not_say_nobody() {
    let vault = TestVault::fixture("network");
    let (code, stdout, stderr) = who(&vault, &["running", "--limit", "0", "--format", "json"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(json(&stdout)["people"], json!([]));
}

#[test]
fn who_table_snapshot() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("who", &["running", "marathon", "--format", "table"]);
    insta::assert_snapshot!("who_table", stdout);
}

#[test]
fn who_md_snapshot() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("who", &["#cooking", "--format", "md"]);
    insta::assert_snapshot!("who_md", stdout);
}

#[test]
fn who_csv_has_the_documented_header() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("who", &["travel", "--format", "csv"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "name,strength,mentions,last_seen,last_note,contexts,last_line,declared,last_snippet,declared_contexts",
            "alex-bec,1.59,2,2026-10-28,Meetings/Trip planning.md,\"travel, travel/asia, travel/japan\",8,false,@alex-bec has been to Kyoto #travel/asia,",
            "carla-diaz,0.25,1,2026-05-31,Daily/2026-05-31.md,travel/asia,1,false,Coffee with @Carla-Diaz about #travel/asia,",
        ]
    );
}

#[test]
fn who_needs_an_interest() {
    let vault = TestVault::fixture("network");
    let (code, stdout, stderr) = who(&vault, &[]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("<INTEREST>..."), "{stderr}");
}

#[test]
fn a_person_known_only_by_a_declared_interest_has_no_last_mention() {
    let vault = TestVault::empty();
    vault.write("People/Bo.md", "---\ntags: [climbing]\n---\n# Bo\n");
    vault.write("2026-11-01.md", "Bouldering with @ana. #climbing\n");
    let report = vault.ask_json("who", &["climbing"]);
    let people = report["people"].as_array().expect("people");
    let bo = people.iter().find(|p| p["name"] == "bo").expect("bo");
    assert_eq!(bo["declared"], true);
    assert_eq!(bo["mentions"], 0);
    for key in ["last_seen", "last_note", "last_line", "last_snippet"] {
        assert_eq!(bo[key], Value::Null, "{key}");
    }
    let ana = people.iter().find(|p| p["name"] == "ana").expect("ana");
    assert_eq!(ana["last_note"], "2026-11-01.md");
    assert_eq!(ana["last_line"], 1);
    let (code, csv, stderr) = vault.ask("who", &["climbing", "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        csv.lines()
            .any(|l| l == "bo,0.00,0,,,climbing,,true,,climbing"),
        "{csv}"
    );
}

#[test]
fn only_the_declared_contexts_are_marked_declared() {
    let vault = TestVault::empty();
    vault.write("People/Ana.md", "---\ntags: [marathon]\n---\n");
    vault.write("2026-11-05.md", "Ran with @ana #running\n");
    let report = who_json(&vault, &["running", "marathon"]);
    let ana = &report["people"][0];
    assert_eq!(ana["contexts"], json!(["marathon", "running"]));
    assert_eq!(ana["declared_contexts"], json!(["marathon"]));
    let table = vault.ask_ok("who", &["running", "marathon", "--format", "table"]);
    assert!(table.contains("marathon (declared), running"), "{table}");
}
