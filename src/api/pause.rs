//! Waiting without blocking: a timer as a future.

use wasm_bindgen::JsCast;

/// Resolves after `ms` milliseconds (0: in a task of its own, after what the browser has queued, such
/// as input and a repaint).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a task of its own, right after what the browser has queued (input, a repaint). Unlike
/// `sleep(0)`, it is not held back: browsers clamp chained zero-delay timers to 4 ms, which reading a
/// campaign slice by slice would pay hundreds of times.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let posted = TASKS.with(|tasks| tasks.post(resolve.clone()));
        if !posted {
            // No channel (a very old browser): a timer does the same, a little later.
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    resolve.unchecked_ref(),
                    0,
                );
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

thread_local! {
    static TASKS: Tasks = Tasks::new();
}

/// One message channel for the whole app, kept alive here (a channel nobody holds may be collected
/// with its message undelivered), and the waiters it wakes, one per message, in order.
struct Tasks {
    channel: Option<web_sys::MessageChannel>,
    waiting: std::rc::Rc<std::cell::RefCell<std::collections::VecDeque<js_sys::Function>>>,
    _on_message: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl Tasks {
    fn new() -> Self {
        let waiting = std::rc::Rc::new(std::cell::RefCell::new(std::collections::VecDeque::<
            js_sys::Function,
        >::new()));
        let Ok(channel) = web_sys::MessageChannel::new() else {
            return Tasks {
                channel: None,
                waiting,
                _on_message: None,
            };
        };
        let queue = waiting.clone();
        let on_message = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let next = queue.borrow_mut().pop_front();
            if let Some(resolve) = next {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Tasks {
            channel: Some(channel),
            waiting,
            _on_message: Some(on_message),
        }
    }

    /// Queues `resolve` to be called from a task of its own; false when there is no channel.
    fn post(&self, resolve: js_sys::Function) -> bool {
        let Some(channel) = &self.channel else {
            return false;
        };
        self.waiting.borrow_mut().push_back(resolve);
        let posted = channel
            .port2()
            .post_message(&wasm_bindgen::JsValue::NULL)
            .is_ok();
        if !posted {
            self.waiting.borrow_mut().pop_back();
        }
        posted
    }
}

/// Resolves once the browser has painted the next frame (an animation frame, then a task after it), or
/// after `limit_ms` at the latest: a hidden tab paints no frames, and what waits must not stall there.
pub async fn painted(limit_ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            resolve.unchecked_ref(),
            limit_ms,
        );
        let after_frame = resolve.clone();
        let on_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    after_frame.unchecked_ref(),
                    0,
                );
            }
        });
        let _ = window.request_animation_frame(on_frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
