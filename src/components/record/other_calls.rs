use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::local_short;
use crate::components::common::EndReasonBadge;
use crate::domain::records::phone::number_key;
use crate::domain::records::time::format_duration;
use crate::domain::EndReason;
use crate::hooks::{History, UseViewStateReturn};
use crate::routes;
use crate::state::CampaignCalls;

/// Rows listed at most; the list's number filter shows them all.
const SHOWN: usize = 20;

/// One of the other calls, copied out of the store.
#[derive(Clone, PartialEq)]
struct OtherCall {
    id: String,
    when: String,
    duration: String,
    reason: EndReason,
}

/// "Other calls to this number (N)": the loaded campaign's other calls to the customer's number,
/// newest first, each a link; and a way to filter the list by the number.
#[component]
pub fn OtherCalls(
    /// The call open now, left out of the list.
    call_id: String,
    /// The customer's number as the record gives it.
    number: Option<String>,
    /// The campaign the calls are listed in.
    #[prop(into)]
    campaign_id: Signal<String>,
) -> impl IntoView {
    let (Some(number), Some(calls)) = (number, use_context::<CampaignCalls>()) else {
        return ().into_any();
    };
    let Some(key) = number_key(&number) else {
        return ().into_any();
    };
    let view_state = use_context::<UseViewStateReturn>();
    let others = Memo::new(move |_| {
        calls
            .read(|store| {
                store
                    .calls_to_number(&key)
                    .into_iter()
                    .filter_map(|index| store.get(index))
                    .filter(|call| call.id != call_id)
                    .map(|call| OtherCall {
                        id: call.id.to_owned(),
                        when: call
                            .when
                            .map(local_short)
                            .unwrap_or_else(|| "Time unknown".into()),
                        duration: call
                            .duration_seconds
                            .map(format_duration)
                            .unwrap_or_else(|| "—".into()),
                        reason: call.end_reason.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let query = move || view_state.map(|v| v.query.get()).unwrap_or_default();
    let rows = move || {
        others
            .get()
            .into_iter()
            .take(SHOWN)
            .map(|call| {
                let href =
                    move || format!("{}{}", routes::call(&campaign_id.get(), &call.id), query());
                view! {
                    <li class="other-calls__item">
                        <A href=href attr:class="other-calls__link">
                            <span class="other-calls__when">{call.when.clone()}</span>
                            <span class="other-calls__duration">{call.duration.clone()}</span>
                        </A>
                        <EndReasonBadge reason=call.reason.clone() />
                    </li>
                }
            })
            .collect_view()
    };
    let count = move || others.with(Vec::len);
    let filter_number = number.clone();
    let show_in_list = move |_| {
        if let Some(view) = view_state {
            let number = filter_number.clone();
            view.update(History::Push, move |s| s.number = Some(number));
        }
    };
    view! {
        <section class="call-details__section" aria-labelledby="other-calls-heading">
            <h3 id="other-calls-heading">"Other calls to this number (" {count} ")"</h3>
            <Show
                when=move || { count() > 0 }
                fallback=|| {
                    view! {
                        <p class="call-details__empty">
                            "No other call to this number among the calls loaded so far."
                        </p>
                    }
                }
            >
                <ol class="other-calls__list">{rows}</ol>
                {view_state
                    .map(|_| {
                        view! {
                            <button
                                type="button"
                                class="button button--small button--ghost other-calls__filter"
                                on:click=show_in_list.clone()
                            >
                                {move || {
                                    if count() > SHOWN {
                                        format!("Show all {} in the list", count())
                                    } else {
                                        "Show them in the list".to_owned()
                                    }
                                }}
                            </button>
                        }
                    })}
            </Show>
        </section>
    }
    .into_any()
}
