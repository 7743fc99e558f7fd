//! Single-key shortcuts for the whole page, released when the view that asked goes away.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};

/// Calls `on_key` with every key press made without Ctrl, Alt or Meta, outside text fields and open
/// dialogs, that nothing before it handled. `on_key` returns whether it took the key; a key taken
/// does not also scroll the page or reach the browser.
pub fn use_key_shortcuts(on_key: impl Fn(&web_sys::KeyboardEvent) -> bool + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
            if event.default_prevented() || event.ctrl_key() || event.alt_key() || event.meta_key()
            {
                return;
            }
            let target = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            // Typing in a field is not a shortcut, and a dialog's keys are its own.
            let elsewhere = target.as_ref().is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el
                        .closest("[contenteditable], dialog, [role=dialog]")
                        .ok()
                        .flatten()
                        .is_some()
            });
            if !elsewhere && on_key(&event) {
                event.prevent_default();
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

/// Whether a key press landed on a control that has its own use for `key` (Space clicks a button,
/// arrows move a slider or a menu), which a page shortcut must leave to it.
pub fn control_wants(event: &web_sys::KeyboardEvent, key: &str) -> bool {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let selector = if key == " " {
        "button, a[href], summary, audio, [role=slider], [role=button], [role=checkbox], label"
    } else {
        "[role=slider], [role=listbox], [role=tablist], audio, details[open] > summary"
    };
    target.closest(selector).ok().flatten().is_some()
}
