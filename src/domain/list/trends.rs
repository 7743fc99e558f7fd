//! Trends over time: calls per day stacked by end-reason group, with the answer rate, the success rate,
//! the median duration and the cost of each day; and the figures of the whole view (success rate,
//! response-time percentiles, cost in total and per answered call).
//!
//! Days are the viewer's: a call falls on the day whose local midnights bracket it, found exactly as the
//! date filter bounds a day (`Day::start` with the zone's offset then), so that choosing a day in the
//! chart shows exactly the calls its bar counted, across daylight-saving changes.

use rustc_hash::FxHashMap;

use crate::domain::records::end_reason::{EndReason, EndReasonGroup, KnownEndReason};
use crate::domain::records::outcome::Success;
use crate::domain::records::time::Day;
use crate::domain::search::store::CallStore;

const DAY_MS: i64 = 86_400_000;

/// The stacks of a bar: the four groups of the end-reason table, unlisted codes, no reason.
pub const STACKS: [&str; 6] = [
    "agent",
    "customer",
    "connection",
    "other",
    "unlisted",
    "missing",
];

/// The stack a reason counts in (an index into [`STACKS`]).
pub fn stack_of(reason: &EndReason) -> usize {
    match reason {
        EndReason::Known(known) => match known.group() {
            EndReasonGroup::Agent => 0,
            EndReasonGroup::Customer => 1,
            EndReasonGroup::Connection => 2,
            EndReasonGroup::DurationOther => 3,
        },
        EndReason::Unlisted(_) => 4,
        EndReason::Missing => 5,
    }
}

/// Whether the call reached a person: a table reason that connected (a voicemail did not), else, for
/// a code the table does not name, whether it lasted at all.
pub fn answered(reason: &EndReason, duration_ms: Option<u32>) -> bool {
    match reason {
        EndReason::Known(known) => !known.never_connected() && *known != KnownEndReason::Voicemail,
        _ => duration_ms.is_some_and(|ms| ms > 0),
    }
}

/// What one period (a day, a week, a month) holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Period {
    /// The period's first day, in days since 1970-01-01 (local).
    pub first_day: i64,
    /// Its last day, inclusive.
    pub last_day: i64,
    pub stacks: [u32; 6],
    pub calls: u32,
    pub answered: u32,
    pub evaluated: u32,
    pub succeeded: u32,
    pub cost: f64,
    /// Durations of the answered calls, in milliseconds (for the median).
    durations: Vec<u32>,
}

impl Period {
    pub fn answer_rate(&self) -> Option<f64> {
        (self.calls > 0).then(|| f64::from(self.answered) / f64::from(self.calls))
    }

    pub fn success_rate(&self) -> Option<f64> {
        (self.evaluated > 0).then(|| f64::from(self.succeeded) / f64::from(self.evaluated))
    }

    /// The median duration of the answered calls, in seconds.
    pub fn median_seconds(&self) -> Option<f64> {
        let mut sorted = self.durations.clone();
        sorted.sort_unstable();
        let mid = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 {
            f64::from(*sorted.get(mid)?)
        } else {
            (f64::from(*sorted.get(mid.checked_sub(1)?)?) + f64::from(*sorted.get(mid)?)) / 2.0
        };
        Some(median / 1000.0)
    }

    fn merge(&mut self, other: &Period) {
        self.last_day = self.last_day.max(other.last_day);
        self.first_day = self.first_day.min(other.first_day);
        for (a, b) in self.stacks.iter_mut().zip(other.stacks) {
            *a += b;
        }
        self.calls += other.calls;
        self.answered += other.answered;
        self.evaluated += other.evaluated;
        self.succeeded += other.succeeded;
        self.cost += other.cost;
        self.durations.extend_from_slice(&other.durations);
    }
}

/// How long one bar of the chart is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Day,
    Week,
    Month,
}

/// The figures of the whole view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub calls: u32,
    pub answered: u32,
    pub evaluated: u32,
    pub succeeded: u32,
    pub cost: f64,
    /// Calls with a cost.
    pub costed: u32,
    /// Calls with no time: in the figures, in no bar.
    pub undated: u32,
    /// Response-time percentiles over every agent turn, in milliseconds (10 ms steps).
    pub latency_p50: Option<f64>,
    pub latency_p90: Option<f64>,
    pub turns: u64,
}

impl Figures {
    pub fn success_rate(&self) -> Option<f64> {
        (self.evaluated > 0).then(|| f64::from(self.succeeded) / f64::from(self.evaluated))
    }

