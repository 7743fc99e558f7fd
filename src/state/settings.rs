//! App-wide settings: where records come from, and the user's API key.
//!
//! The key lives in sessionStorage (gone when the tab closes) unless the user asks to be remembered on
//! this device, then in localStorage. It is never logged, never put in a URL, and only ever sent to the
//! configured API base.

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::config::{Config, DataSource};
use crate::domain::records::api_key::{normalize_api_key, KeyProblem};

const KEY_STORAGE_NAME: &str = "call-records.api-key";
/// "1" when the user keeps loaded calls on this device (off unless asked: they are the company's data).
const KEEP_CALLS_NAME: &str = "call-records.keep-calls";

/// Settings shared by every view. Cheap to copy: it holds only signal handles.
#[derive(Clone, Copy)]
pub struct Settings {
    source: StoredValue<DataSource>,
    /// How long one request may take, in seconds.
    time_limit_seconds: u32,
    /// Why `config.json` could not be used, when the app fell back to the demo.
    config_problem: StoredValue<Option<String>>,
    api_key: RwSignal<Option<String>>,
    remembered: RwSignal<bool>,
    /// The settings panel is showing.
    pub panel_open: RwSignal<bool>,
    /// The API answered 401 to the current key.
    pub key_refused: RwSignal<bool>,
    keep_calls: RwSignal<bool>,
}

impl Settings {
    pub fn source(&self) -> DataSource {
        self.source.get_value()
    }

    pub fn time_limit_seconds(&self) -> u32 {
        self.time_limit_seconds
    }

    pub fn config_problem(&self) -> Option<String> {
        self.config_problem.get_value()
    }

    /// The key to send, tracked: reading it inside a resource refetches when the user changes it.
    pub fn api_key(&self) -> Option<String> {
        self.api_key.get()
    }

    pub fn has_key(&self) -> bool {
        self.api_key.with(Option::is_some)
    }

    pub fn is_remembered(&self) -> bool {
        self.remembered.get()
    }

    /// Keeps `key` for this tab, or on this device when `remember` is set, and forgets any older copy.
    /// A key that could not be sent in a header is refused, and nothing changes.
    pub fn save_key(&self, key: &str, remember: bool) -> Result<(), KeyProblem> {
        let key = normalize_api_key(key)?;
        storage::clear(KEY_STORAGE_NAME);
        storage::store(KEY_STORAGE_NAME, &key, remember);
        self.remembered.set(remember);
        self.key_refused.set(false);
        self.api_key.set(Some(key));
        Ok(())
    }

    /// Removes the key from this tab and this device.
    pub fn forget_key(&self) {
        storage::clear(KEY_STORAGE_NAME);
        self.remembered.set(false);
        self.key_refused.set(false);
        self.api_key.set(None);
    }

    /// Whether loaded calls are kept on this device for the next visit (API only: the demo is local).
    pub fn keeps_calls(&self) -> Signal<bool> {
        let keep = self.keep_calls;
        let api = self.source().has_date_windows();
        Signal::derive(move || api && keep.get())
    }

    pub fn set_keep_calls(&self, keep: bool) {
        if keep {
            storage::store(KEEP_CALLS_NAME, "1", true);
        } else {
            storage::clear(KEEP_CALLS_NAME);
        }
        self.keep_calls.set(keep);
    }

    /// The API client for these settings: their source, key and time limit.
    pub fn api(&self) -> ApiClient {
        ApiClient::new(
            self.source(),
            Signal::derive({
                let key = self.api_key;
                move || key.get()
            }),
            self.time_limit_seconds,
        )
    }

    /// Called where a 401 is shown: the panel opens and says the key was refused.
    pub fn report_key_refused(&self) {
        self.key_refused.set(true);
        self.panel_open.set(true);
    }
}

/// Creates the settings for `source` and provides them to every view below.
pub fn provide_settings(config: Config, config_problem: Option<String>) -> Settings {
    let Config {
        source,
        time_limit_seconds,
    } = config;
    // Storage can be edited by hand; a stored key goes through the same check as a pasted one.
    let (stored, remembered) = match storage::load(KEY_STORAGE_NAME) {
        Some((key, remembered)) => match normalize_api_key(&key) {
            Ok(key) => (Some(key), remembered),
            Err(_) => (None, false),
        },
        None => (None, false),
    };
    let needs_key = source.needs_key();
    let settings = Settings {
        source: StoredValue::new(source),
        time_limit_seconds,
        config_problem: StoredValue::new(config_problem),
        api_key: RwSignal::new(stored.clone()),
        remembered: RwSignal::new(remembered),
        // First visit against the real API: ask for the key straight away.
        panel_open: RwSignal::new(needs_key && stored.is_none()),
        key_refused: RwSignal::new(false),
        keep_calls: RwSignal::new(storage::load(KEEP_CALLS_NAME).is_some_and(|(v, _)| v == "1")),
    };
    provide_context(settings);
    settings
}

/// The settings provided by [`provide_settings`].
pub fn use_settings() -> Settings {
    expect_context::<Settings>()
}

/// The API client for the current settings.
pub fn use_api() -> ApiClient {
    use_settings().api()
}

/// Web Storage, where every failure (private mode, storage disabled, quota) reads as "nothing stored".
mod storage {
    fn session() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }

    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// The stored value and whether it came from the device-wide store.
    pub fn load(name: &str) -> Option<(String, bool)> {
        let from = |store: Option<web_sys::Storage>| {
            store
                .and_then(|s| s.get_item(name).ok().flatten())
                .filter(|v| !v.trim().is_empty())
        };
        from(session())
            .map(|v| (v, false))
            .or_else(|| from(local()).map(|v| (v, true)))
    }

    pub fn store(name: &str, value: &str, device_wide: bool) {
        let store = if device_wide { local() } else { session() };
        if let Some(store) = store {
            let _ = store.set_item(name, value);
        }
    }

    pub fn clear(name: &str) {
        for store in [session(), local()].into_iter().flatten() {
            let _ = store.remove_item(name);
        }
    }
}
