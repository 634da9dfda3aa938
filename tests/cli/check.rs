//! `kith check`: a linter for the network, one finding a line.
//!
//! The `check/findings` fixture has one finding of each kind, worked out
//! by hand:
//!
//! | finding | where | why |
//! |---|---|---|
//! | duplicate (prefix) | `Daily/2024-03-01.md:3` | `@alex` once, `@alex-bec` twice |
//! | duplicate (strip) | `Daily/2024-03-02.md:1` | `@sam-lee` once, `@samlee` twice |
//! | duplicate (one letter) | `Daily/2024-03-03.md:5` | `@marcus` twice, `@marcos` once |
//! | alias to nobody | `.kith/config.yaml:4` | `jordan-park: [jp]`, never mentioned |
//! | alias claimed twice | `People/Adam Yamamoto.md` | `Adam` is also Adam Olsen's alias |
//! | unmentioned | `People/Gabriel Ruiz.md` | a person note no note names |
//! | undated | `Daily/2024_13_45.md` | month 13 |
//! | undated | `Journal/March 6th 2024.md` | a format no setting names |
//! | frontmatter | `Inbox/Broken.md:3` | `title: Plans: Q1` |
//! | frontmatter | `Inbox/Someday.md:2` | `date: next tuesday` |
//! | ambiguous link | `Daily/2024-03-04.md:1` | `[[Kim]]`: `People/Kim.md`, `Archive/2020/Kim.md` |
//!
//! And what is *not* a finding: the alias chain `kenji-tanaka: [kenji]`,
//! `kenji: [ken]` (`kenji` is a spelling of a known person), the person
//! notes of Kim and the Adams (mentioned), `Inbox/Room 101.md` (no date in
//! its name). `check/clean` has none at all.

use serde_json::{Value, json};

use crate::harness::{TestVault, json, run, sorted_keys};

/// `kith check ARGS... --vault VAULT`: (code, stdout, stderr).
fn check(vault: &TestVault, args: &[&str]) -> (i32, String, String) {
    vault.run(&[&["check"][..], args].concat())
}

/// The last line of stderr: the summary.
fn summary(stderr: &str) -> &str {
    stderr.lines().last().unwrap_or_default()
}

/// The one finding `check --format json` makes of `vault` (exit 0).
fn only_finding(vault: &TestVault) -> Value {
    let (code, stdout, _) = check(vault, &["--format", "json"]);
    assert_eq!(code, 0);
    let report = json(&stdout);
    assert_eq!(report["findings"].as_array().unwrap().len(), 1, "{report}");
    report["findings"][0].clone()
}

/// The messages of every finding `check --format json` makes of `vault`,
/// each after its `path:line`.
fn finding_messages(vault: &TestVault) -> Vec<String> {
    let (_, stdout, _) = check(vault, &["--format", "json"]);
    json(&stdout)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}: {}", f["path"], f["line"], f["message"]))
        .collect()
}

/// The `fix` snippets of a `check --format json` report, in order.
fn finding_fixes(report: &Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["fix"].as_str())
        .collect()
}

/// Asserts that no finding `check` makes of `vault` says `phrase`.
fn assert_no_finding_says(vault: &TestVault, phrase: &str) {
    let found = finding_messages(vault);
    assert!(found.iter().all(|m| !m.contains(phrase)), "{found:?}");
}

const UNDATED: &str = "the file name looks dated, but kith found no date: add `date:` to the frontmatter or a `date_formats` entry to the config";

