//! Pure domain logic: no browser, no framework. Everything here is tested natively.
//! A folder per capability; each folder's `mod.rs` says what it may import (checked by
//! `tests/architecture.rs`).

pub mod export;
pub mod list;
pub mod loading;
pub mod playback;
pub mod records;
pub mod review;
pub mod search;
pub mod text;

pub use records::call::{CallRecord, Customer, NoRecording, Recording, Speaker, Transcript, Turn};
pub use records::campaign::Campaign;
pub use records::end_reason::{EndReason, EndReasonGroup, KnownEndReason};
pub use records::time::Timestamp;
