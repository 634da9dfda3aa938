//! Dates from daily-note names written in an Obsidian (Moment.js) format.
//!
//! Obsidian names daily notes with a Moment.js format chosen by the user and
//! kept in `VAULT/.obsidian/daily-notes.json`, e.g.
//! `{"format": "YYYY/MM/DD", "folder": "Journal"}`. A [`DateFormat`] compiles
//! such a format once into an anchored regex and reads the date back out of
//! a note's path; [`read_daily_notes`] loads the vault's settings.
//!
//! How a format is read follows Moment.js: `[text]` is literal, `\x` is a
//! literal `x`, letters that are Moment tokens are tokens, anything else is
//! literal, and the English localized formats (`L`, `LL`, `l`, `LT`...) are
//! expanded first. Names (months, weekdays, ordinal suffixes) are English and
//! matched case-insensitively; literal text is matched exactly. Tokens that
//! carry no part of a date (hours, minutes, ISO weeks, quarters...) are
//! matched loosely so that they don't stop a name from matching, but they
//! are not checked.

use std::io::ErrorKind;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::Deserialize;

use crate::vault::NOTE_EXTENSIONS;

/// Obsidian's daily-note format when none is set.
pub const DEFAULT_FORMAT: &str = "YYYY-MM-DD";

/// English month names, January first (`MMMM`).
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English short month names, January first (`MMM`).
const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// English weekday names, Sunday first as in Moment.js (`dddd`).
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// English short weekday names, Sunday first (`ddd`).
const WEEKDAYS_SHORT: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// English two-letter weekday names, Sunday first (`dd`).
const WEEKDAYS_MIN: [&str; 7] = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];

/// Moment.js's English localized formats, expanded before tokenizing
/// (longest first, as Moment.js matches them).
const LOCALIZED: [(&str, &str); 10] = [
    ("LTS", "h:mm:ss A"),
    ("LT", "h:mm A"),
    ("LLLL", "dddd, MMMM D, YYYY h:mm A"),
    ("LLL", "MMMM D, YYYY h:mm A"),
    ("LL", "MMMM D, YYYY"),
    ("L", "MM/DD/YYYY"),
    ("llll", "ddd, MMM D, YYYY h:mm A"),
    ("lll", "MMM D, YYYY h:mm A"),
    ("ll", "MMM D, YYYY"),
    ("l", "M/D/YYYY"),
];

/// Every Moment.js formatting token, in the order Moment.js tries them
/// (so the longest wins where one is a prefix of another).
const TOKENS: [&str; 67] = [
    "Hmmss", "hmmss", "Hmm", "hmm", "Mo", "MMMM", "MMM", "MM", "M", "Do", "DDDo", "DDDD", "DDD",
    "DD", "D", "dddd", "ddd", "dd", "do", "d", "wo", "ww", "w", "Wo", "WW", "W", "Qo", "Q",
    "NNNNN", "NNNN", "NNN", "NN", "N", "YYYYYY", "YYYYY", "YYYY", "YY", "Y", "yyyy", "yyy", "yy",
    "yo", "y", "ggggg", "gggg", "gg", "GGGGG", "GGGG", "GG", "e", "E", "a", "A", "hh", "h", "HH",
    "H", "kk", "k", "mm", "m", "ss", "s", "x", "X", "zz", "z",
];

/// Regex for an English ordinal suffix (`st`, `nd`, `rd`, `th`).
const ORDINAL_SUFFIX: &str = "(?i:st|nd|rd|th)";

/// What part of a date a supported token's text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// The full year (`YYYY`, `Y`, `YYYYY`, `YYYYYY`).
    Year,
    /// The year in the century, read as 20YY (`YY`).
    ShortYear,
    /// The month number (`M`, `MM`).
    Month,
    /// The month number with an ordinal suffix (`Mo`).
    MonthOrdinal,
    /// The month's English name, full or short (`MMMM`, `MMM`).
    MonthName,
    /// The day of the month (`D`, `DD`).
    Day,
    /// The day of the month with an ordinal suffix (`Do`).
    DayOrdinal,
    /// The weekday number, 0 for Sunday (`d`).
    WeekdayNumber,
    /// The weekday's English name, any length (`dddd`, `ddd`, `dd`).
    WeekdayName,
}

/// One piece of a tokenized format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Literal text, matched exactly (may contain `/`).
    Text(String),
    /// A token: the regex its output matches, and the date part it gives
    /// (`None` for tokens that are matched loosely and ignored).
    Token {
        /// The token's regex, without a capturing group.
        pattern: String,
        /// The date part, when the token carries one.
        field: Option<Field>,
    },
}

