use leptos::prelude::*;

use crate::hooks::{use_copy, CopyState};

/// Copies `text` to the clipboard and says whether it worked.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: String,
    /// Accessible name of the button, e.g. "Copy call ID".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let (state, copy) = use_copy();
    let status = move || match state.get() {
        CopyState::Idle => String::new(),
        CopyState::Copied => "Copied".to_owned(),
        CopyState::Failed => "Couldn't copy: select the text and copy it by hand".to_owned(),
    };
    view! {
        <button
            type="button"
            class="button button--small copy-button"
            aria-label=label.clone()
            title=label
            on:click=move |_| copy(text.clone())
        >
            "Copy"
        </button>
        <span class="copy-button__status" role="status">
            {status}
        </span>
    }
}
