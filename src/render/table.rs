//! Plain aligned tables for reading on a terminal.
//!
//! Widths are terminal columns, not characters: a CJK character or an
//! emoji takes two columns, a combining accent none, so counting characters
//! would push every row holding one out of line with the others.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::escape_controls;

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
    /// A path, left-aligned and cut at its start (`…/Trip planning.md:8`):
    /// the file name and line, what an editor opens, stay.
    Path,
}

/// A table: a header and rows of cells, written with aligned columns.
#[derive(Debug)]
pub struct Table {
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
    /// For each row, a cell and the byte in it that must show when the
    /// cell is cut (a mention in its snippet), if any.
    focus: Vec<Option<(usize, usize)>>,
    /// The terminal columns a row should fit in: text cells are cut (with
    /// `…`) to fit.
    fit_width: Option<usize>,
}

/// The narrowest a text column is cut to: a date, a short name.
const MIN_TEXT_WIDTH: usize = 10;

impl Table {
    /// A table with these columns.
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Table {
            header: columns.iter().map(|(name, _)| (*name).to_owned()).collect(),
            align: columns.iter().map(|(_, align)| *align).collect(),
            rows: Vec::new(),
            focus: Vec::new(),
            fit_width: None,
        }
    }

    /// Cuts text columns so that a row fits `width` terminal columns: the
    /// widest first, none below its header or [`MIN_TEXT_WIDTH`]; numbers
    /// are never cut (so a very narrow terminal may still wrap a row).
    pub fn fit_to(mut self, width: usize) -> Self {
        self.fit_width = Some(width);
        self
    }

    /// Adds a row (one cell per column), control characters escaped.
    pub fn row(&mut self, cells: Vec<String>) {
        let cells = cells
            .into_iter()
            .map(|cell| match escape_controls(&cell) {
                Cow::Borrowed(_) => cell,
                Cow::Owned(escaped) => escaped,
            })
            .collect();
        self.rows.push(cells);
        self.focus.push(None);
    }

    /// Adds a row whose text cell `column` is cut, if it must be, so that
    /// what `find` finds in it (a mention in a snippet, by its byte offset)
    /// stays in sight.
    pub fn row_showing(
        &mut self,
        cells: Vec<String>,
        column: usize,
        find: impl FnOnce(&str) -> Option<usize>,
    ) {
        self.row(cells);
        let at = self.rows.last().and_then(|row| find(row.get(column)?));
        if let (Some(focus), Some(at)) = (self.focus.last_mut(), at) {
            *focus = Some((column, at));
        }
    }

    /// Writes the table; the header is bold when `color` is set.
    pub fn write(&self, out: &mut impl Write, color: bool) -> io::Result<()> {
        let mut widths = self.widths();
        if let Some(total) = self.fit_width {
            self.cut_to(&mut widths, total);
        }
        let bold = anstyle::Style::new().bold();
        if color {
            write!(out, "{bold}")?;
        }
        self.write_row(out, &self.header, None, &widths)?;
        if color {
            write!(out, "{bold:#}")?;
        }
        writeln!(out)?;
        for (row, focus) in self.rows.iter().zip(&self.focus) {
            self.write_row(out, row, *focus, &widths)?;
            writeln!(out)?;
        }
        Ok(())
    }

    /// The fewest terminal columns a row can take once its text cells are
    /// cut as far as [`Table::fit_to`] cuts them.
    pub fn least_width(&self) -> usize {
        let widths = self.widths();
        let gaps = 2 * widths.len().saturating_sub(1);
        self.least(&widths).iter().sum::<usize>() + gaps
    }

    /// Each column's width: its widest cell or header.
    fn widths(&self) -> Vec<usize> {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| display_width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(display_width(cell));
            }
        }
        widths
    }

    /// The narrowest each column of `widths` is cut to: numbers never,
    /// text to its header or [`MIN_TEXT_WIDTH`].
    fn least(&self, widths: &[usize]) -> Vec<usize> {
        self.header
            .iter()
            .zip(&self.align)
            .zip(widths)
            .map(|((header, align), width)| match align {
                Align::Right => *width,
                Align::Left | Align::Path => {
                    (*width).min(display_width(header).max(MIN_TEXT_WIDTH))
                }
            })
            .collect()
    }

    /// Narrows the text columns of `widths` until a row takes `total`
    /// columns with the two-space gaps, or none can be cut further: the
    /// widest, one terminal column at a time, so that the room left is
    /// shared (a snippet is not cut to nothing beside a long path).
    fn cut_to(&self, widths: &mut [usize], total: usize) {
        let least = self.least(widths);
        let gaps = 2 * widths.len().saturating_sub(1);
        let mut used = widths.iter().sum::<usize>() + gaps;
        while used > total {
            // The widest column that may still be cut (the last of equals).
            let Some(widest) = (0..widths.len())
                .filter(|&i| widths[i] > least[i])
                .max_by_key(|&i| widths[i])
            else {
                break;
            };
            widths[widest] -= 1;
            used -= 1;
        }
    }

    fn write_row(
        &self,
        out: &mut impl Write,
        row: &[String],
        focus: Option<(usize, usize)>,
        widths: &[usize],
    ) -> io::Result<()> {
        let last = widths.len() - 1;
        for (i, width) in widths.iter().enumerate() {
            let text = row.get(i).map_or("", String::as_str);
            let cell = match (self.align[i], focus) {
                (Align::Path, _) => truncate_start(text, *width),
                (Align::Left, Some((column, at))) if column == i => {
                    truncate_around(text, at, *width)
                }
                (Align::Left | Align::Right, _) => truncate(text, *width),
            };
            let pad = width.saturating_sub(display_width(&cell));
            if i > 0 {
                write!(out, "  ")?;
            }
            match self.align[i] {
                Align::Right => write!(out, "{}{cell}", " ".repeat(pad))?,
                Align::Left | Align::Path if i == last => write!(out, "{cell}")?,
                Align::Left | Align::Path => write!(out, "{cell}{}", " ".repeat(pad))?,
            }
        }
        Ok(())
    }
}

