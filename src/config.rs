//! Runtime configuration: `config.json` at the site's root says where records come from.
//!
//! One build serves every deployment, so the API base is read at start, never compiled in.

use serde::Deserialize;

use crate::api::endpoints::DataSource;
use crate::domain::url::is_web_url;

/// Where the bundled demo lives, relative to the site's root.
pub const DEMO_BASE: &str = "/demo";

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    api_base_url: Option<String>,
}

/// What went wrong reading `config.json`; the app falls back to the demo and says so.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("config.json is not valid JSON ({0})")]
    NotJson(String),
    #[error(
        "apiBaseUrl in config.json must be an http(s) URL or a path starting with /, not {0:?}"
    )]
    BadBase(String),
}

/// Reads `config.json`. No `apiBaseUrl` (or an empty one) means the demo.
pub fn parse_config(text: &str) -> Result<DataSource, ConfigError> {
    let file: ConfigFile =
        serde_json::from_str(text).map_err(|e| ConfigError::NotJson(e.to_string()))?;
    match file.api_base_url.as_deref().map(str::trim) {
        None | Some("") => Ok(DataSource::demo()),
        Some(base) => {
            if is_web_url(base) {
                Ok(DataSource::Atlas {
                    base: base.trim_end_matches('/').to_owned(),
                })
            } else {
                Err(ConfigError::BadBase(base.to_owned()))
            }
        }
    }
}
