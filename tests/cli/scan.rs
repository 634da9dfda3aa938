//! `kith scan` and the index: incremental updates, where the index lives,
//! its schema version, damage, and crashes and concurrency (on Unix).
//!
//! The `network` fixture (described in `people.rs`) has 9 notes, 5 people
//! (ana, bo, carla-diaz, alex-bec, dev-patel) and 8 interests (running,
//! marathon, marathon/boston, cooking, books, travel, travel/asia,
//! travel/japan).

use std::path::Path;
use std::time::{Duration, SystemTime};

use kith::index::SCHEMA_VERSION;
use serde_json::Value;

use crate::harness::{
    TestVault, json, kith, mentions_by_name, pairs, people_names, run, scan_summary, set_mtime,
};

/// `kith scan ARGS... --vault VAULT`: (code, stdout, stderr).
fn scan(vault: &TestVault, args: &[&str]) -> (i32, String, String) {
    vault.run(&[&["scan"][..], args].concat())
}

/// Scans and returns the summary line (seconds as `S.SS`), after checking
/// that the scan succeeded, printed nothing on stdout and one line on
/// stderr.
fn scanned(vault: &TestVault, args: &[&str]) -> String {
    let (code, stdout, stderr) = scan(vault, args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr.lines().count(), 1, "one summary line: {stderr}");
    scan_summary(&stderr)
}

/// `kith people --format json ARGS...` parsed.
fn people(vault: &TestVault, args: &[&str]) -> Value {
    vault.ask_json("people", args)
}

/// Everyone in the fixture, as it is.
const EVERYONE: [(&str, u64); 5] = [
    ("alex-bec", 2),
    ("ana", 5),
    ("bo", 2),
    ("carla-diaz", 3),
    ("dev-patel", 3),
];

fn pragma(index: &Path, name: &str) -> i64 {
    let conn = rusqlite::Connection::open(index).expect("open the index");
    conn.pragma_query_value(None, name, |row| row.get(0))
        .expect("read a pragma")
}

#[test]
fn scan_summary_line_counts_notes_people_and_interests() {
    let vault = TestVault::fixture("network");
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    // Unchanged notes are not read again.
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 0 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn scan_takes_the_vault_as_its_argument() {
    let vault = TestVault::fixture("network");
    let (code, _, stderr) = run(kith().arg("scan").arg(vault.path()), vault.path());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        scan_summary(&stderr),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert!(vault.index_path().is_file());
}

#[test]
fn scan_warnings_are_printed_and_counted() {
    let vault = TestVault::fixture("network");
    vault.write("Inbox/Broken.md", "---\ntags: [x\n---\n@ana\n");
    let (code, stdout, stderr) = scan(&vault, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("warning: Inbox/Broken.md:3: malformed frontmatter"),
        "{stderr}"
    );
    // The note is still read: its body mentions ana.
    assert_eq!(
        scan_summary(&stderr),
        "scanned 10 notes: 10 re-read, 0 removed; 5 people, 8 interests; 1 warning; S.SSs"
    );
    assert_eq!(people(&vault, &["--no-scan"])["people"][0]["mentions"], 6);
    // Under -q: no summary, and a count instead of each warning.
    std::fs::write(
        vault.path().join("Inbox/Broken.md"),
        "---\ntags: [yy\n---\n@ana\n",
    )
    .unwrap();
    let (code, _, stderr) = scan(&vault, &["-q"]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "warning: 1 warning (`kith check` lists it)\n");
}

#[test]
fn scan_touch_rereads_only_the_touched_note() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    let before = people(&vault, &["--no-scan"]);
    set_mtime(
        &vault.path().join("Inbox/Ideas.md"),
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
    );
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 1 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert_eq!(people(&vault, &["--no-scan"]), before);
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 0 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn scan_edit_changes_the_mentions() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    // The undated idea was about dev-patel; now it is about erin.
    vault.write("Inbox/Ideas.md", "Ask @erin about #cooking and #books\n");
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 1 re-read, 0 removed; 6 people, 8 interests; 0 warnings; S.SSs"
    );
    let report = people(&vault, &["--no-scan"]);
    assert_eq!(
        mentions_by_name(&report),
        pairs(&[
            ("alex-bec", 2),
            ("ana", 5),
            ("bo", 2),
            ("carla-diaz", 3),
            ("dev-patel", 2),
            ("erin", 1),
        ])
    );

    // Same size: the modification time alone tells the note changed.
    let path = vault.write("Inbox/Ideas.md", "Ask @erik about #cooking and #books\n");
    set_mtime(
        &path,
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000),
    );
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 1 re-read, 0 removed; 6 people, 8 interests; 0 warnings; S.SSs"
    );
    let names: Vec<String> = mentions_by_name(&people(&vault, &["--no-scan"]))
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert!(names.contains(&"erik".to_owned()) && !names.contains(&"erin".to_owned()));

    // A note that loses its last mention of a person and an interest.
    vault.write("Inbox/Ideas.md", "Nothing to see\n");
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 1 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn scan_delete_removes_the_note_s_mentions() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    std::fs::remove_file(vault.path().join("Meetings/Trip planning.md")).unwrap();
    // alex-bec, travel and travel/japan were only in that note; travel
    // is still counted, as `interests` lists it: the parent of travel/asia.
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 8 notes: 0 re-read, 1 removed; 4 people, 7 interests; 0 warnings; S.SSs"
    );
    let report = people(&vault, &["--no-scan"]);
    assert_eq!(
        mentions_by_name(&report),
        pairs(&[("ana", 5), ("bo", 2), ("carla-diaz", 3), ("dev-patel", 3)])
    );
    let (code, stdout, _) = vault.run(&["interests", "--no-scan", "--format", "json"]);
    assert_eq!(code, 0);
    let interests: Vec<(String, i64)> = json(&stdout)["interests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_owned(),
                i["mentions"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(interests.len(), 7, "as many as the scan says");
    // travel is still there, rolled up from carla-diaz's travel/asia.
    assert!(
        interests.contains(&("travel".to_owned(), 1)),
        "{interests:?}"
    );
    assert!(interests.iter().all(|(name, _)| name != "travel/japan"));
    let (code, _, stderr) = vault.run(&["person", "alex-bec", "--no-scan"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: no person alex-bec\n"),
        "{stderr}"
    );
}

#[test]
fn scan_rename_is_a_removal_and_a_new_note() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    std::fs::rename(
        vault.path().join("Inbox/Ideas.md"),
        vault.path().join("Inbox/Someday.md"),
    )
    .unwrap();
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 1 re-read, 1 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert_eq!(
        mentions_by_name(&people(&vault, &["--no-scan"])),
        pairs(&EVERYONE)
    );
    let (code, stdout, stderr) =
        vault.run(&["person", "dev-patel", "--no-scan", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let paths: Vec<String> = json(&stdout)["recent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "Meetings/2026-11-26 Running club.md",
            "Projects/Cookbook.md",
            "Inbox/Someday.md"
        ]
    );
}

#[test]
fn scan_new_note_is_read() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    vault.write("Daily/2026-11-20.md", "Climbing with @ana #climbing\n");
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 10 notes: 1 re-read, 0 removed; 5 people, 9 interests; 0 warnings; S.SSs"
    );
    let report = people(&vault, &["--no-scan"]);
    let ana = &report["people"][0];
    assert_eq!(ana["name"], "ana");
    assert_eq!(ana["mentions"], 6);
}

