//! The YAML frontmatter block at the top of a note.
//!
//! The block is split off by hand (the first line is `---`, the block ends
//! at the next line that is `---` or `...`) and parsed with `serde_yaml`.
//! pulldown-cmark's metadata-block option is never used: it accepts a `---`
//! block anywhere in a note and swallows the body after a stray `---`
//! (pulldown-cmark#1000).

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use serde_yaml::{Mapping, Value};

use super::yaml::{TOO_MANY_REPEATS, read_lenient};
use crate::error::{Warning, WarningKind};

/// Where the frontmatter and body of a note are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the delimiters (may be empty), if there is a
    /// closed block.
    pub yaml: Option<&'a str>,
    /// Byte offset of the YAML text in the note.
    pub yaml_offset: usize,
    /// Byte offset where the body starts.
    pub body_offset: usize,
}

/// Splits a note into its frontmatter block and its body.
///
/// A note with no closing delimiter is all body.
pub fn split(text: &str) -> Split<'_> {
    let all_body = Split {
        yaml: None,
        yaml_offset: 0,
        body_offset: 0,
    };
    let Some(first_end) = text.find('\n') else {
        return all_body;
    };
    if text[..first_end].trim_end() != "---" {
        return all_body;
    }
    let yaml_offset = first_end + 1;
    let mut line_start = yaml_offset;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            let body_offset = (line_end + 1).min(text.len());
            return Split {
                yaml: Some(&text[yaml_offset..line_start]),
                yaml_offset,
                body_offset,
            };
        }
        line_start = line_end + 1;
    }
    all_body
}

/// A parsed frontmatter mapping with the text it came from.
#[derive(Debug, Clone)]
pub struct Frontmatter<'a> {
    /// The YAML mapping.
    pub mapping: Mapping,
    /// The YAML source text.
    pub text: &'a str,
    /// Byte offset of `text` in the note.
    pub offset: usize,
    /// The keys written at the start of a line, found once, when first
    /// asked for.
    key_lines: OnceCell<KeyLines<'a>>,
}

/// The keys written at the start of a line of a YAML text.
#[derive(Debug, Clone, Default)]
struct KeyLines<'a> {
    /// Where each key ends, after its `:` (offset in the text); the first
    /// line of a key written twice.
    ends: HashMap<&'a str, usize>,
    /// Where each key line starts, in order.
    starts: Vec<usize>,
}

/// How far past where the last value was found a value is looked for once
/// a key's values have spent their search budget ([`ValueFinder`]). A
/// value written otherwise than it reads (`"\x61"`) is not found; looking
/// for each of a long list of such values through the rest of the list
/// would take the square of its length.
const VALUE_SEARCH_WINDOW: usize = 16 * 1024;

impl<'a> Frontmatter<'a> {
    /// The frontmatter `mapping` parsed from `text`, which starts at byte
    /// `offset` of the note.
    pub fn new(mapping: Mapping, text: &'a str, offset: usize) -> Self {
        Frontmatter {
            mapping,
            text,
            offset,
            key_lines: OnceCell::new(),
        }
    }

    fn key_lines(&self) -> &KeyLines<'a> {
        self.key_lines.get_or_init(|| key_lines(self.text))
    }

    /// Entries whose key matches one of `keys`, case-insensitively, in the
    /// order they are written.
    pub fn entries<'k>(&'k self, keys: &'k [String]) -> impl Iterator<Item = (&'k str, &'k Value)> {
        self.mapping.iter().filter_map(move |(key, value)| {
            let key = key.as_str()?;
            keys.iter()
                .any(|wanted| wanted.eq_ignore_ascii_case(key))
                .then_some((key, value))
        })
    }

    /// Byte offset (in the note) just after `key:` of the top-level `key`,
    /// if it can be found.
    pub fn value_offset(&self, key: &str) -> Option<usize> {
        self.key_lines().ends.get(key).map(|end| self.offset + end)
    }

    /// A [`ValueFinder`] for the values of the top-level `key`.
    pub fn values_of(&self, key: &str) -> ValueFinder<'_, 'a> {
        ValueFinder::new(self, key)
    }
}

