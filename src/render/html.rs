//! The digest and the network report as one self-contained HTML page: no
//! scripts, no external styles, fonts or images (a Content-Security-Policy
//! forbids loading any), readable on a phone, with an inline SVG chart.
//! Every piece of note text, name and path is HTML-escaped.

use std::io::{self, Write};

use html_escape::encode_text;

use super::lists::{counts_shown, date, delta, strength, top_people_shown};
use crate::report::digest::{Bar, DigestReport};
use crate::report::network::NetworkReport;

const STYLE: &str = "
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #6e6e73; --bg: #fff; --line: #e5e5ea; --accent: #3a6ea5; }
@media (prefers-color-scheme: dark) { :root { --fg: #f2f2f7; --muted: #a1a1a6; --bg: #1c1c1e; --line: #3a3a3c; --accent: #7fb0e0; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 56rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
p.lede, .muted { color: var(--muted); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody th { font-weight: normal; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
ul { padding-left: 1.2rem; }
li, p { overflow-wrap: anywhere; }
li { margin: 0.4rem 0; }
code { font-size: 0.9em; overflow-wrap: anywhere; unicode-bidi: isolate; }
.new { color: var(--accent); font-weight: 600; font-size: 0.85em; }
svg.chart { width: 100%; height: auto; display: block; margin: 0.5rem 0 1rem; }
.d { white-space: nowrap; }
svg.chart rect.bar { fill: var(--accent); }
svg.chart text { fill: var(--muted); font-size: 11px; }
svg.chart line { stroke: var(--line); }
@media (max-width: 40rem) { svg.chart text { font-size: 20px; } }
@media print { :root { color-scheme: light; --fg: #000; --muted: #555; --bg: #fff; --line: #ccc; --accent: #1d4f91; } .scroll { overflow: visible; } }
";

/// The chart's drawing size (it scales to the page).
const CHART_WIDTH: usize = 640;
const CHART_HEIGHT: usize = 180;

/// A name (of a person, an interest) as HTML: escaped, and isolated, so
/// that one written right to left (`עברית`) does not carry the count or
/// the names beside it along.
fn name(text: &str) -> String {
    format!("<bdi>{}</bdi>", encode_text(text))
}

fn head(out: &mut impl Write, title: &str) -> io::Result<()> {
    writeln!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(
        out,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        encode_text(title)
    )
}

fn foot(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "<p class=\"muted\">Made by kith from your notes.</p>\n</main>\n</body>\n</html>"
    )
}

/// An inline SVG bar chart of `bars`, with a title for each bar.
pub fn chart(out: &mut impl Write, bars: &[Bar], caption: &str) -> io::Result<()> {
    let (w, h) = (CHART_WIDTH, CHART_HEIGHT);
    let (left, bottom, top) = (28, 22, 10);
    let plot_h = h - bottom - top;
    let most = bars.iter().map(|b| b.mentions).max().unwrap_or(0).max(1);
    writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        html_escape::encode_double_quoted_attribute(caption)
    )?;
    writeln!(out, "<title>{}</title>", encode_text(caption))?;
    writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{w}\" y2=\"{}\"/>",
        h - bottom,
        h - bottom
    )?;
    writeln!(out, "<text x=\"0\" y=\"{}\">{most}</text>", top + 4)?;
    writeln!(out, "<text x=\"0\" y=\"{}\">0</text>", h - bottom)?;
    let slot = (w - left) as f64 / bars.len().max(1) as f64;
    // At most about six labels, so they stay apart when enlarged on a phone.
    let label_every = bars.len().div_ceil(6).max(1);
    // A label says its year when it is the first, or the year changed
    // since the last (`2025-W50`, `W52`, `2026-W02`); the others, not.
    let mut labelled_year = None;
    for (i, bar) in bars.iter().enumerate() {
        let bar_h = (bar.mentions as f64 / most as f64) * plot_h as f64;
        let x = left as f64 + i as f64 * slot + slot * 0.15;
        let y = (h - bottom) as f64 - bar_h;
        writeln!(
            out,
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bar_h:.1}\"><title>{}: {}</title></rect>",
            slot * 0.7,
            encode_text(&bar.label),
            bar.mentions
        )?;
        if i % label_every == 0 {
            let year = bar.label.get(..4);
            let short = if year == labelled_year {
                bar.label.get(5..).unwrap_or(&bar.label)
            } else {
                &bar.label
            };
            labelled_year = year;
            writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + slot * 0.35,
                h - 6,
                encode_text(short)
            )?;
        }
    }
    writeln!(out, "</svg>")
}

/// Writes the digest as one HTML page.
pub fn write_digest(out: &mut impl Write, report: &DigestReport) -> io::Result<()> {
    let period = &report.period;
    let title = format!("kith digest {} to {}", period.since, period.until);
    head(out, &title)?;
    writeln!(
        out,
        "<h1>Digest <span class=\"d\">{}</span> to <span class=\"d\">{}</span></h1>",
        period.since, period.until
    )?;
    writeln!(
        out,
        "<p class=\"lede\">{}</p>",
        super::period_sentence(period, &report.previous_period)
    )?;
    let caption = format!("Mentions of people per {}", period.chart_step().as_str());
    chart(out, &report.chart, &caption)?;
    writeln!(
        out,
        "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">total</th><th scope=\"col\" class=\"n\">this period</th><th scope=\"col\" class=\"n\">previous</th><th scope=\"col\" class=\"n\">change</th></tr></thead>\n<tbody>"
    )?;
    let (c, p) = (&report.totals.current, &report.totals.previous);
    for (label, now, before) in [
        ("mentions", c.mentions, p.mentions),
        ("people", c.people, p.people),
        ("interests", c.interests, p.interests),
        ("notes", c.notes, p.notes),
    ] {
        writeln!(
            out,
            "<tr><th scope=\"row\">{label}</th><td class=\"n\">{now}</td><td class=\"n\">{before}</td><td class=\"n\">{}</td></tr>",
            delta(now, before)
        )?;
    }
    writeln!(out, "</tbody></table></div>")?;

    writeln!(out, "<h2>Who you saw</h2>")?;
    if report.seen.is_empty() {
        writeln!(
            out,
            "<p class=\"muted\">Nobody was mentioned in this period.</p>"
        )?;
    } else {
        writeln!(out, "<ul>")?;
        for person in &report.seen {
            let new = if person.new {
                " <span class=\"new\">new</span>"
            } else {
                ""
            };
            let notes: Vec<String> = person
                .notes
                .iter()
                .map(|n| {
                    format!(
                        "<span class=\"d\">{}</span> <code>{}</code>",
                        date(n.date),
                        encode_text(&n.path)
                    )
                })
                .collect();
            let contexts = counts_shown(&person.contexts, name);
            let contexts = if contexts.is_empty() {
                String::new()
            } else {
                format!(" · {contexts}")
            };
            writeln!(
                out,
                "<li><strong>{}</strong>{new} · {}{contexts}<br><span class=\"muted\">{}</span></li>",
                name(&person.name),
                super::counted(person.mentions, "mention", "mentions"),
                notes.join(", ")
            )?;
        }
        writeln!(out, "</ul>")?;
    }

    writeln!(out, "<h2>New people</h2>")?;
    if report.new_people.is_empty() {
        writeln!(out, "<p class=\"muted\">No one new this period.</p>")?;
    } else {
        let names: Vec<String> = report.new_people.iter().map(|n| name(n)).collect();
        writeln!(out, "<p>{}</p>", names.join(", "))?;
    }

    writeln!(out, "<h2>Interests</h2>")?;
    if report.interests.is_empty() {
        writeln!(
            out,
            "<p class=\"muted\">No interests were mentioned in this period.</p>"
        )?;
    } else {
        writeln!(out, "<ul>")?;
        for interest in &report.interests {
            let new = if interest.new {
                " <span class=\"new\">new</span>"
            } else {
                ""
            };
            writeln!(
                out,
                "<li>{}{new} · {}</li>",
                name(&interest.name),
                interest.mentions
            )?;
        }
        writeln!(out, "</ul>")?;
    }

    writeln!(out, "<h2>Reconnect</h2>")?;
    if report.reconnect.is_empty() && report.reconnect_unlisted > 0 {
        writeln!(
            out,
            "<p class=\"muted\">{} gone quiet for {} or more (<code>--limit 0</code> lists none).</p>",
            match report.reconnect_unlisted {
                1 => "1 person you used to see has".to_owned(),
                n => format!("{n} people you used to see have"),
            },
            super::counted(report.reconnect_after_days, "day", "days")
        )?;
    } else if report.reconnect.is_empty() {
        writeln!(
            out,
            "<p class=\"muted\">No one you used to see has gone quiet for {} or more.</p>",
            super::counted(report.reconnect_after_days, "day", "days")
        )?;
    } else {
        writeln!(
            out,
            "<p class=\"lede\">People you used to see and have not mentioned for {} or more.</p>\n<ul>",
            super::counted(report.reconnect_after_days, "day", "days")
        )?;
        for person in &report.reconnect {
            // A last mention with no interest around it has no contexts
            // to show (and no empty `·  ·`).
            let contexts = if person.contexts.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = person.contexts.iter().map(|c| name(c)).collect();
                format!(" · {}", names.join(", "))
            };
            writeln!(
                out,
                "<li><strong>{}</strong> · last seen <span class=\"d\">{}</span> ({} ago) in <code>{}</code>{contexts} · strength {}</li>",
                name(&person.name),
                person.last_seen,
                super::counted(person.days_since, "day", "days"),
                encode_text(&person.last_note),
                strength(person.strength)
            )?;
        }
        writeln!(out, "</ul>")?;
        if report.reconnect_unlisted > 0 {
            writeln!(
                out,
                "<p class=\"muted\">and {} more (<code>--limit</code> lists more)</p>",
                report.reconnect_unlisted
            )?;
        }
    }
    foot(out)
}

