//! The `@person` rule, and how a written person becomes a handle.

use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;

use regex::Regex;

/// A markdown link, `[text](destination)` or `[text](<destination>)`; the
/// destination is its first group.
pub(crate) static MARKDOWN_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\[\]]*\]\((<[^<>\n]*>|[^()\s]*)\)").expect("a valid regex"));

/// Whether an `@` after `prev` may start a mention: at the start of a
/// block, or after anything but a letter (or a mark on one), digit, `_`,
/// `.`, `+` or `-` (so `jonas@example.com` is no mention, nor is
/// `rene\u{301}@example.com`, its `é` written as `e` and an accent).
pub fn may_start_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '_' | '.' | '+' | '-'))
        }
    }
}

fn is_handle_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '_' | '-' | '.')
}

/// The handle as written at the start of `text` (the text just after `@`):
/// letters and marks of any script, digits, `_`, `-`, `.`; it starts with a
/// letter, digit or `_`, holds at least one letter, and loses trailing `.`
/// and `-`. A time of day (`2pm`, `9.30am`, `14h30`, `9am-5pm`) is no
/// handle.
/// `None` when it is no handle.
pub fn read(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    if !(first.is_alphanumeric() || first == '_') {
        return None;
    }
    let len = text.find(|c| !is_handle_char(c)).unwrap_or(text.len());
    let handle = text[..len].trim_end_matches(['.', '-']);
    (handle.chars().any(char::is_alphabetic) && !is_time_of_day(handle)).then_some(handle)
}

/// A time of day: a clock reading (`2pm`, `10a.m`, `9.30am`, `1230pm`,
/// `9h`, `14h30`), or a range ending in one (`12-1pm`, `9am-5pm`), and
/// anything after a `-` (`3pm-ish`).
fn is_time_of_day(handle: &str) -> bool {
    // Most handles start with a letter: no lowercase copy for them.
    if !handle.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let lower = handle.to_ascii_lowercase();
    let ends_here = |rest: &str| rest.is_empty() || rest.starts_with('-');
    match clock(&lower) {
        Some((true, rest)) => ends_here(rest),
        // A bare hour is a time only as the start of a range: `12-1pm`.
        Some((false, rest)) => rest
            .strip_prefix('-')
            .and_then(clock)
            .is_some_and(|(suffixed, rest)| suffixed && ends_here(rest)),
        None => false,
    }
}

/// The clock reading at the start of `text` (lowercase): whether it has
/// an `am`/`pm`/`h` suffix, and the text after it. One or two digits
/// (with `.` or `h` and two more for the minutes), or three or four right
/// before `am`/`pm` (`1230pm`).
fn clock(text: &str) -> Option<(bool, &str)> {
    let two_digits =
        |text: &str| text.len() >= 2 && text.as_bytes()[..2].iter().all(u8::is_ascii_digit);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=4).contains(&digits) {
        return None;
    }
    let mut rest = &text[digits..];
    if digits <= 2
        && let Some(minutes) = rest.strip_prefix('.').filter(|m| two_digits(m))
    {
        rest = &minutes[2..];
    }
    for suffix in ["a.m.", "p.m.", "a.m", "p.m", "am", "pm"] {
        if let Some(after) = rest.strip_prefix(suffix) {
            return Some((true, after));
        }
    }
    if digits > 2 {
        return None;
    }
    match rest.strip_prefix('h') {
        Some(minutes) if two_digits(minutes) => Some((true, &minutes[2..])),
        Some(after) if !after.starts_with(|c: char| c.is_ascii_digit()) => Some((true, after)),
        Some(_) => None,
        None => Some((false, rest)),
    }
}

/// The handle of a person written in frontmatter, as a note's name or in
/// the config: `@kim` (or `#kim`) is `kim`, `[[People/Kenji Tanaka|Kenji]]`
/// is `Kenji Tanaka` (and `[Kenji](People/Kenji%20Tanaka.md)`), and words are joined with `-` (`Alex Bec` is
/// `Alex-Bec`; canonicalise after). A value with no letter or digit (`~`,
/// `#`, `---`) names nobody.
pub fn handle_from_value(value: &str) -> Option<String> {
    let value = value.trim();
    let value = value.trim_start_matches(['@', '#']);
    let linked;
    let value = match value.strip_prefix("[[").and_then(|v| v.strip_suffix("]]")) {
        Some(inner) => link_target_name(inner),
        // A markdown link (`[Jo](People/Jo%20Li.md)`) names its note too.
        None => match markdown_link_target(value) {
            Some(target) => {
                linked = target;
                link_target_name(&linked)
            }
            None => value,
        },
    };
    let handle = value.split_whitespace().collect::<Vec<_>>().join("-");
    let handle = handle.trim_end_matches(['.', '-']);
    handle
        .contains(char::is_alphanumeric)
        .then(|| handle.to_owned())
}

/// [`handle_from_value`], canonical (NFC, lowercase): the handle a written
/// person is counted as, before aliases.
pub fn canonical_handle(value: &str) -> Option<String> {
    handle_from_value(value).map(|handle| super::canonical(&handle))
}

