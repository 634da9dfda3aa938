//! Snippets: a mention's block on one line, at most 240 characters.

use std::borrow::Cow;
use std::ops::Range;

/// The longest snippet, in characters.
pub const MAX_CHARS: usize = 240;

/// A text on one line: whitespace runs collapsed to one space, trimmed.
///
/// Built once per block, however many mentions it holds; each mention's
/// snippet is then either the whole line (when it fits in [`MAX_CHARS`])
/// or a cut around the mention, written with [`OneLine::write_around`].
#[derive(Debug)]
pub struct OneLine<'a> {
    /// Borrowed when the text was on one line already.
    text: Cow<'a, str>,
    /// The length of `text` in characters.
    chars: usize,
    /// The byte offset of each character of `text`, filled in only when a
    /// cut is needed and `text` is not ASCII (for ASCII, characters are
    /// bytes).
    char_starts: Vec<usize>,
}

impl<'a> OneLine<'a> {
    /// Collapses `text`, and finds the character of the one-line text that
    /// each of `positions` (sorted byte offsets in `text`) falls on.
    pub fn new(text: &str, positions: &[usize]) -> (OneLine<'a>, Vec<usize>) {
        let mut out = String::with_capacity(text.len());
        // The same loop for ASCII text (most of it) with characters taken
        // byte by byte, which the compiler makes much faster than decoding.
        let (chars, at_chars) = if text.is_ascii() {
            let ascii = text.bytes().enumerate().map(|(i, b)| (i, char::from(b)));
            collapse(ascii, positions, &mut out)
        } else {
            collapse(text.char_indices(), positions, &mut out)
        };
        let char_starts = if chars > MAX_CHARS && !out.is_ascii() {
            out.char_indices().map(|(i, _)| i).collect()
        } else {
            Vec::new()
        };
        let line = OneLine {
            text: Cow::Owned(out),
            chars,
            char_starts,
        };
        (line, at_chars)
    }

    /// [`OneLine::new`] for a block's text, borrowing it when it needs no
    /// collapsing. A short text with no leading, trailing or doubled ASCII
    /// whitespace, tab or line break is kept as written: so it always was,
    /// a vertical tab (not ASCII whitespace to Rust) included. A long one
    /// already on one line is borrowed too, as collapsing would copy it
    /// unchanged.
    pub fn of_block(text: &'a str, positions: &[usize]) -> (OneLine<'a>, Vec<usize>) {
        let borrowed = |chars| OneLine {
            text: Cow::Borrowed(text),
            chars,
            char_starts: Vec::new(),
        };
        if text.len() <= MAX_CHARS && is_tidy(text) {
            // At most MAX_CHARS bytes, so it fits: no position is needed.
            return (borrowed(text.chars().count()), vec![0; positions.len()]);
        }
        if is_one_line(text) {
            // Collapsing would copy it unchanged, character for byte: a
            // position's character is its byte (past the end, none).
            let at_chars = positions
                .iter()
                .map(|&at| if at < text.len() { at } else { 0 })
                .collect();
            return (borrowed(text.len()), at_chars);
        }
        OneLine::new(text, positions)
    }

    /// The whole line, when it fits in [`MAX_CHARS`] (it is then the
    /// snippet of every mention in it).
    pub fn whole(&self) -> Option<&str> {
        (self.chars <= MAX_CHARS).then_some(self.text.as_ref())
    }

    /// Appends the snippet of the mention at character `at_char`: the
    /// whole line if it fits, else [`MAX_CHARS`] characters around it,
    /// each cut end marked with `…` (in place of the character there).
    pub fn write_around(&self, at_char: usize, out: &mut String) {
        if let Some(whole) = self.whole() {
            out.push_str(whole);
            return;
        }
        let start = at_char
            .saturating_sub(MAX_CHARS / 2)
            .min(self.chars - MAX_CHARS);
        let end = start + MAX_CHARS;
        let byte = |char_index: usize| match self.char_starts.get(char_index) {
            Some(&at) => at,
            None if self.char_starts.is_empty() => char_index.min(self.text.len()),
            None => self.text.len(),
        };
        let (first, last) = (byte(start), byte(end - 1));
        if start > 0 {
            out.push('…');
        } else {
            out.push_str(&self.text[first..byte(start + 1)]);
        }
        out.push_str(&self.text[byte(start + 1)..last]);
        if end < self.chars {
            out.push('…');
        } else {
            out.push_str(&self.text[last..byte(end)]);
        }
    }
}

