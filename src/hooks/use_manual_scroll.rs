//! Notices the reader scrolling by hand (wheel, touch, scrollbar, scrolling keys), as distinct from the
//! page scrolling itself to follow playback, which raises none of these events.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};

const EVENTS: [&str; 4] = ["wheel", "touchmove", "pointerdown", "keydown"];

/// Calls `on_manual` whenever the reader scrolls the page or a pane by hand.
pub fn use_manual_scroll(on_manual: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        if is_manual_scroll(&event) {
            on_manual();
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    for name in EVENTS {
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            name,
            listener.as_ref().unchecked_ref(),
            &options,
        );
    }
    let held = SendWrapper::new((window, listener));
    on_cleanup(move || {
        let (window, listener) = &*held;
        for name in EVENTS {
            let _ =
                window.remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
    });
}

fn is_manual_scroll(event: &web_sys::Event) -> bool {
    match event.type_().as_str() {
        "wheel" | "touchmove" => true,
        // A press on a scrollbar lands on the scrolling element itself, not on anything inside it.
        "pointerdown" => event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                el.client_width() > 0
                    && el.scroll_height() > el.client_height()
                    && el
                        .matches(".campaign-page__detail, html, body")
                        .unwrap_or(false)
            }),
        "keydown" => event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .filter(|_| !in_field(event))
            .is_some_and(|key| {
                matches!(
                    key.key().as_str(),
                    "PageUp" | "PageDown" | "Home" | "End" | "ArrowUp" | "ArrowDown"
                ) && !key.default_prevented()
            }),
        _ => false,
    }
}

/// Keys pressed in a field move its caret or its choice, not the page.
fn in_field(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
