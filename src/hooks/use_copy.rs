//! Copying text to the clipboard, reporting whether the browser allowed it.

use leptos::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyState {
    Idle,
    Copied,
    /// No clipboard (insecure origin) or permission refused.
    Failed,
}

/// Returns the state of the last copy and a function that copies text.
pub fn use_copy() -> (ReadSignal<CopyState>, impl Fn(String) + Clone + 'static) {
    let (state, set_state) = signal(CopyState::Idle);
    let copy = move |text: String| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            set_state.set(CopyState::Failed);
            return;
        };
        let promise = clipboard.write_text(&text);
        spawn_local(async move {
            let result = JsFuture::from(promise).await;
            // The view may be gone by now; try_set ignores a disposed signal.
            set_state.try_set(if result.is_ok() {
                CopyState::Copied
            } else {
                CopyState::Failed
            });
        });
    };
    (state, copy)
}
