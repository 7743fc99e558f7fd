use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_location;

use super::campaign_list::{
    list_mode, list_result, use_list_shortcuts, ListPane, ListTools, PaneContent,
};
use super::contexts::{CampaignContext, ListContext};
use crate::components::{LoadProgress, ScopeControl};
use crate::domain::records::campaign::{calls_label, format_count};
use crate::hooks::{use_document_title, use_next_task, use_view_state};
use crate::routes;
use crate::state::{provide_campaign_calls, provide_campaign_marks, LoadState};

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
    let view = use_view_state();
    provide_context(view);
    let scope = Memo::new(move |_| view.state.with(|s| s.scope.clone()));
    let (campaign, calls) =
        provide_campaign_calls(campaign_id, scope, crate::browser::local_offset_on);

    // A memo, not a derived signal: it reads the resource in its own scope, so a <Suspense> that shows
    // the name (the call pane's) does not wait for the campaign to load.
    let name = Memo::new(move |_| {
        campaign
            .get()
            .and_then(Result::ok)
            .map(|c| c.display_name().to_owned())
            .unwrap_or_else(|| campaign_id.get())
    });
    let chat = Memo::new(move |_| {
        campaign
            .get()
            .and_then(Result::ok)
            .is_some_and(|c| c.is_chat())
    });
    provide_context(CampaignContext {
        id: campaign_id,
        name: name.into(),
        chat: chat.into(),
    });

    let marks = provide_campaign_marks(campaign_id);
    let super::campaign_list::ListResult {
        rows,
        breakdown,
        queue,
        trends,
    } = list_result(calls, view, marks, trends_wanted());
    let stored = Memo::new(move |_| calls.read(|s| s.len()).unwrap_or(0));
    provide_context(ListContext {
        rows,
        stored,
        breakdown,
        trends,
        view,
        queue,
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
    let state = Memo::new(move |_| progress.with(|p| p.state.clone()));
    let count_line = move || {
        let shown = rows.with(|r| r.len()) as u64;
        let stored = stored.get() as u64;
        if view.state.with(|s| s.is_filtered() || s.queue.is_some()) {
            format!("{} of {}", format_count(shown), calls_label(stored))
        } else {
            calls_label(stored)
        }
    };
    let mode = list_mode(calls);
    // The demo's static files cannot be asked for a date range: no scope to choose there.
    let windowed = crate::state::use_api().source().has_date_windows();

    // The load has started (the effects above run as this task ends); the page is drawn in the next
    // task (see `use_next_task`).
    let framed = use_next_task();
    view! {
        <Show when=move || framed.get()>
        <div
            class="campaign-page"
            class:campaign-page--call-open=call_open
            data-view=move || view.query.get()
        >
            <section class="campaign-page__records" aria-labelledby="campaign-title">
                <header class="campaign-page__header">
                    <A href=routes::campaigns() exact=true attr:class="campaign-page__back">"← All campaigns"</A>
                    <h1 id="campaign-title" class="campaign-page__title">{move || name.get()}</h1>
                    <p class="campaign-page__meta">
                        {move || status().map(|s| view! { <span class="status-pill">{s}</span> })}
                        <span class="campaign-page__count">{count_line}</span>
                        <button type="button" class="button button--small button--ghost campaign-page__refresh"
                            title="Load the campaign's calls again" on:click=move |_| calls.refresh()
                            disabled=move || state.get() == LoadState::Loading>
                            "Refresh"
                        </button>
                    </p>
                    {windowed.then(|| view! { <ScopeControl view=view calls=calls /> })}
                </header>
                <LoadProgress/>
                <Show when=move || mode.with(|m| *m == PaneContent::Calls)>
                    <ListTools rows=rows breakdown=breakdown trends=trends view=view statuses=statuses campaign_name=name queue=queue/>
                </Show>
                <ListPane mode=mode campaign_id=campaign_id rows=rows selected=selected view=view/>
            </section>
            <section class="campaign-page__detail" aria-label="Call record">
                <Outlet/>
            </section>
        </div>
        </Show>
    }
}

/// Whether a trends chart is on screen (each counts itself in), provided for the charts.
fn trends_wanted() -> Signal<bool> {
    let shown = RwSignal::new(0usize);
    provide_context(crate::components::TrendsShown(shown));
    Signal::derive(move || shown.get() > 0)
}
