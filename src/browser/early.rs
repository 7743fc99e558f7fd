//! The answers the page's HTML asked for while the app's wasm was on its way (`early.js`, inlined into
//! `index.html`): the config, the campaign record, a small campaign's calls. The HTTP client takes one
//! when it asks for the same URL with the same key, instead of asking again; whatever is not taken
//! simply goes unused. Where the script is absent (component tests, an old cached page), nothing is
//! found and every request goes out as before.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortController;

const GLOBAL: &str = "__callRecordsEarly";

/// One answer on its way, or in.
pub struct EarlyAnswer {
    /// The `fetch` promise: a `Response`.
    pub response: js_sys::Promise,
    /// Cancels it (the request's own time limit or its caller's abort).
    pub controller: AbortController,
}

/// The answer asked for at `url` (absolute, as the browser parsed it) with `key`, if there is one; it
/// is handed out once.
pub fn take(url: &str, key: Option<&str>) -> Option<EarlyAnswer> {
    let answer = call("take", url, key)?;
    let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).ok();
    Some(EarlyAnswer {
        response: field("response")?.dyn_into().ok()?,
        controller: field("controller")?.dyn_into().ok()?,
    })
}

/// The campaign record the page's HTML asked for.
pub enum EarlyRecord {
    /// Its text: it has come.
    In(String),
    /// On its way: a promise of its text (`undefined` if it failed or is no record).
    Coming(js_sys::Promise),
}

/// The campaign record at `url`, asked for as the load starts, so that the first requests can be
/// chosen knowing the campaign's size. Handed out once; when it was not asked for, the script is told
/// the load has started without it and guesses nothing more.
pub fn campaign_record(url: &str, key: Option<&str>) -> Option<EarlyRecord> {
    let found = call("campaignRecord", url, key)?;
    match found.as_string() {
        Some(text) => Some(EarlyRecord::In(text)),
        None => found.dyn_into().ok().map(EarlyRecord::Coming),
    }
}

/// The instant (ms since 1970) the page's script took as "now" for the calls it asked for, if it asked:
/// the load's plan starts from it, so its first windows are the ones asked for.
pub fn guessed_at() -> Option<i64> {
    let at = call0("guessedAt")?;
    at.as_f64().filter(|at| at.is_finite()).map(|at| at as i64)
}

/// The text of a record on its way, or `None` if it fails or takes more than `limit_ms`.
pub async fn arrived(coming: js_sys::Promise, limit_ms: i32) -> Option<String> {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, limit_ms);
        }
    });
    let first = js_sys::Promise::race(&js_sys::Array::of2(&coming, &timer));
    wasm_bindgen_futures::JsFuture::from(first)
        .await
        .ok()?
        .as_string()
}

/// The script's object and one of its methods, if the page has them.
fn method(name: &str) -> Option<(JsValue, js_sys::Function)> {
    let early = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(GLOBAL)).ok()?;
    if early.is_undefined() || early.is_null() {
        return None;
    }
    let function = js_sys::Reflect::get(&early, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()?;
    Some((early, function))
}

fn found(value: JsValue) -> Option<JsValue> {
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

fn call0(name: &str) -> Option<JsValue> {
    let (early, function) = method(name)?;
    found(function.call0(&early).ok()?)
}

fn call(name: &str, url: &str, key: Option<&str>) -> Option<JsValue> {
    let (early, function) = method(name)?;
    let key = key.map_or(JsValue::NULL, JsValue::from_str);
    found(function.call2(&early, &JsValue::from_str(url), &key).ok()?)
}
