use leptos::prelude::*;

/// The detail pane before a call is chosen.
#[component]
pub fn NoCallSelected() -> impl IntoView {
    view! {
        <div class="empty-state">
            <p class="empty-state__title">"Choose a call"</p>
            <p>"Its summary, transcript and recording will show here."</p>
        </div>
    }
}