/// Every finding of `check/findings`, as text.
fn expected_text() -> String {
    [
        ".kith/config.yaml:4: alias: aliases point to `jordan-park`, whom no note mentions",
        // The config has `aliases:`: each snippet is the entry to put under it.
        "Daily/2024-03-01.md:3: duplicate: `alex` (1 mention) and `alex-bec` (2 mentions) may be one person: one is the start of the other",
        "      alex-bec: [alex]",
        "Daily/2024-03-02.md:1: duplicate: `sam-lee` (1 mention) and `samlee` (2 mentions) may be one person: equal without `-`, `_`, `.` and accents",
        "      samlee: [sam-lee]",
        "Daily/2024-03-03.md:5: duplicate: `marcos` (1 mention) and `marcus` (2 mentions) may be one person: one letter apart",
        "      marcus: [marcos]",
        "Daily/2024-03-04.md:1: ambiguous-link: `[[Kim]]` matches 2 notes; it links to `People/Kim.md`, the shortest path",
        &format!("Daily/2024_13_45.md: undated: {UNDATED}"),
        "Inbox/Broken.md:3: frontmatter: malformed frontmatter, ignored: mapping values are not allowed in this context",
        "Inbox/Someday.md:2: frontmatter: `date: next tuesday` in the frontmatter is not a date (YYYY-MM-DD), so it is ignored",
        &format!("Journal/March 6th 2024.md: undated: {UNDATED}"),
        "People/Adam Yamamoto.md: alias: alias `adam` is claimed by `adam-olsen` and `adam-yamamoto`; kith counts it as neither",
        "People/Gabriel Ruiz.md: unmentioned: the person note of `gabriel-ruiz` is never mentioned",
    ]
    .map(|line| format!("{line}\n"))
    .concat()
}

const SUMMARY: &str =
    "11 findings: 2 alias, 1 ambiguous-link, 3 duplicate, 2 frontmatter, 2 undated, 1 unmentioned";

#[test]
fn check_findings_one_a_line_with_the_config_that_merges_duplicates() {
    let vault = TestVault::fixture("check/findings");
    let (code, stdout, stderr) = check(&vault, &[]);
    assert_eq!(code, 0, "findings are reported, not fatal: {stderr}");
    assert_eq!(stdout, expected_text());
    assert_eq!(summary(&stderr), SUMMARY);
    // Answered from the index as it is, the same.
    let (code, again, stderr) = check(&vault, &["--no-scan"]);
    assert_eq!(code, 0);
    assert_eq!(again, stdout);
    assert_eq!(stderr, format!("{SUMMARY}\n"));
}

#[test]
fn check_strict_exits_1_with_findings() {
    let vault = TestVault::fixture("check/findings");
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, expected_text());
    assert_eq!(summary(&stderr), SUMMARY);
    let (code, _, _) = check(&vault, &["--strict", "--format", "json"]);
    assert_eq!(code, 1);
}

#[test]
fn check_strict_exits_0_without_findings() {
    // A person note mentioned as `[[Ana Silva]]` and by its alias `@ana`.
    let vault = TestVault::fixture("check/clean");
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "no findings\n");
    let (code, stdout, _) = check(&vault, &["--strict", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&stdout), json!({"findings": [], "counts": {}}));
}

