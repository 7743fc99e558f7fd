//! Runtime configuration: `config.json` at the site's root says where records come from.
//!
//! One build serves every deployment, so the API base is read at start, never compiled in.

use serde::Deserialize;

use crate::domain::text::url::is_web_url;

/// Where the bundled demo lives, relative to the site's root.
pub const DEMO_BASE: &str = "/demo";

/// Where records come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// Static JSON files shipped with the site.
    Demo { base: String },
    /// The Atlas API (or a same-origin proxy to it); needs an API key.
    Atlas { base: String },
}

impl DataSource {
    pub fn demo() -> Self {
        DataSource::Demo {
            base: DEMO_BASE.to_owned(),
        }
    }

    pub fn is_demo(&self) -> bool {
        matches!(self, DataSource::Demo { .. })
    }

    /// Requests to this source carry the API key.
    pub fn needs_key(&self) -> bool {
        matches!(self, DataSource::Atlas { .. })
    }

    pub fn base(&self) -> &str {
        match self {
            DataSource::Demo { base } | DataSource::Atlas { base } => base,
        }
    }
}

/// How long any one request may take, from asking to the last byte, before the page gives up on it and
/// says so: long enough for a slow large window, short enough that nobody waits on a hung server.
pub const DEFAULT_TIME_LIMIT_SECONDS: u32 = 20;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    api_base_url: Option<String>,
    /// Overrides [`DEFAULT_TIME_LIMIT_SECONDS`] (1 to 300); anything else is ignored.
    #[serde(default)]
    request_timeout_seconds: Option<serde_json::Value>,
}

/// What `config.json` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub source: DataSource,
    /// The time limit of every request, in seconds.
    pub time_limit_seconds: u32,
}

impl Config {
    /// The demo, with the default time limit.
    pub fn demo() -> Self {
        DataSource::demo().into()
    }
}

impl From<DataSource> for Config {
    /// `source`, with the default time limit.
    fn from(source: DataSource) -> Self {
        Config {
            source,
            time_limit_seconds: DEFAULT_TIME_LIMIT_SECONDS,
        }
    }
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
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    let file: ConfigFile =
        serde_json::from_str(text).map_err(|e| ConfigError::NotJson(e.to_string()))?;
    let source = match file.api_base_url.as_deref().map(str::trim) {
        None | Some("") => DataSource::demo(),
        Some(base) if is_web_url(base) => DataSource::Atlas {
            base: base.trim_end_matches('/').to_owned(),
        },
        Some(base) => return Err(ConfigError::BadBase(base.to_owned())),
    };
    let time_limit_seconds = file
        .request_timeout_seconds
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .filter(|s| (1..=300).contains(s))
        .map_or(DEFAULT_TIME_LIMIT_SECONDS, |s| s as u32);
    Ok(Config {
        source,
        time_limit_seconds,
    })
}