/// A file-name date format written with Moment.js tokens.
///
/// Built once per format with [`DateFormat::parse`], then used for every
/// note with [`DateFormat::date_of`].
#[derive(Debug, Clone)]
pub struct DateFormat {
    /// The format as written.
    source: String,
    /// The whole format as an anchored regex; the named group `f{i}` holds
    /// the text of `fields[i]`.
    regex: Regex,
    /// The date part of each capturing group, in order.
    fields: Vec<Field>,
    /// How many `/`-separated path components the format names.
    components: usize,
}

impl DateFormat {
    /// Compiles a Moment.js format.
    ///
    /// Supported tokens: `YYYY`, `YY` (read as 20YY), `M`, `MM`, `MMM`,
    /// `MMMM`, `D`, `DD`, `Do`, and, checked against the date when present
    /// (a wrong weekday means no match), `d`, `dd`, `ddd`, `dddd`. Also
    /// read: `Y`, `YYYYY`, `YYYYYY` (year) and `Mo` (month ordinal). Literal
    /// text, `[escaped text]`, `\x` escapes and `/` as a folder separator
    /// (empty components are dropped, as Obsidian does) are matched exactly.
    /// The English localized formats (`L`, `LL`, `LLL`, `LLLL`, `l`...`llll`,
    /// `LT`, `LTS`) are expanded as Moment.js does.
    ///
    /// Every other Moment.js token (`HH`, `mm`, `ss`, `A`, `Q`, `W`,
    /// `gggg`, `DDDD`, `X`, `Z`...) is *accepted* and matched loosely (digits,
    /// an ordinal, `am`/`pm`, an offset...) without being checked, so that a
    /// format like `YYYY-MM-DD HHmm` still dates its notes. Letters that are
    /// not Moment.js tokens are literal text, as in Moment.js.
    ///
    /// Returns `Err` describing the problem when the format is empty or
    /// lacks a year, a month or a day of the month.
    pub fn parse(format: &str) -> Result<Self, String> {
        let mut pieces = Vec::new();
        tokenize(format, &mut pieces);
        let components = split_components(pieces);
        if components.is_empty() {
            return Err(format!("date format \"{format}\" is empty"));
        }

        let mut fields = Vec::new();
        let mut pattern = String::from("^");
        for (i, component) in components.iter().enumerate() {
            if i > 0 {
                pattern.push('/');
            }
            for piece in component {
                match piece {
                    Piece::Text(text) => pattern.push_str(&regex::escape(text)),
                    Piece::Token {
                        pattern: token,
                        field: Some(field),
                    } => {
                        pattern.push_str(&format!("(?P<f{}>{token})", fields.len()));
                        fields.push(*field);
                    }
                    Piece::Token {
                        pattern: token,
                        field: None,
                    } => pattern.push_str(&format!("(?:{token})")),
                }
            }
        }
        pattern.push('$');

        let has = |wanted: &[Field]| fields.iter().any(|f| wanted.contains(f));
        let mut missing = Vec::new();
        if !has(&[Field::Year, Field::ShortYear]) {
            missing.push("year (YYYY or YY)");
        }
        if !has(&[Field::Month, Field::MonthOrdinal, Field::MonthName]) {
            missing.push("month (M, MM, MMM or MMMM)");
        }
        if !has(&[Field::Day, Field::DayOrdinal]) {
            missing.push("day of the month (D, DD or Do)");
        }
        if !missing.is_empty() {
            return Err(format!(
                "date format \"{format}\" cannot name a day: it has no {}",
                missing.join(", no ")
            ));
        }

        let regex = Regex::new(&pattern)
            .map_err(|err| format!("date format \"{format}\" cannot be compiled: {err}"))?;
        Ok(DateFormat {
            source: format.to_owned(),
            regex,
            fields,
            components: components.len(),
        })
    }

