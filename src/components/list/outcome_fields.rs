use leptos::prelude::*;

use crate::domain::list::field_filter::{FieldFilter, FieldTest};
use crate::domain::records::collected::field_label;
use crate::domain::records::outcome::Success;
use crate::hooks::{History, UseViewStateReturn};

/// The platform's filters: success (goal met, not met, not evaluated) and one collected field (choose
/// the field, then a value, or a range when its values are numbers). In the URL like the others.
#[component]
pub fn OutcomeFields(view: UseViewStateReturn) -> impl IntoView {
    let state = view.state;
    let calls = crate::state::use_campaign_calls();
    let choices = Memo::new(move |_| calls.read(|s| s.field_choices(40)).unwrap_or_default());
    let chosen = Memo::new(move |_| {
        let name = state.with(|s| s.field.as_ref().map(|f| f.name.clone()))?;
        choices.with(|all| all.iter().find(|c| c.name == name).cloned())
    });
    let set_field = move |name: String| {
        view.update(History::Push, |s| {
            s.field = (!name.is_empty()).then_some(FieldFilter {
                name,
                test: FieldTest::Present,
            })
        })
    };
    let value_field = move || {
        let choice = chosen.get()?;
        if choice.numeric {
            return Some(range_fields(view).into_any());
        }
        let current = state.with(|s| match s.field.as_ref().map(|f| &f.test) {
            Some(FieldTest::Is(v)) => v.clone(),
            _ => String::new(),
        });
        let options = choice
            .values
            .into_iter()
            .map(|(value, count)| {
                let shown = if value.is_empty() {
                    "(empty)".to_owned()
                } else {
                    value.clone()
                };
                let selected = value == current;
                view! {
                    <option value=value selected=selected>
                        {format!("{shown} ({count})")}
                    </option>
                }
            })
            .collect_view();
        Some(
            view! {
                <label class="field">
                    <span class="field__label">"Value"</span>
                    <select on:change=move |ev| {
                        let value = event_target_value(&ev);
                        view.update(
                            History::Push,
                            |s| {
                                if let Some(f) = s.field.as_mut() {
                                    f.test = if value == "\u{0}" {
                                        FieldTest::Present
                                    } else {
                                        FieldTest::Is(value)
                                    };
                                }
                            },
                        );
                    }>
                        <option value="\u{0}">"Any value"</option>
                        {options}
                    </select>
                </label>
            }
            .into_any(),
        )
    };
    view! {
        <label class="field">
            <span class="field__label">"Outcome"</span>
            <select
                prop:value=move || state.with(|s| s.success.map(Success::param).unwrap_or_default())
                on:change=move |ev| {
                    let success = Success::from_param(&event_target_value(&ev));
                    view.update(History::Push, |s| s.success = success);
                }
            >
                <option value="">"Any outcome"</option>
                {Success::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <option
                                value=s.param()
                                prop:selected=move || state.with(|v| v.success == Some(s))
                            >
                                {s.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
        <Show when=move || choices.with(|c| !c.is_empty()) || state.with(|s| s.field.is_some())>
            <label class="field">
                <span class="field__label">"Collected field"</span>
                <select on:change=move |ev| set_field(event_target_value(&ev))>
                    <option value="">"Any field"</option>
                    {move || {
                        let current = state.with(|s| s.field.as_ref().map(|f| f.name.clone()));
                        choices
                            .get()
                            .into_iter()
                            .map(|c| {
                                let selected = current.as_deref() == Some(c.name.as_str());
                                view! {
                                    <option value=c.name.clone() selected=selected>
                                        {field_label(&c.name)}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </Show>
        {value_field}
    }
}

/// The bounds of a numeric field.
fn range_fields(view: UseViewStateReturn) -> impl IntoView {
    let bound = move |label: &'static str, lower: bool| {
        let read = move || {
            view.state
                .with(|s| match s.field.as_ref().map(|f| &f.test) {
                    Some(FieldTest::Range { min, max }) => {
                        let n = if lower { *min } else { *max };
                        n.map(crate::domain::records::outcome::number)
                            .unwrap_or_default()
                    }
                    _ => String::new(),
                })
        };
        view! {
            <label class="field">
                <span class="field__label">{label}</span>
                <input
                    type="number"
                    step="any"
                    prop:value=read
                    on:change=move |ev| {
                        let n = event_target_value(&ev)
                            .trim()
                            .parse::<f64>()
                            .ok()
                            .filter(|n| n.is_finite());
                        view.update(
                            History::Push,
                            |s| {
                                if let Some(f) = s.field.as_mut() {
                                    let (mut min, mut max) = match f.test {
                                        FieldTest::Range { min, max } => (min, max),
                                        _ => (None, None),
                                    };
                                    if lower { min = n } else { max = n }
                                    f.test = if min.is_none() && max.is_none() {
                                        FieldTest::Present
                                    } else {
                                        FieldTest::Range { min, max }
                                    };
                                }
                            },
                        );
                    }
                />
            </label>
        }
    };
    view! {
        {bound("At least", true)}
        {bound("At most", false)}
    }
}
