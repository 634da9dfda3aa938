//! The YAML frontmatter block at the top of a note.
//!
//! The block is split off by hand (the first line is `---`, the block ends
//! at the next line that is `---` or `...`) and parsed with `serde_yaml`.
//! pulldown-cmark's metadata-block option is never used: it accepts a `---`
//! block anywhere in a note and swallows the body after a stray `---`
//! (pulldown-cmark#1000).

use serde_yaml::{Mapping, Value};

use crate::error::Warning;

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
}

impl Frontmatter<'_> {
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
        let mut line_start = 0;
        for line in self.text.split_inclusive('\n') {
            let after_key = [key.to_owned(), format!("\"{key}\""), format!("'{key}'")]
                .iter()
                .find_map(|written| line.strip_prefix(written.as_str()))
                .and_then(|rest| rest.trim_start().strip_prefix(':'));
            if let Some(rest) = after_key {
                return Some(self.offset + line_start + line.len() - rest.len());
            }
            line_start += line.len();
        }
        None
    }

    /// Byte offset (in the note) of `raw` written as a whole value at or
    /// after note offset `from` (not inside a longer word).
    pub fn find_value(&self, raw: &str, from: usize) -> Option<usize> {
        let start = from.checked_sub(self.offset)?;
        let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '/');
        let mut search = start;
        while let Some(found) = self.text.get(search..)?.find(raw) {
            let at = search + found;
            let end = at + raw.len();
            let before_ok = !self.text[..at].chars().next_back().is_some_and(is_word);
            let after_ok = !self.text[end..].chars().next().is_some_and(is_word);
            if before_ok && after_ok {
                return Some(self.offset + at);
            }
            search = at + raw.len().max(1);
        }
        None
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
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(mapping)) => Ok(Some(Frontmatter {
            mapping,
            text: yaml,
            offset: yaml_offset,
        })),
        Ok(Value::Null) => Ok(None),
        Ok(_) => Err(Warning::at_line(
            rel_path,
            first_line,
            "frontmatter is not a mapping of keys to values, ignored",
        )),
        Err(err) => {
            let line = err.location().map_or(first_line, |location| {
                first_line + location.line().saturating_sub(1)
            });
            let cause = err.to_string();
            let cause = cause.split(" at line ").next().unwrap_or(&cause);
            Err(Warning::at_line(
                rel_path,
                line,
                format!("malformed frontmatter, ignored: {cause}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

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
    fn finds_key_lines() {
        let text = "title: x\nTags: [a]\n\"people\": [b]\n";
        let frontmatter = parse("n.md", text, 4, 2).unwrap().unwrap();
        assert_eq!(frontmatter.value_offset("Tags"), Some(4 + 14));
        assert_eq!(frontmatter.value_offset("people"), Some(4 + 28));
        assert_eq!(frontmatter.find_value("a", 4 + 14), Some(4 + 16));
        assert_eq!(
            frontmatter.find_value("itl", 4),
            None,
            "not inside a longer word"
        );
    }
}
