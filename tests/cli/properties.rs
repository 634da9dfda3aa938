//! Property tests (issue 7), with `proptest`: extraction never panics on
//! arbitrary bytes; every body mention's line and column point at its
//! `raw` text; LF and CRLF files, with or without a BOM, give the same
//! mentions; and an index updated note by note equals one built from
//! scratch.
//!
//! Notes are made from a small alphabet of markdown-ish fragments, so that
//! mentions, tags, frontmatter, code, links, comments, lists and tables
//! actually occur and meet each other.

use std::path::Path;
use std::time::{Duration, SystemTime};

use kith::extract::{ExtractOptions, Kind, Mention, NoteExtraction, Source, extract_bytes};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::harness::{TODAY, TestVault, run};

/// Fragments of notes: names and tags in many spellings, and the markdown
/// around them that changes what counts.
const FRAGMENTS: &[&str] = &[
    "@ana",
    "@Zoë",
    "@zoe\u{0308}",
    "@bo-b.",
    "@kenji_t",
    "@2pm",
    "@田中",
    "#tag",
    "#Travel/Asia/",
    "#123",
    "#a#b",
    "x@y.com",
    "word",
    "ü",
    "日本",
    "🎉",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "- ",
    "  - ",
    "1. ",
    "> ",
    "# ",
    "## ",
    "`",
    "```\n",
    "~~~\n",
    "    ",
    "**",
    "_",
    "~~",
    "$",
    "%%",
    "\\#",
    "\\@",
    "[[Ana]]",
    "[[Kim|@bo]]",
    "![[img #x.png]]",
    "[link @c](http://x.com/@d#e)",
    "https://x.com/@u#v",
    "<b>",
    "<!-- @z -->",
    "&amp;",
    "| a | @b |\n|---|---|\n| #c | d |\n",
    "[^1]",
    "[^1]: @foot\n",
    "---\n",
    "\u{00A0}",
    "…",
    "(",
    ")",
    ".",
    ",",
    "'s",
];

/// Frontmatter lines, some broken.
const FRONT_LINES: &[&str] = &[
    "tags: [a, b]\n",
    "tags: x y\n",
    "people: [kim, \"Alex Bec\"]\n",
    "with: ana, Bo\n",
    "attendees: [[Ana]]\n",
    "date: 2026-01-02\n",
    "topics:\n  - cooking\n  - '#books'\n",
    "title: \"@ana #no\"\n",
    "tags: [unclosed\n",
    "\tbad: tab\n",
    "people: @at\n",
    "kith: generated\n",
];

/// A note as text (LF line ends): maybe frontmatter, then a body.
fn note_text() -> impl Strategy<Value = String> {
    let front = prop::option::of(vec(prop::sample::select(FRONT_LINES), 0..4));
    let body = vec(prop::sample::select(FRAGMENTS), 0..40);
    (front, body).prop_map(|(front, body)| {
        let mut text = String::new();
        if let Some(lines) = front {
            text.push_str("---\n");
            for line in lines {
                text.push_str(line);
            }
            text.push_str("---\n");
        }
        for fragment in body {
            text.push_str(fragment);
        }
        text
    })
}

fn extract(bytes: &[u8]) -> NoteExtraction {
    extract_bytes("Notes/n.md", bytes, 0, &ExtractOptions::default())
}

/// Whether the 1-based `line` and `column` (in characters) of `text`
/// start with `raw`.
fn points_at(text: &str, line: usize, column: usize, raw: &str) -> bool {
    let Some(line_text) = text.split('\n').nth(line - 1) else {
        return false;
    };
    let Some((at, _)) = line_text.char_indices().nth(column - 1) else {
        return false;
    };
    line_text[at..].starts_with(raw)
}

/// Checks every body `@`/`#` mention of `text` (as decoded: no BOM)
/// against the text.
fn check_positions(text: &str, mentions: &[Mention]) -> Result<(), TestCaseError> {
    for mention in mentions {
        if mention.source == Source::Body && mention.raw.starts_with(['@', '#']) {
            prop_assert!(
                points_at(text, mention.line, mention.column, &mention.raw),
                "{}:{} is not `{}` in {text:?}",
                mention.line,
                mention.column,
                mention.raw
            );
        }
    }
    Ok(())
}

