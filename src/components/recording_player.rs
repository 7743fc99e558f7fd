use leptos::html::Audio;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{CopyMomentButton, DownloadButton};
use crate::browser::local_date_time;
use crate::domain::recording_link::LinkEvent;
use crate::domain::Recording;
use crate::hooks::{use_recording_link, UseRecordingLinkOptions, UseRecordingLinkReturn};
use crate::state::ApiClient;

/// Which record a recording belongs to, so that an expired link can be replaced by a fresh one.
#[derive(Clone)]
pub struct RecordingSource {
    pub api: ApiClient,
    pub call_id: String,
    /// The campaign the record was opened from.
    pub campaign: Option<String>,
}

/// The recording of the whole call: the browser's audio player, a download, or why there is none.
///
/// A link that expires or fails to load is replaced once, quietly, by a fresh one from the call record,
/// keeping the position and whether it was playing; only if that fails too does the player say why.
#[component]
pub fn RecordingPlayer(
    /// The recording, or why there is none.
    recording: Recording,
    /// The record it belongs to (which also names the downloaded file).
    source: RecordingSource,
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
    let call_id = source.call_id.clone();
    let link = use_recording_link(UseRecordingLinkOptions {
        api: source.api,
        call_id: source.call_id,
        campaign: source.campaign,
        url,
        expires_at,
    });
    // Whether the reader means it to play: a load failure does not always fire `pause`, and a fresh
    // link should carry on as the reader left it.
    let wants_play = StoredValue::new(false);
    // Where to put the playhead once a fresh link has loaded.
    let restore = StoredValue::new(None::<(f64, bool)>);
    link.on_swap(Callback::new(move |_url: String| {
        if let Some(audio) = node_ref.get_untracked() {
            restore.set_value(Some((audio.current_time(), wants_play.get_value())));
        }
    }));
    let damaged = RwSignal::new(false);
    let on_error = move |event: web_sys::ErrorEvent| {
        let code = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlMediaElement>().ok())
            .and_then(|audio| audio.error())
            .map(|error| error.code());
        if code == Some(web_sys::MediaError::MEDIA_ERR_DECODE) {
            // A fresh link to the same damaged file would not help.
            damaged.set(true);
        } else {
            link.report(LinkEvent::LoadFailed);
        }
    };
    let on_loaded = move |_| {
        link.report(LinkEvent::Loaded);
        if let (Some((at, playing)), Some(audio)) = (restore.get_value(), node_ref.get_untracked())
        {
            restore.set_value(None);
            if at > 0.0 {
                audio.set_current_time(at);
            }
            if playing {
                // Rejected when the browser blocks autoplay; the position is kept either way.
                let _ = audio.play();
            }
        }
    };
    let on_timeupdate = move |event: web_sys::Event| {
        if let Some(audio) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlMediaElement>().ok())
        {
            on_time.run(audio.current_time());
        }
    };
    view! {
        <div class="recording-player">
            <audio
                class="recording-player__audio"
                controls
                preload="metadata"
                src=move || link.playable.get()
                node_ref=node_ref
                aria-label="Call recording"
                on:error=on_error
                on:loadedmetadata=on_loaded
                on:play=move |_| wants_play.set_value(true)
                on:pause=move |_| wants_play.set_value(false)
                on:timeupdate=on_timeupdate
                on:seeked=on_timeupdate
            >
                "Your browser cannot play audio in the page; use Download."
            </audio>
            <RecordingStatus link=link damaged=damaged.into() />
            <div class="recording-player__actions">
                <DownloadButton link=link call_id=call_id />
                <CopyMomentButton audio=node_ref />
            </div>
        </div>
    }
    .into_any()
}

/// Why the recording cannot play, with Try again; or that a fresh link is on its way; or until when
/// the link is valid.
#[component]
fn RecordingStatus(
    /// The recording's link.
    link: UseRecordingLinkReturn,
    /// The file itself cannot be decoded.
    damaged: Signal<bool>,
) -> impl IntoView {
    let status = move || {
        if damaged.get() {
            return Some(view! {
                <p class="recording-player__error" role="alert">
                    "The recording file is damaged and cannot be played. Try downloading it instead."
                </p>
            }.into_any());
        }
        if let Some(problem) = link.problem.get() {
            return Some(
                view! {
                    <div class="recording-player__error" role="alert">
                        <p>{problem.explain()}</p>
                        <button
                            type="button"
                            class="button button--small"
                            on:click=move |_| link.report(LinkEvent::TryAgain)
                        >
                            "Try again"
                        </button>
                    </div>
                }
                .into_any(),
            );
        }
        link.refreshing.get().then(|| {
            view! {
                <p class="recording-player__note" role="status">
                    "Getting a fresh link to the recording…"
                </p>
            }
            .into_any()
        })
    };
    // Only while the link may still play: beside a reason it cannot, a validity date misleads.
    let expiry = move || {
        if link.problem.with(Option::is_some) || damaged.get() {
            return None;
        }
        link.expires_at.get().map(|at| {
            view! { <p class="recording-player__expiry">"Link valid until " {local_date_time(at)} "."</p> }
        })
    };
    view! {
        {status}
        {expiry}
    }
}
