//! `kith person` as text, markdown and CSV.

use std::borrow::Cow;
use std::io::{self, Write};

use super::CsvWriter;
use super::lists::{counts, date, date_cell, strength};
use super::table::{display_width, truncate, truncate_start};
use super::tabular::escape_markdown_cell;
use crate::report::person::PersonReport;
use crate::text::escape_controls as safe;

/// The longest bar of the timeline, in characters, on a wide terminal.
const BAR_WIDTH: i64 = 30;

/// The longest bar of the timeline however narrow the terminal: the bars
/// must still tell months apart.
const MIN_BAR_WIDTH: i64 = 8;

/// A profile for reading on a terminal.
pub fn write_text(
    out: &mut impl Write,
    report: &PersonReport,
    width: usize,
    color: bool,
) -> io::Result<()> {
    let bold = anstyle::Style::new().bold();
    let (b, r) = if color {
        (bold.render().to_string(), bold.render_reset().to_string())
    } else {
        (String::new(), String::new())
    };
    writeln!(out, "{b}{}{r}", safe(&report.name))?;
    let field = |out: &mut dyn Write, label: &str, value: &str, separator: &str| {
        write_field(out, label, &safe(value), separator, width)
    };
    field(
        out,
        "written as",
        or_none(&report.spellings.join(", ")),
        ", ",
    )?;
    let seen = format!(
        "{} in {}, first seen {}, last seen {}",
        report.mentions,
        super::counted(report.notes, "note", "notes"),
        date(report.first_seen),
        date(report.last_seen)
    );
    field(out, "mentions", &seen, ", ")?;
    field(out, "strength", &strength(report.strength), " ")?;
    if let Some(note) = &report.note {
        field(out, "note", note, " ")?;
    }
    if !report.aliases.is_empty() {
        field(out, "aliases", &report.aliases.join(", "), ", ")?;
    }
    if !report.declared_interests.is_empty() {
        field(out, "declares", &report.declared_interests.join(", "), ", ")?;
    }
    for (key, value) in &report.properties {
        // A value of several lines (`bio: |`) is shown as one text.
        let value = value.replace(['\n', '\r', '\t'], " ");
        field(out, &property_label(key), value.trim_end(), " ")?;
    }
    field(out, "interests", or_none(&counts(&report.interests)), ", ")?;
    field(out, "with", or_none(&counts(&report.people)), ", ")?;
    if !report.timeline.is_empty() {
        writeln!(out, "\n{b}timeline{r}")?;
        let most = report
            .timeline
            .iter()
            .map(|m| m.mentions)
            .max()
            .unwrap_or(1)
            .max(1);
        // `  2026-11  123  ` before the bar, which takes what is left of
        // the width, up to its longest.
        let before = 2 + 7 + 2 + most.to_string().len().max(3) + 2;
        let bar_width = i64::try_from(width.saturating_sub(before))
            .unwrap_or(BAR_WIDTH)
            .clamp(MIN_BAR_WIDTH, BAR_WIDTH);
        for month in &report.timeline {
            let bar = usize::try_from(month.mentions * bar_width / most).unwrap_or(0);
            let line = format!(
                "  {}  {:>3}  {}",
                month.month,
                month.mentions,
                "█".repeat(bar)
            );
            // A quiet month has no bar: no trailing spaces either.
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    if !report.recent.is_empty() {
        writeln!(out, "\n{b}recent{r}")?;
        for mention in &report.recent {
            let place = safe(&format!("{}:{}", mention.path, mention.line)).into_owned();
            let snippet = safe(&mention.snippet).into_owned();
            let (place, snippet) =
                fit_place_and_snippet(&place, &snippet, width.saturating_sub(16));
            writeln!(out, "  {}  {place}  {snippet}", date(mention.date))?;
        }
    }
    Ok(())
}

/// The labels of a profile's own fields.
const PROFILE_LABELS: [&str; 8] = [
    "written as",
    "mentions",
    "strength",
    "note",
    "aliases",
    "declares",
    "interests",
    "with",
];

/// How a person note's property is labelled: by its key, unless the
/// profile has a field of that name (`note: met at PyCon` beside the
/// person note's path), which it would be taken for.
fn property_label(key: &str) -> Cow<'_, str> {
    if PROFILE_LABELS
        .iter()
        .any(|label| label.eq_ignore_ascii_case(key.trim()))
    {
        Cow::Owned(format!("{key} (property)"))
    } else {
        Cow::Borrowed(key)
    }
}

/// The columns a profile's labels take (`  interests   `).
const LABEL_WIDTH: usize = 14;

/// Writes `  label       value`, the value wrapped at `separator`s to fit
/// `width` columns, its next lines under its first (an item longer than
/// the room left has a line of its own).
fn write_field(
    out: &mut dyn Write,
    label: &str,
    value: &str,
    separator: &str,
    width: usize,
) -> io::Result<()> {
    // A line that goes on ends with the separator's mark (`,`).
    let room = width.saturating_sub(LABEL_WIDTH).max(20) - display_width(separator.trim_end());
    let mut lines: Vec<String> = Vec::new();
    for item in value.split(separator) {
        match lines.last_mut() {
            Some(line)
                if display_width(line) + display_width(separator) + display_width(item) > room =>
            {
                // The separator's mark (`,`) stays at the end of the line.
                line.push_str(separator.trim_end());
                lines.push(item.to_owned());
            }
            Some(line) => {
                line.push_str(separator);
                line.push_str(item);
            }
            None => lines.push(item.to_owned()),
        }
    }
    let label = safe(label);
    let indent = " ".repeat(LABEL_WIDTH);
    let mut lines = lines.iter();
    // A label too long for its column (a property's key) has a line of
    // its own, so that the value keeps the room it was wrapped to.
    if display_width(&label) > LABEL_WIDTH - 3 {
        writeln!(out, "  {label}")?;
    } else if let Some(first) = lines.next() {
        let pad = LABEL_WIDTH - 2 - display_width(&label);
        writeln!(out, "  {label}{}{first}", " ".repeat(pad))?;
    }
    for line in lines {
        writeln!(out, "{indent}{line}")?;
    }
    Ok(())
}

/// A recent mention's place (`path:line`) and snippet, cut to share
/// `room` columns: the snippet keeps at least half (or all it needs), the
/// place is cut at its start (its name and line stay), then the snippet at
/// its end.
fn fit_place_and_snippet(place: &str, snippet: &str, room: usize) -> (String, String) {
    let (place_width, snippet_width) = (display_width(place), display_width(snippet));
    if place_width + snippet_width <= room {
        return (place.to_owned(), snippet.to_owned());
    }
    let snippet_room = snippet_width
        .min(room / 2)
        .max(room.saturating_sub(place_width));
    let place_room = room.saturating_sub(snippet_room).max(10);
    let place = truncate_start(place, place_room);
    let snippet_room = room.saturating_sub(display_width(&place)).max(10);
    (place, truncate(snippet, snippet_room))
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "-" } else { text }
}

