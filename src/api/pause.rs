//! Waiting without blocking: a timer as a future.

use wasm_bindgen::JsCast;

/// Resolves after `ms` milliseconds (0: in a task of its own, after what the browser has queued, such
/// as input and a repaint).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
