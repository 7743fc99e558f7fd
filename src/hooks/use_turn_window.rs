//! Which blocks of a long transcript are in the page, following the scroll (the maths is in
//! [`TurnLayout`]). Blocks near the view are rendered; spacers hold the place of the rest.

use std::ops::Range;

use leptos::html::Ol;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::playback::turn_window::{TurnLayout, BLOCK};

/// The blocks to render, the spacers' heights, and a way to bring a turn into view.
#[derive(Clone, Copy)]
pub struct UseTurnWindowReturn {
    pub blocks: Memo<Range<usize>>,
    /// Height of the blocks above and below the rendered ones, in pixels.
    pub before: Memo<f64>,
    pub after: Memo<f64>,
    layout: StoredValue<TurnLayout>,
    list: NodeRef<Ol>,
    band: RwSignal<(f64, f64)>,
    windowed: bool,
}

/// Follows the scroll of whatever scrolls `list`. With `windowed` false every block is rendered.
pub fn use_turn_window(
    list: NodeRef<Ol>,
    layout: TurnLayout,
    windowed: bool,
) -> UseTurnWindowReturn {
    let blocks_total = layout.blocks();
    let layout = StoredValue::new(layout);
    // Measured heights change the spacers: this counts the changes.
    let measured = RwSignal::new(0u32);
    let band = RwSignal::new((0.0_f64, 1_200.0_f64));
    let blocks = Memo::new(move |_| {
        if !windowed {
            return 0..blocks_total;
        }
        let (top, bottom) = band.get();
        measured.track();
        let margin = (bottom - top).max(600.0);
        layout.with_value(|l| l.visible(top, bottom, margin))
    });
    let before = Memo::new(move |_| {
        measured.track();
        let start = blocks.get().start;
        layout.with_value(|l| l.offset(start))
    });
    let after = Memo::new(move |_| {
        measured.track();
        let end = blocks.get().end;
        layout.with_value(|l| l.height(end..l.blocks()))
    });
    let this = UseTurnWindowReturn {
        blocks,
        before,
        after,
        layout,
        list,
        band,
        windowed,
    };
    if !windowed {
        return this;
    }

    measure_rendered_blocks(list, layout, blocks, measured);
    follow_scroll(this);
    this
}

impl UseTurnWindowReturn {
    /// Reads where the view is, in pixels from the top of the transcript.
    fn update_band(&self) {
        let Some(list) = self.list.try_get_untracked().flatten() else {
            return;
        };
        let top_of_list = list.get_bounding_client_rect().top();
        let (view_top, view_bottom) = match scroll_parent(&list) {
            Some(parent) => {
                let rect = parent.get_bounding_client_rect();
                (rect.top(), rect.bottom())
            }
            None => (
                0.0,
                window()
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or(800.0),
            ),
        };
        let band = (view_top - top_of_list, view_bottom - top_of_list);
        // Only a move of a few pixels or more: the memo downstream compares ranges anyway.
        let Some(old) = self.band.try_get_untracked() else {
            return;
        };
        if (old.0 - band.0).abs() >= 4.0 || (old.1 - band.1).abs() >= 4.0 {
            self.band.try_set(band);
        }
    }

    /// Scrolls turn `index` to the middle of the view, rendering its block first when it is not in the
    /// page. Waits a frame first: a record's view is built before it is attached, and a detached list
    /// has no place to scroll to.
    pub fn show_turn(&self, index: usize) {
        let this = *self;
        request_animation_frame(move || this.jump_to(index));
    }

    fn jump_to(&self, index: usize) {
        let this = *self;
        let center = move || {
            if let Some(turn) = this
                .list
                .try_get_untracked()
                .flatten()
                .and_then(|l| turn_element(&l, index))
            {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                turn.scroll_into_view_with_scroll_into_view_options(&options);
            }
        };
        let block = index / BLOCK;
        let Some(rendered) = self.blocks.try_get_untracked() else {
            return;
        };
        if !self.windowed || rendered.contains(&block) {
            center();
            return;
        }
        // Jump to where the block is estimated to be; the scroll renders it, and a frame later the turn
        // itself is centred.
        let Some(list) = self.list.try_get_untracked().flatten() else {
            return;
        };
        let Some(offset) = self.layout.try_with_value(|l| l.offset(block)) else {
            return;
        };
        let top_of_list = list.get_bounding_client_rect().top();
        match scroll_parent(&list) {
            Some(parent) => {
                let delta = top_of_list - parent.get_bounding_client_rect().top() + offset;
                parent.set_scroll_top(parent.scroll_top() + delta as i32);
            }
            None => window().scroll_by_with_x_and_y(0.0, top_of_list + offset),
        }
        self.update_band();
        request_animation_frame(move || request_animation_frame(center));
    }
}

