use leptos::html::Audio;
use leptos::prelude::*;

use crate::domain::playback::moment::{moment_param, PARAM};
use crate::hooks::{use_copy, CopyState};

/// Copies this call's address with the player's position (`…/calls/<id>?t=83`): pasted in another tab,
/// with one's own key, it opens the same moment.
#[component]
pub fn CopyMomentButton(
    /// The player whose position goes in the link.
    audio: NodeRef<Audio>,
) -> impl IntoView {
    let (state, copy) = use_copy();
    let link = move || {
        let at = audio.get_untracked().map_or(0.0, |a| a.current_time());
        let location = window().location();
        format!(
            "{}{}?{PARAM}={}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            moment_param(at)
        )
    };
    let status = move || match state.get() {
        CopyState::Idle => String::new(),
        CopyState::Copied => "Link copied".to_owned(),
        CopyState::Failed => "Couldn't copy: the browser refused the clipboard".to_owned(),
    };
    view! {
        <button type="button" class="button button--small" on:click=move |_| copy(link())>
            "Copy link to this moment"
        </button>
        <span class="copy-button__status" role="status">
            {status}
        </span>
    }
}
