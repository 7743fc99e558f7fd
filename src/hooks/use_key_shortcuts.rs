//! Single-key shortcuts for the whole page, released when the view that asked goes away.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};

/// Calls `on_key` with the key of every plain key press (no Ctrl, Alt or Meta) made outside text fields.
pub fn use_key_shortcuts(on_key: impl Fn(&str) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
            if event.default_prevented() || event.ctrl_key() || event.alt_key() || event.meta_key()
            {
                return;
            }
            // Typing in a field is not a shortcut.
            let typing = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        || el.closest("[contenteditable]").ok().flatten().is_some()
                });
            if !typing {
                on_key(&event.key());
            }
        });
    if window
        .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref())
        .is_err()
    {
        return;
    }
    let held = SendWrapper::new((window, listener));
    on_cleanup(move || {
        let (window, listener) = &*held;
        let _ = window
            .remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    });
}
