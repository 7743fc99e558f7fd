//! The one HTTP client. Every request to the API or the demo goes through [`fetch_text`], which gives
//! each one a time limit and a way to be cancelled.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use gloo_net::http::Request;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

use super::endpoints::{DataSource, Endpoint};
use super::error::ApiError;
use super::pause::next_task;
use crate::browser::early;
use crate::config::{parse_config, Config, DEFAULT_TIME_LIMIT_SECONDS};
use crate::domain::loading::load_plan::Window;
use crate::domain::{CallRecord, Campaign};
use crate::wire::{self, Asked, Parsed, MESSAGES_PER_SLICE};

/// A record body past this size (a normal call is 3 to 30 KB) is read over several tasks.
const HUGE_RECORD_BYTES: usize = 512 * 1024;

/// Fetches records for the views. Copy it freely: it holds only handles.
///
/// It knows where to ask, with which key and for how long; it returns errors and never reaches into app
/// state (a refused key is an [`ApiError::Unauthorized`] for the view to act on).
#[derive(Clone, Copy)]
pub struct ApiClient {
    source: StoredValue<DataSource>,
    /// The key to send, when there is one: a signal, so that a resource that asks refetches with a new
    /// key.
    key: Signal<Option<String>>,
    time_limit_seconds: u32,
}

/// Whether reading the key subscribes the caller, so that a resource refetches with a new key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyRead {
    Tracked,
    Untracked,
}

impl ApiClient {
    pub fn new(source: DataSource, key: Signal<Option<String>>, time_limit_seconds: u32) -> Self {
        ApiClient {
            source: StoredValue::new(source),
            key,
            time_limit_seconds,
        }
    }

    /// Where requests go.
    pub fn source(&self) -> DataSource {
        self.source.get_value()
    }

    pub fn campaigns(&self) -> impl Future<Output = Result<Parsed<Campaign>, ApiError>> {
        let source = self.source();
        let request = self.get(source.campaigns(), source);
        async move { Ok(wire::parse_campaigns(&request.await?)?) }
    }

    pub fn campaign(&self, id: &str) -> impl Future<Output = Result<Campaign, ApiError>> {
        let source = self.source();
        let request = self.get(source.campaign(id), source);
        async move { Ok(wire::parse_campaign(&request.await?)?) }
    }

    /// The campaign record, if the page's HTML asked for it (see `browser/early.rs`): in already, or on
    /// its way. Asked once, as the load starts.
    pub fn early_campaign(&self, id: &str) -> Option<early::EarlyRecord> {
        let source = self.source();
        let url = absolute_url(&source.campaign(id))?;
        let key = self.key_for(&source, KeyRead::Untracked);
        early::campaign_record(&url, key.as_deref())
    }

    /// One window of a campaign's calls, for the progressive loader, which owns the abort signal: its
    /// requests outlive any one resource, and Stop cancels them all at once. The body comes as the
    /// browser holds it, for the reading worker or
    /// [`CallsWindow::from_body`](super::CallsWindow::from_body).
    pub fn calls_page(
        &self,
        campaign_id: &str,
        window: &Window,
        signal: AbortSignal,
    ) -> impl Future<Output = Result<js_sys::Uint8Array, ApiError>> {
        let source = self.source();
        let endpoint = source.calls_window(campaign_id, window);
        let key = self.key_for(&source, KeyRead::Untracked);
        let limit = self.time_limit_seconds;
        async move { fetch_body(&endpoint, &source, key, Some(signal), limit).await }
    }

    /// One call record, in full. `campaign` is the campaign it was opened from; `signal`, when given,
    /// cancels the request (the record page aborts it as soon as the reader moves on, since a resource
    /// runs its fetches one after another and a hung one would hold up the next).
    pub fn call(
        &self,
        call_id: &str,
        campaign: Option<String>,
        signal: Option<AbortSignal>,
    ) -> impl Future<Output = Result<CallRecord, ApiError>> {
        let source = self.source();
        let endpoint = source.call(call_id);
        let request: std::pin::Pin<Box<dyn Future<Output = _>>> = match signal {
            Some(signal) => Box::pin(self.send(endpoint, source, KeyRead::Untracked, Some(signal))),
            None => Box::pin(self.get(endpoint, source)),
        };
        async move {
            let text = request.await?;
            let asked = Asked {
                campaign: campaign.as_deref(),
            };
            // Checked, split, then the messages a slice per task, and the record drawn in a task of
            // its own: a 50,000-message record (5 MB) never holds the page. A small one is read at
            // once, since each yield costs a task's turn.
            let text = wire::repaired(&text);
            let huge = text.len() > HUGE_RECORD_BYTES;
            wire::check_json(&text)?;
            if huge {
                next_task().await;
            }
            let split = wire::split_checked_call(&text, asked)?;
            let count = split.message_count();
            let mut turns = Vec::with_capacity(count);
            for start in (0..count).step_by(MESSAGES_PER_SLICE) {
                if huge {
                    next_task().await;
                }
                turns.extend(split.turns(start..start + MESSAGES_PER_SLICE));
            }
            let record = split.with_turns(turns);
            if huge {
                next_task().await;
            }
            Ok(record)
        }
    }

