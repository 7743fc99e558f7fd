//! The reading workers: Web Workers that read calls-list bodies into store entries on the second core,
//! so that the page's thread only inserts them.
//!
//! Reading is most of a large load (splitting the JSON, reading each record, joining its texts and folding
//! every word for search). The workers run a wasm of their own, `src/bin/reader.rs`: the same reading code
//! as the app's, built for speed and fetched only by them (`public/reader-worker.js` is their script). Bodies
//! go to them without a copy (transferred) and come back as the bytes of `api::window_batch`.
//!
//! Anything a worker cannot do falls back to reading on the page, as before: a browser without module
//! workers, a policy that forbids them, a script or wasm that does not load, a reader from an older build
//! (another `WINDOW_FORMAT`), a crash. Bodies are only handed over once the worker has said it is ready,
//! and a body it failed on comes back with the failure, so no body is ever lost to it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::window_batch::WINDOW_FORMAT;

/// Where the worker's script is served (copied from `public/`).
const SCRIPT: &str = "/reader-worker.js";

/// What came back for one body.
pub enum Read {
    /// The window's bytes, for `WindowBatch::open`.
    Done(Vec<u8>),
    /// The worker is not there (yet, or any more): the body, to be read on the page.
    NotRead(js_sys::Uint8Array),
    /// The worker stopped with the body still in it.
    Lost,
}

enum State {
    NotStarted,
    Starting,
    Ready,
    Gone,
}

/// How many workers read: two, so that reading (the larger share of a load) is split across both cores
/// while the page's own thread, mostly waiting, takes what is left of either.
const WORKERS: usize = 2;

struct Worker {
    state: State,
    handle: Option<web_sys::Worker>,
    next_id: u32,
    /// Who waits for which body: the resolve function of the promise each `read` awaits.
    waiting: HashMap<u32, js_sys::Function>,
    _on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(JsValue)>>,
}

thread_local! {
    static POOL: Vec<Rc<RefCell<Worker>>> = (0..WORKERS)
        .map(|_| {
            Rc::new(RefCell::new(Worker {
                state: State::NotStarted,
                handle: None,
                next_id: 0,
                waiting: HashMap::new(),
                _on_message: None,
                _on_error: None,
            }))
        })
        .collect();
}

/// Starts the workers if they were not started: call it as soon as a campaign is opened, so they are
/// ready by the time the large windows come.
pub fn warm_up() {
    POOL.with(|pool| {
        for worker in pool {
            if matches!(worker.borrow().state, State::NotStarted) {
                start(worker);
            }
        }
    });
}

/// Ends the workers that hold no body, once a load is over: each holds the reader's memory, grown to read
/// a window (about 16 MB), for nothing until the next load, which starts them again.
pub fn rest() {
    POOL.with(|pool| {
        for worker in pool {
            let idle = {
                let worker = worker.borrow();
                worker.waiting.is_empty() && !matches!(worker.state, State::NotStarted)
            };
            if idle {
                stop(worker);
                worker.borrow_mut().state = State::NotStarted;
            }
        }
    });
}

/// The ready worker with the fewest bodies waiting.
fn least_busy() -> Option<Rc<RefCell<Worker>>> {
    POOL.with(|pool| {
        pool.iter()
            .filter(|worker| matches!(worker.borrow().state, State::Ready))
            .min_by_key(|worker| worker.borrow().waiting.len())
            .cloned()
    })
}

fn start(worker: &Rc<RefCell<Worker>>) {
    worker.borrow_mut().state = State::Gone;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let Ok(handle) = web_sys::Worker::new_with_options(SCRIPT, &options) else {
        return;
    };
    let on_message = {
        let worker = worker.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            answered(&worker, event.data());
        })
    };
    let on_error = {
        let worker = worker.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| stop(&worker))
    };
    handle.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    handle.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The version of the bytes this page reads: a reader that writes another is not used.
    let init = js_sys::Object::new();
    if js_sys::Reflect::set(&init, &"format".into(), &WINDOW_FORMAT.into()).is_err()
        || handle.post_message(&init).is_err()
    {
        handle.terminate();
        return;
    }
    let mut worker = worker.borrow_mut();
    worker.state = State::Starting;
    worker.handle = Some(handle);
    worker._on_message = Some(on_message);
    worker._on_error = Some(on_error);
}

/// A message from the worker: ready, failed to start, or the answer for one body.
fn answered(worker: &Rc<RefCell<Worker>>, data: JsValue) {
    let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if get("ready").is_truthy() {
        worker.borrow_mut().state = State::Ready;
        return;
    }
    let Some(id) = get("id").as_f64() else {
        // It could not start (its wasm did not load, or is of another build): the page reads from now on.
        stop(worker);
        return;
    };
    let (resolve, retired) = {
        let mut worker = worker.borrow_mut();
        if get("back").is_truthy() {
            // It failed on a body and gave it back: it gets no other, and answers those it holds.
            worker.state = State::Gone;
        }
        let resolve = worker.waiting.remove(&(id as u32));
        let retired = matches!(worker.state, State::Gone) && worker.waiting.is_empty();
        (resolve, retired)
    };
    if retired {
        stop(worker);
    }
    if let Some(resolve) = resolve {
        let _ = resolve.call1(&JsValue::NULL, &data);
    }
}

/// Ends the worker; whoever still waits hears that their body is lost, and the page reads from now on.
fn stop(worker: &Rc<RefCell<Worker>>) {
    let (handle, waiting) = {
        let mut worker = worker.borrow_mut();
        worker.state = State::Gone;
        (worker.handle.take(), std::mem::take(&mut worker.waiting))
    };
    if let Some(handle) = handle {
        handle.terminate();
    }
    for resolve in waiting.into_values() {
        let _ = resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
    }
}

/// Has the worker read `body` (a calls-list response of `campaign`), or gives it back when the worker
/// is not ready.
pub async fn read(campaign: &str, body: js_sys::Uint8Array) -> Read {
    let Some(worker) = least_busy() else {
        warm_up();
        return Read::NotRead(body);
    };
    let message = js_sys::Object::new();
    let id = {
        let mut worker = worker.borrow_mut();
        worker.next_id = worker.next_id.wrapping_add(1);
        worker.next_id
    };
    let set =
        |key: &str, value: &JsValue| js_sys::Reflect::set(&message, &key.into(), value).is_ok();
    if !set("id", &id.into()) || !set("campaign", &campaign.into()) || !set("body", &body) {
        return Read::NotRead(body);
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        worker.borrow_mut().waiting.insert(id, resolve);
    });
    let posted = {
        let worker = worker.borrow();
        worker.handle.as_ref().map(|handle| {
            handle.post_message_with_transfer(&message, &js_sys::Array::of1(&body.buffer()))
        })
    };
    if !matches!(posted, Some(Ok(()))) {
        worker.borrow_mut().waiting.remove(&id);
        // Not transferred when the post failed: still ours to read.
        return Read::NotRead(body);
    }
    let data = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap_or(JsValue::UNDEFINED);
    let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok();
    if let Some(out) = get("out").and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok()) {
        return Read::Done(out.to_vec());
    }
    match get("back").and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok()) {
        Some(back) => Read::NotRead(back),
        None => Read::Lost,
    }
}