/// The `<li>` of turn `index`.
fn turn_element(list: &web_sys::HtmlOListElement, index: usize) -> Option<web_sys::Element> {
    list.query_selector(&format!(":scope > li[data-turn=\"{index}\"]"))
        .ok()
        .flatten()
}

/// The list's row gap, which sits between blocks as between turns.
fn row_gap(list: &web_sys::HtmlOListElement) -> f64 {
    window()
        .get_computed_style(list)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("row-gap").ok())
        .and_then(|gap| gap.trim_end_matches("px").parse().ok())
        .unwrap_or(0.0)
}

/// The nearest ancestor that scrolls vertically, or `None` for the page itself.
fn scroll_parent(element: &web_sys::Element) -> Option<web_sys::Element> {
    let mut current = element.parent_element();
    while let Some(candidate) = current {
        let overflow = window()
            .get_computed_style(&candidate)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("overflow-y").ok())
            .unwrap_or_default();
        if matches!(overflow.as_str(), "auto" | "scroll") {
            return Some(candidate);
        }
        current = candidate.parent_element();
    }
    None
}

/// Measures the blocks in the page once they are laid out: estimates become heights, and the spacers
/// follow (`measured` counts the changes).
fn measure_rendered_blocks(
    list: NodeRef<Ol>,
    layout: StoredValue<TurnLayout>,
    blocks: Memo<Range<usize>>,
    measured: RwSignal<u32>,
) {
    Effect::new(move |_| {
        let range = blocks.get();
        request_animation_frame(move || {
            let Some(list) = list.try_get_untracked().flatten() else {
                return;
            };
            let gap = row_gap(&list);
            let mut changed = false;
            for block in range {
                let Some(turns) = layout.try_with_value(|l| l.turns_of(block)) else {
                    return;
                };
                if turns.is_empty() {
                    continue;
                }
                let (Some(first), Some(last)) = (
                    turn_element(&list, turns.start),
                    turn_element(&list, turns.end - 1),
                ) else {
                    continue;
                };
                let height = last.get_bounding_client_rect().bottom()
                    - first.get_bounding_client_rect().top()
                    + gap;
                changed |= layout
                    .try_update_value(|l| l.measured(block, height))
                    .unwrap_or(false);
            }
            if changed {
                measured.try_update(|m| *m = m.wrapping_add(1));
            }
        });
    });
}

/// Follows the scroll of whatever scrolls the list (the record's pane, or the page on a phone): one
/// listener on the window, in the capture phase, sees every element's scroll. At most one update a
/// frame.
fn follow_scroll(this: UseTurnWindowReturn) {
    let list = this.list;
    let pending = StoredValue::new(false);
    let on_scroll = Closure::<dyn Fn()>::new(move || {
        // The page may have gone between the event and the frame: every access is a `try_`.
        if pending.try_get_value() != Some(false) {
            return;
        }
        pending.try_set_value(true);
        request_animation_frame(move || {
            pending.try_set_value(false);
            this.update_band();
        });
    });
    let callback = on_scroll
        .as_ref()
        .unchecked_ref::<js_sys::Function>()
        .clone();
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    options.set_capture(true);
    let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
        "scroll", &callback, &options,
    );
    let _ = window().add_event_listener_with_callback("resize", &callback);
    let held = send_wrapper::SendWrapper::new((callback, on_scroll));
    on_cleanup(move || {
        let (callback, _closure) = &*held;
        let _ = window().remove_event_listener_with_callback_and_bool("scroll", callback, true);
        let _ = window().remove_event_listener_with_callback("resize", callback);
    });
    // Once the list is in the page, read where the view is.
    Effect::new(move |_| {
        if list.get().is_some() {
            request_animation_frame(move || this.update_band());
        }
    });
}
