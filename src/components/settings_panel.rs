use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::state::use_settings;

/// The settings dialog: the API key (kept for this tab or remembered on this device) and the data source.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let settings = use_settings();
    let source = settings.source();
    let draft = RwSignal::new(String::new());
    let remember = RwSignal::new(settings.is_remembered());
    let saved_note = RwSignal::new(None::<&'static str>);
    let key_problem = RwSignal::new(None::<String>);
    let close = move || {
        settings.panel_open.set(false);
        saved_note.set(None);
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
            }
            Err(problem) => key_problem.set(Some(problem.to_string())),
        }
    };
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            // Consumed here, so the page's own Escape (close the open call) does not fire too.
            event.prevent_default();
            close();
        }
    };
    let is_demo = source.is_demo();
    // Opening the panel puts the cursor in the key field, ready for a paste.
    let key_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = key_input.get() {
            request_animation_frame(move || {
                let _ = input.focus();
            });
        }
    });
    let base = source.base().to_owned();

    view! {
        <Show when=move || settings.panel_open.get()>
            <div class="settings-panel__backdrop" on:click=move |_| close()></div>
            <section class="settings-panel" role="dialog" aria-modal="true" aria-labelledby="settings-title"
                on:keydown=on_keydown>
                <header class="settings-panel__header">
                    <h2 id="settings-title">"Settings"</h2>
                    <button type="button" class="button button--ghost" aria-label="Close settings" on:click=move |_| close()>"✕"</button>
                </header>
                {move || settings.key_refused.get().then(|| view! {
                    <p class="settings-panel__alert" role="alert">
                        "The API refused your key (401). It may be mistyped, revoked or expired: enter a current key from your Atlas account."
                    </p>
                })}
                {if is_demo {
                    view! {
                        <p class="settings-panel__note">
                            "You are looking at the bundled demo: no API key is needed and none is sent anywhere. "
                            "To review your own calls, set " <code>"apiBaseUrl"</code> " in " <code>"config.json"</code>
                            " (see the README); this panel will then take your API key."
                        </p>
                    }.into_any()
                } else {
                    let base = base.clone();
                    view! {
                        <form class="settings-panel__form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                            <p class="settings-panel__note">
                                "Records come from " <code>{base}</code> ". Your key is sent only there, in a request header."
                            </p>
                            <label class="field">
                                <span class="field__label">"API key"</span>
                                <input type="password" class="field__input" autocomplete="off" spellcheck="false" node_ref=key_input
                                    placeholder=move || if settings.has_key() { "Paste a new key" } else { "Paste your Atlas API key" }
                                    prop:value=move || draft.get()
                                    aria-invalid=move || key_problem.with(Option::is_some).to_string()
                                    aria-describedby="api-key-problem"
                                    on:input=move |ev| { draft.set(event_target_value(&ev)); key_problem.set(None); }/>
                            </label>
                            <p id="api-key-problem" class="field__error" role="alert">{move || key_problem.get()}</p>
                            {move || settings.has_key().then(|| view! {
                                <p class="field__hint">
                                    {if settings.is_remembered() { "A key is saved on this device." } else { "A key is saved for this tab." }}
                                    " Paste a new one to replace it."
                                </p>
                            })}
                            <label class="checkbox">
                                <input type="checkbox" prop:checked=move || remember.get()
                                    on:change=move |ev| remember.set(event_target_checked(&ev))/>
                                " Remember on this device"
                            </label>
                            <p class="field__hint">
                                "Without this, the key is forgotten when you close the tab. Only tick it on a computer you trust."
                            </p>
                            <div class="settings-panel__actions">
                                <button type="submit" class="button button--primary"
                                    disabled=move || draft.with(|d| d.trim().is_empty())>"Save key"</button>
                                <button type="button" class="button"
                                    disabled=move || !settings.has_key()
                                    on:click=move |_| { settings.forget_key(); saved_note.set(Some("Key forgotten on this device.")); }>
                                    "Forget key"
                                </button>
                            </div>
                            <p class="settings-panel__status" role="status">{move || saved_note.get()}</p>
                        </form>
                    }.into_any()
                }}
            </section>
        </Show>
    }
}
