//! Loading a campaign's calls, as a state machine: events in (a window answered or failed, a timer
//! fired, Stop, Resume, Refresh, ...), commands out (fetch this window, wait this long, abort what is on
//! the way, clear the calls held). The browser side only runs the commands and reports back, so every
//! decision here (retries and backoff, `Retry-After`, generations, stop and resume, what a refresh keeps)
//! is tested natively, with an injected clock.
//!
//! Which window comes next is the [`LoadPlan`]'s business; this decides what to do with each request.

use std::collections::BTreeMap;

use super::load_plan::{LoadPlan, PageOutcome, Window};
use super::scope::{too_large, AUTOMATIC_DAYS};
use super::tally::Tally;
use crate::domain::records::time::Timestamp;

/// Requests in flight at once: enough to hide latency, few enough not to trip a rate limit.
pub const CONCURRENCY: usize = 4;
/// After a request is dropped at the network level (Atlas drops connections under bursts), requests go
/// one at a time, this far apart (as an integration written for Atlas spaces them)...
pub const SPACING_MS: u32 = 200;
/// ...and one more may be in flight after this many answers in a row, up to one fewer than were in
/// flight when the drop came.
pub const CALM_ANSWERS: u32 = 4;
/// Attempts per window before it is reported as failed.
pub const ATTEMPTS: u32 = 3;
/// Attempts when the connection itself fails: with the requests spaced and backing off (8 s before the
/// last), a burst the server dropped has long passed.
pub const DROPPED_ATTEMPTS: u32 = 5;
/// A `Retry-After` up to this many seconds is waited out unasked; a longer one is the reader's to wait,
/// with the message saying how long.
pub const LONGEST_QUIET_WAIT_SECONDS: u64 = 5;

/// What kind of failure a request had, as far as loading cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Cancelled on our side (Stop, a refresh, the page going away).
    Aborted,
    /// No answer within the time limit. Not retried unasked: more limits would keep the reader
    /// waiting a minute for the same message.
    TimedOut,
    /// The server asks to slow down, for this many seconds when it says.
    RateLimited(Option<u64>),
    /// Worth trying again unchanged (5xx).
    Transient,
    /// The connection failed with no HTTP status (reset, refused, dropped): tried again, with fewer
    /// requests in flight.
    Dropped,
    /// Every other request would fail the same way (the key): the load stops at once.
    Global,
    /// Trying again unchanged will not help.
    Final,
}

/// An error the loader can classify; the API's error type implements it.
pub trait LoadError: Clone + std::fmt::Debug + PartialEq {
    fn kind(&self) -> FailureKind;
}

/// One request of the load. Numbers are never reused, so an answer to a forgotten request (an older
/// generation, or one given back on Stop) is recognised and dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId(pub u64);

/// Where the load stands, for the progress line.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState<E> {
    Loading,
    Stopped,
    Complete,
    /// Nothing could be loaded: shown in place of the list, or above the calls of the previous load
    /// when this was a refresh (they stay until a refresh succeeds).
    Failed(E),
}

/// A window that failed after its retries, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedWindow<E> {
    pub window: Window,
    pub error: E,
}

/// What the progress line shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress<E> {
    pub state: LoadState<E>,
    /// Calls held (kept up to date by the side that holds them).
    pub loaded: usize,
    /// How many calls the campaign has, when the API says.
    pub total: Option<u64>,
    pub failed: Vec<FailedWindow<E>>,
    /// What the responses held and what became of each record (listed, duplicate, left out and why).
    pub tally: Tally,
    /// Requests answered with data (even none): until one is, a failure is the whole load's.
    pub answered: usize,
    /// The last so many days only, because the campaign is too large to load whole (see `scope`).
    pub limited: Option<u32>,
    /// Calls shown from this device (kept by an earlier visit), not asked for again.
    pub from_device: usize,
}

impl<E> Progress<E> {
    fn starting(loaded: usize) -> Self {
        Progress {
            state: LoadState::Loading,
            loaded,
            total: None,
            failed: Vec::new(),
            tally: Tally::default(),
            answered: 0,
            limited: None,
            from_device: 0,
        }
    }
}

/// What the browser side should do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask for this window, after `delay_ms`; report [`Loader::arrived`] and [`Loader::answered`], or
    /// [`Loader::failed`].
    Fetch {
        id: RequestId,
        window: Window,
        delay_ms: u32,
    },
    /// Wait, then report [`Loader::timer_fired`].
    Wait { id: RequestId, ms: u32 },
    /// Cancel every request on the way (their failures are dropped).
    AbortAll,
    /// Forget the calls held.
    ClearStore,
}

