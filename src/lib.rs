//! Call Records: review the calls of AI voice-agent campaigns.
//!
//! Data flows one way: `config.json` → [`state`] (settings, API key) → [`api`] (one client) → [`wire`]
//! (tolerant parsing) → [`domain`] (pure types and rules) → [`pages`] and [`components`].
//! Browser side effects live in [`hooks`].

// Data from outside never panics the page (a panic in wasm stops the whole app): no slice at an offset not
// proven a character boundary, no index without `get`, no unwrap on what may be absent. Tests may.
#![cfg_attr(
    not(test),
    deny(
        clippy::string_slice,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

pub mod api;
pub mod browser;
pub mod components;
pub mod config;
pub mod domain;
pub mod hooks;
pub mod pages;
pub mod routes;
pub mod state;
pub mod wire;

mod app;

pub use app::App;
