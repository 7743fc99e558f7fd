use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::use_review_store;

/// The review's settings: the name marks are signed with, and Forget review data (with how many calls
/// have marks, and a confirmation).
#[component]
pub fn ReviewSettings() -> impl IntoView {
    let Some(store) = use_review_store() else {
        return ().into_any();
    };
    let count = RwSignal::new(None::<u32>);
    let confirming = RwSignal::new(false);
    let said = RwSignal::new(None::<String>);
    let recount = move || {
        spawn_local(async move {
            count.try_set(store.count().await.ok());
        });
    };
    Effect::new(move |_| {
        if store.ready.get() {
            store.generation.track();
            recount();
        }
    });
    let forget = move |_| {
        confirming.set(false);
        spawn_local(async move {
            let outcome = store.forget_all().await;
            said.try_set(Some(match outcome {
                Ok(()) => {
                    "Review data forgotten: no call on this browser has marks now.".to_owned()
                }
                Err(error) => error.to_string(),
            }));
            count.try_set(store.count().await.ok());
        });
    };
    let marked = move || match count.get() {
        Some(0) => "No call has marks on this browser.".to_owned(),
        Some(1) => "1 call has marks on this browser.".to_owned(),
        Some(n) => format!("{n} calls have marks on this browser."),
        None => String::new(),
    };
    view! {
        <div class="settings-panel__review">
            <h3>"Review"</h3>
            <label class="field">
                <span class="field__label">"Your name"</span>
                <input
                    class="field__input"
                    type="text"
                    autocomplete="name"
                    maxlength="60"
                    placeholder="Shown on your verdicts, tags and notes"
                    prop:value=move || store.reviewer.get()
                    on:change=move |ev| {
                        store.reviewer.set(event_target_value(&ev).trim().to_owned())
                    }
                />
                <span class="field__hint">
                    "Kept on this browser; it signs your marks and goes with them into exported files."
                </span>
            </label>
            <p class="settings-panel__note">
                {marked}
                " Marks live in this browser (IndexedDB), per API and campaign; share them with Export marks."
            </p>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button"
                            disabled=move || count.get().unwrap_or(0) == 0
                            on:click=move |_| {
                                said.set(None);
                                confirming.set(true);
                            }
                        >
                            "Forget review data…"
                        </button>
                    }
                }
            >
                <div class="settings-panel__confirm" role="alert">
                    <p>
                        {move || {
                            format!(
                                "Forget the marks of all {} calls, in every campaign? Export them first to keep a copy; this cannot be undone.",
                                count.get().unwrap_or(0),
                            )
                        }}
                    </p>
                    <button type="button" class="button button--danger" on:click=forget>
                        "Forget them"
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>
                        "Keep them"
                    </button>
                </div>
            </Show>
            {move || said.get().map(status_line)}
        </div>
    }
    .into_any()
}

fn status_line(text: String) -> impl IntoView {
    view! {
        <p class="settings-panel__status" role="status">
            {text}
        </p>
    }
}
