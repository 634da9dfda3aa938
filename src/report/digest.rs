//! `kith digest`: what happened in a period (by default the 7 days ending
//! today), who is new, and who you are drifting away from.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use foldhash::{HashMap, HashSet};
use serde::Serialize;

use super::{Count, Query, date_of, day_number, interest_and_parents, round2, sort_counts};
use crate::error::Error;
use crate::extract::Kind;
use crate::index::Index;
use crate::index::query::{NoteDetail, NoteNames, Window};
use crate::note::date::FIRST_DAY;

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day.
    pub since: NaiveDate,
    /// Last day.
    pub until: NaiveDate,
    /// Number of days.
    pub days: i64,
}

/// Why a text is no ISO week ([`Period::iso_week`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoWeek {
    /// It is not written `YYYY-Www`, or the year has no such week, or the
    /// week ends after 9999-12-31.
    Invalid,
    /// A week that starts before [`FIRST_DAY`] (of year 0).
    BeforeFirstDay,
}

impl Period {
    /// What a bar of the digest's chart counts: a day, an ISO week (a
    /// period of over two months) or a month (over two years).
    pub fn chart_step(&self) -> ChartStep {
        if self.days > WEEKLY_CHART_MAX_DAYS {
            ChartStep::Month
        } else if self.days > DAILY_CHART_MAX_DAYS {
            ChartStep::Week
        } else {
            ChartStep::Day
        }
    }

    /// The period from `since` to `until`.
    pub fn new(since: NaiveDate, until: NaiveDate) -> Self {
        Period {
            since,
            until,
            days: (until - since).num_days() + 1,
        }
    }

    /// The `days` days ending on `until`.
    pub fn ending(until: NaiveDate, days: u64) -> Self {
        let since = until
            .checked_sub_days(Days::new(days.saturating_sub(1)))
            .unwrap_or(NaiveDate::MIN);
        Period::new(since.max(FIRST_DAY).min(until), until)
    }

    /// The ISO week `2026-W48`: Monday to Sunday.
    pub fn iso_week(text: &str) -> Result<Self, NoWeek> {
        let (year, week) = text.split_once(['-', '_']).ok_or(NoWeek::Invalid)?;
        let week = week.strip_prefix(['W', 'w']).ok_or(NoWeek::Invalid)?;
        // Four-digit years only: dates are written `YYYY-MM-DD`.
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NoWeek::Invalid);
        }
        let (Ok(year), Ok(week)) = (year.parse(), week.parse()) else {
            return Err(NoWeek::Invalid);
        };
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or(NoWeek::Invalid)?;
        let sunday = NaiveDate::from_isoywd_opt(year, week, Weekday::Sun).ok_or(NoWeek::Invalid)?;
        if monday < FIRST_DAY {
            Err(NoWeek::BeforeFirstDay)
        } else if sunday.year() > 9999 {
            Err(NoWeek::Invalid)
        } else {
            Ok(Period::new(monday, sunday))
        }
    }

    /// The period of the same length just before this one: none (no day,
    /// at [`FIRST_DAY`]) before a period that starts there.
    pub fn previous(&self) -> Self {
        match self.since.pred_opt().filter(|&day| day >= FIRST_DAY) {
            Some(until) => Period::ending(until, u64::try_from(self.days).unwrap_or(1)),
            None => Period {
                since: FIRST_DAY,
                until: FIRST_DAY,
                days: 0,
            },
        }
    }

    /// The index window of this period (one that holds no day for a
    /// period of none).
    pub fn window(&self) -> Window {
        let since = day_number(self.since);
        Window {
            since: Some(since),
            until: Some(since + self.days - 1),
        }
    }
}

/// A note, by date and path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteRef {
    /// The note's date.
    pub date: Option<NaiveDate>,
    /// The note's path.
    pub path: String,
}

