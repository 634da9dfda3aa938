//! The date of a note: from its frontmatter, else its file name.
//!
//! Never from the file's modification time unless asked (`--mtime-dates`):
//! in CI every file's mtime is the checkout time.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use serde_yaml::Value;

use super::frontmatter::Frontmatter;

/// Where a note's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Frontmatter `date` or `created`.
    Frontmatter,
    /// A `YYYY-MM-DD` in the file name.
    Filename,
    /// The file name or path, read with the format of Obsidian's daily notes
    /// (`.obsidian/daily-notes.json`).
    #[serde(rename = "daily-notes")]
    DailyNotes,
    /// The file name or path, read with one of the config's `date_formats`.
    #[serde(rename = "date-format")]
    DateFormat,
    /// The file's modification time (only with `--mtime-dates`).
    Mtime,
}

impl DateSource {
    /// The name used in output and in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Frontmatter => "frontmatter",
            DateSource::Filename => "filename",
            DateSource::DailyNotes => "daily-notes",
            DateSource::DateFormat => "date-format",
            DateSource::Mtime => "mtime",
        }
    }
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})-(\d{2})-(\d{2})").expect("a valid regex"));

/// The time of day a datetime starts its time with, after the date:
/// `T09:30`, `T0930` (ISO's basic form), ` 9:30`, with seconds or not;
/// whatever follows (a fraction, an offset, a zone, words, the end of a
/// range: `14:00-15:30`) is let be.
static TIME_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[Tt](\d{1,2}):(\d{2})(?::(\d{2}))?|[Tt](\d{2})(\d{2})(\d{2})?|[ \t]+(\d{1,2}):(\d{2})(?::(\d{2}))?)(?:\D|$)",
    )
    .expect("a valid regex")
});

/// Reads a date written as `YYYY-MM-DD`, or a datetime starting with one
/// (what follows a space that is no time is let be: `2026-11-27 Friday`);
/// a datetime whose time is no time of day (`T99:99`, `25:00`) is no date,
/// nor is a `T` with no time after it.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    read_iso_date(text).ok()
}

/// What is said of a value that does not even look like a date.
const NOT_A_DATE: &str = "is not a date (YYYY-MM-DD)";

/// [`parse_iso_date`], saying why a value is no date.
fn read_iso_date(text: &str) -> Result<NaiveDate, &'static str> {
    let text = text.trim();
    let head = text.get(..10).ok_or(NOT_A_DATE)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' ', '\t'])) {
        return Err(NOT_A_DATE);
    }
    let day = read_day(head).map_err(|why| match why {
        NoDay::BeforeFirstDay => BEFORE_FIRST_DAY,
        NoDay::NotDayShaped | NoDay::NoSuchDay => NOT_A_DATE,
    })?;
    let no_time = "has no time of day after its date (as `T09:30`)";
    if let Some(time) = TIME_OF_DAY.captures(rest) {
        // Hours, minutes and seconds are groups 1–3 (`T9:30`), 4–6
        // (`T0930`) or 7–9 (` 9:30`), whichever form matched.
        let part = |nth: usize| {
            [nth, nth + 3, nth + 6]
                .into_iter()
                .find_map(|i| time.get(i))
                .map_or(0, |m| m.as_str().parse::<u32>().unwrap_or(u32::MAX))
        };
        let (hour, minute, second) = (part(1), part(2), part(3));
        let is_time = match hour {
            0..=23 => minute <= 59 && second <= 60,
            // The end of a day, `24:00`, only.
            24 => minute == 0 && second == 0,
            _ => false,
        };
        if !is_time {
            return Err(no_time);
        }
    } else if rest.starts_with(['T', 't']) {
        // `T` promises a time: `2026-11-27T` or `2026-11-27Tnoon` is none.
        return Err(no_time);
    }
    Ok(day)
}

/// The first day kith knows: dates before it (of year 0) are refused.
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("a valid date");

/// What is said of a date of year 0, after the value that holds it.
pub const BEFORE_FIRST_DAY: &str = "is before 0001-01-01, the first day kith knows";

