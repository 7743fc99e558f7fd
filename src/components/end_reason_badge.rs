use leptos::prelude::*;

use crate::domain::EndReason;

/// The end reason as a coloured label; the raw code is in the tooltip.
#[component]
pub fn EndReasonBadge(
    /// Why the call ended.
    reason: EndReason,
) -> impl IntoView {
    let class = format!("end-reason-badge end-reason-badge--{}", reason.tone());
    let title = match reason.raw() {
        Some(raw) => format!("{} ({raw})", reason.description()),
        None => reason.description().to_owned(),
    };
    let unlisted = matches!(reason, EndReason::Unlisted(_));
    view! {
        <span class=class title=title>
            {unlisted.then(|| view! { <span class="end-reason-badge__mark" aria-hidden="true">"?"</span> })}
            <span class="end-reason-badge__label">{reason.label().to_owned()}</span>
        </span>
    }
}
