use leptos::html::Audio;
use leptos::prelude::*;

use super::{
    CallHeader, EndReasonDetails, LongText, RecordingPlayer, RecordingSource, TranscriptView,
};
use crate::domain::search::SearchQuery;
use crate::domain::CallRecord;
use crate::hooks::use_player_position;

/// Everything about one call: who and when, why it ended, summary, recording and transcript.
#[component]
pub fn CallDetails(
    /// The call.
    mut record: CallRecord,
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
    /// A moment to open at (`?t=`): the player waits there and its turn is shown. It wins over the
    /// search's first hit.
    #[prop(default = None)]
    start_at: Option<f64>,
) -> impl IntoView {
    let audio = NodeRef::<Audio>::new();
    let player = use_player_position(audio);
    let can_seek = record.recording.is_available();
    if let Some(at) = start_at {
        if can_seek {
            player.cue.run(at);
        } else {
            // No recording to wait in: the turn of that moment is still marked.
            player.position.set(at);
        }
    }
    let source = RecordingSource {
        api: crate::state::use_api(),
        call_id: record.id.clone(),
        campaign: record.campaign_id.clone(),
    };
    // The header takes what it shows; the sections below take the rest.
    let summary = record.summary.take();
    let transcript = std::mem::take(&mut record.transcript);
    let recording = record.recording.clone();
    let end_reason = record.end_reason.clone();
    let id = record.id.clone();

    view! {
        <article class="call-details" aria-labelledby="call-title">
            <CallHeader record=record campaign_href=campaign_href campaign_name=campaign_name />

            <section class="call-details__section" aria-labelledby="reason-heading">
                <h3 id="reason-heading">"Why the call ended"</h3>
                <EndReasonDetails reason=end_reason call_id=id />
            </section>

            <section class="call-details__section" aria-labelledby="summary-heading">
                <h3 id="summary-heading">"Call summary"</h3>
                {match summary {
                    Some(text) => {
                        view! {
                            <p class="call-details__summary">
                                <LongText text=text search=search />
                            </p>
                        }
                            .into_any()
                    }
                    None => {
                        view! { <p class="call-details__empty">"No summary for this call."</p> }
                            .into_any()
                    }
                }}
            </section>

            <section
                class="call-details__section call-details__section--recording"
                aria-labelledby="recording-heading"
            >
                <h3 id="recording-heading">"Call recording"</h3>
                <RecordingPlayer
                    recording=recording
                    source=source
                    node_ref=audio
                    on_time=move |t| player.position.set(t)
                />
            </section>

            <section class="call-details__section" aria-labelledby="transcript-heading">
                <h3 id="transcript-heading">"Call transcript"</h3>
                <TranscriptView
                    transcript=transcript
                    position=player.position
                    search=search
                    on_seek=can_seek.then_some(player.seek)
                    on_first_hit=move |at| {
                        if can_seek && start_at.is_none() {
                            player.cue.run(at)
                        }
                    }
                    reveal_at=start_at
                />
            </section>
        </article>
    }
}