    /// The format as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The date a note's path is named after, if it is.
    ///
    /// `rel_path` is relative to the vault, with `/` separators, and keeps
    /// its extension, which must be `.md` or `.markdown` (any case). The
    /// path without its extension matches when its last components (as many
    /// as the format has: the file name alone when the format has no `/`)
    /// are exactly what the format would produce for a real date. So a note
    /// named by the format is dated wherever it sits, including the whole
    /// relative path. Returns `None` for names that don't match, impossible
    /// dates (Feb 30), wrong weekdays, wrong ordinal suffixes (`1th`), or
    /// a token repeated with different values (`YYYY/YYYY-MM-DD`).
    pub fn date_of(&self, rel_path: &str) -> Option<NaiveDate> {
        let stem = strip_note_extension(rel_path)?;
        let name = last_components(stem, self.components)?;
        let caps = self.regex.captures(name)?;

        let mut year = None;
        let mut month = None;
        let mut day = None;
        let mut weekday = None;
        // Every capturing group is a field's `f{i}` group, in order, so
        // group `i + 1` is `fields[i]`.
        for (i, field) in self.fields.iter().enumerate() {
            let text = caps.get(i + 1)?.as_str();
            match field {
                Field::Year => set(&mut year, text.parse::<i32>().ok()?)?,
                Field::ShortYear => set(&mut year, 2000 + text.parse::<i32>().ok()?)?,
                Field::Month => set(&mut month, text.parse::<u32>().ok()?)?,
                Field::MonthOrdinal => set(&mut month, parse_ordinal(text)?)?,
                Field::MonthName => set(&mut month, month_of_name(text)?)?,
                Field::Day => set(&mut day, text.parse::<u32>().ok()?)?,
                Field::DayOrdinal => set(&mut day, parse_ordinal(text)?)?,
                Field::WeekdayNumber => set(&mut weekday, text.parse::<u32>().ok()?)?,
                Field::WeekdayName => set(&mut weekday, weekday_of_name(text)?)?,
            }
        }

        let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
        match weekday {
            Some(w) if w != date.weekday().num_days_from_sunday() => None,
            _ => Some(date),
        }
    }
}

/// The daily-note settings of an Obsidian vault: `.obsidian/daily-notes.json`
/// read and compiled.
#[derive(Debug, Clone)]
pub struct DailyNotes {
    /// The file-name format (`YYYY-MM-DD` when none is set).
    pub format: DateFormat,
    /// The folder daily notes are created in, relative to the vault with no
    /// leading or trailing `/`; `None` for the vault root.
    pub folder: Option<String>,
}

/// The keys kith reads from `daily-notes.json` (others are ignored).
#[derive(Debug, Deserialize)]
struct Settings {
    /// The Moment.js format.
    format: Option<String>,
    /// The folder, relative to the vault.
    folder: Option<String>,
}

impl DailyNotes {
    /// Compiles the text of a `daily-notes.json`.
    ///
    /// Missing, `null` or blank `format` means `YYYY-MM-DD`; missing, `null`
    /// or blank `folder` (or `/`) means the vault root. A blank text means
    /// the defaults. Returns `Err` describing the problem for invalid JSON
    /// or an unusable format.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let settings = if text.trim().is_empty() {
            Settings {
                format: None,
                folder: None,
            }
        } else {
            serde_json::from_str::<Settings>(text).map_err(|err| format!("invalid JSON: {err}"))?
        };
        let format = settings
            .format
            .filter(|format| !format.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_FORMAT.to_owned());
        Ok(DailyNotes {
            format: DateFormat::parse(&format)?,
            folder: settings.folder.as_deref().and_then(normalize_folder),
        })
    }

    /// The date a daily note's path is named after, if it is one.
    ///
    /// When a folder is set, `rel_path` must be inside it, and the rest of
    /// the path must match the format as in [`DateFormat::date_of`] (so a
    /// daily note moved to a subfolder of the folder still counts).
    pub fn date_of(&self, rel_path: &str) -> Option<NaiveDate> {
        match &self.folder {
            None => self.format.date_of(rel_path),
            Some(folder) => {
                let rest = rel_path.strip_prefix(folder.as_str())?.strip_prefix('/')?;
                self.format.date_of(rest)
            }
        }
    }
}

/// Reads and compiles `VAULT/.obsidian/daily-notes.json`.
///
/// `Ok(None)` when the file does not exist; `Err` (what is wrong, for a
/// warning that names the file) when it cannot be read or parsed, or its
/// format is unusable.
pub fn read_daily_notes(vault: &Path) -> Result<Option<DailyNotes>, String> {
    let path = crate::vault::path_in(vault, ".obsidian/daily-notes.json");
    // A FIFO (or a folder) in its place would block the read, or fail it.
    if std::fs::metadata(&path).is_ok_and(|meta| !meta.is_file()) {
        return Err("cannot read it: not a regular file".to_owned());
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(format!("cannot read it: {err}")),
    };
    DailyNotes::from_json(&text).map(Some)
}

