//! The `@person` rule, and how a written person becomes a handle.

use unicode_normalization::char::is_combining_mark;

/// Whether an `@` after `prev` may start a mention: at the start of a
/// block, or after anything but a letter, digit, `_`, `.`, `+` or `-` (so
/// `jonas@example.com` is no mention).
pub fn may_start_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => !(c.is_alphanumeric() || matches!(c, '_' | '.' | '+' | '-')),
    }
}

fn is_handle_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '_' | '-' | '.')
}

/// The handle as written at the start of `text` (the text just after `@`):
/// letters and marks of any script, digits, `_`, `-`, `.`; it starts with a
/// letter, digit or `_`, holds at least one letter, and loses trailing `.`
/// and `-`. A time of day (`2pm`, `10am`, `14h30`) is no handle.
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

/// `2pm`, `10am`, `9h`, `14h30`: digits with an `am`/`pm`/`h` suffix.
fn is_time_of_day(handle: &str) -> bool {
    let digits = handle.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let suffix = handle[digits..].to_ascii_lowercase();
    match suffix.as_str() {
        "am" | "pm" | "h" => true,
        _ => suffix.strip_prefix('h').is_some_and(|minutes| {
            minutes.len() == 2 && minutes.bytes().all(|b| b.is_ascii_digit())
        }),
    }
}

/// The handle of a person written in frontmatter or as a link target:
/// `@kim` is `kim`, `[[People/Kenji Tanaka|Kenji]]` is `Kenji Tanaka`, and
/// words are joined with `-` (`Alex Bec` is `Alex-Bec`; canonicalise after).
pub fn handle_from_value(value: &str) -> Option<String> {
    let value = value.trim();
    let value = value.strip_prefix('@').unwrap_or(value);
    let value = match value.strip_prefix("[[").and_then(|v| v.strip_suffix("]]")) {
        Some(inner) => link_target_name(inner),
        None => value,
    };
    let handle = value.split_whitespace().collect::<Vec<_>>().join("-");
    let handle = handle.trim_end_matches(['.', '-']);
    (!handle.is_empty()).then(|| handle.to_owned())
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

    #[rstest]
    #[case::simple("ana rest", Some("ana"))]
    #[case::trailing_dot("ana.", Some("ana"))]
    #[case::possessive("kenji-tanaka's", Some("kenji-tanaka"))]
    #[case::trailing_dash("kim-", Some("kim"))]
    #[case::time("2pm", None)]
    #[case::time_am("10am.", None)]
    #[case::time_h("14h30", None)]
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
    #[case("", None)]
    #[case("[[]]", None)]
    fn handles_from_values(#[case] value: &str, #[case] expected: Option<&str>) {
        assert_eq!(handle_from_value(value).as_deref(), expected);
    }
}
