use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::{
    active_filters, BreakdownChart, CallList, EmptyState, ErrorPanel, ExportButton, FilterFields,
    LoadProgress, SearchBar,
};
use crate::domain::campaign::{calls_label, format_count};
use crate::domain::selection;
use crate::domain::view::{run_view, Breakdown};
use crate::hooks::{use_document_title, use_key_shortcuts, use_view_state, ViewHandle};
use crate::routes;
use crate::state::use_api;
use crate::state::{use_settings, CampaignCalls, LoadState};

/// The campaign open in the records view, for the call page inside it.
#[derive(Clone, Copy)]
pub struct CampaignContext {
    pub id: Memo<String>,
    /// The name once known, else the ID.
    pub name: Signal<String>,
}

/// What the list shows, for the overview beside it.
#[derive(Clone, Copy)]
pub struct ListContext {
    pub rows: Memo<Arc<Vec<u32>>>,
    /// Calls in the store: counted from it, as the list is, so "shown of all" agrees while calls arrive.
    pub stored: Memo<usize>,
    pub breakdown: Signal<Breakdown>,
    pub view: ViewHandle,
}

/// A campaign's records: the list of calls, with the chosen call beside it (or over it on a phone).
#[component]
pub fn CampaignPage() -> impl IntoView {
    // From the raw path, decoded once (see `routes`).
    let location = use_location();
    let campaign_id = Memo::new(move |_| {
        location
            .pathname
            .with(|path| routes::campaign_id_from_path(path))
            .unwrap_or_default()
    });
    let api = use_api();
    let settings = use_settings();
    let campaign = LocalResource::new(move || {
        let id = campaign_id.get();
        // No ID: the route is on its way out; nothing to ask for.
        let request = (!id.is_empty()).then(|| api.campaign(&id));
        async move {
            match request {
                Some(request) => request.await,
                None => Err(crate::state::ApiError::Aborted),
            }
        }
    });

    // A memo, not a derived signal: it reads the resource in its own scope, so a <Suspense> that shows
    // the name (the call pane's) does not wait for the campaign to load.
    let name = Memo::new(move |_| {
        campaign
            .get()
            .and_then(Result::ok)
            .map(|c| c.display_name().to_owned())
            .unwrap_or_else(|| campaign_id.get())
    });
    provide_context(CampaignContext {
        id: campaign_id,
        name: name.into(),
    });

    // The calls load progressively into one store, started at once (the first window needs nothing from
    // the campaign record) and again when the campaign or the key changes.
    let calls = CampaignCalls::new(api);
    provide_context(calls);
    on_cleanup(move || calls.abandon());
    Effect::new(move |_| {
        let id = campaign_id.get();
        settings.api_key();
        if !id.is_empty() {
            calls.start(&id);
        }
    });
    Effect::new(move |_| {
        campaign.with(|loaded| {
            if let Some(Ok(campaign)) = loaded {
                calls.learn(campaign);
            }
        })
    });

    let view = use_view_state();
    provide_context(view);
    let result = Memo::new(move |_| {
        let state = view.state.get();
        calls
            .query(|store| {
                // A User Timing entry per run, for the benchmark and the browser's performance panel.
                let performance = window().performance();
                if let Some(p) = &performance {
                    let _ = p.mark("call-records:view");
                }
                let result = run_view(store, &state, &crate::browser::local_offset_on);
                if let Some(p) = &performance {
                    let _ = p.measure_with_start_mark("call-records:view", "call-records:view");
                    p.clear_marks_with_mark_name("call-records:view");
                }
                (Arc::new(result.rows), result.breakdown)
            })
            .unwrap_or_default()
    });
    let rows = Memo::new(move |_| result.with(|(rows, _)| rows.clone()));
    let breakdown = Signal::derive(move || result.with(|(_, b)| b.clone()));
    let stored = Memo::new(move |_| calls.read(|s| s.len()).unwrap_or(0));
    provide_context(ListContext {
        rows,
        stored,
        breakdown,
        view,
    });

    let open_call = Memo::new(move |_| location.pathname.with(|p| routes::call_id_from_path(p)));
    let selected = Memo::new(move |_| {
        let id = open_call.get()?;
        calls.read(|store| store.position_of(&id)).flatten()
    });
    let statuses = Memo::new(move |_| {
        let mut statuses = calls
            .read(|store| store.statuses().map(str::to_owned).collect::<Vec<_>>())
            .unwrap_or_default();
        statuses.sort();
        statuses
    });

    let call_open = move || open_call.with(Option::is_some);
    // The call page names the tab while a call is open.
    use_document_title(move || (!call_open()).then(|| name.get()));
    let status = move || campaign.get().and_then(Result::ok).and_then(|c| c.status);
    use_list_shortcuts(campaign_id, rows, selected, open_call, view);

    let progress = calls.progress;
    let loaded = Memo::new(move |_| progress.with(|p| p.loaded));
    let state = Memo::new(move |_| progress.with(|p| p.state.clone()));
    let count_line = move || {
        let shown = rows.with(|r| r.len()) as u64;
        let stored = stored.get() as u64;
        if view.state.with(|s| s.is_filtered()) {
            format!("{} of {}", format_count(shown), calls_label(stored))
        } else {
            calls_label(stored)
        }
    };
    // What the list pane holds. A memo, so that the pane is rebuilt only when this changes, not each time
    // a window of calls arrives.
    let mode = Memo::new(move |_| {
        let has_calls = loaded.get() > 0;
        match state.get() {
            // A refresh that failed leaves the earlier calls showing; the progress line says why.
            _ if has_calls => Body::List,
            LoadState::Failed(error) => Body::Failed(error),
            LoadState::Loading => Body::Loading,
            // Parts failed and nothing came: the failure banner says it all.
            _ if progress.with(|p| !p.failed.is_empty()) => Body::Nothing,
            _ => Body::Empty,
        }
    });
    let body = move || {
        match mode.get() {
        Body::Failed(error) => view! {
            <ErrorPanel error=error what="this campaign's calls" on_retry=move || calls.start(&campaign_id.get_untracked())/>
        }
        .into_any(),
        Body::Loading => view! { <RecordListSkeleton/> }.into_any(),
        Body::Nothing => ().into_any(),
        Body::Empty => view! {
            <EmptyState title="No calls yet" detail="Calls show here as the campaign places them."/>
        }
        .into_any(),
        Body::List => view! { <ListBody campaign_id=campaign_id rows=rows selected=selected view=view/> }.into_any(),
    }
    };

    view! {
        <div class="campaign-page" class:campaign-page--call-open=call_open>
            <section class="campaign-page__records" aria-labelledby="campaign-title">
                <header class="campaign-page__header">
                    <A href=routes::campaigns() exact=true attr:class="campaign-page__back">"← All campaigns"</A>
                    <h1 id="campaign-title" class="campaign-page__title">{move || name.get()}</h1>
                    <p class="campaign-page__meta">
                        {move || status().map(|s| view! { <span class="status-pill">{s}</span> })}
                        <span class="campaign-page__count">{count_line}</span>
                        <button type="button" class="button button--small button--ghost campaign-page__refresh"
                            title="Load the campaign's calls again" on:click=move |_| calls.start(&campaign_id.get_untracked())
                            disabled=move || state.get() == LoadState::Loading>
                            "Refresh"
                        </button>
                    </p>
                </header>
                <LoadProgress/>
                <Show when=move || mode.with(|m| *m == Body::List)>
                    <ListTools rows=rows breakdown=breakdown view=view statuses=statuses campaign_name=name/>
                </Show>
                {body}
            </section>
            <section class="campaign-page__detail" aria-label="Call record">
                <Outlet/>
            </section>
        </div>
    }
}

