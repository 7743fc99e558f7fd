use leptos::prelude::*;

use super::CostParts;
use crate::browser::local_date_time;
use crate::components::common::CopyButton;
use crate::domain::playback::timeline::{percent, TalkFigures};
use crate::domain::records::cost::format_usd;
use crate::domain::records::latency::{format_ms, LatencyStats};
use crate::domain::records::time::{format_clock, format_duration};
use crate::domain::CallRecord;

/// The call's facts (when, how long, status, type, cost and its parts, response times, how the talk
/// went) and its ID to copy.
#[component]
pub fn CallFacts(
    /// The call (its fact fields are read).
    record: CallRecord,
    /// What the turn timings say about the conversation; absent without timings.
    #[prop(default = None)]
    talk: Option<TalkFigures>,
    /// The agent's response times, when known (they come a moment after the record).
    #[prop(into, optional)]
    latency: Signal<Option<LatencyStats>>,
) -> impl IntoView {
    let facts = [
        record.started_at.map(|t| ("Started", local_date_time(t))),
        record
            .duration_seconds
            .map(|d| ("Duration", format_duration(d))),
        record.status.map(|s| ("Status", s)),
        record.call_type.map(|t| ("Type", call_type_label(&t))),
        record.cost_usd.map(|c| ("Cost", format_usd(c))),
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
        <section class="call-details__section call-details__about" aria-label="About this call">
            <dl class="call-details__facts">{facts} {move || latency.get().map(latency_facts)}</dl>
            <CostParts cost=record.cost />
            <div class="call-details__id">
                <span class="call-details__id-label">"Call ID"</span>
                <code class="call-details__id-value">{id.clone()}</code>
                <CopyButton text=id label="Copy call ID" />
            </div>
        </section>
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

/// The response times among the facts: p50 and p90, and the slowest.
fn latency_facts(latency: LatencyStats) -> impl IntoView {
    let median = format!(
        "Median {} · p90 {}",
        format_ms(latency.p50),
        format_ms(latency.p90)
    );
    view! {
        <div class="call-details__fact">
            <dt>"Response time"</dt>
            <dd>{median}</dd>
        </div>
        <div class="call-details__fact">
            <dt>"Slowest response"</dt>
            <dd>{format_ms(latency.slowest)}</dd>
        </div>
    }
}