/// Why a text is no day ([`read_day`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoDay {
    /// It is not written `YYYY-MM-DD`.
    NotDayShaped,
    /// It is, but the calendar has no such day (`2026-02-30`).
    NoSuchDay,
    /// A day of year 0, before [`FIRST_DAY`].
    BeforeFirstDay,
}

/// Reads a date written exactly as `YYYY-MM-DD`: four digits of year, two
/// of month and two of day (chrono alone takes `26-11-27` as the year 26,
/// and `2026-1-7`).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    read_day(text).ok()
}

/// [`parse_day`], saying why a text is no day.
pub fn read_day(text: &str) -> Result<NaiveDate, NoDay> {
    if !day_shaped(text) {
        return Err(NoDay::NotDayShaped);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| NoDay::NoSuchDay)?;
    if day < FIRST_DAY {
        return Err(NoDay::BeforeFirstDay);
    }
    Ok(day)
}

/// Whether `text` is written `YYYY-MM-DD` (a day of the calendar or not:
/// `2026-02-30` is).
fn day_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, byte)| match i {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

/// What a note's frontmatter says of its date.
#[derive(Debug, Default, PartialEq)]
pub struct FrontmatterDate<'f> {
    /// The date of the first of the keys that holds a valid one.
    pub date: Option<NaiveDate>,
    /// The date keys whose value is not a date (`date: next tuesday`,
    /// `date: 2024-13-45`): each is ignored, and the note must hear why it
    /// is dated otherwise or not at all. An empty value and a template's
    /// placeholder are not counted.
    pub invalid: Vec<InvalidDate<'f>>,
}

/// A date key whose value is no date.
#[derive(Debug, PartialEq)]
pub struct InvalidDate<'f> {
    /// The key, as written.
    pub key: &'f str,
    /// Its value, shown.
    pub value: String,
    /// Why it is no date, said after it: `is not a date (YYYY-MM-DD)`, or
    /// what is wrong with one that looks like a date.
    pub why: &'static str,
}

