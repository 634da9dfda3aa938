//! The frontmatter pass: the people and interests the note's properties
//! name (the config's people and interest keys, such as `people:` and
//! `tags:`, a wikilink among their values included), each where it is
//! written.

use std::ops::Range;

use serde_yaml::Value;

use super::{ExtractOptions, Kind, SharedExtraction, ambiguous_link, canonical, mention, tag};
use crate::error::{Warning, WarningKind};
use crate::identity::{Identity, PERSON_MARKER, Resolved, link_stem};
use crate::note::LineIndex;
use crate::note::frontmatter::Frontmatter;
use crate::text::within;

/// A name found in the frontmatter, before its context is known.
pub(super) struct FrontmatterName {
    pub(super) kind: Kind,
    pub(super) name: String,
    pub(super) raw: String,
    pub(super) offset: usize,
}

/// The people and interests written in the frontmatter, with where each
/// is written (searched for in the YAML text after its key).
pub(super) fn frontmatter_names(
    rel_path: &str,
    frontmatter: &Frontmatter<'_>,
    options: &ExtractOptions,
    lines: &LineIndex<'_>,
    out: &mut SharedExtraction,
) -> Vec<FrontmatterName> {
    let mut names = Vec::new();
    for (kind, keys) in [
        (Kind::Person, &options.config.people_keys),
        (Kind::Interest, &options.config.interest_keys),
    ] {
        for (key, value) in frontmatter.entries(keys) {
            let mut values = frontmatter.values_of(key);
            for raw in written_values(value, kind) {
                let identity = &options.identity;
                let (name, link) = match kind {
                    Kind::Person => {
                        person_from_value(rel_path, &raw, identity, &mut out.link_stems)
                    }
                    // The tag that makes a person note says what kind of
                    // note it is: it is no interest.
                    Kind::Interest => (
                        tag::from_value(&raw)
                            .map(canonical)
                            .filter(|name| name != PERSON_MARKER)
                            .filter(|name| identity.keeps_interest(name)),
                        None,
                    ),
                };
                let spoiled = name.is_none()
                    && match kind {
                        Kind::Interest => tag::is_spoiled(&raw),
                        Kind::Person => link.is_none() && names_nobody(&raw),
                    };
                let linked = link.is_some();
                let ambiguous = link.filter(|resolved| resolved.ambiguous_person);
                if name.is_none() && ambiguous.is_none() && !spoiled {
                    continue;
                }
                let offset = values
                    .find(&raw)
                    .map_or_else(|| values.key_offset(), |found| found.start);
                if let Some(resolved) = ambiguous {
                    let (line, _) = lines.position(offset);
                    out.warnings
                        .push(ambiguous_link(rel_path, line, &raw, &resolved));
                }
                if spoiled {
                    let (line, _) = lines.position(offset);
                    let message = match kind {
                        Kind::Interest => format!(
                            "`{key}: {raw}` is no tag (a tag holds no space, and no punctuation but `_`, `-` and `/`); it is ignored"
                        ),
                        Kind::Person => format!(
                            "`{key}: {raw}` names nobody (a name holds a letter or digit); it is ignored"
                        ),
                    };
                    out.warnings.push(
                        Warning::at_line(rel_path, line, message).of_kind(WarningKind::Frontmatter),
                    );
                }
                let Some(name) = name else { continue };
                if kind == Kind::Person && !linked && name.contains('"') {
                    // `- Ana, "Bo Lee"`: a list item is one name, whole.
                    let (line, _) = lines.position(offset);
                    out.warnings.push(
                        Warning::at_line(
                            rel_path,
                            line,
                            format!(
                                "`{key}: {raw}` names one person, `{name}`, whose name holds a quote, so no @mention can name them (a list item is one name: one item per person)"
                            ),
                        )
                        .of_kind(WarningKind::Frontmatter),
                    );
                }
                names.push(FrontmatterName {
                    kind,
                    name,
                    raw,
                    offset,
                });
            }
        }
    }
    names
}

/// Whether a people value written out is no name at all (`~`, `#`, `---`):
/// not empty, not a link, and no handle.
fn names_nobody(raw: &str) -> bool {
    let raw = raw.trim();
    !raw.is_empty() && !raw.starts_with("[[") && mention::handle_from_value(raw).is_none()
}

