//! Text from notes made safe for a terminal.

use std::borrow::Cow;

/// `text` with its control characters (an escape code, a newline in a
/// file name or a property, a bell) written escaped (`\u{1b}`, `\n`), so
/// that a note cannot move the cursor, retitle or clear the terminal, nor
/// break a line of output in two; and the bidirectional overrides and
/// isolates, so that it cannot show a line reversed (`report\u{202e}txt.md`).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.contains(must_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if must_escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is written escaped: a control character, or a
/// bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069).
pub fn must_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// [`escape_controls`], but for line ends: a message of several lines
/// keeps them.
pub fn escape_controls_but_lines(text: &str) -> Cow<'_, str> {
    if !text.contains(|c: char| must_escape(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split('\n')
            .map(escape_controls)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Whether `at` is in one of `ranges` (sorted, not overlapping), found
/// by binary search.
pub fn within(ranges: &[std::ops::Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|range| range.start <= at);
    after > 0 && ranges[after - 1].contains(&at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_escaped() {
        assert!(matches!(escape_controls("plain @ana"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("hi \u{1b}]0;PWNED\u{7} \u{1b}[2J\nok\u{9b}"),
            "hi \\u{1b}]0;PWNED\\u{7} \\u{1b}[2J\\nok\\u{9b}"
        );
        assert_eq!(
            escape_controls("report\u{202e}txt.md \u{2067}x\u{2069} עברית"),
            "report\\u{202e}txt.md \\u{2067}x\\u{2069} עברית"
        );
        assert_eq!(
            escape_controls_but_lines("one \u{1b}[2J\ntwo"),
            "one \\u{1b}[2J\ntwo"
        );
    }
}