/// Finds where the values of one key are written, in the order they are
/// written: each after the last one found, before the next key, as it
/// reads or as YAML's quotes escape it (`'O''Brien'`, `"a \"b\""`), not
/// inside a longer word nor in a comment. A value not found costs a search
/// to the next key; once such searches have read the key's text twice
/// over, a value is looked for only [`VALUE_SEARCH_WINDOW`] past the last.
pub struct ValueFinder<'f, 'a> {
    frontmatter: &'f Frontmatter<'a>,
    /// Where the key's value starts (offset in the text).
    key_end: usize,
    /// Where the next value is looked for from.
    cursor: usize,
    /// Where the key's text ends: at the next key line.
    until: usize,
    /// Bytes that searches for values not found may still read.
    budget: usize,
    /// Shared by the searches, so that a long line is read once, not once
    /// per value.
    comments: CommentScan,
}

impl<'f, 'a> ValueFinder<'f, 'a> {
    fn new(frontmatter: &'f Frontmatter<'a>, key: &str) -> Self {
        let lines = frontmatter.key_lines();
        // A key not written at the start of a line (in a flow mapping,
        // after an anchor) is looked for through the whole text.
        let (key_end, until) = match lines.ends.get(key) {
            Some(&key_end) => {
                let next_key = lines.starts.partition_point(|&start| start < key_end);
                let until = lines.starts.get(next_key).copied();
                (key_end, until.unwrap_or(frontmatter.text.len()))
            }
            None => (0, frontmatter.text.len()),
        };
        ValueFinder {
            frontmatter,
            key_end,
            cursor: key_end,
            until,
            budget: 2 * (until - key_end) + 64 * 1024,
            comments: CommentScan::default(),
        }
    }

    /// Where (in the note) the key's value starts, or the frontmatter, if
    /// the key was not found written at the start of a line.
    pub fn key_offset(&self) -> usize {
        self.frontmatter.offset + self.key_end
    }

    /// Where (in the note) the next value, `raw`, is written, if found.
    pub fn find(&mut self, raw: &str) -> Option<Range<usize>> {
        let text = self.frontmatter.text;
        let single_quoted = raw.contains('\'').then(|| raw.replace('\'', "''"));
        let double_quoted = raw.contains(['"', '\\', '\n', '\t']).then(|| {
            let json = serde_json::to_string(raw).expect("a string is written as JSON");
            json[1..json.len() - 1].to_owned()
        });
        let mut limit = self.until;
        if self.budget == 0 {
            limit = limit.min(self.cursor + raw.len() + VALUE_SEARCH_WINDOW);
        }
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let forms = [
            Some(raw),
            single_quoted.as_deref(),
            double_quoted.as_deref(),
        ];
        // Looked for near the cursor first, then further: the value is
        // usually on the next line, and a form it is not written in would
        // otherwise be looked for through the key's whole text.
        let mut window = 256;
        loop {
            let mut end = limit.min(self.cursor + 2 * raw.len() + window);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let mut best: Option<(Range<usize>, CommentScan)> = None;
            for written in forms.iter().flatten() {
                // Only before what another form found.
                let until = best.as_ref().map_or(end, |(found, _)| found.start);
                let mut comments = self.comments;
                if let Some(found) = self.find_written(written, until, &mut comments) {
                    best = Some((found, comments));
                }
            }
            if let Some((found, comments)) = best {
                self.cursor = found.end;
                self.comments = comments;
                let offset = self.frontmatter.offset;
                return Some(offset + found.start..offset + found.end);
            }
            if end >= limit {
                self.budget = self
                    .budget
                    .saturating_sub(limit.saturating_sub(self.cursor));
                return None;
            }
            window *= 4;
        }
    }

    /// Where (in the text) `written` is, whole and outside comments, from
    /// the cursor to `until`.
    fn find_written(
        &self,
        written: &str,
        until: usize,
        comments: &mut CommentScan,
    ) -> Option<Range<usize>> {
        let text = self.frontmatter.text;
        let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '/');
        let mut search = self.cursor;
        while let Some(found) = text.get(search..until)?.find(written) {
            let at = search + found;
            let end = at + written.len();
            let mut before = text[..at].chars().rev();
            // A word character before is part of another value, unless it
            // ends an escape of a quoted string (`"@ana\t@li"`).
            let before_ok = !before.next().is_some_and(is_word) || before.next() == Some('\\');
            let after_ok = !text[end..].chars().next().is_some_and(is_word);
            if before_ok && after_ok && !comments.in_comment(text, at) {
                return Some(at..end);
            }
            search = at + written.len().max(1);
        }
        None
    }
}

