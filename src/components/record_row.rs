use leptos::prelude::*;
use leptos_router::components::A;

use super::{EndReasonBadge, Highlighted};
use crate::domain::search::{snippet, SearchQuery, Snippet};
use crate::domain::store::CallView;
use crate::domain::time::format_clock;
use crate::domain::{Customer, EndReason, Timestamp};
use crate::hooks::local_short;

/// What one row shows, copied out of the store for the few rows on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct RowData {
    pub customer: String,
    pub number: Option<String>,
    pub when: Option<Timestamp>,
    pub duration_seconds: Option<f64>,
    pub status: Option<String>,
    pub end_reason: EndReason,
}

impl RowData {
    pub fn from_view(call: &CallView<'_>) -> Self {
        let customer = Customer {
            name: call.name.map(str::to_owned),
            number: call.number.map(str::to_owned),
        };
        RowData {
            customer: customer.display(),
            number: customer.secondary(),
            when: call.when,
            duration_seconds: call.duration_seconds,
            status: call.status.map(str::to_owned),
            end_reason: call.end_reason.clone(),
        }
    }
}

/// Where a search hit shows in a row: the summary first, else what was said.
pub fn row_snippet(call: &CallView<'_>, query: &SearchQuery) -> Option<Snippet> {
    const WIDTH: usize = 110;
    call.summary
        .and_then(|summary| snippet(summary, query, WIDTH))
        .or_else(|| snippet(call.transcript, query, WIDTH))
        .or_else(|| call.name.and_then(|name| snippet(name, query, WIDTH)))
}

/// One call in a campaign's list: who, why it ended, when, how long, status; and the search hit.
#[component]
pub fn RecordRow(
    /// The call.
    row: RowData,
    /// Where choosing the row leads.
    #[prop(into)]
    href: Signal<String>,
    /// Whether this call is the one open.
    #[prop(into)]
    current: Signal<bool>,
    /// The text around the search hit, when searching.
    #[prop(into)]
    snippet: Signal<Option<Snippet>>,
) -> impl IntoView {
    let when = row
        .when
        .map(local_short)
        .unwrap_or_else(|| "Not started".to_owned());
    let iso = row.when.map(|t| t.to_iso());
    let duration = row
        .duration_seconds
        .map(format_clock)
        .unwrap_or_else(|| "—".to_owned());
    let status = row.status.unwrap_or_else(|| "—".to_owned());
    view! {
        <A href=move || href.get() attr:class="record-row"
            attr:aria-current=move || current.get().then_some("page")>
            <span class="record-row__customer">
                <span class="record-row__name">{row.customer}</span>
            </span>
            <span class="record-row__reason"><EndReasonBadge reason=row.end_reason/></span>
            <span class="record-row__meta">
                {row.number.map(|n| view! { <span class="record-row__number">{n}</span> })}
                <time class="record-row__when" datetime=iso>{when}</time>
                <span class="record-row__duration"><span class="visually-hidden">"Duration "</span>{duration}</span>
                <span class="record-row__status">{status}</span>
            </span>
            {move || snippet.get().map(|s| view! {
                <span class="record-row__snippet"><Highlighted text=s.text marks=s.marks/></span>
            })}
        </A>
    }
}
