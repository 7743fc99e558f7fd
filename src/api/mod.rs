//! Talking to the records' source: URLs, the client, and its errors.

pub mod calls_window;
pub mod client;
pub mod endpoints;
pub mod error;
pub mod pause;
pub mod window_batch;
pub mod window_reading;

pub use crate::wire::Parsed;
pub use calls_window::CallsWindow;
pub use client::{load_config, ApiClient};
pub use endpoints::DataSource;
pub use error::{ApiError, ErrorText};