/// What must be the same however the file ends its lines: everything of
/// each mention (frontmatter snippets hold their line without the `\r`),
/// and the warnings.
fn comparable(note: &NoteExtraction) -> (Vec<Mention>, Vec<String>) {
    let warnings = note.warnings.iter().map(ToString::to_string).collect();
    (note.mentions.clone(), warnings)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn extraction_never_panics_on_arbitrary_bytes(
        start in prop::sample::select(vec![
            &b""[..],
            b"\xEF\xBB\xBF",
            b"\xFF\xFE",
            b"\xFE\xFF",
            b"---\n",
        ]),
        bytes in vec(any::<u8>(), 0..2048),
    ) {
        let mut note = start.to_vec();
        note.extend_from_slice(&bytes);
        let extraction = extract(&note);
        for mention in &extraction.mentions {
            prop_assert!(mention.line >= 1 && mention.column >= 1, "{mention:?}");
        }
    }

    #[test]
    fn extraction_never_panics_on_markdown_ish_bytes(
        text in note_text(),
        cut in any::<prop::sample::Index>(),
        noise in vec(any::<u8>(), 0..8),
    ) {
        // Cut anywhere (maybe inside a character) and add stray bytes.
        let mut bytes = text.into_bytes();
        let at = cut.index(bytes.len() + 1);
        bytes.truncate(at);
        bytes.extend_from_slice(&noise);
        extract(&bytes);
    }

    #[test]
    fn body_mentions_point_at_their_raw_text(text in note_text()) {
        let note = extract(text.as_bytes());
        check_positions(&text, &note.mentions)?;
    }

    #[test]
    fn crlf_and_bom_change_nothing(text in note_text()) {
        let lf = extract(text.as_bytes());
        let crlf_text = text.replace('\n', "\r\n");
        let crlf = extract(crlf_text.as_bytes());
        let mut bom_bytes = b"\xEF\xBB\xBF".to_vec();
        bom_bytes.extend_from_slice(crlf_text.as_bytes());
        let bom_crlf = extract(&bom_bytes);
        let mut bom_lf = b"\xEF\xBB\xBF".to_vec();
        bom_lf.extend_from_slice(text.as_bytes());
        let bom = extract(&bom_lf);

        prop_assert_eq!(comparable(&crlf), comparable(&lf), "CRLF {:?}", crlf_text);
        prop_assert_eq!(comparable(&bom), comparable(&lf), "BOM");
        prop_assert_eq!(comparable(&bom_crlf), comparable(&lf), "BOM and CRLF");
        check_positions(&crlf_text, &crlf.mentions)?;
        check_positions(&crlf_text, &bom_crlf.mentions)?;
    }
}

#[test]
fn a_crlf_frontmatter_mention_keeps_its_snippet_without_the_cr() {
    let lf = extract(b"---\ntags: [a]\n---\n@ana\n");
    let crlf = extract(b"---\r\ntags: [a]\r\n---\r\n@ana\r\n");
    assert_eq!(crlf.mentions, lf.mentions);
    assert_eq!(lf.mentions[0].kind, Kind::Interest);
    assert_eq!(lf.mentions[0].snippet, "tags: [a]");
}

/// One change to the vault; notes and configs are indexes into the lists
/// a test plays with.
#[derive(Debug, Clone)]
enum Edit {
    /// Write (add or replace) note `path` with `text`.
    Write(usize, String),
    /// Delete note `path`, if it is there.
    Delete(usize),
    /// Append words naming nobody to note `path`, if it is there: read
    /// again, it holds the same mentions (the posting lists stay).
    Append(usize),
    /// Rename note `a` to `b` (over it, if it is there).
    Rename(usize, usize),
    /// Write config `config`.
    Config(usize),
}

