//! The digest and the network report in markdown: for the vault
//! (Obsidian), or for GitHub (a CI job's summary, an issue).
//!
//! For the vault, notes are linked as `[[path/without/extension]]`, so a
//! report saved in the vault links back to its notes, and the frontmatter
//! says `kith: generated` so kith skips the file. For GitHub, where neither
//! frontmatter nor wikilinks render, there is no frontmatter and notes are
//! their paths. People and interests are written in code spans, never as
//! `@name` or `#tag`, so a report saved in the vault does not add mentions
//! or tags of its own.

use std::io::{self, Write};

use super::lists::{counts, date, delta, strength, top_people};
use super::tabular::escape_markdown_cell;
use crate::report::digest::{DigestReport, PeriodTotals};
use crate::report::network::NetworkReport;
use crate::text::{escape_controls, must_escape};

/// Which markdown a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// For the vault: `kith: generated` frontmatter, notes as wikilinks.
    Obsidian,
    /// GitHub-flavoured: no frontmatter, notes as paths in code spans.
    GitHub,
}

impl Flavour {
    /// A reference to the note at `path`.
    fn note(self, path: &str) -> String {
        match self {
            Flavour::Obsidian => wikilink(path),
            Flavour::GitHub => code_span(path),
        }
    }

    /// Opens the report: frontmatter with `fields` (YAML lines) for the
    /// vault, nothing for GitHub.
    fn frontmatter(self, out: &mut impl Write, fields: &str) -> io::Result<()> {
        match self {
            Flavour::Obsidian => writeln!(out, "---\nkith: generated\n{fields}---"),
            Flavour::GitHub => Ok(()),
        }
    }
}

/// What a markdown link's target must escape: what ends it or makes it
/// something else (`%`, spaces, brackets, `#`, `^`, `|`), and controls.
const LINK_TARGET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'%')
    .add(b'#')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'(')
    .add(b')')
    .add(b'<')
    .add(b'>');

/// `[[Daily/2026-11-27]]` for `Daily/2026-11-27.md`. A name no wikilink
/// can hold (`#`, `^`, `|`, `[` or `]`, which Obsidian does not allow in
/// a note's name) is a markdown link to the file instead, which still
/// opens it: `[Meeting #3](Notes/Meeting%20%233.md)`.
pub fn wikilink(path: &str) -> String {
    let target = path
        .strip_suffix(".md")
        .or_else(|| path.strip_suffix(".markdown"))
        .unwrap_or(path);
    if target.contains(['#', '^', '|', '[', ']']) || target.contains(must_escape) {
        // `\|` reads as `|` in a list and does not end a table's cell; a
        // control (a newline in a file name) is written escaped.
        let text = escape_controls(&target.replace(['[', ']'], "")).replace('|', "\\|");
        let href = percent_encoding::utf8_percent_encode(path, LINK_TARGET);
        return format!("[{text}]({href})");
    }
    format!("[[{target}]]")
}