/// What the list pane shows.
#[derive(Clone, Debug, PartialEq)]
enum Body {
    Failed(crate::state::ApiError),
    Loading,
    Nothing,
    Empty,
    List,
}

/// The list itself, or why it is empty.
#[component]
fn ListBody(
    campaign_id: Memo<String>,
    rows: Memo<Arc<Vec<u32>>>,
    selected: Memo<Option<u32>>,
    view: ViewHandle,
) -> impl IntoView {
    let empty = Memo::new(move |_| rows.with(|r| r.is_empty()));
    view! {
        <Show when=move || !empty.get() fallback=move || view! {
            <div class="list-empty">
                <EmptyState title="No calls match" detail="Change the search or the filters to see more calls."/>
                <button type="button" class="button" on:click=move |_| view.set(Default::default(), false)>"Show all calls"</button>
            </div>
        }>
            <p class="record-list__hint" aria-hidden="true"><kbd>"j"</kbd>" / "<kbd>"k"</kbd>" next and previous call"</p>
            <CallList rows=rows campaign_id=campaign_id selected=selected view=view/>
        </Show>
    }
}

/// Search and sort, then toggles for the filters and the chart, and the export.
#[component]
fn ListTools(
    rows: Memo<Arc<Vec<u32>>>,
    breakdown: Signal<Breakdown>,
    view: ViewHandle,
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
            <SearchBar view=view/>
            <div class="list-tools__row">
                <button type="button" class="button button--small list-tools__toggle" aria-controls="list-filters"
                    aria-expanded=expanded(filters_open) on:click=move |_| filters_open.update(|o| *o = !*o)>
                    "Filters"
                    {move || match active.get() {
                        0 => None,
                        n => Some(view! { <span class="list-tools__badge" aria-label=format!("{n} active")>{n}</span> }),
                    }}
                </button>
                <button type="button" class="button button--small list-tools__toggle" aria-controls="list-chart"
                    aria-expanded=expanded(chart_open) on:click=move |_| chart_open.update(|o| *o = !*o)>
                    "End reasons"
                </button>
                <ExportButton rows=rows campaign_name=campaign_name/>
            </div>
            <Show when=move || filters_open.get()>
                <FilterFields view=view statuses=statuses/>
            </Show>
            <Show when=move || chart_open.get()>
                <div class="chart-panel" id="list-chart">
                    <BreakdownChart breakdown=breakdown selected=selected
                        on_select=move |reason| view.update(false, |s| s.reason = reason)/>
                </div>
            </Show>
        </div>
    }
}

