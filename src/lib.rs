//! Call Records: review the calls of AI voice-agent campaigns.
//!
//! Data flows one way: `config.json` → [`state`] (settings, API key) → [`api`] (one client) → [`wire`]
//! (tolerant parsing) → [`domain`] (pure types and rules) → [`pages`] and [`components`].
//! Browser side effects live in [`hooks`].

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
