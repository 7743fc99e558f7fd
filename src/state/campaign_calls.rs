//! A campaign's calls, loaded progressively into one store that every view of the campaign reads.
//!
//! The load runs a [`LoadPlan`] with up to [`CONCURRENCY`] requests at a time. Each response is read,
//! added to the store and announced (the `version` signal), so the first rows show while the rest arrive.
//! A window that fails for a reason worth retrying is asked again with backoff; if it still fails it is
//! kept, named, and offered for retry, and the calls already loaded stay. Stop aborts what is on the way;
//! Resume asks again for it.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::pause::sleep;
use crate::api::{ApiClient, ApiError};
use crate::domain::load_plan::{LoadPlan, PageOutcome, Window};
use crate::domain::store::CallStore;
use crate::domain::{Campaign, Timestamp};

/// Requests in flight at once: enough to hide latency, few enough not to trip a rate limit.
pub const CONCURRENCY: usize = 3;
/// Attempts per window before it is reported as failed.
const ATTEMPTS: u32 = 3;
/// Records read per turn of the event loop: about 20 ms of work on a 2-core machine.
const READ_SLICE: usize = 250;

/// Where the load stands, for the progress line.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Loading,
    Stopped,
    Complete,
    /// Nothing could be loaded: the error, shown in place of the list, or above the calls of the
    /// previous load when this was a refresh (they stay until a refresh succeeds).
    Failed(ApiError),
}

/// A window that failed after its retries, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedWindow {
    pub window: Window,
    pub error: ApiError,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub state: LoadState,
    pub loaded: usize,
    /// How many calls the campaign has, when the API says.
    pub total: Option<u64>,
    pub failed: Vec<FailedWindow>,
    /// Records that were in a response but could not be read.
    pub skipped: usize,
    /// Requests answered with data (even none): until one is, a failure is the whole load's.
    pub answered: usize,
}

impl Progress {
    /// A load that has just begun.
    fn starting() -> Self {
        Progress {
            state: LoadState::Loading,
            loaded: 0,
            total: None,
            failed: Vec::new(),
            skipped: 0,
            answered: 0,
        }
    }
}

struct Loader {
    campaign_id: String,
    /// When the views were last told about new calls, and whether a later telling is scheduled.
    announced_at: f64,
    announce_pending: bool,
    plan: LoadPlan,
    controller: Option<web_sys::AbortController>,
    /// Changes whenever the load starts over; answers to an older load are dropped.
    generation: u64,
    /// A refresh is under way and the previous load's calls are still showing: they are dropped when
    /// the first answer of the refresh arrives, and kept if it fails.
    replace_on_answer: bool,
}

impl Loader {
    /// Cancels whatever is on the way.
    fn abort(&mut self) {
        if let Some(controller) = self.controller.take() {
            controller.abort();
        }
    }
}

/// Handle to a campaign's calls. Copy it freely.
#[derive(Clone, Copy)]
pub struct CampaignCalls {
    store: StoredValue<CallStore, LocalStorage>,
    loader: StoredValue<Rc<RefCell<Loader>>, LocalStorage>,
    /// Bumped when calls are added or cleared: anything that reads the store tracks it.
    pub version: RwSignal<u64>,
    pub progress: RwSignal<Progress>,
    api: ApiClient,
}

impl CampaignCalls {
    pub fn new(api: ApiClient) -> Self {
        CampaignCalls {
            store: StoredValue::new_local(CallStore::new()),
            loader: StoredValue::new_local(Rc::new(RefCell::new(Loader {
                campaign_id: String::new(),
                announced_at: 0.0,
                announce_pending: false,
                plan: LoadPlan::single(),
                controller: None,
                generation: 0,
                replace_on_answer: false,
            }))),
            version: RwSignal::new(0),
            progress: RwSignal::new(Progress::starting()),
            api,
        }
    }

    /// Reads the store; tracks `version`, so a memo or effect that calls this reruns as calls arrive.
    pub fn with<R>(&self, read: impl FnOnce(&mut CallStore) -> R) -> Option<R> {
        self.version.track();
        self.store.try_update_value(read)
    }

    /// Reads the store without tracking (event handlers).
    pub fn with_untracked<R>(&self, read: impl FnOnce(&mut CallStore) -> R) -> Option<R> {
        self.store.try_update_value(read)
    }

    /// Starts loading `campaign` from scratch. The calls of an earlier load of the same campaign stay on
    /// screen until the new load's first answer replaces them (so a refresh during an outage loses
    /// nothing); another campaign's are dropped at once.
    pub fn start(&self, campaign_id: &str) {
        let windowed = untrack(|| self.api.source().has_date_windows());
        let now = Timestamp(js_sys::Date::now() as i64);
        let plan = if windowed {
            LoadPlan::windowed(now, None)
        } else {
            LoadPlan::single()
        };
        let held = self.store.try_with_value(CallStore::len).unwrap_or(0);
        let started = self.with_loader(|loader| {
            let keep = loader.campaign_id == campaign_id && held > 0;
            loader.abort();
            loader.campaign_id = campaign_id.to_owned();
            loader.plan = plan;
            loader.generation += 1;
            loader.controller = web_sys::AbortController::new().ok();
            loader.replace_on_answer = keep;
            keep
        });
        let Some(keep) = started else {
            return;
        };
        let mut progress = Progress::starting();
        if keep {
            progress.loaded = held;
        } else {
            self.store.try_update_value(CallStore::clear);
            self.version.update(|v| *v += 1);
        }
        self.progress.set(progress);
        self.pump();
    }

