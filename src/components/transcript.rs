use leptos::prelude::*;

use super::Highlighted;
use crate::domain::search::SearchQuery;
use crate::domain::time::format_clock;
use crate::domain::{Transcript, Turn};

/// What was said, one turn per speaker, each with its time from the start of the call.
///
/// Agent and customer turns read as a conversation; system prompts and tool calls are folded, since they
/// are long and rarely what a reviewer wants first.
#[component]
pub fn TranscriptView(
    /// The conversation.
    transcript: Transcript,
    /// Playback position in seconds; the turn being spoken is highlighted.
    #[prop(into)]
    position: Signal<f64>,
    /// Jumps the recording to a turn; when absent, times are plain text.
    #[prop(default = None)]
    on_seek: Option<Callback<f64>>,
    /// Words to mark in the turns.
    #[prop(into, optional)]
    search: Signal<SearchQuery>,
    /// Receives the time of the first spoken turn that the search finds, once per search.
    #[prop(into, optional)]
    on_first_hit: Option<Callback<f64>>,
) -> impl IntoView {
    if transcript.turns.is_empty() {
        return match transcript.plain.filter(|t| !t.trim().is_empty()) {
            Some(text) => view! { <pre class="transcript__plain">{text}</pre> }.into_any(),
            None => {
                view! { <p class="transcript__empty">"No transcript for this call."</p> }.into_any()
            }
        };
    }
    let starts: Vec<Option<f64>> = transcript
        .turns
        .iter()
        .map(|t| t.speaker.is_spoken().then_some(t.at_seconds).flatten())
        .collect();
    // The turn being spoken is the last spoken one that started at or before the playback position.
    let active = Memo::new(move |_| {
        let now = position.get();
        if now <= 0.0 {
            return None;
        }
        starts
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, at)| at.filter(|at| *at <= now).map(|_| i))
    });
    // The first spoken turn holding the search: marked, scrolled to, and its time sent to the player.
    let spoken: Vec<(String, Option<f64>)> = transcript
        .turns
        .iter()
        .map(|t| {
            (
                if t.speaker.is_spoken() {
                    t.text.clone()
                } else {
                    String::new()
                },
                t.at_seconds,
            )
        })
        .collect();
    let first_hit = Memo::new(move |_| {
        search.with(|query| {
            if query.is_empty() {
                return None;
            }
            spoken
                .iter()
                .position(|(text, _)| !query.highlights(text).is_empty())
                .map(|i| (i, spoken[i].1))
        })
    });
    let list = NodeRef::<leptos::html::Ol>::new();
    Effect::new(move |_| {
        let Some((index, at)) = first_hit.get() else {
            return;
        };
        if let (Some(at), Some(cue)) = (at, on_first_hit) {
            cue.run(at);
        }
        if let Some(list) = list.get() {
            request_animation_frame(move || {
                if let Ok(Some(turn)) =
                    list.query_selector(&format!(":scope > li:nth-child({})", index + 1))
                {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Center);
                    turn.scroll_into_view_with_scroll_into_view_options(&options);
                }
            });
        }
    });
    let hit = Signal::derive(move || first_hit.get().map(|(i, _)| i));
    let turns = transcript
        .turns
        .into_iter()
        .enumerate()
        .map(|(index, turn)| view_turn(index, turn, active, on_seek, search, hit))
        .collect_view();
    view! { <ol class="transcript" node_ref=list>{turns}</ol> }.into_any()
}

fn view_turn(
    index: usize,
    turn: Turn,
    active: Memo<Option<usize>>,
    on_seek: Option<Callback<f64>>,
    search: Signal<SearchQuery>,
    hit: Signal<Option<usize>>,
) -> impl IntoView {
    let Turn {
        speaker,
        text,
        at_seconds,
    } = turn;
    let class = format!("transcript__turn transcript__turn--{}", speaker.slug());
    // Folded turns sit in a <summary>, which may hold no button; nobody seeks to a system prompt anyway.
    let on_seek = on_seek.filter(|_| speaker.is_spoken());
    let time = at_seconds.map(|at| {
        let label = format_clock(at);
        match on_seek {
            Some(seek) => view! {
                <button type="button" class="transcript__time transcript__time--seek"
                    title="Play from here" aria-label=format!("Play from {label}")
                    on:click=move |_| seek.run(at)>{label.clone()}</button>
            }
            .into_any(),
            None => view! { <span class="transcript__time">{label}</span> }.into_any(),
        }
    });
    if speaker.is_spoken() {
        view! {
            <li class=class class:transcript__turn--active=move || active.get() == Some(index)
                class:transcript__turn--hit=move || hit.get() == Some(index)>
                <div class="transcript__meta">
                    <span class="transcript__speaker">{speaker.label().to_owned()}</span>
                    {time}
                </div>
                <p class="transcript__text">
                    {move || search.with(|q| view! { <Highlighted text=text.clone() marks=q.highlights(&text)/> })}
                </p>
            </li>
        }
        .into_any()
    } else {
        let summary = match speaker {
            crate::domain::Speaker::System => "System prompt".to_owned(),
            ref other => other.label().to_owned(),
        };
        view! {
            <li class=class>
                <details class="transcript__folded">
                    <summary>
                        <span class="transcript__speaker">{summary}</span>
                        {time}
                    </summary>
                    <p class="transcript__text">{text}</p>
                </details>
            </li>
        }
        .into_any()
    }
}
