//! `kith people` over the `network` fixture.
//!
//! The fixture, with ages counted from 2026-11-27 (see `TODAY`):
//!
//! | note | date (age) | people | interests |
//! |---|---|---|---|
//! | Daily/2026-11-27.md | 11-27 (0) | ana, bo | running, marathon |
//! | Daily/2026-11-25.md | 11-25 (2) | - | - |
//! | Meetings/2026-11-26 Running club.md | 11-26 (1) | ana, dev-patel (frontmatter), bo | running, marathon (frontmatter), marathon/boston |
//! | Meetings/Trip planning.md | frontmatter 10-28 (30) | alex-bec (frontmatter and body) | travel/japan (frontmatter), travel (heading), travel/asia |
//! | Projects/Cookbook.md | `created` 10-28 (30) | carla-diaz, dev-patel | cooking (frontmatter) |
//! | Daily/2026-08-29.md | 08-29 (90) | ana; carla-diaz (separate blocks) | running; cooking |
//! | Daily/2026-05-31.md | 05-31 (180) | carla-diaz | travel/asia |
//! | Daily/2026-03-02.md | 03-02 (270) | ana twice | books |
//! | Inbox/Ideas.md | undated | dev-patel | cooking, books |

use serde_json::Value;

use crate::harness::{
    TODAY, TestVault, UNDATED, assert_strength, counts, json, people_names, sorted_keys, weight,
};

/// `kith people ARGS... --today TODAY --vault VAULT`: (code, stdout, stderr).
fn people(vault: &TestVault, args: &[&str]) -> (i32, String, String) {
    vault.ask("people", args)
}

/// `kith people ... --format json`, parsed, after checking it succeeded.
fn people_json(vault: &TestVault, args: &[&str]) -> Value {
    vault.ask_json("people", args)
}

/// A person of a report by name.
fn person<'r>(report: &'r Value, name: &str) -> &'r Value {
    report["people"]
        .as_array()
        .expect("people is an array")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {report:#}"))
}

#[test]
fn people_json_fields_are_the_contract() {
    let vault = TestVault::fixture("network");
    let report = people_json(&vault, &[]);
    assert_eq!(sorted_keys(&report), ["interest", "people", "today"]);
    assert_eq!(report["today"], "2026-11-27");
    assert_eq!(report["interest"], Value::Null);
    // Strongest first: 2.74, 2.04, 1.99, 1.59, 1.54.
    assert_eq!(
        people_names(&report),
        ["ana", "dev-patel", "bo", "alex-bec", "carla-diaz"]
    );

    // (name, mentions, notes, first_seen, last_seen, strength, top_interests)
    let expected: [(&str, u64, u64, &str, &str, f64, Value); 5] = [
        (
            "ana",
            5,
            4,
            "2026-03-02",
            "2026-11-27",
            weight(0.0) + weight(1.0) + weight(90.0) + 2.0 * weight(270.0),
            counts(&[("running", 3), ("books", 2), ("marathon", 2)]),
        ),
        (
            "dev-patel",
            3,
            3,
            "2026-10-28",
            "2026-11-26",
            weight(1.0) + weight(30.0) + UNDATED,
            counts(&[("cooking", 2), ("books", 1), ("marathon", 1)]),
        ),
        (
            "bo",
            2,
            2,
            "2026-11-26",
            "2026-11-27",
            weight(0.0) + weight(1.0),
            counts(&[("marathon", 2), ("running", 2), ("marathon/boston", 1)]),
        ),
        (
            "alex-bec",
            2,
            1,
            "2026-10-28",
            "2026-10-28",
            2.0 * weight(30.0),
            counts(&[("travel", 2), ("travel/asia", 2), ("travel/japan", 2)]),
        ),
        (
            "carla-diaz",
            3,
            3,
            "2026-05-31",
            "2026-10-28",
            weight(30.0) + weight(90.0) + weight(180.0),
            counts(&[("cooking", 2), ("travel/asia", 1)]),
        ),
    ];
    for (name, mentions, notes, first, last, strength, top) in expected {
        let p = person(&report, name);
        assert_eq!(
            sorted_keys(p),
            [
                "first_seen",
                "last_seen",
                "mentions",
                "name",
                "notes",
                "strength",
                "top_interests"
            ]
        );
        assert_eq!(p["mentions"], mentions, "{name}");
        assert_eq!(p["notes"], notes, "{name}");
        assert_eq!(p["first_seen"], first, "{name}");
        assert_eq!(p["last_seen"], last, "{name}");
        assert_strength(&p["strength"], strength);
        assert_eq!(p["top_interests"], top, "{name}");
    }
}

