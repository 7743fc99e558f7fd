use leptos::prelude::*;

/// A flag that turns true in the task after this one. A page builds its state (and so sends its first
/// requests) at once, and its view behind the flag: built in one task with the frame around it, the two
/// made one task of 90–200 ms while the browser compiled the code they ran for the first time (in
/// traces), and a page's requests waited for both (130 ms of a 1,000-call load, see
/// `docs/benchmark.md`).
pub fn use_next_task() -> ReadSignal<bool> {
    let (done, set_done) = signal(false);
    leptos::task::spawn_local(async move {
        crate::api::pause::next_task().await;
        set_done.try_set(true);
    });
    done
}
