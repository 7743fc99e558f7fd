use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use wasm_bindgen::JsCast;

use crate::api::use_api;
use crate::components::{EmptyState, ErrorPanel, RecordRow};
use crate::domain::call::sort_newest_first;
use crate::domain::campaign::calls_label;
use crate::domain::selection;
use crate::domain::CallRecord;
use crate::hooks::{use_document_title, use_key_shortcuts};
use crate::routes;
use crate::wire::Parsed;

/// The campaign open in the records view, for the call page inside it.
#[derive(Clone, Copy)]
pub struct CampaignContext {
    pub id: Memo<String>,
    /// The name once known, else the ID.
    pub name: Signal<String>,
}

/// A campaign's records: the list of calls, with the chosen call beside it (or over it on a phone).
#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let campaign_id = Memo::new(move |_| {
        routes::percent_decode(&params.read().get("campaign_id").unwrap_or_default())
    });
    let api = use_api();
    let campaign = LocalResource::new(move || api.campaign(&campaign_id.get()));
    let calls = LocalResource::new(move || api.calls(&campaign_id.get()));

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

    // A refresh keeps the current list on screen (a <Transition>) and says it is working.
    let refreshing = RwSignal::new(false);
    let location = use_location();
    let call_open = move || location.pathname.with(|p| p.contains("/calls/"));
    // The call page names the tab while a call is open.
    use_document_title(move || (!call_open()).then(|| name.get()));
    let status = move || campaign.get().and_then(Result::ok).and_then(|c| c.status);

    view! {
        <div class="campaign-page" class:campaign-page--call-open=call_open>
            <section class="campaign-page__records" aria-labelledby="campaign-title">
                <header class="campaign-page__header">
                    <A href=routes::campaigns() exact=true attr:class="campaign-page__back">"← All campaigns"</A>
                    <h1 id="campaign-title" class="campaign-page__title">{move || name.get()}</h1>
                    <p class="campaign-page__meta">
                        {move || status().map(|s| view! { <span class="status-pill">{s}</span> })}
                        <span class="campaign-page__count">
                            // Read in place: the list itself is not cloned to count it.
                            {move || calls.with(|loaded| match loaded {
                                Some(Ok(parsed)) => Some(calls_label(parsed.items.len() as u64)),
                                _ => None,
                            })}
                        </span>
                        <button type="button" class="button button--small button--ghost campaign-page__refresh"
                            title="Load the campaign's calls again" on:click=move |_| calls.refetch()
                            disabled=move || refreshing.get()>
                            {move || if refreshing.get() { "Refreshing…" } else { "Refresh" }}
                        </button>
                    </p>
                </header>
                <Transition fallback=|| view! { <RecordListSkeleton/> } set_pending=refreshing>
                    {move || Suspend::new(async move {
                        match calls.await {
                            Ok(parsed) => view! { <RecordList parsed=parsed campaign_id=campaign_id.get_untracked()/> }.into_any(),
                            Err(error) => view! {
                                <ErrorPanel error=error what="this campaign's calls" on_retry=move || calls.refetch()/>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <section class="campaign-page__detail" aria-label="Call record">
                <Outlet/>
            </section>
        </div>
    }
}

/// The calls, newest first. `j` and `k` move between them, `Escape` closes the open one.
#[component]
fn RecordList(parsed: Parsed<CallRecord>, campaign_id: String) -> impl IntoView {
    let Parsed { mut items, skipped } = parsed;
    sort_newest_first(&mut items);
    let hrefs: Vec<String> = items
        .iter()
        .map(|record| routes::call(&campaign_id, &record.id))
        .collect();
    let ids: Vec<String> = items.iter().map(|record| record.id.clone()).collect();
    let location = use_location();
    let navigate = use_navigate();
    let campaign_href = routes::campaign(&campaign_id);
    let list_hrefs = hrefs.clone();
    use_key_shortcuts(move |key| {
        let open = location
            .pathname
            .with_untracked(|path| routes::call_id_from_path(path));
        let current = open.and_then(|open| ids.iter().position(|id| *id == open));
        let target = match key {
            "j" | "J" => {
                selection::step(list_hrefs.len(), current, true).map(|i| list_hrefs[i].clone())
            }
            "k" | "K" => {
                selection::step(list_hrefs.len(), current, false).map(|i| list_hrefs[i].clone())
            }
            "Escape" if current.is_some() => Some(campaign_href.clone()),
            _ => None,
        };
        if let Some(target) = target {
            navigate(&target, Default::default());
        }
    });
    // Keep the open call's row in view, also after a reload deep in a long list.
    Effect::new(move |_| {
        location.pathname.track();
        request_animation_frame(|| {
            let row = web_sys::window().and_then(|w| w.document()).and_then(|d| {
                d.query_selector(".record-row[aria-current=\"page\"]")
                    .ok()
                    .flatten()
            });
            if let Some(row) = row.and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                row.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    });
    let skipped_note = (!skipped.is_empty()).then(|| {
        let reasons = skipped
            .iter()
            .map(|s| view! { <li>{format!("Record {}: {}", s.index + 1, s.reason)}</li> })
            .collect_view();
        view! {
            <details class="banner banner--warning" role="status">
                <summary>{format!("{} record(s) could not be read and are not shown.", skipped.len())}</summary>
                <ul>{reasons}</ul>
            </details>
        }
    });
    if items.is_empty() {
        return view! {
            {skipped_note}
            <EmptyState title="No calls yet" detail="Calls show here as the campaign places them."/>
        }
        .into_any();
    }
    let rows = items
        .into_iter()
        .zip(hrefs)
        .map(|(record, href)| view! { <RecordRow record=record href=href/> })
        .collect_view();
    view! {
        {skipped_note}
        <p class="record-list__hint" aria-hidden="true"><kbd>"j"</kbd>" / "<kbd>"k"</kbd>" next and previous call"</p>
        <ol class="record-list" aria-label="Calls, newest first">{rows}</ol>
    }
    .into_any()
}

#[component]
fn RecordListSkeleton() -> impl IntoView {
    view! {
        <ol class="record-list" aria-busy="true" aria-label="Loading calls">
            {(0..8).map(|_| view! { <li class="record-list__item record-list__item--skeleton"></li> }).collect_view()}
        </ol>
    }
}
