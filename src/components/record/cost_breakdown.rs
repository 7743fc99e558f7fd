use leptos::prelude::*;

use crate::domain::records::cost::{format_count, format_usd, CostBreakdown};

/// The call's cost by part (transport, transcriber, model, voice, platform) and the units used, beside
/// the total; nothing when the record gives only the total.
#[component]
pub fn CostParts(
    /// The breakdown.
    cost: CostBreakdown,
) -> impl IntoView {
    let parts = cost.parts();
    let units = cost.units();
    if parts.is_empty() && units.is_empty() {
        return ().into_any();
    }
    let items = parts
        .into_iter()
        .map(|(name, usd)| (name, format_usd(usd)))
        .chain(units.into_iter().map(|(name, n)| (name, format_count(n))))
        .map(|(name, value)| {
            view! {
                <div class="cost-parts__item">
                    <dt>{name}</dt>
                    <dd>{value}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="cost-parts">
            <h4 class="cost-parts__heading">"Cost by part"</h4>
            <dl class="cost-parts__list">{items}</dl>
        </div>
    }
    .into_any()
}