/// A vault the edits of a test are made to, with the notes and configs
/// they name by number.
struct EditedVault {
    vault: TestVault,
    paths: &'static [&'static str],
    configs: &'static [&'static str],
    /// A distinct modification time per write: a rewrite within the same
    /// second (or of the same size) is still seen.
    clock: SystemTime,
}

impl EditedVault {
    fn new(paths: &'static [&'static str], configs: &'static [&'static str]) -> Self {
        EditedVault {
            vault: TestVault::empty(),
            paths,
            configs,
            clock: SystemTime::UNIX_EPOCH + Duration::from_secs(1_790_000_000),
        }
    }

    fn apply(&mut self, edit: &Edit) {
        let note = |path: &usize| self.vault.path().join(self.paths[*path]);
        match edit {
            Edit::Write(path, text) => {
                let file = self.vault.write(self.paths[*path], text);
                self.clock += Duration::from_secs(1);
                crate::harness::set_mtime(&file, self.clock);
            }
            Edit::Delete(path) => {
                let _ = std::fs::remove_file(note(path));
            }
            Edit::Append(path) => {
                let file = note(path);
                if let Ok(text) = std::fs::read_to_string(&file) {
                    std::fs::write(&file, text + "\nMore words.\n").unwrap();
                    self.clock += Duration::from_secs(1);
                    crate::harness::set_mtime(&file, self.clock);
                }
            }
            Edit::Rename(a, b) => {
                let (from, to) = (note(a), note(b));
                if from.exists() && a != b {
                    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                    std::fs::rename(&from, &to).unwrap();
                }
            }
            Edit::Config(config) => {
                self.vault.write(".kith/config.yaml", self.configs[*config]);
            }
        }
    }
}

/// A note of `lines`, its frontmatter (the first, if any) first: only
/// there is it frontmatter.
fn note_from_lines(lines: Vec<&str>) -> String {
    let (front, rest): (Vec<&str>, Vec<&str>) =
        lines.into_iter().partition(|line| line.starts_with("---"));
    front.into_iter().take(1).chain(rest).collect()
}

/// Checks that the index at `incremental` holds what a rebuild of the
/// vault gives, and has its fingerprint of who is who (written with the
/// first change: a vault that never had a note has none yet). Returns the
/// rebuilt index's path.
fn check_against_a_rebuild(
    vault: &TestVault,
    indexes: &Path,
    incremental: &Path,
) -> Result<std::path::PathBuf, TestCaseError> {
    let rebuilt = indexes.join("rebuilt.sqlite");
    kith_ok(
        vault,
        &["scan", "--rebuild", "--index", rebuilt.to_str().unwrap()],
    );
    prop_assert_eq!(index_content(incremental), index_content(&rebuilt));
    let incremental_identity = identity_fingerprint(incremental);
    if incremental_identity.is_some() {
        prop_assert_eq!(incremental_identity, identity_fingerprint(&rebuilt));
    }
    Ok(rebuilt)
}

/// The notes the edits play with: two person notes (their aliases and
/// names change who is who, so the notes that name them must be read
/// again), a note that shares a person note's name (links to it become
/// ambiguous), dated and undated notes.
const PATHS: [&str; 7] = [
    "People/Kim Lee.md",
    "Daily/2026-11-20.md",
    "Daily/2026-11-26.md",
    "Inbox/idea.md",
    "Projects/plan.md",
    "Contacts/Bo.md",
    "Projects/Kim Lee.md",
];

/// The second person note, outside the people folder: a person by its
/// `type`, or not a person at all.
const BO_NOTES: &[&str] = &[
    "---\ntype: person\naliases: [bobby]\n---\n",
    // Claims Kim's alias: then nobody's.
    "---\ntype: person\naliases: [kimmy, bo-b]\n---\n",
    "---\ntags: [person]\naliases: kl\n---\nKnows @kimberly.\n",
    "Bo's page, not a person note. [[Kim Lee]]\n",
];

