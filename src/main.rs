//! Entry point: panic hook, then mount the app. (The reading workers run a wasm of their own:
//! `src/bin/reader.rs`.)

fn main() {
    // A panic in wasm would otherwise leave a blank page and an unreadable console line.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(call_records::App);
}
