//! `kith mentions`.

use serde_json::json;

use crate::harness::{TestVault, jsonl, run};
use crate::rows::{DateSource, Row, briefs, mentions, mentions_quiet, parse_jsonl, snapshot};

#[test]
fn mentions_basic_jsonl_has_the_contract_keys() {
    let vault = TestVault::fixture("basic");
    let (code, stdout, stderr) = vault.run(&["mentions", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    let rows = jsonl(&stdout);
    assert_eq!(
        rows[0],
        json!({
            "path": "Daily/2026-11-20.md", "line": 1, "column": 10, "kind": "interest",
            "name": "brunch", "raw": "#brunch", "source": "body",
            "date": "2026-11-20", "date_source": "filename",
            "interests": [], "people": [], "snippet": "Sunday #brunch",
        })
    );
    let found: Vec<(&str, u64, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap(),
                r["line"].as_u64().unwrap(),
                r["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("Daily/2026-11-20.md", 1, "brunch"),
            ("Daily/2026-11-20.md", 3, "priya"),
            ("Daily/2026-11-20.md", 3, "zoë"),
            ("Daily/2026-11-20.md", 5, "ana"),
            ("Daily/2026-11-20.md", 5, "running"),
            ("trip.md", 3, "kenji-tanaka"),
            ("trip.md", 4, "travel/asia"),
            ("trip.md", 6, "kenji-tanaka"),
        ]
    );
    let ana = &rows[3];
    assert_eq!(ana["interests"], json!(["brunch", "running"]));
    assert_eq!(ana["people"], json!([]));
    let kenji = &rows[5];
    assert_eq!(kenji["source"], "frontmatter");
    assert_eq!(kenji["raw"], "Kenji Tanaka");
    assert_eq!(kenji["date_source"], "frontmatter");
}

#[test]
fn mentions_missing_vault_exits_2_with_a_hint() {
    let vault = TestVault::empty();
    let missing = vault.path().join("nope");
    let (code, stdout, stderr) = run(
        crate::harness::kith().arg("mentions").arg(&missing),
        vault.path(),
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: vault `[VAULT]/nope` does not exist\n\nhint: give the folder of your notes as VAULT, with --vault, or in KITH_VAULT\n"
    );
    // A file is there, but no folder.
    let file = vault.write("a.md", "@ana\n");
    let (code, _, stderr) = run(
        crate::harness::kith().arg("mentions").arg(&file),
        vault.path(),
    );
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: vault `[VAULT]/a.md` is not a folder\n"),
        "{stderr}"
    );
}

#[test]
fn mentions_walk_skips_hidden_entries_and_node_modules() {
    let vault = TestVault::fixture("walk");
    vault.write(".git/notes.md", "@hidden-git\n");
    vault.write("Notes/.git/HEAD.md", "@hidden-git2\n");
    let rows = mentions_quiet(&vault);
    // Dot-entries at any depth and `node_modules/` folders are skipped,
    // `.markdown` is a note, `.txt` is not; rows are sorted by path as
    // written (`/` separators, byte order).
    assert_eq!(
        briefs(&rows),
        [
            "A/z.md:1:1 @az",
            "Notes/kept.md:1:1 @kept",
            "a b.md:1:1 @a-space-b",
            "a-b.md:1:1 @a-dash-b",
            "a.markdown:1:1 @a-markdown",
            "a/b.md:1:1 @a-slash-b",
            "b.md:1:1 @b",
            "node_modules.md:1:1 @nm-file",
        ]
    );
}

#[test]
fn mentions_vault_inside_a_hidden_folder_is_read() {
    let vault = TestVault::empty();
    vault.write(".notes/Daily/2026-01-05.md", "@ana\n");
    let hidden = vault.path().join(".notes");
    let (code, stdout, stderr) = run(
        crate::harness::kith()
            .args(["mentions", "--format", "jsonl"])
            .arg(&hidden),
        vault.path(),
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        briefs(&parse_jsonl(&stdout)),
        ["Daily/2026-01-05.md:1:1 @ana"]
    );
}

#[test]
fn mentions_sorted_by_path_line_column() {
    for fixture in [
        "basic",
        "bom-crlf",
        "context",
        "dates",
        "exclusions",
        "malformed-yaml",
        "tables-and-lists",
        "unicode-names",
        "walk",
    ] {
        let vault = TestVault::fixture(fixture);
        let (rows, _) = mentions(&vault, &[]);
        assert!(!rows.is_empty(), "{fixture}");
        let keys: Vec<_> = rows
            .iter()
            .map(|r| (r.path.clone(), r.line, r.column))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{fixture} is sorted");
        assert!(
            rows.iter().all(|r| !r.path.contains('\\')
                && !r.path.starts_with('/')
                && !r.path.contains("[VAULT]")),
            "{fixture}: paths are relative with `/`"
        );
    }
}

#[test]
fn mentions_vault_defaults_to_the_current_folder() {
    let vault = TestVault::fixture("context");
    let (with_flag, _) = mentions(&vault, &[]);
    for args in [
        &["mentions", "--format", "jsonl"][..],
        &["mentions", ".", "--format", "jsonl"],
    ] {
        let (code, stdout, stderr) = run(
            crate::harness::kith().args(args).current_dir(vault.path()),
            vault.path(),
        );
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
        assert_eq!(parse_jsonl(&stdout), with_flag, "{args:?}");
    }
    let (code, stdout, _) = run(
        crate::harness::kith()
            .args(["mentions", "--format", "jsonl"])
            .arg(vault.path()),
        vault.path(),
    );
    assert_eq!(code, 0);
    assert_eq!(parse_jsonl(&stdout), with_flag, "positional VAULT");
}

#[test]
fn a_vault_above_the_current_folder_is_warned_about() {
    let vault = TestVault::empty();
    vault.write("Daily/2026-11-27.md", "@ana\n");
    std::fs::create_dir(vault.path().join(".obsidian")).unwrap();
    let daily = vault.path().join("Daily");
    let in_daily = |args: &[&str]| {
        run(
            crate::harness::kith().args(args).current_dir(&daily),
            vault.path(),
        )
    };
    let (code, stdout, stderr) = in_daily(&["mentions", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(parse_jsonl(&stdout).len(), 1);
    assert_eq!(
        stderr,
        "warning: [VAULT]: holds .obsidian/, so it looks like the vault; kith reads only the current folder, `Daily` (give `--vault [VAULT]`, or run kith there)\n"
    );
    // The index a question leaves in the folder does not silence it.
    let (code, _, stderr) = in_daily(&["people"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with("warning: [VAULT]: holds .obsidian/"),
        "{stderr}"
    );
    assert!(
        in_daily(&["people"])
            .2
            .starts_with("warning: [VAULT]: holds .obsidian/")
    );
    // A config above is a vault's sign too; a stray index above is none.
    std::fs::remove_dir(vault.path().join(".obsidian")).unwrap();
    let (_, _, stderr) = in_daily(&["mentions", "--format", "jsonl"]);
    assert_eq!(stderr, "");
    vault.write(".kith/config.yaml", "people_folder: People\n");
    let (_, _, stderr) = in_daily(&["mentions", "--format", "jsonl"]);
    assert!(
        stderr.starts_with("warning: [VAULT]: holds .kith/config.yaml, so it looks like the vault"),
        "{stderr}"
    );
    // A vault given, or the vault's own folder, is no warning.
    let (_, _, stderr) = in_daily(&["mentions", ".", "--format", "jsonl"]);
    assert_eq!(stderr, "");
    let (_, _, stderr) = run(
        crate::harness::kith()
            .args(["mentions", "--format", "jsonl"])
            .current_dir(vault.path()),
        vault.path(),
    );
    assert_eq!(stderr, "");
}

#[cfg(unix)]
fn symlinked_vault() -> TestVault {
    use std::os::unix::fs::symlink;
    let vault = TestVault::empty();
    vault.write("real.md", "@real\n");
    vault.write("Notes/inner.md", "@inner\n");
    symlink("real.md", vault.path().join("link.md")).unwrap();
    symlink("Notes", vault.path().join("dirlink")).unwrap();
    symlink(".", vault.path().join("loop")).unwrap();
    symlink("missing.md", vault.path().join("dangling.md")).unwrap();
    vault
}

#[cfg(unix)]
#[test]
fn mentions_symlinks_are_not_followed_by_default() {
    let vault = symlinked_vault();
    let rows = mentions_quiet(&vault);
    assert_eq!(
        briefs(&rows),
        ["Notes/inner.md:1:1 @inner", "real.md:1:1 @real"]
    );
}

#[cfg(unix)]
#[test]
fn mentions_follow_links_warns_about_a_loop_and_goes_on() {
    let vault = symlinked_vault();
    let mut cmd = vault.kith(&["mentions", "--format", "jsonl", "--follow-links"]);
    cmd.timeout(std::time::Duration::from_secs(30));
    let (code, stdout, stderr) = run(&mut cmd, vault.path());
    assert_eq!(code, 0, "no hang, no failure: {stderr}");
    let rows = parse_jsonl(&stdout);
    let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    // `link.md` is `real.md`, and `dirlink/` is `Notes/`: each note is
    // read once, by its path through no link.
    assert_eq!(paths, ["Notes/inner.md", "real.md"]);
    let loop_warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning: loop"))
        .collect();
    assert_eq!(loop_warnings.len(), 1, "{stderr}");
    assert!(loop_warnings[0].contains("loop"), "{stderr}");
    assert!(
        stderr.lines().all(|line| line.starts_with("warning: ")),
        "{stderr}"
    );
}

#[test]
fn mentions_never_modifies_the_vault() {
    for fixture in [
        "bom-crlf",
        "malformed-yaml",
        "invalid-utf8",
        "context",
        "walk",
    ] {
        let vault = TestVault::fixture(fixture);
        let before = snapshot(vault.path());
        for args in [
            &["mentions", "--format", "jsonl"][..],
            &["mentions", "--format", "json"],
            &["mentions", "--format", "table"],
            &["mentions", "--follow-links", "--mtime-dates", "-v"],
        ] {
            let (code, _, stderr) = vault.run(args);
            assert_eq!(code, 0, "{fixture} {args:?}: {stderr}");
        }
        let mut after = snapshot(vault.path());
        after.retain(|path, _| !path.starts_with(".kith"));
        assert!(
            before == after,
            "{fixture}: the notes' bytes and mtimes are unchanged"
        );
    }
}

#[test]
fn mentions_json_has_the_rows_of_jsonl() {
    let vault = TestVault::fixture("tables-and-lists");
    let (jsonl_rows, _) = mentions(&vault, &[]);
    let (code, stdout, stderr) = vault.run(&["mentions", "--format", "json"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let json_rows: Vec<Row> = serde_json::from_str(&stdout).expect("one JSON array");
    assert_eq!(json_rows.len(), 23);
    assert_eq!(json_rows, jsonl_rows);

    let empty = TestVault::empty();
    empty.write("plain.md", "no mentions here\n");
    let (code, stdout, _) = empty.run(&["mentions", "--format", "json"]);
    assert_eq!(code, 0);
    let rows: Vec<Row> = serde_json::from_str(&stdout).expect("an empty array");
    assert!(rows.is_empty());
    let (code, stdout, _) = empty.run(&["mentions", "--format", "jsonl"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn mentions_table_has_a_header_and_one_row_per_mention() {
    let vault = TestVault::fixture("context");
    let (rows, _) = mentions(&vault, &[]);
    let (code, stdout, stderr) = vault.run(&["mentions", "--format", "table"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1 + rows.len(), "{stdout}");
    assert!(!lines[0].contains(".md"), "a header first: {}", lines[0]);
    for (line, row) in lines[1..].iter().zip(&rows) {
        assert!(
            line.contains(&row.path) && line.contains(&row.name),
            "{line} shows {}",
            row.brief()
        );
    }
}

#[test]
fn mentions_dates() {
    let vault = TestVault::fixture("dates");
    let (rows, stderr) = mentions(&vault, &[]);
    // A date key that holds no date is ignored, and said so with its line.
    assert_eq!(
        stderr,
        "warning: k-not-a-date.md:2: `date: someday` in the frontmatter is not a date (YYYY-MM-DD), so it is ignored\n"
    );
    let dates: Vec<(&str, Option<&str>, Option<DateSource>)> = rows
        .iter()
        .map(|r| (r.path.as_str(), r.date.as_deref(), r.date_source))
        .collect();
    let fm = Some(DateSource::Frontmatter);
    let name = Some(DateSource::Filename);
    assert_eq!(
        dates,
        [
            // A date in a folder's name is not the file name's.
            ("2026-10-10/undated.md", None, None),
            ("Daily/2026-10-06.md", Some("2026-10-06"), name),
            // The first date in the file name.
            (
                "Meetings/2026-10-07 Sync 2026-10-08.md",
                Some("2026-10-07"),
                name
            ),
            ("a-yaml-date.md", Some("2026-10-01"), fm),
            ("b-string-date.md", Some("2026-10-02"), fm),
            ("c-datetime.md", Some("2026-10-03"), fm),
            ("d-created.md", Some("2026-10-04"), fm),
            ("e-date-over-created.md", Some("2026-10-05"), fm),
            (
                "h-frontmatter-over-file-name 2026-01-01.md",
                Some("2026-10-09"),
                fm
            ),
            // Never the modification time by default.
            ("j-undated.md", None, None),
            ("k-not-a-date.md", None, None),
        ]
    );
}

#[test]
fn mentions_mtime_dates_opt_in() {
    let vault = TestVault::fixture("dates");
    // 2021-06-15 12:00 UTC: the same calendar day in any time zone.
    let noon = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_623_758_400);
    for entry in walkdir::WalkDir::new(vault.path()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(noon).unwrap();
        }
    }
    let (rows, stderr) = mentions(&vault, &["--mtime-dates"]);
    assert_eq!(
        stderr,
        "warning: k-not-a-date.md:2: `date: someday` in the frontmatter is not a date (YYYY-MM-DD), so it is ignored\n"
    );
    let dated: Vec<(&str, Option<&str>, Option<DateSource>)> = rows
        .iter()
        .filter(|r| r.date_source == Some(DateSource::Mtime))
        .map(|r| (r.path.as_str(), r.date.as_deref(), r.date_source))
        .collect();
    let mtime = Some(DateSource::Mtime);
    assert_eq!(
        dated,
        [
            ("2026-10-10/undated.md", Some("2021-06-15"), mtime),
            ("j-undated.md", Some("2021-06-15"), mtime),
            ("k-not-a-date.md", Some("2021-06-15"), mtime),
        ]
    );
    // Notes dated otherwise keep their dates.
    let (default_rows, _) = mentions(&vault, &[]);
    for (with, without) in rows.iter().zip(&default_rows) {
        if without.date.is_some() {
            assert_eq!(with, without);
        }
    }
}

#[test]
fn mentions_usage_error_exits_2() {
    let vault = TestVault::fixture("basic");
    for args in [
        &["mentions", "--format", "xml"][..],
        &["mentions", "--no-such-flag"],
    ] {
        let (code, stdout, stderr) = vault.run(args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(stdout, "");
        assert!(stderr.starts_with("error: "), "{stderr}");
    }
}

#[test]
fn mentions_rows_parse_into_the_contract_type() {
    let vault = TestVault::fixture("basic");
    let (code, stdout, _) = vault.run(&["mentions", "--format", "jsonl"]);
    assert_eq!(code, 0);
    let first = stdout.lines().next().expect("a row");
    let row: Row = serde_json::from_str(first).expect("a contract row");
    assert_eq!(row.brief(), "Daily/2026-11-20.md:1:10 #brunch");
    // The typed row fails loudly on a renamed key, even an optional one,
    // while a key added later is fine.
    for (key, renamed) in [
        ("\"date_source\"", "\"dateSource\""),
        ("\"snippet\"", "\"text\""),
    ] {
        let broken = first.replace(key, renamed);
        assert!(serde_json::from_str::<Row>(&broken).is_err(), "{broken}");
    }
    let extended = first.replacen('{', "{\"added\":1,", 1);
    assert_eq!(serde_json::from_str::<Row>(&extended).unwrap(), row);
}

#[test]
fn mentions_vault_that_is_a_file_exits_2() {
    let vault = TestVault::empty();
    let note = vault.write("note.md", "@ana\n");
    let (code, stdout, stderr) = run(
        crate::harness::kith().arg("mentions").arg(&note),
        vault.path(),
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("error: "), "{stderr}");
}

/// A frontmatter tag is a tag as the body would read it, whole: a value
/// with a space or punctuation but `_`, `-` and `/` is no tag, and says so
/// on its line. `tags: work, "#play" life/balance` (one YAML string) is
/// split on commas and spaces; its quoted piece is none.
#[test]
fn mentions_frontmatter_values_that_are_no_tags_are_warned_about() {
    let vault = TestVault::empty();
    vault.write(
        "a.md",
        "---\ntags: work, \"#play\" life/balance\ninterests: [\"hello world\", C++, 2024, \"#ok\"]\n---\nHi\n",
    );
    let (code, stdout, stderr) = vault.run(&["mentions", "--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let names: Vec<String> = jsonl(&stdout)
        .iter()
        .map(|row| row["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["work", "life/balance", "ok"]);
    assert_eq!(
        stderr,
        "warning: a.md:2: `tags: \"#play\"` is no tag (a tag holds no space, and no punctuation but `_`, `-` and `/`); it is ignored\n\
         warning: a.md:3: `interests: hello world` is no tag (a tag holds no space, and no punctuation but `_`, `-` and `/`); it is ignored\n\
         warning: a.md:3: `interests: C++` is no tag (a tag holds no space, and no punctuation but `_`, `-` and `/`); it is ignored\n"
    );
}

#[test]
fn the_table_shows_a_long_path_whole_when_there_is_room_and_cuts_its_start_when_not() {
    let vault = TestVault::empty();
    let path =
        "Projects/A very long folder name for testing/Sub folder/Meeting notes 2026-01-05.md";
    vault.write(path, "Met @ana today\n");
    let table = |columns| vault.run_in_columns(&["mentions", "--format", "table"], columns);
    let wide = table("200");
    assert!(wide.contains(&format!("{path}:1:5")), "{wide}");
    let narrow = table("60");
    assert!(narrow.contains("…g notes 2026-01-05.md:1:5"), "{narrow}");
}

#[test]
fn mentions_table_cuts_a_snippet_around_its_mention() {
    let vault = TestVault::empty();
    vault.write("People/Alex Bec.md", "Friend.\n");
    let filler = "word ".repeat(30);
    vault.write(
        "a.md",
        format!("{filler}then @anabel and @ana.\n\n@bo starts {filler}\n\n{filler}with [[Alex Bec|Alex]] and more {filler}\n"),
    );
    let table = vault.run_in_columns(&["mentions", "--format", "table"], "60");
    let snippet_of = |name: &str| {
        let row = table
            .lines()
            .find(|line| line.split_whitespace().nth(2) == Some(name))
            .unwrap_or_else(|| panic!("no row for {name}: {table}"));
        row.split("  ").last().unwrap().to_owned()
    };
    // Each row shows its own mention, not a longer name that starts alike.
    assert!(snippet_of("@ana").contains("@ana."), "{table}");
    assert!(snippet_of("@anabel").contains("@anabel"), "{table}");
    // A link shows by its text; a mention at the start is cut only at the end.
    assert!(snippet_of("@alex-bec").contains("Alex and"), "{table}");
    assert!(snippet_of("@bo").starts_with("@bo starts"), "{table}");
}

/// Each date key that holds no date is told, not only the first.
#[test]
fn every_date_key_that_holds_no_date_is_warned_about() {
    let vault = TestVault::empty();
    vault.write(
        "b.md",
        "---\ndate: next tuesday\ncreated: 2026-02-30\n---\n@ana\n",
    );
    let (code, _, stderr) = vault.run(&["mentions", "--format", "jsonl"]);
    assert_eq!(code, 0);
    assert_eq!(
        stderr,
        "warning: b.md:2: `date: next tuesday` in the frontmatter is not a date (YYYY-MM-DD), so it is ignored\n\
         warning: b.md:3: `created: 2026-02-30` in the frontmatter is not a date (YYYY-MM-DD), so it is ignored\n"
    );
}
