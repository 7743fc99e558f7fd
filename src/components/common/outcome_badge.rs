use leptos::prelude::*;

use crate::domain::records::outcome::Success;

/// A call's success evaluation as a small coloured label ("Goal met", "8/10", "Good"), coloured by
/// whether it counts as a success, for list rows and the record.
#[component]
pub fn OutcomeBadge(
    /// How the outcome counts.
    success: Success,
    /// What the evaluation said, in a few words.
    label: String,
) -> impl IntoView {
    view! {
        <span
            class=format!("outcome-badge outcome-badge--{}", success.param())
            title=success.label()
        >
            <span class="visually-hidden">"Outcome: "</span>
            {label}
        </span>
    }
}
