//! Snippets: a mention's block on one line, at most 240 characters.

/// The longest snippet, in characters.
pub const MAX_CHARS: usize = 240;

/// `text` on one line when it fits in [`MAX_CHARS`] (the snippet of every
/// mention in it), else `None`.
pub fn whole(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let tidy = bytes.len() <= MAX_CHARS
        && !bytes.first().is_some_and(u8::is_ascii_whitespace)
        && !bytes.last().is_some_and(u8::is_ascii_whitespace)
        && !bytes
            .windows(2)
            .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
        && !bytes.iter().any(|b| matches!(b, b'\t' | b'\n' | b'\r'));
    if tidy && text.chars().all(|c| c.is_ascii() || !c.is_whitespace()) {
        return Some(text.to_owned());
    }
    let snippet = around(text, 0);
    (snippet.chars().count() < MAX_CHARS || !snippet.ends_with('…')).then_some(snippet)
}

/// `text` with whitespace runs collapsed to one space and trimmed, cut to
/// [`MAX_CHARS`] around byte position `at` (cuts marked with `…`).
pub fn around(text: &str, at: usize) -> String {
    around_each(text, &[at]).pop().unwrap_or_default()
}

/// [`around`] for each of `positions` (sorted), in one pass over `text`:
/// a block with many mentions is not collapsed once per mention.
pub fn around_each(text: &str, positions: &[usize]) -> Vec<String> {
    let mut out: Vec<char> = Vec::with_capacity(text.len().min(MAX_CHARS * 4));
    let mut at_chars = vec![0; positions.len()];
    let mut next = 0;
    let mut pending_space = false;
    for (i, c) in text.char_indices() {
        while next < positions.len() && positions[next] <= i {
            if positions[next] == i {
                at_chars[next] = out.len() + usize::from(pending_space);
            }
            next += 1;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    let count = out.len();
    if count <= MAX_CHARS {
        let whole: String = out.into_iter().collect();
        return vec![whole; positions.len()];
    }
    at_chars
        .into_iter()
        .map(|at_char| {
            let start = at_char.saturating_sub(MAX_CHARS / 2).min(count - MAX_CHARS);
            let end = start + MAX_CHARS;
            let mut cut = String::with_capacity(MAX_CHARS * 4);
            for (i, &c) in out.iter().enumerate().take(end).skip(start) {
                if (i == start && start > 0) || (i == end - 1 && end < count) {
                    cut.push('…');
                } else {
                    cut.push(c);
                }
            }
            cut
        })
        .collect()
}

/// The line of `text` holding byte `offset`, trimmed (for frontmatter).
pub fn line_at(text: &str, offset: usize) -> String {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    around(&text[start..end], 0)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The one-position-at-a-time version `around_each` replaced.
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
        let each = around_each(&text, &positions);
        let one: Vec<String> = positions
            .iter()
            .map(|&at| reference_around(&text, at))
            .collect();
        assert_eq!(each, one);
        assert!(each[4].contains("@ana") && each[4].contains("@bo"));
        assert_eq!(around_each("a  b", &[0, 3]), ["a b", "a b"]);
    }

    #[test]
    fn short_text_near_the_start_keeps_its_start() {
        let text = format!("@ana {}", "y".repeat(400));
        let snippet = around(&text, 0);
        assert!(snippet.starts_with("@ana"));
        assert!(snippet.ends_with('…'));
    }
}
