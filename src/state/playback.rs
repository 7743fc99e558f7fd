//! The reviewer's way of listening, shared by every record opened in the tab and remembered on this
//! device; and the one-shot wish that the next record opened should start playing (auto-advance).

use leptos::prelude::*;

use crate::domain::playback::player::PlaybackPrefs;

/// Where the preferences live in localStorage.
const STORAGE_KEY: &str = "call-records.playback";

#[derive(Clone, Copy)]
pub struct Playback {
    pub prefs: RwSignal<PlaybackPrefs>,
    /// Set when auto-advance opens the next call; the next player to load plays and clears it.
    pub play_on_open: RwSignal<bool>,
}

/// Reads the stored preferences and writes them back whenever they change.
pub fn provide_playback() -> Playback {
    let local = || web_sys::window()?.local_storage().ok().flatten();
    let stored = local()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|text| PlaybackPrefs::from_stored(&text))
        .unwrap_or_default();
    let playback = Playback {
        prefs: RwSignal::new(stored),
        play_on_open: RwSignal::new(false),
    };
    Effect::new(move |_| {
        let text = playback.prefs.with(|p| p.to_stored());
        // A full or disabled storage only costs the memory of the choice, never the choice itself.
        if let Some(storage) = local() {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    });
    provide_context(playback);
    playback
}

/// The provided playback state; a fresh, unremembered one where none is provided (a record shown on
/// its own, as in component tests).
pub fn use_playback() -> Playback {
    use_context::<Playback>().unwrap_or_else(|| Playback {
        prefs: RwSignal::new(PlaybackPrefs::default()),
        play_on_open: RwSignal::new(false),
    })
}