/// `j` and `k` open the next and previous call of the view; `Escape` closes the open one. The view's
/// query goes along, so the list stays as it is.
fn use_list_shortcuts(
    campaign_id: Memo<String>,
    rows: Memo<Arc<Vec<u32>>>,
    selected: Memo<Option<u32>>,
    open_call: Memo<Option<String>>,
    view: ViewHandle,
) {
    let navigate = use_navigate();
    let calls = crate::state::use_campaign_calls();
    use_key_shortcuts(move |key| {
        let rows = rows.get_untracked();
        let current = selected
            .get_untracked()
            .and_then(|open| rows.iter().position(|&i| i == open));
        let query = view.query.get_untracked();
        let campaign = campaign_id.get_untracked();
        let call_href = |position: usize| {
            let index = rows[position];
            calls
                .read_untracked(|store| store.get(index).map(|c| c.id.to_owned()))
                .flatten()
                .map(|id| format!("{}{query}", routes::call(&campaign, &id)))
        };
        let target = match key {
            "j" | "J" => selection::step(rows.len(), current, true).and_then(call_href),
            "k" | "K" => selection::step(rows.len(), current, false).and_then(call_href),
            // Closes the open call even when the view's filters hide it from the list.
            "Escape" if open_call.get_untracked().is_some() => {
                Some(format!("{}{query}", routes::campaign(&campaign)))
            }
            _ => None,
        };
        if let Some(target) = target {
            navigate(&target, Default::default());
        }
    });
}

#[component]
fn RecordListSkeleton() -> impl IntoView {
    view! {
        <ol class="record-list" aria-busy="true" aria-label="Loading calls">
            {(0..8).map(|_| view! { <li class="record-list__item record-list__item--skeleton"></li> }).collect_view()}
        </ol>
    }
}