/// Whether to read a response that arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// Read it, after running the commands (the first answer of a refresh clears the old calls).
    Read,
    /// It belongs to a request that was given up on: drop it.
    Discard,
}

#[derive(Clone, Debug)]
enum Phase {
    Asked,
    Waiting,
    Reading,
}

#[derive(Clone, Debug)]
struct Pending {
    window: Window,
    attempt: u32,
    phase: Phase,
}

/// Whether the calls already held stay while a new load starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// Keep them until the first answer (a refresh of the same campaign).
    KeepUntilAnswered,
    /// Drop them now (another campaign, or nothing held).
    Drop,
    /// Keep them for good: they were kept on this device, and this load only asks for what may have
    /// changed since (the plan begins where they may). The campaign's call count then sizes nothing:
    /// spread over the short stretch asked for, it would make the windows far too narrow.
    Kept,
}

/// The load of one campaign's calls.
#[derive(Debug)]
pub struct Loader<E> {
    plan: LoadPlan,
    campaign: String,
    pending: BTreeMap<RequestId, Pending>,
    next_id: u64,
    progress: Progress<E>,
    /// A refresh is under way and the previous load's calls are still held.
    keeping: bool,
    /// The calls held came from this device; only what may have changed since is asked for.
    kept: bool,
    /// Requests allowed in flight now: [`CONCURRENCY`], or fewer after a drop.
    concurrency: usize,
    /// The most allowed until the load starts again: one fewer than were in flight at the last drop.
    ceiling: usize,
    /// Answers in a row since the last drop or raise.
    calm: u32,
}

impl<E: LoadError> Default for Loader<E> {
    fn default() -> Self {
        Loader {
            plan: LoadPlan::single(),
            campaign: String::new(),
            pending: BTreeMap::new(),
            next_id: 0,
            progress: Progress::starting(0),
            keeping: false,
            kept: false,
            concurrency: CONCURRENCY,
            ceiling: CONCURRENCY,
            calm: 0,
        }
    }
}

impl<E: LoadError> Loader<E> {
    pub fn progress(&self) -> &Progress<E> {
        &self.progress
    }

    pub fn campaign(&self) -> &str {
        &self.campaign
    }

    /// The campaign's figures say it is small: its few bodies are read on the page, and the reading
    /// workers (their own wasm, fetched and compiled) are not started for them.
    pub fn is_small(&self) -> bool {
        self.plan.is_small()
    }

    pub fn is_stopped(&self) -> bool {
        self.plan.is_stopped()
    }

    /// Whether the response to `id` is still wanted (checked between slices while reading it).
    pub fn is_reading(&self, id: RequestId) -> bool {
        matches!(
            self.pending.get(&id),
            Some(Pending {
                phase: Phase::Reading,
                ..
            })
        )
    }

    /// Starts loading `campaign` over `plan` (date windows from now, or one request for everything).
    /// `held` says what becomes of the calls already held.
    pub fn start(
        &mut self,
        campaign: &str,
        plan: LoadPlan,
        held: Held,
        loaded: usize,
    ) -> Vec<Command> {
        let mut commands = self.begin(campaign, plan, held, loaded);
        self.pump(&mut commands);
        commands
    }

    /// [`Self::start`] with the campaign record already read (it came while the app's code was still
    /// on its way: `browser/early.rs`): the first requests are chosen knowing its figures, so a small
    /// campaign is asked for whole in one request instead of by its first windows and then the rest.
    pub fn start_learned(
        &mut self,
        campaign: &str,
        plan: LoadPlan,
        held: Held,
        loaded: usize,
        figures: (Option<Timestamp>, Option<u64>, bool),
    ) -> Vec<Command> {
        let mut commands = self.begin(campaign, plan, held, loaded);
        let (created_at, call_count, automatic) = figures;
        commands.extend(self.learn(created_at, call_count, automatic));
        commands
    }

