//! Talking to the records' source: URLs, the client, and its errors.

pub mod client;
pub mod endpoints;
pub mod error;
pub mod pause;

pub use client::{use_api, ApiClient};
pub use endpoints::DataSource;
pub use error::{ApiError, ErrorText};
