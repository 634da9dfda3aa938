//! Lists of rows, written as a terminal table, CSV or a markdown table.

use std::io::{self, Write};

use super::CsvWriter;
use super::table::{Align, Table};

/// A list report as rows of text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tabular {
    /// Column names (lowercase, as in CSV) and alignment.
    pub columns: Vec<(&'static str, Align)>,
    /// One row per item, one cell per column; an empty cell is a missing
    /// value (empty in CSV, `-` in a terminal or markdown table).
    pub rows: Vec<Vec<String>>,
}

impl Tabular {
    /// Writes aligned columns fitted to `width`, the header in capitals.
    pub fn write_table(&self, out: &mut impl Write, width: usize, color: bool) -> io::Result<()> {
        let headers: Vec<(String, Align)> = self
            .columns
            .iter()
            .map(|(name, align)| (name.to_uppercase().replace('_', " "), *align))
            .collect();
        let headers: Vec<(&str, Align)> = headers.iter().map(|(n, a)| (n.as_str(), *a)).collect();
        let mut table = Table::new(&headers).fit_to(width);
        for row in &self.rows {
            table.row(row.iter().map(|cell| shown(cell).to_owned()).collect());
        }
        table.write(out, color)
    }

    /// Writes CSV with a header row.
    pub fn write_csv(&self, out: &mut impl Write) -> io::Result<()> {
        let mut writer = CsvWriter::new(out);
        writer.write_record(self.columns.iter().map(|(name, _)| *name))?;
        for row in &self.rows {
            writer.write_record(row)?;
        }
        writer.flush()
    }

    /// Writes a markdown table, cells escaped.
    pub fn write_markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let header: Vec<&str> = self.columns.iter().map(|(name, _)| *name).collect();
        writeln!(out, "| {} |", header.join(" | "))?;
        let rule: Vec<&str> = self
            .columns
            .iter()
            .map(|(_, align)| match align {
                Align::Left | Align::Path => "---",
                Align::Right => "---:",
            })
            .collect();
        writeln!(out, "| {} |", rule.join(" | "))?;
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| escape_markdown_cell(shown(c))).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        Ok(())
    }
}

/// A cell as a table shows it: a missing value as `-`.
fn shown(cell: &str) -> &str {
    if cell.is_empty() { "-" } else { cell }
}

/// Escapes text for a markdown table cell: `|`, `\`, link and tag syntax
/// and HTML, so note text cannot change the table's meaning.
pub fn escape_markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '[' | ']' | '<' | '>' | '*' | '_' | '`' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(
            escape_markdown_cell("a|b [[x]] <b>"),
            r"a\|b \[\[x\]\] \<b\>"
        );
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let tabular = Tabular {
            columns: vec![("name", Align::Left), ("note", Align::Left)],
            rows: vec![vec!["ana".into(), "said \"hi\", left".into()]],
        };
        let mut out = Vec::new();
        tabular.write_csv(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name,note\nana,\"said \"\"hi\"\", left\"\n"
        );
    }
}
