use leptos::prelude::*;

use super::record_row::{row_snippet, RowData, RowReview};
use super::RecordRow;
use crate::hooks::UseViewStateReturn;
use crate::routes;
use crate::state::use_campaign_calls;

/// One of the virtual list's row elements: it draws whichever position of the view falls to it, so a
/// scroll or a new filter rewrites its text and attributes instead of building a row.
#[component]
pub fn CallListSlot(
    /// The position in the view and the store number of the call drawn, or `None` for a spare slot.
    drawn: Memo<Option<(usize, u32)>>,
    /// Calls in the view.
    count: Memo<usize>,
    /// The rows' height in pixels.
    row_height: Signal<f64>,
    /// The campaign, for the row's link.
    #[prop(into)]
    campaign_id: Signal<String>,
    /// The store number of the open call.
    #[prop(into)]
    selected: Signal<Option<u32>>,
    /// The list's filters and search, which the link carries along.
    view: UseViewStateReturn,
) -> impl IntoView {
    let calls = use_campaign_calls();
    let index = Memo::new(move |_| drawn.get().map(|(_, index)| index));
    let data = Memo::new(move |_| {
        let index = index.get()?;
        calls
            .read_untracked(|store| {
                store
                    .get(index)
                    .map(|c| (c.id.to_owned(), RowData::from_view(&c)))
            })
            .flatten()
    });
    let href = Signal::derive(move || {
        data.with(|d| {
            d.as_ref().map(|(id, _)| {
                format!(
                    "{}{}",
                    routes::call(&campaign_id.get(), id),
                    view.query.get()
                )
            })
        })
        .unwrap_or_default()
    });
    let snippet = Signal::derive(move || {
        let index = index.get()?;
        view.search.with(|query| {
            if query.is_empty() {
                return None;
            }
            calls
                .read_untracked(|store| store.get(index).and_then(|c| row_snippet(&c, query)))
                .flatten()
        })
    });
    let current = Signal::derive(move || index.get().is_some() && selected.get() == index.get());
    let row = Signal::derive(move || data.with(|d| d.as_ref().map(|(_, row)| row.clone())));
    // The row's marks, read by ID: a change of marks redraws only the rows it touches.
    let marks = crate::state::use_campaign_marks();
    let review = Memo::new(move |_| {
        let marks = marks?;
        data.with(|d| {
            let (id, _) = d.as_ref()?;
            marks.marks.with(|all| {
                all.get(id).map(|m| RowReview {
                    verdict: m.verdict(),
                    reviewed: m.is_reviewed(),
                    tags: m.tags().to_vec(),
                    notes: m.live_notes().len(),
                })
            })
        })
    });
    let position = move || drawn.get().map_or(0, |(p, _)| p);
    view! {
        <li
            class="call-list__item"
            hidden=move || drawn.with(Option::is_none)
            aria-setsize=move || count.get()
            aria-posinset=move || position() + 1
            style:transform=move || {
                format!("translateY({}px)", position() as f64 * row_height.get())
            }
            style:height=move || format!("{}px", row_height.get())
        >
            <RecordRow row=row href=href current=current snippet=snippet review=review />
        </li>
    }
}
