use leptos::prelude::*;

use crate::domain::review::Verdict;

/// A verdict as a small coloured label, for list rows and the queue.
#[component]
pub fn VerdictBadge(
    /// The verdict shown; nothing is drawn without one.
    #[prop(into)]
    verdict: Signal<Option<Verdict>>,
) -> impl IntoView {
    move || {
        verdict.get().map(|v| {
            view! {
                <span class=format!("verdict-badge verdict-badge--{}", v.slug())>
                    <span class="visually-hidden">"Verdict: "</span>
                    {v.label()}
                </span>
            }
        })
    }
}
