use std::sync::Arc;

use leptos::prelude::*;

use super::{NoteMarks, PlayerControls, RecordingActions, SpeakerTimeline};
use crate::browser::{local_date_time, local_short};
use crate::domain::playback::recording_link::{expired_on, LinkEvent};
use crate::domain::playback::timeline::{silences, Span, SKIPPED_SILENCE};
use crate::domain::Recording;
use crate::hooks::{
    use_recording_audio, use_recording_link, UsePlayerReturn, UseRecordingAudioOptions,
    UseRecordingLinkOptions, UseRecordingLinkReturn,
};
use crate::state::ApiClient;

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
    /// The reviewer's pinned notes: moment and text.
    pub notes: Signal<Vec<(f64, String)>>,
    /// Where the agent answered after a slow wait, in seconds.
    pub slow: Signal<Vec<f64>>,
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
            // Why there is none, and who spoke when all the same.
            return view! {
                <div class="recording-player">
                    <p class="recording-player__missing">{why.explain()}</p>
                    <SpeakerTimeline
                        spans=parts.spans
                        extent=parts.extent
                        position=Signal::stored(0.0)
                        hits=parts.hits
                        slow=parts.slow
                    />
                    <NoteMarks notes=parts.notes extent=parts.extent />
                </div>
            }
            .into_any();
        }
    };
    let node_ref = player.audio;
    let call_id = source.call_id.clone();
    let link = use_recording_link(UseRecordingLinkOptions {
        api: source.api,
        call_id: source.call_id,
        campaign: source.campaign,
        url,
        expires_at,
    });
    let audio = use_recording_audio(UseRecordingAudioOptions {
        player,
        link,
        silences: silences(&parts.spans, SKIPPED_SILENCE),
        on_ended: parts.on_ended,
    });
    let damaged = audio.damaged;
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
                on:error=move |ev| audio.on_error.run(ev)
                on:loadedmetadata=move |ev| audio.on_loaded.run(ev)
                on:durationchange=move |ev| player.listen(&ev)
                on:play=move |ev| audio.on_play_or_pause.run((ev, true))
                on:pause=move |ev| audio.on_play_or_pause.run((ev, false))
                on:volumechange=move |ev| player.listen(&ev)
                on:timeupdate=move |ev| audio.on_timeupdate.run(ev)
                on:seeked=move |ev| player.listen(&ev)
                on:ended=move |ev| audio.on_ended.run(ev)
            >
                "Your browser cannot play audio in the page; use Download."
            </audio>
            <PlayerControls player=player />
            <SpeakerTimeline
                spans=parts.spans
                extent=parts.extent
                position=player.position
                hits=parts.hits
                slow=parts.slow
                on_seek=Some(can_seek)
            />
            <NoteMarks notes=parts.notes extent=parts.extent on_seek=Some(can_seek) />
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
            <RecordingActions link=link call_id=call_id audio=node_ref following=following />
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
