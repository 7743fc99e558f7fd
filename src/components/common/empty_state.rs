use leptos::prelude::*;

/// A pane with nothing to show yet, and what will appear there.
#[component]
pub fn EmptyState(
    /// One line: what is missing.
    #[prop(into)]
    title: String,
    /// What will show here, or what to do.
    #[prop(into)]
    detail: String,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p class="empty-state__title">{title}</p>
            <p>{detail}</p>
        </div>
    }
}
