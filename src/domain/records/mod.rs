//! What a call and a campaign are once read: the record, its end reason (the label table), times and
//! durations, phone numbers, the plain transcript form, the API key's shape. Imports `text` only.

pub mod api_key;
pub mod call;
pub mod campaign;
pub mod end_reason;
pub mod phone;
pub mod time;
pub mod transcript_lines;
