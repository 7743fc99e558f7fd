use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::CampaignContext;
use crate::components::{CallDetails, ErrorPanel};
use crate::hooks::{use_document_title, UseViewStateReturn};
use crate::routes;
use crate::state::{use_call_record, ApiError};

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
            Some(Ok(record)) => Some(record.customer.display()),
            _ => None,
        })?;
        Some(format!("{customer} · {}", campaign.name.get()))
    });

    view! {
        <Suspense fallback=|| {
            view! { <CallSkeleton /> }
        }>
            {move || Suspend::new(async move {
                let route_campaign = campaign.id.get_untracked();
                match call.await {
                    Ok(record) => {
                        let own = record
                            .campaign_id
                            .clone()
                            .unwrap_or_else(|| route_campaign.clone());
                        let name = if own == route_campaign {
                            campaign.name
                        } else {
                            Signal::derive(move || own.clone())
                        };
                        let same = record
                            .campaign_id
                            .as_deref()
                            .is_none_or(|own| own == route_campaign);
                        let href = routes::campaign(
                            record.campaign_id.as_deref().unwrap_or(&route_campaign),
                        );
                        let href = Signal::derive(move || {
                            if same { format!("{href}{}", query()) } else { href.clone() }
                        });
                        // The record's own campaign is the associated one; the route's is the fallback.
                        // The view's filters only mean something in the campaign they were set in.
                        // Read as the query changes, without building the record again.
                        view! {
                            <CallDetails
                                record=record
                                campaign_href=href
                                campaign_name=name
                                search=search
                            />
                        }
                            .into_any()
                    }
                    Err(ApiError::Aborted) => {
                        // Aborted because the reader moved on: the next call's request is under way.
                        view! { <CallSkeleton /> }
                            .into_any()
                    }
                    Err(error) => {
                        view! {
                            <div class="call-details">
                                <A
                                    href=move || {
                                        format!("{}{}", routes::campaign(&route_campaign), query())
                                    }
                                    attr:class="button call-details__open"
                                >
                                    "← Open campaign "
                                    {move || campaign.name.get()}
                                </A>
                                <ErrorPanel
                                    error=error
                                    what="this call"
                                    on_retry=move || call.refetch()
                                />
                            </div>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
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
