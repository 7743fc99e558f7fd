//! The reading workers' own wasm (`public/reader-worker.js` loads it): one calls-list body to the bytes
//! of its store entries, and nothing else.
//!
//! It is built apart from the app, for speed (`opt-level = 3`, the `reader` profile in `Cargo.toml`),
//! because reading is most of a large load and only the workers run it. The app's own wasm, which every
//! visit downloads first, stays built for size. Both are built from the same source, so the bytes one writes
//! are the bytes the other reads; `window_format` lets a worker whose file a cache kept from an older
//! build say so, and the page reads on its own instead.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {}

/// One calls-list body of `campaign` to the bytes `WindowBatch::open` reads.
#[wasm_bindgen]
pub fn read_calls_window(campaign: &str, body: Vec<u8>) -> Vec<u8> {
    call_records::api::window_batch::read_window(campaign, body)
}

/// The version of the bytes `read_calls_window` writes.
#[wasm_bindgen]
pub fn window_format() -> u32 {
    call_records::api::window_batch::WINDOW_FORMAT
}
