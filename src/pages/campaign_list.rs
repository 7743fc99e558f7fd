//! The list side of a campaign's page: the list or why it is empty, its tools, and its shortcuts.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{
    active_filters, BreakdownChart, CallList, EmptyState, ErrorPanel, ExportButton, FilterFields,
    MarksMenu, QueueBar, QueueStart, SearchBar, TrendsChart,
};
use crate::domain::list::selection;
use crate::domain::list::trends::Trends;
use crate::domain::list::view::{run_view_full, Breakdown};
use crate::domain::review::filter::ReviewLookup;
use crate::domain::review::queue::{next_unreviewed, QueueRun};
use crate::hooks::{use_key_shortcuts, History, UseViewStateReturn};
use crate::routes;
use crate::state::{CampaignCalls, LoadState};

/// The review queue's calls (in the view's order) and how far it has got.
pub type QueueResult = Option<Arc<QueueRun>>;

/// The rows the view shows (store numbers, in order), the end-reason counts for the chart and the
/// queue, run again when the view, the calls or the marks change.
pub fn list_result(
    calls: CampaignCalls,
    view: UseViewStateReturn,
    marks: Option<crate::state::CampaignMarks>,
    trends_shown: Signal<bool>,
) -> ListResult {
    // The marked calls by store number (a mark on a call not loaded yet waits for it): built when the
    // marks or the calls change, not on every search keystroke.
    let lookup = Memo::new(move |_| {
        let marks = marks.map(|m| m.marks.get()).filter(|m| !m.is_empty());
        marks
            .and_then(|marks| {
                calls.read(|store| {
                    let marked = marks
                        .iter()
                        .filter_map(|(id, m)| Some((store.position_of(id)?, m)));
                    ReviewLookup::new(store.len(), marked)
                })
            })
            .unwrap_or_default()
    });
    let result = Memo::new(move |_| {
        let state = view.state.get();
        let with_trends = trends_shown.get();
        lookup.with(|lookup| {
            calls
                .query(|store| {
                    let result = crate::browser::timed("call-records:view", || {
                        run_view_full(
                            store,
                            &state,
                            &crate::browser::local_offset_on,
                            lookup,
                            with_trends,
                        )
                    });
                    (
                        Arc::new(result.rows),
                        result.breakdown,
                        result.queue.map(Arc::new),
                        result.trends,
                    )
                })
                .unwrap_or_default()
        })
    });
    let rows = Memo::new(move |_| result.with(|(rows, _, _, _)| rows.clone()));
    // A memo: choosing an end reason leaves the counts as they were (they count every reason), and then
    // the chart is not drawn again.
    let breakdown = Memo::new(move |_| result.with(|(_, b, _, _)| b.clone())).into();
    let queue = Memo::new(move |_| result.with(|(_, _, q, _)| q.clone()));
    // Likewise: choosing a day leaves the trends as they were (they count every day).
    let trends = Memo::new(move |_| result.with(|(_, _, _, t)| t.clone())).into();
    ListResult {
        rows,
        breakdown,
        queue,
        trends,
    }
}

/// What one run of the view gives the list pane and its tools.
pub struct ListResult {
    pub rows: Memo<Arc<Vec<u32>>>,
    pub breakdown: Signal<Breakdown>,
    pub queue: Memo<QueueResult>,
    pub trends: Signal<Trends>,
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
            <div class="call-list__top">
                <p class="call-list__hint" aria-hidden="true">
                    <kbd>"j"</kbd>
                    " / "
                    <kbd>"k"</kbd>
                    " next and previous call"
                </p>
                <Show when=move || view.state.with(|s| s.queue.is_none())>
                    <QueueStart view=view />
                </Show>
            </div>
            <CallList rows=rows campaign_id=campaign_id selected=selected view=view />
        </Show>
    }
}

/// Search and sort, then toggles for the filters and the chart, and the export.
#[component]
pub fn ListTools(
    rows: Memo<Arc<Vec<u32>>>,
    breakdown: Signal<Breakdown>,
    trends: Signal<Trends>,
    view: UseViewStateReturn,
    statuses: Memo<Vec<String>>,
    campaign_name: Memo<String>,
    queue: Memo<QueueResult>,
) -> impl IntoView {
    let filters_open = RwSignal::new(false);
    let source = crate::state::use_api().source();
    let demo_marks = source
        .is_demo()
        .then(|| format!("{}/review-marks.json", source.base()));
    let step = use_context::<ListStep>().map(|ListStep(step)| step);
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
                    "Charts"
                </button>

                <MarksMenu campaign_name=campaign_name demo_marks=demo_marks.clone() />
                <ExportButton rows=rows campaign_name=campaign_name />
            </div>
            <QueueBar view=view queue=queue on_next=step />
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
                    <TrendsChart trends=trends view=view />
                </div>
            </Show>
        </div>
    }
}

/// Opens the next (`true`) or previous call of the view; in a review queue, the next one not yet
/// reviewed (round the queue) while any is left. Says whether it moved. Shared by `j`/`k` and
/// "Verdict and next".
#[derive(Clone, Copy)]
pub struct ListStep(pub Callback<bool, bool>);

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
    let marks = crate::state::use_campaign_marks();
    let in_queue = Memo::new(move |_| view.state.with(|s| s.queue.is_some()));
    let href_of = move |index: u32| {
        let query = view.query.get_untracked();
        let campaign = campaign_id.get_untracked();
        calls
            .read_untracked(|store| store.get(index).map(|c| c.id.to_owned()))
            .flatten()
            .map(|id| format!("{}{query}", routes::call(&campaign, &id)))
    };
    let step_navigate = navigate.clone();
    let step = Callback::new(move |forward: bool| {
        let rows = rows.get_untracked();
        let current = selected
            .get_untracked()
            .and_then(|open| rows.iter().position(|&i| i == open));
        let reviewed = |index: u32| {
            let id = calls
                .read_untracked(|store| store.get(index).map(|c| c.id.to_owned()))
                .flatten();
            match (id, marks) {
                (Some(id), Some(marks)) => marks
                    .marks
                    .with_untracked(|m| m.get(&id).is_some_and(|m| m.is_reviewed())),
                _ => false,
            }
        };
        let position = in_queue
            .get_untracked()
            .then(|| next_unreviewed(&rows, current, forward, reviewed))
            .flatten()
            .or_else(|| selection::step(rows.len(), current, forward));
        let target = position
            .and_then(|p| rows.get(p).copied())
            .and_then(href_of);
        match target {
            Some(target) => {
                step_navigate(&target, Default::default());
                true
            }
            None => false,
        }
    });
    provide_context(ListStep(step));
    use_key_shortcuts(move |event| match event.key().as_str() {
        "j" | "J" => step.run(true),
        "k" | "K" => step.run(false),
        // Closes the open call even when the view's filters hide it from the list.
        "Escape" if open_call.get_untracked().is_some() => {
            let query = view.query.get_untracked();
            navigate(
                &format!("{}{query}", routes::campaign(&campaign_id.get_untracked())),
                Default::default(),
            );
            true
        }
        _ => false,
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
