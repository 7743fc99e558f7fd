//! The list side of a campaign's page: the list or why it is empty, its tools, and its shortcuts.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{
    active_filters, BreakdownChart, CallList, EmptyState, ErrorPanel, ExportButton, FilterFields,
    SearchBar,
};
use crate::domain::list::selection;
use crate::domain::list::view::{run_view, Breakdown};
use crate::hooks::{use_key_shortcuts, History, UseViewStateReturn};
use crate::routes;
use crate::state::{CampaignCalls, LoadState};

/// The rows the view shows (store numbers, in order) and the end-reason counts for the chart, run
/// again when the view or the calls change.
pub fn list_result(
    calls: CampaignCalls,
    view: UseViewStateReturn,
) -> (Memo<Arc<Vec<u32>>>, Signal<Breakdown>) {
    let result = Memo::new(move |_| {
        let state = view.state.get();
        calls
            .query(|store| {
                let result = crate::browser::timed("call-records:view", || {
                    run_view(store, &state, &crate::browser::local_offset_on)
                });
                (Arc::new(result.rows), result.breakdown)
            })
            .unwrap_or_default()
    });
    let rows = Memo::new(move |_| result.with(|(rows, _)| rows.clone()));
    // A memo: choosing an end reason leaves the counts as they were (they count every reason), and then
    // the chart is not drawn again.
    let breakdown = Memo::new(move |_| result.with(|(_, b)| b.clone())).into();
    (rows, breakdown)
}

/// What the list pane holds. A memo, so that the pane is rebuilt only when this changes, not each time a
/// window of calls arrives.
pub fn list_mode(calls: CampaignCalls) -> Memo<PaneContent> {
    let progress = calls.progress;
    let loaded = Memo::new(move |_| progress.with(|p| p.loaded));
    let state = Memo::new(move |_| progress.with(|p| p.state.clone()));
    Memo::new(move |_| {
        let has_calls = loaded.get() > 0;
        match state.get() {
            // A refresh that failed leaves the earlier calls showing; the progress line says why.
            _ if has_calls => PaneContent::Calls,
            LoadState::Failed(error) => PaneContent::Failed(error),
            LoadState::Loading => PaneContent::Loading,
            // Parts failed and nothing came: the failure banner says it all.
            _ if progress.with(|p| !p.failed.is_empty()) => PaneContent::PartsFailed,
            _ => PaneContent::NoCalls,
        }
    })
}

/// The list, or why there is none.
#[component]
pub fn ListPane(
    mode: Memo<PaneContent>,
    campaign_id: Memo<String>,
    rows: Memo<Arc<Vec<u32>>>,
    selected: Memo<Option<u32>>,
    view: UseViewStateReturn,
) -> impl IntoView {
    let calls = crate::state::use_campaign_calls();
    let campaign = use_context::<super::contexts::CampaignContext>();
    let is_chat = move || campaign.is_some_and(|c| c.chat.get());
    move || {
        match mode.get() {
        PaneContent::Failed(error) => view! { <ErrorPanel error=error what="this campaign's calls" on_retry=move || calls.refresh() /> }
        .into_any(),
        PaneContent::Loading => view! { <RecordListSkeleton /> }.into_any(),
        PaneContent::PartsFailed => ().into_any(),
        PaneContent::NoCalls if is_chat() => view! {
            <EmptyState
                title="A chat campaign has no calls"
                detail="Its agent talks with people in a chat, not on the phone, so there are no calls or recordings to review here. Its conversations are on Atlas."
            />
        }
        .into_any(),
        PaneContent::NoCalls => view! { <EmptyState title="No calls yet" detail="Calls show here as the campaign places them." /> }
        .into_any(),
        PaneContent::Calls => {
            view! { <ListBody campaign_id=campaign_id rows=rows selected=selected view=view /> }
                .into_any()
        }
    }
    }
}

/// What the list pane shows.
#[derive(Clone, Debug, PartialEq)]
pub enum PaneContent {
    /// Nothing could be loaded: the error, in place of the list.
    Failed(crate::state::ApiError),
    /// The first calls are on their way.
    Loading,
    /// Parts of the campaign failed and nothing came: the failure banner says it all.
    PartsFailed,
    /// The campaign has no calls.
    NoCalls,
    Calls,
}