/// A person mentioned in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenPerson {
    /// Canonical handle.
    pub name: String,
    /// Mentions in the period.
    pub mentions: i64,
    /// Whether their first dated mention ever is in this period.
    pub new: bool,
    /// The interests in the context of those mentions.
    pub contexts: Vec<Count>,
    /// The notes they are mentioned in, by date.
    pub notes: Vec<NoteRef>,
}

/// An interest mentioned in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveInterest {
    /// Canonical name.
    pub name: String,
    /// Mentions in the period.
    pub mentions: i64,
    /// Whether its first dated mention ever is in this period.
    pub new: bool,
}

/// Someone you used to see and have not mentioned for a while.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconnect {
    /// Canonical handle.
    pub name: String,
    /// Strength at the start of the period (mentions before it only).
    pub strength: f64,
    /// When you last mentioned them.
    pub last_seen: NaiveDate,
    /// Days from then to the end of the period.
    pub days_since: i64,
    /// The note of that last mention.
    pub last_note: String,
    /// The interests in its context.
    pub contexts: Vec<String>,
}

/// Period totals next to the previous period's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// This period.
    pub current: PeriodTotals,
    /// The previous period of the same length.
    pub previous: PeriodTotals,
}

/// The counts of one period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PeriodTotals {
    /// Mentions of people and interests.
    pub mentions: i64,
    /// Distinct people mentioned.
    pub people: i64,
    /// Distinct interests mentioned.
    pub interests: i64,
    /// Notes dated in the period.
    pub notes: i64,
}

/// One bar of the chart: people mentions on a day or in a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    /// First day of the bar.
    pub start: NaiveDate,
    /// `2026-11-27` for a day, `2026-W48` for a week.
    pub label: String,
    /// People mentions.
    pub mentions: i64,
}

/// The digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestReport {
    /// The day the report was made for.
    pub today: NaiveDate,
    /// The period reported on.
    pub period: Period,
    /// The previous period of the same length.
    pub previous_period: Period,
    /// Who you saw, most mentioned first.
    pub seen: Vec<SeenPerson>,
    /// People first mentioned in the period.
    pub new_people: Vec<String>,
    /// Interests mentioned in the period, most mentioned first.
    pub interests: Vec<ActiveInterest>,
    /// Interests first mentioned in the period.
    pub new_interests: Vec<String>,
    /// How many days without a mention makes a reconnect candidate.
    pub reconnect_after_days: i64,
    /// People to reconnect with, strongest past tie first.
    pub reconnect: Vec<Reconnect>,
    /// Candidates past `--limit`, left out of `reconnect`.
    #[serde(skip)]
    pub reconnect_unlisted: usize,
    /// Totals, and the previous period's.
    pub totals: Comparison,
    /// People mentions per day (periods up to 62 days) or per ISO week.
    pub chart: Vec<Bar>,
}

/// How many reconnect candidates are listed without `--limit`.
const DEFAULT_RECONNECT: usize = 10;

/// Periods longer than this are charted by week.
const DAILY_CHART_MAX_DAYS: i64 = 62;

/// Periods longer than this are charted by month: a bar a week would be
/// over a hundred of them.
const WEEKLY_CHART_MAX_DAYS: i64 = 731;

/// What a bar of a digest's chart counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartStep {
    /// A day: `2026-11-27`.
    Day,
    /// An ISO week: `2026-W48`.
    Week,
    /// A month: `2026-11`.
    Month,
}

impl ChartStep {
    /// Its name in a sentence: `day`, `week`, `month`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartStep::Day => "day",
            ChartStep::Week => "week",
            ChartStep::Month => "month",
        }
    }
}

