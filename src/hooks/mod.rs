//! Browser side effects, each in a small hook that releases what it holds.

mod use_blob_download;
mod use_copy;
mod use_document_title;
mod use_exact_links;
mod use_focus_trap;
mod use_key_shortcuts;
mod use_manual_scroll;
mod use_next_task;
mod use_player;
mod use_recording_audio;
mod use_recording_link;
mod use_review_keys;
mod use_turn_window;
mod use_view_state;

pub use use_blob_download::{
    save_text_file, save_text_file_said, use_blob_download, DownloadState,
};
pub use use_copy::{use_copy, CopyState};
pub use use_document_title::use_document_title;
pub use use_exact_links::use_exact_links;
pub use use_focus_trap::{use_focus_trap, UseFocusTrapOptions};
pub use use_key_shortcuts::{control_wants, use_key_shortcuts};
pub use use_manual_scroll::use_manual_scroll;
pub use use_next_task::use_next_task;
pub use use_player::{use_player, UsePlayerReturn};
pub use use_recording_audio::{
    use_recording_audio, UseRecordingAudioOptions, UseRecordingAudioReturn,
};
pub use use_recording_link::{use_recording_link, UseRecordingLinkOptions, UseRecordingLinkReturn};
pub use use_review_keys::use_review_keys;
pub use use_turn_window::{use_turn_window, UseTurnWindowReturn};
pub use use_view_state::{use_view_state, History, UseViewStateReturn};
