use leptos::html::Textarea;
use leptos::prelude::*;

use crate::browser::local_short;
use crate::domain::playback::moment::{moment_param, PARAM};
use crate::domain::records::time::format_clock;
use crate::domain::review::CallMarks;
use crate::domain::Timestamp;

/// The call's notes, pinned ones by moment (a button that seeks there), and the form to write one at the
/// player's moment.
#[component]
pub fn NoteList(
    marks: Memo<CallMarks>,
    /// The text field, for the `n` key.
    input: NodeRef<Textarea>,
    /// The player's position: where a new note is pinned.
    position: Signal<f64>,
    /// Whether there is a recording to pin to.
    can_pin: bool,
    on_seek: Option<Callback<f64>>,
    /// Called with the text and the moment of a new note.
    on_add: Callback<(String, Option<f64>)>,
    on_delete: Callback<String>,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let pin = RwSignal::new(can_pin);
    let add = move || {
        let text = draft.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let moment = (can_pin && pin.get_untracked()).then(|| position.get_untracked().floor());
        on_add.run((text, moment));
        draft.set(String::new());
    };
    let notes = move || {
        marks.with(|m| {
            m.live_notes()
                .into_iter()
                .map(|note| {
                    let moment = note.moment.map(|at| {
                        let label = format_clock(at);
                        // A link to the record at the note's moment (`?t=`), to copy or share; a click
                        // here seeks instead of reloading.
                        let href = format!("{}?{PARAM}={}", here(), moment_param(at));
                        match on_seek {
                            Some(seek) => view! {
                                <a
                                    class="note__moment"
                                    href=href
                                    aria-label=format!("Play from {label}")
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        seek.run(at);
                                    }
                                >
                                    {label.clone()}
                                </a>
                            }
                            .into_any(),
                            None => view! { <span class="note__moment">{label}</span> }.into_any(),
                        }
                    });
                    let id = note.id.clone();
                    let meta = format!("{} · {}", note.by, local_short(Timestamp(note.at)));
                    view! {
                        <li class="note">
                            {moment} <p class="note__text">{note.text.clone()}</p>
                            <span class="note__meta">{meta}</span>
                            <button
                                type="button"
                                class="button button--ghost button--small note__delete"
                                on:click=move |_| on_delete.run(id.clone())
                            >
                                "Delete"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let has_notes = move || marks.with(|m| !m.live_notes().is_empty());
    view! {
        <div class="note-list">
            <Show when=has_notes>
                <ol class="note-list__notes" aria-label="Notes">
                    {notes}
                </ol>
            </Show>
            <form
                class="note-list__form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    add();
                }
            >
                <label class="visually-hidden" for="note-input">
                    "Write a note"
                </label>
                <textarea
                    id="note-input"
                    class="field__input note-list__input"
                    node_ref=input
                    rows="2"
                    maxlength="4000"
                    placeholder="Write a note (n); Ctrl+Enter adds it"
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                            ev.prevent_default();
                            add();
                        } else if ev.key() == "Escape" {
                            if let Some(input) = input.get_untracked() {
                                let _ = input.blur();
                            }
                        }
                    }
                ></textarea>
                <div class="note-list__actions">
                    {can_pin
                        .then(|| {
                            view! {
                                <label class="checkbox note-list__pin">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || pin.get()
                                        on:change=move |ev| pin.set(event_target_checked(&ev))
                                    />
                                    {move || format!("At {}", format_clock(position.get().floor()))}
                                </label>
                            }
                        })}
                    <button
                        type="submit"
                        class="button button--small"
                        disabled=move || draft.with(|d| d.trim().is_empty())
                    >
                        "Add note"
                    </button>
                </div>
            </form>
        </div>
    }
}

/// The page's path, as the browser has it (raw, so IDs with reserved characters stay as they are).
fn here() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}
