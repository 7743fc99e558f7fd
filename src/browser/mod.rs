//! Small reads of the browser that are not hooks (they hold nothing and need no cleanup).

pub mod crash;
pub mod early;
pub mod kept_db;
mod local_time;
pub mod marks_channel;
pub mod marks_db;
pub mod reader_worker;
mod resize;

pub use local_time::{
    local_date_time, local_offset_on, local_short, now, offset_minutes, today_utc,
};
pub use resize::HeightWatch;

/// Runs `then` once the browser has painted the next frame (an animation frame, then a task after it).
pub fn after_paint(then: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(then, std::time::Duration::ZERO);
    });
}

/// Runs `then` when the page is next idle (no input or frame waiting), or after `limit_ms` at the
/// latest; a timer where the browser has no idle callbacks (Safari).
pub fn when_idle(then: impl FnOnce() + 'static, limit_ms: u32) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let callback = Closure::once_into_js(then);
    let Some(window) = web_sys::window() else {
        return;
    };
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(limit_ms);
    let has_idle = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    let asked = has_idle
        && window
            .request_idle_callback_with_options(callback.unchecked_ref(), &options)
            .is_ok();
    if !asked {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0);
    }
}

/// Runs `work` and records how long it took as a User Timing measure named `name`, for the benchmark
/// and the browser's performance panel.
pub fn timed<R>(name: &str, work: impl FnOnce() -> R) -> R {
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark(name);
    }
    let result = work();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, name);
        p.clear_marks_with_mark_name(name);
    }
    result
}