    /// A start's state, without asking for anything yet.
    fn begin(&mut self, campaign: &str, plan: LoadPlan, held: Held, loaded: usize) -> Vec<Command> {
        let mut commands = vec![Command::AbortAll];
        self.pending.clear();
        self.campaign = campaign.to_owned();
        self.plan = plan;
        self.concurrency = CONCURRENCY;
        self.ceiling = CONCURRENCY;
        self.calm = 0;
        self.keeping = held == Held::KeepUntilAnswered;
        self.kept = held == Held::Kept;
        if self.kept {
            self.progress = Progress::starting(loaded);
            self.progress.from_device = loaded;
        } else if self.keeping {
            // The calls on screen, and the account of them, stay until the first answer.
            let tally = std::mem::take(&mut self.progress.tally);
            self.progress = Progress::starting(loaded);
            self.progress.tally = tally;
        } else {
            commands.push(Command::ClearStore);
            self.progress = Progress::starting(0);
        }
        commands
    }

    /// What the campaign record says: its creation date ends the walk back, its call count is the total.
    /// With `automatic` scope (none chosen), a campaign too large to load whole is loaded for its last
    /// [`AUTOMATIC_DAYS`] days only; the walk, newest first, just ends sooner.
    pub fn learn(
        &mut self,
        created_at: Option<Timestamp>,
        call_count: Option<u64>,
        automatic: bool,
    ) -> Vec<Command> {
        if automatic && too_large(call_count) && self.progress.limited.is_none() {
            self.plan.limit_to_recent(AUTOMATIC_DAYS);
            self.progress.limited = Some(AUTOMATIC_DAYS);
        }
        if let Some(created) = created_at {
            self.plan.set_floor(created);
            if let Some(count) = call_count.filter(|_| !self.kept) {
                self.plan.set_expected(count);
            }
        }
        if call_count.is_some() {
            self.progress.total = self.progress.total.or(call_count);
        }
        let mut commands = Vec::new();
        self.pump(&mut commands);
        commands
    }

    /// A response arrived for `id`, before it is read.
    pub fn arrived(&mut self, id: RequestId) -> (Arrival, Vec<Command>) {
        let Some(pending) = self.pending.get_mut(&id) else {
            return (Arrival::Discard, Vec::new());
        };
        pending.phase = Phase::Reading;
        let mut commands = Vec::new();
        if std::mem::take(&mut self.keeping) {
            // The refresh has answered: its calls replace the ones kept on screen.
            commands.push(Command::ClearStore);
            self.progress.loaded = 0;
            self.progress.tally = Tally::default();
        }
        (Arrival::Read, commands)
    }

    /// The response to `id` has been read: what it held (`tally`), and the count it gave, if any.
    pub fn answered(
        &mut self,
        id: RequestId,
        outcome: &PageOutcome,
        tally: &Tally,
        total: Option<u64>,
    ) -> Vec<Command> {
        let Some(pending) = self.pending.remove(&id) else {
            return Vec::new();
        };
        self.plan.done(&pending.window, outcome);
        self.progress.answered += 1;
        if self.concurrency < self.ceiling {
            self.calm += 1;
            if self.calm >= CALM_ANSWERS {
                self.calm = 0;
                self.concurrency += 1;
            }
        }
        self.progress.tally.add(tally);
        if pending.window.start.is_none() && pending.window.end.is_none() {
            self.progress.total = total.or(self.progress.total);
        }
        let mut commands = Vec::new();
        self.pump(&mut commands);
        commands
    }