/// A profile in markdown.
pub fn write_markdown(out: &mut impl Write, report: &PersonReport) -> io::Result<()> {
    let e = |text: &str| escape_markdown_cell(text);
    writeln!(out, "# {}\n", e(&report.name))?;
    let spellings: Vec<String> = report
        .spellings
        .iter()
        .map(|s| format!("`{}`", s.replace('`', "'")))
        .collect();
    writeln!(out, "- **written as:** {}", or_none(&spellings.join(", ")))?;
    writeln!(
        out,
        "- **mentions:** {} in {}, first seen {}, last seen {}",
        report.mentions,
        super::counted(report.notes, "note", "notes"),
        date(report.first_seen),
        date(report.last_seen)
    )?;
    writeln!(out, "- **strength:** {}", strength(report.strength))?;
    if let Some(note) = &report.note {
        let link = super::digest::wikilink(note);
        writeln!(out, "- **note:** {link}")?;
    }
    if !report.aliases.is_empty() {
        writeln!(out, "- **aliases:** {}", e(&report.aliases.join(", ")))?;
    }
    if !report.declared_interests.is_empty() {
        writeln!(
            out,
            "- **declares:** {}",
            e(&report.declared_interests.join(", "))
        )?;
    }
    for (key, value) in &report.properties {
        writeln!(out, "- **{}:** {}", e(&property_label(key)), e(value))?;
    }
    writeln!(
        out,
        "- **interests:** {}",
        e(or_none(&counts(&report.interests)))
    )?;
    writeln!(out, "- **with:** {}", e(or_none(&counts(&report.people))))?;
    if !report.timeline.is_empty() {
        writeln!(out, "\n## Timeline\n\n| month | mentions |\n| --- | ---: |")?;
        for month in &report.timeline {
            writeln!(out, "| {} | {} |", month.month, month.mentions)?;
        }
    }
    if !report.recent.is_empty() {
        writeln!(
            out,
            "\n## Recent\n\n| date | note | snippet |\n| --- | --- | --- |"
        )?;
        for mention in &report.recent {
            writeln!(
                out,
                "| {} | {}:{} | {} |",
                date(mention.date),
                e(&mention.path),
                mention.line,
                e(&mention.snippet)
            )?;
        }
    }
    Ok(())
}

/// A profile as CSV in long form: `section,key,value,detail`.
pub fn write_csv(out: &mut impl Write, report: &PersonReport) -> io::Result<()> {
    let mut w = CsvWriter::new(out);
    w.write_record(["section", "key", "value", "detail"])?;
    let profile = [
        ("name", report.name.clone()),
        ("mentions", report.mentions.to_string()),
        ("notes", report.notes.to_string()),
        ("first_seen", date_cell(report.first_seen)),
        ("last_seen", date_cell(report.last_seen)),
        ("strength", strength(report.strength)),
    ];
    for (key, value) in profile {
        w.write_record(["profile", key, &value, ""])?;
    }
    for spelling in &report.spellings {
        w.write_record(["spelling", spelling, "", ""])?;
    }
    if let Some(note) = &report.note {
        w.write_record(["note", note, "", ""])?;
    }
    for alias in &report.aliases {
        w.write_record(["alias", alias, "", ""])?;
    }
    for interest in &report.declared_interests {
        w.write_record(["declared_interest", interest, "", ""])?;
    }
    for (key, value) in &report.properties {
        w.write_record(["property", key, value, ""])?;
    }
    for count in &report.interests {
        w.write_record(["interest", &count.name, &count.count.to_string(), ""])?;
    }
    for count in &report.people {
        w.write_record(["person", &count.name, &count.count.to_string(), ""])?;
    }
    for month in &report.timeline {
        w.write_record(["month", &month.month, &month.mentions.to_string(), ""])?;
    }
    for mention in &report.recent {
        let place = format!("{}:{}", mention.path, mention.line);
        w.write_record([
            "mention",
            &date_cell(mention.date),
            &place,
            &mention.snippet,
        ])?;
    }
    w.flush()
}
