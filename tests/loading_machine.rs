#![cfg(not(target_arch = "wasm32"))]
//! The loader as a state machine, driven natively: events in, commands out. Retries and backoff,
//! Retry-After, time limits, stop in the middle of a window, refresh while loading, answers from an old
//! generation, global errors, and what a refresh keeps.

use call_records::domain::loading::load_plan::{LoadPlan, PageOutcome, Window};
use call_records::domain::loading::loader::{
    Arrival, Command, FailureKind, Held, LoadError, LoadState, Loader, RequestId, ATTEMPTS,
    CONCURRENCY, SPACING_MS,
};
use call_records::domain::loading::tally::Tally;
use call_records::domain::Timestamp;

#[derive(Clone, Debug, PartialEq)]
struct Error(FailureKind);

impl LoadError for Error {
    fn kind(&self) -> FailureKind {
        self.0
    }
}

const NOW: Timestamp = Timestamp(1_764_000_000_000);

fn fetches(commands: &[Command]) -> Vec<(RequestId, Window)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Fetch { id, window, .. } => Some((*id, window.clone())),
            _ => None,
        })
        .collect()
}

fn outcome(count: usize) -> PageOutcome {
    PageOutcome {
        count,
        added: count,
        ..PageOutcome::default()
    }
}

/// A windowed load that has had one answer, with its other requests in flight.
fn loading() -> (Loader<Error>, Vec<(RequestId, Window)>) {
    let mut loader = Loader::default();
    let started = loader.start("c", LoadPlan::windowed(NOW, None), Held::Drop, 0);
    assert_eq!(started[0], Command::AbortAll);
    assert!(started.contains(&Command::ClearStore));
    let asked = fetches(&started);
    assert_eq!(asked.len(), CONCURRENCY);
    let (arrival, _) = loader.arrived(asked[0].0);
    assert_eq!(arrival, Arrival::Read);
    let more = loader.answered(asked[0].0, &outcome(10), &Tally::default(), None);
    let mut open: Vec<_> = asked[1..].to_vec();
    open.extend(fetches(&more));
    (loader, open)
}

#[test]
fn transient_failures_back_off_then_the_window_is_named() {
    let (mut loader, open) = loading();
    let (id, window) = open[0].clone();
    let cases = [(1, 500), (2, 1000)];
    for (attempt, ms) in cases {
        let commands = loader.failed(id, Error(FailureKind::Transient));
        assert_eq!(commands, [Command::Wait { id, ms }], "attempt {attempt}");
        let again = loader.timer_fired(id);
        assert_eq!(fetches(&again), [(id, window.clone())]);
    }
    let last = loader.failed(id, Error(FailureKind::Transient));
    assert!(
        fetches(&last).len() <= 1,
        "the slot goes to the next window"
    );
    assert_eq!(loader.progress().failed.len(), 1);
    assert_eq!(loader.progress().failed[0].window, window);
    assert_eq!(loader.progress().state, LoadState::Loading);
    assert_eq!(ATTEMPTS, 3);
}

#[test]
fn retry_after_is_waited_out_only_when_short_and_time_limits_are_not_retried() {
    let cases = [
        (FailureKind::RateLimited(Some(3)), Some(3000)),
        (FailureKind::RateLimited(Some(5)), Some(5000)),
        (FailureKind::RateLimited(Some(7)), None),
        (FailureKind::RateLimited(None), None),
        (FailureKind::TimedOut, None),
        (FailureKind::Final, None),
    ];
    for (kind, wait) in cases {
        let (mut loader, open) = loading();
        let (id, _) = open[0].clone();
        let commands = loader.failed(id, Error(kind));
        match wait {
            Some(ms) => assert_eq!(commands, [Command::Wait { id, ms }], "{kind:?}"),
            None => {
                assert!(
                    !commands.iter().any(|c| matches!(c, Command::Wait { .. })),
                    "{kind:?}"
                );
                assert_eq!(loader.progress().failed.len(), 1, "{kind:?}");
            }
        }
    }
}

