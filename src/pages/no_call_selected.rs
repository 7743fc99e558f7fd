use leptos::prelude::*;

use crate::hooks::History;

use super::contexts::ListContext;
use crate::components::{BreakdownChart, EmptyState, TrendsChart};
use crate::domain::records::campaign::format_count;
use crate::state::{use_campaign_calls, LoadState};

/// The detail pane before a call is chosen: the campaign at a glance, its end reasons as a chart and
/// its trends over time.
#[component]
pub fn NoCallSelected() -> impl IntoView {
    let Some(list) = use_context::<ListContext>() else {
        return view! {
            <EmptyState
                title="Choose a call"
                detail="Its summary, transcript and recording will show here."
            />
        }
        .into_any();
    };
    let calls = use_campaign_calls();
    let loaded = Memo::new(move |_| calls.progress.with(|p| p.loaded));
    let stored = list.stored;
    let filtered = Memo::new(move |_| list.view.state.with(|s| s.is_filtered()));
    let shown = Memo::new(move |_| list.rows.with(|r| r.len()));
    let view = list.view;
    let selected = Signal::derive(move || view.state.with(|s| s.reason.clone()));
    let counted = Memo::new(move |_| list.breakdown.with(|b| b.total()));
    // The overview (every end reason's bar, the trends) is drawn a frame after the first calls came, so
    // the list's first rows are painted without waiting for it.
    let drawn = RwSignal::new(false);
    Effect::new(move |_| {
        if loaded.get() > 0 && !drawn.get_untracked() {
            crate::browser::after_paint(move || {
                drawn.try_set(true);
            });
        }
    });
    view! {
        <div class="overview">
            <Show
                when=move || { loaded.get() > 0 && drawn.get() }
                fallback=|| {
                    view! {
                        <EmptyState
                            title="Choose a call"
                            detail="Its summary, transcript and recording will show here."
                        />
                    }
                }
            >
                <h2 class="overview__title">"End reasons"</h2>
                <p class="overview__lede">
                    {move || {
                        let (shown, stored) = (shown.get(), stored.get());
                        let loading = calls.progress.with(|p| p.state == LoadState::Loading);
                        if filtered.get() {
                            format!(
                                "{} of {} calls match the view; the chart counts {} (every filter but the end reason).",
                                format_count(shown as u64),
                                format_count(stored as u64),
                                format_count(counted.get() as u64),
                            )
                        } else if loading {
                            format!(
                                "{} calls loaded so far, by why they ended.",
                                format_count(stored as u64),
                            )
                        } else {
                            format!("All {} calls, by why they ended.", format_count(stored as u64))
                        }
                    }} " Choose a bar to show only those calls; choose it again to show all."
                </p>
                <BreakdownChart
                    breakdown=list.breakdown
                    selected=selected
                    on_select=move |reason| view.update(History::Push, |s| s.reason = reason)
                />
                <h2 class="overview__title">"Trends over time"</h2>
                <p class="overview__lede">
                    "Calls per day by why they ended, with the answer and success rates; choose a day to show only its calls. The figures follow every filter."
                </p>
                <TrendsChart trends=list.trends view=view />
                <p class="overview__hint">
                    "Choose a call in the list to see its summary, transcript and recording."
                </p>
            </Show>
        </div>
    }
    .into_any()
}