/// Person notes: aliases, interests, properties, or a plain note.
const PERSON_NOTES: &[&str] = &[
    "---\naliases: [kimmy, kl]\ntags: [climbing]\n---\n# Kim\n",
    // The same person with other interests and a property: no one else's
    // mentions change.
    "---\naliases: [kimmy, kl]\ntags: [climbing, books]\nemail: kim@example.com\n---\n# Kim\n",
    "---\naliases: [kimberly]\n---\n",
    "Kim, no frontmatter. Knows @ana.\n",
    "---\ntags: [unclosed\n---\n",
];

/// Note bodies naming Kim in every way, and others.
const NOTE_LINES: &[&str] = &[
    "Met @kimmy about #climbing\n",
    "Lunch with [[Kim Lee]] and @ana\n",
    "@kl and @kimberly #books\n",
    "---\npeople: [kimmy, bo]\ntags: [travel]\n---\n",
    "- call @bo #work\n",
    "Nothing here.\n",
    "@ana #running #travel/asia\n",
    "## Plans #work\n\nwith @Zoë\n",
    "Saw [[Bo]] and [[kim lee|Kim]] #travel\n",
    "---\npeople: \"[[Bo]]\"\n---\n",
    "---\nwith: [[Kim Lee]], @bobby\n---\n",
    "@bobby @bo-b [[Projects/Kim Lee]]\n",
];

fn edit() -> impl Strategy<Value = Edit> {
    let write = (
        0..PATHS.len(),
        vec(prop::sample::select(NOTE_LINES), 1..4),
        0..PERSON_NOTES.len(),
    )
        .prop_map(|(path, lines, shape)| {
            // A person note: one of its shapes.
            let text = if path == 0 {
                PERSON_NOTES[shape].to_owned()
            } else if path == 5 {
                BO_NOTES[shape % BO_NOTES.len()].to_owned()
            } else {
                note_from_lines(lines)
            };
            Edit::Write(path, text)
        });
    prop_oneof![
        3 => write,
        1 => (0..PATHS.len()).prop_map(Edit::Delete),
        1 => (0..PATHS.len()).prop_map(Edit::Append),
    ]
}