/// How many terminal columns `text` takes.
pub fn display_width(text: &str) -> usize {
    text.width()
}

/// `text` cut to `width` terminal columns, the cut marked with `…`; a
/// character as the reader sees it (a grapheme: an accented letter, an
/// emoji sequence such as a family or a flag) is kept whole or left out,
/// never split.
pub fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_owned();
    }
    // `…` takes one column.
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut end = 0;
    for (i, grapheme) in text.grapheme_indices(true) {
        // Measured whole: a sequence can be narrower than its characters
        // added up (a family of three is two columns), or wider (a heart
        // with the emoji variation selector is two, not one).
        used += display_width(grapheme);
        if used > room {
            break;
        }
        end = i + grapheme.len();
    }
    format!("{}…", &text[..end])
}

/// `text` cut to `width` terminal columns so that what starts at byte
/// `at` shows: at its end when that is enough, else at both ends, with
/// about a third of the room before it (graphemes kept whole, see
/// [`truncate`]).
pub fn truncate_around(text: &str, at: usize, width: usize) -> String {
    /// The columns kept for what is at `at` (a name) before a cut.
    const SHOWN: usize = 12;
    if display_width(text) <= width || display_width(text.get(..at).unwrap_or(text)) + SHOWN < width
    {
        return truncate(text, width);
    }
    let room_before = width / 3;
    let mut start = at;
    let mut used = 0;
    for (i, grapheme) in text[..at].grapheme_indices(true).rev() {
        used += display_width(grapheme);
        if used > room_before {
            break;
        }
        start = i;
    }
    if start == 0 {
        return truncate(text, width);
    }
    format!("…{}", truncate(&text[start..], width.saturating_sub(1)))
}

/// `text` cut at its start to `width` terminal columns, the cut marked
/// with `…`, graphemes kept whole (see [`truncate`]).
pub fn truncate_start(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut start = text.len();
    for (i, grapheme) in text.grapheme_indices(true).rev() {
        used += display_width(grapheme);
        if used > room {
            break;
        }
        start = i;
    }
    format!("…{}", &text[start..])
}

