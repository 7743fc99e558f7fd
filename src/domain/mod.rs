//! Pure domain logic: no browser, no framework. Everything here is tested natively.

pub mod api_key;
pub mod call;
pub mod campaign;
pub mod download;
pub mod end_reason;
pub mod phone;
pub mod selection;
pub mod time;
pub mod url;

pub use call::{CallRecord, Customer, NoRecording, Recording, Speaker, Transcript, Turn};
pub use campaign::Campaign;
pub use end_reason::{EndReason, EndReasonGroup, KnownEndReason};
pub use time::Timestamp;
