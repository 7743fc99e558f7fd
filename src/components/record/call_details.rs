use std::sync::Arc;

use leptos::html::Audio;
use leptos::prelude::*;

use super::{
    CallFacts, CallHeader, CallOutcome, EndReasonDetails, LatencyTable, OtherCalls, TranscriptView,
};
use crate::components::common::LongText;
use crate::components::player::{PlayerParts, RecordingPlayer, RecordingSource};
use crate::components::review::ReviewPanel;
use crate::domain::playback::timeline::{extent, spans, talk_figures, Span};
use crate::domain::records::latency::{latencies, LatencyStats};
use crate::domain::search::index::{spoken_turns_holding, SearchQuery};
use crate::domain::{CallRecord, Turn};
use crate::hooks::{use_player, use_review_keys, UsePlayerReturn};

/// What auto-advance does when a recording ends, and what it says when it cannot.
#[derive(Clone, Copy)]
pub struct AutoAdvance {
    pub next: Callback<()>,
    pub note: Signal<Option<String>>,
}

/// Everything about one call, arranged for the reviewer: who and when, then the recording (with the
/// timeline of who spoke when) and the review panel together, in view as the record opens; then why
/// it ended, the summary, the outcome and collected data, the facts (cost by part, response times), the
/// response times turn by turn, the transcript (tool calls at their turns), and the customer's other calls.
#[component]
pub fn CallDetails(
    /// The call.
    mut record: CallRecord,
    /// The call's turns, when the caller holds them apart (shared, not copied); else the record's.
    #[prop(optional, into)]
    turns: Option<Arc<Vec<Turn>>>,
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
    /// The campaign the record is listed in, for its other calls' links.
    #[prop(into, optional)]
    campaign_id: Signal<String>,
    /// Opens the next call when a recording ends (with auto-advance on).
    #[prop(default = None)]
    auto_advance: Option<AutoAdvance>,
    /// Opens the next call of the view, for "Verdict and next".
    #[prop(default = None)]
    on_next: Option<Callback<()>>,
) -> impl IntoView {
    let audio = NodeRef::<Audio>::new();
    let player = use_player(audio);
    let can_seek = record.recording.is_available();
    if let Some(at) = start_at {
        cue_start(player, at, can_seek);
    }
    let source = RecordingSource {
        api: crate::state::use_api(),
        call_id: record.id.clone(),
        campaign: record.campaign_id.clone(),
    };
    // The header takes what it shows; the sections below take the rest.
    let summary = record.summary.take();
    let transcript = std::mem::take(&mut record.transcript);
    let turns: Arc<Vec<Turn>> = turns.unwrap_or_else(|| Arc::new(transcript.turns));
    let spans: Arc<Vec<Span>> = Arc::new(spans(&turns, record.duration_seconds));
    let talk = talk_figures(&spans);
    // The response times come a task after the record is drawn: for a call of 50,000 turns they are
    // tens of milliseconds of work that the first paint does not need.
    let latency: RwSignal<Option<Latency>> = RwSignal::new(None);
    {
        let measured = std::mem::take(&mut record.measured_latency);
        let turns = turns.clone();
        let duration = record.duration_seconds;
        leptos::task::spawn_local(async move {
            crate::state::next_task().await;
            let (all, source) = latencies(&measured, &turns);
            let stats = LatencyStats::of(all.iter().map(|l| l.total_ms));
            let slow = slow_marks(&all, duration);
            latency.try_set(Some(Latency {
                all,
                source,
                stats,
                slow,
            }));
        });
    }
    let slow = Signal::derive(move || {
        latency.with(|l| l.as_ref().map(|l| l.slow.clone()).unwrap_or_default())
    });
    let latency_stats = Signal::derive(move || latency.with(|l| l.as_ref().and_then(|l| l.stats)));
    let timeline_extent = timeline_extent(player, &spans, record.duration_seconds);
    // The search's turns, found once for the transcript's marks and the timeline's.
    let hit_turns = {
        let turns = turns.clone();
        Memo::new(move |_| search.with(|query| spoken_turns_holding(&turns, query)))
    };
    let hits = hit_starts(&turns, &spans, hit_turns);
    let following = RwSignal::new(true);
    let (timeline_notes, turn_notes) = pinned_notes(&record.id, &spans);
    if can_seek {
        use_review_keys(player, spans.clone());
    }
    let parts = PlayerParts {
        spans,
        extent: timeline_extent,
        hits,
        following,
        on_ended: auto_advance.map(|a| a.next),
        advance_note: auto_advance
            .map(|a| a.note)
            .unwrap_or_else(|| Signal::stored(None)),
        notes: timeline_notes,
        slow,
    };
    let recording = record.recording.clone();
    let end_reason = record.end_reason.clone();
    let id = record.id.clone();
    let number = record.customer.number.clone();
    let evaluation = record.evaluation.take();
    let collected = std::mem::take(&mut record.collected);
    let facts = record.clone();

    view! {
        <article class="call-details" aria-labelledby="call-title">
            <CallHeader record=record campaign_href=campaign_href campaign_name=campaign_name />

            <section
                class="call-details__section call-details__section--recording"
                aria-labelledby="recording-heading"
            >
                <h3 id="recording-heading">"Call recording"</h3>
                <RecordingPlayer recording=recording source=source player=player parts=parts />
            </section>

            <ReviewPanel
                call_id=id.clone()
                position=player.position
                can_pin=can_seek
                on_seek=can_seek.then_some(player.seek)
                on_next=on_next
            />

            <section class="call-details__section" aria-labelledby="reason-heading">
                <h3 id="reason-heading">"Why the call ended"</h3>
                <EndReasonDetails reason=end_reason call_id=id.clone() />
            </section>

            <section class="call-details__section" aria-labelledby="summary-heading">
                <h3 id="summary-heading">"Call summary"</h3>
                {summary_view(summary, search)}
            </section>

            <CallOutcome evaluation=evaluation collected=collected />

            <CallFacts record=facts talk=talk latency=latency_stats />

            {move || {
                latency
                    .get()
                    .map(|l| {
                        view! {
                            <LatencyTable
                                latencies=l.all
                                source=l.source
                                stats=l.stats
                                on_seek=can_seek.then_some(player.seek)
                            />
                        }
                    })
            }}

            <section class="call-details__section" aria-labelledby="transcript-heading">
                <h3 id="transcript-heading">"Call transcript"</h3>
                <TranscriptView
                    turns=turns
                    plain=transcript.plain
                    position=player.position
                    search=search
                    on_seek=can_seek.then_some(player.seek)
                    on_first_hit=move |at| {
                        if can_seek && start_at.is_none() {
                            player.cue.run(at)
                        }
                    }
                    reveal_at=start_at
                    hits=Some(hit_turns)
                    follow=can_seek.then_some((following, player.playing.into()))
                    notes=turn_notes
                />
            </section>

            <OtherCalls call_id=id number=number campaign_id=campaign_id />
        </article>
    }
}