/// Appends the characters of a text (with their byte offsets) to `out`,
/// whitespace runs as one space, trimmed. Returns how many characters it
/// appended and, for each of `positions`, the character it falls on.
fn collapse(
    text: impl Iterator<Item = (usize, char)>,
    positions: &[usize],
    out: &mut String,
) -> (usize, Vec<usize>) {
    let mut chars = 0;
    let mut at_chars = vec![0; positions.len()];
    let mut next = 0;
    let mut pending_space = false;
    for (i, c) in text {
        while next < positions.len() && positions[next] <= i {
            if positions[next] == i {
                at_chars[next] = chars + usize::from(pending_space);
            }
            next += 1;
        }
        if c.is_whitespace() {
            pending_space = chars > 0;
            continue;
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        out.push(c);
        chars += 1;
    }
    (chars, at_chars)
}

/// Whether `text` has no leading, trailing or doubled ASCII whitespace, no
/// tab or line break, and no non-ASCII whitespace (see
/// [`OneLine::of_block`]).
fn is_tidy(text: &str) -> bool {
    let bytes = text.as_bytes();
    // With no tab or line break, the ASCII whitespace left is space and
    // form feed.
    let space = |b: u8| (b == b' ') | (b == 0x0C);
    let ends = |b: Option<&u8>| b.is_some_and(|&b| space(b));
    !ends(bytes.first())
        && !ends(bytes.last())
        && !any_byte(bytes, |b| (b == b'\t') | (b == b'\n') | (b == b'\r'))
        && !any_pair(bytes, |a, b| space(a) & space(b))
        && (text.is_ascii() || text.chars().all(|c| c.is_ascii() || !c.is_whitespace()))
}

/// Whether `text` is ASCII and on one line already: its only whitespace is
/// single spaces between words. Most long blocks are, and checking is much
/// faster than collapsing.
fn is_one_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    text.is_ascii()
        && first != b' '
        && last != b' '
        // `\t`, `\n`, vertical tab, form feed and `\r` are 0x09 to 0x0D.
        && !any_byte(bytes, |b| b.wrapping_sub(0x09) < 5)
        && !any_pair(bytes, |a, b| (a == b' ') & (b == b' '))
}

/// Whether `hit` holds for any byte. Every byte is tested, without an
/// early exit: a loop without branches, which the compiler vectorises, is
/// much faster on the short texts of blocks.
fn any_byte(bytes: &[u8], hit: impl Fn(u8) -> bool) -> bool {
    bytes.iter().fold(false, |found, &b| found | hit(b))
}

/// [`any_byte`] for each two bytes in a row.
fn any_pair(bytes: &[u8], hit: impl Fn(u8, u8) -> bool) -> bool {
    let next = bytes.get(1..).unwrap_or_default();
    (bytes.iter().zip(next)).fold(false, |found, (&a, &b)| found | hit(a, b))
}

