//! The browser tab's title, following what the page shows.

use leptos::prelude::*;

/// Keeps `document.title` equal to `title()` followed by the product name.
pub fn use_document_title(title: impl Fn() -> Option<String> + 'static) {
    Effect::new(move |_| {
        if let Some(title) = title() {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(&format!("{title} · Call Records"));
            }
        }
    });
}
