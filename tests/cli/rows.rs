//! `kith mentions` rows read back into types, and expectations written
//! out by hand from the spec.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Deserializer};

use crate::harness::TestVault;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `@person`.
    Person,
    /// `#interest`.
    Interest,
}

/// Where a mention is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The markdown body.
    Body,
    /// The YAML frontmatter.
    Frontmatter,
}

/// Where a note's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Frontmatter `date` or `created`.
    Frontmatter,
    /// A `YYYY-MM-DD` in the file name.
    Filename,
    /// `--mtime-dates`.
    Mtime,
}

/// One `jsonl` row. Every contract key is required (a renamed or removed
/// key fails to parse, `null` keys too); keys added later are allowed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Row {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub kind: Kind,
    pub name: String,
    pub raw: String,
    pub source: Source,
    #[serde(deserialize_with = "present")]
    pub date: Option<String>,
    #[serde(deserialize_with = "present")]
    pub date_source: Option<DateSource>,
    pub interests: Vec<String>,
    pub people: Vec<String>,
    pub snippet: String,
}

/// An `Option` field that must be written, as `null` or a value (serde
/// would otherwise read a missing key as `None`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

impl Row {
    /// `path:line:column @name` (or `#name`), for short listings.
    pub fn brief(&self) -> String {
        format!(
            "{}:{}:{} {}{}",
            self.path,
            self.line,
            self.column,
            sigil(self.kind),
            self.name
        )
    }
}

fn sigil(kind: Kind) -> char {
    match kind {
        Kind::Person => '@',
        Kind::Interest => '#',
    }
}

/// Parses `jsonl` output into typed rows; every line must be one.
pub fn parse_jsonl(stdout: &str) -> Vec<Row> {
    assert!(
        stdout.is_empty() || stdout.ends_with('\n'),
        "jsonl ends with a newline"
    );
    stdout
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|err| panic!("bad row {line}: {err}"))
        })
        .collect()
}

/// `kith mentions --format jsonl ARGS...` over `vault`: exit 0, typed
/// rows and stderr.
pub fn mentions(vault: &TestVault, args: &[&str]) -> (Vec<Row>, String) {
    let mut all = vec!["mentions", "--format", "jsonl"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = vault.run(&all);
    assert_eq!(code, 0, "exit code; stderr: {stderr}");
    (parse_jsonl(&stdout), stderr)
}

/// Like [`mentions`], and asserts that nothing was written to stderr.
pub fn mentions_quiet(vault: &TestVault) -> Vec<Row> {
    let (rows, stderr) = mentions(vault, &[]);
    assert_eq!(stderr, "", "no warnings expected");
    rows
}

/// The brief form of every row.
pub fn briefs(rows: &[Row]) -> Vec<String> {
    rows.iter().map(Row::brief).collect()
}

/// A warning line `warning: PATH:LINE: MESSAGE`, split.
pub fn parse_warning(line: &str) -> (String, usize, String) {
    let rest = line
        .strip_prefix("warning: ")
        .unwrap_or_else(|| panic!("not a warning: {line}"));
    let (where_, message) = rest
        .split_once(": ")
        .unwrap_or_else(|| panic!("no `: ` in {line}"));
    let (path, line_no) = where_
        .rsplit_once(':')
        .unwrap_or_else(|| panic!("no `:LINE` in {line}"));
    let line_no = line_no
        .parse()
        .unwrap_or_else(|_| panic!("`{line_no}` is not a line number in {line}"));
    (path.to_owned(), line_no, message.to_owned())
}

/// The 1-based line and column (in characters) of the one occurrence of
/// `needle` in `text` that is not followed by a letter or digit.
pub fn locate(text: &str, needle: &str) -> (usize, usize) {
    let mut found = text.match_indices(needle).filter(|(at, _)| {
        !text[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    });
    let (at, _) = found
        .next()
        .unwrap_or_else(|| panic!("`{needle}` is not in the note"));
    assert!(found.next().is_none(), "`{needle}` is in the note twice");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Every file under `root` with its bytes and modification time.
pub fn snapshot(root: &Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|entry| entry.expect("a readable entry"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry.path().strip_prefix(root).expect("under root");
            let meta = entry.metadata().expect("metadata");
            (
                rel.to_string_lossy().into_owned(),
                (
                    std::fs::read(entry.path()).expect("read"),
                    meta.modified().expect("mtime"),
                ),
            )
        })
        .collect()
}

/// One expected mention; the note's path and date are given to
/// [`assert_note`].
#[derive(Debug, Clone)]
pub struct Exp {
    line: usize,
    column: usize,
    kind: Kind,
    name: String,
    raw: String,
    source: Source,
    interests: Vec<String>,
    people: Vec<String>,
    snippet: String,
}

fn exp(source: Source, line: usize, column: usize, mention: &str, raw: &str) -> Exp {
    let (kind, name) = if let Some(name) = mention.strip_prefix('@') {
        (Kind::Person, name)
    } else if let Some(name) = mention.strip_prefix('#') {
        (Kind::Interest, name)
    } else {
        panic!("write `@name` or `#name`, not {mention}")
    };
    Exp {
        line,
        column,
        kind,
        name: name.to_owned(),
        raw: raw.to_owned(),
        source,
        interests: Vec::new(),
        people: Vec::new(),
        snippet: String::new(),
    }
}

/// A mention in the body at `line`:`column`: `@name` or `#name`
/// (canonical), written as `raw`.
pub fn body(line: usize, column: usize, mention: &str, raw: &str) -> Exp {
    exp(Source::Body, line, column, mention, raw)
}

/// A mention in the frontmatter.
pub fn front(line: usize, column: usize, mention: &str, raw: &str) -> Exp {
    exp(Source::Frontmatter, line, column, mention, raw)
}

impl Exp {
    /// Its context.
    pub fn ctx(mut self, interests: &[&str], people: &[&str]) -> Self {
        self.interests = interests.iter().map(|s| (*s).to_owned()).collect();
        self.people = people.iter().map(|s| (*s).to_owned()).collect();
        self
    }

    /// Its snippet.
    pub fn snippet(mut self, snippet: &str) -> Self {
        self.snippet = snippet.to_owned();
        self
    }
}

/// Asserts that the rows of `path` are exactly `expected`, in order, each
/// with the note's date.
pub fn assert_note(
    rows: &[Row],
    path: &str,
    date: Option<&str>,
    date_source: Option<DateSource>,
    expected: Vec<Exp>,
) {
    let actual: Vec<&Row> = rows.iter().filter(|row| row.path == path).collect();
    let expected: Vec<Row> = expected
        .into_iter()
        .map(|e| Row {
            path: path.to_owned(),
            line: e.line,
            column: e.column,
            kind: e.kind,
            name: e.name,
            raw: e.raw,
            source: e.source,
            date: date.map(str::to_owned),
            date_source,
            interests: e.interests,
            people: e.people,
            snippet: e.snippet,
        })
        .collect();
    assert_eq!(
        actual.iter().map(|row| row.brief()).collect::<Vec<_>>(),
        briefs(&expected),
        "the mentions of {path}"
    );
    for (actual, expected) in actual.iter().zip(&expected) {
        assert_eq!(*actual, expected, "{}", expected.brief());
    }
}
