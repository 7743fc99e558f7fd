use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{CopyMomentButton, DownloadButton, PlayerControls, SpeakerTimeline};
use crate::browser::{local_date_time, local_short};
use crate::components::shell::ShortcutsButton;
use crate::domain::playback::recording_link::{expired_on, LinkEvent};
use crate::domain::playback::timeline::{silences, skip_target, Span, SKIPPED_SILENCE};
use crate::domain::Recording;
use crate::hooks::{
    use_recording_link, UsePlayerReturn, UseRecordingLinkOptions, UseRecordingLinkReturn,
};
use crate::state::{use_playback, ApiClient};

/// Which record a recording belongs to, so that an expired link can be replaced by a fresh one.
#[derive(Clone)]
pub struct RecordingSource {
    pub api: ApiClient,
    pub call_id: String,
    /// The campaign the record was opened from.
    pub campaign: Option<String>,
}

/// What the player shows besides the audio: who spoke when, the search's hits, and what auto-advance
/// and the transcript's following need.
#[derive(Clone)]
pub struct PlayerParts {
    /// The spoken turns on the recording's clock.
    pub spans: Arc<Vec<Span>>,
    /// The timeline's length, in seconds.
    pub extent: Signal<f64>,
    /// Starts of the turns that hold the list's search.
    pub hits: Signal<Vec<f64>>,
    /// Whether the transcript keeps the spoken turn in view; a button brings it back once paused.
    pub following: RwSignal<bool>,
    /// Called when a recording ends with auto-advance on.
    pub on_ended: Option<Callback<()>>,
    /// Why auto-advance stopped, when it did.
    pub advance_note: Signal<Option<String>>,
}

/// The recording of the whole call: the player's controls over the browser's audio element, the
/// timeline of who spoke when, a download, or why there is none.
///
/// A link that expires or fails to load is replaced once, quietly, by a fresh one from the call record,
/// keeping the position and whether it was playing; only if that fails too does the player say why.
#[component]
pub fn RecordingPlayer(
    /// The recording, or why there is none.
    recording: Recording,
    /// The record it belongs to (which also names the downloaded file).
    source: RecordingSource,
    /// The player's state, shared with the transcript and the keyboard.
    player: UsePlayerReturn,
    /// The timeline and the rest.
    parts: PlayerParts,
) -> impl IntoView {
    let (url, expires_at) = match recording {
        Recording::Available { url, expires_at } => (url, expires_at),
        Recording::Missing(why) => {
            return view! {
                <div class="recording-player">
                    <p class="recording-player__missing">{why.explain()}</p>
                    <SpeakerTimeline
                        spans=parts.spans
                        extent=parts.extent
                        position=Signal::stored(0.0)
                        hits=parts.hits
                    />
                </div>
            }
            .into_any();
        }
    };
    let node_ref = player.audio;
    let playback = use_playback();
    let prefs = playback.prefs;
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
    Effect::new(move |_| {
        let speed = prefs.with(|p| p.speed);
        if node_ref.get().is_some() {
            player.set_speed(speed);
        }
    });
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
    let on_loaded = move |event: web_sys::Event| {
        link.report(LinkEvent::Loaded);
        player.listen(&event);
        player.set_speed(prefs.with_untracked(|p| p.speed));
        let Some(audio) = node_ref.get_untracked() else {
            return;
        };
        if let Some((at, playing)) = restore.get_value() {
            restore.set_value(None);
            if at > 0.0 {
                audio.set_current_time(at);
            }
            if playing {
                // Rejected when the browser blocks autoplay; the position is kept either way.
                let _ = audio.play();
            }
        } else if playback.play_on_open.get_untracked() {
            // Auto-advance opened this call: it plays as the last one did.
            playback.play_on_open.set(false);
            let _ = audio.play();
        }
    };
    let silences = StoredValue::new(silences_of(&parts.spans));
    let on_timeupdate = move |event: web_sys::Event| {
        player.listen(&event);
        if !prefs.with_untracked(|p| p.skip_silence) || !player.playing.get_untracked() {
            return;
        }
        let now = player.position.get_untracked();
        if let Some(to) = silences.with_value(|gaps| skip_target(gaps, now)) {
            player.move_to(to);
        }
    };
    let on_ended = parts.on_ended;
    let ended = move |event: web_sys::Event| {
        player.listen(&event);
        wants_play.set_value(false);
        if let Some(next) = on_ended.filter(|_| prefs.with_untracked(|p| p.auto_advance)) {
            next.run(());
        }
    };
    let can_seek = Callback::new(move |at: f64| player.move_to(at));
    let following = parts.following;
    let advance_note = parts.advance_note;
    view! {
        <div class="recording-player">
            <audio
                class="recording-player__audio"
                preload="metadata"
                src=move || link.playable.get()
                node_ref=node_ref
                aria-label="Call recording"
                on:error=on_error
                on:loadedmetadata=on_loaded
                on:durationchange=move |ev| player.listen(&ev)
                on:play=move |ev| {
                    wants_play.set_value(true);
                    player.listen(&ev)
                }
                on:pause=move |ev| {
                    wants_play.set_value(false);
                    player.listen(&ev)
                }
                on:volumechange=move |ev| player.listen(&ev)
                on:timeupdate=on_timeupdate
                on:seeked=move |ev| player.listen(&ev)
                on:ended=ended
            >
                "Your browser cannot play audio in the page; use Download."
            </audio>
            <PlayerControls player=player />
            <SpeakerTimeline
                spans=parts.spans
                extent=parts.extent
                position=player.position
                hits=parts.hits
                on_seek=Some(can_seek)
            />
            <RecordingStatus link=link damaged=damaged.into() />
            {move || {
                advance_note
                    .get()
                    .map(|note| {
                        view! {
                            <p class="recording-player__note" role="status">
                                {note}
                            </p>
                        }
                    })
            }}
            <div class="recording-player__actions">
                <DownloadButton link=link call_id=call_id />
                <CopyMomentButton audio=node_ref />
                <Show when=move || !following.get()>
                    <button
                        type="button"
                        class="button button--small recording-player__follow"
                        on:click=move |_| following.set(true)
                    >
                        "Follow playback"
                    </button>
                </Show>
                <ShortcutsButton />
            </div>
        </div>
    }
    .into_any()
}

fn silences_of(spans: &[Span]) -> Vec<(f64, f64)> {
    silences(spans, SKIPPED_SILENCE)
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
            // The record says when its link stopped working: said beside the reason.
            let expired = expired_on(link.expires_at.get(), crate::browser::now())
                .map(|at| format!("Its link expired on {}.", local_short(at)));
            return Some(
                view! {
                    <div class="recording-player__error" role="alert">
                        <p>{problem.explain()}</p>
                        {expired
                            .map(|text| view! { <p class="recording-player__expired">{text}</p> })}
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
