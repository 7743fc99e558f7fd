//! Small reads of the browser that are not hooks (they hold nothing and need no cleanup).

mod local_time;
pub mod reader_worker;

pub use local_time::{local_date_time, local_offset_on, local_short, now, offset_minutes};

/// Runs `then` once the browser has painted the next frame (an animation frame, then a task after it).
pub fn after_paint(then: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(then, std::time::Duration::ZERO);
    });
}