/// The note a value written as a markdown link names
/// (`[Jo](<People/Smith, Jo.md>)`), as a path to look up as a wikilink's.
pub(crate) fn markdown_link_target(raw: &str) -> Option<String> {
    if !raw.contains("](") {
        return None;
    }
    let found = MARKDOWN_LINK.captures(raw.trim())?;
    if found.get(0)?.len() != raw.trim().len() {
        return None;
    }
    let dest = found.get(1)?.as_str();
    let dest = dest
        .strip_prefix('<')
        .and_then(|d| d.strip_suffix('>'))
        .unwrap_or(dest);
    crate::note::body::markdown_note_target(dest)
}

/// The note name a wikilink's inner text points at: the target before `|`
/// and `#`, its last path segment, without a `.md` extension.
pub fn link_target_name(inner: &str) -> &str {
    let target = inner.split('|').next().unwrap_or(inner);
    let target = target.split('#').next().unwrap_or(target);
    let name = target.rsplit('/').next().unwrap_or(target).trim();
    name.strip_suffix(".md").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest::rstest]
    #[case("[Jo](People/Smith,%20Jo.md)", Some("People/Smith, Jo.md"))]
    #[case(" [Jo](<People/Smith, Jo.md>) ", Some("People/Smith, Jo.md"))]
    #[case("[Jo](https://example.org/jo.md)", None)]
    #[case("[Jo](People/Jo.md) and more", None)]
    #[case("Jo", None)]
    fn markdown_links_name_notes(#[case] raw: &str, #[case] target: Option<&str>) {
        assert_eq!(markdown_link_target(raw).as_deref(), target);
    }

    #[rstest]
    #[case::simple("ana rest", Some("ana"))]
    #[case::trailing_dot("ana.", Some("ana"))]
    #[case::possessive("kenji-tanaka's", Some("kenji-tanaka"))]
    #[case::trailing_dash("kim-", Some("kim"))]
    #[case::time("2pm", None)]
    #[case::time_am("10am.", None)]
    #[case::time_h("14h30", None)]
    #[case::time_hours("9h", None)]
    #[case::time_minutes("9.30am", None)]
    #[case::time_minutes_pm("7.45PM", None)]
    #[case::time_dotted("10a.m.", None)]
    #[case::time_four_digits("1230pm", None)]
    #[case::time_range("12-1pm", None)]
    #[case::time_range_both("9am-5pm", None)]
    #[case::time_ish("3pm-ish", None)]
    #[case::hour_then_word("10-speed", Some("10-speed"))]
    #[case::hours_odd_minutes("14h3", Some("14h3"))]
    #[case::year_and_h("1984h", Some("1984h"))]
    #[case::digit_then_am_word("2amigos", Some("2amigos"))]
    #[case::digit_start("3d-printing", Some("3d-printing"))]
    #[case::digits_only("2024", None)]
    #[case::unicode("zoë.", Some("zoë"))]
    #[case::combining_mark("zoe\u{0308} x", Some("zoe\u{0308}"))]
    #[case::cjk("田中 x", Some("田中"))]
    #[case::underscore_start("_bot", Some("_bot"))]
    #[case::dash_start("-x", None)]
    #[case::dot_start(".x", None)]
    #[case::dotted("first.last, hi", Some("first.last"))]
    #[case::colon("sam: hi", Some("sam"))]
    #[case::empty("", None)]
    fn reads_handles(#[case] text: &str, #[case] expected: Option<&str>) {
        assert_eq!(read(text), expected);
    }

    #[rstest]
    #[case(None, true)]
    #[case(Some(' '), true)]
    #[case(Some('('), true)]
    #[case(Some('"'), true)]
    #[case(Some(';'), true)]
    #[case(Some('s'), false)]
    #[case(Some('9'), false)]
    #[case(Some('.'), false)]
    #[case(Some('+'), false)]
    #[case(Some('-'), false)]
    #[case(Some('_'), false)]
    #[case(Some('\u{301}'), false)]
    fn starts(#[case] prev: Option<char>, #[case] expected: bool) {
        assert_eq!(may_start_after(prev), expected);
    }

    #[rstest]
    #[case("alex-bec", Some("alex-bec"))]
    #[case("@kim", Some("kim"))]
    #[case("Alex Bec", Some("Alex-Bec"))]
    #[case("  Sam   Lee ", Some("Sam-Lee"))]
    #[case("[[Kenji Tanaka|Kenji]]", Some("Kenji-Tanaka"))]
    #[case("[[People/Sam Lee]]", Some("Sam-Lee"))]
    #[case("[[Alex Bec#Work]]", Some("Alex-Bec"))]
    #[case("[Jo](People/Jo%20Li.md)", Some("Jo-Li"))]
    #[case("[Jo](<People/Jo Li.md>)", Some("Jo-Li"))]
    #[case("", None)]
    #[case("[[]]", None)]
    #[case("#alex-bec", Some("alex-bec"))]
    #[case("#@cy", Some("cy"))]
    #[case("@#bo", Some("bo"))]
    #[case("~", None)]
    #[case("#", None)]
    #[case("---", None)]
    #[case("O'Brien", Some("O'Brien"))]
    #[case("田中", Some("田中"))]
    fn handles_from_values(#[case] value: &str, #[case] expected: Option<&str>) {
        assert_eq!(handle_from_value(value).as_deref(), expected);
    }
}
