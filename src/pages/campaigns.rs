use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::local_date_time;
use crate::components::{EmptyState, ErrorPanel};
use crate::domain::records::campaign::calls_label;
use crate::domain::Campaign;
use crate::hooks::{use_document_title, use_next_task};
use crate::routes;
use crate::state::{use_api, Parsed};

/// The landing page: every campaign of the account.
#[component]
pub fn CampaignsPage() -> impl IntoView {
    let api = use_api();
    let campaigns = LocalResource::new(move || api.campaigns());
    use_document_title(|| Some("Campaigns".to_owned()));
    // Asked for now, drawn in the next task (see `use_next_task`).
    let framed = use_next_task();
    view! {
        <Show when=move || framed.get()>
            <section class="page" aria-labelledby="campaigns-title">
                <header class="page__header">
                    <h1 id="campaigns-title">"Campaigns"</h1>
                    <p class="page__lede">"Choose a campaign to review its calls."</p>
                </header>
                <Suspense fallback=|| {
                    view! { <CampaignGridSkeleton /> }
                }>
                    {move || Suspend::new(async move {
                        match campaigns.await {
                            Ok(parsed) => view! { <CampaignGrid parsed=parsed /> }.into_any(),
                            Err(error) => {
                                view! {
                                    <ErrorPanel
                                        error=error
                                        what="your campaigns"
                                        on_retry=move || campaigns.refetch()
                                    />
                                }
                                    .into_any()
                            }
                        }
                    })}
                </Suspense>
            </section>
        </Show>
    }
}

#[component]
fn CampaignGrid(parsed: Parsed<Campaign>) -> impl IntoView {
    let skipped = parsed.skipped.len();
    if parsed.items.is_empty() && skipped == 0 {
        return view! {
            <EmptyState
                title="No campaigns yet"
                detail="Campaigns you create on Atlas will show here."
            />
        }
        .into_any();
    }
    let (archived, current): (Vec<Campaign>, Vec<Campaign>) =
        parsed.items.into_iter().partition(Campaign::is_archived);
    let archived_count = archived.len();
    let cards = current
        .into_iter()
        .map(|campaign| view! { <CampaignCard campaign=campaign /> })
        .collect_view();
    // Archived campaigns are folded away below the others: rarely reviewed, never lost.
    let archive = (archived_count > 0).then(|| {
        let cards = archived
            .into_iter()
            .map(|campaign| view! { <CampaignCard campaign=campaign /> })
            .collect_view();
        view! {
            <details class="campaign-archive">
                <summary class="campaign-archive__summary">
                    {format!("Archived ({archived_count})")}
                </summary>
                <ul class="campaign-grid">{cards}</ul>
            </details>
        }
    });
    view! {
        {(skipped > 0)
            .then(|| {
                view! {
                    <p class="banner banner--warning" role="status">
                        {format!("{skipped} campaign(s) could not be read and are not shown.")}
                    </p>
                }
            })}
        <ul class="campaign-grid">{cards}</ul>
        {archive}
    }
    .into_any()
}

#[component]
fn CampaignCard(campaign: Campaign) -> impl IntoView {
    let href = routes::campaign(&campaign.id);
    let name = campaign.display_name().to_owned();
    let calls = if campaign.is_chat() {
        "Chat: no calls".to_owned()
    } else {
        campaign
            .call_count
            .map(calls_label)
            .unwrap_or_else(|| "Calls: not counted".to_owned())
    };
    let status_class = campaign.status.as_deref().map(|s| {
        format!(
            "status-pill status-pill--{}",
            s.to_ascii_lowercase().replace(' ', "-")
        )
    });
    view! {
        <li class="campaign-card">
            <A href=href attr:class="campaign-card__link">
                <span class="campaign-card__name">{name}</span>
                {campaign
                    .description
                    .map(|d| view! { <span class="campaign-card__description">{d}</span> })}
                <span class="campaign-card__meta">
                    {campaign
                        .status
                        .zip(status_class)
                        .map(|(s, class)| view! { <span class=class>{s}</span> })}
                    <span class="campaign-card__calls">{calls}</span>
                    {campaign
                        .created_at
                        .map(|t| {
                            view! {
                                <span class="campaign-card__created">
                                    "Created " {local_date_time(t)}
                                </span>
                            }
                        })}
                </span>
            </A>
        </li>
    }
}

#[component]
fn CampaignGridSkeleton() -> impl IntoView {
    view! {
        <ul class="campaign-grid" aria-busy="true" aria-label="Loading campaigns">
            {(0..3)
                .map(|_| view! { <li class="campaign-card campaign-card--skeleton"></li> })
                .collect_view()}
        </ul>
    }
}