    /// Starts a GET from inside a resource and returns its body text.
    ///
    /// The synchronous part runs where it is called: it reads the key (tracked, so a new key refetches)
    /// and registers an abort on the caller's cleanup, so a request whose view went away is cancelled
    /// instead of finishing for nobody.
    fn get(
        &self,
        endpoint: Endpoint,
        source: DataSource,
    ) -> impl Future<Output = Result<String, ApiError>> {
        let controller = AbortController::new().ok();
        if let Some(controller) = controller.clone() {
            let controller = SendWrapper::new(controller);
            on_cleanup(move || controller.abort());
        }
        self.send(
            endpoint,
            source,
            KeyRead::Tracked,
            controller.map(|c| c.signal()),
        )
    }

    fn send(
        &self,
        endpoint: Endpoint,
        source: DataSource,
        read: KeyRead,
        signal: Option<AbortSignal>,
    ) -> impl Future<Output = Result<String, ApiError>> {
        let key = self.key_for(&source, read);
        let limit = self.time_limit_seconds;
        async move { fetch_text(&endpoint, &source, key, signal, limit).await }
    }

    fn key_for(&self, source: &DataSource, read: KeyRead) -> Option<String> {
        if !source.needs_key() {
            None
        } else if read == KeyRead::Tracked {
            self.key.get()
        } else {
            self.key.get_untracked()
        }
    }
}

/// Reads the site's own `config.json`, with the same time limit as every request; any failure runs the
/// demo, with the reason kept to show (no file at all is a normal way to run the demo).
pub async fn load_config() -> (Config, Option<String>) {
    let endpoint = Endpoint::path("/config.json".to_owned());
    // As a static file, like the demo's: a host that answers with its index page means "no file".
    let source = DataSource::demo();
    match fetch_text(&endpoint, &source, None, None, DEFAULT_TIME_LIMIT_SECONDS).await {
        Ok(text) => match parse_config(&text) {
            Ok(config) => (config, None),
            Err(error) => (Config::demo(), Some(error.to_string())),
        },
        Err(ApiError::NotFound) => (Config::demo(), None),
        Err(error) => (
            Config::demo(),
            Some(format!("config.json could not be read ({error})")),
        ),
    }
}

/// Sends a GET and returns its body text, or the error people should read. The request is cancelled
/// when `signal` aborts, or when no complete answer has come within `limit_seconds`.
async fn fetch_text(
    endpoint: &Endpoint,
    source: &DataSource,
    key: Option<String>,
    signal: Option<AbortSignal>,
    limit_seconds: u32,
) -> Result<String, ApiError> {
    let body = fetch_body(endpoint, source, key, signal, limit_seconds).await?;
    Ok(text_of(body.to_vec()))
}

/// [`fetch_text`]'s body as the browser holds it, not yet copied into wasm memory: a body the reading
/// worker reads is handed to it as it is.
async fn fetch_body(
    endpoint: &Endpoint,
    source: &DataSource,
    key: Option<String>,
    signal: Option<AbortSignal>,
    limit_seconds: u32,
) -> Result<js_sys::Uint8Array, ApiError> {
    if source.needs_key() && key.is_none() {
        return Err(ApiError::MissingKey);
    }
    let guard = RequestGuard::new(signal.as_ref(), limit_seconds);
    let mut request = get(endpoint).header("accept", "application/json");
    if let Some(key) = key.as_deref() {
        request = request.header("api-key", key);
    }
    if let Some(signal) = guard.signal() {
        request = request.abort_signal(Some(&signal));
    }
    let request = request.build().map_err(|e| guard.error(e))?;
    // Asked for by the page's HTML already, while the app's code was on its way: that answer.
    let early = early::take(&request.url(), key.as_deref());
    // Held to the last byte: the time limit covers the body too.
    let _adopted = early.as_ref().and_then(|a| guard.adopt(&a.controller));
    let raw: web_sys::Response = match early {
        Some(answer) => wasm_bindgen_futures::JsFuture::from(answer.response)
            .await
            .map_err(|e| guard.body_error(&e))?
            .dyn_into()
            .map_err(|_| ApiError::Network("the browser gave no response".to_owned()))?,
        None => request.send().await.map_err(|e| guard.error(e))?.into(),
    };
    let status = raw.status();
    let header = |name: &str| raw.headers().get(name).ok().flatten();
    // The bytes as sent: `text()` would decode them into a JS string that then has to be encoded back
    // to UTF-8 on its way into wasm (a tenth of a large load's time).
    let body = match raw.array_buffer() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|e| guard.body_error(&e))?,
        Err(e) => return Err(guard.body_error(&e)),
    };
    let body = js_sys::Uint8Array::new(&body);
    if !(200..300).contains(&status) {
        let text = text_of(body.to_vec());
        if let Some(error) = ApiError::from_status(status, &text, header("retry-after").as_deref())
        {
            return Err(error);
        }
    }
    // Static hosts answer a missing file with the app's own page; that is "not found", not data.
    let is_html =
        header("content-type").is_some_and(|t| t.to_ascii_lowercase().starts_with("text/html"));
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