/// The keys written at the start of a line of a YAML `text` (plain, or in
/// quotes).
fn key_lines(text: &str) -> KeyLines<'_> {
    let mut lines = KeyLines::default();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if let Some((key, colon)) = written_key(line) {
            lines.ends.entry(key).or_insert(line_start + colon + 1);
            lines.starts.push(line_start);
        }
        line_start += line.len();
    }
    lines
}

/// The key a line of YAML starts with, and where its `:` is: a key in
/// quotes (no escapes), or a plain key, which ends at the first `:`
/// followed by whitespace or the line's end. Serves the config's keys too.
pub(crate) fn written_key(line: &str) -> Option<(&str, usize)> {
    let quote = line.chars().next().filter(|c| matches!(c, '"' | '\''));
    let (key, rest) = match quote {
        Some(quote) => {
            let close = line[1..].find(quote)? + 1;
            (&line[1..close], &line[close + 1..])
        }
        None => {
            let bytes = line.as_bytes();
            let colon = memchr::memchr_iter(b':', bytes).find(|&at| {
                bytes
                    .get(at + 1)
                    .is_none_or(|next| next.is_ascii_whitespace())
            })?;
            (line[..colon].trim_end_matches([' ', '\t']), &line[colon..])
        }
    };
    if key.is_empty() || key.starts_with(char::is_whitespace) {
        return None;
    }
    let colon_rest = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
    Some((key, line.len() - colon_rest.len() - 1))
}

/// Tells whether bytes of a YAML text are in a comment: after a `#` at the
/// start of its line or after whitespace, outside quotes (a quote opens
/// only where a value can start, so the `'` of `O'Neil` does not; `''` in
/// single quotes and `\"` in double quotes do not close them). Asked about
/// bytes in increasing order, it reads each line once.
#[derive(Debug, Clone, Copy, Default)]
struct CommentScan {
    /// The byte read up to.
    at: usize,
    /// The quote open there, if any.
    quote: Option<char>,
    /// In single quotes, the last character was a `'`: it closes them
    /// unless another follows.
    quote_may_close: bool,
    /// In double quotes, the last character was a `\` that escapes the
    /// next.
    escaped: bool,
    /// The character before it on its line, if any.
    prev: Option<char>,
    /// Whether a comment began on its line before it.
    in_comment: bool,
}

impl CommentScan {
    /// Whether byte `at` of `text` is in a comment.
    fn in_comment(&mut self, text: &str, at: usize) -> bool {
        if at < self.at {
            // Asked about an earlier byte: read its line again.
            *self = CommentScan::default();
        }
        // A line break on the way: the last one's line starts afresh.
        if let Some(newline) = text[self.at..at].rfind('\n') {
            *self = CommentScan {
                at: self.at + newline + 1,
                ..CommentScan::default()
            };
        }
        for c in text[self.at..at].chars() {
            if self.in_comment {
                break;
            }
            let prev = self.prev.replace(c);
            match self.quote {
                Some('\'') if self.quote_may_close => {
                    self.quote_may_close = false;
                    if c == '\'' {
                        continue;
                    }
                    // The quotes closed before `c`, which is outside them.
                    self.quote = None;
                }
                Some('\'') => {
                    self.quote_may_close = c == '\'';
                    continue;
                }
                Some(_) if self.escaped => {
                    self.escaped = false;
                    continue;
                }
                Some(open) => {
                    self.escaped = c == '\\';
                    if c == open {
                        self.quote = None;
                    }
                    continue;
                }
                None => {}
            }
            let value_may_start = prev.is_none_or(|p| p.is_whitespace() || "[{,:-".contains(p));
            if c == '#' && prev.is_none_or(char::is_whitespace) {
                self.in_comment = true;
            } else if matches!(c, '\'' | '"') && value_may_start {
                self.quote = Some(c);
            }
        }
        self.at = at;
        self.in_comment
    }
}

