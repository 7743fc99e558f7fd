use leptos::html::Div;
use leptos::prelude::*;

use super::call_list_slot::CallListSlot;
use crate::browser::HeightWatch;
use crate::domain::list::list_window::{
    pool_size, position_of_slot, scroll_to_show, slot_order, visible_range,
};
use crate::hooks::UseViewStateReturn;

/// Row heights in pixels, fixed so that any row's place is its position times the height: the list never
/// measures rows, which is what lets it hold 100,000 calls with a few dozen elements.
pub const ROW_HEIGHT: f64 = 66.0;
pub const ROW_HEIGHT_WITH_SNIPPET: f64 = 104.0;
/// Added while the campaign has review marks: a line for the verdict, tags and notes.
pub const REVIEW_LINE: f64 = 24.0;

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
    view: UseViewStateReturn,
) -> impl IntoView {
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(800.0);
    let searching = Memo::new(move |_| view.search.with(|q| !q.is_empty()));
    let marks = crate::state::use_campaign_marks();
    let reviewing = Memo::new(move |_| marks.is_some_and(|m| m.marks.with(|all| !all.is_empty())));
    let row_height = move || {
        let base = if searching.get() {
            ROW_HEIGHT_WITH_SNIPPET
        } else {
            ROW_HEIGHT
        };
        base + if reviewing.get() { REVIEW_LINE } else { 0.0 }
    };
    let count = Memo::new(move |_| rows.with(|r| r.len()));

    // The viewport's height, once laid out and whenever it changes (see `HeightWatch` for why it is not
    // read at once).
    let watch = StoredValue::new_local(None::<HeightWatch>);
    Effect::new(move |_| {
        let watching = scroller.get().and_then(|el| {
            HeightWatch::new(&el, move |height| {
                viewport.try_set(height.max(1.0));
            })
        });
        watch.set_value(watching);
    });

    // The rows in view (plus a margin): positions `start..end` of the view.
    let range = Memo::new(move |_| {
        visible_range(scroll_top.get(), viewport.get(), row_height(), count.get())
    });
    // A fixed pool of row elements, enough for the tallest viewport seen (see `list_window`).
    let pool = Memo::new(move |_| pool_size(viewport.get(), ROW_HEIGHT));
    keep_selection_in_view(
        ListScroll {
            scroller,
            scroll_top,
            row_height: Signal::derive(row_height),
        },
        rows,
        selected,
        view,
    );
    let order_start = settled_order_start(range, scroll_top);
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
        }
    };

    let slot_view = move |slot: usize| {
        // Which call this slot draws now: its position in the view and its store number.
        let drawn = Memo::new(move |_| {
            let position = position_of_slot(slot, range.get(), pool.get())?;
            let index = rows.with(|rows| rows.get(position).copied())?;
            Some((position, index))
        });
        view! {
            <CallListSlot
                drawn=drawn
                count=count
                row_height=Signal::derive(row_height)
                campaign_id=campaign_id
                selected=selected
                view=view
            />
        }
    };

    view! {
        <div class="call-list" node_ref=scroller on:scroll=on_scroll tabindex="-1">
            <ol
                class="call-list__rows"
                aria-label="Calls"
                style:height=move || format!("{}px", count.get() as f64 * row_height())
            >
                // Slots in the order of the positions they draw, so the page's order (what a screen reader
                // reads and Tab follows) is the list's order; a slot that wraps around is moved, not rebuilt.
                <For
                    each=move || slot_order(order_start.get(), pool.get())
                    key=|slot| *slot
                    children=slot_view
                />
            </ol>
        </div>
    }
}

/// The list's scrolling element and what its positions are measured in.
#[derive(Clone, Copy)]
struct ListScroll {
    scroller: NodeRef<Div>,
    scroll_top: RwSignal<f64>,
    row_height: Signal<f64>,
}

/// A new view starts at the top, unless the open call is in it: then the list goes to that call.
fn keep_selection_in_view(
    scroll: ListScroll,
    rows: Signal<std::sync::Arc<Vec<u32>>>,
    selected: Signal<Option<u32>>,
    view: UseViewStateReturn,
) {
    let ListScroll {
        scroller,
        scroll_top,
        row_height,
    } = scroll;
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
        let height = row_height.get_untracked();
        match selected_position.get_untracked() {
            Some(position) => {
                let current = el.scroll_top() as f64;
                let view_height = f64::from(el.client_height());
                if let Some(target) = scroll_to_show(position, height, current, view_height) {
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
}

/// Where the slots' order in the page starts. It follows the list, so that a screen reader and Tab meet
/// the calls in order; but it is brought up to date only once scrolling pauses, since moving elements on
/// every frame of a scroll doubles the frame's cost.
fn settled_order_start(range: Memo<(usize, usize)>, scroll_top: RwSignal<f64>) -> RwSignal<usize> {
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
    order_start
}