    /// Loads the current campaign again (Refresh, and Try again after a failed load).
    pub fn refresh(&self) {
        if let Some(id) = self.with_loader(|loader| loader.campaign_id.clone()) {
            self.start(&id);
        }
    }

    /// What the campaign record says: its creation date ends the walk back, its call count is the total.
    pub fn learn(&self, campaign: &Campaign) {
        if let (Some(created), Some(loader)) = (campaign.created_at, self.loader.try_get_value()) {
            let mut loader = loader.borrow_mut();
            loader.plan.set_floor(created);
            if let Some(count) = campaign.call_count {
                loader.plan.set_expected(count);
            }
        }
        if let Some(total) = campaign.call_count {
            self.progress.update(|p| p.total = p.total.or(Some(total)));
        }
        self.settle();
    }

    /// Runs `change` on the loader, unless the page is gone.
    fn with_loader<R>(&self, change: impl FnOnce(&mut Loader) -> R) -> Option<R> {
        let loader = self.loader.try_get_value()?;
        let result = change(&mut loader.borrow_mut());
        Some(result)
    }

    /// Stops asking; what is on the way is cancelled and asked again on resume.
    pub fn stop(&self) {
        self.with_loader(|loader| {
            loader.plan.stop();
            loader.abort();
        });
        // The list catches up with what was read now, not at the next scheduled update.
        self.version.update(|v| *v += 1);
        self.settle();
    }

    pub fn resume(&self) {
        self.with_loader(|loader| {
            loader.plan.resume();
            if loader.controller.is_none() {
                loader.controller = web_sys::AbortController::new().ok();
            }
        });
        self.progress.update(|p| p.state = LoadState::Loading);
        self.pump();
    }

    /// Asks again for every window that failed.
    pub fn retry_failed(&self) {
        let failed = std::mem::take(&mut self.progress.write().failed);
        self.with_loader(|loader| {
            for failure in failed {
                loader.plan.retry(failure.window);
            }
        });
        self.resume();
    }

    /// Cancels everything, for when the page goes away.
    pub fn abandon(&self) {
        self.with_loader(|loader| {
            loader.generation += 1;
            loader.plan.stop();
            loader.abort();
        });
    }

    /// Starts requests while the plan has some and slots are free.
    fn pump(&self) {
        let Some(loader) = self.loader.try_get_value() else {
            return;
        };
        loop {
            let next = {
                let mut state = loader.borrow_mut();
                if state.plan.in_flight() >= CONCURRENCY {
                    None
                } else {
                    let signal = state.controller.as_ref().map(|c| c.signal());
                    match (state.plan.next_request(), signal) {
                        (Some(window), Some(signal)) => {
                            Some((window, signal, state.campaign_id.clone(), state.generation))
                        }
                        (Some(window), None) => {
                            // No controller: the load was stopped; give the window back.
                            state.plan.failed();
                            state.plan.retry(window);
                            None
                        }
                        (None, _) => None,
                    }
                }
            };
            let Some((window, signal, campaign_id, generation)) = next else {
                break;
            };
            let this = *self;
            spawn_local(async move {
                this.fetch(window, signal, campaign_id, generation).await;
            });
        }
        self.settle();
    }

