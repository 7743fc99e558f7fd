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

/// Decodes `%XX` escapes. The router decodes paths with `decodeURI`, which leaves reserved characters
/// (`/`, `&`, `?`, ...) escaped, so route parameters go through this before use. Text that does not
/// decode to UTF-8 is returned as it was.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// The call ID in a path built by [`call`], decoded; `None` on any other path.
pub fn call_id_from_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/campaigns/")?;
    let (_, call) = rest.split_once("/calls/")?;
    let call = call.trim_end_matches('/');
    (!call.is_empty() && !call.contains('/')).then(|| percent_decode(call))
}