/// Pinned notes on the timeline: moment and text.
type TimelineNotes = Signal<Vec<(f64, String)>>;
/// Pinned notes in the transcript: turn, moment and text.
type TurnNotes = Signal<Vec<(usize, f64, String)>>;

/// The call's pinned notes, for the timeline (moment and text) and the transcript (the turn being
/// spoken at the moment: the last that started by then).
fn pinned_notes(call_id: &str, spans: &Arc<Vec<Span>>) -> (TimelineNotes, TurnNotes) {
    let Some(marks) = crate::state::use_campaign_marks() else {
        return (Signal::stored(Vec::new()), Signal::stored(Vec::new()));
    };
    let id = call_id.to_owned();
    let pinned = Memo::new(move |_| {
        marks.marks.with(|all| {
            all.get(&id)
                .map(|m| {
                    m.live_notes()
                        .into_iter()
                        .filter_map(|n| Some((n.moment?, n.text.clone())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let spans = spans.clone();
    let in_turns = Memo::new(move |_| {
        pinned.with(|notes| {
            notes
                .iter()
                .filter_map(|(at, text)| {
                    let span = spans.iter().rev().find(|s| s.start <= *at + 0.5)?;
                    Some((span.turn, *at, text.clone()))
                })
                .collect()
        })
    });
    (pinned.into(), in_turns.into())
}

/// Opens at a moment: the player waits there, or without a recording the moment's turn is still marked.
fn cue_start(player: UsePlayerReturn, at: f64, can_seek: bool) {
    if can_seek {
        player.cue.run(at);
    } else {
        player.position.set(at);
    }
}

/// The timeline's length: the recording's own once the player knows it; until then the record's
/// (which may be wrong: it comes from two timestamps).
fn timeline_extent(player: UsePlayerReturn, spans: &[Span], duration: Option<f64>) -> Signal<f64> {
    let said_until = extent(spans, None);
    let claimed = extent(spans, duration);
    Signal::derive(move || match player.duration.get() {
        Some(length) => length.max(said_until),
        None => claimed,
    })
}

fn summary_view(summary: Option<String>, search: Signal<SearchQuery>) -> AnyView {
    match summary {
        Some(text) => view! {
            <p class="call-details__summary">
                <LongText text=text search=search />
            </p>
        }
        .into_any(),
        None => view! { <p class="call-details__empty">"No summary for this call."</p> }.into_any(),
    }
}

/// Where the search's words are said: the start of every timed turn that holds them.
fn hit_starts(turns: &[Turn], spans: &[Span], hit_turns: Memo<Vec<usize>>) -> Signal<Vec<f64>> {
    let mut start_of: Vec<Option<f64>> = vec![None; turns.len()];
    for span in spans {
        if let Some(start) = start_of.get_mut(span.turn) {
            *start = Some(span.start);
        }
    }
    Memo::new(move |_| {
        hit_turns.with(|hits| {
            hits.iter()
                .filter_map(|&i| start_of.get(i).copied().flatten())
                .collect()
        })
    })
    .into()
}

/// The record's response times, found a task after it is drawn.
#[derive(Clone)]
struct Latency {
    all: Vec<crate::domain::records::latency::TurnLatency>,
    source: crate::domain::records::latency::LatencySource,
    stats: Option<LatencyStats>,
    slow: Vec<f64>,
}

/// Where slow turns are marked on the timeline: one mark per slow turn, merged where marks would
/// overlap on screen (a long call may have thousands; each mark is a node the timeline redraws).
fn slow_marks(
    latency: &[crate::domain::records::latency::TurnLatency],
    duration: Option<f64>,
) -> Vec<f64> {
    const SLOTS: usize = 120;
    let at: Vec<f64> = latency
        .iter()
        .filter(|l| l.is_slow())
        .filter_map(|l| l.at_seconds)
        .collect();
    if at.len() <= SLOTS {
        return at;
    }
    let length = duration
        .into_iter()
        .chain(at.iter().copied())
        .fold(0.0f64, f64::max);
    // One mark per slot of the timeline that holds any, whatever order the turns came in.
    let mut taken = [false; SLOTS];
    let mut marks = Vec::with_capacity(SLOTS);
    for s in at {
        let slot = if length > 0.0 {
            (s / length * (SLOTS - 1) as f64) as usize
        } else {
            0
        };
        if let Some(seen) = taken.get_mut(slot) {
            if !*seen {
                *seen = true;
                marks.push(s);
            }
        }
    }
    marks
}