#[test]
fn check_json_is_the_contract() {
    let vault = TestVault::fixture("check/findings");
    let (code, stdout, stderr) = check(&vault, &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report = json(&stdout);
    assert_eq!(sorted_keys(&report), ["counts", "findings"]);
    let findings = report["findings"].as_array().unwrap();
    for finding in findings {
        assert_eq!(
            sorted_keys(finding),
            ["fix", "kind", "line", "message", "path"]
        );
    }
    // The same findings as the text, in the same order.
    let places: Vec<(&str, Value, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["line"].clone(),
                f["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (".kith/config.yaml", json!(4), "alias"),
            ("Daily/2024-03-01.md", json!(3), "duplicate"),
            ("Daily/2024-03-02.md", json!(1), "duplicate"),
            ("Daily/2024-03-03.md", json!(5), "duplicate"),
            ("Daily/2024-03-04.md", json!(1), "ambiguous-link"),
            ("Daily/2024_13_45.md", Value::Null, "undated"),
            ("Inbox/Broken.md", json!(3), "frontmatter"),
            ("Inbox/Someday.md", json!(2), "frontmatter"),
            ("Journal/March 6th 2024.md", Value::Null, "undated"),
            ("People/Adam Yamamoto.md", Value::Null, "alias"),
            ("People/Gabriel Ruiz.md", Value::Null, "unmentioned"),
        ]
    );
    assert_eq!(
        findings[3],
        json!({
            "path": "Daily/2024-03-03.md", "line": 5, "kind": "duplicate",
            "message": "`marcos` (1 mention) and `marcus` (2 mentions) may be one person: one letter apart",
            "fix": "  marcus: [marcos]",
        })
    );
    assert_eq!(
        findings[5],
        json!({
            "path": "Daily/2024_13_45.md", "line": null, "kind": "undated",
            "message": UNDATED, "fix": null,
        })
    );
    assert_eq!(
        report["counts"],
        json!({
            "alias": 2, "ambiguous-link": 1, "duplicate": 3,
            "frontmatter": 2, "undated": 2, "unmentioned": 1,
        })
    );
}

#[test]
fn check_duplicate_fix_merges_the_pair() {
    let vault = TestVault::empty();
    vault.write(
        "Daily/2024-03-01.md",
        "Call @marcus.\n\n@marcus again.\n\n@marcos later.\n",
    );
    let (code, stdout, _) = check(&vault, &["--format", "json"]);
    assert_eq!(code, 0);
    let report = json(&stdout);
    let fix = report["findings"][0]["fix"].as_str().expect("a fix");
    assert_eq!(fix, "aliases:\n  marcus: [marcos]");
    // The snippet, pasted into the config as it is, merges them.
    vault.write(".kith/config.yaml", format!("{fix}\n"));
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(stderr, "no findings\n");
    let (_, stdout, _) = vault.run(&["people", "--format", "json", "--today", "2024-03-31"]);
    let people = json(&stdout);
    assert_eq!(people["people"].as_array().unwrap().len(), 1);
    assert_eq!(people["people"][0]["name"], "marcus");
    assert_eq!(people["people"][0]["mentions"], 3);
}

/// A name that is a person note's alias but for separators (`@Zoe_M` for
/// the alias `Zoe M`) goes with that person, in the one snippet the
/// person has, so that it pastes with the others.
#[test]
fn check_a_name_like_a_person_note_s_alias_is_a_duplicate() {
    let vault = TestVault::empty();
    vault.write("People/Zoë Martin.md", "---\naliases: [Zoe M]\n---\n");
    vault.write(
        "2026-11-20.md",
        "Brunch with @zoe-m, then @Zoe_M and @zoem.\n\nLater @zoe, and @zoë-martin.\n",
    );
    let finding = only_finding(&vault);
    assert_eq!(
        finding["message"],
        "`zoe_m` (1 mention), `zoem` (1 mention), `zoe` (1 mention) and `zoë-martin` (2 mentions) may be one person: one is the start of the other; equal to an alias of theirs without `-`, `_`, `.` and accents"
    );
    let fix = finding["fix"].as_str().expect("a fix");
    assert_eq!(fix, "aliases:\n  zoë-martin: [zoe_m, zoem, zoe]");
    vault.write(".kith/config.yaml", format!("{fix}\n"));
    let (code, _, stderr) = check(&vault, &["--strict"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, stdout, _) = vault.run(&["people", "--format", "json", "--today", "2026-11-27"]);
    let people = json(&stdout);
    assert_eq!(people["people"].as_array().unwrap().len(), 1, "{people}");
    assert_eq!(people["people"][0]["name"], "zoë-martin");
    assert_eq!(people["people"][0]["mentions"], 5);
}

/// A spelling the config gives someone is an alias of theirs as a person
/// note's is: `@ma_ria` beside `maria-lopez: [maria]` goes with Maria, and
/// the snippet, pasted, leaves no finding.
#[test]
fn check_a_name_like_a_config_alias_is_a_duplicate() {
    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "aliases:\n  maria-lopez: [maria]\n");
    vault.write(
        "2026-11-20.md",
        "Brunch with @maria, then @ma_ria and @maria-lopez.\n",
    );
    let finding = only_finding(&vault);
    assert_eq!(
        finding["message"],
        "`ma_ria` (1 mention) and `maria-lopez` (2 mentions) may be one person: equal to an alias of theirs without `-`, `_`, `.` and accents"
    );
    let fix = finding["fix"].as_str().expect("a fix");
    assert_eq!(fix, "  maria-lopez: [maria, ma_ria]");
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  maria-lopez: [maria, ma_ria]\n",
    );
    let (code, _, stderr) = check(&vault, &["--strict"]);
    assert_eq!(code, 0, "{stderr}");
}

