use leptos::prelude::*;

use crate::browser::{local_short, now};
use crate::domain::loading::load_plan::Window;
use crate::domain::records::campaign::format_count;
use crate::state::ErrorText;
use crate::state::{use_campaign_calls, LoadState};

/// How far the campaign's calls have loaded, with Stop and Resume, and the windows that failed.
#[component]
pub fn LoadProgress() -> impl IntoView {
    let calls = use_campaign_calls();
    let progress = calls.progress;
    // The kind of line is a memo, so the line (and its button) is built once per state, while the
    // counts inside it update as calls arrive.
    let state = Memo::new(move |_| progress.with(|p| p.state.clone()));
    let counts = move || {
        progress.with(|p| {
            let of = p
                .total
                .filter(|t| *t >= p.loaded as u64)
                .map(|t| format!(" of {}", format_count(t)))
                .unwrap_or_default();
            format!("{}{of}", format_count(p.loaded as u64))
        })
    };
    let fraction = move || {
        progress.with(|p| {
            p.total
                .filter(|t| *t > 0)
                .map(|t| (p.loaded as f64 / t as f64).min(1.0).to_string())
        })
    };
    let skipped = move || {
        let skipped = progress.with(|p| p.tally.left_out_count());
        (skipped > 0).then(|| {
            view! {
                <span class="load-progress__skipped">
                    {format!(" {skipped} record(s) could not be read and are left out.")}
                </span>
            }
        })
    };
    let line = move || match state.get() {
        LoadState::Loading => view! {
            <div class="load-progress" role="status">
                <span class="load-progress__text">"Loading calls… " {counts} {skipped}</span>
                <progress
                    class="load-progress__bar"
                    max="1"
                    value=fraction
                    aria-label="Calls loaded"
                ></progress>
                <button
                    type="button"
                    class="button button--small button--ghost"
                    on:click=move |_| calls.stop()
                >
                    "Stop"
                </button>
            </div>
        }
        .into_any(),
        LoadState::Stopped => view! {
            <div class="load-progress load-progress--stopped" role="status">
                <span class="load-progress__text">
                    "Stopped at " {counts} " calls. The list, search and export cover these."
                    {skipped}
                </span>
                <button type="button" class="button button--small" on:click=move |_| calls.resume()>
                    "Resume"
                </button>
            </div>
        }
        .into_any(),
        LoadState::Failed(error) if progress.with_untracked(|p| p.loaded > 0) => {
            let text = ErrorText::new(&error, "the campaign's calls");
            view! {
                <div class="banner banner--error load-progress__failed" role="alert">
                    <p>
                        <strong>"Refresh failed. " {text.title} ". "</strong>
                        {text.detail}
                        " The calls below are from the last successful load."
                    </p>
                    <button
                        type="button"
                        class="button button--small"
                        on:click=move |_| calls.refresh()
                    >
                        "Try again"
                    </button>
                </div>
            }
            .into_any()
        }
        // The line stays when the load is over, at the same height, so the rows below do not jump
        // up under a reader's pointer the moment the last calls come (a click then lands on another row).
        LoadState::Complete => {
            let finished = local_short(now());
            let done = move || {
                let loaded = progress.with(|p| p.loaded);
                let calls = if loaded == 1 { "call" } else { "calls" };
                format!(
                    "{} {calls} loaded, {finished}.",
                    format_count(loaded as u64)
                )
            };
            view! {
                <div class="load-progress" role="status">
                    <span class="load-progress__text">{done} {skipped}</span>
                </div>
            }
            .into_any()
        }
        LoadState::Failed(_) => view! {
            <div class="load-progress" role="status" hidden=move || skipped().is_none()>
                {skipped}
            </div>
        }
        .into_any(),
    };
    view! {
        {line}
        <KeptLine />
        <FailedWindows />
        <super::LoadAccount />
    }
}

/// Where the calls came from when some were kept on this device, and why keeping failed, if it did.
#[component]
fn KeptLine() -> impl IntoView {
    let calls = use_campaign_calls();
    let progress = calls.progress;
    let device = move || {
        progress.with(|p| {
            (p.from_device > 0).then(|| {
                let from_api = p.loaded.saturating_sub(p.from_device);
                let so_far = if p.state == LoadState::Loading {
                    " so far…"
                } else {
                    "."
                };
                let text = format!(
                    "{} from this device, {} from the API{so_far}",
                    format_count(p.from_device as u64),
                    format_count(from_api as u64)
                );
                view! { <p class="load-progress__device">{text}</p> }
            })
        })
    };
    let problem = move || {
        calls
            .keep_problem
            .get()
            .map(|text| view! { <p class="load-progress__device load-progress__device--problem">{text}</p> })
    };
    view! {
        {device}
        {problem}
    }
}

/// "Calls from 3 Nov, 10:00 to 3 Nov, 17:00" in the viewer's time.
fn describe(window: &Window) -> String {
    match (window.start, window.end) {
        (Some(s), Some(e)) => format!("Calls from {} to {}", local_short(s), local_short(e)),
        (Some(s), None) => format!("Calls since {}", local_short(s)),
        (None, Some(e)) => format!("Calls before {}", local_short(e)),
        (None, None) => "The campaign's calls".to_owned(),
    }
}

/// The parts of the campaign that could not be loaded, named, with Retry.
#[component]
fn FailedWindows() -> impl IntoView {
    let calls = use_campaign_calls();
    let progress = calls.progress;
    let failed = Memo::new(move |_| progress.with(|p| p.failed.clone()));
    move || {
        let failed = failed.get();
        failed.first().map(|first| {
            let first = ErrorText::new(&first.error, "these calls");
            let windows = failed
                .iter()
                .map(|f| view! { <li>{describe(&f.window)}</li> })
                .collect_view();
            view! {
                <div class="banner banner--error load-progress__failed" role="alert">
                    <p>
                        <strong>
                            {format!(
                                "{} part(s) of the campaign could not be loaded. ",
                                failed.len(),
                            )}
                        </strong>
                        {first.detail.clone()}
                    </p>
                    <ul>{windows}</ul>
                    <button
                        type="button"
                        class="button button--small"
                        on:click=move |_| calls.retry_failed()
                    >
                        "Retry"
                    </button>
                </div>
            }
        })
    }
}