/// Splits a Moment.js format into pieces, the way Moment.js reads it.
fn tokenize(format: &str, pieces: &mut Vec<Piece>) {
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            // Moment.js: `\[[^\[]*\]`, i.e. up to the last `]` before the next `[`.
            let span = rest[1..].find('[').map_or(rest.len(), |i| i + 1);
            if let Some(close) = rest[1..span].rfind(']') {
                push_text(pieces, &rest[1..1 + close]);
                rest = &rest[close + 2..];
                continue;
            }
        } else if c == '\\' {
            match rest[1..].chars().next() {
                Some(next) => {
                    let end = 1 + next.len_utf8();
                    push_text(pieces, &rest[1..end]);
                    rest = &rest[end..];
                }
                None => {
                    push_text(pieces, "\\");
                    rest = "";
                }
            }
            continue;
        } else if let Some((name, expansion)) =
            LOCALIZED.iter().find(|(name, _)| rest.starts_with(name))
        {
            tokenize(expansion, pieces);
            rest = &rest[name.len()..];
            continue;
        } else if let Some(token) = TOKENS.iter().find(|token| rest.starts_with(*token)) {
            let (pattern, field) = token_regex(token);
            pieces.push(Piece::Token {
                pattern: pattern.to_owned(),
                field,
            });
            rest = &rest[token.len()..];
            continue;
        }
        push_text(pieces, &rest[..c.len_utf8()]);
        rest = &rest[c.len_utf8()..];
    }
}

/// Appends literal text, merging it with literal text just before.
fn push_text(pieces: &mut Vec<Piece>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Text(last)) = pieces.last_mut() {
        last.push_str(text);
    } else {
        pieces.push(Piece::Text(text.to_owned()));
    }
}

/// The regex a token's output matches, and the date part it carries.
fn token_regex(token: &str) -> (String, Option<Field>) {
    let names = |names: &[&str]| format!("(?i:{})", names.join("|"));
    let day = "[12][0-9]|3[01]|[1-9]";
    let month = "1[0-2]|[1-9]";
    let (pattern, field) = match token {
        "YYYY" | "Y" => ("[0-9]{4}".to_owned(), Some(Field::Year)),
        "YYYYY" => ("[0-9]{5}".to_owned(), Some(Field::Year)),
        "YYYYYY" => ("[+-][0-9]{6}".to_owned(), Some(Field::Year)),
        "YY" => ("[0-9]{2}".to_owned(), Some(Field::ShortYear)),
        "M" => (month.to_owned(), Some(Field::Month)),
        "MM" => ("0[1-9]|1[0-2]".to_owned(), Some(Field::Month)),
        "Mo" => (
            format!("(?:{month}){ORDINAL_SUFFIX}"),
            Some(Field::MonthOrdinal),
        ),
        "MMM" => (names(&MONTHS_SHORT), Some(Field::MonthName)),
        "MMMM" => (names(&MONTHS), Some(Field::MonthName)),
        "D" => (day.to_owned(), Some(Field::Day)),
        "DD" => ("0[1-9]|[12][0-9]|3[01]".to_owned(), Some(Field::Day)),
        "Do" => (
            format!("(?:{day}){ORDINAL_SUFFIX}"),
            Some(Field::DayOrdinal),
        ),
        "d" => ("[0-6]".to_owned(), Some(Field::WeekdayNumber)),
        "dd" => (names(&WEEKDAYS_MIN), Some(Field::WeekdayName)),
        "ddd" => (names(&WEEKDAYS_SHORT), Some(Field::WeekdayName)),
        "dddd" => (names(&WEEKDAYS), Some(Field::WeekdayName)),
        // Tokens below carry no date part: matched loosely, never checked.
        "Qo" | "DDDo" | "do" | "wo" | "Wo" | "yo" => (format!("[0-9]+{ORDINAL_SUFFIX}"), None),
        "a" | "A" => ("(?i:am|pm)".to_owned(), None),
        "N" | "NN" | "NNN" | "NNNN" | "NNNNN" => {
            ("(?i:AD|BC|Anno Domini|Before Christ)".to_owned(), None)
        }
        "Z" | "ZZ" => ("[+-][0-9]{2}:?[0-9]{2}".to_owned(), None),
        "z" | "zz" => ("[A-Za-z]*".to_owned(), None),
        "x" | "X" => ("-?[0-9]+".to_owned(), None),
        // Hours, minutes, seconds, fractions, quarters, weeks, week years,
        // day of year, weekday numbers (`e`, `E`), era years.
        _ => ("[0-9]+".to_owned(), None),
    };
    (pattern, field)
}

