use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::review::queue::{QueueRun, QueueSpec, Take};
use crate::hooks::{History, UseViewStateReturn};

/// The review queue while one runs: what it is, its progress, a way to the next call not reviewed, and
/// its end (with the counts per verdict once every call is reviewed). [`QueueStart`] makes one.
#[component]
pub fn QueueBar(
    view: UseViewStateReturn,
    /// The queue's calls and progress, when there is one.
    #[prop(into)]
    queue: Signal<Option<Arc<QueueRun>>>,
    /// Opens the next call not yet reviewed.
    #[prop(default = None)]
    on_next: Option<Callback<bool, bool>>,
) -> impl IntoView {
    let spec = Memo::new(move |_| view.state.with(|s| s.queue));
    move || match spec.get() {
        None => ().into_any(),
        Some(spec) => {
            let progress =
                move || queue.with(|q| q.as_ref().map(|q| q.1.clone()).unwrap_or_default());
            let line = move || {
                let p = progress();
                if p.size == 0 {
                    "No calls in this queue: the view holds none.".to_owned()
                } else if p.is_done() {
                    format!("Queue done: all {} reviewed. {}", p.size, p.verdict_line())
                } else {
                    p.line()
                }
            };
            let share = move || {
                let p = progress();
                if p.size == 0 {
                    0.0
                } else {
                    p.reviewed as f64 / p.size as f64 * 100.0
                }
            };
            let done = move || progress().is_done();
            view! {
                <div class="queue-bar" role="region" aria-label="Review queue">
                    <div class="queue-bar__text">
                        <strong class="queue-bar__what">{spec.describe()}</strong>
                        <span class="queue-bar__progress" role="status" class:queue-bar__progress--done=done>{line}</span>
                    </div>
                    <div class="queue-bar__meter" aria-hidden="true">
                        <span style:width=move || format!("{:.1}%", share())></span>
                    </div>
                    <div class="queue-bar__actions">
                        {on_next.map(|next| view! {
                            <button type="button" class="button button--small button--primary" disabled=done
                                on:click=move |_| { next.run(true); }>
                                "Next to review"
                            </button>
                        })}
                        <button type="button" class="button button--small" on:click=move |_| {
                            view.update(History::Push, |s| s.queue = None)
                        }>"End queue"</button>
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

/// "Review these": what the queue takes of the view, its seed, and which part of how many.
#[component]
pub fn QueueStart(view: UseViewStateReturn) -> impl IntoView {
    let menu = NodeRef::<leptos::html::Details>::new();
    let how = RwSignal::new("all".to_owned());
    let percent = RwSignal::new("10".to_owned());
    let count = RwSignal::new("40".to_owned());
    // A fresh seed each time the form opens: two reviewers share one through the link.
    let seed = RwSignal::new((js_sys::Math::random() * 10_000.0) as u32);
    let parts = RwSignal::new("1".to_owned());
    let part = RwSignal::new("1".to_owned());
    let start = move || {
        let take = match how.get_untracked().as_str() {
            "percent" => QueueSpec::take_from_param(&format!("{}%", percent.get_untracked())),
            "count" => QueueSpec::take_from_param(&count.get_untracked()),
            _ => Some(Take::All),
        };
        let Some(take) = take else {
            return;
        };
        let (part, parts) = QueueSpec::part_from_param(&format!(
            "{}of{}",
            part.get_untracked(),
            parts.get_untracked()
        ));
        let spec = QueueSpec {
            take,
            seed: seed.get_untracked(),
            part,
            parts,
        };
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
        view.update(History::Push, |s| s.queue = Some(spec));
    };
    let field =
        |label: &'static str, value: RwSignal<String>, min: &'static str, max: &'static str| {
            view! {
                <label class="field">
                    <span class="field__label">{label}</span>
                    <input
                        class="field__input queue-start__input"
                        type="number"
                        inputmode="numeric"
                        min=min
                        max=max
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                </label>
            }
        };
    let choice = |value: &'static str, label: &'static str| {
        view! {
            <label class="checkbox">
                <input
                    type="radio"
                    name="queue-take"
                    value=value
                    prop:checked=move || how.with(|h| h == value)
                    on:change=move |_| how.set(value.to_owned())
                />
                {label}
            </label>
        }
    };
    view! {
        <details class="queue-start" node_ref=menu>
            <summary
                class="button button--small"
                title="Walk the calls of this view, or a sample of them, and mark each"
            >
                "Review these"
            </summary>
            <form
                class="queue-start__menu"
                on:submit=move |ev| {
                    ev.prevent_default();
                    start();
                }
            >
                <fieldset class="queue-start__take">
                    <legend>"Which calls"</legend>
                    {choice("all", "All calls of the view")}
                    {choice("percent", "A random share (%)")}
                    {choice("count", "A random number of calls")}
                </fieldset>
                <div class="queue-start__numbers">
                    <Show when=move || {
                        how.with(|h| h == "percent")
                    }>{field("Per cent", percent, "1", "100")}</Show>
                    <Show when=move || {
                        how.with(|h| h == "count")
                    }>{field("Calls", count, "1", "100000")}</Show>
                    <Show when=move || how.with(|h| h != "all")>
                        <label class="field">
                            <span class="field__label">"Seed"</span>
                            <input
                                class="field__input queue-start__input"
                                type="number"
                                min="0"
                                prop:value=move || seed.get().to_string()
                                on:input=move |ev| {
                                    seed.set(event_target_value(&ev).parse().unwrap_or(0))
                                }
                            />
                        </label>
                    </Show>
                    {field("Split into parts", parts, "1", "100")}
                    {field("Take part", part, "1", "100")}
                </div>
                <p class="field__hint">
                    "Reviewers who share the link and each take another part split the queue between them."
                </p>
                <button type="submit" class="button button--primary">
                    "Start reviewing"
                </button>
            </form>
        </details>
    }
}
