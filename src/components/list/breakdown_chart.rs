use leptos::prelude::*;

use crate::domain::list::view::{Breakdown, ReasonFilter};
use crate::domain::records::campaign::format_count;
use crate::domain::records::end_reason::EndReason;

/// One bar: which calls it stands for, and how many.
#[derive(Clone, Debug, PartialEq)]
struct Bar {
    filter: ReasonFilter,
    label: String,
    tone: &'static str,
    count: usize,
    description: String,
}

fn bars_of(breakdown: &Breakdown) -> Vec<Bar> {
    let mut bars: Vec<Bar> = breakdown
        .labels
        .iter()
        .map(|(known, n)| Bar {
            filter: ReasonFilter::Label(*known),
            label: ReasonFilter::Label(*known).label(),
            tone: EndReason::Known(*known).tone(),
            count: *n,
            description: known.description().to_owned(),
        })
        .collect();
    if breakdown.unlisted > 0 {
        let codes = breakdown.unlisted_codes;
        bars.push(Bar {
            filter: ReasonFilter::Unlisted,
            label: ReasonFilter::Unlisted.label(),
            tone: EndReason::Unlisted(String::new()).tone(),
            count: breakdown.unlisted,
            description: format!(
                "{codes} code{} our table does not name yet",
                if codes == 1 { "" } else { "s" }
            ),
        });
    }
    if breakdown.missing > 0 {
        bars.push(Bar {
            filter: ReasonFilter::Missing,
            label: ReasonFilter::Missing.label(),
            tone: EndReason::Missing.tone(),
            count: breakdown.missing,
            description: EndReason::Missing
                .description()
                .trim_end_matches('.')
                .to_owned(),
        });
    }
    bars
}

/// How many calls ended for each reason, as bars; choosing a bar shows only those calls.
///
/// The counts follow every filter except the end reason itself, so the chart keeps showing what the
/// other reasons would give. Each bar is a button holding its label, count and an SVG bar drawn to scale.
/// Bars are keyed by reason: a new filter moves and resizes them rather than building them again.
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
    let bars = Memo::new(move |_| breakdown.with(bars_of));
    let max = Memo::new(move |_| breakdown.with(|b| b.max().max(1)));
    let total = Memo::new(move |_| breakdown.with(Breakdown::total));
    let bar_view = move |bar: Bar| {
        let Bar {
            filter,
            label,
            tone,
            description,
            ..
        } = bar;
        let key = filter.clone();
        let count = Memo::new(move |_| {
            bars.with(|bars| bars.iter().find(|b| b.filter == key).map_or(0, |b| b.count))
        });
        let pressed = {
            let filter = filter.clone();
            Memo::new(move |_| selected.with(|s| s.as_ref() == Some(&filter)))
        };
        let width = move || {
            format!(
                "{:.2}",
                (count.get() as f64 / max.get() as f64 * 100.0).max(0.5)
            )
        };
        let title = move || {
            let total = total.get();
            let share = if total > 0 {
                count.get() as f64 * 100.0 / total as f64
            } else {
                0.0
            };
            format!("{description}. {share:.1}% of the calls counted.")
        };
        view! {
            <li>
                <button type="button" class="breakdown__bar" class:breakdown__bar--pressed=move || pressed.get()
                    aria-pressed=move || if pressed.get() { "true" } else { "false" } title=title
                    on:click=move |_| on_select.run((!pressed.get_untracked()).then(|| filter.clone()))>
                    <span class="breakdown__label">{label}</span>
                    <svg class="breakdown__track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect class=format!("breakdown__fill breakdown__fill--{tone}") x="0" y="0" width=width height="10" rx="1.5"/>
                    </svg>
                    <span class="breakdown__count">{move || format_count(count.get() as u64)}</span>
                </button>
            </li>
        }
    };
    view! {
        <Show
            when=move || bars.with(|b| !b.is_empty())
            fallback=|| view! { <p class="breakdown__empty">"No calls to count."</p> }
        >
            <ul class="breakdown" aria-label="Calls by end reason; choose one to show only those">
                <For each=move || bars.get() key=|bar| bar.filter.to_param() children=bar_view />
            </ul>
        </Show>
    }
}
