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

use crate::extract::{Kind, MentionRef, SharedExtraction};
use crate::render::table::{Align, Table};

/// The note's date as written out (`YYYY-MM-DD`).
fn date_of(note: &SharedExtraction) -> Option<String> {
    note.date.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Writes each mention of a note as one JSON object, `before(i)` before
/// the `i`th and `after` after each.
///
/// Written by hand, not with serde: the row shape is fixed, and what is the
/// same for every row of a note (its path, its date) is escaped once. The
/// output is byte for byte what serde_json wrote for the same row.
fn write_objects(
    out: &mut Vec<u8>,
    path: &str,
    note: &SharedExtraction,
    before: impl Fn(usize) -> &'static [u8],
    after: &[u8],
) {
    let mut head = b"{\"path\":".to_vec();
    write_json_str(&mut head, path);
    head.extend_from_slice(b",\"line\":");
    let mut dated = b",\"date\":".to_vec();
    match date_of(note) {
        Some(date) => write_json_str(&mut dated, &date),
        None => dated.extend_from_slice(b"null"),
    }
    dated.extend_from_slice(b",\"date_source\":");
    match note.date_source {
        Some(source) => write_json_str(&mut dated, source.as_str()),
        None => dated.extend_from_slice(b"null"),
    }
    let mut numbers = itoa::Buffer::new();
    for (i, mention) in note.mentions().enumerate() {
        out.extend_from_slice(before(i));
        out.extend_from_slice(&head);
        out.extend_from_slice(numbers.format(mention.line).as_bytes());
        out.extend_from_slice(b",\"column\":");
        out.extend_from_slice(numbers.format(mention.column).as_bytes());
        write_rest(out, &mention, &dated);
        out.extend_from_slice(after);
    }
}

/// A row from `"kind"` on; `dated` is its `"date"` and `"date_source"`.
fn write_rest(out: &mut Vec<u8>, mention: &MentionRef<'_>, dated: &[u8]) {
    out.extend_from_slice(b",\"kind\":\"");
    out.extend_from_slice(mention.kind.as_str().as_bytes());
    out.extend_from_slice(b"\",\"name\":");
    write_json_str(out, mention.name);
    out.extend_from_slice(b",\"raw\":");
    write_json_str(out, mention.raw);
    out.extend_from_slice(b",\"source\":\"");
    out.extend_from_slice(mention.source.as_str().as_bytes());
    out.push(b'"');
    out.extend_from_slice(dated);
    out.extend_from_slice(b",\"interests\":");
    write_json_list(out, mention.interests.clone());
    out.extend_from_slice(b",\"people\":");
    write_json_list(out, mention.people.clone());
    out.extend_from_slice(b",\"snippet\":");
    write_json_str(out, mention.snippet);
    out.push(b'}');
}

fn write_json_list<'a>(out: &mut Vec<u8>, names: impl Iterator<Item = &'a str>) {
    out.push(b'[');
    for (i, name) in names.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_json_str(out, name);
    }
    out.push(b']');
}

/// Whether `byte` must be escaped in a JSON string.
fn needs_escape(byte: u8) -> bool {
    // Bitwise, not short-circuit, so that a scan with it vectorises.
    (byte < 0x20) | (byte == b'"') | (byte == b'\\')
}

/// Writes `text` as a JSON string, escaped as serde_json escapes it: `"`,
/// `\\` and control characters only (`\b`, `\t`, `\n`, `\f`, `\r` short,
/// the others as `\u00xx`); everything else, non-ASCII included, as is.
fn write_json_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.push(b'"');
    // Almost no string needs escaping: a branch-free test over all bytes
    // (which the compiler vectorises) lets those be copied whole.
    if bytes
        .iter()
        .fold(false, |any, &byte| any | needs_escape(byte))
    {
        write_escaped(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// The escaping loop of [`write_json_str`].
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if !needs_escape(byte) {
            continue;
        }
        let short = match byte {
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0C => b'f',
            b'\r' => b'r',
            0x00..=0x1F => b'u',
            _ => byte,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(&[b'\\', short]);
        if short == b'u' {
            let hex = [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]];
            out.extend_from_slice(&[b'0', b'0', hex[0], hex[1]]);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Writes one JSON object a line.
pub fn write_jsonl(out: &mut Vec<u8>, path: &str, note: &SharedExtraction) {
    write_objects(out, path, note, |_| b"", b"\n");
}

/// Writes the note's mentions as JSON array elements (`\n  {...}`, joined
/// by commas); the caller writes the brackets and the commas between notes.
pub fn write_json_elements(out: &mut Vec<u8>, path: &str, note: &SharedExtraction) {
    let before = |i| -> &'static [u8] { if i == 0 { b"\n  " } else { b",\n  " } };
    write_objects(out, path, note, before, b"");
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
            ("WHERE", Align::Path),
            ("DATE", Align::Left),
            ("NAME", Align::Left),
            ("SNIPPET", Align::Left),
        ])
        .fit_to(width);
        MentionTable { table }
    }

    /// Adds the note's mentions.
    pub fn add(&mut self, path: &str, note: &SharedExtraction) {
        let date = date_of(note).unwrap_or_else(|| "-".to_owned());
        for mention in note.mentions() {
            let sigil = match mention.kind {
                Kind::Person => '@',
                Kind::Interest => '#',
            };
            // The path is cut, if at all, at its start (its name and line
            // stay); the snippet around the mention.
            self.table.row_showing(
                vec![
                    format!("{path}:{}:{}", mention.line, mention.column),
                    date.clone(),
                    format!("{sigil}{}", mention.name),
                    mention.snippet.to_owned(),
                ],
                3,
                |snippet| find_shown(snippet, mention.raw),
            );
        }
    }

    /// Writes the table.
    pub fn finish(self, out: &mut impl Write, color: bool) -> io::Result<()> {
        self.table.write(out, color)
    }
}

/// Where the mention written `raw` shows in its `snippet`: a link by the
/// text it shows (`[[Alex Bec|Alex]]` as `Alex`, `[Alex](…)` as `Alex`),
/// an `@handle` or `#tag` where no longer name goes on (`@ana`, not the
/// start of `@anabel`).
fn find_shown(snippet: &str, raw: &str) -> Option<usize> {
    let shown = if let Some(inner) = raw.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
        inner.rsplit_once('|').map_or_else(
            || inner.split('#').next().unwrap_or(inner),
            |(_, text)| text,
        )
    } else if let Some(text) = raw.strip_prefix('[').and_then(|r| r.split_once("](")) {
        text.0
    } else {
        raw
    };
    let ends_the_name = |end: usize| {
        !raw.starts_with(['@', '#'])
            || snippet[end..]
                .chars()
                .next()
                .is_none_or(|next| !(next.is_alphanumeric() || matches!(next, '_' | '-' | '/')))
    };
    snippet
        .match_indices(shown)
        .map(|(at, _)| at)
        .find(|&at| ends_the_name(at + shown.len()))
}