#[test]
fn a_failure_before_any_answer_or_a_refused_key_fails_the_whole_load() {
    for kind in [
        FailureKind::TimedOut,
        FailureKind::Final,
        FailureKind::RateLimited(Some(60)),
    ] {
        let mut loader = Loader::<Error>::default();
        let asked = fetches(&loader.start("c", LoadPlan::windowed(NOW, None), Held::Drop, 0));
        let commands = loader.failed(asked[0].0, Error(kind));
        assert!(commands.contains(&Command::AbortAll), "{kind:?}");
        assert_eq!(loader.progress().state, LoadState::Failed(Error(kind)));
        // The others, aborted, are dropped.
        assert!(loader
            .failed(asked[1].0, Error(FailureKind::Aborted))
            .is_empty());
        assert_eq!(loader.progress().state, LoadState::Failed(Error(kind)));
    }
    let (mut loader, open) = loading();
    loader.failed(open[0].0, Error(FailureKind::Global));
    assert_eq!(
        loader.progress().state,
        LoadState::Failed(Error(FailureKind::Global))
    );
}

#[test]
fn stop_in_the_middle_of_a_window_gives_it_back_and_resume_asks_again() {
    let (mut loader, open) = loading();
    let (id, window) = open[0].clone();
    assert_eq!(loader.arrived(id).0, Arrival::Read);
    assert!(loader.is_reading(id));
    assert_eq!(loader.stop(), [Command::AbortAll]);
    assert!(!loader.is_reading(id), "the reader stops at the next slice");
    assert_eq!(loader.progress().state, LoadState::Stopped);
    // Late reports for the requests that were on the way change nothing.
    assert!(loader
        .answered(id, &outcome(5), &Tally::default(), None)
        .is_empty());
    assert!(loader
        .failed(open[1].0, Error(FailureKind::Aborted))
        .is_empty());
    let resumed = fetches(&loader.resume());
    assert!(
        resumed.iter().any(|(_, w)| *w == window),
        "the window comes again"
    );
    assert!(
        resumed
            .iter()
            .all(|(new, _)| !open.iter().any(|(old, _)| old == new)),
        "under new numbers"
    );
    assert_eq!(loader.progress().state, LoadState::Loading);
}

#[test]
fn a_wait_that_ends_after_stop_gives_the_window_back() {
    let (mut loader, open) = loading();
    let (id, window) = open[0].clone();
    loader.failed(id, Error(FailureKind::Transient));
    loader.stop();
    assert!(loader.timer_fired(id).is_empty());
    assert!(fetches(&loader.resume()).iter().any(|(_, w)| *w == window));
}

#[test]
fn an_answer_from_an_older_generation_is_dropped() {
    let (mut loader, open) = loading();
    let restarted = loader.start("c", LoadPlan::windowed(NOW, None), Held::Drop, 10);
    assert_eq!(restarted[0], Command::AbortAll);
    let (arrival, commands) = loader.arrived(open[0].0);
    assert_eq!(arrival, Arrival::Discard);
    assert!(commands.is_empty());
    assert!(loader
        .answered(open[0].0, &outcome(3), &Tally::default(), None)
        .is_empty());
    assert_eq!(loader.progress().answered, 0);
}

#[test]
fn a_refresh_keeps_the_calls_until_its_first_answer_and_keeps_them_if_it_fails() {
    // Succeeds: the first answer clears the old calls, once.
    let mut loader = Loader::<Error>::default();
    let asked = fetches(&loader.start(
        "c",
        LoadPlan::windowed(NOW, None),
        Held::KeepUntilAnswered,
        5,
    ));
    assert_eq!(loader.progress().loaded, 5, "the calls held still count");
    let (arrival, commands) = loader.arrived(asked[0].0);
    assert_eq!(
        (arrival, commands),
        (Arrival::Read, vec![Command::ClearStore])
    );
    assert!(loader.arrived(asked[1].0).1.is_empty(), "cleared once");

    // Fails before any answer: nothing is cleared, and the load says it failed.
    let mut loader = Loader::<Error>::default();
    let commands = loader.start(
        "c",
        LoadPlan::windowed(NOW, None),
        Held::KeepUntilAnswered,
        5,
    );
    assert!(!commands.contains(&Command::ClearStore));
    let asked = fetches(&commands);
    let failed = loader.failed(asked[0].0, Error(FailureKind::Final));
    assert!(!failed.contains(&Command::ClearStore));
    assert_eq!(
        loader.progress().state,
        LoadState::Failed(Error(FailureKind::Final))
    );
}

