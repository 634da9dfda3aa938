//! Byte offsets to 1-based line and column numbers.

/// The start offsets of every line of a text.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text` (lines end at `\n`; a `\r` before
    /// it belongs to the line).
    pub fn new(text: &'a str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// The 1-based line and 1-based column (in characters) of `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let offset = offset.min(self.text.len());
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count());
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
}
