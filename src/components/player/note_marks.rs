use leptos::prelude::*;

use crate::domain::records::time::format_clock;

/// The reviewer's notes on the recording's clock: a marker under the timeline at each pinned note,
/// which seeks there. A row of its own, not inside the slider (whose parts are presentational).
#[component]
pub fn NoteMarks(
    /// Each pinned note's moment and text.
    #[prop(into)]
    notes: Signal<Vec<(f64, String)>>,
    /// The timeline's length in seconds.
    #[prop(into)]
    extent: Signal<f64>,
    /// Moves the playhead; absent when the recording cannot play.
    #[prop(default = None)]
    on_seek: Option<Callback<f64>>,
) -> impl IntoView {
    let marks = move || {
        let extent = extent.get();
        notes
            .get()
            .into_iter()
            .map(|(at, text)| {
                let left = if extent > 0.0 {
                    (at / extent).clamp(0.0, 1.0) * 100.0
                } else {
                    0.0
                };
                let label = format!("Note at {}: {text}", format_clock(at));
                view! {
                    <button
                        type="button"
                        class="note-marks__mark"
                        style:left=format!("{left:.3}%")
                        title=label.clone()
                        aria-label=label
                        disabled=on_seek.is_none()
                        on:click=move |_| {
                            if let Some(seek) = on_seek {
                                seek.run(at);
                            }
                        }
                    ></button>
                }
            })
            .collect_view()
    };
    move || {
        (!notes.with(Vec::is_empty)).then(|| {
            view! {
                <div class="note-marks" role="group" aria-label="Notes on the timeline">
                    // As wide as the timeline's lane labels, so the marks line up with its tracks.
                    <span class="note-marks__pad" aria-hidden="true">
                        "Customer"
                    </span>
                    <div class="note-marks__track">{marks}</div>
                </div>
            }
        })
    }
}
