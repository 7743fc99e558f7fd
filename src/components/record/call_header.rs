use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::local_date_time;
use crate::components::common::CopyButton;
use crate::domain::playback::timeline::{percent, TalkFigures};
use crate::domain::records::time::{format_clock, format_duration};
use crate::domain::CallRecord;

/// Who and when: the way back to the campaign, the customer, the call's facts and its ID.
#[component]
pub fn CallHeader(
    /// The call (its header fields are read).
    record: CallRecord,
    /// Where "Open campaign" leads.
    campaign_href: Signal<String>,
    /// The campaign's name, shown on the way back.
    campaign_name: Signal<String>,
    /// What the turn timings say about the conversation; absent without timings.
    #[prop(default = None)]
    talk: Option<TalkFigures>,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    // A new call starts at the top of its pane, with focus on its heading for screen readers and j/k.
    // Deferred a frame: <Suspense> builds the view before it is attached, and a detached element takes no focus.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            request_animation_frame(move || {
                if let Ok(Some(pane)) = heading.closest(".campaign-page__detail") {
                    pane.set_scroll_top(0);
                }
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = heading.focus_with_options(&options);
            });
        }
    });
    let facts = [
        record.started_at.map(|t| ("Started", local_date_time(t))),
        record
            .duration_seconds
            .map(|d| ("Duration", format_duration(d))),
        record.status.map(|s| ("Status", s)),
        record.call_type.map(|t| ("Type", call_type_label(&t))),
        record.cost_usd.map(|c| ("Cost", format!("${c:.2}"))),
    ];
    let facts = facts
        .into_iter()
        .flatten()
        .chain(talk.map(talk_facts).into_iter().flatten())
        .map(|(term, value)| {
            view! {
                <div class="call-details__fact">
                    <dt>{term}</dt>
                    <dd>{value}</dd>
                </div>
            }
        })
        .collect_view();
    let id = record.id;
    view! {
        <header class="call-details__header">
            <A href=move || campaign_href.get() attr:class="button call-details__open">
                <span aria-hidden="true">"← "</span>
                "Open campaign "
                <span class="call-details__campaign">{move || campaign_name.get()}</span>
            </A>
            <h2 id="call-title" class="call-details__title" tabindex="-1" node_ref=heading>
                {record.customer.display()}
                {record
                    .customer
                    .secondary()
                    .map(|n| view! { <span class="call-details__number">{n}</span> })}
            </h2>
            <p class="call-details__print-campaign">"Campaign: " {move || campaign_name.get()}</p>
            <dl class="call-details__facts">{facts}</dl>
            <div class="call-details__id">
                <span class="call-details__id-label">"Call ID"</span>
                <code class="call-details__id-value">{id.clone()}</code>
                <CopyButton text=id label="Copy call ID" />
            </div>
        </header>
    }
}

/// The talk figures as facts: shares of talk time, the customer's first word and longest turn, and
/// who started while the other was speaking.
fn talk_facts(talk: TalkFigures) -> Vec<(&'static str, String)> {
    let mut facts = vec![(
        "Talk time",
        format!(
            "Agent {} % · Customer {} %",
            percent(talk.agent_share),
            percent(talk.customer_share)
        ),
    )];
    facts.push((
        "Customer first spoke",
        talk.customer_first_at
            .map(|at| format!("at {}", format_clock(at)))
            .unwrap_or_else(|| "Never".to_owned()),
    ));
    if let Some(longest) = talk.longest_customer_turn {
        facts.push(("Longest customer turn", format_duration(longest)));
    }
    facts.push((
        "Talked over",
        format!(
            "Agent {} · Customer {}",
            talk.agent_interruptions, talk.customer_interruptions
        ),
    ));
    facts
}

fn call_type_label(raw: &str) -> String {
    match raw {
        "outboundPhoneCall" => "Outbound phone call".to_owned(),
        "inboundPhoneCall" => "Inbound phone call".to_owned(),
        "webCall" => "Web call".to_owned(),
        "vapi.websocketCall" => "WebSocket call".to_owned(),
        other => other.to_owned(),
    }
}