/// Appends the snippets of names at byte `offsets` (sorted) of `text`,
/// all on the line of the first (for frontmatter): that line on one line,
/// whole and once for all of them when it fits, else cut like a block
/// around each. Returns where each name's snippet is in `out`.
pub fn write_line_snippets(text: &str, offsets: &[usize], out: &mut String) -> Vec<Range<usize>> {
    let Some(&first) = offsets.first() else {
        return Vec::new();
    };
    let start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let end = text[first..].find('\n').map_or(text.len(), |i| first + i);
    let in_line: Vec<usize> = offsets.iter().map(|offset| offset - start).collect();
    let (line, at_chars) = OneLine::new(&text[start..end], &in_line);
    let mut write = |at_char| {
        let from = out.len();
        line.write_around(at_char, out);
        from..out.len()
    };
    if line.whole().is_some() {
        vec![write(0); offsets.len()]
    } else {
        at_chars.into_iter().map(write).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with whitespace runs collapsed to one space and trimmed, cut to
    /// [`MAX_CHARS`] around byte position `at` (cuts marked with `…`).
    fn around(text: &str, at: usize) -> String {
        let (line, at_chars) = OneLine::new(text, &[at]);
        let mut out = String::new();
        line.write_around(at_chars[0], &mut out);
        out
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(around("  a \t b\n c  ", 0), "a b c");
    }

    #[test]
    fn long_text_is_cut_around_the_mention() {
        let text = format!("{} @ana {}", "x".repeat(400), "y".repeat(400));
        let snippet = around(&text, 401);
        assert_eq!(snippet.chars().count(), MAX_CHARS);
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
        assert!(snippet.contains("@ana"));
    }

    /// The one-position-at-a-time version [`OneLine`] replaced.
    fn reference_around(text: &str, at: usize) -> String {
        let mut out = String::new();
        let mut count = 0;
        let mut at_char = 0;
        let mut pending_space = false;
        for (i, c) in text.char_indices() {
            if i == at {
                at_char = count + usize::from(pending_space);
            }
            if c.is_whitespace() {
                pending_space = count > 0;
                continue;
            }
            if pending_space {
                out.push(' ');
                count += 1;
                pending_space = false;
            }
            out.push(c);
            count += 1;
        }
        if count <= MAX_CHARS {
            return out;
        }
        let start = at_char.saturating_sub(MAX_CHARS / 2).min(count - MAX_CHARS);
        let end = start + MAX_CHARS;
        let mut cut = String::new();
        for (i, c) in out.chars().enumerate().skip(start).take(MAX_CHARS) {
            if (i == start && start > 0) || (i == end - 1 && end < count) {
                cut.push('…');
            } else {
                cut.push(c);
            }
        }
        cut
    }

    #[test]
    fn each_position_gets_the_snippet_around_it() {
        let text = format!(
            "a  {} @ana {}\t@bo  {} z",
            "x".repeat(300),
            "y".repeat(50),
            "w".repeat(300)
        );
        let positions = [0, 2, 3, 304, 360, 361, text.len()];
        for text in [text.clone(), text.replace('x', "é")] {
            let (line, at_chars) = OneLine::new(&text, &positions);
            let each: Vec<String> = at_chars
                .iter()
                .map(|&at_char| {
                    let mut out = String::new();
                    line.write_around(at_char, &mut out);
                    out
                })
                .collect();
            let one: Vec<String> = positions
                .iter()
                .map(|&at| reference_around(&text, at))
                .collect();
            assert_eq!(each, one);
        }
        let (line, _) = OneLine::new("a  b", &[0, 3]);
        assert_eq!(line.whole(), Some("a b"));
    }

    #[test]
    fn long_blocks_are_cut_as_the_reference_cuts() {
        let words = format!("{} @ana {}", "x ".repeat(200), "y ".repeat(100));
        let words = words.trim_end();
        let texts = [
            words.to_owned(),
            words.replacen(' ', "\x0B", 3),
            words.replacen(' ', "\x0C", 3),
            words.replacen(' ', "  ", 3),
            format!(" {words}"),
        ];
        for text in &texts {
            let positions = [0, 1, 401, text.len() - 1, text.len()];
            let (line, at_chars) = OneLine::of_block(text, &positions);
            for (&at, at_char) in positions.iter().zip(at_chars) {
                let mut out = String::new();
                line.write_around(at_char, &mut out);
                assert_eq!(out, reference_around(text, at), "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn short_text_near_the_start_keeps_its_start() {
        let text = format!("@ana {}", "y".repeat(400));
        let snippet = around(&text, 0);
        assert!(snippet.starts_with("@ana"));
        assert!(snippet.ends_with('…'));
    }
}
