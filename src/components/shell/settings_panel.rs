use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::hooks::{use_focus_trap, UseFocusTrapOptions};
use crate::state::use_settings;

/// The settings dialog: the API key (kept for this tab or remembered on this device) and the data source.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let settings = use_settings();
    let source = settings.source();
    let draft = RwSignal::new(String::new());
    let remember = RwSignal::new(untrack(|| settings.is_remembered()));
    let saved_note = RwSignal::new(None::<&'static str>);
    let key_problem = RwSignal::new(None::<String>);
    let close = move || {
        settings.panel_open.set(false);
        saved_note.set(None);
        focus_settings_button();
    };
    let save = move || {
        let key = draft.get_untracked();
        if key.trim().is_empty() {
            return;
        }
        match settings.save_key(&key, remember.get_untracked()) {
            Ok(()) => {
                draft.set(String::new());
                key_problem.set(None);
                saved_note.set(Some("Key saved. Loading your records…"));
                settings.panel_open.set(false);
                focus_settings_button();
            }
            Err(problem) => key_problem.set(Some(problem.to_string())),
        }
    };
    let dialog = NodeRef::<leptos::html::Section>::new();
    let is_demo = source.is_demo();
    // Opening the panel puts the cursor in the key field, ready for a paste (or on Close in the demo).
    let on_keydown = use_focus_trap(
        dialog,
        UseFocusTrapOptions {
            on_escape: Callback::new(move |()| close()),
            first: "input[type=password]",
        },
    );
    let base = source.base().to_owned();

    view! {
        <Show when=move || settings.panel_open.get()>
            <div class="settings-panel__backdrop" on:click=move |_| close()></div>
            <section
                class="settings-panel"
                role="dialog"
                aria-modal="true"
                aria-labelledby="settings-title"
                node_ref=dialog
                on:keydown=on_keydown
            >
                <header class="settings-panel__header">
                    <h2 id="settings-title">"Settings"</h2>
                    <button
                        type="button"
                        class="button button--ghost"
                        aria-label="Close settings"
                        on:click=move |_| close()
                    >
                        "✕"
                    </button>
                </header>
                {move || {
                    settings
                        .key_refused
                        .get()
                        .then(|| {
                            view! {
                                <p class="settings-panel__alert" role="alert">
                                    "The API refused your key (401). It may be mistyped, revoked or expired: enter a current key from your Atlas account."
                                </p>
                            }
                        })
                }}
                {if is_demo {
                    view! {
                        <p class="settings-panel__note">
                            "You are looking at the bundled demo: no API key is needed and none is sent anywhere. "
                            "To review your own calls, set " <code>"apiBaseUrl"</code> " in "
                            <code>"config.json"</code>
                            " (see the README); this panel will then take your API key."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <KeyForm
                            base=base.clone()
                            save=Callback::new(move |()| save())
                            draft=draft
                            remember=remember
                            key_problem=key_problem
                            saved_note=saved_note
                        />
                    }
                        .into_any()
                }}
                <super::kept_settings::KeptSettings />
                <super::review_settings::ReviewSettings />
            </section>
        </Show>
    }
}

/// Focus goes back to where the dialog was opened from.
fn focus_settings_button() {
    let button = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".app-header__settings").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        let _ = button.focus();
    }
}

/// The API key form: paste, remember or not, save or forget.
#[component]
fn KeyForm(
    /// Where the key is sent.
    base: String,
    /// Saves the draft.
    save: Callback<()>,
    /// The key being typed.
    draft: RwSignal<String>,
    /// Keep the key on this device.
    remember: RwSignal<bool>,
    /// Why the draft cannot be used.
    key_problem: RwSignal<Option<String>>,
    /// What just happened, for the status line.
    saved_note: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let settings = use_settings();
    view! {
        <form
            class="settings-panel__form"
            on:submit=move |ev| {
                ev.prevent_default();
                save.run(());
            }
        >
            <p class="settings-panel__note">
                "Records come from " <code>{base}</code>
                ". Your key is sent only there, in a request header."
            </p>
            <label class="field">
                <span class="field__label">"API key"</span>
                <input
                    type="password"
                    class="field__input"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || {
                        if settings.has_key() {
                            "Paste a new key"
                        } else {
                            "Paste your Atlas API key"
                        }
                    }
                    prop:value=move || draft.get()
                    aria-invalid=move || key_problem.with(Option::is_some).to_string()
                    aria-describedby="api-key-problem"
                    on:input=move |ev| {
                        draft.set(event_target_value(&ev));
                        key_problem.set(None);
                    }
                />
            </label>
            <p id="api-key-problem" class="field__error" role="alert">
                {move || key_problem.get()}
            </p>
            {move || {
                settings
                    .has_key()
                    .then(|| {
                        view! {
                            <p class="field__hint">
                                {if settings.is_remembered() {
                                    "A key is saved on this device."
                                } else {
                                    "A key is saved for this tab."
                                }} " Paste a new one to replace it."
                            </p>
                        }
                    })
            }}
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev))
                />
                " Remember on this device"
            </label>
            <p class="field__hint">
                "Without this, the key is forgotten when you close the tab. Only tick it on a computer you trust."
            </p>
            <div class="settings-panel__actions">
                <button
                    type="submit"
                    class="button button--primary"
                    disabled=move || draft.with(|d| d.trim().is_empty())
                >
                    "Save key"
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || !settings.has_key()
                    on:click=move |_| {
                        settings.forget_key();
                        saved_note.set(Some("Key forgotten on this device."));
                    }
                >
                    "Forget key"
                </button>
            </div>
            <p class="settings-panel__status" role="status">
                {move || saved_note.get()}
            </p>
        </form>
    }
}
