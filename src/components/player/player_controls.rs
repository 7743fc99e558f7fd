use leptos::prelude::*;

use crate::domain::playback::player::{speed_label, PlaybackPrefs, BUTTON_STEP, SPEEDS};
use crate::domain::records::time::format_clock;
use crate::hooks::UsePlayerReturn;
use crate::state::use_playback;

/// The player's buttons: play/pause, back and forward 10 s, time, speed, mute, and the reviewer's
/// toggles (skip silence, auto-advance), each with an accessible name.
#[component]
pub fn PlayerControls(
    /// The player they drive.
    player: UsePlayerReturn,
) -> impl IntoView {
    let prefs = use_playback().prefs;
    let playing = player.playing;
    let muted = player.muted;
    let time = move || {
        let total = player
            .duration
            .get()
            .map(format_clock)
            .unwrap_or_else(|| "–:––".to_owned());
        format!("{} / {total}", format_clock(player.position.get()))
    };
    let speed_options = SPEEDS
        .into_iter()
        .map(|speed| {
            view! {
                <option value=speed.to_string() selected=move || prefs.with(|p| p.speed == speed)>
                    {speed_label(speed)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="player-controls">
            <button
                type="button"
                class="player-controls__play"
                aria-label=move || if playing.get() { "Pause" } else { "Play" }
                on:click=move |_| player.toggle()
            >
                <svg
                    viewBox="0 0 24 24"
                    width="20"
                    height="20"
                    aria-hidden="true"
                    fill="currentColor"
                >
                    <path d=move || {
                        if playing.get() { "M6 5h4v14H6zM14 5h4v14h-4z" } else { "M8 5v14l11-7z" }
                    } />
                </svg>
            </button>
            <button
                type="button"
                class="player-controls__step"
                aria-label="Back 10 seconds"
                title="Back 10 s (←: 5 s)"
                on:click=move |_| player.jump_by(-BUTTON_STEP)
            >
                "−10"
            </button>
            <button
                type="button"
                class="player-controls__step"
                aria-label="Forward 10 seconds"
                title="Forward 10 s (→: 5 s)"
                on:click=move |_| player.jump_by(BUTTON_STEP)
            >
                "+10"
            </button>
            <span class="player-controls__time">{time}</span>
            <select
                class="player-controls__speed"
                aria-label="Playback speed"
                title="Playback speed (< and >)"
                on:change=move |ev| {
                    if let Ok(speed) = event_target_value(&ev).parse::<f64>() {
                        player.set_speed(speed);
                        prefs.update(|p| p.speed = speed);
                    }
                }
            >
                {speed_options}
            </select>
            <button
                type="button"
                class="player-controls__mute"
                aria-label="Mute"
                aria-pressed=move || if muted.get() { "true" } else { "false" }
                on:click=move |_| player.set_muted(!muted.get_untracked())
            >
                <svg
                    viewBox="0 0 24 24"
                    width="18"
                    height="18"
                    aria-hidden="true"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                    stroke-linecap="round"
                >
                    <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" stroke="none" />
                    <path d=move || {
                        if muted.get() {
                            "M16 9l5 6M21 9l-5 6"
                        } else {
                            "M16 8.5a4.5 4.5 0 0 1 0 7M18.5 6a8 8 0 0 1 0 12"
                        }
                    } />
                </svg>
            </button>
            <div class="player-controls__toggles">
                {toggle(prefs, "Skip silence", |p| &mut p.skip_silence)}
                {toggle(prefs, "Auto-advance", |p| &mut p.auto_advance)}
            </div>
        </div>
    }
}

/// One of the reviewer's kept toggles, as a labelled checkbox.
fn toggle(
    prefs: RwSignal<PlaybackPrefs>,
    label: &'static str,
    field: fn(&mut PlaybackPrefs) -> &mut bool,
) -> impl IntoView {
    view! {
        <label class="checkbox player-controls__toggle">
            <input
                type="checkbox"
                prop:checked=move || {
                    let mut current = prefs.get();
                    *field(&mut current)
                }
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    prefs.update(|p| *field(p) = on);
                }
            />
            <span>{label}</span>
        </label>
    }
}
