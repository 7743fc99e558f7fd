//! Every path of the app, built in one place so links and routes cannot drift apart.

//!
//! An ID is percent-encoded once here, and decoded once where it is read: route parameters arrive
//! decoded from the router, and [`call_id_from_path`] decodes the raw path itself. Nothing decodes twice,
//! so IDs holding `/`, `%`, `?`, `#` or spaces open.

use crate::domain::url::{percent_decode, percent_encode};

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
