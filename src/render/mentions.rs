//! `kith mentions` output.
//!
//! # The JSON Lines contract
//!
//! One object a line, sorted by `path`, `line`, `column`:
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `path` | string | note path relative to the vault, `/` separators |
//! | `line` | integer | 1-based line in the file, frontmatter counted |
//! | `column` | integer | 1-based column, in characters |
//! | `kind` | `"person"` \| `"interest"` | what is mentioned |
//! | `name` | string | canonical name (NFC, lowercase; people as handles) |
//! | `raw` | string | as written |
//! | `source` | `"body"` \| `"frontmatter"` | where it is written |
//! | `date` | string \| null | the note's date, `YYYY-MM-DD` |
//! | `date_source` | `"frontmatter"` \| `"filename"` \| `"mtime"` \| null | where the date came from |
//! | `interests` | array of strings | the interests of its context, sorted |
//! | `people` | array of strings | the people of its context, sorted |
//! | `snippet` | string | its block on one line, at most 240 characters |
//!
//! Keys may be added; none will be renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use crate::extract::{Kind, Mention, NoteExtraction, Source};
use crate::note::date::DateSource;
use crate::render::table::{Align, Table, truncate};

/// One mention as it is written out.
#[derive(Debug, Serialize)]
pub struct MentionRow<'a> {
    /// Note path.
    pub path: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// Person or interest.
    pub kind: Kind,
    /// Canonical name.
    pub name: &'a str,
    /// As written.
    pub raw: &'a str,
    /// Body or frontmatter.
    pub source: Source,
    /// The note's date.
    pub date: Option<String>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// Interests of the context.
    pub interests: &'a [String],
    /// People of the context.
    pub people: &'a [String],
    /// The block's text.
    pub snippet: &'a str,
}

/// The rows of one note's mentions.
pub fn rows<'a>(path: &'a str, note: &'a NoteExtraction) -> impl Iterator<Item = MentionRow<'a>> {
    let date = note.date.map(|d| d.format("%Y-%m-%d").to_string());
    note.mentions.iter().map(move |m: &Mention| MentionRow {
        path,
        line: m.line,
        column: m.column,
        kind: m.kind,
        name: &m.name,
        raw: &m.raw,
        source: m.source,
        date: date.clone(),
        date_source: note.date_source,
        interests: &m.interests,
        people: &m.people,
        snippet: &m.snippet,
    })
}

/// Writes one JSON object a line.
pub fn write_jsonl(out: &mut impl Write, path: &str, note: &NoteExtraction) -> io::Result<()> {
    for row in rows(path, note) {
        serde_json::to_writer(&mut *out, &row)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes the note's mentions as JSON array elements (`\n  {...}`, joined
/// by commas); the caller writes the brackets and the commas between notes.
pub fn write_json_elements(
    out: &mut impl Write,
    path: &str,
    note: &NoteExtraction,
) -> io::Result<()> {
    for (i, row) in rows(path, note).enumerate() {
        out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, &row)?;
    }
    Ok(())
}

/// Collects rows into a terminal table.
#[derive(Debug)]
pub struct MentionTable {
    table: Table,
}

impl MentionTable {
    /// An empty table fitted to `width` characters.
    pub fn new(width: usize) -> Self {
        let table = Table::new(&[
            ("WHERE", Align::Left),
            ("DATE", Align::Left),
            ("NAME", Align::Left),
            ("SNIPPET", Align::Left),
        ])
        .fit_to(width);
        MentionTable { table }
    }

    /// Adds the note's mentions.
    pub fn add(&mut self, path: &str, note: &NoteExtraction) {
        for row in rows(path, note) {
            let sigil = match row.kind {
                Kind::Person => '@',
                Kind::Interest => '#',
            };
            self.table.row(vec![
                truncate(&format!("{}:{}:{}", row.path, row.line, row.column), 48),
                row.date.unwrap_or_else(|| "-".to_owned()),
                format!("{sigil}{}", row.name),
                row.snippet.to_owned(),
            ]);
        }
    }

    /// Writes the table.
    pub fn finish(self, out: &mut impl Write, color: bool) -> io::Result<()> {
        self.table.write(out, color)
    }
}