/// Writes the network report as one HTML page.
pub fn write_network(out: &mut impl Write, report: &NetworkReport) -> io::Result<()> {
    head(out, &format!("kith network on {}", report.today))?;
    writeln!(
        out,
        "<h1>Your network on <span class=\"d\">{}</span></h1>",
        report.today
    )?;
    writeln!(
        out,
        "<p class=\"lede\">{} and {} in your notes.</p>",
        super::counted(report.people.len(), "person", "people"),
        super::counted(report.interests.len(), "interest", "interests")
    )?;
    if let Some(window) = super::window_sentence(report.since, report.until) {
        writeln!(out, "<p>{window}</p>")?;
    }
    let bars: Vec<Bar> = report
        .timeline
        .iter()
        .map(|m| Bar {
            start: report.today,
            label: m.month.clone(),
            mentions: m.mentions,
        })
        .collect();
    chart(out, &bars, "Mentions of people per month")?;

    writeln!(out, "<h2>People</h2>\n<div class=\"scroll\"><table>")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">person</th><th scope=\"col\" class=\"n\">strength</th><th scope=\"col\" class=\"n\">mentions</th><th scope=\"col\">last seen</th><th scope=\"col\">top interests</th></tr></thead>\n<tbody>"
    )?;
    for p in &report.people {
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"d\">{}</td><td>{}</td></tr>",
            name(&p.name),
            strength(p.strength),
            p.mentions,
            date(p.last_seen),
            counts_shown(&p.top_interests, name)
        )?;
    }
    writeln!(out, "</tbody></table></div>")?;

    writeln!(out, "<h2>Interests</h2>\n<div class=\"scroll\"><table>")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">interest</th><th scope=\"col\" class=\"n\">mentions</th><th scope=\"col\" class=\"n\">people</th><th scope=\"col\">top people</th></tr></thead>\n<tbody>"
    )?;
    for i in &report.interests {
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            name(&i.name),
            i.mentions,
            i.people,
            top_people_shown(&i.top_people, name)
        )?;
    }
    writeln!(out, "</tbody></table></div>")?;

    if !report.ties.people.is_empty() && !report.ties.interests.is_empty() {
        writeln!(
            out,
            "<h2>Strongest ties by interest</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">person</th>"
        )?;
        for interest in &report.ties.interests {
            writeln!(out, "<th scope=\"col\" class=\"n\">{}</th>", name(interest))?;
        }
        writeln!(out, "</tr></thead>\n<tbody>")?;
        for (person, row) in report.ties.people.iter().zip(&report.ties.counts) {
            write!(out, "<tr><th scope=\"row\">{}</th>", name(person))?;
            for count in row {
                let cell = if *count == 0 {
                    String::new()
                } else {
                    count.to_string()
                };
                write!(out, "<td class=\"n\">{cell}</td>")?;
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(out, "</tbody></table></div>")?;
    }
    foot(out)
}
