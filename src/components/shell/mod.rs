//! The frame around every page: the header, the settings panel, the shortcuts dialog, the page for an unknown address.
//! Imports `common` only, never `list`, `record` or `player`.

mod app_header;
mod kept_settings;
mod not_found;
mod review_settings;
mod settings_panel;
mod shortcuts_dialog;

pub use app_header::AppHeader;
pub use not_found::NotFound;
pub use settings_panel::SettingsPanel;
pub use shortcuts_dialog::{ShortcutsButton, ShortcutsDialog, ShortcutsHelp, SHORTCUTS};
