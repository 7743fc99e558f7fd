use leptos::prelude::*;

use crate::hooks::{use_blob_download, DownloadState, UseRecordingLinkReturn};

/// Saves the recording to the computer, and says what happened.
#[component]
pub fn DownloadButton(
    /// The recording's link, which a refused download refreshes once before it falls back.
    link: UseRecordingLinkReturn,
    /// The call, which names the file.
    #[prop(into)]
    call_id: String,
) -> impl IntoView {
    let (state, download) = use_blob_download(call_id);
    let status = move || {
        match state.get() {
        DownloadState::Idle => None,
        DownloadState::Working => Some(view! { <span>"Downloading…"</span> }.into_any()),
        DownloadState::Saved(name) => {
            Some(view! { <span>"Saved as " <code>{name}</code></span> }.into_any())
        }
        DownloadState::OpenedInstead(url) => Some(view! {
            <span>
                "Your browser would not save this file directly (the recording's server does not allow it), so it opened in a new tab: save it from there. No new tab? "
                <a href=url target="_blank" rel="noopener noreferrer">
                    "Open the recording"
                </a> "."
            </span>
        }.into_any()),
        DownloadState::Failed(message) => {
            Some(view! { <span class="download-button__error">{message}</span> }.into_any())
        }
    }
    };
    view! {
        <div class="download-button">
            <button
                type="button"
                class="button"
                disabled=move || state.get() == DownloadState::Working
                on:click=move |_| download(link)
            >
                <span aria-hidden="true">"⤓"</span>
                " Download"
            </button>
            <p class="download-button__status" role="status">
                {status}
            </p>
        </div>
    }
}