    pub fn answer_rate(&self) -> Option<f64> {
        (self.calls > 0).then(|| f64::from(self.answered) / f64::from(self.calls))
    }

    pub fn cost_per_answered(&self) -> Option<f64> {
        (self.answered > 0 && self.costed > 0).then(|| self.cost / f64::from(self.answered))
    }
}

/// The chart's data: every day that has calls, and the view's figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trends {
    /// One entry per local day with calls, in order.
    pub days: Vec<Period>,
    pub figures: Figures,
}

impl Trends {
    /// The days gathered into bars of `span` (weeks start on Monday), in order.
    pub fn periods(&self, span: Span) -> Vec<Period> {
        let mut out: Vec<Period> = Vec::new();
        for day in &self.days {
            let (first, last) = span_of(day.first_day, span);
            match out.last_mut() {
                Some(period) if period.first_day == first => period.merge(day),
                _ => {
                    let mut period = day.clone();
                    period.first_day = first;
                    period.last_day = last;
                    out.push(period);
                }
            }
        }
        out
    }

    /// The chart's bars: every period of the readable span from the first to the last, the empty ones
    /// too, so that the axis is time.
    pub fn bars(&self) -> (Span, Vec<Period>) {
        let span = self.span();
        let periods = self.periods(span);
        let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
            return (span, Vec::new());
        };
        let (start, end) = (first.first_day, last.first_day);
        let mut out = Vec::with_capacity(periods.len());
        let mut next = periods.into_iter().peekable();
        let mut day = start;
        // Bounded: days up to four months, weeks up to two and a half years, then months.
        while day <= end && out.len() < 5_000 {
            let (first, last) = span_of(day, span);
            match next.peek() {
                Some(p) if p.first_day == first => out.extend(next.next()),
                _ => out.push(Period {
                    first_day: first,
                    last_day: last,
                    ..Period::default()
                }),
            }
            day = last + 1;
        }
        (span, out)
    }

    /// The bar length that keeps the chart readable: days up to four months, then weeks up to about
    /// two and a half years, then months.
    pub fn span(&self) -> Span {
        let (Some(first), Some(last)) = (self.days.first(), self.days.last()) else {
            return Span::Day;
        };
        match last.last_day - first.first_day {
            0..=120 => Span::Day,
            121..=900 => Span::Week,
            _ => Span::Month,
        }
    }
}

/// The first and last day of the span holding `day`.
pub fn span_of(day: i64, span: Span) -> (i64, i64) {
    match span {
        Span::Day => (day, day),
        Span::Week => {
            // 1970-01-01 was a Thursday: Monday is three days later.
            let monday = day - (day + 3).rem_euclid(7);
            (monday, monday + 6)
        }
        Span::Month => {
            let d = Day::from_epoch_days(day);
            let first = Day { day: 1, ..d }.epoch_days();
            let next = if d.month == 12 {
                Day {
                    year: d.year + 1,
                    month: 1,
                    day: 1,
                }
            } else {
                Day {
                    month: d.month + 1,
                    day: 1,
                    ..d
                }
            };
            (first, next.epoch_days() - 1)
        }
    }
}

/// Finds the local day of an instant, with the zone's offsets looked up once per day.
pub struct LocalDays<'a> {
    offset_at: &'a dyn Fn(Day) -> i32,
    starts: FxHashMap<i64, i64>,
    /// The last day found, as (its start, the next day's start, the day): the list runs in time order,
    /// so most calls fall on the day before them.
    last: Option<(i64, i64, i64)>,
}

impl<'a> LocalDays<'a> {
    pub fn new(offset_at: &'a dyn Fn(Day) -> i32) -> Self {
        LocalDays {
            offset_at,
            starts: FxHashMap::default(),
            last: None,
        }
    }

    /// When local day `days` begins, in epoch milliseconds.
    fn start(&mut self, days: i64) -> i64 {
        let offset_at = self.offset_at;
        *self.starts.entry(days).or_insert_with(|| {
            let day = Day::from_epoch_days(days);
            day.start(offset_at(day)).0
        })
    }

    /// The local day (days since 1970-01-01) the instant `at` (epoch milliseconds) falls on.
    pub fn day_of(&mut self, at: i64) -> i64 {
        if let Some((start, end, day)) = self.last {
            if (start..end).contains(&at) {
                return day;
            }
        }
        let day = self.find(at);
        self.last = Some((self.start(day), self.start(day + 1), day));
        day
    }

