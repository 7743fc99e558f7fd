//! Entry point: panic hook, then mount the app; in the reading worker, the one function it calls.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    // A panic in wasm would otherwise leave a blank page and an unreadable console line.
    console_error_panic_hook::set_once();
    // The reading worker runs this same module: it has no page to mount, only bodies to read.
    if web_sys::window().is_none() {
        return;
    }
    leptos::mount::mount_to_body(call_records::App);
}

/// The reading worker's job (`public/reader-worker.js`): one calls-list body of `campaign` to the bytes
/// of its store entries.
#[wasm_bindgen]
pub fn read_calls_window(campaign: &str, body: Vec<u8>) -> Vec<u8> {
    call_records::api::window_batch::read_window(campaign, body)
}
