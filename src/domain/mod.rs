//! Pure domain logic: no browser, no framework. Everything here is tested natively.

pub mod api_key;
pub mod bitset;
pub mod bytes;
pub mod call;
pub mod campaign;
pub mod download;
pub mod end_reason;
pub mod export;
pub mod file_name;
pub mod list_window;
pub mod load_plan;
pub mod loader;
pub mod long_text;
pub mod moment;
pub mod phone;
pub mod playback;
pub mod postings;
pub mod recording_link;
pub mod scope;
pub mod search;
pub mod selection;
pub mod store;
pub mod store_entry;
pub mod tally;
pub mod time;
pub mod timeline;
pub mod transcript_lines;
pub mod turn_window;
pub mod url;
pub mod view;
pub mod word_table;
pub mod words;

pub use call::{CallRecord, Customer, NoRecording, Recording, Speaker, Transcript, Turn};
pub use campaign::Campaign;
pub use end_reason::{EndReason, EndReasonGroup, KnownEndReason};
pub use time::Timestamp;
