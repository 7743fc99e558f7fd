//! App-wide state, each piece in a typed context with a `provide_*` function.

pub mod call_record;
pub mod campaign_calls;
pub mod playback;
pub mod review;
pub mod settings;

/// Waits for the next task, so that heavy work after a first paint does not lengthen it.
pub use crate::api::pause::next_task;
pub use call_record::{use_call_record, LoadedRecord};
pub use campaign_calls::{
    provide_campaign_calls, use_campaign_calls, CampaignCalls, LoadState, Progress,
};
pub use playback::{provide_playback, use_playback, Playback};
pub use review::{
    provide_campaign_marks, provide_review_store, use_campaign_marks, use_review_store,
    CampaignMarks, ReviewStore,
};
pub use settings::{provide_settings, use_api, use_settings, Settings};

// What the views need of the API layer, so that they depend on state alone.
pub use crate::api::{load_config, ApiClient, ApiError, ErrorText, Parsed};
