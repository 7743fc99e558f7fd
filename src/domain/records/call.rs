//! A call record as the views see it: already checked, typed and free of wire quirks.

use super::collected::Field;
use super::cost::CostBreakdown;
use super::end_reason::{EndReason, KnownEndReason};
use super::latency::TurnLatency;
use super::outcome::Evaluation;
use super::time::Timestamp;

/// One call placed or received by an AI agent.
#[derive(Clone, Debug, PartialEq)]
pub struct CallRecord {
    pub id: String,
    pub campaign_id: Option<String>,
    /// When the record last changed (a table entity's `Timestamp`): orders calls that have no other
    /// time, and is never shown as when the call happened.
    pub changed_at: Option<Timestamp>,
    pub created_at: Option<Timestamp>,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    /// Seconds; from the record's own field, or `endedAt - startedAt`.
    pub duration_seconds: Option<f64>,
    pub customer: Customer,
    /// Platform status as sent (`ended`, `completed`, `in-progress`, ...).
    pub status: Option<String>,
    pub call_type: Option<String>,
    pub end_reason: EndReason,
    pub summary: Option<String>,
    pub transcript: Transcript,
    pub recording: Recording,
    pub cost_usd: Option<f64>,
    /// Whether the call met its goal, as the platform judged it.
    pub evaluation: Option<Evaluation>,
    /// The data the agent was asked to collect.
    pub collected: Vec<Field>,
    /// The platform's measured wait before each agent turn (empty when it sent none).
    pub measured_latency: Vec<TurnLatency>,
    pub cost: CostBreakdown,
}

impl CallRecord {
    /// A record that knows only its ID; every other field reads as absent.
    pub fn with_id(id: impl Into<String>) -> Self {
        CallRecord {
            id: id.into(),
            campaign_id: None,
            changed_at: None,
            created_at: None,
            started_at: None,
            ended_at: None,
            duration_seconds: None,
            customer: Customer::default(),
            status: None,
            call_type: None,
            end_reason: EndReason::Missing,
            summary: None,
            transcript: Transcript::default(),
            recording: Recording::Missing(NoRecording::NotAttached),
            cost_usd: None,
            evaluation: None,
            collected: Vec::new(),
            measured_latency: Vec::new(),
            cost: CostBreakdown::default(),
        }
    }

    /// When the call began, or when the record was made if it never started.
    pub fn when(&self) -> Option<Timestamp> {
        self.started_at.or(self.created_at)
    }
}

/// The person called.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Customer {
    pub name: Option<String>,
    pub number: Option<String>,
}

impl Customer {
    /// Name where known, else number, else a placeholder.
    pub fn display(&self) -> String {
        match (&self.name, &self.number) {
            (Some(name), _) => name.clone(),
            (None, Some(number)) => super::phone::format_phone(number),
            (None, None) => "Unknown customer".to_owned(),
        }
    }

    /// The number, formatted, when the name is what `display` shows (else it would say it twice).
    pub fn secondary(&self) -> Option<String> {
        self.name.as_ref()?;
        self.number.as_deref().map(super::phone::format_phone)
    }
}

/// Who said a turn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Speaker {
    Agent,
    Customer,
    System,
    Tool,
    /// A role nobody listed; kept so nothing said is dropped.
    Other(String),
}

impl Speaker {
    pub fn from_role(role: &str) -> Self {
        match role.trim().to_ascii_lowercase().as_str() {
            "bot" | "assistant" | "agent" | "ai" => Speaker::Agent,
            "user" | "customer" | "human" => Speaker::Customer,
            "system" => Speaker::System,
            "tool" | "tool_calls" | "tool_call_result" | "function" | "function_call"
            | "function_result" | "tool_call" | "tool-calls" => Speaker::Tool,
            other => Speaker::Other(other.to_owned()),
        }
    }

    pub fn label(&self) -> &str {
        match self {
            Speaker::Agent => "Agent",
            Speaker::Customer => "Customer",
            Speaker::System => "System",
            Speaker::Tool => "Tool",
            Speaker::Other(role) => role,
        }
    }

    /// Agent and customer turns are the conversation; the rest is machinery, shown folded.
    pub fn is_spoken(&self) -> bool {
        matches!(self, Speaker::Agent | Speaker::Customer)
    }

    pub fn slug(&self) -> &'static str {
        match self {
            Speaker::Agent => "agent",
            Speaker::Customer => "customer",
            Speaker::System => "system",
            Speaker::Tool => "tool",
            Speaker::Other(_) => "other",
        }
    }
}

/// One message of the conversation.
#[derive(Clone, Debug, PartialEq)]
pub struct Turn {
    pub speaker: Speaker,
    pub text: String,
    /// Seconds from the start of the recording, when known.
    pub at_seconds: Option<f64>,
    /// How long it was spoken, when known.
    pub duration_seconds: Option<f64>,
    /// A tool call or its result, when the turn is one (boxed: most turns are speech).
    pub tool: Option<Box<super::tool_call::ToolPart>>,
}

/// What was said: turns when the platform sent them, else the plain transcript text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transcript {
    pub turns: Vec<Turn>,
    pub plain: Option<String>,
}

impl Transcript {
    pub fn is_empty(&self) -> bool {
        self.turns.is_empty() && self.plain.as_deref().is_none_or(|t| t.trim().is_empty())
    }
}

/// The audio of the call, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum Recording {
    Available {
        url: String,
        /// Presigned links stop working at this instant.
        expires_at: Option<Timestamp>,
    },
    Missing(NoRecording),
}

/// Why a record has no recording, as far as the data tells.
#[derive(Clone, Debug, PartialEq)]
pub enum NoRecording {
    /// The call never connected, so nothing was recorded.
    NeverConnected(KnownEndReason),
    /// The call has not ended yet.
    NotEnded(String),
    /// The record simply carries no recording link.
    NotAttached,
}

impl NoRecording {
    /// Why there is no recording, in words, given what the record says.
    pub fn explain(&self) -> String {
        match self {
            NoRecording::NeverConnected(reason) => format!(
                "No recording: the call never connected ({}).",
                reason.label()
            ),
            NoRecording::NotEnded(status) => {
                format!("No recording yet: the call is still {status}.")
            }
            NoRecording::NotAttached => {
                "No recording is attached to this call. Recording may have been off for this campaign, or the recording was removed after the retention period.".to_owned()
            }
        }
    }
}

impl Recording {
    pub fn is_available(&self) -> bool {
        matches!(self, Recording::Available { .. })
    }
}
