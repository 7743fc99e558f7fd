use leptos::html::Audio;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use super::{
    CopyButton, EndReasonDetails, LongText, RecordingPlayer, RecordingSource, TranscriptView,
};
use crate::browser::local_date_time;
use crate::domain::search::SearchQuery;
use crate::domain::time::format_duration;
use crate::domain::CallRecord;

/// Everything about one call: who and when, why it ended, summary, recording and transcript.
#[component]
pub fn CallDetails(
    /// The call.
    record: CallRecord,
    /// Where "Open campaign" leads.
    #[prop(into)]
    campaign_href: Signal<String>,
    /// The campaign's name, shown on the way back.
    #[prop(into)]
    campaign_name: Signal<String>,
    /// The list's search: its words are marked in the summary and transcript, and the player starts at
    /// the first turn that holds them.
    #[prop(into, optional)]
    search: Signal<SearchQuery>,
) -> impl IntoView {
    let audio = NodeRef::<Audio>::new();
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
    let position = RwSignal::new(0.0);
    let seek = Callback::new(move |seconds: f64| {
        if let Some(audio) = audio.get_untracked() {
            audio.set_current_time(seconds);
            position.set(seconds);
            // play() rejects when the browser blocks autoplay; the position is set either way.
            let _ = audio.play();
        }
    });
    let can_seek = record.recording.is_available();
    // A search hit in a turn: the player waits at that turn, without playing (the reviewer presses play).
    // The transcript may find the hit before the player is in the page, so the time waits for it.
    let cued = RwSignal::new(None::<f64>);
    Effect::new(move |_| {
        if let (Some(audio), Some(seconds)) = (audio.get(), cued.get()) {
            position.set(seconds);
            if audio.ready_state() >= web_sys::HtmlMediaElement::HAVE_METADATA {
                audio.set_current_time(seconds);
            } else {
                // Before its metadata the element forgets a position (loading resets it to 0).
                let target = audio.clone();
                let later = wasm_bindgen::closure::Closure::once_into_js(move || {
                    target.set_current_time(seconds);
                    target.set_onloadedmetadata(None);
                });
                audio.set_onloadedmetadata(Some(later.unchecked_ref()));
            }
        }
    });
    let cue = move |seconds: f64| cued.set(Some(seconds));

    let source = RecordingSource {
        api: crate::state::use_api(),
        call_id: record.id.clone(),
        campaign: record.campaign_id.clone(),
    };
    let CallRecord {
        id,
        started_at,
        duration_seconds,
        customer,
        status,
        call_type,
        end_reason,
        summary,
        transcript,
        recording,
        cost_usd,
        ..
    } = record;
    let title = customer.display();
    let number = customer.secondary();
    let facts = [
        started_at.map(|t| ("Started", local_date_time(t))),
        duration_seconds.map(|d| ("Duration", format_duration(d))),
        status.map(|s| ("Status", s)),
        call_type.map(|t| ("Type", call_type_label(&t))),
        cost_usd.map(|c| ("Cost", format!("${c:.2}"))),
    ];
    let facts = facts
        .into_iter()
        .flatten()
        .map(|(term, value)| view! { <div class="call-details__fact"><dt>{term}</dt><dd>{value}</dd></div> })
        .collect_view();

    view! {
        <article class="call-details" aria-labelledby="call-title">
            <header class="call-details__header">
                <A href=move || campaign_href.get() attr:class="button call-details__open">
                    <span aria-hidden="true">"← "</span>
                    "Open campaign "
                    <span class="call-details__campaign">{move || campaign_name.get()}</span>
                </A>
                <h2 id="call-title" class="call-details__title" tabindex="-1" node_ref=heading>
                    {title}
                    {number.map(|n| view! { <span class="call-details__number">{n}</span> })}
                </h2>
                <p class="call-details__print-campaign">"Campaign: " {move || campaign_name.get()}</p>
                <dl class="call-details__facts">{facts}</dl>
                <div class="call-details__id">
                    <span class="call-details__id-label">"Call ID"</span>
                    <code class="call-details__id-value">{id.clone()}</code>
                    <CopyButton text=id.clone() label="Copy call ID"/>
                </div>
            </header>

            <section class="call-details__section" aria-labelledby="reason-heading">
                <h3 id="reason-heading">"Why the call ended"</h3>
                <EndReasonDetails reason=end_reason call_id=id/>
            </section>

            <section class="call-details__section" aria-labelledby="summary-heading">
                <h3 id="summary-heading">"Call summary"</h3>
                {match summary {
                    Some(text) => view! {
                        <p class="call-details__summary"><LongText text=text search=search/></p>
                    }.into_any(),
                    None => view! { <p class="call-details__empty">"No summary for this call."</p> }.into_any(),
                }}
            </section>

            <section class="call-details__section call-details__section--recording" aria-labelledby="recording-heading">
                <h3 id="recording-heading">"Call recording"</h3>
                <RecordingPlayer recording=recording source=source node_ref=audio
                    on_time=move |t| position.set(t)/>
            </section>

            <section class="call-details__section" aria-labelledby="transcript-heading">
                <h3 id="transcript-heading">"Call transcript"</h3>
                <TranscriptView transcript=transcript position=position search=search
                    on_seek=can_seek.then_some(seek) on_first_hit=move |at| if can_seek { cue(at) }/>
            </section>
        </article>
    }
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