    fn find(&mut self, at: i64) -> i64 {
        let utc_day = at.div_euclid(DAY_MS);
        // The day's start holds the zone's offset; guess with the UTC day's, then step to the day
        // whose midnights bracket the instant (at most a step or two: offsets are within a day).
        let offset = utc_day * DAY_MS - self.start(utc_day);
        let mut day = (at + offset).div_euclid(DAY_MS);
        for _ in 0..3 {
            if at < self.start(day) {
                day -= 1;
            } else if at >= self.start(day + 1) {
                day += 1;
            } else {
                break;
            }
        }
        day
    }
}

/// Gathers the trends of the calls a view lets through (the date range aside: the chart shows the
/// days around the chosen ones).
pub struct TrendsBuilder<'a> {
    days: LocalDays<'a>,
    periods: Vec<Period>,
    /// Where each day's period is in `periods`.
    by_day: FxHashMap<i64, usize>,
    /// The last call's day and its period: in time order most calls share the one before.
    last: Option<(i64, usize)>,
    figures: Figures,
    /// Response times in 10 ms steps, up to 65.5 s.
    latency: Vec<u64>,
}

impl<'a> TrendsBuilder<'a> {
    pub fn new(offset_at: &'a dyn Fn(Day) -> i32) -> Self {
        TrendsBuilder {
            days: LocalDays::new(offset_at),
            periods: Vec::new(),
            by_day: FxHashMap::default(),
            last: None,
            figures: Figures::default(),
            latency: Vec::new(),
        }
    }

    pub fn add(&mut self, store: &CallStore, index: u32, stack: usize, answered: bool) {
        let figures = &mut self.figures;
        figures.calls += 1;
        figures.answered += u32::from(answered);
        let success = store.success_of(index);
        let evaluated = success != Success::Unknown;
        figures.evaluated += u32::from(evaluated);
        figures.succeeded += u32::from(success == Success::Yes);
        let cost = store.cost_of(index);
        if let Some(cost) = cost {
            figures.cost += cost;
            figures.costed += 1;
        }
        let latencies = store.latencies_of(index);
        if !latencies.is_empty() {
            if self.latency.is_empty() {
                self.latency = vec![0; 6_554];
            }
            for &ms in latencies {
                if let Some(slot) = self.latency.get_mut(usize::from(ms / 10)) {
                    *slot += 1;
                }
            }
            figures.turns += latencies.len() as u64;
        }
        let Some(when) = store.when_of(index) else {
            figures.undated += 1;
            return;
        };
        let day = self.days.day_of(when.0);
        let at = match self.last {
            Some((last, at)) if last == day => at,
            _ => {
                let periods = &mut self.periods;
                let at = *self.by_day.entry(day).or_insert_with(|| {
                    periods.push(Period {
                        first_day: day,
                        last_day: day,
                        ..Period::default()
                    });
                    periods.len() - 1
                });
                self.last = Some((day, at));
                at
            }
        };
        let Some(period) = self.periods.get_mut(at) else {
            return;
        };
        if let Some(count) = period.stacks.get_mut(stack) {
            *count += 1;
        }
        period.calls += 1;
        period.answered += u32::from(answered);
        period.evaluated += u32::from(evaluated);
        period.succeeded += u32::from(success == Success::Yes);
        period.cost += cost.unwrap_or(0.0);
        if answered {
            if let Some(ms) = store.duration_ms_of(index) {
                period.durations.push(ms);
            }
        }
    }

    pub fn finish(self) -> Trends {
        let mut days = self.periods;
        days.sort_by_key(|p| p.first_day);
        let mut figures = self.figures;
        figures.latency_p50 = histogram_percentile(&self.latency, figures.turns, 0.5);
        figures.latency_p90 = histogram_percentile(&self.latency, figures.turns, 0.9);
        Trends { days, figures }
    }
}

/// The nearest-rank percentile of a histogram of 10 ms steps: the step's middle, in milliseconds.
fn histogram_percentile(steps: &[u64], total: u64, p: f64) -> Option<f64> {
    if total == 0 {
        return None;
    }
    let rank = ((p * total as f64).ceil() as u64).max(1);
    let mut seen = 0;
    for (step, &count) in steps.iter().enumerate() {
        seen += count;
        if seen >= rank {
            return Some(step as f64 * 10.0 + 5.0);
        }
    }
    None
}