/// An alias counts only where it takes effect and its person has a place
/// to point to: not for a config entry nobody mentions (that entry is its
/// own finding), not a person note's alias the config gives someone else,
/// and not one of a cycle made by a note and the config.
#[test]
fn check_alias_look_alikes_follow_only_aliases_that_take_effect() {
    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "aliases:\n  maria-lopez: [maria]\n");
    vault.write("2026-11-20.md", "Saw @ma_ria twice @ma_ria.\n");
    assert_no_finding_says(&vault, "may be one person");

    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "aliases:\n  maria-lopez: [maria]\n");
    vault.write("People/Maria Garcia.md", "---\naliases: [maria]\n---\n");
    vault.write(
        "2026-11-20.md",
        "With @maria-lopez, @maria-garcia and @ma_ria.\n",
    );
    let found = finding_messages(&vault);
    let ma_ria: Vec<&String> = found.iter().filter(|m| m.contains("`ma_ria`")).collect();
    assert_eq!(ma_ria.len(), 1, "{found:?}");
    assert!(ma_ria[0].contains("`maria-lopez`"), "{found:?}");

    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "aliases:\n  alex-kim: [bo-b]\n");
    vault.write("People/Bo B.md", "---\naliases: [alex-kim]\n---\n");
    vault.write("2026-11-20.md", "With @alex-kim, @bo-b and @alexkim.\n");
    assert_no_finding_says(&vault, "equal to an alias");
}

/// The snippet for a name in a chain of config entries replaces that
/// name's entry alone: the chain's other entries stay, so that pasting it
/// keeps every spelling with its person.
#[test]
fn check_snippets_keep_the_other_entries_of_a_chain() {
    let vault = TestVault::empty();
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  anna-smith: [annabel]\n  annabel: [annabelle]\n",
    );
    vault.write(
        "2026-11-20.md",
        "With @anna-smith, @annabel, @annabelle and @anna_belle.\n",
    );
    let (_, stdout, _) = check(&vault, &["--format", "json"]);
    let report = json(&stdout);
    let fixes = finding_fixes(&report);
    assert_eq!(fixes, ["  anna-smith: [annabel, anna_belle]"], "{report}");
}

/// A spelling in a cycle of config aliases takes no effect (each name is
/// taken as written), so a name like it is no alias look-alike.
#[test]
fn check_a_name_like_a_spelling_in_an_alias_cycle_is_no_duplicate() {
    let vault = TestVault::empty();
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  alex-bec: [priya]\n  priya: [alex-bec]\n",
    );
    vault.write("Daily/2024-03-01.md", "Lunch with @alex-bec and @pri_ya\n");
    assert_no_finding_says(&vault, "may be one person");
}

