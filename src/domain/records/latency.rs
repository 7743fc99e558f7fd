//! How long the customer waited for the agent: per agent turn, from the customer's last word to the
//! agent's first, from the platform's measured stages when it sent them, else from the messages' times.

use super::call::{Speaker, Turn};

/// A turn slower than this is marked on the timeline and in the table.
pub const SLOW_TURN_MS: f64 = 1_500.0;

/// The wait before one agent turn.
#[derive(Clone, Debug, PartialEq)]
pub struct TurnLatency {
    /// The agent turn it came before, when known (its index in the transcript's turns).
    pub turn: Option<usize>,
    /// When the agent began speaking, in seconds of the recording, when known.
    pub at_seconds: Option<f64>,
    pub total_ms: f64,
    pub stages: Stages,
}

impl TurnLatency {
    pub fn is_slow(&self) -> bool {
        self.total_ms > SLOW_TURN_MS
    }
}

/// Where the time went, as the platform measures it (milliseconds).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stages {
    pub transcriber: Option<f64>,
    pub endpointing: Option<f64>,
    pub model: Option<f64>,
    pub voice: Option<f64>,
}

impl Stages {
    pub fn sum(&self) -> Option<f64> {
        let parts = [self.transcriber, self.endpointing, self.model, self.voice];
        parts
            .iter()
            .any(Option::is_some)
            .then(|| parts.iter().flatten().sum())
    }
}

/// Where the figures came from, for the table's caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LatencySource {
    Platform,
    MessageTimes,
}

/// The agent turns that answer a customer: (index of the agent turn, when the customer stopped).
fn answering_turns(turns: &[Turn]) -> Vec<(usize, Option<f64>)> {
    let mut out = Vec::new();
    let mut customer_end: Option<Option<f64>> = None;
    for (index, turn) in turns.iter().enumerate() {
        match turn.speaker {
            Speaker::Customer => {
                let end = turn
                    .at_seconds
                    .map(|at| at + turn.duration_seconds.unwrap_or(0.0));
                customer_end = Some(end);
            }
            Speaker::Agent => {
                if let Some(end) = customer_end.take() {
                    out.push((index, end));
                }
            }
            _ => {}
        }
    }
    out
}

/// The platform's measured latencies, matched in order to the agent turns that answer the customer
/// (the record keeps them unmatched: its turns may be read after it, a slice at a time).
pub fn from_platform(measured: &[TurnLatency], turns: &[Turn]) -> Vec<TurnLatency> {
    let answering = answering_turns(turns);
    measured
        .iter()
        .enumerate()
        .map(|(i, latency)| {
            let turn = answering.get(i).map(|(t, _)| *t);
            TurnLatency {
                turn,
                at_seconds: turn.and_then(|t| turns.get(t)).and_then(|t| t.at_seconds),
                ..latency.clone()
            }
        })
        .collect()
}

/// Latencies from the messages' times: the gap from the end of the customer's last turn to the
/// agent's next. A negative gap (the agent spoke over the customer) counts as no wait.
pub fn from_turns(turns: &[Turn]) -> Vec<TurnLatency> {
    answering_turns(turns)
        .into_iter()
        .filter_map(|(index, customer_end)| {
            let agent = turns.get(index)?;
            let gap = agent.at_seconds? - customer_end?;
            gap.is_finite().then(|| TurnLatency {
                turn: Some(index),
                at_seconds: agent.at_seconds,
                total_ms: (gap * 1000.0).max(0.0),
                stages: Stages::default(),
            })
        })
        .collect()
}

/// The record's latencies: the platform's when it sent any, else the messages'.
pub fn latencies(measured: &[TurnLatency], turns: &[Turn]) -> (Vec<TurnLatency>, LatencySource) {
    if measured.is_empty() {
        (from_turns(turns), LatencySource::MessageTimes)
    } else {
        (from_platform(measured, turns), LatencySource::Platform)
    }
}

/// p50, p90 and the slowest of a set of latencies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatencyStats {
    pub p50: f64,
    pub p90: f64,
    pub slowest: f64,
    pub count: usize,
}

impl LatencyStats {
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<LatencyStats> {
        let mut values: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
        let count = values.len();
        let slowest = values.iter().copied().reduce(f64::max)?;
        // Two selections instead of a sort: a call of 50,000 turns is measured in a few milliseconds.
        let rank = |p: f64| ((p * count as f64).ceil() as usize).clamp(1, count) - 1;
        let (p50_at, p90_at) = (rank(0.5), rank(0.9));
        let (_, p50, above) = values.select_nth_unstable_by(p50_at, f64::total_cmp);
        let p50 = *p50;
        let p90 = match p90_at.checked_sub(p50_at + 1) {
            // p90 is p50 itself when they share a rank (few turns).
            None => p50,
            Some(at) => *above.select_nth_unstable_by(at, f64::total_cmp).1,
        };
        Some(LatencyStats {
            p50,
            p90,
            slowest,
            count,
        })
    }
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `p` of them at or
/// below it.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

/// "850 ms", "1.9 s".
pub fn format_ms(ms: f64) -> String {
    if ms < 1_000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}
