//! Who spoke when: the spans of a call's spoken turns on its recording's clock, and what they tell a
//! reviewer (silences to skip, the turn before or after a moment, talk figures).
//!
//! Platforms send turn times that are unsorted, negative, overlapping or missing their duration; the
//! spans here are what is left once those are read sensibly, so every view and figure agrees.

use super::player::KEY_STEP;
use crate::domain::records::call::{Speaker, Turn};
use crate::domain::records::time::format_clock;

/// The two sides of a conversation that have lanes on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Agent,
    Customer,
}

impl Side {
    fn of(speaker: &Speaker) -> Option<Side> {
        match speaker {
            Speaker::Agent => Some(Side::Agent),
            Speaker::Customer => Some(Side::Customer),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Side::Agent => "agent",
            Side::Customer => "customer",
        }
    }
}

/// One spoken turn on the recording's clock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub side: Side,
    /// Seconds from the start of the recording.
    pub start: f64,
    pub end: f64,
    /// The turn's position in the transcript.
    pub turn: usize,
}

impl Span {
    pub fn length(&self) -> f64 {
        self.end - self.start
    }

    fn holds(&self, at: f64) -> bool {
        self.start <= at && at < self.end
    }
}

/// No call lasts a day: a turn said to start later, or a recording said to last longer, is a wrong
/// number, which would squash every other bar of the timeline to nothing.
pub const LONGEST_CALL: f64 = 86_400.0;

/// A turn with a start but no length and nothing after it: this long, about two sentences.
const UNKNOWN_LAST_TURN: f64 = 4.0;

/// A turn that claims to last longer than this is read as lasting until the next one: no one speaks
/// for an hour, and a wrong unit (milliseconds read as seconds) would paint one bar over the call.
const LONGEST_TURN: f64 = 3_600.0;

/// The spans of the spoken turns that have a time, in order of start. A turn ends at `start +
/// duration`; without a (believable) duration, at the next span's start, else `recording_end`, else a
/// few seconds on. Negative and non-finite times are dropped.
pub fn spans(turns: &[Turn], recording_end: Option<f64>) -> Vec<Span> {
    let mut timed: Vec<(Side, f64, Option<f64>, usize)> = turns
        .iter()
        .enumerate()
        .filter_map(|(index, turn)| {
            let side = Side::of(&turn.speaker)?;
            let start = turn
                .at_seconds
                .filter(|s| s.is_finite() && *s >= 0.0 && *s <= LONGEST_CALL)?;
            let length = turn
                .duration_seconds
                .filter(|d| d.is_finite() && *d > 0.0 && *d <= LONGEST_TURN);
            Some((side, start, length, index))
        })
        .collect();
    // Stable: turns that start together keep the transcript's order.
    timed.sort_by(|a, b| a.1.total_cmp(&b.1));
    let end_of_recording =
        recording_end.filter(|e| e.is_finite() && *e > 0.0 && *e <= LONGEST_CALL);
    let mut spans = Vec::with_capacity(timed.len());
    for (i, &(side, start, length, turn)) in timed.iter().enumerate() {
        let next_start = timed.iter().skip(i + 1).map(|t| t.1).find(|&s| s > start);
        let end = match (length, next_start, end_of_recording) {
            (Some(length), _, _) => start + length,
            (None, Some(next), _) => next,
            (None, None, Some(end)) if end > start => end,
            _ => start + UNKNOWN_LAST_TURN,
        };
        spans.push(Span {
            side,
            start,
            end,
            turn,
        });
    }
    spans
}

/// How long the timeline is: the recording, or the last span's end when the recording is unknown or
/// shorter than what was said.
pub fn extent(spans: &[Span], recording_end: Option<f64>) -> f64 {
    let said = spans.iter().map(|s| s.end).fold(0.0, f64::max);
    recording_end
        .filter(|e| e.is_finite() && *e > 0.0 && *e <= LONGEST_CALL)
        .unwrap_or(0.0)
        .max(said)
}

/// One side's lane as bars of `(left, width)`, fractions of `extent`. Spans that touch or overlap at
/// the lane's `resolution` (a bar's smallest width) merge, so a 50,000-turn call draws at most about
/// `resolution` bars and a short turn is still seen.
pub fn lane_bars(spans: &[Span], side: Side, extent: f64, resolution: usize) -> Vec<(f64, f64)> {
    if !(extent.is_finite() && extent > 0.0) || resolution == 0 {
        return Vec::new();
    }
    let grain = 1.0 / resolution as f64;
    let mut bars: Vec<(f64, f64)> = Vec::new();
    for span in spans.iter().filter(|s| s.side == side) {
        let from = (span.start / extent).clamp(0.0, 1.0);
        let to = (span.end / extent)
            .clamp(from, 1.0)
            .max((from + grain).min(1.0));
        match bars.last_mut() {
            Some((left, width)) if from <= *left + *width + grain => {
                *width = (to - *left).max(*width);
            }
            _ => bars.push((from, to - from)),
        }
    }
    bars
}

/// Silences between turns (nobody speaking) longer than `min`, as `(from, to)`. Leading and trailing
/// silence are not between turns and are left alone.
pub fn silences(spans: &[Span], min: f64) -> Vec<(f64, f64)> {
    let mut gaps = Vec::new();
    let mut spoken_until: Option<f64> = None;
    for span in spans {
        if let Some(until) = spoken_until {
            if span.start - until > min {
                gaps.push((until, span.start));
            }
        }
        spoken_until = Some(spoken_until.map_or(span.end, |u| u.max(span.end)));
    }
    gaps
}

/// Gaps longer than this are skipped while "Skip silence" is on.
pub const SKIPPED_SILENCE: f64 = 2.0;

