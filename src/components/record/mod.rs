//! One call's record: its header and facts, why it ended, the summary and transcript, the outcome and
//! collected data, tool calls, response times and cost, other calls to the number. Imports `common`, `player` and `review` (the record holds the player and the review panel), never
//! `list`.

mod call_details;
mod call_facts;
mod call_header;
mod call_outcome;
mod cost_breakdown;
mod end_reason_details;
mod latency_table;
mod other_calls;
mod tool_call_card;
mod transcript;
mod transcript_turn;

pub use call_details::{AutoAdvance, CallDetails};
pub use call_facts::CallFacts;
pub use call_header::CallHeader;
pub use call_outcome::CallOutcome;
pub use cost_breakdown::CostParts;
pub use end_reason_details::EndReasonDetails;
pub use latency_table::LatencyTable;
pub use other_calls::OtherCalls;
pub use transcript::TranscriptView;