/// The person a frontmatter value names: a link to a person note is that
/// person, a link to another note is nobody, and any other value (a link to
/// no note included) is made a handle; aliases are followed. A link is
/// resolved from the note at `rel_path` (and returned, resolved), and its
/// stem filed in `link_stems`.
fn person_from_value(
    rel_path: &str,
    raw: &str,
    identity: &Identity,
    link_stems: &mut Vec<String>,
) -> (Option<String>, Option<Resolved>) {
    let mut link = None;
    let wikilink = raw
        .trim()
        .strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .map(|inner| inner.split('|').next().unwrap_or(inner).to_owned());
    if let Some(target) = wikilink.or_else(|| mention::markdown_link_target(raw)) {
        let target = target.as_str();
        link_stems.extend(link_stem(rel_path, target));
        let resolved = identity.resolve_from(rel_path, target);
        match (&resolved.person, &resolved.path) {
            (Some(person), _) => return (Some(person.clone()), Some(resolved)),
            // A link to a note that is not a person note is not a person.
            (None, Some(_)) => return (None, Some(resolved)),
            // A link to no note: the people key says it is a person.
            (None, None) => link = Some(resolved),
        }
    }
    let person = mention::handle_from_value(raw).and_then(|h| identity.person(&canonical(&h)));
    (person, link)
}

/// The interests of a frontmatter value as written (before they are read
/// as tags): a list's strings, whole, or a string split on commas and
/// whitespace. A person note's declared interests are read with it too, so
/// that they are the interests its mentions would have.
pub(crate) fn written_interests(value: &Value) -> Vec<String> {
    written_values(value, Kind::Interest)
}

/// The entries of a frontmatter value as written: a list's strings, or a
/// string split on commas (people) or commas and whitespace (interests),
/// but never within a `[[…]]` link (`[[Smith, Jo]]` is one note's name).
/// The unquoted YAML `[[Alex Bec]]` (a list in a list) reads as a link.
/// People written as `@handles` (or links) between spaces are each one.
fn written_values(value: &Value, kind: Kind) -> Vec<String> {
    let entries: Vec<String> = match value {
        // A person in quotes of their own is that person; a quoted
        // interest (`"#play"`) is no tag, as in the body.
        Value::String(s) => match kind {
            // A literal block (`attendees: |`) puts one on each line.
            Kind::Person => split_outside_links(s, |c| c == ',' || c == '\n')
                .into_iter()
                .map(|piece| unquoted(piece.trim()).to_owned())
                .collect(),
            Kind::Interest => split_outside_links(s, |c| c == ',' || c.is_whitespace())
                .into_iter()
                .map(|piece| piece.trim().to_owned())
                .collect(),
        },
        Value::Sequence(items) => match nested_link(value) {
            Some(link) => vec![link],
            None => items
                .iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s.trim().to_owned()),
                    Value::Sequence(_) => nested_link(item)
                        .or_else(|| single_string(item).map(|s| format!("[[{s}]]"))),
                    _ => None,
                })
                .collect(),
        },
        _ => Vec::new(),
    };
    let mut written = Vec::with_capacity(entries.len());
    for entry in entries {
        let words = split_outside_links(&entry, char::is_whitespace);
        let words: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
        let each_a_person =
            |word: &&str| word.starts_with('@') || (word.starts_with("[[") && word.ends_with("]]"));
        if kind == Kind::Person && words.len() > 1 && words.iter().all(each_a_person) {
            written.extend(words.into_iter().map(str::to_owned));
        } else if !entry.is_empty() {
            written.push(entry);
        }
    }
    written
}