/// Where to jump to when playback at `position` is inside a skippable silence: a moment before the
/// next turn, so its first word is heard.
pub fn skip_target(silences: &[(f64, f64)], position: f64) -> Option<f64> {
    const LEAD_IN: f64 = 0.25;
    silences
        .iter()
        .find(|(from, to)| *from <= position && position < to - LEAD_IN - 0.05)
        .map(|(_, to)| to - LEAD_IN)
}

/// Who is speaking at `at`.
pub fn speaking_at(spans: &[Span], at: f64) -> (bool, bool) {
    let agent = spans.iter().any(|s| s.side == Side::Agent && s.holds(at));
    let customer = spans
        .iter()
        .any(|s| s.side == Side::Customer && s.holds(at));
    (agent, customer)
}

/// The timeline's spoken value: "1:23 of 4:05, customer speaking".
pub fn value_text(position: f64, extent: f64, spans: &[Span]) -> String {
    let clock = format!("{} of {}", format_clock(position), format_clock(extent));
    if spans.is_empty() {
        return clock;
    }
    let who = match speaking_at(spans, position) {
        (true, true) => "both speaking",
        (true, false) => "agent speaking",
        (false, true) => "customer speaking",
        (false, false) => "silence",
    };
    format!("{clock}, {who}")
}

/// The start of the turn after `position` (Shift+→), or of the one before (Shift+←). Going back from
/// within the first second of a turn goes to the turn before it, as a music player's "previous" does.
pub fn turn_step(spans: &[Span], position: f64, forward: bool) -> Option<f64> {
    const NUDGE: f64 = 0.05;
    if forward {
        spans
            .iter()
            .map(|s| s.start)
            .find(|&start| start > position + NUDGE)
    } else {
        spans
            .iter()
            .rev()
            .map(|s| s.start)
            .find(|&start| start < position - 1.0)
            .or_else(|| spans.first().map(|s| s.start))
    }
}

/// What the timings say about how the conversation went.
#[derive(Clone, Debug, PartialEq)]
pub struct TalkFigures {
    /// Share of all talk time, 0 to 1.
    pub agent_share: f64,
    pub customer_share: f64,
    /// From the start of the recording to the customer's first word; `None` if they never spoke.
    pub customer_first_at: Option<f64>,
    /// The customer's longest turn, in seconds.
    pub longest_customer_turn: Option<f64>,
    /// Turns the agent began while the customer was still speaking.
    pub agent_interruptions: usize,
    /// Turns the customer began while the agent was still speaking.
    pub customer_interruptions: usize,
}

/// Talk figures from the spans; `None` when nothing spoken has a time.
pub fn talk_figures(spans: &[Span]) -> Option<TalkFigures> {
    let talk = |side: Side| -> f64 {
        spans
            .iter()
            .filter(|s| s.side == side)
            .map(Span::length)
            .sum()
    };
    let (agent, customer) = (talk(Side::Agent), talk(Side::Customer));
    let total = agent + customer;
    if spans.is_empty() || total <= 0.0 {
        return None;
    }
    let customer_spans = || spans.iter().filter(|s| s.side == Side::Customer);
    let (agent_interruptions, customer_interruptions) = talking_over(spans);
    Some(TalkFigures {
        agent_share: agent / total,
        customer_share: customer / total,
        customer_first_at: customer_spans().map(|s| s.start).reduce(f64::min),
        longest_customer_turn: customer_spans().map(Span::length).reduce(f64::max),
        agent_interruptions,
        customer_interruptions,
    })
}

/// How many turns each side (agent, customer) began while the other was still speaking: inside the
/// other side's turn, not at its very end (timings are rounded). One pass over the spans, which are in
/// order of start: a 50,000-turn call takes a millisecond, not the seconds of comparing every pair.
fn talking_over(spans: &[Span]) -> (usize, usize) {
    const ROUNDING: f64 = 0.2;
    // The latest end of each side's turns that started before the current start.
    let (mut agent_until, mut customer_until) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let (mut agent, mut customer) = (0, 0);
    let mut rest = spans;
    while let Some(first) = rest.first() {
        // Turns that start together are judged against the turns before them, not each other.
        let start = first.start;
        let group = rest.iter().take_while(|s| s.start == start).count();
        let (together, after) = rest.split_at(group);
        for span in together {
            match span.side {
                Side::Agent if start < customer_until - ROUNDING => agent += 1,
                Side::Customer if start < agent_until - ROUNDING => customer += 1,
                _ => {}
            }
        }
        for span in together {
            match span.side {
                Side::Agent => agent_until = agent_until.max(span.end),
                Side::Customer => customer_until = customer_until.max(span.end),
            }
        }
        rest = after;
    }
    (agent, customer)
}

/// Seconds that Page Up and Page Down move the timeline.
pub const PAGE_STEP: f64 = 30.0;

/// Where the timeline's slider goes for `key` (arrows by [`KEY_STEP`], Page Up/Down by [`PAGE_STEP`], Home,
/// End), kept inside the recording; `None` for a key that is not the slider's.
pub fn slider_key_target(key: &str, now: f64, extent: f64) -> Option<f64> {
    let target = match key {
        "ArrowLeft" | "ArrowDown" => now - KEY_STEP,
        "ArrowRight" | "ArrowUp" => now + KEY_STEP,
        "PageDown" => now - PAGE_STEP,
        "PageUp" => now + PAGE_STEP,
        "Home" => 0.0,
        "End" => extent,
        _ => return None,
    };
    Some(target.clamp(0.0, extent.max(0.0)))
}

/// A share as a whole percentage; the two sides' percentages add up to 100.
pub fn percent(share: f64) -> u32 {
    (share.clamp(0.0, 1.0) * 100.0).round() as u32
}
