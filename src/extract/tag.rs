//! The `#interest` rule, after Obsidian's own tag rules.

/// Whether `c` ends a tag: whitespace, ASCII punctuation other than `_`,
/// `-`, `/`, or a character in U+2000–206F or U+2E00–2E7F.
pub fn ends_tag(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii_punctuation() && !matches!(c, '_' | '-' | '/'))
        || ('\u{2000}'..='\u{206F}').contains(&c)
        || ('\u{2E00}'..='\u{2E7F}').contains(&c)
}

/// Whether a `#` after `prev` may start a tag: at the start of a block, or
/// after whitespace (NBSP and U+3000 included) or `_`.
pub fn may_start_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || c == '_' || c == '\u{00A0}',
    }
}

/// The length in bytes of the tag body at the start of `text` (the text
/// just after `#`), and the tag as written (see [`name_of`]). `None` when
/// it is no tag.
pub fn read(text: &str) -> Option<(usize, &str)> {
    let len = text.find(ends_tag).unwrap_or(text.len());
    name_of(&text[..len]).map(|tag| (len, tag))
}

/// The tag of a frontmatter value (`#` dropped, see [`name_of`]), if the
/// whole value is one: `hello world`, `C++` or `"#play"` is none (see
/// [`is_spoiled`]).
pub fn from_value(value: &str) -> Option<&str> {
    let value = value.trim();
    let body = value.strip_prefix('#').unwrap_or(value);
    if body.contains(ends_tag) {
        return None;
    }
    name_of(body)
}

/// Whether a frontmatter value is no tag because of a character no tag
/// holds (a space, punctuation but `_`, `-` and `/`): worth a warning, as
/// a value of digits only (`2024`, which Obsidian does not take for a
/// tag either) is not.
pub fn is_spoiled(value: &str) -> bool {
    let value = value.trim();
    value.strip_prefix('#').unwrap_or(value).contains(ends_tag)
}

/// Every ancestor of a nested interest, and itself: `a/b/c` gives `a`,
/// `a/b`, `a/b/c`.
pub fn interest_and_parents(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices('/')
        .map(move |(i, _)| &name[..i])
        .chain(std::iter::once(name))
}

/// The most levels a tag is read with: each level is an interest of its
/// own to the questions (`a/b/c` is within `a` and `a/b`), so a tag of
/// thousands of levels would make the interests report the square of its
/// length.
const MAX_LEVELS: usize = 32;

/// A tag's name from its written body: cut before an empty level
/// (`a//b` is `a`) or after [`MAX_LEVELS`] levels, and without a trailing
/// `/`. None when it starts with `/` (a level with no name, whose parents
/// would be nameless), is empty, or is digits only.
fn name_of(body: &str) -> Option<&str> {
    if body.starts_with('/') {
        return None;
    }
    let body = body.find("//").map_or(body, |at| &body[..at]);
    let tag = body.trim_end_matches('/');
    if tag.is_empty() || tag.chars().all(|c| c.is_ascii_digit() || c == '/') {
        return None;
    }
    let tag = memchr::memchr_iter(b'/', tag.as_bytes())
        .nth(MAX_LEVELS - 1)
        .map_or(tag, |at| &tag[..at]);
    Some(tag)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::a_tag("running", Some("running"))]
    #[case::with_its_hash("#travel/asia", Some("travel/asia"))]
    #[case::a_space("hello world", None)]
    #[case::punctuation("C++", None)]
    #[case::quoted("\"#play\"", None)]
    #[case::digits("2024", None)]
    #[case::levels_up_to_the_most(&"a/".repeat(MAX_LEVELS), Some(&"a/".repeat(MAX_LEVELS)[..2 * MAX_LEVELS - 1]))]
    #[case::levels_past_the_most(&"a/".repeat(MAX_LEVELS + 5), Some(&"a/".repeat(MAX_LEVELS)[..2 * MAX_LEVELS - 1]))]
    #[case::a_letter_past_the_most(&format!("{}x", "1/".repeat(MAX_LEVELS)), Some(&"1/".repeat(MAX_LEVELS)[..2 * MAX_LEVELS - 1]))]
    fn frontmatter_values(#[case] value: &str, #[case] expected: Option<&str>) {
        assert_eq!(from_value(value), expected);
        assert_eq!(is_spoiled(value), value != "2024" && expected.is_none());
    }

    #[rstest]
    #[case::simple("running rest", Some("running"))]
    #[case::nested("travel/asia.", Some("travel/asia"))]
    #[case::trailing_slash("travel/ x", Some("travel"))]
    #[case::digits_only("1984", None)]
    #[case::year_with_letter("y1984", Some("y1984"))]
    #[case::dashed_digits("2024-goals", Some("2024-goals"))]
    #[case::ellipsis("work… more", Some("work"))]
    #[case::curly_apostrophe("tea’s", Some("tea"))]
    #[case::ascii_apostrophe("tea's", Some("tea"))]
    #[case::emoji("🏃run", Some("🏃run"))]
    #[case::unicode("café-crème", Some("café-crème"))]
    #[case::chained("bob#alice", Some("bob"))]
    #[case::space(" heading", None)]
    #[case::empty("", None)]
    #[case::underscore("a_b", Some("a_b"))]
    #[case::paren("x)", Some("x"))]
    #[case::leading_slash("/b", None)]
    #[case::slashes_only("//c/", None)]
    #[case::empty_level("a//b", Some("a"))]
    #[case::empty_level_at_the_end("a/b//", Some("a/b"))]
    fn reads_tags(#[case] text: &str, #[case] expected: Option<&str>) {
        assert_eq!(read(text).map(|(_, tag)| tag), expected);
    }

    #[rstest]
    #[case(None, true)]
    #[case(Some(' '), true)]
    #[case(Some('\u{00A0}'), true)]
    #[case(Some('\u{3000}'), true)]
    #[case(Some('_'), true)]
    #[case(Some('('), false)]
    #[case(Some('"'), false)]
    #[case(Some('.'), false)]
    #[case(Some('C'), false)]
    fn starts(#[case] prev: Option<char>, #[case] expected: bool) {
        assert_eq!(may_start_after(prev), expected);
    }

    #[rstest]
    #[case("#travel/asia", Some("travel/asia"))]
    #[case(" running/ ", Some("running"))]
    #[case("/b", None)]
    #[case("a//b", Some("a"))]
    #[case("#", None)]
    fn reads_values(#[case] value: &str, #[case] expected: Option<&str>) {
        assert_eq!(from_value(value), expected);
    }
}
