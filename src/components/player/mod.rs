//! The recording: the player around the audio element, its controls, the timeline of who spoke when,
//! the reviewer's notes on it, Download and Copy link to this moment. Imports `common` and `shell` (the shortcuts button) only.

mod copy_moment_button;
mod download_button;
mod note_marks;
mod player_controls;
mod recording_actions;
mod recording_player;
mod speaker_timeline;

pub use copy_moment_button::CopyMomentButton;
pub use download_button::DownloadButton;
pub use note_marks::NoteMarks;
pub use player_controls::PlayerControls;
pub use recording_actions::RecordingActions;
pub use recording_player::{PlayerParts, RecordingPlayer, RecordingSource};
pub use speaker_timeline::SpeakerTimeline;