/// Everything the index holds, as sorted text rows without row ids: the
/// tables, each note's stored mentions and every posting list, with ids
/// turned into names and paths.
fn index_content(index: &Path) -> Vec<String> {
    use kith::index::facts::{StoredNote, decode_entries};
    let conn = rusqlite::Connection::open(index).expect("open the index");
    let table = |sql: &str| -> Vec<Vec<String>> {
        let mut statement = conn.prepare(sql).expect("a valid query");
        let columns = statement.column_count();
        statement
            .query_map([], |row| {
                (0..columns)
                    .map(|i| {
                        row.get_ref(i).map(|value| match value {
                            rusqlite::types::ValueRef::Null => "NULL".to_owned(),
                            rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                            rusqlite::types::ValueRef::Real(x) => x.to_string(),
                            rusqlite::types::ValueRef::Text(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                            rusqlite::types::ValueRef::Blob(b) => {
                                b.iter().map(|byte| format!("{byte:02x}")).collect()
                            }
                        })
                    })
                    .collect()
            })
            .expect("the query runs")
            .map(|row| row.expect("a row"))
            .collect()
    };
    let ids = |sql: &str| -> std::collections::HashMap<u32, String> {
        table(sql)
            .into_iter()
            .map(|row| (row[0].parse().unwrap(), row[1].clone()))
            .collect()
    };
    let names = ids("SELECT id, kind || ' ' || name FROM names");
    let paths = ids("SELECT id, path FROM notes");
    let name = |id: u32| names.get(&id).cloned().unwrap_or_else(|| "-".to_owned());
    let unhex = |hex: &str| -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    };
    let mut rows: Vec<String> = Vec::new();
    for row in table("SELECT path, size, mtime_ns, date, day, date_source, person_note FROM notes")
    {
        rows.push(format!("note | {}", row.join(" | ")));
    }
    for row in table("SELECT kind, name FROM names") {
        rows.push(format!("name | {}", row.join(" | ")));
    }
    for row in table("SELECT note_id, mentions FROM note_mentions") {
        let blob = unhex(&row[1]);
        let stored = StoredNote::decode(&blob).expect("stored mentions decode");
        let path = &paths[&row[0].parse::<u32>().unwrap()];
        for m in &stored.mentions {
            let mut context: Vec<String> = m.context.iter().map(|id| name(*id)).collect();
            context.sort();
            rows.push(format!(
                "mention | {path} | {} | {} | {} | {} | {} | {} | {}",
                m.line,
                m.column,
                m.raw,
                m.frontmatter,
                name(m.name),
                stored.snippet(m),
                context.join(", ")
            ));
        }
    }
    for row in
        table("SELECT name_id, other_id, mentions, first_day, last_day, entries FROM postings")
    {
        let mut entries: Vec<String> = decode_entries(&unhex(&row[5]))
            .expect("a posting list decodes")
            .iter()
            .map(|e| {
                format!(
                    "{:?} {} {} {:b}",
                    e.day(),
                    paths[&e.note],
                    e.mentions,
                    e.mask
                )
            })
            .collect();
        entries.sort();
        let other = match row[1].as_str() {
            "0" => String::new(),
            id => name(id.parse().unwrap()),
        };
        rows.push(format!(
            "posting | {} | {other} | {} | {} | {} | {}",
            name(row[0].parse().unwrap()),
            row[2],
            row[3],
            row[4],
            entries.join("; ")
        ));
    }
    for row in table("SELECT name_id, raw, mentions FROM spellings") {
        rows.push(format!(
            "spelling | {} | {} | {}",
            name(row[0].parse().unwrap()),
            row[1],
            row[2]
        ));
    }
    for row in table("SELECT n.path, l.stem FROM links l JOIN notes n ON n.id = l.note_id") {
        rows.push(format!("link | {}", row.join(" | ")));
    }
    for row in table(
        "SELECT w.path, coalesce(w.line, ''), w.message, n.path FROM warnings w JOIN notes n ON n.id = w.note_id",
    ) {
        rows.push(format!("warning | {}", row.join(" | ")));
    }
    rows.sort();
    rows
}

/// The index's fingerprint of who is who, if it has one.
fn identity_fingerprint(index: &Path) -> Option<String> {
    let conn = rusqlite::Connection::open(index).expect("open the index");
    conn.query_row("SELECT value FROM meta WHERE key = 'identity'", [], |row| {
        row.get(0)
    })
    .ok()
}

/// `kith ARGS... --today TODAY`: stdout, after checking it succeeded.
fn kith_ok(vault: &TestVault, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--today", TODAY]);
    let (code, stdout, stderr) = run(&mut vault.kith(&all), vault.path());
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

/// The answers of the index at `index`, without refreshing it.
fn answers(vault: &TestVault, index: &str) -> Vec<String> {
    [
        &["people", "--format", "json"][..],
        &["interests", "--format", "json"],
        &["person", "kim-lee", "--format", "json"],
        &["person", "ana", "--format", "json"],
        &["person", "bo", "--format", "json"],
        &["who", "climbing", "--format", "json"],
        &["digest", "--days", "3650", "--format", "json"],
        &["report", "--format", "json"],
    ]
    .iter()
    .map(|args| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--no-scan", "--index", index, "--today", TODAY]);
        let (code, stdout, stderr) = run(&mut vault.kith(&all), vault.path());
        format!("{args:?} exit {code}\n{stdout}{stderr}")
    })
    .collect()
}

proptest! {
    // Each case runs kith a dozen times: a few cases keep the suite fast.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn incremental_index_equals_a_rebuilt_one(edits in vec(edit(), 1..10)) {
        let mut vault = EditedVault::new(&PATHS, &[]);
        let indexes = tempfile::tempdir().unwrap();
        let incremental = indexes.path().join("incremental.sqlite");
        let incremental_arg = incremental.to_str().unwrap();
        for edit in &edits {
            vault.apply(edit);
            kith_ok(&vault.vault, &["scan", "--index", incremental_arg]);
        }
        let rebuilt = check_against_a_rebuild(&vault.vault, indexes.path(), &incremental)?;
        prop_assert_eq!(
            answers(&vault.vault, incremental_arg),
            answers(&vault.vault, rebuilt.to_str().unwrap())
        );
    }
}

