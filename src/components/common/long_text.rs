use leptos::prelude::*;

use super::Highlighted;
use crate::domain::search::index::SearchQuery;
use crate::domain::text::long_text::{cut, size_label, MORE_AT_A_TIME, SHOWN_AT_FIRST};

/// Text from the API, search words marked; an oversized one (a 10 MB summary) shows its first part
/// with "Show more" and "Show all", since laying it out whole would freeze the tab.
#[component]
pub fn LongText(
    /// The text, shown as text (never HTML).
    text: String,
    /// Words to mark.
    #[prop(into, optional)]
    search: Signal<SearchQuery>,
) -> impl IntoView {
    let total = text.len();
    let shown = RwSignal::new(SHOWN_AT_FIRST);
    let text = StoredValue::new(text);
    let part = move || {
        let limit = shown.get();
        text.with_value(|text| {
            let part = cut(text, limit);
            search.with(|q| view! { <Highlighted text=part.to_owned() marks=q.highlights(part) /> })
        })
    };
    let more = move || {
        let limit = shown.get();
        let cut_at = text.with_value(|text| cut(text, limit).len());
        (cut_at < total).then(|| {
            view! {
                <span class="long-text__more">
                    "… "
                    <button
                        type="button"
                        class="button button--small"
                        on:click=move |_| shown.update(|s| *s = s.saturating_add(MORE_AT_A_TIME))
                    >
                        "Show more"
                    </button> " "
                    <button
                        type="button"
                        class="button button--small button--ghost"
                        on:click=move |_| shown.set(usize::MAX)
                    >
                        {format!("Show all ({})", size_label(total))}
                    </button>
                </span>
            }
        })
    };
    view! {
        {part}
        {more}
    }
}
