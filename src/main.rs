//! Entry point: panic hook, then mount the app. (The reading workers run a wasm of their own:
//! `src/bin/reader.rs`.)

fn main() {
    // A panic in wasm would otherwise leave a dead page and an unreadable console line.
    call_records::browser::crash::install_panic_hook();
    leptos::mount::mount_to_body(call_records::App);
}