/// Parses a frontmatter block; malformed YAML or a non-mapping gives a
/// warning naming the line, and no frontmatter.
pub fn parse<'a>(
    rel_path: &str,
    yaml: &'a str,
    yaml_offset: usize,
    first_line: usize,
) -> Result<Option<Frontmatter<'a>>, Warning> {
    if yaml.trim().is_empty() {
        return Ok(None);
    }
    if let Some(line) = too_deep(yaml) {
        return Err(Warning::at_line(
            rel_path,
            first_line + line,
            format!("malformed frontmatter, ignored: nested more than {MAX_DEPTH} levels deep"),
        )
        .of_kind(WarningKind::Frontmatter));
    }
    match read_lenient(yaml) {
        Ok(Value::Mapping(mapping)) => Ok(Some(Frontmatter::new(mapping, yaml, yaml_offset))),
        Ok(Value::Null) => Ok(None),
        Ok(_) => Err(Warning::at_line(
            rel_path,
            first_line,
            "frontmatter is not a mapping of keys to values, ignored",
        )
        .of_kind(WarningKind::Frontmatter)),
        Err(err) => {
            let line = err.location().map_or(first_line, |location| {
                first_line + location.line().saturating_sub(1)
            });
            let cause = err.to_string();
            let cause = cause.split(" at line ").next().unwrap_or(&cause);
            // serde_yaml names the path to where it stopped, deep in an
            // alias's repeats (`a4[7][1][3]: `), which tells the user
            // nothing.
            let cause = if cause.ends_with(TOO_MANY_REPEATS) {
                TOO_MANY_REPEATS
            } else {
                cause
            };
            // serde_yaml places a duplicate key at the start of its
            // mapping: point at the second time the key is written.
            let line = cause
                .strip_prefix("duplicate entry with key ")
                .and_then(|key| duplicate_key_line(yaml, key, line - first_line))
                .map_or(line, |found| first_line + found);
            Err(Warning::at_line(
                rel_path,
                line,
                format!("malformed frontmatter, ignored: {cause}"),
            )
            .of_kind(WarningKind::Frontmatter))
        }
    }
}

/// The 0-based line where `key` (as serde_yaml quotes it in its message)
/// is written a second time in one mapping, from line `from` on. A line
/// indented less than a key ends that key's mapping.
fn duplicate_key_line(yaml: &str, quoted_key: &str, from: usize) -> Option<usize> {
    let key: String = serde_yaml::from_str(quoted_key).ok()?;
    let written = [key.clone(), format!("\"{key}\""), format!("'{key}'")];
    // The indentations the key was written at, in mappings still open.
    let mut seen: Vec<usize> = Vec::new();
    for (number, line) in yaml.lines().enumerate().skip(from) {
        let rest = line.trim_start_matches([' ', '-']);
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let indent = line.len() - rest.len();
        seen.retain(|&at| at <= indent);
        let is_key = written.iter().any(|written| {
            rest.strip_prefix(written.as_str())
                .is_some_and(|after| after.trim_start().starts_with(':'))
        });
        if !is_key {
            continue;
        }
        if seen.contains(&indent) {
            return Some(number);
        }
        seen.push(indent);
    }
    None
}

/// How deep `[` and `{` may nest in frontmatter (`serde_yaml` refuses
/// anything deeper anyway).
const MAX_DEPTH: usize = 128;

