//! Whether a call met its goal, as the platform's success evaluation says it, in whichever form the
//! assistant's rubric gives: pass or fail, a score, a word of a descriptive or Likert scale, or an
//! object with the result and its reason.
//!
//! The evaluation arrives as a boolean, a number, a string holding either, or an object; Atlas's table
//! cells send all of them as strings. Nothing here guesses a pass where the form does not say one: a
//! text the scales do not name is shown as sent and counted as unknown.

use serde_json::Value;

use crate::domain::text::long_text::cut;

/// A score at or above this share of its scale counts as a success (6 of 10, 60 %, 3 of 5).
pub const SCORE_PASSES_AT: f64 = 0.6;

/// How much of a text outcome or a reason is kept; the rest of a runaway text is not a verdict.
const KEPT: usize = 2_000;

/// What the evaluation said.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A pass/fail rubric.
    Pass(bool),
    /// A numeric scale: the score and the top of its scale, when the form tells it or the value fits
    /// one (a fraction of 1, out of 10, out of 100).
    Score { value: f64, out_of: Option<f64> },
    /// A scale's word or any other text, as sent.
    Text(String),
}

/// The three classes the list filters and counts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Success {
    Yes,
    No,
    #[default]
    Unknown,
}

impl Success {
    pub const ALL: [Success; 3] = [Success::Yes, Success::No, Success::Unknown];

    pub fn param(self) -> &'static str {
        match self {
            Success::Yes => "yes",
            Success::No => "no",
            Success::Unknown => "unknown",
        }
    }

    pub fn from_param(value: &str) -> Option<Self> {
        Success::ALL.into_iter().find(|s| s.param() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Success::Yes => "Goal met",
            Success::No => "Goal not met",
            Success::Unknown => "Not evaluated",
        }
    }

    /// One byte, for the store.
    pub fn code(self) -> u8 {
        match self {
            Success::Unknown => 0,
            Success::Yes => 1,
            Success::No => 2,
        }
    }

    pub fn from_code(code: u8) -> Self {
        match code {
            1 => Success::Yes,
            2 => Success::No,
            _ => Success::Unknown,
        }
    }
}

/// The success evaluation of one call: its outcome and, when the rubric gives one, why.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub outcome: Outcome,
    pub reason: Option<String>,
}

impl Evaluation {
    /// Reads any form of the evaluation; `None` for null, blanks and empty objects.
    pub fn read(value: &Value) -> Option<Evaluation> {
        match value {
            Value::Null => None,
            Value::Bool(pass) => Some(Outcome::Pass(*pass).into()),
            Value::Number(n) => n.as_f64().and_then(score).map(Evaluation::from),
            Value::String(text) => read_text(text),
            Value::Array(_) => Some(Outcome::Text(compact(value)).into()),
            Value::Object(map) => {
                let field = |names: &[&str]| {
                    map.iter()
                        .find(|(k, v)| {
                            names.iter().any(|n| k.eq_ignore_ascii_case(n)) && !v.is_null()
                        })
                        .map(|(_, v)| v)
                };
                let reason = field(&[
                    "reason",
                    "reasoning",
                    "explanation",
                    "rationale",
                    "justification",
                    "comment",
                ])
                .map(|v| match v {
                    Value::String(s) => cut(s.trim(), KEPT).to_owned(),
                    other => compact(other),
                })
                .filter(|r| !r.is_empty());
                let out_of =
                    field(&["outof", "out_of", "max", "scale", "maxscore"]).and_then(number_in);
                let outcome = field(&[
                    "result",
                    "success",
                    "successevaluation",
                    "pass",
                    "passed",
                    "score",
                    "value",
                    "evaluation",
                    "rating",
                ])
                .and_then(|v| Evaluation::read(v).map(|e| e.outcome));
                let outcome = match (outcome, out_of) {
                    (Some(Outcome::Score { value, .. }), Some(top)) if top > 0.0 => {
                        Outcome::Score {
                            value,
                            out_of: Some(top),
                        }
                    }
                    (Some(outcome), _) => outcome,
                    // An object with no result: shown as sent rather than dropped.
                    (None, _) if map.is_empty() => return None,
                    (None, _) => Outcome::Text(compact(value)),
                };
                Some(Evaluation { outcome, reason })
            }
        }
    }

