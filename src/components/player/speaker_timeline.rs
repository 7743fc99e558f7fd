use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::playback::timeline::{
    lane_bars, percent, slider_key_target, talk_figures, value_text, Side, Span,
};

/// Bars per lane at most; spans closer than this merge (see `lane_bars`).
const LANE_RESOLUTION: usize = 600;

/// Who spoke when: a lane for the agent and one for the customer, the playhead and the search's hits.
///
/// With a recording it is the player's slider: click or drag to seek, arrows, Page Up/Down, Home and
/// End from the keyboard. Without turn times it is a plain progress bar; without a playable recording it
/// still shows who spoke when, as a picture, and offers nothing it cannot do.
#[component]
pub fn SpeakerTimeline(
    /// The spoken turns on the recording's clock.
    spans: Arc<Vec<Span>>,
    /// The timeline's length in seconds.
    #[prop(into)]
    extent: Signal<f64>,
    /// The playhead, in seconds.
    #[prop(into)]
    position: Signal<f64>,
    /// Starts of the turns that hold the list's search.
    #[prop(into)]
    hits: Signal<Vec<f64>>,
    /// Where agent turns came after a slow wait (over 1.5 s), in seconds.
    #[prop(into, optional)]
    slow: Signal<Vec<f64>>,
    /// Moves the playhead; absent when the recording cannot play.
    #[prop(default = None)]
    on_seek: Option<Callback<f64>>,
) -> impl IntoView {
    if spans.is_empty() && on_seek.is_none() {
        return ().into_any();
    }
    let tracks = NodeRef::<leptos::html::Div>::new();
    let lanes = (!spans.is_empty()).then(|| lanes_view(spans.clone(), extent));
    let fraction = move |seconds: f64| {
        let extent = extent.get();
        if extent > 0.0 {
            (seconds / extent).clamp(0.0, 1.0) * 100.0
        } else {
            0.0
        }
    };
    let marks = move || {
        let hit_marks = hits
            .get()
            .into_iter()
            .map(|at| {
                view! { <span class="timeline__hit" style:left=format!("{:.3}%", fraction(at))></span> }
            })
            .collect_view();
        let slow_marks = slow
            .get()
            .into_iter()
            .map(|at| {
                view! {
                    <span
                        class="timeline__slow"
                        title="Slow response (over 1.5 s)"
                        style:left=format!("{:.3}%", fraction(at))
                    ></span>
                }
            })
            .collect_view();
        (hit_marks, slow_marks)
    };
    let Some(seek) = on_seek else {
        return still_timeline(&spans, lanes, marks).into_any();
    };

    let spans_for_text = spans.clone();
    let text = move || value_text(position.get(), extent.get(), &spans_for_text);
    let seek_to_pointer = move |event: &web_sys::PointerEvent| {
        if let Some(at) = tracks
            .get_untracked()
            .and_then(|t| pointer_share(&t, event))
        {
            seek.run(at * extent.get_untracked());
        }
    };
    let dragging = StoredValue::new(false);
    let on_pointerdown = move |event: web_sys::PointerEvent| {
        if event.button() != 0 {
            return;
        }
        dragging.set_value(true);
        if let Some(target) = event
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = target.set_pointer_capture(event.pointer_id());
        }
        seek_to_pointer(&event);
    };
    let on_pointermove = move |event: web_sys::PointerEvent| {
        if dragging.get_value() {
            seek_to_pointer(&event);
        }
    };
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        let Some(target) = slider_key_target(
            &event.key(),
            position.get_untracked(),
            extent.get_untracked(),
        ) else {
            return;
        };
        // The slider's own keys: the page's shortcuts and scrolling leave them alone.
        event.prevent_default();
        event.stop_propagation();
        seek.run(target);
    };
    let progress = spans.is_empty().then(|| {
        view! {
            <div
                class="timeline__progress"
                style:width=move || format!("{:.3}%", fraction(position.get()))
            ></div>
        }
    });
    view! {
        <div
            class="timeline"
            class:timeline--plain=spans.is_empty()
            role="slider"
            tabindex="0"
            aria-label="Timeline of who spoke when"
            aria-valuemin="0"
            aria-valuemax=move || format!("{:.0}", extent.get().ceil())
            aria-valuenow=move || format!("{:.0}", position.get().floor())
            aria-valuetext=text
            on:pointerdown=on_pointerdown
            on:pointermove=on_pointermove
            on:pointerup=move |_| dragging.set_value(false)
            on:pointercancel=move |_| dragging.set_value(false)
            on:keydown=on_keydown
        >
            {(!spans.is_empty()).then(lane_labels)}
            <div class="timeline__tracks" node_ref=tracks>
                {lanes}
                {progress}
                {marks}
                <span class="timeline__playhead" style:left=move || format!("{:.3}%", fraction(position.get()))></span>
            </div>
        </div>
    }
    .into_any()
}

/// Where along `tracks` the pointer is, from 0 to 1.
fn pointer_share(tracks: &web_sys::HtmlDivElement, event: &web_sys::PointerEvent) -> Option<f64> {
    let rect = tracks.get_bounding_client_rect();
    (rect.width() > 0.0)
        .then(|| ((f64::from(event.client_x()) - rect.left()) / rect.width()).clamp(0.0, 1.0))
}

/// Who spoke when, as a picture: nothing here can be played or moved.
fn still_timeline(spans: &[Span], lanes: impl IntoView, marks: impl IntoView) -> impl IntoView {
    let summary = talk_figures(spans)
        .map(|f| {
            format!(
                "Who spoke when: agent {} %, customer {} % of talk time",
                percent(f.agent_share),
                percent(f.customer_share)
            )
        })
        .unwrap_or_else(|| "Who spoke when".to_owned());
    view! {
        <div class="timeline timeline--still" role="img" aria-label=summary>
            {lane_labels()}
            <div class="timeline__tracks">{lanes} {marks}</div>
        </div>
    }
}

/// The lanes' names, beside them; the slider's value text says who speaks, so they are not read out.
fn lane_labels() -> impl IntoView {
    view! {
        <div class="timeline__labels" aria-hidden="true">
            <span>"Agent"</span>
            <span>"Customer"</span>
        </div>
    }
}

/// The two lanes, with a bar per spoken turn (merged where they would overlap on screen).
fn lanes_view(spans: Arc<Vec<Span>>, extent: Signal<f64>) -> impl IntoView {
    let lane = move |side: Side| {
        let spans = spans.clone();
        let bars = move || {
            lane_bars(&spans, side, extent.get(), LANE_RESOLUTION)
                .into_iter()
                .map(|(left, width)| {
                    view! {
                        <span
                            class="timeline__bar"
                            style:left=format!("{:.3}%", left * 100.0)
                            style:width=format!("{:.3}%", width * 100.0)
                        ></span>
                    }
                })
                .collect_view()
        };
        view! { <div class=format!("timeline__lane timeline__lane--{}", side.label())>{bars}</div> }
    };
    view! {
        {lane(Side::Agent)}
        {lane(Side::Customer)}
    }
}
