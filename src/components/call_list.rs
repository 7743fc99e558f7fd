use leptos::html::Div;
use leptos::prelude::*;

use super::record_row::{row_snippet, RowData};
use super::RecordRow;
use crate::hooks::ViewHandle;
use crate::routes;
use crate::state::use_campaign_calls;

/// Row heights in pixels, fixed so that any row's place is its position times the height: the list never
/// measures rows, which is what lets it hold 100,000 calls with a few dozen elements.
pub const ROW_HEIGHT: f64 = 66.0;
pub const ROW_HEIGHT_WITH_SNIPPET: f64 = 104.0;
/// Rows built beyond each edge of the viewport, so a fast scroll does not show blank space.
const OVERSCAN: usize = 6;

/// The calls of the view, virtualised: only the rows in view (and a few either side) exist in the page.
#[component]
pub fn CallList(
    /// Store numbers of the calls to show, in order.
    #[prop(into)]
    rows: Signal<std::sync::Arc<Vec<u32>>>,
    /// The campaign, for the rows' links.
    #[prop(into)]
    campaign_id: Signal<String>,
    /// The store number of the open call, if it is loaded.
    #[prop(into)]
    selected: Signal<Option<u32>>,
    /// The list's filters and search.
    view: ViewHandle,
) -> impl IntoView {
    let calls = use_campaign_calls();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(800.0);
    let searching = Memo::new(move |_| view.search.with(|q| !q.is_empty()));
    let row_height = move || {
        if searching.get() {
            ROW_HEIGHT_WITH_SNIPPET
        } else {
            ROW_HEIGHT
        }
    };
    let count = Memo::new(move |_| rows.with(|r| r.len()));

    // The viewport's height, now and whenever the window changes size.
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set(f64::from(el.client_height()).max(1.0));
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // The rows in view (plus a margin): positions `start..end` of the view.
    let range = Memo::new(move |_| {
        let height = row_height();
        let first = (scroll_top.get() / height).floor().max(0.0) as usize;
        let total = count.get();
        let start = first.saturating_sub(OVERSCAN).min(total);
        let end = (first + shown(viewport.get(), height) + OVERSCAN).min(total);
        (start, end)
    });
    // A fixed pool of row elements, enough for the tallest viewport seen. Position `p` is always drawn by
    // slot `p % pool`, so a scroll or a new filter rewrites a few texts and attributes in slots that stay in
    // the page, instead of building and removing elements.
    let pool = Memo::new(move |_| shown(viewport.get(), ROW_HEIGHT) + 2 * OVERSCAN);
    // A new view starts at the top, unless the open call is in it: then the list goes to that call.
    // Tracks the view and the selection only, so rows arriving while loading never move the list.
    let selected_position = Memo::new(move |_| {
        let selected = selected.get()?;
        rows.with(|rows| rows.iter().position(|&i| i == selected))
    });
    let selected_present = Memo::new(move |_| selected_position.get().is_some());
    Effect::new(move |previous: Option<(String, Option<u32>, bool)>| {
        let key = (view.query.get(), selected.get(), selected_present.get());
        let Some(el) = scroller.get() else {
            return key;
        };
        if previous.as_ref() == Some(&key) {
            return key;
        }
        let height = row_height();
        match selected_position.get_untracked() {
            Some(position) => {
                let top = position as f64 * height;
                let current = el.scroll_top() as f64;
                let view_height = f64::from(el.client_height());
                if top < current || top + height > current + view_height {
                    let target = (top - view_height / 2.0 + height / 2.0).max(0.0);
                    el.set_scroll_top(target as i32);
                    scroll_top.set(target);
                }
            }
            None => {
                let query_changed = previous.is_some_and(|(query, _, _)| query != key.0);
                if query_changed {
                    el.set_scroll_top(0);
                    scroll_top.set(0.0);
                }
            }
        }
        key
    });

    // The slots' order in the page follows the list, so that a screen reader and Tab meet the calls in
    // order; but it is brought up to date only once scrolling pauses, since moving elements on every
    // frame of a scroll doubles the frame's cost.
    let order_start = RwSignal::new(0usize);
    let settle = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let (start, _) = range.get();
        if scroll_top.get_untracked() == 0.0 || order_start.get_untracked() == start {
            order_start.set(start);
            return;
        }
        if let Some(handle) = settle.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                order_start.try_set(range.get_untracked().0);
            },
            std::time::Duration::from_millis(150),
        )
        .ok();
        settle.set_value(handle);
    });
    on_cleanup(move || {
        if let Some(handle) = settle.try_get_value().flatten() {
            handle.clear();
        }
    });
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
        }
    };

    let slot_view = move |slot: usize| {
        // Which call this slot draws now: its position in the view, its store number, and the row's data.
        let drawn = Memo::new(move |_| {
            let (start, end) = range.get();
            let pool = pool.get();
            let position = start + (slot + pool - start % pool) % pool;
            if position >= end {
                return None;
            }
            let index = rows.with(|rows| rows.get(position).copied())?;
            Some((position, index))
        });
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
        let current =
            Signal::derive(move || index.get().is_some() && selected.get() == index.get());
        let row = Signal::derive(move || data.with(|d| d.as_ref().map(|(_, row)| row.clone())));
        let position = move || drawn.get().map_or(0, |(p, _)| p);
        view! {
            <li class="call-list__item" hidden=move || drawn.with(Option::is_none)
                aria-setsize=move || count.get() aria-posinset=move || position() + 1
                style:transform=move || format!("translateY({}px)", position() as f64 * row_height())
                style:height=move || format!("{}px", row_height())>
                <RecordRow row=row href=href current=current snippet=snippet/>
            </li>
        }
    };

    view! {
        <div class="call-list" node_ref=scroller on:scroll=on_scroll tabindex="-1">
            <ol class="call-list__rows" aria-label="Calls"
                style:height=move || format!("{}px", count.get() as f64 * row_height())>
                // Slots in the order of the positions they draw, so the page's order (what a screen reader
                // reads and Tab follows) is the list's order; a slot that wraps around is moved, not rebuilt.
                <For each=move || {
                    let start = order_start.get();
                    let pool = pool.get();
                    (start..start + pool).map(move |position| position % pool).collect::<Vec<_>>()
                } key=|slot| *slot children=slot_view/>
            </ol>
        </div>
    }
}

/// Rows that fit in `viewport` pixels, counting a partly shown one at each edge.
fn shown(viewport: f64, row_height: f64) -> usize {
    (viewport / row_height).ceil() as usize + 1
}