#[test]
fn failed_windows_are_asked_again_on_retry() {
    let (mut loader, open) = loading();
    let (id, window) = open[0].clone();
    loader.failed(id, Error(FailureKind::Final));
    assert_eq!(loader.progress().failed.len(), 1);
    let retried = fetches(&loader.retry_failed());
    assert!(loader.progress().failed.is_empty());
    // Asked when a slot is free: now, or as the requests on the way answer.
    let mut asked_again = retried.iter().any(|(_, w)| *w == window);
    for (other, _) in &open[1..] {
        asked_again |= fetches(&loader.answered(*other, &outcome(1), &Tally::default(), None))
            .iter()
            .any(|(_, w)| *w == window);
    }
    assert!(asked_again);
}

fn one_left_out() -> Tally {
    let mut tally = Tally::default();
    tally.leave_out("missing field `id`");
    tally
}

#[test]
fn a_single_request_load_completes_and_takes_the_total_it_gives() {
    let mut loader = Loader::<Error>::default();
    let asked = fetches(&loader.start("demo", LoadPlan::single(), Held::Drop, 0));
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].1, Window::everything());
    loader.arrived(asked[0].0);
    assert!(loader
        .answered(asked[0].0, &outcome(62), &one_left_out(), Some(62))
        .is_empty());
    assert_eq!(loader.progress().state, LoadState::Complete);
    assert_eq!(loader.progress().total, Some(62));
    assert_eq!(loader.progress().tally.left_out_count(), 1);
    assert_eq!(loader.progress().answered, 1);
}

#[test]
fn the_campaign_record_bounds_the_walk_and_gives_the_total() {
    let mut loader = Loader::<Error>::default();
    let mut open = fetches(&loader.start("c", LoadPlan::windowed(NOW, None), Held::Drop, 0));
    // A small campaign: what the first windows do not cover is asked for at once, beside them.
    open.extend(fetches(&loader.learn(
        Some(Timestamp(NOW.0 - 2 * 3_600_000)),
        Some(3),
        true,
    )));
    assert_eq!(loader.progress().total, Some(3));
    let mut asked = open.len();
    while let Some((id, _)) = open.pop() {
        loader.arrived(id);
        let more = fetches(&loader.answered(id, &outcome(0), &Tally::default(), None));
        asked += more.len();
        open.extend(more);
        assert!(asked < 30, "the walk ends");
    }
    assert_eq!(loader.progress().state, LoadState::Complete);
}

#[test]
fn a_dropped_connection_slows_the_load_to_one_spaced_request_then_it_climbs_back() {
    let (mut loader, open) = loading();
    let (dropped, _) = open[0].clone();
    // Four in flight when the connection is reset: one at a time from now on.
    let commands = loader.failed(dropped, Error(FailureKind::Dropped));
    assert_eq!(
        commands,
        [Command::Wait {
            id: dropped,
            ms: 500
        }]
    );
    // The others answer, and nothing new starts: the retry holds the one slot.
    for (id, _) in &open[1..] {
        loader.arrived(*id);
        let more = loader.answered(*id, &outcome(10), &Tally::default(), None);
        assert!(fetches(&more).is_empty(), "{more:?}");
    }
    // The retry goes once its wait is over (the wait was the spacing)...
    assert_eq!(fetches(&loader.timer_fired(dropped)).len(), 1);
    loader.arrived(dropped);
    // ...and the next request 200 ms after it answered.
    let next = loader.answered(dropped, &outcome(10), &Tally::default(), None);
    let started: Vec<(RequestId, u32)> = next
        .iter()
        .filter_map(|c| match c {
            Command::Fetch { id, delay_ms, .. } => Some((*id, *delay_ms)),
            _ => None,
        })
        .collect();
    // (Four answers in a row: two may be out now, the second 200 ms after the first.)
    let delays: Vec<u32> = started.iter().map(|s| s.1).collect();
    assert_eq!(delays, [SPACING_MS, 2 * SPACING_MS], "{next:?}");
    // Answers in a row raise the limit again, to one fewer than were out at the drop.
    let mut most = 0;
    let mut out: Vec<RequestId> = started.iter().map(|&(id, _)| id).collect();
    for _ in 0..40 {
        let Some(id) = out.pop() else { break };
        loader.arrived(id);
        out.extend(
            fetches(&loader.answered(id, &outcome(10), &Tally::default(), None))
                .iter()
                .map(|f| f.0),
        );
        most = most.max(out.len());
    }
    assert!((2..CONCURRENCY).contains(&most), "{most}");
}