/// The 0-based line of the YAML where `[` and `{` nest deeper than
/// [`MAX_DEPTH`], if they do.
///
/// `serde_yaml`'s own recursion limit comes only after its scanner has
/// read the whole document, which takes time quadratic in the nesting
/// depth: 20,000 `[` take seconds, a megabyte of them hours. This rough
/// scan stops such a block first. It counts a bracket only where a flow
/// collection may start (where a value starts, or inside another
/// collection), and skips quoted strings, comments, and plain text such
/// as `title: it's [[not nested`.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 0;
    // Where a value may start: at the start of a line, after `: `, `- `
    // or `? ` in block context, after `[`, `{`, `,` or `:` in flow.
    let mut value_start = true;
    // Inside block-context plain text, which ends at `: `, ` #` or the
    // end of the line.
    let mut plain = false;
    let mut prev = '\n';
    let mut chars = yaml.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|n| n.is_whitespace());
        match c {
            '\n' => {
                line += 1;
                value_start = true;
                plain = false;
            }
            _ if c.is_whitespace() => {}
            '#' if prev.is_whitespace() => while chars.next_if(|&c| c != '\n').is_some() {},
            ':' if plain && next_is_space => {
                plain = false;
                value_start = true;
            }
            _ if plain => {}
            '"' | '\'' if value_start => {
                while let Some(inner) = chars.next() {
                    match inner {
                        '\n' => line += 1,
                        // An escaped character, maybe a line end.
                        '\\' if c == '"' => line += usize::from(chars.next() == Some('\n')),
                        '\'' if c == '\'' && chars.peek() == Some(&'\'') => {
                            chars.next();
                        }
                        _ if inner == c => break,
                        _ => {}
                    }
                }
                value_start = false;
            }
            '[' | '{' if depth > 0 || value_start => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(line);
                }
                value_start = true;
            }
            ']' | '}' if depth > 0 => {
                depth -= 1;
                value_start = false;
            }
            ',' | ':' if depth > 0 => value_start = true,
            '-' | '?' | ':' if depth == 0 && next_is_space => value_start = true,
            // An anchor or a tag before a value: the value comes after it.
            '&' | '!' if value_start => {
                while chars
                    .next_if(|&c| !c.is_whitespace() && c != '[' && c != '{')
                    .is_some()
                {}
            }
            _ if depth == 0 => plain = true,
            _ => value_start = false,
        }
        prev = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[test]
    fn comments_are_told_from_values() {
        let yaml = "people: # Bo came\n  - 'Bo # not a comment'\n  - O'Neil # Bo\ntags: [a] #b\n";
        let at = |needle: &str, nth: usize| yaml.match_indices(needle).nth(nth).unwrap().0;
        let asked = [
            (at("Bo", 0), true),
            (at("Bo", 1), false),
            (at("# not", 0) + 2, false),
            (at("Bo", 2), true), // after a plain O'Neil
            (at("a]", 0), false),
            (at("#b", 0) + 1, true),
        ];
        // Asked in order with one scan, or each afresh: the same answers.
        let mut scan = CommentScan::default();
        for (byte, expected) in asked {
            assert_eq!(scan.in_comment(yaml, byte), expected, "byte {byte}");
            let fresh = CommentScan::default().in_comment(yaml, byte);
            assert_eq!(fresh, expected, "byte {byte} afresh");
        }
        // Back to an earlier byte.
        assert!(scan.in_comment(yaml, at("Bo", 0)));
    }

    #[rstest]
    #[case::closed("---\na: 1\n---\nbody", Some("a: 1\n"), 13)]
    #[case::dots("---\na: 1\n...\nbody", Some("a: 1\n"), 13)]
    #[case::crlf("---\r\na: 1\r\n---\r\nbody", Some("a: 1\r\n"), 16)]
    #[case::unclosed("---\na: 1\nbody", None, 0)]
    #[case::not_first_line("\n---\na: 1\n---\n", None, 0)]
    #[case::empty("---\n---\nbody", Some(""), 8)]
    #[case::at_end("---\na: 1\n---", Some("a: 1\n"), 12)]
    fn splits(#[case] text: &str, #[case] yaml: Option<&str>, #[case] body_offset: usize) {
        let split = split(text);
        assert_eq!(split.yaml, yaml);
        assert_eq!(split.body_offset, body_offset);
    }

    #[test]
    fn malformed_yaml_warns_with_file_line() {
        let text = "---\ntitle: ok\ntags: [unclosed\n---\n";
        let split = split(text);
        let err = parse("n.md", split.yaml.unwrap(), split.yaml_offset, 2).unwrap_err();
        assert_eq!(err.path, "n.md");
        assert!(
            err.message.starts_with("malformed frontmatter"),
            "{}",
            err.message
        );
        let line = err.line.unwrap();
        assert!((3..=4).contains(&line), "line {line}");
    }

    #[test]
    fn scalar_frontmatter_is_not_a_mapping() {
        let err = parse("n.md", "just text\n", 4, 2).unwrap_err();
        assert!(err.message.contains("not a mapping"));
    }

    #[test]
    fn billion_laughs_is_refused_quickly() {
        let mut yaml = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for name in 'b'..='j' {
            yaml.push_str(&format!(
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = name;
        }
        let started = std::time::Instant::now();
        let result = parse("bomb.md", &yaml, 4, 2);
        assert!(result.is_err());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let yaml = format!(
            "title: x\nk: {}{}\n",
            "[".repeat(1_000_000),
            "]".repeat(1_000_000)
        );
        let started = std::time::Instant::now();
        let err = parse("deep.md", &yaml, 4, 2).unwrap_err();
        assert!(started.elapsed().as_secs() < 5);
        assert_eq!(err.line, Some(3));
        assert_eq!(
            err.message,
            "malformed frontmatter, ignored: nested more than 128 levels deep"
        );
    }

    #[test]
    fn brackets_in_strings_and_comments_are_not_nesting() {
        let deep = "[".repeat(200);
        let yaml = format!(
            "a: \"{deep}\"\nb: '{deep}'\nc: x # {deep}\nd: it's {deep}\ne: [\"]\", '[', {{x: [1]}}]\n"
        );
        assert_eq!(too_deep(&yaml), None);
        let parsed = parse("n.md", &yaml, 4, 2);
        assert!(parsed.is_ok(), "{parsed:?}");
        let nested = format!("a: {}{}\n", "[".repeat(128), "]".repeat(128));
        assert_eq!(too_deep(&nested), None);
        let nested = format!("a: 1\nb: {}{}\n", "[".repeat(129), "]".repeat(129));
        assert_eq!(too_deep(&nested), Some(1));
    }

    #[test]
    fn duplicate_keys_point_at_the_second_one() {
        let yaml = "title: x\nnested:\n  tags: 1\ntags: [a]\n\"tags\": [b]\n";
        let err = parse("n.md", yaml, 4, 2).unwrap_err();
        assert_eq!(
            err.message,
            "malformed frontmatter, ignored: duplicate entry with key \"tags\""
        );
        assert_eq!(err.line, Some(6));
    }

    #[test]
    fn finds_key_lines() {
        let text = "title: x\nTags: [a]\n\"people\": [b]\n";
        let frontmatter = parse("n.md", text, 4, 2).unwrap().unwrap();
        assert_eq!(frontmatter.value_offset("Tags"), Some(4 + 14));
        assert_eq!(frontmatter.value_offset("people"), Some(4 + 28));
        assert_eq!(
            frontmatter.values_of("Tags").find("a"),
            Some(4 + 16..4 + 17)
        );
        assert_eq!(
            frontmatter.values_of("title").find("itl"),
            None,
            "not inside a longer word"
        );
        assert_eq!(
            frontmatter.values_of("title").find("b"),
            None,
            "not under another key"
        );
    }

    #[rstest::rstest]
    #[case::plain("people: [a]\n", Some(("people", 6)))]
    #[case::spaced("people :\n", Some(("people", 7)))]
    #[case::colon_in_key("a:b: c\n", Some(("a:b", 3)))]
    #[case::at_the_end("people:", Some(("people", 6)))]
    #[case::double_quoted("\"a: b\": c\n", Some(("a: b", 6)))]
    #[case::single_quoted("'people':[a]\n", Some(("people", 8)))]
    #[case::no_space_after_colon("people:x\n", None)]
    #[case::indented("  people: [a]\n", None)]
    #[case::list_item("- a\n", None)]
    #[case::unclosed_quote("\"people: [a]\n", None)]
    fn written_keys(#[case] line: &str, #[case] expected: Option<(&str, usize)>) {
        assert_eq!(written_key(line), expected);
    }

    #[test]
    fn a_key_written_twice_is_found_where_it_is_first_written() {
        let text = "a: 1\nb: 2\n";
        let frontmatter = Frontmatter::new(Mapping::new(), text, 4);
        assert_eq!(frontmatter.value_offset("b"), Some(4 + 7));
        assert_eq!(key_lines("b: 1\nb: 2\n").ends.get("b"), Some(&2));
    }

    /// Values found one after the other in `text`'s `people`, each as
    /// (line, column) counted from 1.
    fn people_at(text: &str, values: &[&str]) -> Vec<Option<(usize, usize)>> {
        let frontmatter = parse("n.md", text, 0, 1).unwrap().unwrap();
        let mut finder = frontmatter.values_of("people");
        values
            .iter()
            .map(|value| {
                let found = finder.find(value)?;
                let line_start = text[..found.start].rfind('\n').map_or(0, |at| at + 1);
                let line = text[..found.start].matches('\n').count() + 1;
                Some((line, found.start - line_start + 1))
            })
            .collect()
    }

    #[test]
    fn finds_a_value_after_an_escape_of_a_quoted_string() {
        assert_eq!(
            people_at("people: \"@ana\\t@li\"\n", &["@li"]),
            [Some((1, 16))]
        );
    }

    #[test]
    fn finds_a_value_as_yaml_s_quotes_escape_it() {
        let text = "people: ['Sean O''Brien', \"say \\\"hi\\\"\", Ana]\n";
        assert_eq!(
            people_at(text, &["Sean O'Brien", "say \"hi\"", "Ana"]),
            [Some((1, 11)), Some((1, 28)), Some((1, 41))]
        );
    }

    #[test]
    fn a_value_is_found_where_it_is_first_written_in_any_form() {
        let text = "people: ['Sean O''Brien', ana]\nsummary: lunch with Sean O'Brien\n";
        assert_eq!(
            people_at(text, &["Sean O'Brien", "ana"]),
            [Some((1, 11)), Some((1, 27))]
        );
    }

    #[test]
    fn escaped_quotes_in_a_value_start_no_comment() {
        let text = "people: ['Dan O''Neil #2', bo, \"Di \\\"D\\\" #3\", cy]\n";
        assert_eq!(
            people_at(text, &["Dan O'Neil #2", "bo", "Di \"D\" #3", "cy"]),
            [Some((1, 11)), Some((1, 28)), Some((1, 33)), Some((1, 47))]
        );
    }

    #[test]
    fn a_value_far_past_the_last_is_still_found() {
        let long = "x".repeat(40_000);
        let text =
            format!("people:\n  - ana\n  - {{name: x, note: \"{long}\"}}\n  - bo\nother: bo\n");
        assert_eq!(
            people_at(&text, &["ana", "\\u0041", "bo"]),
            [Some((2, 5)), None, Some((4, 5))]
        );
    }

    #[test]
    fn values_of_a_key_not_at_the_start_of_a_line_are_found() {
        assert_eq!(
            people_at("{people: [ana, bo], tags: [x]}\n", &["ana", "bo"]),
            [Some((1, 11)), Some((1, 16))]
        );
        assert_eq!(people_at("&m people: [ana]\n", &["ana"]), [Some((1, 13))]);
    }

    #[test]
    fn the_window_ends_between_characters_whatever_their_width() {
        for pad in 0..4 {
            let mut text = String::from("people:\n");
            for n in 0..2_000 {
                text.push_str(&format!("  - \"\\x61{n}é€😀{}\"\n", "é".repeat(pad)));
            }
            let frontmatter = parse("n.md", &text, 0, 1).unwrap().unwrap();
            let mut finder = frontmatter.values_of("people");
            for n in 0..2_000 {
                let raw = format!("a{n}é€😀{}", "é".repeat(pad));
                assert_eq!(finder.find(&raw), None);
            }
        }
    }

    #[test]
    fn values_not_found_stop_searching_far_once_their_budget_is_spent() {
        let mut text = String::from("people:\n");
        for n in 0..20_000 {
            text.push_str(&format!("  - \"\\x61{n}\"\n"));
        }
        text.push_str("  - last\n");
        let frontmatter = parse("n.md", &text, 0, 1).unwrap().unwrap();
        let mut finder = frontmatter.values_of("people");
        // Once the budget is spent, each search reads 16 KB, not the 300 KB
        // left of the list: 32 MB for these, not 600 MB, a tenth of a
        // second in a debug build, not seconds. The bound leaves room for a
        // busy machine.
        let started = std::time::Instant::now();
        for n in 0..2_000 {
            assert_eq!(finder.find(&format!("a{n}")), None);
        }
        assert!(
            started.elapsed().as_secs_f64() < 1.0,
            "{:?}",
            started.elapsed()
        );
        // The last value is past the window: its key's line stands in.
        assert_eq!(finder.find("last"), None);
        assert_eq!(finder.key_offset(), 7);
    }
}
