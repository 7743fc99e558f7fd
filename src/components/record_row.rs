use leptos::prelude::*;
use leptos_router::components::A;

use super::EndReasonBadge;
use crate::domain::time::format_clock;
use crate::domain::CallRecord;
use crate::hooks::local_short;

/// One call in a campaign's list: when, who, how long, status, and why it ended.
#[component]
pub fn RecordRow(
    /// The call.
    record: CallRecord,
    /// Where choosing the row leads.
    #[prop(into)]
    href: String,
) -> impl IntoView {
    let when = record
        .when()
        .map(local_short)
        .unwrap_or_else(|| "Not started".to_owned());
    let iso = record.when().map(|t| t.to_iso());
    let duration = record
        .duration_seconds
        .map(format_clock)
        .unwrap_or_else(|| "—".to_owned());
    let status = record.status.clone().unwrap_or_else(|| "—".to_owned());
    let customer = record.customer.display();
    let number = record.customer.secondary();
    view! {
        <li class="record-list__item">
            <A href=href attr:class="record-row">
                <span class="record-row__customer">
                    <span class="record-row__name">{customer}</span>
                </span>
                <span class="record-row__reason"><EndReasonBadge reason=record.end_reason/></span>
                <span class="record-row__meta">
                    {number.map(|n| view! { <span class="record-row__number">{n}</span> })}
                    <time class="record-row__when" datetime=iso>{when}</time>
                    <span class="record-row__duration"><span class="visually-hidden">"Duration "</span>{duration}</span>
                    <span class="record-row__status">{status}</span>
                </span>
            </A>
        </li>
    }
}
