//! Plain aligned tables for reading on a terminal.

use std::io::{self, Write};

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// A table: a header and rows of cells, written with aligned columns.
#[derive(Debug)]
pub struct Table {
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
    /// Cut the last column to this many characters (with `…`).
    last_column_width: Option<usize>,
}

impl Table {
    /// A table with these columns.
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Table {
            header: columns.iter().map(|(name, _)| (*name).to_owned()).collect(),
            align: columns.iter().map(|(_, align)| *align).collect(),
            rows: Vec::new(),
            last_column_width: None,
        }
    }

    /// Cuts the last column so that a row fits `width` characters.
    pub fn fit_to(mut self, width: usize) -> Self {
        self.last_column_width = Some(width);
        self
    }

    /// Adds a row (one cell per column).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Writes the table; the header is bold when `color` is set.
    pub fn write(&self, out: &mut impl Write, color: bool) -> io::Result<()> {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        if let Some(total) = self.last_column_width {
            let used: usize = widths[..columns - 1].iter().map(|w| w + 2).sum();
            widths[columns - 1] = widths[columns - 1].min(total.saturating_sub(used).max(10));
        }
        let bold = anstyle::Style::new().bold();
        if color {
            write!(out, "{bold}")?;
        }
        self.write_row(out, &self.header, &widths)?;
        if color {
            write!(out, "{bold:#}")?;
        }
        writeln!(out)?;
        for row in &self.rows {
            self.write_row(out, row, &widths)?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn write_row(&self, out: &mut impl Write, row: &[String], widths: &[usize]) -> io::Result<()> {
        let last = widths.len() - 1;
        for (i, width) in widths.iter().enumerate() {
            let cell = truncate(row.get(i).map_or("", String::as_str), *width);
            let pad = width.saturating_sub(cell.chars().count());
            if i > 0 {
                write!(out, "  ")?;
            }
            match self.align[i] {
                Align::Right => write!(out, "{}{cell}", " ".repeat(pad))?,
                Align::Left if i == last => write!(out, "{cell}")?,
                Align::Left => write!(out, "{cell}{}", " ".repeat(pad))?,
            }
        }
        Ok(())
    }
}

/// `text` cut to `width` characters, the cut marked with `…`.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The width tables are fitted to: `COLUMNS` if set, else the terminal's
/// width when stdout is a terminal.
pub fn terminal_width() -> Option<usize> {
    if let Ok(columns) = std::env::var("COLUMNS")
        && let Ok(columns) = columns.parse()
    {
        return Some(columns);
    }
    terminal_size::terminal_size_of(std::io::stdout()).map(|(width, _)| usize::from(width.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_and_cuts() {
        let mut table = Table::new(&[
            ("NAME", Align::Left),
            ("N", Align::Right),
            ("NOTE", Align::Left),
        ])
        .fit_to(24);
        table.row(vec![
            "ana".into(),
            "12".into(),
            "a very long snippet that goes on".into(),
        ]);
        table.row(vec!["kenji-tanaka".into(), "3".into(), "short".into()]);
        let mut out = Vec::new();
        table.write(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "NAME           N  NOTE\nana           12  a very lo…\nkenji-tanaka   3  short\n"
        );
    }
}
