use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::campaign_list::ListStep;
use super::CampaignContext;
use crate::components::{AutoAdvance, CallDetails, ErrorPanel};
use crate::domain::playback::moment::moment_in_query;
use crate::domain::search::index::SearchQuery;
use crate::hooks::{use_document_title, UseViewStateReturn};
use crate::routes;
use crate::state::{use_call_record, ApiError, LoadedRecord};

/// One call record, fetched in full.
#[component]
pub fn CallPage() -> impl IntoView {
    // From the raw path, decoded once (see `routes`).
    let location = use_location();
    let call_id = Memo::new(move |_| {
        location
            .pathname
            .with(|path| routes::call_id_from_path(path))
            .unwrap_or_default()
    });
    let campaign = expect_context::<CampaignContext>();
    // The list's view, kept on the way back to it and searched for in the record.
    let view = use_context::<UseViewStateReturn>();
    let query = move || view.map(|v| v.query.get()).unwrap_or_default();
    let search = Signal::derive(move || view.map(|v| v.search.get()).unwrap_or_default());
    let call = use_call_record(call_id, campaign.id);
    use_document_title(move || {
        // Read in place: the record (transcript and all) is not cloned for a title.
        let customer = call.with(|loaded| match loaded {
            Some(Ok(loaded)) => Some(loaded.head.customer.display()),
            _ => None,
        })?;
        Some(format!("{customer} · {}", campaign.name.get()))
    });

    // Opened at a moment (`?t=83`): read once per record, not followed as the URL changes.
    let start_at = Memo::new(move |_| location.search.with(|q| moment_in_query(q)));
    let on_retry = Callback::new(move |()| call.refetch());
    let auto_advance = super::auto_advance::use_auto_advance(call_id);
    let on_next = use_context::<super::campaign_list::ListStep>().map(|ListStep(step)| {
        Callback::new(move |()| {
            step.run(true);
        })
    });
    view! {
        <Suspense fallback=|| {
            view! { <CallSkeleton /> }
        }>
            {move || Suspend::new(async move {
                let loaded = call.await;
                let context = RecordContext {
                    campaign,
                    query: Signal::derive(query),
                    search,
                    start_at: start_at.get_untracked(),
                    on_retry,
                    auto_advance,
                    on_next,
                };
                record_view(loaded, context)
            })}
        </Suspense>
    }
}

/// What the record's view needs from the page around it.
struct RecordContext {
    campaign: CampaignContext,
    /// The list's view as a query, carried on the way back to it.
    query: Signal<String>,
    search: Signal<SearchQuery>,
    start_at: Option<f64>,
    on_retry: Callback<()>,
    auto_advance: Option<AutoAdvance>,
    on_next: Option<Callback<()>>,
}

/// The record, or why it could not be had, with the way back to the campaign either way.
fn record_view(loaded: Result<LoadedRecord, ApiError>, context: RecordContext) -> AnyView {
    let RecordContext {
        campaign,
        query,
        search,
        start_at,
        on_retry,
        auto_advance,
        on_next,
    } = context;
    let route_campaign = campaign.id.get_untracked();
    match loaded {
        Ok(LoadedRecord { head, turns }) => {
            let record = (*head).clone();
            // The record's own campaign is the associated one; the route's is the fallback.
            let own = record
                .campaign_id
                .clone()
                .unwrap_or_else(|| route_campaign.clone());
            let same = own == route_campaign;
            let href = routes::campaign(&own);
            let name = if same {
                campaign.name
            } else {
                Signal::derive(move || own.clone())
            };
            // The view's filters only mean something in the campaign they were set in. Read as the
            // query changes, without building the record again.
            let href = Signal::derive(move || {
                if same {
                    format!("{href}{}", query.get())
                } else {
                    href.clone()
                }
            });
            view! {
                <CallDetails
                    record=record
                    turns=turns
                    campaign_href=href
                    campaign_name=name
                    search=search
                    start_at=start_at
                    campaign_id=campaign.id
                    auto_advance=auto_advance
                    on_next=on_next
                />
            }
            .into_any()
        }
        // Aborted because the reader moved on: the next call's request is under way.
        Err(ApiError::Aborted) => view! { <CallSkeleton /> }.into_any(),
        Err(error) => {
            let href = move || format!("{}{}", routes::campaign(&route_campaign), query.get());
            view! {
                <div class="call-details">
                    <A href=href attr:class="button call-details__open">
                        "← Open campaign "
                        {move || campaign.name.get()}
                    </A>
                    <ErrorPanel error=error what="this call" on_retry=on_retry />
                </div>
            }
            .into_any()
        }
    }
}

/// The shape of a call record while it loads.
#[component]
fn CallSkeleton() -> impl IntoView {
    view! {
        <div class="call-details" aria-busy="true">
            <p class="visually-hidden" role="status">
                "Loading call…"
            </p>
            <div class="call-details__skeleton" aria-hidden="true">
                <span class="call-details__skeleton-title"></span>
                <span></span>
                <span class="call-details__skeleton-block"></span>
                <span class="call-details__skeleton-block"></span>
                <span class="call-details__skeleton-block"></span>
            </div>
        </div>
    }
}