    async fn fetch(
        self,
        window: Window,
        signal: web_sys::AbortSignal,
        campaign_id: String,
        generation: u64,
    ) {
        let mut attempt = 1;
        let result = loop {
            let result = self
                .api
                .calls_page(&campaign_id, &window, signal.clone())
                .await;
            match result {
                Err(error)
                    if worth_waiting_for(&error) && attempt < ATTEMPTS && !signal.aborted() =>
                {
                    sleep(backoff_ms(attempt, &error)).await;
                    attempt += 1;
                }
                other => break other,
            }
        };
        let Some(loader) = self.loader.try_get_value() else {
            return;
        };
        if loader.borrow().generation != generation {
            return;
        }
        match result {
            Ok(response) => {
                if std::mem::take(&mut loader.borrow_mut().replace_on_answer) {
                    // The refresh has answered: its calls replace the ones kept on screen.
                    self.store.try_update_value(CallStore::clear);
                    self.version.update(|v| *v += 1);
                    self.progress.update(|p| p.loaded = 0);
                }
                let mut outcome = PageOutcome {
                    count: response.len(),
                    next_cursor: response.next_cursor().map(str::to_owned),
                    has_next: response.has_next(),
                    ..PageOutcome::default()
                };
                // Records are read a slice at a time, yielding to the page between slices, so that a
                // large window never holds the main thread for long.
                let mut skipped = 0;
                for start in (0..response.len()).step_by(READ_SLICE) {
                    // Each slice in a task of its own: responses that land together, and the views
                    // redrawn for them, do not add up to one long task.
                    sleep(0).await;
                    if loader.borrow().generation != generation {
                        return;
                    }
                    if loader.borrow().plan.is_stopped() {
                        // Stopped while reading: the rest of this window is asked for again on resume
                        // (calls already read are not added twice).
                        let mut state = loader.borrow_mut();
                        state.plan.failed();
                        state.plan.retry(window);
                        drop(state);
                        self.settle();
                        return;
                    }
                    let added = self.store.try_update_value(|store| {
                        let mut added = 0;
                        for read in response.read(start..start + READ_SLICE) {
                            match read {
                                Ok(call) => {
                                    if let Some(at) = call.created_at.or(call.started_at) {
                                        outcome.oldest = Some(
                                            outcome.oldest.map_or(at, |o: Timestamp| o.min(at)),
                                        );
                                        outcome.outside_window |= !window.admits(at);
                                    }
                                    added += usize::from(store.add(call));
                                }
                                Err(_) => skipped += 1,
                            }
                        }
                        added
                    });
                    let Some(added) = added else {
                        return;
                    };
                    outcome.added += added;
                    let loaded = self.store.try_with_value(CallStore::len).unwrap_or(0);
                    self.progress.update(|p| p.loaded = loaded);
                    if added > 0 {
                        self.announce();
                    }
                }
                loader.borrow_mut().plan.done(&window, &outcome);
                self.progress.update(|p| {
                    p.answered += 1;
                    p.skipped += skipped;
                    if window.start.is_none() && window.end.is_none() {
                        p.total = response.total().or(p.total);
                    }
                });
            }
            Err(ApiError::Aborted) => {
                // Stopped: keep the window for resume.
                let mut state = loader.borrow_mut();
                state.plan.failed();
                state.plan.retry(window);
            }
            Err(error) => {
                loader.borrow_mut().plan.failed();
                let never_answered = self.progress.with_untracked(|p| p.answered == 0);
                if error.is_global() || never_answered {
                    // Every other window would fail the same way (the key, or a server that has not
                    // answered once): one message in place of the list, with a retry that starts over.
                    self.abandon();
                    self.progress.update(|p| p.state = LoadState::Failed(error));
                    return;
                }
                self.progress
                    .update(|p| p.failed.push(FailedWindow { window, error }));
            }
        }
        self.pump();
    }

    /// Tells the views that calls arrived: at once if they were last told a while ago, else once the
    /// while is over. The list, the counts and the chart then follow the load a few times a second
    /// instead of recomputing for each of hundreds of windows.
    fn announce(&self) {
        const EVERY_MS: f64 = 250.0;
        let Some(loader) = self.loader.try_get_value() else {
            return;
        };
        let now = js_sys::Date::now();
        let wait = {
            let mut state = loader.borrow_mut();
            let since = now - state.announced_at;
            if state.announce_pending {
                return;
            }
            state.announce_pending = true;
            (EVERY_MS - since).max(0.0)
        };
        // Always from a task of its own, so the redraw does not join the reading of calls in one task.
        let this = *self;
        spawn_local(async move {
            sleep(wait.ceil() as i32).await;
            if let Some(loader) = this.loader.try_get_value() {
                let mut state = loader.borrow_mut();
                state.announce_pending = false;
                state.announced_at = js_sys::Date::now();
            }
            this.version.try_update(|v| *v += 1);
        });
    }

    /// Brings the state in line with the plan once nothing more starts.
    fn settle(&self) {
        let Some(loader) = self.loader.try_get_value() else {
            return;
        };
        let state = {
            let loader = loader.borrow();
            if loader.plan.is_complete() {
                Some(LoadState::Complete)
            } else if loader.plan.is_stopped() && loader.plan.in_flight() == 0 {
                Some(LoadState::Stopped)
            } else {
                None
            }
        };
        if let Some(state) = state {
            self.progress.update(|p| {
                if !matches!(p.state, LoadState::Failed(_)) {
                    p.state = state;
                }
            });
        }
    }
}

/// Retry on our own only when the wait is short; a long `Retry-After` is the user's to wait out, with
/// the message saying how long. A request that timed out is not asked again unasked: three more time
/// limits would keep the reader waiting a minute for the same message.
fn worth_waiting_for(error: &ApiError) -> bool {
    match error {
        ApiError::RateLimited {
            retry_after_seconds: Some(s),
        } => *s <= 5,
        ApiError::TimedOut { .. } => false,
        other => other.is_retryable(),
    }
}

/// Waits before asking again: what a 429 says, else 0.5 s doubling per attempt.
fn backoff_ms(attempt: u32, error: &ApiError) -> i32 {
    match error {
        ApiError::RateLimited {
            retry_after_seconds: Some(s),
        } => (*s).min(30) as i32 * 1000,
        _ => 500 * 2i32.pow(attempt - 1),
    }
}

/// The calls of the campaign on screen.
pub fn use_campaign_calls() -> CampaignCalls {
    expect_context::<CampaignCalls>()
}