/// `s` split at the characters `is_separator` takes that are not inside a
/// `[[…]]` link.
fn split_outside_links(s: &str, is_separator: impl Fn(char) -> bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    // Markdown links (`[Jo](People/Smith,%20Jo.md)`), whole.
    let markdown_links: Vec<Range<usize>> = if s.contains("](") {
        mention::MARKDOWN_LINK
            .find_iter(s)
            .map(|m| m.range())
            .collect()
    } else {
        Vec::new()
    };
    let in_markdown_link = |i: usize| within(&markdown_links, i);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        if c == '[' && next == Some('[') {
            depth += 1;
            chars.next();
        } else if c == ']' && next == Some(']') {
            depth = depth.saturating_sub(1);
            chars.next();
        } else if depth == 0 && is_separator(c) && !in_markdown_link(i) {
            pieces.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    pieces.push(&s[start..]);
    pieces
}

/// A piece of a string in quotes of its own (`Ana, "Bo Lee"`), without
/// them.
fn unquoted(piece: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|&quote| piece.strip_prefix(quote)?.strip_suffix(quote))
        .filter(|inner| !inner.is_empty())
        .unwrap_or(piece)
}

/// `[[x]]` read by YAML as a list holding a list holding `x`.
fn nested_link(value: &Value) -> Option<String> {
    match value {
        Value::Sequence(outer) if outer.len() == 1 => {
            single_string(&outer[0]).map(|s| format!("[[{s}]]"))
        }
        _ => None,
    }
}

fn single_string(value: &Value) -> Option<&str> {
    match value {
        Value::Sequence(inner) if inner.len() == 1 => inner[0].as_str(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rstest::rstest]
    #[case("[[Kim|K]], [[Bo]]", &["[[Kim|K]]", " [[Bo]]"])]
    #[case("[[Smith, Jo]]", &["[[Smith, Jo]]"])]
    #[case("[[Kim]], Bo", &["[[Kim]]", " Bo"])]
    #[case("[[Kim]],", &["[[Kim]]", ""])]
    fn frontmatter_links_split_between_links_only(#[case] value: &str, #[case] pieces: &[&str]) {
        assert_eq!(split_outside_links(value, |c| c == ','), pieces);
    }

    #[rstest::rstest]
    #[case::link_first(Kind::Person, "'[[Smith, Jo]], Ana'", &["[[Smith, Jo]]", "Ana"])]
    #[case::link_after_a_name(Kind::Person, "'Ana, [[Smith, Jo]]'", &["Ana", "[[Smith, Jo]]"])]
    #[case::names(Kind::Person, "Ana, Bo Li", &["Ana", "Bo Li"])]
    #[case::interests(Kind::Interest, "travel asia, [[Rock, Paper]]", &["travel", "asia", "[[Rock, Paper]]"])]
    #[case::list_items_whole(Kind::Interest, "[rock climbing, go]", &["rock climbing", "go"])]
    #[case::handles(Kind::Person, "'@alex-bec  @kim, Bo Li'", &["@alex-bec", "@kim", "Bo Li"])]
    #[case::handles_and_links(Kind::Person, "'[[Alex Bec]] @kim'", &["[[Alex Bec]]", "@kim"])]
    #[case::a_link_among_interests(Kind::Interest, "'travel [[Asia]] food'", &["travel", "[[Asia]]", "food"])]
    #[case::a_link_among_words(Kind::Interest, "'hiking, [[Asia Trip]]\trunning'", &["hiking", "[[Asia Trip]]", "running"])]
    #[case::listed_handles(Kind::Person, "['@sam @jo', '@ana b']", &["@sam", "@jo", "@ana b"])]
    #[case::quoted_names(Kind::Person, "'Ana, \"Bo Lee\", ''Cy'''", &["Ana", "Bo Lee", "Cy"])]
    #[case::a_markdown_link(Kind::Person, "'[Jo](People/Smith,%20Jo.md), ana'", &["[Jo](People/Smith,%20Jo.md)", "ana"])]
    #[case::a_markdown_link_in_angles(Kind::Person, "'[Jo](<People/Smith, Jo.md>), ana'", &["[Jo](<People/Smith, Jo.md>)", "ana"])]
    #[case::a_bracket_of_no_link(Kind::Person, "'Ana [work, Bo'", &["Ana [work", "Bo"])]
    #[case::a_literal_block(Kind::Person, "|\n  Ana Li\n  Bo, Cy\n", &["Ana Li", "Bo", "Cy"])]
    fn written_values_split_strings_but_not_links_or_list_items(
        #[case] kind: Kind,
        #[case] yaml: &str,
        #[case] written: &[&str],
    ) {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(written_values(&value, kind), written);
    }
}