#[test]
fn people_strength_is_reproducible_with_today() {
    let vault = TestVault::fixture("network");
    let first = people_json(&vault, &[]);
    let again = people_json(&vault, &[]);
    assert_eq!(first, again);

    // 90 days later every dated mention counts half as much; undated ones
    // keep their fixed weight.
    let later = vault.run_json(&["people", "--today", "2027-02-25", "--format", "json"]);
    assert_eq!(later["today"], "2027-02-25");
    assert_strength(
        &person(&later, "dev-patel")["strength"],
        (weight(1.0) + weight(30.0)) / 2.0 + UNDATED,
    );
    assert_strength(
        &person(&later, "ana")["strength"],
        (weight(0.0) + weight(1.0) + weight(90.0) + 2.0 * weight(270.0)) / 2.0,
    );

    // KITH_TODAY is the same as --today.
    let from_env = vault
        .kith(&["people", "--format", "json"])
        .env("KITH_TODAY", TODAY)
        .output()
        .expect("kith runs");
    assert_eq!(json(&String::from_utf8_lossy(&from_env.stdout)), first);

    // A date in the future counts as today: nothing is older than 0 days.
    let past = vault.run(&["people", "--today", "2026-01-01", "--format", "json"]);
    let past = json(&past.1);
    assert_strength(&person(&past, "bo")["strength"], 2.0);
}

#[test]
fn people_half_life_changes_the_decay() {
    let vault = TestVault::fixture("network");
    let report = people_json(&vault, &["--half-life", "30"]);
    assert_strength(&person(&report, "alex-bec")["strength"], 2.0 * 0.5);
    assert_strength(
        &person(&report, "carla-diaz")["strength"],
        0.5 + 0.5_f64.powi(3) + 0.5_f64.powi(6),
    );
    let (code, _, stderr) = people(&vault, &["--half-life", "0"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a positive number of days"), "{stderr}");
}

#[test]
fn people_default_format_is_a_table() {
    let vault = TestVault::fixture("network");
    let (code, stdout, stderr) = people(&vault, &[]);
    assert_eq!(code, 0, "{stderr}");
    let (_, table, _) = people(&vault, &["--format", "table"]);
    assert_eq!(stdout, table);
    // The refresh before a question is silent; only `scan` prints a summary.
    assert_eq!(stderr, "");
}

#[test]
fn people_table_snapshot() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("people", &["--format", "table"]);
    insta::assert_snapshot!("people_table", stdout);
}

/// Columns are padded by terminal columns: 李小龙 is three characters but
/// six columns wide, so its row lines up with ana's only when it is padded
/// as six (counting characters shifted its row three columns right).
#[test]
fn people_table_aligns_a_cjk_name() {
    let vault = TestVault::empty();
    vault.write(
        "note.md",
        "Met @李小龙 and @ana about #日本/旅行 and #running.\n",
    );
    let (code, stdout, stderr) = people(&vault, &["--format", "table"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "\
NAME    STRENGTH  MENTIONS  NOTES  FIRST SEEN  LAST SEEN  TOP INTERESTS
ana         0.25         1      1  -           -          running 1, 日本/旅行 1
李小龙      0.25         1      1  -           -          running 1, 日本/旅行 1
"
    );
}

#[test]
fn people_md_snapshot() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("people", &["--format", "md"]);
    insta::assert_snapshot!("people_md", stdout);
}

#[test]
fn people_csv_has_the_documented_header() {
    let vault = TestVault::fixture("network");
    let stdout = vault.ask_ok("people", &["--format", "csv"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "name,strength,mentions,notes,first_seen,last_seen,top_interests"
    );
    assert_eq!(lines.len(), 6, "a header and five people:\n{stdout}");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "ana",
            "2.74",
            "5",
            "4",
            "2026-03-02",
            "2026-11-27",
            "running 3, books 2, marathon 2"
        ]
    );
    assert_eq!(
        rows[4],
        [
            "carla-diaz",
            "1.54",
            "3",
            "3",
            "2026-05-31",
            "2026-10-28",
            "cooking 2, travel/asia 1"
        ]
    );
    // A cell with a comma is quoted.
    assert!(lines[1].ends_with(",\"running 3, books 2, marathon 2\""));
}

