use leptos::prelude::*;

use crate::domain::records::campaign::format_count;
use crate::state::use_campaign_calls;

/// How the count came to be: records received, listed, duplicates, and those left out with their
/// reasons. Folded; for the reader who doubts the number.
#[component]
pub fn LoadAccount() -> impl IntoView {
    let calls = use_campaign_calls();
    let tally = Memo::new(move |_| calls.progress.with(|p| p.tally.clone()));
    let from_device = Memo::new(move |_| calls.progress.with(|p| p.from_device));
    // The tally is of the API's answers; the calls kept on this device come on top, and say so.
    let device = move || {
        let n = from_device.get();
        (n > 0).then(|| {
            view! {
                <p class="load-account__text">
                    {format!(
                        "Besides these, {} calls came from this device, kept by an earlier visit; the API was asked only for the calls that may have changed since.",
                        format_count(n as u64),
                    )}
                </p>
            }
        })
    };
    move || {
        let tally = tally.get();
        (tally.responses > 0).then(|| {
            let reasons = tally
                .left_out
                .iter()
                .map(|(reason, count)| {
                    view! {
                        <li>
                            <span class="load-account__count">{format_count(*count as u64)}</span>
                            " "
                            {reason.clone()}
                        </li>
                    }
                })
                .collect_view();
            let has_reasons = !tally.left_out.is_empty();
            view! {
                <details class="load-account">
                    <summary class="load-account__summary">"How this count was made"</summary>
                    <p class="load-account__text">{tally.summary()}</p>
                    {device}
                    <ul class="load-account__reasons" hidden=!has_reasons>
                        {reasons}
                    </ul>
                </details>
            }
        })
    }
}
