//! What a panic leaves on screen. A panic in wasm stops the app for good (the release build aborts), so
//! instead of a dead page that still looks alive, the hook replaces the page with a short message, a
//! Reload button (every view is in the URL, so a reload comes back to it) and the error text to copy for
//! support. Built with plain DOM calls: the app's own state may be what broke.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The heading of the crash screen.
pub const CRASH_TITLE: &str = "Call Records hit a bug and stopped";

/// Installs the panic hook: the panic is logged to the console as before, then the page is replaced.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_screen(&info.to_string());
    }));
}

/// Replaces the page's content with the crash screen for `error` (shown as text, never as HTML).
pub fn show_crash_screen(error: &str) {
    // Nothing here may panic again: every step that can fail is skipped when it does.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        show_crash_screen_in(&body, error);
    }
}

/// Replaces the content of `host` with the crash screen for `error`.
pub fn show_crash_screen_in(host: &web_sys::Element, error: &str) {
    let Some(document) = host.owner_document() else {
        return;
    };
    let element = |tag: &str, class: &str, text: &str| {
        let node = document.create_element(tag).ok()?;
        node.set_class_name(class);
        if !text.is_empty() {
            node.set_text_content(Some(text));
        }
        Some(node)
    };
    let Some(screen) = element("main", "crash", "") else {
        return;
    };
    let _ = screen.set_attribute("role", "alert");
    let lines = [
        element("h1", "crash__title", CRASH_TITLE),
        element(
            "p",
            "crash__text",
            "Nothing you did caused this. Reload to go back to where you were: the page's address keeps \
             the view. If it happens again, send the error below to support@youratlas.com.",
        ),
        reload_button(&document),
        element("pre", "crash__error", error),
    ];
    for line in lines.into_iter().flatten() {
        let _ = screen.append_child(&line);
    }
    host.set_text_content(None);
    let _ = host.append_child(&screen);
}

fn reload_button(document: &web_sys::Document) -> Option<web_sys::Element> {
    let button = document.create_element("button").ok()?;
    button.set_class_name("button button--primary crash__reload");
    let _ = button.set_attribute("type", "button");
    button.set_text_content(Some("Reload"));
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
    // The page is about to stop; the listener lives as long as it does.
    reload.forget();
    Some(button)
}
