use std::sync::Arc;

use leptos::prelude::*;

use super::transcript_turn::{view_turn, TurnContext};
use crate::components::common::LongText;
use crate::domain::playback::turn_window::{estimate_turn_height, TurnLayout, WHOLE_UP_TO};
use crate::domain::records::tool_call::pair_tool_calls;
use crate::domain::search::index::{spoken_turns_holding, SearchQuery};
use crate::domain::Turn;
use crate::hooks::{use_manual_scroll, use_turn_window, UseTurnWindowReturn};

/// What was said, one turn per speaker, each with its time from the start of the call.
///
/// A transcript of more than a few hundred turns is rendered a block at a time around the view (a
/// 50,000-turn one would otherwise freeze the tab); search marks, the scroll to the first hit and seeking
/// from a turn work the same.
#[component]
pub fn TranscriptView(
    /// The conversation, turn by turn.
    #[prop(into)]
    turns: Arc<Vec<Turn>>,
    /// The transcript as one text, shown when there are no turns.
    #[prop(default = None)]
    plain: Option<String>,
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
    /// The spoken turns that hold the search, when the page around has found them already (the record
    /// page shares them with the timeline); else the transcript finds them.
    #[prop(default = None)]
    hits: Option<Memo<Vec<usize>>>,
    /// A moment the record was opened at (`?t=`): its turn is scrolled into view.
    #[prop(default = None)]
    reveal_at: Option<f64>,
    /// Whether to keep the spoken turn in view, and whether the recording plays. Scrolling by hand
    /// turns following off; the player's "Follow playback" turns it back on.
    #[prop(default = None)]
    follow: Option<(RwSignal<bool>, Signal<bool>)>,
    /// The reviewer's notes pinned within turns: turn index, moment, text.
    #[prop(into, optional)]
    notes: Signal<Vec<(usize, f64, String)>>,
) -> impl IntoView {
    if turns.is_empty() {
        return without_turns(plain, search);
    }
    let tool_calls = pair_tool_calls(&turns);
    // A long call's tool cards start folded, so the conversation reads through.
    let tools_open = turns.len() <= 40 && tool_calls.len() <= 4;
    let tools = StoredValue::new(Arc::new(tool_calls));
    let turns = StoredValue::new(turns);
    let active = active_turn(turns, position);
    let hits = hits.unwrap_or_else(|| {
        Memo::new(move |_| {
            search.with(|query| turns.with_value(|turns| spoken_turns_holding(turns, query)))
        })
    });
    let first_hit = Memo::new(move |_| {
        let index = hits.with(|hits| hits.first().copied())?;
        Some((
            index,
            turns.with_value(|turns| turns.get(index)?.at_seconds),
        ))
    });
    let list = NodeRef::<leptos::html::Ol>::new();
    let estimates: Vec<f64> = turns.with_value(|turns| {
        turns
            .iter()
            .map(|t| estimate_turn_height(t.text.len().min(20_000), 80))
            .collect()
    });
    let windowed = estimates.len() > WHOLE_UP_TO;
    let window = use_turn_window(list, TurnLayout::from_estimates(&estimates), windowed);
    Effect::new(move |_| {
        let Some((index, at)) = first_hit.get() else {
            return;
        };
        if let (Some(at), Some(cue)) = (at, on_first_hit) {
            cue.run(at);
        }
        if list.get().is_some() {
            window.show_turn(index);
        }
    });
    if let Some(at) = reveal_at {
        let index = turns.with_value(|turns| turn_at(turns, at));
        Effect::new(move |_| {
            if let (Some(index), Some(_)) = (index, list.get()) {
                window.show_turn(index);
            }
        });
    }
    if let Some((following, playing)) = follow {
        follow_playback(list, window, active, following, playing);
    }
    let context = TurnContext {
        active,
        on_seek,
        search,
        hit: Signal::derive(move || first_hit.get().map(|(i, _)| i)),
        notes,
        tools,
        tools_open,
    };
    let layout_turns = move |block: usize| {
        let range = block * crate::domain::playback::turn_window::BLOCK..;
        turns.with_value(|turns| {
            turns
                .iter()
                .enumerate()
                .skip(range.start)
                .take(crate::domain::playback::turn_window::BLOCK)
                .map(|(index, turn)| view_turn(index, turn.clone(), context))
                .collect_view()
        })
    };
    view! {
        <ol class="transcript" node_ref=list>
            {windowed.then(|| spacer(window.before))}
            <For each=move || window.blocks.get() key=|block| *block children=layout_turns />
            {windowed.then(|| spacer(window.after))}
        </ol>
    }
    .into_any()
}

