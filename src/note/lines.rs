//! Byte offsets to 1-based line and column numbers.

use std::cell::Cell;

/// The start offsets of every line of a text.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last position asked for: `(byte offset, 0-based column)`. Asking
    /// for later offsets on the same line counts on from there, so the
    /// mentions of one long line cost one pass, not one pass each.
    last: Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text` (lines end at `\n`; a `\r` before
    /// it belongs to the line).
    pub fn new(text: &'a str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            last: Cell::new((0, 0)),
        }
    }

    /// The 1-based line and 1-based column (in characters) of `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let offset = offset.min(self.text.len());
        let (last_offset, last_column) = self.last.get();
        let (from, counted) = if start <= last_offset && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (start, 0)
        };
        let column = match self.text.get(from..offset) {
            Some(between) => {
                let column = counted + between.chars().count();
                self.last.set((offset, column));
                column
            }
            None => self
                .text
                .get(start..offset)
                .map_or(offset - start, |prefix| prefix.chars().count()),
        };
        (line, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let index = LineIndex::new("ab\r\nzoë @x\n");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(4), (2, 1));
        // `@` sits after "zoë " (4 characters, 5 bytes).
        assert_eq!(index.position(9), (2, 5));
    }

    #[test]
    fn positions_asked_in_any_order_agree() {
        let text = "zoë @a\nüber @b @c\n\n@d";
        let fresh = |offset| LineIndex::new(text).position(offset);
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &offset in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(index.position(offset), fresh(offset), "offset {offset}");
        }
    }
}