/// A GET of `endpoint`, its query encoded by gloo-net: [`fetch_body`] sends it, [`absolute_url`] reads
/// its address, so the two cannot drift apart.
fn get(endpoint: &Endpoint) -> gloo_net::http::RequestBuilder {
    Request::get(&endpoint.path).query(endpoint.query.iter().map(|(k, v)| (*k, v.as_str())))
}

/// `endpoint` as the browser will ask for it: absolute, parsed, its query encoded by gloo-net.
fn absolute_url(endpoint: &Endpoint) -> Option<String> {
    Some(get(endpoint).build().ok()?.url())
}

/// Body bytes as text. As the browser's own decoding does, invalid sequences read as U+FFFD.
pub fn text_of(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(invalid) => String::from_utf8_lossy(invalid.as_bytes()).into_owned(),
    }
}

/// One request's own abort controller: aborted by the caller's signal or by the time limit, whichever
/// comes first. Dropping it clears the timer and the listener.
struct RequestGuard {
    controller: Option<AbortController>,
    timed_out: Rc<Cell<bool>>,
    limit_seconds: u32,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
    outer: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

impl RequestGuard {
    fn new(outer: Option<&AbortSignal>, limit_seconds: u32) -> Self {
        let controller = AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let mut guard = RequestGuard {
            controller: controller.clone(),
            timed_out: timed_out.clone(),
            limit_seconds,
            timer: None,
            outer: None,
        };
        let Some(controller) = controller else {
            return guard;
        };
        if let Some(window) = web_sys::window() {
            let on_time = {
                let controller = controller.clone();
                Closure::<dyn FnMut()>::new(move || {
                    timed_out.set(true);
                    controller.abort();
                })
            };
            let ms = i32::try_from(u64::from(limit_seconds) * 1000).unwrap_or(i32::MAX);
            if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_time.as_ref().unchecked_ref(),
                ms,
            ) {
                guard.timer = Some((id, on_time));
            }
        }
        if let Some(outer) = outer {
            if outer.aborted() {
                controller.abort();
            } else {
                let on_abort = Closure::<dyn FnMut()>::new(move || controller.abort());
                let _ = outer
                    .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
                guard.outer = Some((outer.clone(), on_abort));
            }
        }
        guard
    }

    fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// Makes this request's time limit and its caller's abort also cancel `other` (a request the page's
    /// HTML made, whose answer this one takes), for as long as the returned listener lives.
    fn adopt(&self, other: &AbortController) -> Option<Adopted> {
        let signal = self.signal()?;
        if signal.aborted() {
            other.abort();
            return None;
        }
        let other = other.clone();
        let on_abort = Closure::<dyn FnMut()>::new(move || other.abort());
        signal
            .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())
            .ok()?;
        Some(Adopted { signal, on_abort })
    }

    /// A failed fetch: timed out, aborted by the caller, or the network. The browser hides the cause
    /// (offline, DNS, CORS) behind one TypeError by design, so the message to people covers all three.
    fn error(&self, error: gloo_net::Error) -> ApiError {
        match error {
            gloo_net::Error::JsError(js) if js.name == "AbortError" => self.cancelled(),
            other => ApiError::Network(other.to_string()),
        }
    }

    /// A request cancelled: by its time limit, or by the caller.
    fn cancelled(&self) -> ApiError {
        if self.timed_out.get() {
            ApiError::TimedOut {
                seconds: self.limit_seconds,
            }
        } else {
            ApiError::Aborted
        }
    }

    /// A body that stopped coming: the same cases as [`RequestGuard::error`], from a rejected promise.
    fn body_error(&self, error: &wasm_bindgen::JsValue) -> ApiError {
        let field = |key: &str| {
            js_sys::Reflect::get(error, &key.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        if field("name").as_deref() == Some("AbortError") {
            self.cancelled()
        } else {
            ApiError::Network(
                field("message").unwrap_or_else(|| "the body could not be read".to_owned()),
            )
        }
    }
}

/// The listener [`RequestGuard::adopt`] added, removed when dropped.
struct Adopted {
    signal: AbortSignal,
    on_abort: Closure<dyn FnMut()>,
}

impl Drop for Adopted {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.on_abort.as_ref().unchecked_ref());
    }
}

impl Drop for RequestGuard {
    fn drop(&mut self) {
        if let (Some((id, _)), Some(window)) = (&self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(*id);
        }
        if let Some((signal, on_abort)) = &self.outer {
            let _ = signal
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}
