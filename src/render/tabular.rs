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
    /// Columns a terminal table leaves out, in this order, while its rows
    /// cannot fit the terminal even with their text cut.
    pub spare: Vec<&'static str>,
}

impl Tabular {
    /// The same rows; a narrow terminal leaves out the columns `spare`
    /// names, in that order, as far as it must.
    pub fn sparing(self, spare: &[&'static str]) -> Self {
        Tabular {
            spare: spare.to_vec(),
            ..self
        }
    }

    /// Writes aligned columns fitted to `width`, the header in capitals;
    /// the spare columns are left out as far as the width asks.
    pub fn write_table(&self, out: &mut impl Write, width: usize, color: bool) -> io::Result<()> {
        let mut shown_columns: Vec<usize> = (0..self.columns.len()).collect();
        let mut spare = self.spare.iter();
        let table = loop {
            let table = self.table_of(&shown_columns, width);
            let Some(next) = spare.next() else {
                break table;
            };
            if table.least_width() <= width {
                break table;
            }
            shown_columns.retain(|&i| self.columns[i].0 != *next);
        };
        table.write(out, color)
    }

    /// A terminal table of the columns `shown_columns`, fitted to `width`.
    fn table_of(&self, shown_columns: &[usize], width: usize) -> Table {
        let headers: Vec<(String, Align)> = shown_columns
            .iter()
            .map(|&i| {
                let (name, align) = self.columns[i];
                (name.to_uppercase().replace('_', " "), align)
            })
            .collect();
        let headers: Vec<(&str, Align)> = headers.iter().map(|(n, a)| (n.as_str(), *a)).collect();
        let mut table = Table::new(&headers).fit_to(width);
        for row in &self.rows {
            table.row(
                shown_columns
                    .iter()
                    .map(|&i| shown(row.get(i).map_or("", String::as_str)).to_owned())
                    .collect(),
            );
        }
        table
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

    /// A narrow terminal leaves out the spare columns, in their order, as
    /// far as it must: here the first is enough at 30 columns.
    #[test]
    fn a_narrow_table_leaves_out_its_spare_columns() {
        let tabular = Tabular {
            columns: vec![
                ("name", Align::Left),
                ("first_seen", Align::Left),
                ("mentions", Align::Right),
                ("interests", Align::Left),
            ],
            rows: vec![vec![
                "priya-nair".into(),
                "2026-06-07".into(),
                "15".into(),
                "books 4, brunch 3".into(),
            ]],
            spare: Vec::new(),
        }
        .sparing(&["first_seen", "mentions"]);
        let table = |width| {
            let mut out = Vec::new();
            tabular.write_table(&mut out, width, false).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert!(table(80).starts_with("NAME        FIRST SEEN  MENTIONS  INTERESTS\n"));
        assert_eq!(
            table(40),
            "NAME        MENTIONS  INTERESTS\npriya-nair        15  books 4, brunch 3\n"
        );
        assert_eq!(
            table(24),
            "NAME        INTERESTS\npriya-nair  books 4, br…\n"
        );
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let tabular = Tabular {
            columns: vec![("name", Align::Left), ("note", Align::Left)],
            rows: vec![vec!["ana".into(), "said \"hi\", left".into()]],
            spare: Vec::new(),
        };
        let mut out = Vec::new();
        tabular.write_csv(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name,note\nana,\"said \"\"hi\"\", left\"\n"
        );
    }
}
