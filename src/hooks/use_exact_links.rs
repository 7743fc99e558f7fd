//! Follows in-app links exactly as written where the router would change them on the way.
//!
//! The router reads a clicked link's path through `decodeURI` (see [`needs_exact_navigation`]), which
//! is lossy for IDs holding an encoded `%`. A listener on the document sees the click before the router's
//! own (on the window), and navigates to the path as written; the router skips clicks whose default was
//! prevented.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::routes::needs_exact_navigation;

/// Installs the listener for as long as the calling component lives.
pub fn use_exact_links() {
    let navigate = use_navigate();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_click =
        Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            if event.default_prevented()
                || event.button() != 0
                || event.meta_key()
                || event.alt_key()
                || event.ctrl_key()
                || event.shift_key()
            {
                return;
            }
            let Some(anchor) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
            else {
                return;
            };
            if !anchor.target().is_empty() || anchor.has_attribute("download") {
                return;
            }
            let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
                return;
            };
            // The anchor's resolved URL keeps the path's escapes as they were written.
            let Ok(url) = web_sys::Url::new(&anchor.href()) else {
                return;
            };
            if url.origin() != origin || !needs_exact_navigation(&url.pathname()) {
                return;
            }
            event.prevent_default();
            navigate(
                &format!("{}{}{}", url.pathname(), url.search(), url.hash()),
                Default::default(),
            );
        });
    let listener = on_click
        .as_ref()
        .unchecked_ref::<js_sys::Function>()
        .clone();
    if document
        .add_event_listener_with_callback("click", &listener)
        .is_err()
    {
        return;
    }
    let document = send_wrapper::SendWrapper::new(document);
    let held = send_wrapper::SendWrapper::new((listener, on_click));
    on_cleanup(move || {
        let (listener, _closure) = &*held;
        let _ = document.remove_event_listener_with_callback("click", listener);
    });
}
