//! What a call and a campaign are once read: the record, its end reason (the label table), times and
//! durations, phone numbers, the plain transcript form, the API key's shape; and what
//! the platform adds: the success evaluation (outcome), the collected data, tool calls, latency and cost. Imports `text` only.

pub mod api_key;
pub mod call;
pub mod campaign;
pub mod collected;
pub mod cost;
pub mod end_reason;
pub mod latency;
pub mod outcome;
pub mod phone;
pub mod time;
pub mod tool_call;
pub mod transcript_lines;
