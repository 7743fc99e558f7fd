//! App-wide state, each piece in a typed context with a `provide_*` function.

pub mod settings;

pub use settings::{provide_settings, use_settings, Settings};
