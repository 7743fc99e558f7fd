use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::campaign_calls::{forget_kept, kept_size};
use crate::state::use_settings;

/// Keep loaded calls on this device: the tick, what it means, how much is kept, and Forget kept calls.
/// Only against the API (the demo is on this device already).
#[component]
pub fn KeptSettings() -> impl IntoView {
    let settings = use_settings();
    if !settings.source().has_date_windows() {
        return ().into_any();
    }
    let keeps = settings.keeps_calls();
    let size = RwSignal::new(None::<(u64, u64)>);
    let said = RwSignal::new(None::<String>);
    let measure = move || {
        spawn_local(async move {
            size.try_set(kept_size().await.ok());
        });
    };
    measure();
    let forget = move || {
        spawn_local(async move {
            let before = kept_size().await.ok().map_or(0, |(_, bytes)| bytes);
            let text = match forget_kept().await {
                Ok(()) => format!(
                    "Kept calls forgotten: {} freed. The next visit loads them from the API.",
                    megabytes(before)
                ),
                Err(problem) => format!("The kept calls could not be forgotten: {problem}"),
            };
            said.try_set(Some(text));
            size.try_set(kept_size().await.ok());
        });
    };
    let held = move || match size.get() {
        Some((0, _)) | None => "Nothing is kept on this device.".to_owned(),
        Some((calls, bytes)) => format!(
            "{} calls kept on this device ({}).",
            crate::domain::records::campaign::format_count(calls),
            megabytes(bytes)
        ),
    };
    view! {
        <div class="settings-panel__review">
            <h3>"Opening campaigns"</h3>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || keeps.get()
                    on:change=move |ev| {
                        let keep = event_target_checked(&ev);
                        settings.set_keep_calls(keep);
                        said.set(None);
                        if !keep {
                            forget();
                        }
                    }
                />
                " Keep loaded calls on this device"
            </label>
            <p class="field__hint">
                "A campaign opened again then shows at once, and only its last day (and any call still going on) is asked from the API again. "
                "The calls, transcripts included, stay in this browser until you forget them: only tick it on a computer you trust. Unticking forgets them."
            </p>
            <p class="settings-panel__note">{held}</p>
            <button
                type="button"
                class="button"
                disabled=move || size.get().is_none_or(|(calls, _)| calls == 0)
                on:click=move |_| forget()
            >
                "Forget kept calls"
            </button>
            {move || {
                said.get()
                    .map(|text| {
                        view! {
                            <p class="settings-panel__status" role="status">
                                {text}
                            </p>
                        }
                    })
            }}
        </div>
    }
    .into_any()
}

/// Bytes as megabytes, one decimal ("12.3 MB").
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}
