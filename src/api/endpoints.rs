//! Which URL answers which question, for the Atlas API and for the bundled demo.
//!
//! The demo is the same client and the same parsing with a different base and a static file layout, so
//! it exercises the real code path.

pub use crate::config::DataSource;
use crate::domain::load_plan::{Page, Window};
use crate::domain::url::percent_encode;

/// One request's address: a path and its query parameters, kept apart so the HTTP client encodes the
/// parameters itself (gloo-net appends a stray `&` to URLs that already carry a query).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub path: String,
    pub query: Vec<(&'static str, String)>,
}

impl Endpoint {
    pub(super) fn path(path: String) -> Self {
        Endpoint {
            path,
            query: Vec::new(),
        }
    }

    /// The full URL, for display and tests.
    pub fn to_url(&self) -> String {
        let mut url = self.path.clone();
        for (i, (key, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(key);
            url.push('=');
            url.push_str(&percent_encode(value));
        }
        url
    }
}

/// The URLs each source answers. (The source itself is configuration: see [`DataSource`].)
impl DataSource {
    pub fn campaigns(&self) -> Endpoint {
        Endpoint::path(match self {
            DataSource::Demo { base } => format!("{base}/campaigns.json"),
            DataSource::Atlas { base } => format!("{base}/campaign"),
        })
    }

    pub fn campaign(&self, id: &str) -> Endpoint {
        let id = percent_encode(id);
        Endpoint::path(match self {
            DataSource::Demo { base } => format!("{base}/campaigns/{id}.json"),
            DataSource::Atlas { base } => format!("{base}/campaign/{id}"),
        })
    }

    pub fn calls(&self, campaign_id: &str) -> Endpoint {
        match self {
            DataSource::Demo { base } => Endpoint::path(format!(
                "{base}/campaigns/{}/calls.json",
                percent_encode(campaign_id)
            )),
            DataSource::Atlas { base } => Endpoint {
                path: format!("{base}/call"),
                query: vec![("campaignId", campaign_id.to_owned())],
            },
        }
    }

    /// One window (and page) of a campaign's calls. The demo's static file has no windows: it is the
    /// whole list, whatever the window says.
    pub fn calls_window(&self, campaign_id: &str, window: &Window) -> Endpoint {
        let mut endpoint = self.calls(campaign_id);
        if self.is_demo() {
            return endpoint;
        }
        if let Some(start) = window.start {
            endpoint.query.push(("startDate", start.to_iso()));
        }
        if let Some(end) = window.end {
            endpoint.query.push(("endDate", end.to_iso()));
        }
        match &window.page {
            Page::First => {}
            Page::Cursor(cursor) => endpoint.query.push(("cursor", cursor.clone())),
            Page::CreatedBefore(at) => endpoint.query.push(("createdAtLt", at.to_iso())),
        }
        endpoint
    }

    /// Whether the source filters by date, so a campaign can be loaded in windows.
    pub fn has_date_windows(&self) -> bool {
        !self.is_demo()
    }

    pub fn call(&self, call_id: &str) -> Endpoint {
        let id = percent_encode(call_id);
        Endpoint::path(match self {
            DataSource::Demo { base } => format!("{base}/calls/{id}.json"),
            DataSource::Atlas { base } => format!("{base}/call/{id}"),
        })
    }
}
