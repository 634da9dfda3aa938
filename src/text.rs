//! Text from notes made safe for a terminal.

use std::borrow::Cow;

/// `text` with its control characters (an escape code, a newline in a
/// file name or a property, a bell) written escaped (`\u{1b}`, `\n`), so
/// that a note cannot move the cursor, retitle or clear the terminal, nor
/// break a line of output in two.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.contains(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`escape_controls`], but for line ends: a message of several lines
/// keeps them.
pub fn escape_controls_but_lines(text: &str) -> Cow<'_, str> {
    if !text.contains(|c: char| c.is_control() && c != '\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split('\n')
            .map(escape_controls)
            .collect::<Vec<_>>()
            .join("\n"),
    )
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
            escape_controls_but_lines("one \u{1b}[2J\ntwo"),
            "one \\u{1b}[2J\ntwo"
        );
    }
}
