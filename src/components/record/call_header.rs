use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::local_date_time;
use crate::domain::records::time::format_duration;
use crate::domain::CallRecord;

/// Who and when, in two lines: the way back to the campaign, the customer, and when the call was and
/// how long. The rest of the facts sit below the player and the review (see `CallFacts`).
#[component]
pub fn CallHeader(
    /// The call (its header fields are read).
    record: CallRecord,
    /// Where "Open campaign" leads.
    campaign_href: Signal<String>,
    /// The campaign's name, shown on the way back.
    campaign_name: Signal<String>,
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
    let when: Vec<String> = [
        record.started_at.map(local_date_time),
        record.duration_seconds.map(format_duration),
    ]
    .into_iter()
    .flatten()
    .collect();
    view! {
        <header class="call-details__header">
            <A href=move || campaign_href.get() attr:class="button call-details__open">
                <span aria-hidden="true">"← "</span>
                "Open campaign "
                <span class="call-details__campaign">{move || campaign_name.get()}</span>
            </A>
            <div class="call-details__heading">
                <h2 id="call-title" class="call-details__title" tabindex="-1" node_ref=heading>
                    {record.customer.display()}
                    {record
                        .customer
                        .secondary()
                        .map(|n| view! { <span class="call-details__number">{n}</span> })}
                </h2>
                <p class="call-details__when">{when.join(" · ")}</p>
            </div>
            <p class="call-details__print-campaign">"Campaign: " {move || campaign_name.get()}</p>
        </header>
    }
}