/// A transcript sent as one text (shown as sent, cut when huge), or the word that there is none.
fn without_turns(plain: Option<String>, search: Signal<SearchQuery>) -> AnyView {
    match plain.filter(|t| !t.trim().is_empty()) {
        Some(text) => view! {
            <pre class="transcript__plain">
                <LongText text=text search=search />
            </pre>
        }
        .into_any(),
        None => {
            view! { <p class="transcript__empty">"No transcript for this call."</p> }.into_any()
        }
    }
}

/// The room the blocks of turns outside the view would take, so the scroll bar stays true.
fn spacer(height: Memo<f64>) -> impl IntoView {
    view! {
        <li
            class="transcript__gap"
            aria-hidden="true"
            hidden=move || height.get() < 1.0
            style:height=move || format!("{}px", height.get().round())
        ></li>
    }
}

/// Keeps the spoken turn in view while the recording plays and `following` holds; a scroll by hand
/// lets go.
fn follow_playback(
    list: NodeRef<leptos::html::Ol>,
    window: UseTurnWindowReturn,
    active: Memo<Option<usize>>,
    following: RwSignal<bool>,
    playing: Signal<bool>,
) {
    use_manual_scroll(move || {
        if playing.get_untracked() {
            following.set(false);
        }
    });
    Effect::new(move |_| {
        let (Some(index), true, true) = (active.get(), following.get(), playing.get()) else {
            return;
        };
        let Some(list) = list.get_untracked() else {
            return;
        };
        if !turn_in_view(&list, index) {
            window.show_turn(index);
        }
    });
}

/// Whether turn `index` is on screen below the player (which stays at the top on wide screens).
fn turn_in_view(list: &web_sys::HtmlOListElement, index: usize) -> bool {
    let Ok(Some(turn)) = list.query_selector(&format!("[data-turn=\"{index}\"]")) else {
        return false;
    };
    let rect = turn.get_bounding_client_rect();
    let player_bottom = list
        .closest(".call-details")
        .ok()
        .flatten()
        .and_then(|details| {
            details
                .query_selector(".call-details__section--recording")
                .ok()
                .flatten()
        })
        .map(|player| player.get_bounding_client_rect().bottom())
        .unwrap_or(0.0)
        .max(0.0);
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    rect.top() >= player_bottom && rect.bottom() <= height
}

/// The turn being spoken: the last spoken one that started at or before the playback position.
fn active_turn(turns: StoredValue<Arc<Vec<Turn>>>, position: Signal<f64>) -> Memo<Option<usize>> {
    let starts: Vec<Option<f64>> = turns.with_value(|turns| {
        turns
            .iter()
            .map(|t| t.speaker.is_spoken().then_some(t.at_seconds).flatten())
            .collect()
    });
    Memo::new(move |_| {
        let now = position.get();
        if now <= 0.0 {
            return None;
        }
        starts
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, at)| at.filter(|at| *at <= now).map(|_| i))
    })
}

/// The spoken turn being said at `seconds`: the last one that started at or before it.
fn turn_at(turns: &[Turn], seconds: f64) -> Option<usize> {
    turns
        .iter()
        .enumerate()
        .rev()
        .find(|(_, t)| t.speaker.is_spoken() && t.at_seconds.is_some_and(|at| at <= seconds))
        .map(|(i, _)| i)
}
