//! The recording's audio element: what its events do. A fresh link (after one expired) carries on where
//! the reader was and as they left it; a damaged file is told apart from a dead link; Skip silence jumps
//! gaps while playing; a call that ends may open the next (auto-advance); the kept speed applies.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{UsePlayerReturn, UseRecordingLinkReturn};
use crate::domain::playback::recording_link::LinkEvent;
use crate::domain::playback::timeline::skip_target;
use crate::state::use_playback;

/// What the audio element's events act on.
pub struct UseRecordingAudioOptions {
    pub player: UsePlayerReturn,
    pub link: UseRecordingLinkReturn,
    /// The gaps Skip silence jumps (start, end).
    pub silences: Vec<(f64, f64)>,
    /// Opens the next call when the recording ends, when auto-advance is on.
    pub on_ended: Option<Callback<()>>,
}

/// The handlers to give the audio element's events, and whether its file turned out damaged.
#[derive(Clone, Copy)]
pub struct UseRecordingAudioReturn {
    pub on_error: Callback<web_sys::ErrorEvent>,
    pub on_loaded: Callback<web_sys::Event>,
    /// `play` (true) or `pause` (false).
    pub on_play_or_pause: Callback<(web_sys::Event, bool)>,
    pub on_timeupdate: Callback<web_sys::Event>,
    pub on_ended: Callback<web_sys::Event>,
    /// The file itself cannot be decoded: a fresh link would not help.
    pub damaged: RwSignal<bool>,
}

pub fn use_recording_audio(options: UseRecordingAudioOptions) -> UseRecordingAudioReturn {
    let UseRecordingAudioOptions {
        player,
        link,
        silences,
        on_ended,
    } = options;
    let node_ref = player.audio;
    let playback = use_playback();
    let prefs = playback.prefs;
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
    let on_error = Callback::new(move |event: web_sys::ErrorEvent| {
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
    });
    let on_loaded = Callback::new(move |event: web_sys::Event| {
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
    });
    let on_play_or_pause = Callback::new(move |(event, playing): (web_sys::Event, bool)| {
        wants_play.set_value(playing);
        player.listen(&event);
    });
    let silences = StoredValue::new(silences);
    let on_timeupdate = Callback::new(move |event: web_sys::Event| {
        player.listen(&event);
        if !prefs.with_untracked(|p| p.skip_silence) || !player.playing.get_untracked() {
            return;
        }
        let now = player.position.get_untracked();
        if let Some(to) = silences.with_value(|gaps| skip_target(gaps, now)) {
            player.move_to(to);
        }
    });
    let on_ended = Callback::new(move |event: web_sys::Event| {
        player.listen(&event);
        wants_play.set_value(false);
        if let Some(next) = on_ended.filter(|_| prefs.with_untracked(|p| p.auto_advance)) {
            next.run(());
        }
    });
    UseRecordingAudioReturn {
        on_error,
        on_loaded,
        on_play_or_pause,
        on_timeupdate,
        on_ended,
        damaged,
    }
}
