//! Listening to a call: speeds and preferences, the timeline of who spoke when, moments, the transcript's
//! block window, expiring recording links. Imports `records` and `text`.

pub mod moment;
pub mod player;
pub mod recording_link;
pub mod timeline;
pub mod turn_window;
