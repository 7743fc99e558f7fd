use leptos::prelude::*;

use crate::browser::{local_offset_on, now, offset_minutes};
use crate::domain::loading::scope::{Scope, FULL_LOAD_LIMIT, RECENT_CHOICES};
use crate::domain::records::campaign::format_count;
use crate::domain::records::time::Day;
use crate::hooks::{History, UseViewStateReturn};
use crate::state::CampaignCalls;

/// The scope in force: the one chosen, else the recent days a campaign too large was limited to, else
/// everything.
fn effective(view: UseViewStateReturn, calls: CampaignCalls) -> Scope {
    view.state
        .with(|s| s.scope.clone())
        .or_else(|| calls.progress.with(|p| p.limited.map(Scope::Recent)))
        .unwrap_or(Scope::Everything)
}

/// Which calls are loaded (everything, the last days, or a range), in the URL like the filters, with
/// the campaign's size when known; and, when a campaign too large to load whole was limited to its
/// recent calls, why, with a way to load everything.
#[component]
pub fn ScopeControl(view: UseViewStateReturn, calls: CampaignCalls) -> impl IntoView {
    let current = Memo::new(move |_| effective(view, calls));
    let total = Memo::new(move |_| calls.progress.with(|p| p.total));
    let limited = Memo::new(move |_| {
        view.state.with(|s| s.scope.is_none()) && calls.progress.with(|p| p.limited.is_some())
    });
    let choose = move |scope: Scope| view.update(History::Push, move |s| s.scope = Some(scope));
    let options = move || {
        let mut choices = vec![Scope::Everything];
        choices.extend(RECENT_CHOICES.map(Scope::Recent));
        let now = current.get();
        if !choices.contains(&now) {
            choices.push(now.clone());
        }
        choices
            .into_iter()
            .map(|scope| {
                let selected = scope == now;
                view! {
                    <option value=scope.param() selected=selected>
                        {scope.label()}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <div class="scope-control">
            <label class="scope-control__field">
                <span class="scope-control__label">"Calls loaded"</span>
                <select
                    class="scope-control__select"
                    on:change=move |ev| {
                        if let Some(scope) = Scope::from_param(&event_target_value(&ev)) {
                            choose(scope);
                        }
                    }
                >
                    {options}
                </select>
            </label>
            {move || {
                total
                    .get()
                    .map(|n| {
                        view! {
                            <span class="scope-control__size" title="Calls in the campaign">
                                "of "
                                {format_count(n)}
                            </span>
                        }
                    })
            }}
            <Show when=move || limited.get()>
                <p class="scope-control__note" role="status">
                    {move || {
                        format!(
                            "This campaign has {} calls, more than a tab holds well (over {}), so only {} are loaded.",
                            total.get().map(format_count).unwrap_or_default(),
                            format_count(FULL_LOAD_LIMIT),
                            current.get().describe(),
                        )
                    }}
                    " "
                    <button
                        type="button"
                        class="button button--small"
                        on:click=move |_| choose(Scope::Everything)
                    >
                        "Load everything"
                    </button>
                </p>
            </Show>
        </div>
    }
}

/// Under the date filter: when its days reach outside the calls loaded, says so and offers to load
/// them.
#[component]
pub fn ScopeWiden(view: UseViewStateReturn) -> impl IntoView {
    let Some(calls) = use_context::<CampaignCalls>() else {
        return ().into_any();
    };
    let wanted = Memo::new(move |_| {
        let (from, to) = view.state.with(|s| (s.from, s.to));
        if from.is_none() && to.is_none() {
            return None;
        }
        let scope = effective(view, calls);
        let now = now();
        if scope.holds(from, to, now, &local_offset_on) {
            return None;
        }
        let today = Day::containing(now, offset_minutes(now));
        let widened = match from {
            Some(from) => Scope::Between(from, to.unwrap_or(today).max(from)),
            None => Scope::Everything,
        };
        Some((scope, widened))
    });
    (move || {
        wanted.get().map(|(scope, widened)| {
            let label = widened.describe();
            view! {
                <p class="scope-control__widen" role="status">
                    {format!("Only calls of {} are loaded. ", scope.describe())}
                    <button
                        type="button"
                        class="button button--small"
                        on:click=move |_| {
                            let widened = widened.clone();
                            view.update(History::Push, move |s| s.scope = Some(widened))
                        }
                    >
                        {format!("Load {label}")}
                    </button>
                </p>
            }
        })
    })
    .into_any()
}
