//! `kith person` as text, markdown and CSV.

use std::io::{self, Write};

use super::CsvWriter;
use super::lists::{counts, date, date_cell, strength};
use super::tabular::escape_markdown_cell;
use crate::report::person::PersonReport;
use crate::text::escape_controls as safe;

/// The longest bar of the timeline, in characters.
const BAR_WIDTH: i64 = 30;

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
    writeln!(
        out,
        "  written as  {}",
        safe(or_none(&report.spellings.join(", ")))
    )?;
    writeln!(
        out,
        "  mentions    {} in {}, first seen {}, last seen {}",
        report.mentions,
        notes(report.notes),
        date(report.first_seen),
        date(report.last_seen)
    )?;
    writeln!(out, "  strength    {}", strength(report.strength))?;
    if let Some(note) = &report.note {
        writeln!(out, "  note        {}", safe(note))?;
    }
    if !report.aliases.is_empty() {
        writeln!(out, "  aliases     {}", safe(&report.aliases.join(", ")))?;
    }
    if !report.declared_interests.is_empty() {
        writeln!(
            out,
            "  declares    {}",
            safe(&report.declared_interests.join(", "))
        )?;
    }
    for (key, value) in &report.properties {
        // A value of several lines (`bio: |`) is shown on one.
        let value = value.replace(['\n', '\r', '\t'], " ");
        writeln!(out, "  {:<11} {}", safe(key), safe(value.trim_end()))?;
    }
    writeln!(
        out,
        "  interests   {}",
        safe(or_none(&counts(&report.interests)))
    )?;
    writeln!(
        out,
        "  with        {}",
        safe(or_none(&counts(&report.people)))
    )?;
    if !report.timeline.is_empty() {
        writeln!(out, "\n{b}timeline{r}")?;
        let most = report
            .timeline
            .iter()
            .map(|m| m.mentions)
            .max()
            .unwrap_or(1)
            .max(1);
        for month in &report.timeline {
            let bar = usize::try_from(month.mentions * BAR_WIDTH / most).unwrap_or(0);
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
            let place = format!("{}:{}", mention.path, mention.line);
            let line = format!("  {}  {place}  {}", date(mention.date), mention.snippet);
            let line = safe(&line);
            writeln!(out, "{}", super::table::truncate(&line, width))?;
        }
    }
    Ok(())
}

/// `1 note`, `3 notes`.
fn notes(count: usize) -> String {
    if count == 1 {
        "1 note".to_owned()
    } else {
        format!("{count} notes")
    }
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
        notes(report.notes),
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
        writeln!(out, "- **{}:** {}", e(key), e(value))?;
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