/// `text` in a code span outside a table, as it is: fenced with more
/// backticks than it holds in a row, and spaced when it starts or ends
/// with one (a path may hold both `|` and a backtick).
fn code_span(text: &str) -> String {
    // A control (a newline in a file name) would end the list item.
    let text = escape_controls(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A name in a code span in a table's cell: as it is, its `|` escaped so
/// that it cannot end the cell (GFM reads `\|` there as `|`, even in a
/// code span; outside a table it would stay, so [`code_span`] is used).
fn cell_code(name: &str) -> String {
    code_span(name).replace('|', "\\|")
}

fn totals_table(
    out: &mut impl Write,
    current: &PeriodTotals,
    previous: &PeriodTotals,
) -> io::Result<()> {
    writeln!(out, "| | this period | previous | change |")?;
    writeln!(out, "| --- | ---: | ---: | ---: |")?;
    for (label, now, before) in [
        ("mentions", current.mentions, previous.mentions),
        ("people", current.people, previous.people),
        ("interests", current.interests, previous.interests),
        ("notes", current.notes, previous.notes),
    ] {
        writeln!(
            out,
            "| {label} | {now} | {before} | {} |",
            delta(now, before)
        )?;
    }
    Ok(())
}

/// Writes the digest as markdown of `flavour`.
pub fn write_digest(
    out: &mut impl Write,
    report: &DigestReport,
    flavour: Flavour,
) -> io::Result<()> {
    let period = &report.period;
    let fields = format!("period: {} to {}\n", period.since, period.until);
    flavour.frontmatter(out, &fields)?;
    writeln!(out, "# Digest {} to {}\n", period.since, period.until)?;
    writeln!(
        out,
        "{}\n",
        super::period_sentence(period, &report.previous_period)
    )?;
    totals_table(out, &report.totals.current, &report.totals.previous)?;

    writeln!(out, "\n## Who you saw\n")?;
    if report.seen.is_empty() {
        writeln!(out, "Nobody was mentioned in this period.")?;
    }
    for person in &report.seen {
        let new = if person.new { " (new)" } else { "" };
        let contexts = if person.contexts.is_empty() {
            String::new()
        } else {
            format!(" — {}", escape_markdown_cell(&counts(&person.contexts)))
        };
        writeln!(
            out,
            "- {}{new}: {}{contexts}",
            code_span(&person.name),
            super::counted(person.mentions, "mention", "mentions")
        )?;
        let notes: Vec<String> = person
            .notes
            .iter()
            .map(|n| format!("{} {}", date(n.date), flavour.note(&n.path)))
            .collect();
        writeln!(out, "  - {}", notes.join(", "))?;
    }

    writeln!(out, "\n## New people\n")?;
    if report.new_people.is_empty() {
        writeln!(out, "No one new this period.")?;
    } else {
        let names: Vec<String> = report.new_people.iter().map(|n| code_span(n)).collect();
        writeln!(out, "{}", names.join(", "))?;
    }

    writeln!(out, "\n## Interests\n")?;
    if report.interests.is_empty() {
        writeln!(out, "No interests were mentioned in this period.")?;
    }
    for interest in &report.interests {
        let new = if interest.new { " (new)" } else { "" };
        writeln!(
            out,
            "- {}{new}: {}",
            code_span(&interest.name),
            interest.mentions
        )?;
    }

    writeln!(out, "\n## Reconnect\n")?;
    if report.reconnect.is_empty() && report.reconnect_unlisted > 0 {
        let who = match report.reconnect_unlisted {
            1 => "1 person you used to see has".to_owned(),
            n => format!("{n} people you used to see have"),
        };
        writeln!(
            out,
            "{who} gone quiet for {} or more (`--limit 0` lists none).",
            super::counted(report.reconnect_after_days, "day", "days")
        )?;
    } else if report.reconnect.is_empty() {
        writeln!(
            out,
            "No one you used to see has gone quiet for {} or more.",
            super::counted(report.reconnect_after_days, "day", "days")
        )?;
    } else {
        writeln!(
            out,
            "People you used to see and have not mentioned for {} or more, strongest tie first:\n",
            super::counted(report.reconnect_after_days, "day", "days")
        )?;
    }
    for person in &report.reconnect {
        let contexts = if person.contexts.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = person.contexts.iter().map(|c| code_span(c)).collect();
            format!(", {}", names.join(" "))
        };
        writeln!(
            out,
            "- {}: last seen {} ({} ago) in {}{contexts}; strength {}",
            code_span(&person.name),
            person.last_seen,
            super::counted(person.days_since, "day", "days"),
            flavour.note(&person.last_note),
            strength(person.strength)
        )?;
    }
    if !report.reconnect.is_empty() && report.reconnect_unlisted > 0 {
        writeln!(
            out,
            "- and {} more (`--limit` lists more)",
            report.reconnect_unlisted
        )?;
    }
    Ok(())
}

/// Writes the network report as markdown of `flavour`.
pub fn write_network(
    out: &mut impl Write,
    report: &NetworkReport,
    flavour: Flavour,
) -> io::Result<()> {
    flavour.frontmatter(out, "")?;
    writeln!(out, "# Your network on {}\n", report.today)?;
    if let Some(window) = super::window_sentence(report.since, report.until) {
        writeln!(out, "{window}\n")?;
    }
    writeln!(out, "## People\n")?;
    writeln!(
        out,
        "| person | strength | mentions | last seen | top interests |"
    )?;
    writeln!(out, "| --- | ---: | ---: | --- | --- |")?;
    for p in &report.people {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell_code(&p.name),
            strength(p.strength),
            p.mentions,
            date(p.last_seen),
            escape_markdown_cell(&counts(&p.top_interests))
        )?;
    }
    writeln!(out, "\n## Interests\n")?;
    writeln!(out, "| interest | mentions | people | top people |")?;
    writeln!(out, "| --- | ---: | ---: | --- |")?;
    for i in &report.interests {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell_code(&i.name),
            i.mentions,
            i.people,
            escape_markdown_cell(&top_people(&i.top_people))
        )?;
    }
    if !report.ties.people.is_empty() && !report.ties.interests.is_empty() {
        writeln!(out, "\n## Strongest ties by interest\n")?;
        let header: Vec<String> = report.ties.interests.iter().map(|i| cell_code(i)).collect();
        writeln!(out, "| person | {} |", header.join(" | "))?;
        writeln!(out, "| --- |{}", " ---: |".repeat(header.len()))?;
        for (person, row) in report.ties.people.iter().zip(&report.ties.counts) {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if *c == 0 {
                        String::new()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            writeln!(out, "| {} | {} |", cell_code(person), cells.join(" | "))?;
        }
    }
    if !report.timeline.is_empty() {
        writeln!(out, "\n## Timeline\n")?;
        writeln!(out, "| month | mentions of people |")?;
        writeln!(out, "| --- | ---: |")?;
        for month in &report.timeline {
            writeln!(out, "| {} | {} |", month.month, month.mentions)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newline_in_a_file_name_stays_in_its_line() {
        assert_eq!(code_span("Daily/a\nb.md"), "`Daily/a\\nb.md`");
        assert_eq!(
            wikilink("Daily/rep\u{202e}txt.md"),
            "[Daily/rep\\u{202e}txt](Daily/rep%E2%80%AEtxt.md)"
        );
        assert_eq!(wikilink("Daily/a\nb.md"), "[Daily/a\\nb](Daily/a%0Ab.md)");
    }

    #[test]
    fn code_spans_keep_a_path_as_it_is() {
        assert_eq!(code_span("Daily/2026-11-27.md"), "`Daily/2026-11-27.md`");
        assert_eq!(code_span("a|b.md"), "`a|b.md`");
        assert_eq!(code_span("it`s ``x``.md"), "```it`s ``x``.md```");
        assert_eq!(code_span("`odd`.md"), "`` `odd`.md ``");
    }

    #[test]
    fn wikilinks_drop_the_extension() {
        assert_eq!(wikilink("Daily/2026-11-27.md"), "[[Daily/2026-11-27]]");
        assert_eq!(wikilink("Reading/Club.markdown"), "[[Reading/Club]]");
        assert_eq!(
            wikilink("Notes/Meeting #3 [draft] a|b.md"),
            "[Notes/Meeting #3 draft a\\|b](Notes/Meeting%20%233%20%5Bdraft%5D%20a%7Cb.md)"
        );
    }

    #[test]
    fn names_cannot_escape_their_code_span() {
        assert_eq!(cell_code("a`b"), "``a`b``");
        assert_eq!(cell_code("a|b"), "`a\\|b`");
    }
}
