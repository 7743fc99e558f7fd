//! Presentational components, one per file, each named after what it shows.

mod app_header;
mod call_details;
mod copy_button;
mod download_button;
mod empty_state;
mod end_reason_badge;
mod end_reason_details;
mod error_panel;
mod not_found;
mod record_row;
mod recording_player;
mod settings_panel;
mod transcript;

pub use app_header::AppHeader;
pub use call_details::CallDetails;
pub use copy_button::CopyButton;
pub use download_button::DownloadButton;
pub use empty_state::EmptyState;
pub use end_reason_badge::EndReasonBadge;
pub use end_reason_details::EndReasonDetails;
pub use error_panel::ErrorPanel;
pub use not_found::NotFound;
pub use record_row::RecordRow;
pub use recording_player::RecordingPlayer;
pub use settings_panel::SettingsPanel;
pub use transcript::TranscriptView;
