//! Which URL answers which question, for the Atlas API and for the bundled demo.
//!
//! The demo is the same client and the same parsing with a different base and a static file layout, so
//! it exercises the real code path.

pub use crate::config::DataSource;
use crate::domain::loading::load_plan::{Page, Window};
use crate::domain::text::url::percent_encode;

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

    /// The full URL, as the HTTP client builds it (tests compare it).
    #[cfg(test)]
    fn to_url(&self) -> String {
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
            Page::First | Page::Refill => {}
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

#[cfg(test)]
mod tests {
    use super::DataSource;

    #[test]
    fn endpoints_for_api_and_demo() {
        let api = DataSource::Atlas {
            base: "https://api.example.com/v1/api".into(),
        };
        assert_eq!(
            api.campaigns().to_url(),
            "https://api.example.com/v1/api/campaign"
        );
        assert_eq!(
            api.campaign("c 1").to_url(),
            "https://api.example.com/v1/api/campaign/c%201"
        );
        let calls = api.calls("c&1");
        assert_eq!(calls.path, "https://api.example.com/v1/api/call");
        assert_eq!(
            calls.query,
            [("campaignId", "c&1".to_owned())],
            "raw: the HTTP client encodes it"
        );
        assert_eq!(
            calls.to_url(),
            "https://api.example.com/v1/api/call?campaignId=c%261"
        );
        assert_eq!(
            api.call("x/y").to_url(),
            "https://api.example.com/v1/api/call/x%2Fy"
        );
        assert!(api.needs_key());
        let demo = DataSource::demo();
        assert_eq!(demo.campaigns().to_url(), "/demo/campaigns.json");
        assert_eq!(demo.calls("c1").to_url(), "/demo/campaigns/c1/calls.json");
        assert!(demo.calls("c1").query.is_empty());
        assert_eq!(demo.call("k").to_url(), "/demo/calls/k.json");
        assert!(!demo.needs_key());
    }
}