/// Calls kept on the device stay for good: nothing clears them, they count as held and as from the
/// device, and the campaign's call count does not narrow the windows of the short stretch asked again.
#[test]
fn calls_kept_on_the_device_stay_and_only_the_recent_stretch_is_asked_for() {
    const DAY: i64 = 86_400_000;
    let since = Timestamp(NOW.0 - DAY);
    let plan = || {
        let mut plan = LoadPlan::windowed(NOW, None);
        plan.limit_start(since);
        plan
    };
    let walk = |held: Held| {
        let mut loader = Loader::<Error>::default();
        let mut commands = loader.start("c", plan(), held, 90_000);
        commands.extend(loader.learn(Some(Timestamp(NOW.0 - 60 * DAY)), Some(100_000), true));
        assert!(!commands.contains(&Command::ClearStore), "{held:?}");
        let mut asked = fetches(&commands);
        let mut windows = Vec::new();
        while let Some((id, window)) = asked.pop() {
            let (arrival, more) = loader.arrived(id);
            assert_eq!((arrival, more), (Arrival::Read, vec![]));
            windows.push(window);
            asked.extend(fetches(&loader.answered(
                id,
                &outcome(40),
                &Tally::default(),
                None,
            )));
        }
        assert_eq!(loader.progress().state, LoadState::Complete);
        (loader.progress().clone(), windows)
    };
    let (progress, windows) = walk(Held::Kept);
    assert_eq!((progress.loaded, progress.from_device), (90_000, 90_000));
    assert_eq!(
        progress.total,
        Some(100_000),
        "the count still says how many calls in all"
    );
    // Nothing older than the stretch is asked for, and a day takes a handful of windows, not the
    // hundreds that 100,000 calls spread over it would make.
    assert!(windows
        .iter()
        .all(|w| w.start.is_some_and(|s| s.0 >= since.0)));
    assert!(windows.len() <= 8, "{} windows", windows.len());
    let mut refresh = Loader::<Error>::default();
    let commands = refresh.start("c", plan(), Held::KeepUntilAnswered, 5);
    assert_eq!(refresh.progress().from_device, 0);
    assert!(!commands.contains(&Command::ClearStore));
}

#[test]
fn a_campaign_record_read_before_the_start_makes_a_small_campaign_one_request() {
    // The record came while the app was starting (browser/early.rs): the first requests are the whole
    // campaign at once: the newest hour, open-ended, then the rest down to a day before its creation
    // in parts of about 500 calls (900 over 31 days: two), the ones the page asked for early.
    let day = 24 * 3_600_000;
    let hour = 3_600_000;
    let created = Timestamp(NOW.0 - 30 * day);
    let mut loader = Loader::<Error>::default();
    let plan = LoadPlan::windowed(NOW, None);
    let started = loader.start_learned("c", plan, Held::Drop, 0, (Some(created), Some(900), true));
    let asked: Vec<_> = fetches(&started)
        .into_iter()
        .map(|(_, w)| (w.start, w.end))
        .collect();
    let part = (31.0 * day as f64 * 500.0 / 900.0) as i64;
    let at = |ms: i64| Some(Timestamp(ms));
    assert_eq!(
        asked,
        [
            (at(NOW.0 - hour), None),
            (at(NOW.0 - hour - part), at(NOW.0 - hour)),
            (at(created.0 - day), at(NOW.0 - hour - part)),
        ]
    );
    assert_eq!(loader.progress().total, Some(900));
    // A larger one walks from the newest hour, as when the record comes later.
    let mut loader = Loader::<Error>::default();
    let plan = LoadPlan::windowed(NOW, None);
    let started =
        loader.start_learned("c", plan, Held::Drop, 0, (Some(created), Some(9_000), true));
    let asked = fetches(&started);
    assert_eq!(asked.len(), CONCURRENCY);
    assert_eq!(asked[0].1.start, Some(Timestamp(NOW.0 - 3_600_000)));
}
