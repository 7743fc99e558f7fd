use leptos::prelude::*;

use crate::domain::campaign::format_count;
use crate::domain::end_reason::EndReason;
use crate::domain::view::{Breakdown, ReasonFilter};

/// How many calls ended for each reason, as bars; choosing a bar shows only those calls.
///
/// The counts follow every filter except the end reason itself, so the chart keeps showing what the
/// other reasons would give. Each bar is a button holding its label, count and an SVG bar drawn to scale.
#[component]
pub fn BreakdownChart(
    /// The counts.
    #[prop(into)]
    breakdown: Signal<Breakdown>,
    /// The reason filter in force.
    #[prop(into)]
    selected: Signal<Option<ReasonFilter>>,
    /// Called with the bar's filter, or `None` when the chosen bar is chosen again.
    #[prop(into)]
    on_select: Callback<Option<ReasonFilter>>,
) -> impl IntoView {
    let bars = move || {
        let breakdown = breakdown.get();
        let max = breakdown.max().max(1) as f64;
        let total = breakdown.total();
        let mut bars: Vec<(ReasonFilter, String, &'static str, usize, String)> = breakdown
            .labels
            .iter()
            .map(|(known, n)| {
                (
                    ReasonFilter::Label(*known),
                    known.label().to_owned(),
                    EndReason::Known(*known).tone(),
                    *n,
                    known.description().to_owned(),
                )
            })
            .collect();
        if breakdown.unlisted > 0 {
            let codes = breakdown.unlisted_codes;
            bars.push((
                ReasonFilter::Unlisted,
                "Unlisted codes".to_owned(),
                "unlisted",
                breakdown.unlisted,
                format!(
                    "{codes} code{} our table does not name yet",
                    if codes == 1 { "" } else { "s" }
                ),
            ));
        }
        if breakdown.missing > 0 {
            bars.push((
                ReasonFilter::Missing,
                "No end reason".to_owned(),
                "missing",
                breakdown.missing,
                "The record does not say why the call ended".to_owned(),
            ));
        }
        if bars.is_empty() {
            return view! { <p class="breakdown__empty">"No calls to count."</p> }.into_any();
        }
        bars.into_iter()
            .map(|(filter, label, tone, count, description)| {
                let pressed = selected.with(|s| s.as_ref() == Some(&filter));
                let width = (count as f64 / max * 100.0).max(0.5);
                let share = if total > 0 { count as f64 * 100.0 / total as f64 } else { 0.0 };
                let next = (!pressed).then(|| filter.clone());
                let title = format!("{description}. {share:.1}% of the calls counted.");
                view! {
                    <li>
                        <button type="button" class="breakdown__bar" class:breakdown__bar--pressed=pressed
                            aria-pressed=if pressed { "true" } else { "false" } title=title
                            on:click=move |_| on_select.run(next.clone())>
                            <span class="breakdown__label">{label}</span>
                            <svg class="breakdown__track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                                <rect class=format!("breakdown__fill breakdown__fill--{tone}") x="0" y="0" width=format!("{width:.2}") height="10" rx="1.5"/>
                            </svg>
                            <span class="breakdown__count">{format_count(count as u64)}</span>
                        </button>
                    </li>
                }
                .into_any()
            })
            .collect_view()
            .into_any()
    };
    view! {
        <ul class="breakdown" aria-label="Calls by end reason; choose one to show only those">{bars}</ul>
    }
}
