//! Saving a recording to the computer through a blob URL, with a fallback when the browser refuses.
//!
//! `<a download>` is ignored for cross-origin URLs, so the file is fetched, turned into a same-origin
//! blob URL, clicked, and the URL revoked. A refused fetch first asks the link for a fresh URL (it may
//! have expired) and tries once more. Storage that sends no CORS headers makes the fetch fail; then the
//! recording is opened in a new tab instead, and the user is told so.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

use super::UseRecordingLinkReturn;
use crate::domain::export::download::recording_file_name;

/// Where a download stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DownloadState {
    Idle,
    Working,
    /// Saved under this file name.
    Saved(String),
    /// The browser refused the direct download; the recording (at this URL) was opened in a new tab
    /// (which a popup blocker may have stopped: the view offers the link too).
    OpenedInstead(String),
    /// The storage answered with an error: gone or not allowed.
    Failed(String),
}

/// How long a blob URL lives after its click: the download takes hold of the blob when it starts, which
/// is soon after the click but not within it.
const REVOKE_AFTER_MS: i32 = 4_000;

/// Returns the download state and a function that downloads the recording behind `link` as the
/// recording of `call_id`.
pub fn use_blob_download(
    call_id: String,
) -> (
    ReadSignal<DownloadState>,
    impl Fn(UseRecordingLinkReturn) + Clone,
) {
    let (state, set_state) = signal(DownloadState::Idle);
    let download = move |link: UseRecordingLinkReturn| {
        if state.get_untracked() == DownloadState::Working {
            return;
        }
        set_state.set(DownloadState::Working);
        let call_id = call_id.clone();
        spawn_local(async move {
            let url = link.url.get_untracked();
            let first = fetch_blob(&url).await;
            let refused = matches!(first, Fetched::Refused(_) | Fetched::Blocked);
            let outcome = match refused.then(|| link.fresh_for_download()) {
                Some(fresh) => match fresh.await {
                    Some(fresh) => save(fetch_blob(&fresh).await, &fresh, &call_id),
                    None => save(first, &url, &call_id),
                },
                None => save(first, &url, &call_id),
            };
            set_state.try_set(outcome);
        });
    };
    (state, download)
}

/// What fetching the recording gave.
enum Fetched {
    Blob(web_sys::Blob, Option<String>),
    /// The storage answered with this error status.
    Refused(u16),
    /// The browser refused the fetch (CORS) or the network failed: it will not say which.
    Blocked,
}

async fn fetch_blob(url: &str) -> Fetched {
    let Some(window) = web_sys::window() else {
        return Fetched::Blocked;
    };
    let response = match JsFuture::from(window.fetch_with_str(url)).await {
        Ok(response) => response.unchecked_into::<web_sys::Response>(),
        Err(_) => return Fetched::Blocked,
    };
    if !response.ok() {
        return Fetched::Refused(response.status());
    }
    let content_type = response.headers().get("content-type").ok().flatten();
    match response.blob() {
        Ok(promise) => match JsFuture::from(promise).await {
            Ok(blob) => Fetched::Blob(blob.unchecked_into::<web_sys::Blob>(), content_type),
            Err(_) => Fetched::Blocked,
        },
        Err(_) => Fetched::Blocked,
    }
}

fn save(fetched: Fetched, url: &str, call_id: &str) -> DownloadState {
    let Some(window) = web_sys::window() else {
        return DownloadState::Failed("no browser window".to_owned());
    };
    let (blob, content_type) = match fetched {
        Fetched::Blob(blob, content_type) => (blob, content_type),
        Fetched::Blocked => return open_instead(&window, url),
        Fetched::Refused(status) => {
            return DownloadState::Failed(match status {
                401 | 403 | 404 | 410 => "The recording is no longer available: its link has expired or it was deleted after the retention period, and the call record gave no fresh link.".to_owned(),
                status => format!("The recording's server answered {status}. Try again in a moment."),
            })
        }
    };
    let file_name = recording_file_name(call_id, content_type.as_deref(), url);
    match save_blob(&window, &blob, &file_name) {
        Ok(()) => DownloadState::Saved(file_name),
        Err(_) => open_instead(&window, url),
    }
}

/// [`save_text_file`], and what to tell the user: `saved` when it worked, else that the browser refused.
/// The `bool` says it failed.
pub fn save_text_file_said(
    text: &str,
    file_name: &str,
    mime: &str,
    saved: String,
) -> (bool, String) {
    match save_text_file(text, file_name, mime) {
        Ok(()) => (false, saved),
        Err(_) => (
            true,
            "The browser refused to save the file. Allow downloads for this site, then try again."
                .to_owned(),
        ),
    }
}

/// Saves text made in the page as a file, through a blob URL (revoked once the download has started).
pub fn save_text_file(text: &str, file_name: &str, mime: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    save_blob(&window, &blob, file_name)
}

fn save_blob(
    window: &web_sys::Window,
    blob: &web_sys::Blob,
    file_name: &str,
) -> Result<(), JsValue> {
    let href = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let anchor = document
        .create_element("a")?
        .unchecked_into::<web_sys::HtmlAnchorElement>();
    anchor.set_href(&href);
    anchor.set_download(file_name);
    anchor.set_attribute("hidden", "")?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&href);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(
        revoke.unchecked_ref(),
        REVOKE_AFTER_MS,
    )?;
    Ok(())
}

fn open_instead(window: &web_sys::Window, url: &str) -> DownloadState {
    // With `noopener` the browser returns no handle even on success, so success cannot be told from a
    // blocked popup: the view always offers the link as well.
    let _ = window.open_with_url_and_target_and_features(url, "_blank", "noopener");
    DownloadState::OpenedInstead(url.to_owned())
}