/// Four spellings of a person with a note are one finding whose snippet
/// keeps the note's name, however often the others are written; pasted,
/// it leaves `kith person sam-lee` the person of the note.
#[test]
fn check_duplicate_fix_of_a_group_keeps_the_person_note() {
    let vault = TestVault::empty();
    vault.write(
        "People/Sam Lee.md",
        "# Sam Lee
",
    );
    vault.write(
        "Daily/2024-03-01.md",
        "@samlee, @samlee, @samlee and @sam_lee.

@sam.lee and @sam-lee.
",
    );
    let (code, stdout, _) = check(&vault, &["--format", "json"]);
    assert_eq!(code, 0);
    let report = json(&stdout);
    assert_eq!(report["counts"], json!({"duplicate": 1}), "{report}");
    let fix = report["findings"][0]["fix"].as_str().expect("a fix");
    assert_eq!(fix, "aliases:\n  sam-lee: [samlee, sam.lee, sam_lee]");
    vault.write(".kith/config.yaml", format!("{fix}\n"));
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let person = vault.ask_json("person", &["sam-lee"]);
    assert_eq!(person["name"], "sam-lee");
    assert_eq!(person["note"], "People/Sam Lee.md");
    assert_eq!(person["mentions"], 6);
}

/// A note too big to read is dated by its name all the same: `check`
/// says it was skipped, and does not ask for a `date:` it would not read.
#[test]
fn check_an_unread_note_is_dated_by_its_name() {
    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "max_file_size: 100\n");
    vault.write("Daily/2026-11-20.md", format!("@ana {}\n", "x".repeat(200)));
    vault.write("Daily/2026-11-21.md", "@ana\n");
    let (code, stdout, _) = check(&vault, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "Daily/2026-11-20.md: note: file is 206 bytes, more than max_file_size (100 bytes), skipped\n"
    );
    // So is a binary note; both count among their period's notes.
    vault.write("Daily/2026-11-22.md", "bin\0ary @ana\n");
    let (_, stdout, _) = check(&vault, &[]);
    assert!(!stdout.contains("undated"), "{stdout}");
    assert!(
        stdout.contains("Daily/2026-11-22.md: note: binary file"),
        "{stdout}"
    );
    let digest = vault.ask_json("digest", &[]);
    // 11-21 and the binary 11-22 in the week; the big 11-20 before it.
    assert_eq!(digest["totals"]["current"]["notes"], 2, "{digest}");
    assert_eq!(digest["totals"]["previous"]["notes"], 1, "{digest}");
}

#[test]
fn check_undated_note_is_dated_by_a_date_format() {
    let vault = TestVault::empty();
    vault.write("Journal/March 6th 2024.md", "Notes from @ana.\n");
    let (code, stdout, _) = check(&vault, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        format!("Journal/March 6th 2024.md: undated: {UNDATED}\n")
    );
    // What the message says to do.
    vault.write(".kith/config.yaml", "date_formats: [\"MMMM Do YYYY\"]\n");
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
}

#[test]
fn check_alias_of_a_person_note_is_known_through_it() {
    // The config makes the person note's name a spelling of another
    // handle: the note is mentioned as that person, and the alias points
    // to someone known.
    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "aliases:\n  alex-bec: [alex-b]\n");
    vault.write("People/Alex B.md", "Alex.\n");
    vault.write("Daily/2024-03-01.md", "Lunch with [[Alex B]] #food\n");
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
}

#[test]
fn check_person_note_whose_handle_another_person_note_aliases_is_an_alias_finding() {
    // Unlike the config, a person note's aliases may take another person
    // note's name by accident: its person would vanish without a word.
    let vault = TestVault::empty();
    vault.write("People/Lee Park.md", "---\naliases: [lp]\n---\n");
    vault.write("People/Lp.md", "Someone else.\n");
    vault.write("Daily/2024-03-01.md", "Lunch with @lp and [[Lee Park]]\n");
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        "People/Lp.md: alias: `lp` is also an alias of `lee-park` (in `People/Lee Park.md`), so kith counts this person as `lee-park`; rename the note or drop the alias to tell them apart\n"
    );
    assert_eq!(summary(&stderr), "1 finding: 1 alias");
    // Mentioned by nobody, both notes are that person's, and say so.
    vault.write("Daily/2024-03-01.md", "Lunch alone.\n");
    let (_, stdout, _) = check(&vault, &[]);
    assert!(
        stdout.contains("People/Lp.md: unmentioned: the person note of `lee-park` (as `lp`, their alias) is never mentioned\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "People/Lee Park.md: unmentioned: the person note of `lee-park` is never mentioned\n"
        ),
        "{stdout}"
    );
}

