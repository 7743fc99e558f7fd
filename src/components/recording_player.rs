use leptos::html::Audio;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::DownloadButton;
use crate::domain::Recording;
use crate::hooks::local_date_time;

/// The recording of the whole call: the browser's audio player, a download, or why there is none.
#[component]
pub fn RecordingPlayer(
    /// The recording, or why there is none.
    recording: Recording,
    /// The call, which names the downloaded file.
    #[prop(into)]
    call_id: String,
    /// Lets the transcript seek the player.
    node_ref: NodeRef<Audio>,
    /// Receives the playback position, in seconds, as it moves.
    #[prop(into)]
    on_time: Callback<f64>,
) -> impl IntoView {
    let (url, expires_at) = match recording {
        Recording::Available { url, expires_at } => (url, expires_at),
        Recording::Missing(why) => {
            return view! { <p class="recording-player__missing">{why.explain()}</p> }.into_any();
        }
    };
    let failure = RwSignal::new(None::<&'static str>);
    let on_error = move |event: web_sys::ErrorEvent| {
        let code = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlMediaElement>().ok())
            .and_then(|audio| audio.error())
            .map(|error| error.code());
        failure.set(Some(match code {
            Some(web_sys::MediaError::MEDIA_ERR_NETWORK) => {
                "The recording stopped downloading. Check your connection, then press play again."
            }
            Some(web_sys::MediaError::MEDIA_ERR_DECODE) => {
                "The recording file is damaged and cannot be played. Try downloading it instead."
            }
            _ => "The recording could not be loaded. Its link may have expired (reload the page for a fresh one), or it was deleted after the retention period.",
        }));
    };
    let on_timeupdate = move |event: web_sys::Event| {
        if let Some(audio) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlMediaElement>().ok())
        {
            on_time.run(audio.current_time());
        }
    };
    let expiry = expires_at.map(|at| {
        let now = js_sys::Date::now() as i64;
        if at.0 <= now {
            format!(
                "This recording link expired on {}. Reload the page to get a fresh one.",
                local_date_time(at)
            )
        } else {
            format!("Link valid until {}.", local_date_time(at))
        }
    });
    view! {
        <div class="recording-player">
            <audio class="recording-player__audio" controls preload="metadata" src=url.clone()
                node_ref=node_ref
                aria-label="Call recording"
                on:error=on_error on:timeupdate=on_timeupdate on:seeked=on_timeupdate>
                "Your browser cannot play audio in the page; use Download."
            </audio>
            {move || failure.get().map(|message| view! { <p class="recording-player__error" role="alert">{message}</p> })}
            <DownloadButton url=url call_id=call_id/>
            {expiry.map(|text| view! { <p class="recording-player__expiry">{text}</p> })}
        </div>
    }
    .into_any()
}
