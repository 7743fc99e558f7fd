use std::ops::Range;

use leptos::prelude::*;

use crate::domain::search::index::split_marked;

/// Text with some runs marked (search hits), each run a text node: nothing in it is read as HTML.
#[component]
pub fn Highlighted(
    /// The text.
    #[prop(into)]
    text: String,
    /// Byte ranges of `text` to mark.
    marks: Vec<Range<usize>>,
) -> impl IntoView {
    split_marked(&text, &marks)
        .into_iter()
        .map(|(part, marked)| {
            let part = part.to_owned();
            if marked {
                view! { <mark>{part}</mark> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}