#[test]
fn check_alias_cycle_is_an_alias_finding() {
    let vault = TestVault::empty();
    vault.write(
        ".kith/config.yaml",
        "aliases:\n  alex-bec: [priya-nair]\n  priya-nair: [alex-bec]\n",
    );
    vault.write(
        "Daily/2024-03-01.md",
        "Lunch with @alex-bec and @priya-nair\n",
    );
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        ".kith/config.yaml:3: alias: aliases form a cycle: `alex-bec` is a spelling of `priya-nair`, which is a spelling of `alex-bec`; kith takes each of these names as written\n"
    );
    assert_eq!(summary(&stderr), "1 finding: 1 alias");
}

#[test]
fn check_bad_config_exits_2() {
    let vault = TestVault::fixture("check/clean");
    vault.write(".kith/config.yaml", "aliases:\n  ana: [a\n");
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: [VAULT]/.kith/config.yaml:"),
        "{stderr}"
    );
}

#[test]
fn check_takes_the_vault_as_its_argument() {
    let vault = TestVault::fixture("check/clean");
    let (code, stdout, stderr) = run(
        crate::harness::kith().arg("check").arg(vault.path()),
        vault.path(),
    );
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(stderr, "no findings\n");
}

/// A warning is printed by the scan that reads its note; later scans count
/// it in their summary, and `check` lists it (kind `note`) every time.
#[test]
fn check_lists_the_warnings_of_notes_read_by_an_earlier_scan() {
    let vault = TestVault::fixture("check/clean");
    vault.write("Inbox/Latin-1.md", b"Caf\xe9 with @ana\n");
    vault.write("Inbox/Blob.md", b"@bo\0\x01\x02");
    let (code, _, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: Inbox/Latin-1.md:1: invalid UTF-8"),
        "{stderr}"
    );

    let (code, _, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning:"), "shown once: {stderr}");
    assert!(
        crate::harness::scan_summary(&stderr)
            .contains("; 0 warnings, 2 from earlier scans (`kith check` lists them); "),
        "{stderr}"
    );

    // One note read again, with its warning told again; the other kept.
    vault.write("Inbox/Latin-1.md", b"Caf\xe9 again with @ana\n");
    let (_, _, stderr) = vault.run(&["scan"]);
    assert!(
        crate::harness::scan_summary(&stderr)
            .contains("; 1 warning, 1 from an earlier scan (`kith check` lists it); "),
        "{stderr}"
    );

    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        "Inbox/Blob.md: note: binary file (contains NUL bytes), skipped\n\
         Inbox/Latin-1.md:1: note: invalid UTF-8, decoded with replacement characters\n"
    );
    assert_eq!(summary(&stderr), "2 findings: 2 note");
}

/// Who-is-who warnings are told by every scan that writes; one with
/// nothing to write counts them as the last one met them.
#[test]
fn a_scan_with_nothing_to_do_counts_who_is_who_warnings() {
    let vault = TestVault::empty();
    vault.write("People/Ana Lima.md", "---\naliases: [Ana]\n---\n");
    vault.write("People/Ana Ruiz.md", "---\naliases: [Ana]\n---\n");
    vault.write("Lunch.md", "Lunch with @ana-lima and @ana-ruiz\n");
    let (code, _, first) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{first}");
    assert!(first.contains("alias `ana` is claimed by"), "{first}");
    assert!(
        crate::harness::scan_summary(&first).contains("; 1 warning; "),
        "{first}"
    );
    let (_, _, second) = vault.run(&["scan"]);
    assert!(!second.contains("warning:"), "{second}");
    assert!(
        crate::harness::scan_summary(&second)
            .contains("; 0 warnings, 1 from an earlier scan (`kith check` lists it); "),
        "{second}"
    );
}

