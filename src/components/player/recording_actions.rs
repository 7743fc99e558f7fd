use leptos::html::Audio;
use leptos::prelude::*;

use super::{CopyMomentButton, DownloadButton};
use crate::components::shell::ShortcutsButton;
use crate::hooks::UseRecordingLinkReturn;

/// What can be done with the recording besides playing it: download it, copy a link to this moment,
/// bring back the transcript's following, see the keys.
#[component]
pub fn RecordingActions(
    /// The recording's link, which Download refreshes once before it falls back.
    link: UseRecordingLinkReturn,
    /// The call, which names the downloaded file.
    #[prop(into)]
    call_id: String,
    /// The player whose position goes in a copied link.
    audio: NodeRef<Audio>,
    /// Whether the transcript follows playback (off once the reader scrolls it by hand).
    following: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="recording-player__actions">
            <DownloadButton link=link call_id=call_id />
            <CopyMomentButton audio=audio />
            <Show when=move || !following.get()>
                <button
                    type="button"
                    class="button button--small recording-player__follow"
                    on:click=move |_| following.set(true)
                >
                    "Follow playback"
                </button>
            </Show>
            <ShortcutsButton />
        </div>
    }
}