#[test]
fn people_sort_orders() {
    let vault = TestVault::fixture("network");
    let by = |sort: &str| {
        let report = people_json(&vault, &["--sort", sort]);
        people_names(&report)
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by("strength"),
        ["ana", "dev-patel", "bo", "alex-bec", "carla-diaz"]
    );
    // Last seen 11-27, 11-27, 11-26, 10-28, 10-28; ties by name.
    assert_eq!(
        by("recent"),
        ["ana", "bo", "dev-patel", "alex-bec", "carla-diaz"]
    );
    // Mentions 5, 3, 3, 2, 2; ties by name.
    assert_eq!(
        by("mentions"),
        ["ana", "carla-diaz", "dev-patel", "alex-bec", "bo"]
    );
    assert_eq!(
        by("name"),
        ["alex-bec", "ana", "bo", "carla-diaz", "dev-patel"]
    );
}

#[test]
fn people_limit_keeps_the_first_rows() {
    let vault = TestVault::fixture("network");
    assert_eq!(
        people_names(&people_json(&vault, &["--limit", "2"])),
        ["ana", "dev-patel"]
    );
    assert_eq!(
        people_names(&people_json(&vault, &["--limit", "1", "--sort", "name"])),
        ["alex-bec"]
    );
    assert!(people_names(&people_json(&vault, &["--limit", "0"])).is_empty());
    let (code, stdout, _) = people(&vault, &["--limit", "2", "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 3);
}

#[test]
fn people_since_keeps_dated_mentions_from_that_day() {
    let vault = TestVault::fixture("network");
    // From 2026-10-01: the notes of 11-27, 11-26 and 10-28 (twice); the
    // undated idea and everything older are left out.
    let report = people_json(&vault, &["--since", "2026-10-01"]);
    assert_eq!(
        people_names(&report),
        ["ana", "bo", "dev-patel", "alex-bec", "carla-diaz"]
    );
    let expect = [
        ("ana", 2, "2026-11-26", weight(0.0) + weight(1.0)),
        ("bo", 2, "2026-11-26", weight(0.0) + weight(1.0)),
        ("dev-patel", 2, "2026-10-28", weight(1.0) + weight(30.0)),
        ("alex-bec", 2, "2026-10-28", 2.0 * weight(30.0)),
        ("carla-diaz", 1, "2026-10-28", weight(30.0)),
    ];
    for (name, mentions, first, strength) in expect {
        let p = person(&report, name);
        assert_eq!(p["mentions"], mentions, "{name}");
        assert_eq!(p["first_seen"], first, "{name}");
        assert_strength(&p["strength"], strength);
    }
    // The day itself is inside the window.
    let report = people_json(&vault, &["--since", "2026-11-27"]);
    assert_eq!(people_names(&report), ["ana", "bo"]);
    assert_eq!(person(&report, "ana")["mentions"], 1);
}

#[test]
fn people_until_and_since_make_a_window() {
    let vault = TestVault::fixture("network");
    // Up to 2026-08-31: 03-02 (ana twice), 05-31 (carla), 08-29 (ana, carla).
    let report = people_json(&vault, &["--until", "2026-08-31"]);
    assert_eq!(
        people_names(&report),
        ["ana", "carla-diaz"],
        "0.75 each, by name"
    );
    let ana = person(&report, "ana");
    assert_eq!(ana["mentions"], 3);
    assert_eq!(ana["last_seen"], "2026-08-29");
    assert_strength(&ana["strength"], weight(90.0) + 2.0 * weight(270.0));
    assert_eq!(
        ana["top_interests"],
        counts(&[("books", 2), ("running", 1)])
    );
    let carla = person(&report, "carla-diaz");
    assert_eq!(carla["mentions"], 2);
    assert_strength(&carla["strength"], weight(90.0) + weight(180.0));

    // 2026-06-01 to 2026-10-31: 08-29 and the two notes of 10-28.
    let report = people_json(&vault, &["--since", "2026-06-01", "--until", "2026-10-31"]);
    assert_eq!(
        people_names(&report),
        ["alex-bec", "carla-diaz", "dev-patel", "ana"]
    );
    assert_strength(
        &person(&report, "carla-diaz")["strength"],
        weight(30.0) + weight(90.0),
    );
    assert_eq!(person(&report, "dev-patel")["mentions"], 1);

    // A window with no mentions is an empty list, not an error.
    let report = people_json(&vault, &["--since", "2025-01-01", "--until", "2025-12-31"]);
    assert!(people_names(&report).is_empty());

    let (code, _, stderr) = people(&vault, &["--since", "2026-11-01", "--until", "2026-10-01"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--since 2026-11-01 is after --until 2026-10-01"),
        "{stderr}"
    );
    // Only YYYY-MM-DD is a date: `26-11-27` is not the year 26.
    for bad in [&["--until", "2026-1-7"][..], &["--today", "26-11-27"]] {
        let (code, stdout, stderr) = vault.run(&[&["people"][..], bad].concat());
        assert_eq!((code, stdout.as_str()), (2, ""), "{bad:?}: {stderr}");
        assert!(
            stderr.contains(&format!("`{}` is not a date: expected YYYY-MM-DD", bad[1])),
            "{stderr}"
        );
    }
    // Written as a date, but no day of the calendar.
    for bad in [&["--since", "2026-13-01"][..], &["--today", "2026-02-30"]] {
        let (code, stdout, stderr) = vault.run(&[&["people"][..], bad].concat());
        assert_eq!((code, stdout.as_str()), (2, ""), "{bad:?}: {stderr}");
        assert!(
            stderr.contains(&format!("`{}` is no day of the calendar", bad[1])),
            "{stderr}"
        );
    }
}

#[test]
fn people_interest_includes_nested_interests() {
    let vault = TestVault::fixture("network");
    // alex-bec is seen with #travel; carla-diaz only with #travel/asia.
    let report = people_json(&vault, &["--interest", "travel"]);
    assert_eq!(report["interest"], "travel");
    assert_eq!(people_names(&report), ["alex-bec", "carla-diaz"]);
    // Top interests put the asked ones first.
    assert_eq!(
        person(&report, "carla-diaz")["top_interests"],
        counts(&[("travel/asia", 1), ("cooking", 2)])
    );
    // Everything else about a person is unchanged by the filter.
    assert_eq!(person(&report, "carla-diaz")["mentions"], 3);

    // `#Travel` is the same interest; a nested one narrows.
    let hash = people_json(&vault, &["--interest", "#Travel"]);
    assert_eq!(people_names(&hash), ["alex-bec", "carla-diaz"]);
    assert_eq!(
        people_names(&people_json(&vault, &["--interest", "travel/japan"])),
        ["alex-bec"]
    );
    assert_eq!(
        people_names(&people_json(&vault, &["--interest", "marathon"])),
        ["ana", "dev-patel", "bo"]
    );
    // `trav` is no prefix match.
    assert!(people_names(&people_json(&vault, &["--interest", "trav"])).is_empty());
    // With a window: carla-diaz's #travel/asia is from 05-31.
    assert_eq!(
        people_names(&people_json(
            &vault,
            &["--interest", "travel", "--since", "2026-06-01"]
        )),
        ["alex-bec"]
    );
}

#[test]
fn people_no_scan_uses_the_index_as_is() {
    let vault = TestVault::fixture("network");
    let index = vault.index_path();
    assert!(!index.exists());
    let before = people_json(&vault, &[]);
    assert!(index.is_file(), "a question builds the index first");

    vault.write("Daily/2026-11-27.md", "Long run with @zed #running\n");
    let stale = people_json(&vault, &["--no-scan"]);
    assert_eq!(stale, before, "--no-scan answers from the index as it is");

    let fresh = people_json(&vault, &[]);
    assert!(people_names(&fresh).contains(&"zed"), "{fresh:#}");
    assert_eq!(person(&fresh, "ana")["mentions"], 4);
    assert_eq!(person(&fresh, "bo")["mentions"], 1);
    // ... and the refresh was kept: --no-scan now sees it too.
    assert_eq!(people_json(&vault, &["--no-scan"]), fresh);
}

#[test]
fn people_no_scan_without_an_index_exits_2_with_a_hint() {
    let vault = TestVault::fixture("network");
    let (code, stdout, stderr) = people(&vault, &["--no-scan", "--format", "json"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: no index at `[VAULT]/.kith/index.sqlite`\n\nhint: run `kith scan` first, or leave out --no-scan\n"
    );
    assert!(
        !vault.path().join(".kith").exists(),
        "--no-scan creates nothing"
    );
}

#[test]
fn people_positional_vault_is_the_same_as_the_option() {
    let vault = TestVault::fixture("network");
    let output = crate::harness::kith()
        .args(["people", "--today", TODAY, "--format", "json"])
        .arg(vault.path())
        .output()
        .expect("kith runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        json(&String::from_utf8_lossy(&output.stdout)),
        people_json(&vault, &[])
    );
}

#[test]
fn people_kith_vault_environment_names_the_vault() {
    let vault = TestVault::fixture("network");
    let elsewhere = tempfile::tempdir().unwrap();
    let output = crate::harness::kith()
        .args(["people", "--today", TODAY, "--format", "json"])
        .env("KITH_VAULT", vault.path())
        .current_dir(elsewhere.path())
        .output()
        .expect("kith runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        json(&String::from_utf8_lossy(&output.stdout)),
        people_json(&vault, &[])
    );
    assert!(vault.index_path().is_file());
}

#[test]
fn a_missing_date_is_an_empty_csv_field_and_a_dash_in_a_table() {
    let vault = TestVault::empty();
    vault.write("idea.md", "Ask @ana about #running.\n");
    let (code, stdout, stderr) = people(&vault, &["--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "name,strength,mentions,notes,first_seen,last_seen,top_interests\nana,0.25,1,1,,,running 1\n"
    );
    let (code, stdout, stderr) = vault.ask("who", &["running", "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "name,strength,mentions,last_seen,last_note,contexts,last_line,declared,last_snippet,declared_contexts\nana,0.25,1,,idea.md,running,1,false,Ask @ana about #running.,\n"
    );
    let (code, stdout, _) = people(&vault, &["--format", "table"]);
    assert_eq!(code, 0);
    let row = stdout.lines().nth(1).unwrap_or_default();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells, ["ana", "0.25", "1", "1", "-", "-", "running", "1"]);
}

#[test]
fn a_width_of_zero_is_no_width() {
    let vault = TestVault::fixture("network");
    let args = ["people", "--today", TODAY, "--format", "table"];
    let table = |columns| vault.run_in_columns(&args, columns);
    let narrow = table("30");
    assert_ne!(narrow, table("120"), "30 columns cut the table");
    // Not cut to nothing: as if no width were known (120 columns).
    assert_eq!(table("0"), table("120"));
}

/// A narrow terminal's tables leave out the columns one can do without,
/// in the order the README gives, but never the one people are sorted by.
#[test]
fn narrow_tables_leave_out_spare_columns_but_not_the_sorted_one() {
    let vault = TestVault::fixture("network");
    let header = |args: &[&str], columns| {
        let args = [
            &[args[0], "--today", TODAY, "--format", "table"][..],
            &args[1..],
        ]
        .concat();
        let table = vault.run_in_columns(&args, columns);
        let header = table.lines().next().unwrap_or_default().to_owned();
        header
            .split("  ")
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        header(&["people"], "50"),
        ["NAME", "STRENGTH", "LAST SEEN", "TOP INTERESTS"]
    );
    assert_eq!(
        header(&["people", "--sort", "mentions"], "50"),
        ["NAME", "STRENGTH", "MENTIONS", "LAST SEEN", "TOP INTERESTS"]
    );
    assert!(header(&["people"], "120").contains(&"FIRST SEEN".to_owned()));
    assert_eq!(
        header(&["who", "running"], "40"),
        ["NAME", "LAST SEEN", "LAST NOTE", "CONTEXTS"]
    );
    assert_eq!(
        header(&["interests"], "30"),
        ["INTEREST", "MENTIONS", "TOP PEOPLE"]
    );
}

#[test]
fn dates_before_1970_are_themselves() {
    let vault = TestVault::empty();
    vault.write("1969-07-20.md", "Moon landing party with @buzz #space\n");
    vault.write("1969-07-21.md", "Hangover with @buzz\n");
    let people = vault.ask_json("people", &[]);
    assert_eq!(people["people"][0]["first_seen"], "1969-07-20");
    assert_eq!(people["people"][0]["last_seen"], "1969-07-21");
    let person = vault.ask_json("person", &["buzz"]);
    assert_eq!(person["timeline"][0]["month"], "1969-07");
    let report = vault.ask_json("report", &["--since", "1950-01-01"]);
    assert_eq!(report["since"], "1950-01-01");
}

#[test]
fn a_bad_value_from_the_environment_names_the_variable() {
    let vault = TestVault::fixture("network");
    let output = crate::harness::kith()
        .args(["people", "--vault"])
        .arg(vault.path())
        .env("KITH_TODAY", "soon")
        .output()
        .expect("kith runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: invalid value 'soon' in KITH_TODAY (for --today): "),
        "{stderr}"
    );
    // Written on the command line, it is the option's.
    let (code, _, stderr) = vault.run(&["people", "--today", "soon"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: invalid value 'soon' for '--today <DATE>'"),
        "{stderr}"
    );
}

#[test]
fn markdown_tables_show_a_missing_value_as_a_dash() {
    let vault = TestVault::empty();
    vault.write("undated.md", "@ana #x\n");
    vault.write("other.md", "#lonely\n");
    let people = vault.ask_ok("people", &["--format", "md"]);
    assert!(
        people.contains("| ana | 0.25 | 1 | 1 | - | - | x 1 |"),
        "{people}"
    );
    let (code, who, stderr) = vault.run(&["who", "x", "--format", "md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        who.lines().nth(2).is_some_and(|row| row.contains("| - |")),
        "{who}"
    );
    let interests = vault.ask_ok("interests", &["--format", "md"]);
    assert!(interests.contains("| lonely |"), "{interests}");
    assert!(
        interests
            .lines()
            .any(|row| row.starts_with("| lonely |") && row.ends_with("| - |")),
        "{interests}"
    );
}
