//! Every path of the app, built in one place so links and routes cannot drift apart.

use crate::domain::end_reason::percent_encode;

/// The campaigns list.
pub fn campaigns() -> String {
    "/campaigns".to_owned()
}

/// A campaign's records.
pub fn campaign(campaign_id: &str) -> String {
    format!("/campaigns/{}", percent_encode(campaign_id))
}

/// One call record inside its campaign.
pub fn call(campaign_id: &str, call_id: &str) -> String {
    format!(
        "/campaigns/{}/calls/{}",
        percent_encode(campaign_id),
        percent_encode(call_id)
    )
}