/// Two undated notes mention kim about climbing: which one is kim's
/// "last note" must not depend on which note was scanned first. A tie of
/// days falls to the path, then the line (it once fell to the row id, so
/// an incremental index and a rebuilt one answered differently).
#[test]
fn who_last_note_does_not_depend_on_the_order_notes_were_scanned() {
    let vault = TestVault::empty();
    let indexes = tempfile::tempdir().unwrap();
    let incremental = indexes.path().join("incremental.sqlite");
    let incremental = incremental.to_str().unwrap();
    vault.write("Projects/plan.md", "Met @kim about #climbing\n");
    kith_ok(&vault, &["scan", "--index", incremental]);
    vault.write("Inbox/idea.md", "Met @kim about #climbing\n");
    kith_ok(&vault, &["scan", "--index", incremental]);
    let rebuilt = indexes.path().join("rebuilt.sqlite");
    let rebuilt = rebuilt.to_str().unwrap();
    kith_ok(&vault, &["scan", "--rebuild", "--index", rebuilt]);
    let who = |index: &str| {
        kith_ok(
            &vault,
            &[
                "who",
                "climbing",
                "--format",
                "json",
                "--no-scan",
                "--index",
                index,
            ],
        )
    };
    assert_eq!(who(incremental), who(rebuilt));
}

// --- The same over more names, renames and config changes ---------------

/// Notes whose names meet: person notes in and out of the people folder,
/// notes that share a person note's name (in other folders, in another
/// case or Unicode form, shorter paths that win a link), and a handle
/// written two ways.
const XPATHS: [&str; 15] = [
    "People/Kim Lee.md",
    "Daily/2026-11-20.md",
    "Inbox/idea.md",
    "Contacts/Bo.md",
    "Projects/Kim Lee.md",
    "Kim Lee.md",
    "Bo.md",
    "People/Zoe\u{301}.md",
    "Projects/Kimmy.md",
    "People/Ana.md",
    "Daily/sub/x.md",
    "Projects/zoë.md",
    "Contacts/bo.md",
    "Projects/kim-lee.md",
    "Daily/Bo.md",
];

/// Person notes (and notes that stop being one): alias chains, cycles
/// and claims on one alias, a generated note, a note claiming every name.
const XPERSON: &[&str] = &[
    "---\naliases: [kimmy, kl]\n---\n",
    "---\naliases: [bo]\n---\n",
    "---\naliases: [kimberly, zoë]\n---\n",
    "Kim, no frontmatter. Knows @ana.\n",
    "---\ntype: person\naliases: [kim-lee]\n---\n",
    "---\ntype: person\naliases: [kimmy, bo-b]\n---\n",
    "---\ntags: [person]\naliases: kl\n---\nKnows @kimberly.\n",
    "---\naliases: [ana, ann]\ntype: person\n---\n",
    "---\nkith: generated\n---\n@kimmy [[Kim Lee]]\n",
    "---\ntype: person\naliases: [bo]\n---\n",
    "---\ntype: person\n---\n",
    "A plain page. [[Kim Lee]] @kl\n",
    "---\ntype: person\naliases: [kimmy, kl, zoë, bo, ana, kim-lee, kimberly, bobby, bo-b, ann]\n---\n",
    "---\ntype: person\naliases: [bobby, kl]\n---\n[[Bo]] @ann\n",
    "---\ntype: person\ntags: [climbing, travel/asia]\n---\n#books with @ana\n",
];