/// Splits pieces into `/`-separated path components, dropping empty and
/// `.` components as Obsidian does when it joins a path.
fn split_components(pieces: Vec<Piece>) -> Vec<Vec<Piece>> {
    let mut components = Vec::new();
    let mut current = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                let mut parts = text.split('/');
                if let Some(first) = parts.next() {
                    push_text(&mut current, first);
                }
                for part in parts {
                    components.push(std::mem::take(&mut current));
                    push_text(&mut current, part);
                }
            }
            token => current.push(token),
        }
    }
    components.push(current);
    components
        .retain(|component| !(component.is_empty() || *component == [Piece::Text(".".to_owned())]));
    components
}

/// The path without a note extension (`.md`, `.markdown`, any case), or
/// `None` if it has none.
fn strip_note_extension(path: &str) -> Option<&str> {
    let (stem, extension) = path.rsplit_once('.')?;
    let is_note = !extension.contains('/')
        && NOTE_EXTENSIONS
            .iter()
            .any(|note| note.eq_ignore_ascii_case(extension));
    is_note.then_some(stem)
}

/// The last `count` `/`-separated components of `path` (all of it when it
/// has exactly `count`), or `None` when it has fewer.
fn last_components(path: &str, count: usize) -> Option<&str> {
    match path.rmatch_indices('/').nth(count.checked_sub(1)?) {
        Some((slash, _)) => Some(&path[slash + 1..]),
        None if path.matches('/').count() + 1 == count => Some(path),
        None => None,
    }
}

/// Records a date part, failing if a different value was recorded already.
fn set<T: PartialEq>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(old) if *old != value => None,
        _ => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// The number of an English ordinal (`1st`, `22nd`), if its suffix is right.
