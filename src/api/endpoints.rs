//! Which URL answers which question, for the Atlas API and for the bundled demo.
//!
//! The demo is the same client and the same parsing with a different base and a static file layout, so
//! it exercises the real code path.

use crate::domain::end_reason::percent_encode;

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
            base: crate::config::DEMO_BASE.to_owned(),
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

    pub fn campaigns_url(&self) -> String {
        match self {
            DataSource::Demo { base } => format!("{base}/campaigns.json"),
            DataSource::Atlas { base } => format!("{base}/campaign"),
        }
    }

    pub fn campaign_url(&self, id: &str) -> String {
        let id = percent_encode(id);
        match self {
            DataSource::Demo { base } => format!("{base}/campaigns/{id}.json"),
            DataSource::Atlas { base } => format!("{base}/campaign/{id}"),
        }
    }

    pub fn calls_url(&self, campaign_id: &str) -> String {
        let id = percent_encode(campaign_id);
        match self {
            DataSource::Demo { base } => format!("{base}/campaigns/{id}/calls.json"),
            DataSource::Atlas { base } => format!("{base}/call?campaignId={id}"),
        }
    }

    pub fn call_url(&self, call_id: &str) -> String {
        let id = percent_encode(call_id);
        match self {
            DataSource::Demo { base } => format!("{base}/calls/{id}.json"),
            DataSource::Atlas { base } => format!("{base}/call/{id}"),
        }
    }
}