/// Lines that name people every way a link can: relative, percent-encoded,
/// to a heading, with display text, in the frontmatter.
const XLINES: &[&str] = &[
    "Met @kimmy about #climbing\n",
    "Lunch with [[Kim Lee]] and @ana\n",
    "@kl and @kimberly #books\n",
    "---\npeople: [kimmy, bo]\ntags: [travel]\n---\n",
    "- call @bo #work\n",
    "@ana @ann @zoë\n",
    "Saw [[Bo]] and [[kim lee|Kim]] #travel\n",
    "---\npeople: \"[[Bo]]\"\n---\n",
    "---\npeople: \"[[Kimmy]]\"\n---\n",
    "---\npeople: \"[[Kim Lee]]\"\n---\n",
    "---\npeople: \"[[Zoë]]\"\n---\n",
    "---\nwith: [[Kim Lee]], @bobby\n---\n",
    "@bobby @bo-b [[Projects/Kim Lee]]\n",
    "[k](People/Kim%20Lee.md) and [[../People/Kim Lee]]\n",
    "[z](../People/Zoë.md) [[../Contacts/Bo]] [[../../Bo]]\n",
    "[[ZOË]] [[Kimmy]] [[Ana]] [[People/Ana]]\n",
    "[[Contacts/Bo]] [b](Bo.md) [[Kim Lee#Work|K]]\n",
    "[[./Bo]] [[./bo]] [[kim-lee]] @kim-lee\n",
    "---\npeople: [\"[[./Bo]]\", \"[[kim-lee]]\", \"[[Daily/Bo]]\"]\n---\n",
    "[[Bo|@bobby]] [[Kimmy|@kl]] [[Zoë|@ana]]\n",
];

/// Configs with aliases and ignored names (whose changes a scan traces)
/// and a size limit (whose changes re-read every note).
const XCONFIGS: &[&str] = &[
    "",
    "aliases:\n  kim-lee: [kimi, kl]\n",
    "aliases:\n  bo: [kimmy]\nignore_people: [ann]\n",
    "ignore_people: [kimmy, bo]\n",
    "aliases:\n  ana: [zoë]\n  zoë: [kl]\n",
    "max_file_size: 40\nignore_people: [kim-lee]\n",
    "ignore_people: [bo]\n",
    "aliases:\n  kimmy: [bo]\n",
    "ignore_interests: [travel]\n",
    "ignore_interests: [climbing, books]\nignore_people: [bo]\n",
    "ignore_interests: [travel/asia, climbing]\n",
];

/// An edit: mostly writes (a person note or lines), some deletes, appends,
/// renames and config changes.
fn xedit() -> impl Strategy<Value = Edit> {
    let write = (
        0..XPATHS.len(),
        vec(prop::sample::select(XLINES), 1..4),
        0..XPERSON.len(),
        any::<bool>(),
    )
        .prop_map(|(path, lines, shape, person)| {
            let text = if person {
                XPERSON[shape].to_owned()
            } else {
                note_from_lines(lines)
            };
            Edit::Write(path, text)
        });
    prop_oneof![
        6 => write,
        1 => (0..XPATHS.len()).prop_map(Edit::Delete),
        1 => (0..XPATHS.len()).prop_map(Edit::Append),
        2 => (0..XPATHS.len(), 0..XPATHS.len()).prop_map(|(a, b)| Edit::Rename(a, b)),
        1 => (0..XCONFIGS.len()).prop_map(Edit::Config),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn incremental_index_equals_a_rebuilt_one_across_renames_and_configs(
        config in 0..XCONFIGS.len(),
        setup in vec(xedit(), 0..8),
        edits in vec(xedit(), 1..16),
    ) {
        let mut vault = EditedVault::new(&XPATHS, XCONFIGS);
        let indexes = tempfile::tempdir().unwrap();
        let incremental = indexes.path().join("incremental.sqlite");
        let incremental_arg = incremental.to_str().unwrap();
        vault.apply(&Edit::Config(config));
        for edit in &setup {
            vault.apply(edit);
        }
        kith_ok(&vault.vault, &["scan", "--index", incremental_arg]);
        for edit in &edits {
            vault.apply(edit);
            kith_ok(&vault.vault, &["scan", "--index", incremental_arg]);
        }
        check_against_a_rebuild(&vault.vault, indexes.path(), &incremental)?;
    }
}
