use leptos::prelude::*;

use std::sync::Arc;

use super::tool_call_card::tool_call_card;
use crate::components::common::LongText;
use crate::domain::records::time::format_clock;
use crate::domain::records::tool_call::ToolCall;
use crate::domain::search::index::SearchQuery;
use crate::domain::{Speaker, Turn};

/// What every turn of one transcript shares.
#[derive(Clone, Copy)]
pub struct TurnContext {
    /// The turn being spoken.
    pub active: Memo<Option<usize>>,
    /// Jumps the recording to a time; absent when there is no recording.
    pub on_seek: Option<Callback<f64>>,
    pub search: Signal<SearchQuery>,
    /// The first turn that the search finds.
    pub hit: Signal<Option<usize>>,
    /// The reviewer's notes pinned within a turn: its index, the moment and the text.
    pub notes: Signal<Vec<(usize, f64, String)>>,
    /// The call's tool calls, paired with their results.
    pub tools: StoredValue<Arc<Vec<ToolCall>>>,
    /// Whether tool cards open unfolded (a short call).
    pub tools_open: bool,
}

/// One turn: speaker, time (a button that plays from there, when there is a recording) and text.
/// Agent and customer turns read as a conversation; system prompts and tool calls are folded.
pub fn view_turn(index: usize, turn: Turn, context: TurnContext) -> impl IntoView {
    let TurnContext {
        active,
        on_seek,
        search,
        hit,
        notes,
        tools,
        tools_open,
    } = context;
    if turn.tool.is_some() {
        return tool_turn(index, tools, tools_open, search);
    }
    let Turn {
        speaker,
        text,
        at_seconds,
        ..
    } = turn;
    let class = format!("transcript__turn transcript__turn--{}", speaker.slug());
    // Folded turns sit in a <summary>, which may hold no button; nobody seeks to a system prompt anyway.
    let on_seek = on_seek.filter(|_| speaker.is_spoken());
    let time = at_seconds.map(|at| {
        let label = format_clock(at);
        match on_seek {
            Some(seek) => view! {
                <button
                    type="button"
                    class="transcript__time transcript__time--seek"
                    title="Play from here"
                    aria-label=format!("Play from {label}")
                    on:click=move |_| seek.run(at)
                >
                    {label.clone()}
                </button>
            }
            .into_any(),
            None => view! { <span class="transcript__time">{label}</span> }.into_any(),
        }
    });
    if speaker.is_spoken() {
        view! {
            <li class=class data-turn=index
                class:transcript__turn--active=move || active.get() == Some(index)
                class:transcript__turn--hit=move || hit.get() == Some(index)>
                <div class="transcript__meta">
                    <span class="transcript__speaker">{speaker.label().to_owned()}</span>
                    {time}
                </div>
                <p class="transcript__text"><LongText text=text search=search/></p>
                {move || turn_notes(notes, index)}
            </li>
        }
        .into_any()
    } else {
        let summary = match speaker {
            Speaker::System => "System prompt".to_owned(),
            ref other => other.label().to_owned(),
        };
        view! {
            <li class=class data-turn=index>
                <details class="transcript__folded">
                    <summary>
                        <span class="transcript__speaker">{summary}</span>
                        {time}
                    </summary>
                    <p class="transcript__text">
                        <LongText text=text />
                    </p>
                </details>
            </li>
        }
        .into_any()
    }
}

/// A tool call's turn: its card, with the result paired to it; a result shown in its call's card is not
/// shown again.
fn tool_turn(
    index: usize,
    tools: StoredValue<Arc<Vec<ToolCall>>>,
    open: bool,
    search: Signal<SearchQuery>,
) -> AnyView {
    let call = tools.with_value(|tools| tools.iter().find(|c| c.turn == index).cloned());
    match call {
        Some(call) => view! {
            <li class="transcript__turn transcript__turn--tool" data-turn=index>
                {tool_call_card(call, open, search)}
            </li>
        }
        .into_any(),
        None => view! { <li class="transcript__turn transcript__turn--tool" data-turn=index hidden></li> }
            .into_any(),
    }
}

/// The notes pinned within turn `index`, as a short list under its text.
fn turn_notes(notes: Signal<Vec<(usize, f64, String)>>, index: usize) -> Option<impl IntoView> {
    let here: Vec<(f64, String)> = notes.with(|all| {
        all.iter()
            .filter(|(turn, _, _)| *turn == index)
            .map(|(_, at, text)| (*at, text.clone()))
            .collect()
    });
    (!here.is_empty()).then(|| {
        view! {
            <ul class="transcript__notes" aria-label="Notes at this turn">
                {here
                    .into_iter()
                    .map(|(at, text)| {
                        view! {
                            <li class="transcript__note">
                                <span class="transcript__note-at">
                                    {format!("Note at {}", format_clock(at))}
                                </span>
                                " "
                                {text}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