/// Builds the digest of `period`.
pub fn build(
    index: &Index,
    query: &Query,
    period: Period,
    reconnect_after_days: i64,
) -> Result<DigestReport, Error> {
    let window = period.window();
    let previous_period = period.previous();

    let spans: HashMap<String, Option<i64>> = index
        .spans("person")?
        .into_iter()
        .map(|s| (s.name, s.first))
        .collect();
    let since = day_number(period.since);
    let is_new = |first: Option<&Option<i64>>| first.copied().flatten().is_some_and(|d| d >= since);

    // Counted by the names the index lends, made owned once per name.
    let mut seen: HashMap<&str, SeenPerson> = HashMap::default();
    let mut contexts: HashMap<&str, HashMap<&str, i64>> = HashMap::default();
    let mut interest_counts: HashMap<&str, i64> = HashMap::default();
    let mut current = TotalsCounter::default();
    let mut per_day: BTreeMap<i64, i64> = BTreeMap::new();
    index.each_note_between(window, |note| {
        current.add(&note);
        if let Some(day) = note.day {
            let people = note.mentions.iter().filter(|m| m.kind == Kind::Person);
            *per_day.entry(day).or_default() += i64::try_from(people.count()).unwrap_or(0);
        }
        let seen_in = NoteRef {
            date: note.day.map(date_of),
            path: note.path,
        };
        for mention in note.mentions {
            if mention.kind != Kind::Person {
                // Nested tags count for their parents too, as in
                // `kith interests`.
                for interest in interest_and_parents(mention.name) {
                    *interest_counts.entry(interest).or_default() += 1;
                }
                continue;
            }
            let counts = contexts.entry(mention.name).or_default();
            for interest in mention.interests {
                *counts.entry(interest).or_default() += 1;
            }
            let person = seen.entry(mention.name).or_insert_with(|| SeenPerson {
                new: is_new(spans.get(mention.name)),
                name: mention.name.to_owned(),
                mentions: 0,
                contexts: Vec::new(),
                notes: Vec::new(),
            });
            person.mentions += 1;
            // A note's mentions come together: it is listed once.
            if person.notes.last() != Some(&seen_in) {
                person.notes.push(seen_in.clone());
            }
        }
    })?;
    let mut seen: Vec<SeenPerson> = seen.into_values().collect();
    for person in &mut seen {
        person.contexts = contexts
            .remove(person.name.as_str())
            .unwrap_or_default()
            .into_iter()
            .map(|(name, count)| Count {
                name: name.to_owned(),
                count,
            })
            .collect();
        sort_counts(&mut person.contexts);
    }
    seen.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    let new_people = seen
        .iter()
        .filter(|p| p.new)
        .map(|p| p.name.clone())
        .collect();

    // An interest is first seen when it or one nested under it is.
    let mut interest_spans: HashMap<String, Option<i64>> = HashMap::default();
    for span in index.spans("interest")? {
        for interest in interest_and_parents(&span.name) {
            let first = interest_spans.entry(interest.to_owned()).or_default();
            *first = match (*first, span.first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    let mut interests: Vec<ActiveInterest> = interest_counts
        .into_iter()
        .map(|(name, mentions)| ActiveInterest {
            new: is_new(interest_spans.get(name)),
            name: name.to_owned(),
            mentions,
        })
        .collect();
    interests.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    let new_interests = interests
        .iter()
        .filter(|i| i.new)
        .map(|i| i.name.clone())
        .collect();

    let (reconnect, reconnect_unlisted) = reconnect(index, query, period, reconnect_after_days)?;

    let mut previous = TotalsCounter::default();
    index.each_note_between(previous_period.window(), |note| previous.add(&note))?;
    let totals = Comparison {
        current: current.totals(),
        previous: previous.totals(),
    };
    let per_day: Vec<(i64, i64)> = per_day.into_iter().collect();
    let chart = chart(&per_day, period);

    Ok(DigestReport {
        today: query.today,
        period,
        previous_period,
        seen,
        new_people,
        interests,
        new_interests,
        reconnect_after_days,
        reconnect,
        reconnect_unlisted,
        totals,
        chart,
    })
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The totals of a period's notes, counted one note at a time.
#[derive(Default)]
struct TotalsCounter<'i> {
    people: HashSet<&'i str>,
    interests: HashSet<&'i str>,
    mentions: i64,
    notes: usize,
}

impl<'i> TotalsCounter<'i> {
    fn add(&mut self, note: &NoteNames<'i>) {
        self.notes += 1;
        for mention in &note.mentions {
            self.mentions += 1;
            if mention.kind == Kind::Person {
                self.people.insert(mention.name);
            } else {
                self.interests.extend(interest_and_parents(mention.name));
            }
        }
    }

    fn totals(&self) -> PeriodTotals {
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        PeriodTotals {
            mentions: self.mentions,
            people: count(self.people.len()),
            interests: count(self.interests.len()),
            notes: count(self.notes),
        }
    }
}

/// People last seen at least `after_days` before the period ends (or
/// today, when the period ends later: this week's digest on its Friday),
/// by their strength on that day: their mentions dated up to then, and
/// their undated ones (not those dated after it).
fn reconnect(
    index: &Index,
    query: &Query,
    period: Period,
    after_days: i64,
) -> Result<(Vec<Reconnect>, usize), Error> {
    let seen_by = period.until.min(query.today);
    let end = day_number(seen_by);
    let at_end = Query {
        today: seen_by,
        ..*query
    };
    // (name, strength, last day, the notes of that day)
    let mut candidates: Vec<(String, f64, i64, Vec<i64>)> = Vec::new();
    for (name, entries) in index.postings_of("person")? {
        let mut strength = 0.0;
        let mut last: Option<(i64, Vec<i64>)> = None;
        for entry in &entries {
            let day = entry.day();
            if day.is_some_and(|day| day > end) {
                continue;
            }
            strength += at_end.weight(day) * f64::from(entry.mentions);
            let Some(day) = day else { continue };
            match &mut last {
                Some((last_day, notes)) if *last_day == day => notes.push(i64::from(entry.note)),
                _ => last = Some((day, vec![i64::from(entry.note)])),
            }
        }
        if let Some((last, notes)) = last
            && end - last >= after_days
        {
            candidates.push((name, round2(strength), last, notes));
        }
    }
    // Strongest first, as shown (rounded), then by name.
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let listed = query.limit.unwrap_or(DEFAULT_RECONNECT);
    let unlisted = candidates.len().saturating_sub(listed);
    candidates.truncate(listed);
    let mut out = Vec::with_capacity(candidates.len());
    for (name, strength, last, notes) in candidates {
        // The last note of that day (by path), and the person's last
        // mention in it.
        let mut last_note: Option<NoteDetail> = None;
        for id in notes {
            if let Some(note) = index.note(id)?
                && last_note.as_ref().is_none_or(|l| note.path > l.path)
            {
                last_note = Some(note);
            }
        }
        let contexts = last_note
            .as_ref()
            .and_then(|note| {
                note.mentions
                    .iter()
                    .rev()
                    .find(|m| m.kind == Kind::Person && m.name == name)
            })
            .map(|m| m.interests.clone())
            .unwrap_or_default();
        out.push(Reconnect {
            name,
            strength,
            last_seen: date_of(last),
            days_since: end - last,
            last_note: last_note.map(|n| n.path).unwrap_or_default(),
            contexts,
        });
    }
    Ok((out, unlisted))
}

/// Bars per day for short periods, per ISO week for long ones; every day
/// or week of the period has a bar.
fn chart(per_day: &[(i64, i64)], period: Period) -> Vec<Bar> {
    let counts: HashMap<i64, i64> = per_day.iter().copied().collect();
    let mut bars: Vec<Bar> = Vec::new();
    let step = period.chart_step();
    let mut day = period.since;
    while day <= period.until {
        let mentions = counts.get(&day_number(day)).copied().unwrap_or(0);
        let label = match step {
            ChartStep::Day => iso(day),
            ChartStep::Week => {
                let week = day.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            ChartStep::Month => day.format("%Y-%m").to_string(),
        };
        match bars.last_mut() {
            Some(bar) if bar.label == label => bar.mentions += mentions,
            _ => bars.push(Bar {
                start: day,
                label,
                mentions,
            }),
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    bars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn seven_days_ending_today() {
        let period = Period::ending(date(2026, 11, 27), 7);
        assert_eq!(
            (period.since, period.until, period.days),
            (date(2026, 11, 21), date(2026, 11, 27), 7)
        );
        let previous = period.previous();
        assert_eq!(
            (previous.since, previous.until),
            (date(2026, 11, 14), date(2026, 11, 20))
        );
    }

    #[test]
    fn a_period_from_the_first_day_has_no_day_before_it() {
        let period = Period::new(FIRST_DAY, date(2026, 11, 27));
        let previous = period.previous();
        assert_eq!(previous.days, 0);
        let window = previous.window();
        assert!(!window.contains(Some(day_number(FIRST_DAY))));
        assert!(!window.contains(window.since));
        // A day later, there is one.
        let period = Period::new(date(1, 1, 2), date(1, 1, 2));
        let previous = period.previous();
        assert_eq!(
            (previous.since, previous.until, previous.days),
            (FIRST_DAY, FIRST_DAY, 1)
        );
    }

    #[test]
    fn iso_weeks_across_a_year_end() {
        let week = Period::iso_week("2026-W48").unwrap();
        assert_eq!(
            (week.since, week.until),
            (date(2026, 11, 23), date(2026, 11, 29))
        );
        // 2026-W53 runs from Monday 28 December 2026 to Sunday 3 January 2027.
        let week = Period::iso_week("2026-W53").unwrap();
        assert_eq!(
            (week.since, week.until),
            (date(2026, 12, 28), date(2027, 1, 3))
        );
        // 2025-W01 starts on Monday 30 December 2024.
        let week = Period::iso_week("2025-W01").unwrap();
        assert_eq!(week.since, date(2024, 12, 30));
        assert!(Period::iso_week("2025-W54").is_err());
        assert!(Period::iso_week("2025-48").is_err());
        assert!(
            matches!(Period::iso_week("9999-W52"), Err(NoWeek::Invalid)),
            "it ends in the year 10000"
        );
        assert!(matches!(
            Period::iso_week("0000-W10"),
            Err(NoWeek::BeforeFirstDay)
        ));
        assert!(Period::iso_week("10000-W01").is_err());
        assert!(Period::iso_week("+202-W01").is_err());
        assert_eq!(
            Period::iso_week("9999-W51").unwrap().until.to_string(),
            "9999-12-26"
        );
    }

    #[test]
    fn long_periods_chart_by_week() {
        let period = Period::new(date(2026, 1, 1), date(2026, 3, 31));
        let bars = chart(&[(day_number(date(2026, 1, 2)), 3)], period);
        assert_eq!(bars[0].label, "2026-W01");
        assert_eq!(bars[0].mentions, 3);
        assert_eq!(bars.last().unwrap().label, "2026-W14");
        let short = chart(&[], Period::ending(date(2026, 11, 27), 7));
        assert_eq!(short.len(), 7);
    }

    #[test]
    fn periods_of_over_two_years_chart_by_month() {
        let period = Period::new(date(2024, 1, 15), date(2026, 3, 1));
        assert_eq!(period.chart_step(), ChartStep::Month);
        let bars = chart(
            &[
                (day_number(date(2024, 1, 20)), 2),
                (day_number(date(2024, 1, 31)), 1),
            ],
            period,
        );
        assert_eq!(bars.len(), 27);
        assert_eq!(
            (bars[0].label.as_str(), bars[0].start, bars[0].mentions),
            ("2024-01", date(2024, 1, 15), 3)
        );
        assert_eq!(bars.last().unwrap().label, "2026-03");
        let century = chart(&[], Period::ending(date(2026, 11, 27), 36_600));
        assert_eq!(century.len(), 1203);
    }
}
