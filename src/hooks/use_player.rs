//! The recording's player as the page sees it: where the playhead is, whether it plays, how long the
//! recording is, and the ways the page moves it. The audio element reports into it through
//! [`UsePlayerReturn::listen`]; everything else reads the signals.

use leptos::html::Audio;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::playback::player::jump;

/// The player's state and controls. Copy it freely.
#[derive(Clone, Copy)]
pub struct UsePlayerReturn {
    pub audio: NodeRef<Audio>,
    /// Seconds from the start, as the audio element reports it.
    pub position: RwSignal<f64>,
    /// The recording's length once its metadata is in.
    pub duration: RwSignal<Option<f64>>,
    pub playing: RwSignal<bool>,
    pub muted: RwSignal<bool>,
    /// Jumps there and plays (a time in the transcript was chosen).
    pub seek: Callback<f64>,
    /// Waits there without playing (a search hit's turn, a `?t=` moment; the reviewer presses play).
    pub cue: Callback<f64>,
}

impl UsePlayerReturn {
    fn element(&self) -> Option<web_sys::HtmlAudioElement> {
        self.audio.get_untracked()
    }

    /// Play or pause. `play()` rejects when the browser blocks autoplay; nothing else is needed then.
    pub fn toggle(&self) {
        if let Some(audio) = self.element() {
            if audio.paused() {
                let _ = audio.play();
            } else {
                let _ = audio.pause();
            }
        }
    }

    /// Moves the playhead without changing whether it plays.
    pub fn move_to(&self, seconds: f64) {
        if let Some(audio) = self.element() {
            let target = jump(seconds, 0.0, self.duration.get_untracked());
            audio.set_current_time(target);
            self.position.set(target);
        }
    }

    /// Where the playhead is this instant: the element's own time, which runs ahead of `position`
    /// until its next `timeupdate`.
    pub fn now(&self) -> f64 {
        self.element()
            .map(|a| a.current_time())
            .filter(|t| t.is_finite())
            .unwrap_or_else(|| self.position.get_untracked())
    }

    /// Moves the playhead by `delta` seconds, inside the recording.
    pub fn jump_by(&self, delta: f64) {
        self.move_to(self.now() + delta);
    }

    pub fn set_muted(&self, muted: bool) {
        if let Some(audio) = self.element() {
            audio.set_muted(muted);
        }
    }

    /// Speed for this recording and any it loads next (a fresh source resets the element's rate to
    /// its default, so both are set).
    pub fn set_speed(&self, speed: f64) {
        if let Some(audio) = self.element() {
            audio.set_default_playback_rate(speed);
            audio.set_playback_rate(speed);
        }
    }

    /// Takes in what the audio element says of itself; wire it to every media event that changes it.
    pub fn listen(&self, event: &web_sys::Event) {
        let Some(audio) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlMediaElement>().ok())
        else {
            return;
        };
        let time = audio.current_time();
        if time.is_finite() {
            self.position.set(time);
        }
        let duration = audio.duration();
        self.duration
            .set((duration.is_finite() && duration > 0.0).then_some(duration));
        self.playing.set(!audio.paused() && !audio.ended());
        self.muted.set(audio.muted());
    }
}

/// The player of the audio element in `audio`.
pub fn use_player(audio: NodeRef<Audio>) -> UsePlayerReturn {
    let position = RwSignal::new(0.0);
    let seek = Callback::new(move |seconds: f64| {
        if let Some(audio) = audio.get_untracked() {
            audio.set_current_time(seconds);
            position.set(seconds);
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
    UsePlayerReturn {
        audio,
        position,
        duration: RwSignal::new(None),
        playing: RwSignal::new(false),
        muted: RwSignal::new(false),
        seek,
        cue: Callback::new(move |seconds| cued.set(Some(seconds))),
    }
}
