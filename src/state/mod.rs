//! App-wide state, each piece in a typed context with a `provide_*` function.

pub mod campaign_calls;
pub mod settings;

pub use campaign_calls::{use_campaign_calls, CampaignCalls, LoadState, Progress};
pub use settings::{provide_settings, use_settings, Settings};