fn parse_ordinal(text: &str) -> Option<u32> {
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    let number: u32 = text[..digits].parse().ok()?;
    let suffix = match (number % 100 / 10, number % 10) {
        (1, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    text[digits..]
        .eq_ignore_ascii_case(suffix)
        .then_some(number)
}

/// The month number (1-12) of an English month name, full or short.
fn month_of_name(name: &str) -> Option<u32> {
    let index = MONTHS
        .iter()
        .position(|month| month.eq_ignore_ascii_case(name))
        .or_else(|| {
            MONTHS_SHORT
                .iter()
                .position(|month| month.eq_ignore_ascii_case(name))
        })?;
    u32::try_from(index + 1).ok()
}

/// The weekday number (0 for Sunday) of an English weekday name, of any
/// length Moment.js writes.
fn weekday_of_name(name: &str) -> Option<u32> {
    let index = [WEEKDAYS, WEEKDAYS_SHORT, WEEKDAYS_MIN]
        .iter()
        .find_map(|names| names.iter().position(|day| day.eq_ignore_ascii_case(name)))?;
    u32::try_from(index).ok()
}

/// Normalizes a folder setting: `\` to `/`, no empty or `.` components;
/// `None` for the vault root.
fn normalize_folder(folder: &str) -> Option<String> {
    let folder = folder.trim().replace('\\', "/");
    let parts: Vec<&str> = folder
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn ymd(expected: Option<(i32, u32, u32)>) -> Option<NaiveDate> {
        expected.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[rstest]
    // The three real-world examples.
    #[case("MMMM Do, YYYY, dddd", "April 10th, 2022, Sunday.md", Some((2022, 4, 10)))]
    #[case("YYYY_MM_DD", "2022_03_06.md", Some((2022, 3, 6)))]
    #[case("YYYY/MM/DD", "2024/03/06.md", Some((2024, 3, 6)))]
    // YYYY, YY, Y.
    #[case("YYYY-MM-DD", "2024-03-06.md", Some((2024, 3, 6)))]
    #[case("YYYYMMDD", "20240306.md", Some((2024, 3, 6)))]
    #[case("YY-MM-DD", "24-03-06.md", Some((2024, 3, 6)))]
    #[case("YY-MM-DD", "2024-03-06.md", None)]
    #[case("Y-MM-DD", "2024-03-06.md", Some((2024, 3, 6)))]
    // M, MM, Mo, MMM, MMMM.
    #[case("YYYY-M-D", "2024-3-6.md", Some((2024, 3, 6)))]
    #[case("YYYY-M-D", "2024-12-31.md", Some((2024, 12, 31)))]
    #[case("YYYY-M-D", "2024-03-06.md", None)]
    #[case("YYYY-MM-DD", "2024-3-6.md", None)]
    #[case("YYYY-MM-DD", "2024-13-06.md", None)]
    #[case("Do [of the] Mo [month,] YYYY", "6th of the 3rd month, 2024.md", Some((2024, 3, 6)))]
    #[case("MMM D, YYYY", "Mar 6, 2024.md", Some((2024, 3, 6)))]
    #[case("MMM D, YYYY", "MAR 6, 2024.md", Some((2024, 3, 6)))]
    #[case("MMM D, YYYY", "March 6, 2024.md", None)]
    #[case("MMMM D, YYYY", "march 6, 2024.md", Some((2024, 3, 6)))]
    #[case("MMMM D, YYYY", "Mar 6, 2024.md", None)]
    #[case("D MMMM YYYY", "6 Sept 2024.md", None)]
    // D, DD, Do.
    #[case("YYYY-MM-D", "2024-03-6.md", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD", "2024-03-31.md", Some((2024, 3, 31)))]
    #[case("MMMM Do YYYY", "March 1st 2024.md", Some((2024, 3, 1)))]
    #[case("MMMM Do YYYY", "March 2nd 2024.md", Some((2024, 3, 2)))]
    #[case("MMMM Do YYYY", "March 3rd 2024.md", Some((2024, 3, 3)))]
    #[case("MMMM Do YYYY", "March 11th 2024.md", Some((2024, 3, 11)))]
    #[case("MMMM Do YYYY", "March 12th 2024.md", Some((2024, 3, 12)))]
    #[case("MMMM Do YYYY", "March 22nd 2024.md", Some((2024, 3, 22)))]
    #[case("MMMM Do YYYY", "March 31st 2024.md", Some((2024, 3, 31)))]
    #[case("MMMM Do YYYY", "March 1th 2024.md", None)]
    #[case("MMMM Do YYYY", "March 12nd 2024.md", None)]
    #[case("MMMM Do YYYY", "March 6 2024.md", None)]
    // d, dd, ddd, dddd: checked when present.
    #[case("YYYY-MM-DD d", "2024-03-06 3.md", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD d", "2024-03-06 4.md", None)]
    #[case("YYYY-MM-DD dd", "2024-03-06 We.md", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD ddd", "2024-03-06 Wed.md", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD ddd", "2024-03-06 Thu.md", None)]
    #[case("dddd, YYYY-MM-DD", "Wednesday, 2024-03-06.md", Some((2024, 3, 6)))]
    #[case("dddd, YYYY-MM-DD", "wednesday, 2024-03-06.md", Some((2024, 3, 6)))]
    #[case("dddd, YYYY-MM-DD", "Thursday, 2024-03-06.md", None)]
    #[case("MMMM Do, YYYY, dddd", "April 10th, 2022, Monday.md", None)]
    // Real dates only.
    #[case("YYYY-MM-DD", "2022-02-30.md", None)]
    #[case("YYYY-MM-DD", "2023-02-29.md", None)]
    #[case("YYYY-MM-DD", "2024-02-29.md", Some((2024, 2, 29)))]
    #[case("YYYY-MM-DD", "2024-04-31.md", None)]
    // Escaped and literal text.
    #[case("YYYY-MM-DD [Week] W", "2024-03-06 Week 10.md", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD [Week] W", "2024-03-06 week 10.md", None)]
    #[case("YYYY-MM-DD [Week] W", "2024-03-06 Week.md", None)]
    #[case("[Daily Note] YYYY-MM-DD", "Daily Note 2024-03-06.md", Some((2024, 3, 6)))]
    #[case(r"YYYY-MM-DD \D\a\y", "2024-03-06 Day.md", Some((2024, 3, 6)))]
    #[case("[Journée] DD.MM.YYYY", "Journée 06.03.2024.md", Some((2024, 3, 6)))]
    #[case("DD.MM.YYYY – ü", "06.03.2024 – ü.md", Some((2024, 3, 6)))]
    #[case("YYYY.MM.DD (+)", "2024.03.06 (+).md", Some((2024, 3, 6)))]
    #[case("YYYY.MM.DD", "2024x03x06.md", None)]
    #[case("[(]YYYY-MM-DD[)]", "(2024-03-06).md", Some((2024, 3, 6)))]
    #[case("[Day ]YYYY-MM-DD[]]", "Day 2024-03-06].md", Some((2024, 3, 6)))]
    #[case("[Day ]YYYY-MM-DD[", "Day 2024-03-06[.md", Some((2024, 3, 6)))]
    // Loosely matched tokens.
    #[case("YYYY-MM-DD HHmm", "2024-03-06 0930.md", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD HHmm", "2024-03-06 Notes.md", None)]
    #[case("YYYY-MM-DD h.mm A", "2024-03-06 9.30 PM.md", Some((2024, 3, 6)))]
    #[case("gggg-[W]ww-YYYY-MM-DD", "2024-W10-2024-03-06.md", Some((2024, 3, 6)))]
    // Localized formats.
    #[case("L", "03/06/2024.md", Some((2024, 3, 6)))]
    #[case("LL", "March 6, 2024.md", Some((2024, 3, 6)))]
    #[case("ll", "Mar 6, 2024.md", Some((2024, 3, 6)))]
    // Folders in the format.
    #[case("YYYY/MM/YYYY-MM-DD", "2024/03/2024-03-06.md", Some((2024, 3, 6)))]
    #[case("YYYY/MM/YYYY-MM-DD", "2024/04/2024-03-06.md", None)]
    #[case("YYYY/MM/DD", "Journal/2024/03/06.md", Some((2024, 3, 6)))]
    #[case("YYYY/MM/DD", "03/06.md", None)]
    #[case("YYYY/MM/DD", "2024-03-06.md", None)]
    #[case("YYYY/MMMM/Do", "2024/March/6th.md", Some((2024, 3, 6)))]
    #[case("/YYYY//MM-DD/", "2024/03-06.md", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD", "Daily/2024-03-06.md", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD", "2024-03-06/notes.md", None)]
    // Extensions.
    #[case("YYYY-MM-DD", "2024-03-06.markdown", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD", "2024-03-06.MD", Some((2024, 3, 6)))]
    #[case("YYYY-MM-DD", "2024-03-06.txt", None)]
    #[case("YYYY-MM-DD", "2024-03-06", None)]
    #[case("YYYY-MM-DD", "2024-03-06.md.bak", None)]
    // Names that don't match.
    #[case("YYYY-MM-DD", "Inbox/ideas.md", None)]
    #[case("YYYY-MM-DD", "2024-03-06 Meeting.md", None)]
    #[case("YYYY-MM-DD", "x2024-03-06.md", None)]
    #[case("YYYY-MM-DD", "", None)]
    #[case("YYYY-MM-DD", ".md", None)]
    fn dates_of_names(
        #[case] format: &str,
        #[case] path: &str,
        #[case] expected: Option<(i32, u32, u32)>,
    ) {
        let format = DateFormat::parse(format).unwrap();
        assert_eq!(format.date_of(path), ymd(expected), "{path}");
    }

    #[rstest]
    #[case("", "is empty")]
    #[case("///", "is empty")]
    #[case("[Week] W", "no year")]
    #[case("gggg-[W]ww", "no year (YYYY or YY), no month")]
    #[case("YYYY-MM", "no day of the month")]
    #[case("MM-DD", "no year")]
    #[case("YYYY-DDDD", "no month")]
    #[case("[YYYY-MM-DD]", "no year")]
    #[case(r"\Y\Y\Y\Y-MM-DD", "no year")]
    #[case("[[]YYYY-MM-DD]", "no year")]
    fn unusable_formats(#[case] format: &str, #[case] message: &str) {
        let err = DateFormat::parse(format).unwrap_err();
        assert!(err.contains(message), "{err}");
        assert!(err.contains(&format!("\"{format}\"")), "{err}");
    }

    #[test]
    fn keeps_the_format_as_written() {
        assert_eq!(
            DateFormat::parse("YYYY/MM/DD").unwrap().as_str(),
            "YYYY/MM/DD"
        );
    }

    #[rstest]
    #[case(r#"{"format": "YYYY/MM/DD", "folder": "Journal"}"#, "Journal/2024/03/06.md", Some((2024, 3, 6)))]
    #[case(
        r#"{"format": "YYYY/MM/DD", "folder": "Journal"}"#,
        "2024/03/06.md",
        None
    )]
    #[case(
        r#"{"format": "YYYY/MM/DD", "folder": "Journal"}"#,
        "Other/2024/03/06.md",
        None
    )]
    #[case(
        r#"{"format": "YYYY/MM/DD", "folder": "Journal"}"#,
        "Journals/2024/03/06.md",
        None
    )]
    #[case(r#"{"folder": "Daily/"}"#, "Daily/2024-03-06.md", Some((2024, 3, 6)))]
    #[case(r#"{"folder": "/Daily"}"#, "Daily/2024/2024-03-06.md", Some((2024, 3, 6)))]
    #[case(r#"{"folder": "Daily"}"#, "2024-03-06.md", None)]
    #[case(r#"{"folder": "Work/Daily"}"#, "Work/Daily/2024-03-06.md", Some((2024, 3, 6)))]
    #[case(r#"{"folder": "Work/Daily"}"#, "Daily/2024-03-06.md", None)]
    #[case(r#"{"folder": ""}"#, "2024-03-06.md", Some((2024, 3, 6)))]
    #[case(r#"{"folder": "/"}"#, "Any/2024-03-06.md", Some((2024, 3, 6)))]
    #[case("{}", "2024-03-06.markdown", Some((2024, 3, 6)))]
    #[case(r#"{"format": "", "folder": null}"#, "2024-03-06.md", Some((2024, 3, 6)))]
    #[case(r#"{"format": "MMMM Do, YYYY, dddd", "template": "T", "autorun": true}"#, "April 10th, 2022, Sunday.md", Some((2022, 4, 10)))]
    fn daily_note_folders(
        #[case] json: &str,
        #[case] path: &str,
        #[case] expected: Option<(i32, u32, u32)>,
    ) {
        let daily = DailyNotes::from_json(json).unwrap();
        assert_eq!(daily.date_of(path), ymd(expected), "{path}");
    }

    #[rstest]
    #[case(r#"{"folder": "Journal/"}"#, Some("Journal"))]
    #[case(r#"{"folder": " ./Journal//2024 "}"#, Some("Journal/2024"))]
    #[case(r#"{"folder": "Journal\\Daily"}"#, Some("Journal/Daily"))]
    #[case(r#"{"folder": ""}"#, None)]
    #[case(r#"{"folder": "/"}"#, None)]
    #[case("{}", None)]
    fn folders_are_normalized(#[case] json: &str, #[case] folder: Option<&str>) {
        let daily = DailyNotes::from_json(json).unwrap();
        assert_eq!(daily.folder.as_deref(), folder);
    }

    fn vault_with(settings: Option<&str>) -> tempfile::TempDir {
        let vault = tempfile::tempdir().unwrap();
        if let Some(text) = settings {
            std::fs::create_dir(vault.path().join(".obsidian")).unwrap();
            std::fs::write(vault.path().join(".obsidian/daily-notes.json"), text).unwrap();
        }
        vault
    }

    #[test]
    fn reads_daily_notes_settings() {
        let vault = vault_with(Some(
            r#"{"format": "YYYY/MM/DD", "folder": "Journal", "template": "Templates/Daily"}"#,
        ));
        let daily = read_daily_notes(vault.path()).unwrap().unwrap();
        assert_eq!(daily.format.as_str(), "YYYY/MM/DD");
        assert_eq!(daily.folder.as_deref(), Some("Journal"));
        assert_eq!(
            daily.date_of("Journal/2024/03/06.md"),
            ymd(Some((2024, 3, 6)))
        );
    }

    #[rstest]
    #[case("{}")]
    #[case("")]
    #[case("\u{FEFF}{}")]
    fn default_settings(#[case] text: &str) {
        let vault = vault_with(Some(text));
        let daily = read_daily_notes(vault.path()).unwrap().unwrap();
        assert_eq!(daily.format.as_str(), DEFAULT_FORMAT);
        assert_eq!(daily.folder, None);
    }

    #[test]
    fn missing_settings_are_none() {
        let vault = vault_with(None);
        assert!(read_daily_notes(vault.path()).unwrap().is_none());
        std::fs::create_dir(vault.path().join(".obsidian")).unwrap();
        assert!(read_daily_notes(vault.path()).unwrap().is_none());
    }

    #[rstest]
    #[case(r#"{"format": "YYYY-MM-DD""#, "invalid JSON")]
    #[case("format: YYYY", "invalid JSON")]
    #[case(r#"{"format": 3}"#, "invalid JSON")]
    #[case("null", "invalid JSON")]
    #[case(r#"{"format": "HH:mm"}"#, "no year")]
    fn bad_settings_say_what_is_wrong(#[case] text: &str, #[case] message: &str) {
        let vault = vault_with(Some(text));
        let err = read_daily_notes(vault.path()).unwrap_err();
        assert!(err.contains(message), "{err}");
        // The warning names the file, once.
        assert!(!err.contains("daily-notes.json"), "{err}");
    }

    #[test]
    fn unreadable_settings_say_so() {
        let vault = vault_with(None);
        std::fs::create_dir_all(vault.path().join(".obsidian/daily-notes.json")).unwrap();
        let err = read_daily_notes(vault.path()).unwrap_err();
        assert!(err.starts_with("cannot read it: "), "{err}");
    }
}
