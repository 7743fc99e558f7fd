//! A modal dialog's focus: into the dialog when it opens, kept inside while Tab moves, out on Escape.

use leptos::html::Section;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::KeyboardEvent;

/// What the dialog does on Escape, and which control takes focus when it opens.
#[derive(Clone, Copy)]
pub struct UseFocusTrapOptions {
    pub on_escape: Callback<()>,
    /// A selector for the control to focus first (else the first control).
    pub first: &'static str,
}

/// Focuses the dialog's first control once it is in the page, and returns the dialog's keydown
/// handler: Tab past the last control wraps to the first (and back). Escape calls `on_escape` while the
/// dialog is open, wherever focus is: pressed the moment the dialog shows, the key reaches the page
/// before focus has moved into the dialog (a frame later), and it must close the dialog all the same.
pub fn use_focus_trap(
    dialog: NodeRef<Section>,
    options: UseFocusTrapOptions,
) -> impl Fn(KeyboardEvent) + Copy {
    close_on_escape_anywhere(dialog, options.on_escape);
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            request_animation_frame(move || {
                let field = dialog
                    .query_selector(options.first)
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(target) = field.or_else(|| focusable(&dialog).into_iter().next()) {
                    let _ = target.focus();
                }
            });
        }
    });
    move |event: KeyboardEvent| {
        if event.key() != "Tab" {
            return;
        }
        let Some(dialog) = dialog.get_untracked() else {
            return;
        };
        let controls = focusable(&dialog);
        let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
            return;
        };
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        let at = |el: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == el.as_ref() as &web_sys::Element)
        };
        if event.shift_key() && at(first) {
            event.prevent_default();
            let _ = last.focus();
        } else if !event.shift_key() && at(last) {
            event.prevent_default();
            let _ = first.focus();
        }
    }
}

/// Escape closes the open dialog wherever focus is: a listener on the window in the capture phase, so it
/// runs before the page's own keys (which would close the open call instead) and consumes the key.
fn close_on_escape_anywhere(dialog: NodeRef<Section>, on_escape: Callback<()>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
        if event.key() != "Escape" || event.default_prevented() {
            return;
        }
        if dialog.try_get_untracked().flatten().is_some() {
            event.prevent_default();
            event.stop_propagation();
            on_escape.run(());
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    if window
        .add_event_listener_with_callback_and_add_event_listener_options(
            "keydown",
            listener.as_ref().unchecked_ref(),
            &options,
        )
        .is_err()
    {
        return;
    }
    let held = SendWrapper::new((window, listener));
    on_cleanup(move || {
        let (window, listener) = &*held;
        let _ = window.remove_event_listener_with_callback_and_bool(
            "keydown",
            listener.as_ref().unchecked_ref(),
            true,
        );
    });
}

/// The dialog's controls that take focus, in tab order.
fn focusable(dialog: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = dialog.query_selector_all(
        "button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])",
    ) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}