/// The width tables are fitted to: `COLUMNS` if set, else the terminal's
/// width when stdout is a terminal. A width of 0 (a terminal that reports
/// no size, as some CI consoles do) is no width.
pub fn terminal_width() -> Option<usize> {
    if let Ok(columns) = std::env::var("COLUMNS")
        && let Ok(columns) = columns.parse()
        && columns > 0
    {
        return Some(columns);
    }
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(width, _)| usize::from(width.0))
        .filter(|&width| width > 0)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    /// The widest column is cut first, so that the room left is shared;
    /// none below ten columns or its header, and numbers never.
    #[rstest]
    #[case::fits(60, [12, 2, 32])]
    #[case::the_widest_first(40, [12, 2, 22])]
    #[case::down_to_the_next_widest(30, [12, 2, 12])]
    #[case::then_both_in_turn(28, [11, 2, 11])]
    #[case::none_below_ten(20, [10, 2, 10])]
    fn cuts_the_widest_column_first(#[case] width: usize, #[case] expected: [usize; 3]) {
        let table = Table::new(&[
            ("NAME", Align::Left),
            ("N", Align::Right),
            ("NOTE", Align::Left),
        ]);
        let mut widths = vec![12, 2, 32];
        table.cut_to(&mut widths, width);
        assert_eq!(widths, expected);
    }

    #[test]
    fn aligns_and_cuts() {
        let mut table = Table::new(&[
            ("NAME", Align::Left),
            ("N", Align::Right),
            ("NOTE", Align::Left),
        ])
        .fit_to(30);
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
            "NAME           N  NOTE\nana           12  a very long…\nkenji-tanaka   3  short\n"
        );
    }

    #[rstest]
    #[case::ascii("ana", 3)]
    #[case::cjk("李小龙", 6)]
    #[case::emoji("🏃 run", 6)]
    #[case::combining_accent("Zoe\u{301}", 3)]
    #[case::emoji_presentation_sequence("\u{2764}\u{FE0F}", 2)]
    #[case::tab("a\tb", 3)]
    fn measures_terminal_columns(#[case] text: &str, #[case] columns: usize) {
        assert_eq!(display_width(text), columns);
    }

    #[rstest]
    #[case::fits("ana", 3, "ana")]
    #[case::ascii_cut("a very long snippet", 10, "a very lo…")]
    #[case::ascii_nothing_left("abc", 0, "…")]
    #[case::cjk_fits("李小龙", 6, "李小龙")]
    #[case::cjk_cut_on_a_boundary("李小龙和", 7, "李小龙…")]
    // No half of 龙 fits in the column left: the cut is a column short.
    #[case::cjk_never_split("李小龙和", 6, "李小…")]
    #[case::emoji_never_split("🏃🏃🏃", 4, "🏃…")]
    #[case::combining_accent_kept("Zoe\u{301} and more", 5, "Zoe\u{301} …")]
    // ❤ alone is one column; with the variation selector it is two, which
    // the three columns left before `…` cannot hold after "ab".
    #[case::sequence_wider_than_its_characters("ab\u{2764}\u{FE0F}cd", 4, "ab…")]
    // A family (woman, ZWJ, woman, ZWJ, girl) is one emoji of two columns.
    #[case::zwj_sequence_kept_whole(
        "x\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}yz",
        4,
        "x\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}…"
    )]
    #[case::zwj_sequence_left_out("x\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}yz", 3, "x…")]
    // A flag is two regional indicators: never one of them alone.
    #[case::flag_never_split("a\u{1F1EF}\u{1F1F5}bc", 3, "a…")]
    fn truncates_by_terminal_columns(
        #[case] text: &str,
        #[case] width: usize,
        #[case] expected: &str,
    ) {
        let cut = truncate(text, width);
        assert_eq!(cut, expected);
        assert!(display_width(&cut) <= width.max(1), "{cut:?}");
    }

    #[rstest]
    #[case::fits("With @ana today", 4, 20, "With @ana today")]
    #[case::shown_before_the_end("With @ana and a long day after", 5, 20, "With @ana and a lon…")]
    #[case::cut_at_both_ends(
        "A long morning, then lunch with @ana and the others",
        32,
        20,
        "… with @ana and the…"
    )]
    #[case::near_the_end("A long morning, then lunch with @ana", 32, 20, "… with @ana")]
    #[case::cjk_never_split("旅行の後で長い一日、そして @ana と", 40, 12, "…て @ana と")]
    fn truncates_around_what_must_show(
        #[case] text: &str,
        #[case] at: usize,
        #[case] width: usize,
        #[case] expected: &str,
    ) {
        let cut = truncate_around(text, at, width);
        assert_eq!(cut, expected);
        assert!(display_width(&cut) <= width, "{cut:?}");
    }

    #[rstest]
    #[case::fits("Daily/a.md:3", 12, "Daily/a.md:3")]
    #[case::keeps_the_name_and_line("Meetings/Trip planning.md:8", 20, "…/Trip planning.md:8")]
    #[case::cjk_never_split("旅行/日本.md", 8, "…日本.md")]
    fn truncates_paths_at_their_start(
        #[case] text: &str,
        #[case] width: usize,
        #[case] expected: &str,
    ) {
        let cut = truncate_start(text, width);
        assert_eq!(cut, expected);
        assert!(display_width(&cut) <= width, "{cut:?}");
    }

    #[test]
    fn aligns_wide_characters_by_columns() {
        let mut table = Table::new(&[
            ("NAME", Align::Left),
            ("N", Align::Right),
            ("NOTE", Align::Left),
        ])
        .fit_to(26);
        table.row(vec!["ana".into(), "12".into(), "running".into()]);
        table.row(vec![
            "李小龙".into(),
            "3".into(),
            "日本/旅行 and a long tail".into(),
        ]);
        table.row(vec!["🏃".into(), "1".into(), "x".into()]);
        let mut out = Vec::new();
        table.write(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "NAME     N  NOTE\n\
             ana     12  running\n\
             李小龙   3  日本/旅行 and…\n\
             🏃       1  x\n"
        );
        // The last column starts at the same terminal column on every row.
        for line in text.lines() {
            let (before, _) = line.rsplit_once("  ").expect("three columns");
            assert_eq!(display_width(before), 10, "{line:?}");
        }
    }
}
