//! Every path of the app, built in one place so links and routes cannot drift apart.

//!
//! An ID is percent-encoded once here, and decoded once where it is read, from the raw path
//! ([`campaign_id_from_path`], [`call_id_from_path`]). The router's own route parameters are not used
//! for IDs: a nested route's parameters come out decoded twice, so `x%2F2` would read as `x/2`.

use crate::domain::text::url::{percent_decode, percent_encode};

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

/// The campaign ID in a path built by [`campaign`] or [`call`], decoded; `None` on any other path.
pub fn campaign_id_from_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/campaigns/")?;
    let campaign = rest.split('/').next()?;
    (!campaign.is_empty()).then(|| percent_decode(campaign))
}

/// The call ID in a path built by [`call`], decoded; `None` on any other path.
pub fn call_id_from_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/campaigns/")?;
    let (_, call) = rest.split_once("/calls/")?;
    let call = call.trim_end_matches('/');
    (!call.is_empty() && !call.contains('/')).then(|| percent_decode(call))
}

/// Whether the router would misread a click on a link to `path`: it passes the path of a clicked link
/// through `decodeURI`, which turns an encoded `%` (`%25`) back into `%`, so an ID that holds `%2F`
/// would come out as one holding `/`. Such links are followed as written instead.
pub fn needs_exact_navigation(path: &str) -> bool {
    path.contains("%25")
}
