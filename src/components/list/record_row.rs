use leptos::prelude::*;

use crate::components::common::{EndReasonBadge, Highlighted, OutcomeBadge, VerdictBadge};
use crate::domain::records::outcome::Success;
use crate::domain::records::time::format_clock;
use crate::domain::review::Verdict;
use crate::domain::search::index::{snippet, SearchQuery, Snippet};
use crate::domain::search::store::StoredCallRef;
use crate::domain::{Customer, EndReason, Timestamp};

use crate::browser::local_short;

/// What one row shows, copied out of the store for the few rows on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct RowData {
    pub customer: String,
    pub number: Option<String>,
    pub when: Option<Timestamp>,
    pub duration_seconds: Option<f64>,
    pub status: Option<String>,
    pub end_reason: EndReason,
    /// The platform's success evaluation: how it counts and the badge's words.
    pub outcome: Option<(Success, String)>,
}

impl RowData {
    pub fn from_view(call: &StoredCallRef<'_>) -> Self {
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
            outcome: call.outcome.map(|o| (call.success, o.to_owned())),
        }
    }
}

/// What a row shows of the call's review.
#[derive(Clone, Debug, PartialEq)]
pub struct RowReview {
    pub verdict: Option<Verdict>,
    pub reviewed: bool,
    pub tags: Vec<String>,
    pub notes: usize,
}

/// Where a search hit shows in a row: the summary first, else what was said.
pub fn row_snippet(call: &StoredCallRef<'_>, query: &SearchQuery) -> Option<Snippet> {
    const WIDTH: usize = 110;
    call.summary
        .and_then(|summary| snippet(summary, query, WIDTH))
        .or_else(|| snippet(call.transcript, query, WIDTH))
        .or_else(|| call.name.and_then(|name| snippet(name, query, WIDTH)))
}

/// One call in a campaign's list: who, why it ended, when, how long, status; and the search hit.
///
/// Every part reads `row`, so the list can show another call in the same elements (it recycles rows).
#[component]
pub fn RecordRow(
    /// The call drawn, if any.
    #[prop(into)]
    row: Signal<Option<RowData>>,
    /// Where choosing the row leads.
    #[prop(into)]
    href: Signal<String>,
    /// Whether this call is the one open.
    #[prop(into)]
    current: Signal<bool>,
    /// The text around the search hit, when searching.
    #[prop(into)]
    snippet: Signal<Option<Snippet>>,
    /// The call's review, when it has marks.
    #[prop(into, optional)]
    review: Signal<Option<RowReview>>,
) -> impl IntoView {
    let read = move |f: fn(&RowData) -> String| {
        move || row.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let number = Memo::new(move |_| row.with(|r| r.as_ref().and_then(|r| r.number.clone())));
    let reason = Memo::new(move |_| {
        row.with(|r| r.as_ref().map(|r| r.end_reason.clone()))
            .unwrap_or(EndReason::Missing)
    });
    view! {
        // A plain link (the router still handles its clicks): lighter than <A>, which tracks whether it is
        // active; the list knows that already.
        <a
            href=move || href.get()
            class="record-row"
            aria-current=move || current.get().then_some("page")
        >
            <span class="record-row__customer">
                <span class="record-row__name">{read(|r| r.customer.clone())}</span>
            </span>
            <span class="record-row__reason">
                <EndReasonBadge reason=reason />
                {move || {
                    row.with(|r| r.as_ref().and_then(|r| r.outcome.clone()))
                        .map(|(success, label)| {
                            view! { <OutcomeBadge success=success label=label /> }
                        })
                }}
            </span>
            <span class="record-row__meta">
                <span class="record-row__number" hidden=move || number.with(Option::is_none)>
                    {move || number.get().unwrap_or_default()}
                </span>
                <time
                    class="record-row__when"
                    datetime=move || {
                        row.with(|r| r.as_ref().and_then(|r| r.when).map(|t| t.to_iso()))
                    }
                >
                    {read(|r| r.when.map(local_short).unwrap_or_else(|| "Not started".to_owned()))}
                </time>
                <span class="record-row__duration">
                    <span class="visually-hidden">"Duration "</span>
                    {read(|r| {
                        r.duration_seconds.map(format_clock).unwrap_or_else(|| "—".to_owned())
                    })}
                </span>
                <span class="record-row__status">
                    {read(|r| r.status.clone().unwrap_or_else(|| "—".to_owned()))}
                </span>
            </span>
            {move || {
                review
                    .get()
                    .filter(|r| {
                        r.reviewed || r.verdict.is_some() || !r.tags.is_empty() || r.notes > 0
                    })
                    .map(review_line)
            }}
            {move || {
                snippet
                    .get()
                    .map(|s| {
                        view! {
                            <span class="record-row__snippet">
                                <Highlighted text=s.text marks=s.marks />
                            </span>
                        }
                    })
            }}
        </a>
    }
}

/// The row's review, compact: the verdict (or "Reviewed"), the tags, and how many notes.
fn review_line(review: RowReview) -> impl IntoView {
    let RowReview {
        verdict,
        reviewed,
        tags,
        notes,
    } = review;
    let plain_reviewed = (reviewed && verdict.is_none())
        .then(|| view! { <span class="record-row__reviewed">"Reviewed"</span> });
    let notes = (notes > 0).then(|| {
        let label = if notes == 1 {
            "1 note".to_owned()
        } else {
            format!("{notes} notes")
        };
        view! { <span class="record-row__notes">{label}</span> }
    });
    view! {
        <span class="record-row__review">
            <VerdictBadge verdict=Signal::stored(verdict) />
            {plain_reviewed}
            {tags
                .into_iter()
                .map(|t| view! { <span class="record-row__tag">{t}</span> })
                .collect_view()}
            {notes}
        </span>
    }
}