    pub fn success(&self) -> Success {
        match &self.outcome {
            Outcome::Pass(true) => Success::Yes,
            Outcome::Pass(false) => Success::No,
            Outcome::Score { value, out_of } => match out_of {
                Some(top) if *top > 0.0 => {
                    if value / top >= SCORE_PASSES_AT {
                        Success::Yes
                    } else {
                        Success::No
                    }
                }
                _ => Success::Unknown,
            },
            Outcome::Text(text) => scale_word(text),
        }
    }

    /// What the badge says: "Goal met", "8/10", "72 %", or the scale's word.
    pub fn label(&self) -> String {
        match &self.outcome {
            Outcome::Pass(true) => Success::Yes.label().to_owned(),
            Outcome::Pass(false) => Success::No.label().to_owned(),
            Outcome::Score { value, out_of } => match out_of {
                Some(top) if *top == 100.0 => format!("{} %", number(*value)),
                Some(top) => format!("{}/{}", number(*value), number(*top)),
                None => number(*value),
            },
            Outcome::Text(text) => {
                let short = cut(text.trim(), 40);
                if short.len() < text.trim().len() {
                    format!("{short}…")
                } else {
                    short.to_owned()
                }
            }
        }
    }
}

impl From<Outcome> for Evaluation {
    fn from(outcome: Outcome) -> Self {
        Evaluation {
            outcome,
            reason: None,
        }
    }
}

fn read_text(text: &str) -> Option<Evaluation> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    // A table cell holding the object or the value as JSON.
    if trimmed.starts_with(['{', '[']) {
        if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
            return Evaluation::read(&value);
        }
    }
    let lower = trimmed.to_lowercase();
    match lower.as_str() {
        "true" | "pass" | "passed" | "yes" | "success" | "successful" | "met" => {
            return Some(Outcome::Pass(true).into())
        }
        "false" | "fail" | "failed" | "no" | "failure" | "unsuccessful" | "not met" => {
            return Some(Outcome::Pass(false).into())
        }
        _ => {}
    }
    if let Some(percent) = lower.strip_suffix('%') {
        if let Ok(value) = percent.trim().parse::<f64>() {
            return finite(value).map(|value| {
                Outcome::Score {
                    value,
                    out_of: Some(100.0),
                }
                .into()
            });
        }
    }
    if let Some((value, top)) = lower.split_once('/') {
        if let (Ok(value), Ok(top)) = (value.trim().parse::<f64>(), top.trim().parse::<f64>()) {
            if let (Some(value), Some(top)) = (finite(value), finite(top).filter(|t| *t > 0.0)) {
                return Some(
                    Outcome::Score {
                        value,
                        out_of: Some(top),
                    }
                    .into(),
                );
            }
        }
    }
    if let Ok(value) = lower.parse::<f64>() {
        return score(value).map(Evaluation::from);
    }
    Some(Outcome::Text(cut(trimmed, KEPT).to_owned()).into())
}

/// A bare number on the scale it fits: a fraction of 1, else out of 10, else out of 100. A 5-point
/// scale cannot be told from a 10-point one by its value, so it needs its form ("4/5") to count.
fn score(value: f64) -> Option<Outcome> {
    let value = finite(value)?;
    let out_of = if value > 0.0 && value < 1.0 {
        Some(1.0)
    } else if (0.0..=10.0).contains(&value) {
        Some(10.0)
    } else if (0.0..=100.0).contains(&value) {
        Some(100.0)
    } else {
        None
    };
    Some(Outcome::Score { value, out_of })
}

/// The words of the descriptive and Likert scales.
fn scale_word(text: &str) -> Success {
    match text.trim().to_lowercase().as_str() {
        "excellent" | "very good" | "good" | "strongly agree" | "agree" | "satisfactory" => {
            Success::Yes
        }
        "fair" | "poor" | "very poor" | "bad" | "neutral" | "disagree" | "strongly disagree"
        | "unsatisfactory" => Success::No,
        _ => Success::Unknown,
    }
}

fn number_in(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64().and_then(finite),
        Value::String(s) => s.trim().parse().ok().and_then(finite),
        _ => None,
    }
}

fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// A number as people write it: no trailing zeros, at most two decimals.
pub fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// JSON on one line, cut to what a badge or a cell can hold.
fn compact(value: &Value) -> String {
    let text = value.to_string();
    cut(&text, KEPT).to_owned()
}