    /// The request `id` failed.
    pub fn failed(&mut self, id: RequestId, error: E) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(pending) = self.pending.get_mut(&id) else {
            return commands;
        };
        let kind = error.kind();
        if kind == FailureKind::Dropped {
            // One at a time, spaced, then a slow climb back to one fewer than this drop had in flight.
            self.ceiling = self
                .plan
                .in_flight()
                .saturating_sub(1)
                .clamp(1, CONCURRENCY);
            self.concurrency = 1;
            self.calm = 0;
        }
        let wait_ms = match kind {
            FailureKind::RateLimited(Some(s)) if s <= LONGEST_QUIET_WAIT_SECONDS => {
                Some(s as u32 * 1000)
            }
            FailureKind::Transient | FailureKind::Dropped => {
                Some(500 * 2u32.pow(pending.attempt.saturating_sub(1)))
            }
            _ => None,
        };
        if kind == FailureKind::Aborted || self.plan.is_stopped() {
            // Cancelled on our side: the window is given back and asked again on resume. (An abort
            // nobody asked for stops the load rather than asking again at once, which could loop.)
            self.plan.stop();
            self.give_back(id);
            self.settle();
            return commands;
        }
        let attempts = if kind == FailureKind::Dropped {
            DROPPED_ATTEMPTS
        } else {
            ATTEMPTS
        };
        if let Some(ms) = wait_ms.filter(|_| pending.attempt < attempts) {
            pending.attempt += 1;
            pending.phase = Phase::Waiting;
            commands.push(Command::Wait { id, ms });
            return commands;
        }
        let Some(pending) = self.pending.remove(&id) else {
            return commands;
        };
        self.plan.failed();
        if kind == FailureKind::Global || self.progress.answered == 0 {
            // Every other window would fail the same way (the key, or a server that has not answered
            // once): one message in place of the list, with a retry that starts over.
            self.abandon_into(&mut commands);
            self.progress.state = LoadState::Failed(error);
            return commands;
        }
        self.progress.failed.push(FailedWindow {
            window: pending.window,
            error,
        });
        self.pump(&mut commands);
        commands
    }

    /// The wait of `id` is over: ask again.
    pub fn timer_fired(&mut self, id: RequestId) -> Vec<Command> {
        let mut commands = Vec::new();
        let stopped = self.plan.is_stopped();
        // Requests on the wire now: retries whose waits end together must not make a burst again.
        let active = self
            .pending
            .values()
            .filter(|p| !matches!(p.phase, Phase::Waiting))
            .count();
        let Some(pending) = self.pending.get_mut(&id) else {
            return commands;
        };
        if !stopped && active >= self.concurrency {
            commands.push(Command::Wait { id, ms: SPACING_MS });
            return commands;
        }
        if stopped {
            self.give_back(id);
            self.settle();
            return commands;
        }
        pending.phase = Phase::Asked;
        // The wait was the spacing.
        commands.push(Command::Fetch {
            id,
            window: pending.window.clone(),
            delay_ms: 0,
        });
        commands
    }

    /// The reader pressed Stop: what is on the way is cancelled and asked for again on resume.
    pub fn stop(&mut self) -> Vec<Command> {
        self.plan.stop();
        let ids: Vec<RequestId> = self.pending.keys().copied().collect();
        for id in ids {
            self.give_back(id);
        }
        self.settle();
        vec![Command::AbortAll]
    }

    pub fn resume(&mut self) -> Vec<Command> {
        self.plan.resume();
        if !matches!(self.progress.state, LoadState::Failed(_)) {
            self.progress.state = LoadState::Loading;
        }
        let mut commands = Vec::new();
        self.pump(&mut commands);
        commands
    }

    /// Asks again for every window that failed.
    pub fn retry_failed(&mut self) -> Vec<Command> {
        for failure in std::mem::take(&mut self.progress.failed) {
            self.plan.retry(failure.window);
        }
        self.resume()
    }

    /// Cancels everything, for when the page goes away.
    pub fn abandon(&mut self) -> Vec<Command> {
        let mut commands = Vec::new();
        self.abandon_into(&mut commands);
        commands
    }

    fn abandon_into(&mut self, commands: &mut Vec<Command>) {
        self.plan.stop();
        self.pending.clear();
        commands.push(Command::AbortAll);
    }

    /// Gives a request's window back to the plan, to be asked for again, and forgets the request.
    fn give_back(&mut self, id: RequestId) {
        if let Some(pending) = self.pending.remove(&id) {
            // Back in the queue first: the plan is not complete, and asks no probes yet.
            self.plan.retry(pending.window);
            self.plan.failed();
        }
    }

    /// Starts requests while the plan has some and slots are free.
    fn pump(&mut self, commands: &mut Vec<Command>) {
        let mut started = 0;
        while self.plan.in_flight() < self.concurrency + usize::from(self.plan.whole_rest_due()) {
            let Some(window) = self.plan.next_request() else {
                break;
            };
            let id = RequestId(self.next_id);
            self.next_id += 1;
            self.pending.insert(
                id,
                Pending {
                    window: window.clone(),
                    attempt: 1,
                    phase: Phase::Asked,
                },
            );
            // After a drop, requests that start together leave one after another.
            started += 1;
            let delay_ms = if self.concurrency < CONCURRENCY {
                SPACING_MS * started
            } else {
                0
            };
            commands.push(Command::Fetch {
                id,
                window,
                delay_ms,
            });
        }
        self.settle();
    }

    /// Brings the state in line with the plan once nothing more starts.
    fn settle(&mut self) {
        if matches!(self.progress.state, LoadState::Failed(_)) {
            return;
        }
        if self.plan.is_complete() {
            self.progress.state = LoadState::Complete;
        } else if self.plan.is_stopped() && self.pending.is_empty() {
            self.progress.state = LoadState::Stopped;
        }
    }
}
