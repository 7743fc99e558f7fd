use leptos::prelude::*;

use crate::components::EmptyState;

/// The detail pane before a call is chosen.
#[component]
pub fn NoCallSelected() -> impl IntoView {
    view! {
        <EmptyState title="Choose a call" detail="Its summary, transcript and recording will show here."/>
    }
}
