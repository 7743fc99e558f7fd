use leptos::prelude::*;

use crate::domain::EndReason;

/// The end reason as a coloured label; the raw code is in the tooltip.
#[component]
pub fn EndReasonBadge(
    /// Why the call ended (it may change: list rows are recycled).
    #[prop(into)]
    reason: Signal<EndReason>,
) -> impl IntoView {
    let class = move || reason.with(|r| format!("end-reason-badge end-reason-badge--{}", r.tone()));
    let title = move || {
        reason.with(|r| match r.raw() {
            Some(raw) => format!("{} ({raw})", r.description()),
            None => r.description().to_owned(),
        })
    };
    let unlisted = move || reason.with(|r| matches!(r, EndReason::Unlisted(_)));
    view! {
        <span class=class title=title>
            {move || {
                unlisted()
                    .then(|| {
                        view! {
                            <span class="end-reason-badge__mark" aria-hidden="true">
                                "?"
                            </span>
                        }
                    })
            }}
            <span class="end-reason-badge__label">
                {move || reason.with(|r| r.label().to_owned())}
            </span>
        </span>
    }
}
