//! Where the recording's playhead is, and the two ways the page moves it: a seek that plays, and a cue
//! that waits.

use leptos::html::Audio;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The playhead and the ways to move it. Copy it freely.
#[derive(Clone, Copy)]
pub struct UsePlayerPositionReturn {
    /// Seconds from the start, as the audio element reports it.
    pub position: RwSignal<f64>,
    /// Jumps there and plays (a time in the transcript was chosen).
    pub seek: Callback<f64>,
    /// Waits there without playing (a search hit's turn; the reviewer presses play).
    pub cue: Callback<f64>,
}

/// The playhead of the audio element in `audio`.
pub fn use_player_position(audio: NodeRef<Audio>) -> UsePlayerPositionReturn {
    let position = RwSignal::new(0.0);
    let seek = Callback::new(move |seconds: f64| {
        if let Some(audio) = audio.get_untracked() {
            audio.set_current_time(seconds);
            position.set(seconds);
            // play() rejects when the browser blocks autoplay; the position is set either way.
            let _ = audio.play();
        }
    });
    // The transcript may find the hit before the player is in the page, so the time waits for it.
    let cued = RwSignal::new(None::<f64>);
    Effect::new(move |_| {
        if let (Some(audio), Some(seconds)) = (audio.get(), cued.get()) {
            position.set(seconds);
            if audio.ready_state() >= web_sys::HtmlMediaElement::HAVE_METADATA {
                audio.set_current_time(seconds);
            } else {
                // Before its metadata the element forgets a position (loading resets it to 0).
                let target = audio.clone();
                let later = wasm_bindgen::closure::Closure::once_into_js(move || {
                    target.set_current_time(seconds);
                    target.set_onloadedmetadata(None);
                });
                audio.set_onloadedmetadata(Some(later.unchecked_ref()));
            }
        }
    });
    UsePlayerPositionReturn {
        position,
        seek,
        cue: Callback::new(move |seconds| cued.set(Some(seconds))),
    }
}
