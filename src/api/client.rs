//! The one HTTP client. Every request to the API or the demo goes through [`ApiClient::get`].

use std::future::Future;

use gloo_net::http::Request;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use web_sys::AbortController;

use super::endpoints::{DataSource, Endpoint};
use super::error::ApiError;
use crate::domain::load_plan::Window;
use crate::domain::{CallRecord, Campaign};
use crate::state::Settings;
use crate::wire::{self, CallsPage, Parsed};

/// Fetches records for the views. Copy it freely: it holds only the settings handles.
#[derive(Clone, Copy)]
pub struct ApiClient {
    settings: Settings,
}

impl ApiClient {
    pub fn new(settings: Settings) -> Self {
        ApiClient { settings }
    }

    /// Where requests go (tracked).
    pub fn source(&self) -> DataSource {
        self.settings.source()
    }

    pub fn campaigns(&self) -> impl Future<Output = Result<Parsed<Campaign>, ApiError>> {
        let source = self.settings.source();
        let request = self.get(source.campaigns(), source);
        async move { Ok(wire::parse_campaigns(&request.await?)?) }
    }

    pub fn campaign(&self, id: &str) -> impl Future<Output = Result<Campaign, ApiError>> {
        let source = self.settings.source();
        let request = self.get(source.campaign(id), source);
        async move { Ok(wire::parse_campaign(&request.await?)?) }
    }

    /// One window of a campaign's calls, for the progressive loader, which owns the abort signal: its
    /// requests outlive any one resource, and Stop cancels them all at once.
    pub fn calls_page(
        &self,
        campaign_id: &str,
        window: &Window,
        signal: web_sys::AbortSignal,
    ) -> impl Future<Output = Result<(String, CallsPage), ApiError>> {
        let source = self.settings.source();
        let key = self.key_for(&source, false);
        let request = fetch_text(
            self.settings,
            source.calls_window(campaign_id, window),
            source,
            key,
            Some(signal),
        );
        async move {
            let text = request.await?;
            let page = wire::split_calls_page(&text)?;
            Ok((text, page))
        }
    }

    pub fn call(&self, call_id: &str) -> impl Future<Output = Result<CallRecord, ApiError>> {
        let source = self.settings.source();
        let request = self.get(source.call(call_id), source);
        async move { Ok(wire::parse_call(&request.await?)?) }
    }

    /// Starts a GET and returns its body text.
    ///
    /// The synchronous part runs where it is called, inside the resource that asked: it reads the key
    /// (tracked, so a new key refetches) and registers an abort on the caller's cleanup, so a request whose
    /// view went away, or whose inputs changed, is cancelled instead of finishing for nobody.
    fn get(
        &self,
        endpoint: Endpoint,
        source: DataSource,
    ) -> impl Future<Output = Result<String, ApiError>> {
        let key = self.key_for(&source, true);
        let controller = AbortController::new().ok();
        if let Some(controller) = controller.clone() {
            let controller = SendWrapper::new(controller);
            on_cleanup(move || controller.abort());
        }
        fetch_text(
            self.settings,
            endpoint,
            source,
            key,
            controller.map(|c| c.signal()),
        )
    }

    /// The key for a request to `source`, read tracked (so a resource refetches with a new key) or not.
    fn key_for(&self, source: &DataSource, tracked: bool) -> Option<String> {
        if !source.needs_key() {
            return None;
        }
        if tracked {
            self.settings.api_key()
        } else {
            untrack(|| self.settings.api_key())
        }
    }
}

/// Sends a GET and returns its body text, or the error people should read.
async fn fetch_text(
    settings: Settings,
    endpoint: Endpoint,
    source: DataSource,
    key: Option<String>,
    signal: Option<web_sys::AbortSignal>,
) -> Result<String, ApiError> {
    {
        if source.needs_key() && key.is_none() {
            return Err(ApiError::MissingKey);
        }
        let mut request = Request::get(&endpoint.path)
            .query(endpoint.query.iter().map(|(k, v)| (*k, v.as_str())))
            .header("accept", "application/json");
        if let Some(key) = key.as_deref() {
            request = request.header("api-key", key);
        }
        if let Some(signal) = &signal {
            request = request.abort_signal(Some(signal));
        }
        let response = request.send().await.map_err(fetch_error)?;
        let status = response.status();
        let headers = response.headers();
        let body = response.text().await.map_err(fetch_error)?;
        if let Some(error) =
            ApiError::from_status(status, &body, headers.get("retry-after").as_deref())
        {
            if error == ApiError::Unauthorized {
                settings.report_key_refused();
            }
            return Err(error);
        }
        // Static hosts answer a missing file with the app's own page; that is "not found", not data.
        let is_html = headers
            .get("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"));
        if is_html {
            return Err(if source.is_demo() {
                ApiError::NotFound
            } else {
                ApiError::Decode(
                    "the server sent a web page instead of data; check apiBaseUrl in config.json"
                        .to_owned(),
                )
            });
        }
        Ok(body)
    }
}

/// A failed fetch: aborted by us, or the network. The browser hides the cause (offline, DNS, CORS)
/// behind one TypeError by design, so the message to people covers all three.
fn fetch_error(error: gloo_net::Error) -> ApiError {
    match error {
        gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Aborted,
        other => ApiError::Network(other.to_string()),
    }
}

/// The client for the current settings.
pub fn use_api() -> ApiClient {
    ApiClient::new(crate::state::use_settings())
}