/// The list itself, or why it is empty.
#[component]
fn ListBody(
    campaign_id: Memo<String>,
    rows: Memo<Arc<Vec<u32>>>,
    selected: Memo<Option<u32>>,
    view: UseViewStateReturn,
) -> impl IntoView {
    let empty = Memo::new(move |_| rows.with(|r| r.is_empty()));
    view! {
        <Show
            when=move || !empty.get()
            fallback=move || {
                view! {
                    <div class="list-empty">
                        <EmptyState
                            title="No calls match"
                            detail="Change the search or the filters to see more calls."
                        />
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| view.set(Default::default(), History::Push)
                        >
                            "Show all calls"
                        </button>
                    </div>
                }
            }
        >
            <p class="call-list__hint" aria-hidden="true">
                <kbd>"j"</kbd>
                " / "
                <kbd>"k"</kbd>
                " next and previous call"
            </p>
            <CallList rows=rows campaign_id=campaign_id selected=selected view=view />
        </Show>
    }
}

/// Search and sort, then toggles for the filters and the chart, and the export.
#[component]
pub fn ListTools(
    rows: Memo<Arc<Vec<u32>>>,
    breakdown: Signal<Breakdown>,
    view: UseViewStateReturn,
    statuses: Memo<Vec<String>>,
    campaign_name: Memo<String>,
) -> impl IntoView {
    let filters_open = RwSignal::new(false);
    let chart_open = RwSignal::new(false);
    let active = Memo::new(move |_| view.state.with(active_filters));
    let selected = Signal::derive(move || view.state.with(|s| s.reason.clone()));
    let expanded = |open: RwSignal<bool>| move || if open.get() { "true" } else { "false" };
    view! {
        <div class="list-tools">
            <SearchBar view=view />
            <div class="list-tools__row">
                <button
                    type="button"
                    class="button button--small list-tools__toggle"
                    aria-controls="list-filters"
                    aria-expanded=expanded(filters_open)
                    on:click=move |_| filters_open.update(|o| *o = !*o)
                >
                    "Filters"
                    {move || match active.get() {
                        0 => None,
                        n => {
                            Some(
                                view! {
                                    <span
                                        class="list-tools__badge"
                                        aria-label=format!("{n} active")
                                    >
                                        {n}
                                    </span>
                                },
                            )
                        }
                    }}
                </button>
                <button
                    type="button"
                    class="button button--small list-tools__toggle"
                    aria-controls="list-chart"
                    aria-expanded=expanded(chart_open)
                    on:click=move |_| chart_open.update(|o| *o = !*o)
                >
                    "End reasons"
                </button>
                <ExportButton rows=rows campaign_name=campaign_name />
            </div>
            <Show when=move || filters_open.get()>
                <FilterFields view=view statuses=statuses />
            </Show>
            <Show when=move || chart_open.get()>
                <div class="chart-panel" id="list-chart">
                    <BreakdownChart
                        breakdown=breakdown
                        selected=selected
                        on_select=move |reason| view.update(History::Push, |s| s.reason = reason)
                    />
                </div>
            </Show>
        </div>
    }
}

/// `j` and `k` open the next and previous call of the view; `Escape` closes the open one. The view's
/// query goes along, so the list stays as it is.
pub fn use_list_shortcuts(
    campaign_id: Memo<String>,
    rows: Memo<Arc<Vec<u32>>>,
    selected: Memo<Option<u32>>,
    open_call: Memo<Option<String>>,
    view: UseViewStateReturn,
) {
    let navigate = use_navigate();
    let calls = crate::state::use_campaign_calls();
    use_key_shortcuts(move |event| {
        let key = event.key();
        let rows = rows.get_untracked();
        let current = selected
            .get_untracked()
            .and_then(|open| rows.iter().position(|&i| i == open));
        let query = view.query.get_untracked();
        let campaign = campaign_id.get_untracked();
        let call_href = |position: usize| {
            let index = *rows.get(position)?;
            calls
                .read_untracked(|store| store.get(index).map(|c| c.id.to_owned()))
                .flatten()
                .map(|id| format!("{}{query}", routes::call(&campaign, &id)))
        };
        let target = match key.as_str() {
            "j" | "J" => selection::step(rows.len(), current, true).and_then(call_href),
            "k" | "K" => selection::step(rows.len(), current, false).and_then(call_href),
            // Closes the open call even when the view's filters hide it from the list.
            "Escape" if open_call.get_untracked().is_some() => {
                Some(format!("{}{query}", routes::campaign(&campaign)))
            }
            _ => None,
        };
        match target {
            Some(target) => {
                navigate(&target, Default::default());
                true
            }
            None => false,
        }
    });
}

#[component]
fn RecordListSkeleton() -> impl IntoView {
    view! {
        <ol class="call-list call-list--skeleton" aria-busy="true" aria-label="Loading calls">
            {(0..8).map(|_| view! { <li class="call-list__skeleton-row"></li> }).collect_view()}
        </ol>
    }
}
