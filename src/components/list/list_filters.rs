use leptos::html::Input;
use leptos::prelude::*;

use super::outcome_fields::OutcomeFields;
use super::review_fields::ReviewFields;
use super::ScopeWiden;
use crate::domain::list::view::{
    recording_from_param, recording_param, Day, ReasonFilter, Sort, ViewState,
};
use crate::domain::records::end_reason::{EndReasonGroup, KnownEndReason};
use crate::hooks::{History, UseViewStateReturn};

/// The search box and the sort, read from and written to the URL.
///
/// Typing rewrites the current history entry (Back should not replay every keystroke); choosing a sort
/// adds one.
#[component]
pub fn SearchBar(view: UseViewStateReturn) -> impl IntoView {
    let state = view.state;
    let search_input = NodeRef::<Input>::new();
    // What the box shows: the user's typing, or the URL's search after Back and Forward. The URL only
    // wins while the box is not being typed in, so a keystroke is never overwritten by an older one.
    let draft = RwSignal::new(state.get_untracked().search);
    Effect::new(move |_| {
        let from_url = state.with(|s| s.search.clone());
        let typing = search_input.get_untracked().is_some_and(|input| {
            document().active_element().is_some_and(|active| {
                let input: &web_sys::Element = &input;
                active == *input
            })
        });
        if !typing && draft.get_untracked() != from_url {
            draft.set(from_url);
        }
    });
    let on_search = move |event: web_sys::Event| {
        let text = event_target_value(&event);
        draft.set(text.clone());
        view.update(History::Replace, |s| s.search = text);
    };

    view! {
        <div class="search-bar">
            <label class="search-bar__search">
                <span class="visually-hidden">"Search summaries and transcripts"</span>
                <input
                    type="search"
                    node_ref=search_input
                    placeholder="Search calls"
                    title="Search summaries and transcripts. Put words in quotes to find them together."
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || draft.get()
                    on:input=on_search
                />
            </label>
            <label class="search-bar__sort">
                <span class="visually-hidden">"Sort"</span>
                <select on:change=move |ev| {
                    let sort = Sort::from_param(&event_target_value(&ev)).unwrap_or_default();
                    view.update(History::Push, |s| s.sort = sort);
                }>
                    {Sort::ALL
                        .into_iter()
                        .map(|sort| {
                            view! {
                                // `prop:selected`, not the attribute: Back and Forward must move a select the user
                                // has already changed, and the attribute stops counting once they have.
                                <option
                                    value=sort.param()
                                    prop:selected=move || state.with(|s| s.sort == sort)
                                >
                                    {sort.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}

/// How many filters (not the search or sort) are in force, for the Filters button.
pub fn active_filters(state: &ViewState) -> usize {
    [
        state.reason.is_some(),
        state.status.is_some(),
        state.from.is_some() || state.to.is_some(),
        state.min_seconds.is_some() || state.max_seconds.is_some(),
        state.recording.is_some(),
        state.number.is_some(),
        state.review.is_some(),
        state.tag.is_some(),
        state.success.is_some(),
        state.field.is_some(),
    ]
    .iter()
    .filter(|on| **on)
    .count()
}

/// The filters of the list: end reason, status, review and tag, outcome and collected field, recording,
/// dates, duration and customer number. Each choice adds a
/// history entry, so Back undoes it.
#[component]
pub fn FilterFields(
    view: UseViewStateReturn,
    /// Statuses present in the loaded calls.
    #[prop(into)]
    statuses: Signal<Vec<String>>,
) -> impl IntoView {
    let state = view.state;
    let active_filters = move || state.with(active_filters);

    let reason_value = move || {
        state.with(|s| {
            s.reason
                .as_ref()
                .map(ReasonFilter::to_param)
                .unwrap_or_default()
        })
    };
    view! {
        <div class="list-filters" id="list-filters">
            <div class="list-filters__grid">
                <label class="field field--wide">
                    <span class="field__label">"End reason"</span>
                    <select
                        prop:value=reason_value
                        on:change=move |ev| {
                            let reason = ReasonFilter::from_param(&event_target_value(&ev));
                            view.update(History::Push, |s| s.reason = reason);
                        }
                    >
                        {reason_options()}
                    </select>
                </label>
                {status_field(view, statuses)}
                <ReviewFields view=view />
                <OutcomeFields view=view />
                <label class="field">
                    <span class="field__label">"Recording"</span>
                    <select
                        prop:value=move || state.with(|s| recording_param(s.recording))
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            view.update(
                                History::Push,
                                |s| s.recording = recording_from_param(&value),
                            );
                        }
                    >
                        <option value=recording_param(None)>"With or without"</option>
                        <option value=recording_param(Some(true))>"Has a recording"</option>
                        <option value=recording_param(Some(false))>"No recording"</option>
                    </select>
                </label>
                {typed_field(
                    view,
                    "From",
                    "date",
                    |s| s.from.map(|d| d.to_string()).unwrap_or_default(),
                    |s, value| s.from = Day::parse(value),
                )}
                {typed_field(
                    view,
                    "To",
                    "date",
                    |s| s.to.map(|d| d.to_string()).unwrap_or_default(),
                    |s, value| s.to = Day::parse(value),
                )}
                {typed_field(
                    view,
                    "Min. duration (s)",
                    "number",
                    |s| s.min_seconds.map(|v| v.to_string()).unwrap_or_default(),
                    |s, value| s.min_seconds = seconds(value),
                )}
                {typed_field(
                    view,
                    "Max. duration (s)",
                    "number",
                    |s| s.max_seconds.map(|v| v.to_string()).unwrap_or_default(),
                    |s, value| s.max_seconds = seconds(value),
                )}
                {typed_field(
                    view,
                    "Customer number",
                    "tel",
                    |s| s.number.clone().unwrap_or_default(),
                    |s, value| {
                        s.number = Some(value.trim().to_owned()).filter(|v| !v.is_empty())
                    },
                )}
            </div>
            <ScopeWiden view=view />
            <button
                type="button"
                class="button button--small button--ghost list-filters__clear"
                disabled=move || active_filters() == 0
                on:click=move |_| {
                    view.update(
                        History::Push,
                        |s| {
                            *s = ViewState {
                                search: std::mem::take(&mut s.search),
                                sort: s.sort,
                                scope: s.scope.take(),
                                queue: s.queue.take(),
                                ..ViewState::default()
                            };
                        },
                    )
                }
            >
                "Clear filters"
            </button>
        </div>
    }
}

/// Every end-reason choice: each group with its labels, then the codes the table does not name. The
/// URL's value and the chart's words for each choice come from one place.
fn reason_options() -> impl IntoView {
    let option =
        |filter: ReasonFilter| view! { <option value=filter.to_param()>{filter.label()}</option> };
    let groups = EndReasonGroup::ALL
        .into_iter()
        .map(|group| {
            let labels = KnownEndReason::ALL
                .into_iter()
                .filter(|k| k.group() == group)
                .map(|k| option(ReasonFilter::Label(k)))
                .collect_view();
            view! { <optgroup label=group.label()>{option(ReasonFilter::Group(group))} {labels}</optgroup> }
        })
        .collect_view();
    view! {
        <option value="">"Any end reason"</option>
        {groups}
        <optgroup label="Not in the table">
            {option(ReasonFilter::Unlisted)} {option(ReasonFilter::Missing)}
        </optgroup>
    }
}

/// The status choice: the statuses present in the loaded calls.
fn status_field(view: UseViewStateReturn, statuses: Signal<Vec<String>>) -> impl IntoView {
    let state = view.state;
    view! {
        <label class="field">
            <span class="field__label">"Status"</span>
            <select
                prop:value=move || state.with(|s| s.status.clone().unwrap_or_default())
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view.update(History::Push, |s| s.status = (!value.is_empty()).then_some(value));
                }
            >
                <option value="">"Any status"</option>
                {move || {
                    statuses
                        .get()
                        .into_iter()
                        .map(|status| {
                            let this = status.clone();
                            let label = status.clone();
                            view! {
                                <option
                                    value=status
                                    prop:selected=move || {
                                        state.with(|s| s.status.as_deref() == Some(this.as_str()))
                                    }
                                >
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// A labelled date or number field bound to one part of the view; a change adds a history entry.
fn typed_field(
    view: UseViewStateReturn,
    label: &'static str,
    kind: &'static str,
    read: fn(&ViewState) -> String,
    write: fn(&mut ViewState, &str),
) -> impl IntoView {
    let number = kind == "number";
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <input
                type=kind
                min=number.then_some("0")
                step=number.then_some("1")
                inputmode=number.then_some("numeric")
                prop:value=move || view.state.with(read)
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view.update(History::Push, |s| write(s, &value));
                }
            />
        </label>
    }
}

/// Whole seconds typed in a duration field; anything else clears the bound.
fn seconds(value: &str) -> Option<u32> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(|v| v as u32)
}
