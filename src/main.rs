//! Entry point: panic hook, then mount the app. (The reading workers run a wasm of their own:
//! `src/bin/reader.rs`.)

fn main() {
    // Only the browser runs the app. Built natively (as `cargo bench` builds every binary), this is an
    // empty program: linking the whole UI into a native release binary fails in rust-lld, and nothing
    // would run it.
    #[cfg(target_arch = "wasm32")]
    {
        // A panic in wasm would otherwise leave a dead page and an unreadable console line.
        call_records::browser::crash::install_panic_hook();
        leptos::mount::mount_to_body(call_records::App);
    }
}