#[test]
fn in_the_vault_the_config_is_named_as_warnings_name_it() {
    let vault = TestVault::fixture("check/clean");
    vault.write(".kith/config.yaml", "half_life_days: 1e400\n");
    let (code, stdout, stderr) = run(
        crate::harness::kith()
            .arg("people")
            .current_dir(vault.path()),
        vault.path(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(
            "error: .kith/config.yaml:1: `half_life_days` is too big a number of days\n"
        ),
        "{stderr}"
    );
}

/// What the walk meets (here a dangling link, followed) is a finding
/// too, though no note holds it; without a scan, the index tells what the
/// last scan's walk met.
#[cfg(unix)]
#[test]
fn check_lists_what_the_walk_met() {
    let vault = TestVault::fixture("check/clean");
    std::os::unix::fs::symlink("nowhere.md", vault.path().join("gone.md")).unwrap();
    let (code, stdout, stderr) = check(&vault, &["--follow-links", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "gone.md: note: dangling symlink, skipped\n");
    let (code, stdout, stderr) = check(&vault, &["--follow-links", "--no-scan", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "gone.md: note: dangling symlink, skipped\n");
    // Once the link is gone, the next scan forgets it.
    std::fs::remove_file(vault.path().join("gone.md")).unwrap();
    let (code, _, stderr) = vault.run(&["scan", "--follow-links"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = check(&vault, &["--follow-links", "--no-scan"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

/// A person note nobody mentions yet is the name that mentions looking
/// like it are merged into (the commonest start: `People/Alex Bec.md`
/// written, the notes saying `@alex` and `@alexbec`).
#[test]
fn check_finds_mentions_that_look_like_an_unmentioned_person_note() {
    let vault = TestVault::empty();
    vault.write("People/Alex Bec.md", "---\ntags: [work]\n---\n");
    vault.write("2026-11-20.md", "Lunch with @alex and @alexbec.\n");
    let (_, stdout, stderr) = check(&vault, &[]);
    assert_eq!(
        stdout,
        "2026-11-20.md:1: duplicate: `alexbec` (1 mention), `alex` (1 mention) and `alex-bec` (0 mentions) may be one person: equal without `-`, `_`, `.` and accents; one is the start of the other\n    aliases:\n      alex-bec: [alexbec, alex]\n\
         People/Alex Bec.md: unmentioned: the person note of `alex-bec` is never mentioned\n"
    );
    assert_eq!(summary(&stderr), "2 findings: 1 duplicate, 1 unmentioned");
}

/// The snippets paste into the config `kith init` writes: under its
/// `aliases:`, an entry that keeps what the kept name's entry held.
#[test]
fn check_snippets_paste_into_the_config_as_init_writes_it() {
    let vault = TestVault::empty();
    vault.write(
        "2026-11-20.md",
        "Lunch with @alex, @alex-bec, @ab and @sam_lee, @samlee, @samlee.\n",
    );
    let (code, _, stderr) = vault.run(&["init"]);
    assert_eq!(code, 0, "{stderr}");
    let config = vault.path().join(".kith/config.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("aliases:\n", "aliases:\n  alex-bec: [ab]\n"),
    )
    .unwrap();
    let report = vault.run_json(&["check", "--format", "json"]);
    let fixes = finding_fixes(&report);
    assert_eq!(fixes, ["  alex-bec: [ab, alex]", "  samlee: [sam_lee]"]);
    let text = std::fs::read_to_string(&config).unwrap();
    let pasted = text.replace("  alex-bec: [ab]\n", &format!("{}\n", fixes.join("\n")));
    std::fs::write(&config, pasted).unwrap();
    let (code, stdout, stderr) = check(&vault, &["--strict"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
}
