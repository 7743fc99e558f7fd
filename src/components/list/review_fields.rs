use leptos::prelude::*;

use crate::domain::review::filter::{tags_in_use, ReviewFilter};
use crate::hooks::{History, UseViewStateReturn};
use crate::state::use_campaign_marks;

/// The review filters: by review state (not reviewed, reviewed, each verdict) and by tag (the tags the
/// campaign's marks use). In the URL like the other filters.
#[component]
pub fn ReviewFields(view: UseViewStateReturn) -> impl IntoView {
    let state = view.state;
    let tags = Memo::new(move |_| {
        let mut tags = use_campaign_marks()
            .map(|m| m.marks.with(|all| tags_in_use(all.values())))
            .unwrap_or_default();
        // A tag from a link that no call here carries yet still shows as chosen.
        if let Some(chosen) = state.with(|s| s.tag.clone()) {
            if !tags.contains(&chosen) {
                tags.push(chosen);
            }
        }
        tags
    });
    view! {
        <label class="field">
            <span class="field__label">"Review"</span>
            <select
                prop:value=move || {
                    state.with(|s| s.review.map(ReviewFilter::param).unwrap_or_default())
                }
                on:change=move |ev| {
                    let review = ReviewFilter::from_param(&event_target_value(&ev));
                    view.update(History::Push, |s| s.review = review);
                }
            >
                <option value="">"Any review"</option>
                {ReviewFilter::ALL
                    .into_iter()
                    .map(|f| {
                        view! {
                            <option
                                value=f.param()
                                prop:selected=move || state.with(|s| s.review == Some(f))
                            >
                                {f.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
        <label class="field">
            <span class="field__label">"Tag"</span>
            <select
                prop:value=move || state.with(|s| s.tag.clone().unwrap_or_default())
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    view.update(History::Push, |s| s.tag = (!value.is_empty()).then_some(value));
                }
            >
                <option value="">"Any tag"</option>
                {move || {
                    tags.get()
                        .into_iter()
                        .map(|tag| {
                            let this = tag.clone();
                            view! {
                                <option
                                    value=tag.clone()
                                    prop:selected=move || {
                                        state.with(|s| s.tag.as_deref() == Some(this.as_str()))
                                    }
                                >
                                    {tag.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
