//! Small parts every other folder uses: buttons, an empty state, the error panel, marked and long text,
//! the end-reason, verdict and outcome badges. Imports no other component folder.

mod copy_button;
mod empty_state;
mod end_reason_badge;
mod error_panel;
mod highlighted;
mod long_text;
mod outcome_badge;
mod verdict_badge;

pub use copy_button::CopyButton;
pub use empty_state::EmptyState;
pub use end_reason_badge::EndReasonBadge;
pub use error_panel::ErrorPanel;
pub use highlighted::Highlighted;
pub use long_text::LongText;
pub use outcome_badge::OutcomeBadge;
pub use verdict_badge::VerdictBadge;
