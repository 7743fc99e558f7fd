//! One call's record: its header and facts, why it ended, the summary and transcript, other calls to
//! the number. Imports `common`, `player` and `review` (the record holds the player and the review panel), never
//! `list`.

mod call_details;
mod call_facts;
mod call_header;
mod end_reason_details;
mod other_calls;
mod transcript;
mod transcript_turn;

pub use call_details::{AutoAdvance, CallDetails};
pub use call_facts::CallFacts;
pub use call_header::CallHeader;
pub use end_reason_details::EndReasonDetails;
pub use other_calls::OtherCalls;
pub use transcript::TranscriptView;