#[test]
fn scan_rebuild_reads_every_note_again() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    let before = people(&vault, &["--no-scan"]);
    assert_eq!(
        scanned(&vault, &["--rebuild"]),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert_eq!(people(&vault, &["--no-scan"]), before);
    // A rebuild also forgets notes that are gone.
    std::fs::remove_file(vault.path().join("Daily/2026-03-02.md")).unwrap();
    assert_eq!(
        scanned(&vault, &["--rebuild"]),
        "scanned 8 notes: 8 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert_eq!(
        people(&vault, &["--no-scan"])["people"][0]["mentions"],
        3,
        "ana without her two #books mentions"
    );
}

#[test]
fn scan_default_index_is_in_the_vault_with_the_schema_version() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    let index = vault.index_path();
    assert!(index.is_file());
    assert_eq!(pragma(&index, "user_version"), SCHEMA_VERSION);
    // "kith" in ASCII, as documented.
    assert_eq!(pragma(&index, "application_id"), 0x6B69_7468);
    // The documented tables, readable with any SQLite.
    let conn = rusqlite::Connection::open(&index).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM notes"), 9);
    assert_eq!(count("SELECT count(*) FROM names WHERE kind = 'person'"), 5);
    assert_eq!(
        count("SELECT count(*) FROM names WHERE kind = 'interest'"),
        8
    );
    assert_eq!(
        count("SELECT sum(mentions) FROM postings WHERE other_id = 0"),
        30
    );
    assert_eq!(count("SELECT sum(mentions) FROM spellings"), 30);
    assert_eq!(count("SELECT count(*) FROM note_mentions"), 9);
    assert_eq!(count("SELECT count(*) FROM warnings"), 0);
    let date: Option<String> = conn
        .query_row(
            "SELECT date FROM notes WHERE path = 'Meetings/Trip planning.md'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(date.as_deref(), Some("2026-10-28"));
    // The index folder is hidden, so it is never scanned as notes.
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 0 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn scan_index_option_puts_the_index_elsewhere() {
    let vault = TestVault::fixture("network");
    let elsewhere = tempfile::tempdir().unwrap();
    let index = elsewhere.path().join("deep/folder/kith.sqlite");
    let index_arg = index.to_str().unwrap();
    assert_eq!(
        scanned(&vault, &["--index", index_arg]),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert!(index.is_file(), "the folder is created");
    assert!(!vault.path().join(".kith").exists());
    assert_eq!(pragma(&index, "user_version"), SCHEMA_VERSION);
    assert_eq!(
        mentions_by_name(&people(&vault, &["--no-scan", "--index", index_arg])),
        pairs(&EVERYONE)
    );
    assert_eq!(
        scanned(&vault, &["--index", index_arg]),
        "scanned 9 notes: 0 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    // Without --index, the default index does not exist yet.
    let (code, _, stderr) = vault.run(&["people", "--no-scan"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn scan_kith_index_environment_puts_the_index_elsewhere() {
    let vault = TestVault::fixture("network");
    let elsewhere = tempfile::tempdir().unwrap();
    let index = elsewhere.path().join("kith.sqlite");
    let (code, _, stderr) = run(
        vault.kith(&["scan"]).env("KITH_INDEX", &index),
        vault.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(index.is_file());
    assert!(!vault.path().join(".kith").exists());
    let (code, stdout, stderr) = run(
        vault
            .kith(&["people", "--no-scan", "--format", "json"])
            .env("KITH_INDEX", &index),
        vault.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mentions_by_name(&json(&stdout)), pairs(&EVERYONE));
    // --index wins over the environment.
    let other = elsewhere.path().join("other.sqlite");
    let (code, _, stderr) = run(
        vault
            .kith(&["scan", "--index", other.to_str().unwrap()])
            .env("KITH_INDEX", &index),
        vault.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        scan_summary(&stderr),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert!(other.is_file());
}

/// An index asked for under a file (`--index notes.md/index.sqlite`)
/// names the file in the way, not only "File exists".
#[test]
fn scan_index_under_a_file_names_the_file() {
    let vault = TestVault::fixture("network");
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("afile");
    std::fs::write(&file, "").unwrap();
    let index = file.join("deeper/index.sqlite");
    let (code, stdout, stderr) = scan(&vault, &["--index", index.to_str().unwrap()]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        format!(
            "error: cannot create the index folder `{}`: `{}` is a file, not a folder\n",
            file.join("deeper").display(),
            file.display()
        )
    );
}

/// A config changed since the last scan: a `--no-scan` question answers
/// from the index as it is, and says so; after a scan, nothing to say.
#[test]
fn scan_no_scan_after_a_config_change_is_warned_about() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    vault.write(".kith/config.yaml", "ignore_people: [ana]\n");
    let (code, stdout, stderr) = vault.run(&["people", "--no-scan", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        mentions_by_name(&json(&stdout)),
        pairs(&EVERYONE),
        "the old answer"
    );
    assert_eq!(
        stderr,
        "warning: the index `[VAULT]/.kith/index.sqlite` was made with other settings (the config or --mtime-dates changed since, or an older kith): without a scan, its answers follow those\n"
    );
    scanned(&vault, &[]);
    let (code, _, stderr) = vault.run(&["people", "--no-scan"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

/// `KITH_INDEX=` (a CI expression that expanded to nothing) is no empty
/// path: an empty variable counts as unset, as do `KITH_VAULT` and
/// `KITH_TODAY`.
#[test]
fn scan_empty_environment_variables_count_as_unset() {
    let vault = TestVault::fixture("network");
    let (code, _, stderr) = run(
        vault
            .kith(&["scan"])
            .env("KITH_INDEX", "")
            .env("KITH_TODAY", "")
            .env("KITH_VAULT", ""),
        vault.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        scan_summary(&stderr),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert!(vault.index_path().is_file(), "the default index");
}

/// An index kept outside the vault (`KITH_INDEX`) may be asked with
/// `--no-scan` about another vault: kith says whose answers they are. A
/// vault moved is no other vault, whether its index is outside it or in it.
#[test]
fn scan_no_scan_of_another_vaults_index_is_warned_about() {
    let vault = TestVault::fixture("network");
    let elsewhere = tempfile::tempdir().unwrap();
    let index = elsewhere.path().join("kith.sqlite");
    let index_arg = index.to_str().unwrap();
    scanned(&vault, &["--index", index_arg]);
    let (code, _, stderr) = vault.run(&["people", "--no-scan", "--index", index_arg]);
    assert_eq!(
        (code, stderr.as_str()),
        (0, ""),
        "the same vault: no warning"
    );

    let other = TestVault::fixture("basic");
    let (code, stdout, stderr) = run(
        &mut other.kith(&[
            "people",
            "--no-scan",
            "--index",
            index_arg,
            "--format",
            "json",
        ]),
        other.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        mentions_by_name(&json(&stdout)),
        pairs(&EVERYONE),
        "answered from the index"
    );
    let canonical = |path: &Path| path.canonicalize().unwrap().display().to_string();
    assert_eq!(
        stderr,
        format!(
            "warning: the index `{index_arg}` was made from the vault `{}`, not `[VAULT]`: without a scan, its answers are about that vault\n",
            canonical(vault.path()),
        )
    );

    let moved = elsewhere.path().join("moved");
    std::fs::rename(vault.path(), &moved).unwrap();
    let (code, _, stderr) = run(
        kith().args(["scan", "--index", index_arg]).arg(&moved),
        &moved,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        scan_summary(&stderr),
        "scanned 9 notes: 0 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    for index in [Some(index_arg), None] {
        let mut people = kith();
        people.args(["people", "--no-scan"]).arg(&moved);
        if let Some(index) = index {
            people.args(["--index", index]);
        } else {
            scanned_at(&moved);
        }
        let (code, _, stderr) = run(&mut people, &moved);
        assert_eq!((code, stderr.as_str()), (0, ""), "index {index:?}");
    }
    // A vault with its index inside, moved: the index can only be its own.
    let again = elsewhere.path().join("again");
    std::fs::rename(&moved, &again).unwrap();
    let (code, _, stderr) = run(kith().args(["people", "--no-scan"]).arg(&again), &again);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

/// `kith scan DIR` with the index in the vault, which must succeed.
fn scanned_at(vault: &Path) {
    let (code, _, stderr) = run(kith().arg("scan").arg(vault), vault);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn scan_rebuilds_an_index_of_another_schema_version() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    let index = vault.index_path();
    rusqlite::Connection::open(&index)
        .unwrap()
        .pragma_update(None, "user_version", 0)
        .unwrap();

    // A question with --no-scan refuses to misread it...
    let (code, stdout, stderr) = vault.run(&["people", "--no-scan"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: the index `[VAULT]/.kith/index.sqlite` was written by another version of kith\n\nhint: run `kith scan` first, or leave out --no-scan\n"
    );
    // ... and a scan rebuilds it from every note.
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
    assert_eq!(pragma(&index, "user_version"), SCHEMA_VERSION);
    assert_eq!(
        mentions_by_name(&people(&vault, &["--no-scan"])),
        pairs(&EVERYONE)
    );

    // A newer version is rebuilt too, and so is a questioned index.
    rusqlite::Connection::open(&index)
        .unwrap()
        .pragma_update(None, "user_version", 7)
        .unwrap();
    assert_eq!(mentions_by_name(&people(&vault, &[])), pairs(&EVERYONE));
    assert_eq!(pragma(&index, "user_version"), SCHEMA_VERSION);
}

#[test]
fn a_folder_or_a_note_is_never_made_an_index() {
    let vault = TestVault::fixture("network");
    let note = vault.write("Inbox/empty.md", "");
    // Links are judged by their targets, a dangling one too: SQLite would
    // write through them.
    #[cfg(unix)]
    let links = {
        let link = vault.path().join("index-link");
        std::os::unix::fs::symlink("Inbox/empty.md", &link).unwrap();
        let dangling = vault.path().join("dangling-link");
        std::os::unix::fs::symlink("Inbox/new.md", &dangling).unwrap();
        let chain = vault.path().join("chain-link");
        std::os::unix::fs::symlink("dangling-link", &chain).unwrap();
        [(link, "note"), (dangling, "note"), (chain, "note")]
    };
    #[cfg(not(unix))]
    let links = [];
    for (index, what) in [
        (vault.path().to_path_buf(), "folder"),
        (note.clone(), "note"),
    ]
    .into_iter()
    .chain(links)
    {
        let (code, stdout, stderr) = run(
            &mut vault.kith(&["people", "--index", index.to_str().unwrap()]),
            vault.path(),
        );
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "is a {what}, not an index; kith will not touch it"
            )),
            "{stderr}"
        );
        assert!(!stderr.contains("delete"), "{stderr}");
    }
    assert_eq!(
        std::fs::read(&note).unwrap(),
        b"",
        "the note is left as it was"
    );
    assert!(!vault.path().join("Inbox/new.md").exists());
}

#[test]
fn scan_refuses_a_database_that_is_not_a_kith_index() {
    let vault = TestVault::fixture("network");
    let elsewhere = tempfile::tempdir().unwrap();
    let index = elsewhere.path().join("mine.sqlite");
    rusqlite::Connection::open(&index)
        .unwrap()
        .execute_batch("CREATE TABLE precious (x); INSERT INTO precious VALUES (42);")
        .unwrap();
    let before = std::fs::read(&index).unwrap();
    let (code, stdout, stderr) = run(
        &mut vault.kith(&["scan", "--index", index.to_str().unwrap()]),
        vault.path(),
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    let stderr = stderr.replace(&elsewhere.path().display().to_string(), "[TMP]");
    assert_eq!(
        stderr,
        "error: `[TMP]/mine.sqlite` is a database but not a kith index; kith will not touch it\n\nhint: point --index (or KITH_INDEX) at a new file or a kith index\n"
    );
    // Not a byte changed (it was once switched to WAL mode before the check).
    assert_eq!(std::fs::read(&index).unwrap(), before);
    let kept: i64 = rusqlite::Connection::open(&index)
        .unwrap()
        .query_row("SELECT x FROM precious", [], |row| row.get(0))
        .unwrap();
    assert_eq!(kept, 42);
}

/// A file that is no database at all, given as the index (a config, a
/// manifest), is refused without a hint to delete it, and left as it was;
/// in kith's own place, `.kith/index.sqlite`, such a file is a damaged
/// index (`scan_corrupt_index_exits_2_with_a_rebuild_hint`).
#[test]
fn scan_refuses_a_file_that_is_no_database_without_a_hint_to_delete_it() {
    let vault = TestVault::fixture("network");
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("Cargo.toml");
    std::fs::write(&file, "[package]\nname = \"precious\"\n").unwrap();
    for args in [vec!["scan"], vec!["people", "--no-scan"]] {
        let args = [&args[..], &["--index", file.to_str().unwrap()]].concat();
        let (code, stdout, stderr) = run(&mut vault.kith(&args), vault.path());
        assert_eq!((code, stdout.as_str()), (2, ""), "{args:?}: {stderr}");
        let stderr = stderr.replace(&elsewhere.path().display().to_string(), "[TMP]");
        assert_eq!(
            stderr,
            "error: `[TMP]/Cargo.toml` is not a database, so not a kith index; kith will not touch it\n\nhint: point --index (or KITH_INDEX) at a new file or a kith index\n",
            "{args:?}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[package]\nname = \"precious\"\n"
    );
    // Shorter than a database's header, too.
    let short = elsewhere.path().join("hello.txt");
    std::fs::write(&short, "hello\n").unwrap();
    let (code, _, stderr) = run(
        &mut vault.kith(&["people", "--index", short.to_str().unwrap()]),
        vault.path(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("is not a database, so not a kith index"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&short).unwrap(), "hello\n");
}

/// An index missing a table (damaged, or edited by hand): `--no-scan`
/// says so with a hint, and a scan makes the index anew.
#[test]
fn an_index_missing_a_table_is_named_and_made_anew() {
    let vault = TestVault::fixture("network");
    let before = people(&vault, &[]);
    let index = vault.path().join(".kith/index.sqlite");
    rusqlite::Connection::open(&index)
        .unwrap()
        .execute_batch("DROP TABLE postings")
        .unwrap();
    let (code, stdout, stderr) = vault.run(&["people", "--no-scan"]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert_eq!(
        stderr,
        "error: the index `[VAULT]/.kith/index.sqlite` is missing some of its tables\n\nhint: run `kith scan` (it builds the index again), or leave out --no-scan\n"
    );
    assert!(scanned(&vault, &[]).starts_with("scanned 9 notes: 9 re-read"));
    assert_eq!(people(&vault, &["--no-scan"]), before);
}

/// Bytes that are not an SQLite database (a fixed pseudo-random sequence).
fn garbage(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect()
}

#[test]
fn scan_corrupt_index_exits_2_with_a_rebuild_hint() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    let index = vault.index_path();
    std::fs::write(&index, garbage(16 * 1024)).unwrap();
    let hint = "hint: delete `[VAULT]/.kith/index.sqlite` and run `kith scan --rebuild`, or put the index elsewhere with --index\n";
    for args in [
        vec!["scan"],
        vec!["people", "--format", "json"],
        vec!["people", "--no-scan", "--format", "json"],
        vec!["who", "running", "--format", "json"],
        vec!["person", "ana", "--no-scan"],
    ] {
        let (code, stdout, stderr) = vault.run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(
            stderr.starts_with(
                "error: the index `[VAULT]/.kith/index.sqlite` is damaged: file is not a database"
            ),
            "{args:?}: {stderr}"
        );
        assert!(stderr.ends_with(hint), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // Following the hint works.
    std::fs::remove_file(&index).unwrap();
    assert_eq!(
        scanned(&vault, &["--rebuild"]),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn scan_damaged_stored_mentions_exit_2_with_a_rebuild_hint() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    let index = vault.index_path();
    // Every note's stored mentions replaced by bytes that do not decode.
    rusqlite::Connection::open(&index)
        .unwrap()
        .execute("UPDATE note_mentions SET mentions = x'ffffffffff'", [])
        .unwrap();
    let hint = "hint: run `kith scan --rebuild`: it builds the index afresh\n";
    let check = |args: &[&str]| {
        let (code, stdout, stderr) = vault.run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(
            stderr.starts_with("error: index `[VAULT]/.kith/index.sqlite` failed"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.ends_with(hint), "{args:?}: {stderr}");
    };
    // A question that shows mentions, and a scan that must take a changed
    // note's old mentions out of the posting lists.
    check(&["person", "ana", "--no-scan"]);
    let path = vault.path().join("Meetings/Trip planning.md");
    let text = std::fs::read_to_string(&path).unwrap();
    vault.write(
        "Meetings/Trip planning.md",
        format!("{text}\nAgain with @ana.\n"),
    );
    check(&["scan"]);
    // Following the hint works.
    assert_eq!(
        scanned(&vault, &["--rebuild"]),
        "scanned 9 notes: 9 re-read, 0 removed; 5 people, 8 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn scan_index_damaged_past_its_header_exits_2_with_a_rebuild_hint() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    let index = vault.index_path();
    // Keep the first page (the header and the schema), wreck the rest.
    let mut bytes = std::fs::read(&index).unwrap();
    assert!(bytes.len() > 8192, "a multi-page index");
    let page = 4096;
    let wreck = garbage(bytes.len() - page);
    bytes[page..].copy_from_slice(&wreck);
    std::fs::write(&index, bytes).unwrap();
    // Something to write, so the scan reads the damaged tables.
    vault.write("Daily/2026-11-20.md", "@ana\n");
    let (code, stdout, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("`[VAULT]/.kith/index.sqlite`"),
        "names the index: {stderr}"
    );
    assert!(
        stderr.ends_with(
            "\n\nhint: delete `[VAULT]/.kith/index.sqlite` and run `kith scan --rebuild`, or put the index elsewhere with --index\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_change_that_keeps_size_and_time_is_seen() {
    let vault = TestVault::empty();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_790_000_000);
    for (name, text) in [("a.md", "hi @alice\n"), ("b.md", "hi @bobby\n")] {
        set_mtime(&vault.write(name, text), old);
    }
    assert_eq!(people_names(&people(&vault, &[])), ["alice", "bobby"]);
    // A note renamed over another of the same size and time (as a sync
    // tool, unzip or `rsync -t` may leave them): a.md is bobby's now.
    std::fs::rename(vault.path().join("b.md"), vault.path().join("a.md")).unwrap();
    assert_eq!(people_names(&people(&vault, &[])), ["bobby"]);
    // Rewritten in place and given its old time back.
    set_mtime(&vault.write("a.md", "hi @carol\n"), old);
    assert_eq!(people_names(&people(&vault, &[])), ["carol"]);
}

#[test]
fn scan_counts_a_settings_warning_and_names_its_file_once() {
    let vault = TestVault::empty();
    vault.write(".obsidian/daily-notes.json", r#"{"format": "YYYY-[W]WW"}"#);
    vault.write("2026-W48.md", "@kim\n");
    let (code, _, stderr) = scan(&vault, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with(
            "warning: .obsidian/daily-notes.json: ignored: date format \"YYYY-[W]WW\" cannot name a day"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("daily-notes.json").count(), 1, "{stderr}");
    assert_eq!(
        scan_summary(&stderr),
        "scanned 1 note: 1 re-read, 0 removed; 1 person, 0 interests; 1 warning; S.SSs"
    );
}

#[test]
fn scan_empty_vault_says_what_kith_reads() {
    let vault = TestVault::empty();
    vault.write("README.txt", "not a note");
    let (code, stdout, stderr) = scan(&vault, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        scan_summary(&stderr),
        "scanned 0 notes: 0 re-read, 0 removed; 0 people, 0 interests; 1 warning; S.SSs"
    );
    // The warning names the vault; the hint says what kith reads.
    assert!(
        stderr.contains(
            "warning: no notes found in `[VAULT]`\n\nhint: kith reads *.md and *.markdown files"
        ),
        "{stderr}"
    );
    // The index's folder, made by this scan, is not among the entries
    // passed over; a hidden folder of the user's is.
    assert!(!stderr.contains("skipped here"), "{stderr}");
    std::fs::create_dir(vault.path().join(".drafts")).unwrap();
    let (_, _, stderr) = scan(&vault, &[]);
    assert!(stderr.contains("; skipped here: .drafts\n"), "{stderr}");
    // Asked for, the index is made: `--no-scan` questions find it.
    assert!(vault.index_path().is_file());
    assert!(people_names(&people(&vault, &["--no-scan"])).is_empty());
}

#[test]
fn a_question_in_a_folder_without_notes_leaves_no_index() {
    let vault = TestVault::empty();
    vault.write("README.txt", "not a note");
    let (code, stdout, stderr) = vault.ask("people", &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(people_names(&json(&stdout)).is_empty());
    assert!(
        stderr.starts_with("warning: no notes found in `[VAULT]`"),
        "{stderr}"
    );
    assert!(!vault.path().join(".kith").exists(), "no index folder");

    // Once there is a note, there is an index; and once there is an
    // index, it is kept up to date even when the notes are all gone.
    vault.write("a.md", "Met @ana.\n");
    assert_eq!(people_names(&people(&vault, &[])), ["ana"]);
    assert!(vault.index_path().is_file());
    std::fs::remove_file(vault.path().join("a.md")).unwrap();
    assert!(people_names(&people(&vault, &[])).is_empty());
    assert!(vault.index_path().is_file());
}

#[test]
fn two_different_vaults_are_a_usage_error() {
    let vault = TestVault::fixture("network");
    let other = TestVault::empty();
    let (code, stdout, stderr) = run(
        kith()
            .arg("scan")
            .arg(other.path())
            .arg("--vault")
            .arg(vault.path()),
        vault.path(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: two vaults given: `")
            && stderr.contains("` (VAULT) and `[VAULT]` (--vault)\n"),
        "{stderr}"
    );
    assert!(!other.path().join(".kith").exists(), "nothing is written");
    // The same folder twice is no conflict, and VAULT overrides KITH_VAULT.
    let (code, _, stderr) = run(
        kith()
            .arg("scan")
            .arg(vault.path())
            .arg("--vault")
            .arg(vault.path()),
        vault.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(
        kith()
            .arg("scan")
            .arg(vault.path())
            .env("KITH_VAULT", other.path()),
        vault.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!other.path().join(".kith").exists());
    // A --vault written out is not taken for KITH_VAULT's, even when equal.
    let (code, _, stderr) = run(
        kith()
            .arg("scan")
            .arg(vault.path())
            .arg(format!("--vault={}", other.path().display()))
            .env("KITH_VAULT", other.path()),
        vault.path(),
    );
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn scan_missing_vault_exits_2() {
    let vault = TestVault::empty();
    let missing = vault.path().join("nope");
    let (code, _, stderr) = run(kith().arg("scan").arg(&missing), vault.path());
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: vault `[VAULT]/nope` does not exist\n"),
        "{stderr}"
    );
    assert!(!missing.exists(), "no index folder is made for it");
}

/// Crash safety and concurrency, over a vault of a few thousand notes
/// made at test time.
#[cfg(unix)]
mod big {
    use std::path::Path;
    use std::process::{Child, Output, Stdio};
    use std::time::{Duration, Instant};

    use super::{Value, scan_summary};
    use crate::harness::{TestVault, json, kith_process};

    const NOTES: usize = 3000;
    const PEOPLE: usize = 100;

    /// Writes every note, each mentioning two people named
    /// `{prefix}-{n}` and one of ten topics, with some filler text.
    fn write_notes(vault: &TestVault, prefix: &str) {
        let dir = vault.path().join("notes");
        std::fs::create_dir_all(&dir).unwrap();
        let filler = "Some words about the day, with nothing in them to index. ".repeat(8);
        for i in 0..NOTES {
            let (p, q, t) = (i % PEOPLE, (i + 1) % PEOPLE, i % 10);
            let text = format!(
                "---\ntags: [topic-{t}]\n---\n# Note {i}\n\nMet @{prefix}-{p} today.\n\n{filler}\n\n- later with @{prefix}-{q} #topic-{t}\n"
            );
            std::fs::write(dir.join(format!("{i:04}.md")), text).unwrap();
        }
    }

    fn spawn(vault: &TestVault, args: &[&str]) -> Child {
        kith_process()
            .args(args)
            .arg("--vault")
            .arg(vault.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kith starts")
    }

    fn finish(vault: &TestVault, args: &[&str]) -> Output {
        spawn(vault, args).wait_with_output().expect("kith runs")
    }

    fn stderr(output: &Output) -> String {
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    /// Which generation of notes the index holds.
    #[derive(Debug, PartialEq, Eq)]
    enum State {
        Old,
        New,
    }

    /// Reads the people in the index (without refreshing it) and says
    /// which generation they all belong to; a mix fails the test.
    fn state(vault: &TestVault) -> State {
        let output = finish(vault, &["people", "--no-scan", "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        state_of(&json(&String::from_utf8_lossy(&output.stdout)))
    }

    fn state_of(report: &Value) -> State {
        let people = report["people"].as_array().unwrap();
        let names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
        let mentions: u64 = people.iter().map(|p| p["mentions"].as_u64().unwrap()).sum();
        assert_eq!(names.len(), PEOPLE, "{names:?}");
        assert_eq!(mentions, 2 * NOTES as u64);
        if names.iter().all(|n| n.starts_with("old-")) {
            State::Old
        } else if names.iter().all(|n| n.starts_with("newer-")) {
            State::New
        } else {
            panic!("a mix of two generations: {names:?}")
        }
    }

    fn integrity(index: &Path) -> String {
        rusqlite::Connection::open(index)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap()
    }

    /// Builds the index of the old notes; returns how long that took.
    fn build(vault: &TestVault) -> Duration {
        write_notes(vault, "old");
        let started = Instant::now();
        let output = finish(vault, &["scan"]);
        let took = started.elapsed();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            scan_summary(&stderr(&output)),
            format!(
                "scanned {NOTES} notes: {NOTES} re-read, 0 removed; {PEOPLE} people, 10 interests; 0 warnings; S.SSs"
            )
        );
        took
    }

    #[test]
    fn scan_killed_midway_leaves_the_previous_index() {
        let vault = TestVault::empty();
        let took = build(&vault);
        assert_eq!(state(&vault), State::Old);

        write_notes(&vault, "newer");
        let mut child = spawn(&vault, &["scan"]);
        // Updating every note takes longer than building did: a third of
        // the build time is well inside the scan's transaction.
        std::thread::sleep((took / 3).clamp(Duration::from_millis(50), Duration::from_millis(300)));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        // Killed before its commit (the usual case), just after it, or done
        // before the kill (a fast machine): the index is one generation or
        // the other, never a mix (`state` checks that), and sound.
        let after_kill = state(&vault);
        if status.code().is_some() {
            assert_eq!(status.code(), Some(0), "finished before the kill");
            assert_eq!(after_kill, State::New);
        }
        let index = vault.index_path();
        assert_eq!(integrity(&index), "ok");

        // The next scan does the whole update.
        let output = finish(&vault, &["scan"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        if after_kill == State::Old {
            assert_eq!(
                scan_summary(&stderr(&output)),
                format!(
                    "scanned {NOTES} notes: {NOTES} re-read, 0 removed; {PEOPLE} people, 10 interests; 0 warnings; S.SSs"
                )
            );
        }
        assert_eq!(state(&vault), State::New);
    }

    /// Starts two scans at once and checks both succeed and, between them,
    /// read every note exactly once.
    fn two_scans_at_once(vault: &TestVault) {
        let first = spawn(vault, &["scan"]);
        let second = spawn(vault, &["scan"]);
        let mut reread = Vec::new();
        for child in [first, second] {
            let output = child.wait_with_output().unwrap();
            let stderr = stderr(&output);
            assert_eq!(output.status.code(), Some(0), "{stderr}");
            let summary = scan_summary(&stderr);
            let count: usize = summary
                .split_once(": ")
                .and_then(|(_, rest)| rest.split_once(" re-read"))
                .map(|(n, _)| n.parse().unwrap())
                .unwrap();
            reread.push(count);
        }
        reread.sort_unstable();
        // The second waits for the first, then finds nothing left to do.
        assert_eq!(reread, [0, NOTES], "re-read counts");
    }

    #[test]
    fn scan_two_at_once_on_a_new_index_both_succeed() {
        let vault = TestVault::empty();
        write_notes(&vault, "old");
        two_scans_at_once(&vault);
        assert_eq!(state(&vault), State::Old);
        let output = finish(&vault, &["scan"]);
        assert_eq!(
            scan_summary(&stderr(&output)),
            format!(
                "scanned {NOTES} notes: 0 re-read, 0 removed; {PEOPLE} people, 10 interests; 0 warnings; S.SSs"
            )
        );
    }

    #[test]
    fn scan_two_at_once_on_changed_notes_both_succeed() {
        let vault = TestVault::empty();
        build(&vault);
        write_notes(&vault, "newer");
        two_scans_at_once(&vault);
        assert_eq!(state(&vault), State::New);
        assert_eq!(integrity(&vault.index_path()), "ok");
    }

    #[test]
    fn scan_questions_during_a_scan_get_whole_answers() {
        let vault = TestVault::empty();
        build(&vault);
        write_notes(&vault, "newer");
        let scan = spawn(&vault, &["scan"]);
        // While it runs: an answer from the index as it is (old or new,
        // never a mix), and one that refreshes first (so it waits for the
        // scan and sees the new notes).
        let as_is = spawn(&vault, &["people", "--no-scan", "--format", "json"]);
        let fresh = spawn(&vault, &["people", "--format", "json"]);
        let who = spawn(&vault, &["who", "topic-3", "--no-scan", "--format", "json"]);

        let as_is = as_is.wait_with_output().unwrap();
        assert_eq!(as_is.status.code(), Some(0), "{}", stderr(&as_is));
        state_of(&json(&String::from_utf8_lossy(&as_is.stdout)));

        let fresh = fresh.wait_with_output().unwrap();
        assert_eq!(fresh.status.code(), Some(0), "{}", stderr(&fresh));
        assert_eq!(
            state_of(&json(&String::from_utf8_lossy(&fresh.stdout))),
            State::New
        );

        let who = who.wait_with_output().unwrap();
        assert_eq!(who.status.code(), Some(0), "{}", stderr(&who));
        let report = json(&String::from_utf8_lossy(&who.stdout));
        // Notes 3, 13, 23, ... mention topic-3: 300 notes, people 3, 13,
        // ..., 93 and 4, 14, ..., 94 with 30 mentions each.
        let people = report["people"].as_array().unwrap();
        assert_eq!(people.len(), 20);
        assert!(people.iter().all(|p| p["mentions"] == 30), "{report:#}");

        let scan = scan.wait_with_output().unwrap();
        assert_eq!(scan.status.code(), Some(0), "{}", stderr(&scan));
        assert_eq!(state(&vault), State::New);
    }
}

#[test]
fn no_scan_on_an_index_whose_first_scan_never_ended_is_an_error() {
    let vault = TestVault::fixture("network");
    scanned(&vault, &[]);
    // As a first scan leaves it when killed: the schema, but nothing
    // committed (the fingerprint is written with the scan's commit).
    let index = rusqlite::Connection::open(vault.index_path()).unwrap();
    index
        .execute_batch("DELETE FROM meta; DELETE FROM notes; DELETE FROM names;")
        .unwrap();
    drop(index);
    let (code, stdout, stderr) = vault.ask("people", &["--no-scan"]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: the index `[VAULT]/.kith/index.sqlite` has not been scanned to the end yet"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("hint: run `kith scan` first, or leave out --no-scan\n"),
        "{stderr}"
    );
    // A scan ends it.
    scanned(&vault, &[]);
    assert_eq!(
        mentions_by_name(&people(&vault, &["--no-scan"])),
        pairs(&EVERYONE)
    );
}

#[test]
fn a_note_too_big_to_read_is_not_tried_again_until_it_changes() {
    let vault = TestVault::empty();
    vault.write(".kith/config.yaml", "max_file_size: 100\n");
    vault.write("small.md", "@ana\n");
    let big = vault.write("big.md", format!("@bo {}\n", "x".repeat(500)));
    let (code, _, stderr) = scan(&vault, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: big.md: file is 505 bytes"),
        "{stderr}"
    );
    // Its size decides, and the scan compares sizes anyway: nothing to do.
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 2 notes: 0 re-read, 0 removed; 1 person, 0 interests; 0 warnings, 1 from an earlier scan (`kith check` lists it); S.SSs"
    );
    std::fs::write(&big, "@bo\n").unwrap();
    assert_eq!(people_names(&people(&vault, &[])), ["ana", "bo"]);
}

/// A person note's declared interests and properties are its own: editing
/// them reads that note again, not every note (as an alias change must).
#[test]
fn editing_a_person_notes_properties_rereads_only_that_note() {
    let vault = TestVault::empty();
    let person = vault.write(
        "People/Kim Lee.md",
        "---\naliases: [kimmy]\ntags: [climbing]\n---\n",
    );
    vault.write("a.md", "Climbing with @kimmy\n");
    vault.write("b.md", "Lunch with @ana\n");
    scanned(&vault, &[]);

    std::fs::write(
        &person,
        "---\naliases: [kimmy]\ntags: [climbing, books]\nemail: kim@example.com\n---\n",
    )
    .unwrap();
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 3 notes: 1 re-read, 0 removed; 2 people, 2 interests; 0 warnings; S.SSs"
    );
    let who = crate::harness::json(
        &vault
            .run(&["who", "books", "--no-scan", "--format", "json"])
            .1,
    );
    assert_eq!(who["people"][0]["name"], "kim-lee", "{who:#}");

    // An alias changes who is who, for the notes that wrote it only:
    // nobody wrote `@kl`, and `@ana` is in `b.md`.
    std::fs::write(&person, "---\naliases: [kimmy, kl]\n---\n").unwrap();
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 3 notes: 1 re-read, 0 removed; 2 people, 0 interests; 0 warnings; S.SSs"
    );
    std::fs::write(&person, "---\naliases: [kimmy, kl, ana]\n---\n").unwrap();
    assert_eq!(
        scanned(&vault, &[]),
        "scanned 3 notes: 2 re-read, 0 removed; 1 person, 0 interests; 0 warnings; S.SSs"
    );
}

#[test]
fn a_rebuild_starts_afresh_whatever_the_old_rows_hold() {
    let vault = TestVault::fixture("network");
    let fresh = scanned(&vault, &[]);
    let index = vault.index_path();
    rusqlite::Connection::open(&index)
        .unwrap()
        .execute("UPDATE notes SET size = 'abc' WHERE id = 3", [])
        .unwrap();
    let (code, _, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.ends_with("hint: run `kith scan --rebuild`: it builds the index afresh\n"),
        "{stderr}"
    );
    assert_eq!(scanned(&vault, &["--rebuild"]), fresh);
    let (code, _, stderr) = vault.run(&["people"]);
    assert_eq!(code, 0, "answers again: {stderr}");
}