/// The date from the first of `keys` (`date`, `created`) that holds one,
/// and those of them whose value is no date. A link's target is dated
/// by its name: `YYYY-MM-DD`, else by `name_date` (the vault's daily-note
/// and date formats).
pub fn from_frontmatter<'f>(
    frontmatter: &'f Frontmatter<'_>,
    keys: &[String],
    name_date: &dyn Fn(&str) -> Option<NaiveDate>,
) -> FrontmatterDate<'f> {
    let linked_date = |text: &str| linked_date(text, name_date);
    let mut found = FrontmatterDate::default();
    for key in keys {
        for (k, v) in &frontmatter.mapping {
            let Some(k) = k.as_str().filter(|k| k.eq_ignore_ascii_case(key)) else {
                continue;
            };
            // Why a value that reads as text is no date, once read.
            let mut why = NOT_A_DATE;
            let mut read = |text: &str| read_iso_date(text).map_err(|err| why = err).ok();
            let date = match v {
                Value::String(s) => read(s).or_else(|| linked_date(s)),
                Value::Tagged(tagged) => tagged.value.as_str().and_then(&mut read),
                // `date: [[2024-05-01]]` unquoted: a list in a list.
                Value::Sequence(outer) => match outer.as_slice() {
                    [Value::Sequence(inner)] => match inner.as_slice() {
                        [Value::String(s)] => linked_date(&format!("[[{s}]]")),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            };
            if found.date.is_none() {
                found.date = date;
            }
            if date.is_none() {
                found.invalid.extend(
                    shown_value(v)
                        .filter(|shown| {
                            !is_placeholder(shown) && !is_placeholder(written(frontmatter, k))
                        })
                        .map(|value| InvalidDate { key: k, value, why }),
                );
            }
        }
    }
    found
}

/// The date of a link to a daily note, as Obsidian users write a note's
/// date: `[[2024-05-01]]`, `[[Daily/2024-05-01|May 1st]]`, or a note named
/// by a format `name_date` knows (`[[Journal/05.11.2026]]`).
fn linked_date(text: &str, name_date: &dyn Fn(&str) -> Option<NaiveDate>) -> Option<NaiveDate> {
    let target = text.trim().strip_prefix("[[")?.strip_suffix("]]")?;
    let target = crate::identity::link_path(target);
    let name = target.rsplit('/').next()?;
    parse_day(name).or_else(|| name_date(target))
}

/// Whether a value is a template's placeholder (`{{date}}`, `<%
/// tp.date.now() %>`), filled in when a note is made from the template.
fn is_placeholder(text: &str) -> bool {
    text.contains("{{") || text.contains("<%")
}

/// The rest of the line after `key:` in the frontmatter's text.
fn written<'f>(frontmatter: &'f Frontmatter<'_>, key: &str) -> &'f str {
    frontmatter
        .value_offset(key)
        .and_then(|at| frontmatter.text.get(at.checked_sub(frontmatter.offset)?..))
        .and_then(|rest| rest.lines().next())
        .unwrap_or_default()
}

/// A frontmatter value as a warning shows it, or `None` when it is empty.
fn shown_value(value: &Value) -> Option<String> {
    let shown = match value {
        Value::Null => return None,
        Value::String(s) if s.trim().is_empty() => return None,
        Value::String(s) => s.trim().to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(tagged) => return shown_value(&tagged.value),
    };
    Some(shown)
}

/// The first valid `YYYY-MM-DD` in the file name of `rel_path`.
pub fn from_file_name(rel_path: &str) -> Option<NaiveDate> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    ISO_DATE.captures_iter(name).find_map(|caps| {
        let year = caps[1].parse().ok()?;
        let month = caps[2].parse().ok()?;
        let day = caps[3].parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// The UTC calendar date of a modification time in nanoseconds.
pub fn from_mtime(mtime_ns: i64) -> Option<NaiveDate> {
    if mtime_ns <= 0 {
        return None;
    }
    chrono::DateTime::from_timestamp_nanos(mtime_ns)
        .date_naive()
        .into()
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("2026-11-27", Some((2026, 11, 27)))]
    #[case("2026-11-27T09:30:00", Some((2026, 11, 27)))]
    #[case("2026-11-27 09:30", Some((2026, 11, 27)))]
    #[case("2026-02-30", None)]
    #[case("27/11/2026", None)]
    #[case("2026-11-270", None)]
    #[case("2026-1-07T09:30", None)]
    #[case("0026-11-27", Some((26, 11, 27)))]
    #[case("2026-11-27T23:59:59Z", Some((2026, 11, 27)))]
    #[case("2026-11-27 9:30:00.5 +01:00", Some((2026, 11, 27)))]
    #[case("2026-11-27T09:30-0500", Some((2026, 11, 27)))]
    #[case("2026-12-31T23:30:00+99:00", Some((2026, 12, 31)))]
    #[case("2026-11-27 Friday", Some((2026, 11, 27)))]
    #[case("2026-11-27 9:30 am", Some((2026, 11, 27)))]
    #[case("2026-11-20 14:00-15:30", Some((2026, 11, 20)))]
    #[case("2026-11-21T0930", Some((2026, 11, 21)))]
    #[case("2026-11-21T9:30", Some((2026, 11, 21)))]
    #[case("2026-11-21T093015", Some((2026, 11, 21)))]
    #[case("2026-11-22T09:30:00Z[Europe/Paris]", Some((2026, 11, 22)))]
    #[case("2026-11-22T24:00", Some((2026, 11, 22)))]
    #[case("2026-11-22 1999 edition", Some((2026, 11, 22)))]
    #[case("2026-12-31T99:99", None)]
    #[case("2026-12-31 25:00", None)]
    #[case("2026-12-31T24:30", None)]
    #[case("2026-12-31T12:61", None)]
    #[case("2026-12-31Tnoon", None)]
    #[case("2026-12-31T", None)]
    fn iso_dates(#[case] text: &str, #[case] expected: Option<(i32, u32, u32)>) {
        if expected.is_none() && text.starts_with("2026-12-31") {
            assert!(
                read_iso_date(text)
                    .unwrap_err()
                    .starts_with("has no time of day"),
                "{text}"
            );
        }
        let expected = expected.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(parse_iso_date(text), expected);
    }

    #[test]
    fn a_value_that_is_no_date_is_told_why() {
        assert_eq!(read_iso_date("0000-06-01").unwrap_err(), BEFORE_FIRST_DAY);
        assert_eq!(
            read_iso_date("2026-12-31T99:99").unwrap_err(),
            "has no time of day after its date (as `T09:30`)"
        );
        assert_eq!(
            read_iso_date("soon").unwrap_err(),
            "is not a date (YYYY-MM-DD)"
        );
    }

    #[rstest]
    #[case("2026-11-27", Some((2026, 11, 27)))]
    #[case("26-11-27", None)]
    #[case("2026-1-7", None)]
    #[case("-0001-01-01", None)]
    #[case("+2026-11-27", None)]
    #[case("2026-11-27 ", None)]
    #[case("２０２６-11-27", None)]
    fn days_are_exactly_yyyy_mm_dd(#[case] text: &str, #[case] expected: Option<(i32, u32, u32)>) {
        let expected = expected.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(parse_day(text), expected);
    }

    #[rstest]
    #[case("Daily/2026-11-27.md", Some((2026, 11, 27)))]
    #[case("Meetings/2026-10-14 Sync.md", Some((2026, 10, 14)))]
    #[case("2026-01-01/notes.md", None)]
    #[case("Daily/2026-13-01 then 2026-01-02.md", Some((2026, 1, 2)))]
    #[case("Inbox/ideas.md", None)]
    fn file_name_dates(#[case] path: &str, #[case] expected: Option<(i32, u32, u32)>) {
        let expected = expected.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(from_file_name(path), expected);
    }

    #[rstest]
    #[case("date: 2026-11-27", Some((2026, 11, 27)), None)]
    #[case("date: next tuesday", None, Some(("date", "next tuesday")))]
    #[case("Date: 2026-13-45\ncreated: 2026-01-02", Some((2026, 1, 2)), Some(("Date", "2026-13-45")))]
    #[case("date: 2026-01-02\ncreated: soon", Some((2026, 1, 2)), Some(("created", "soon")))]
    #[case("date: 2026", None, Some(("date", "2026")))]
    #[case("date: [2026-01-02]", None, Some(("date", "a list")))]
    #[case("date:\ncreated: ''", None, None)]
    #[case("date: !day 2026-01-02", Some((2026, 1, 2)), None)]
    #[case("date: <% tp.date.now() %>", None, None)]
    #[case("date: {{date}}", None, None)]
    #[case::a_link_to_the_daily_note("date: \"[[2026-01-02]]\"", Some((2026, 1, 2)), None)]
    #[case::a_link_unquoted("date: [[2026-01-02]]", Some((2026, 1, 2)), None)]
    #[case::a_link_with_a_path_and_text("created: \"[[Daily/2026-01-02|Jan 2nd]]\"", Some((2026, 1, 2)), None)]
    #[case::a_link_to_no_day("date: \"[[Someday]]\"", None, Some(("date", "[[Someday]]")))]
    #[case::a_link_spaced_with_an_extension("date: \"[[ 2026-01-02.markdown ]]\"", Some((2026, 1, 2)), None)]
    fn frontmatter_dates(
        #[case] yaml: &str,
        #[case] expected: Option<(i32, u32, u32)>,
        #[case] invalid: Option<(&str, &str)>,
    ) {
        let frontmatter = Frontmatter::new(serde_yaml::from_str(yaml).unwrap(), yaml, 4);
        let found = from_frontmatter(
            &frontmatter,
            &["date".to_owned(), "created".to_owned()],
            &|_| None,
        );
        let expected = expected.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(found.date, expected);
        assert_eq!(
            found.invalid.first().map(|i| (i.key, i.value.as_str())),
            invalid
        );
    }
}
