//! A campaign's calls, loaded progressively into one store that every view of the campaign reads.
//!
//! The decisions (which window, retries, backoff, stop and resume, what a refresh keeps) are the
//! [`Loader`]'s, a state machine tested natively. This side runs its commands: requests, timers,
//! aborts; it reads each response a slice at a time into the store, and tells the views a few times a
//! second that calls arrived (the `version` signal).

mod fetch;
mod kept;

pub use kept::{forget_kept, kept_size};

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::pause::{next_task, sleep};
use crate::api::{ApiClient, ApiError};
use crate::browser::early::{self, EarlyRecord};
use crate::browser::reader_worker;
use crate::domain::loading::load_plan::LoadPlan;
use crate::domain::loading::loader::{self, Command, Held, Loader};
use crate::domain::loading::scope::Scope;
use crate::domain::records::time::Day;
use crate::domain::search::store::CallStore;
use crate::domain::{Campaign, Timestamp};

/// The views are told about new calls at most this often, and less often as the store grows (each telling
/// runs the view over every call): a quarter second at first, a second from 150,000 calls.
fn announce_every_ms(loaded: usize) -> f64 {
    (250.0 + loaded as f64 / 200.0).min(1_000.0)
}

pub type LoadState = loader::LoadState<ApiError>;
pub type Progress = loader::Progress<ApiError>;
pub type FailedWindow = loader::FailedWindow<ApiError>;

/// What the browser side holds besides the machine.
struct Runner {
    machine: Loader<ApiError>,
    controller: Option<web_sys::AbortController>,
    /// When the views were last told about new calls, and whether a later telling is scheduled.
    announced_at: f64,
    announce_pending: bool,
    /// Calls arrived that the views have not been told about yet.
    untold: bool,
    /// The load's first calls were told: reading waits for them to be painted.
    first_paint_due: bool,
    /// No scope was chosen: a campaign too large to load whole is limited to its recent calls.
    automatic: bool,
    /// The campaign record, once read, for a load started again (another scope) to learn from.
    learned: Option<Campaign>,
    /// The campaign and scope of the load under way, so an unchanged pair is not started again.
    started: Option<(String, Option<Scope>)>,
    /// Counts the starts, so a reading of kept calls knows when a later start took over.
    generation: u64,
    /// The kept set is being looked up: the machine starts once it is (the campaign record waits).
    waiting: bool,
    /// The calls kept on this device are going into the store: the load is not over before they are.
    reading_kept: bool,
    /// How many calls of the store came from this device.
    from_device: usize,
    /// This load's calls are being kept on the device.
    keeping: Option<kept::Keeping>,
}

/// How long a load waits for the campaign record the page's HTML asked for, when it is on its way as
/// the load starts: it was sent about 300 ms before, while the wasm came, so it is most often in
/// already; past this the load walks from the newest hour without it, as it would have.
const EARLY_RECORD_WAIT_MS: i32 = 1_000;

/// A load [`CampaignCalls::start`] prepared, for [`CampaignCalls::begin`].
struct Begin {
    campaign: String,
    plan: LoadPlan,
    held: Held,
    loaded: usize,
    /// No scope was chosen (see `Runner::automatic`).
    automatic: bool,
    /// The calls on screen are this campaign's (a refresh, or another scope).
    same_campaign: bool,
    /// The plan is the whole campaign by date windows from `now` (no scope).
    whole: bool,
    now: Timestamp,
}

/// Handle to a campaign's calls. Copy it freely.
#[derive(Clone, Copy)]
pub struct CampaignCalls {
    store: StoredValue<CallStore, LocalStorage>,
    runner: StoredValue<Rc<RefCell<Runner>>, LocalStorage>,
    /// Bumped when calls are added or cleared: anything that reads the store tracks it.
    pub version: RwSignal<u64>,
    /// The viewer's UTC offset in minutes on a day, for the days of a scope.
    offset_at: fn(Day) -> i32,
    pub progress: RwSignal<Progress>,
    api: ApiClient,
    /// The user keeps loaded calls on this device (read when a load starts).
    keep_calls: Signal<bool>,
    /// Why the calls could not be kept on this device, when a write failed.
    pub keep_problem: RwSignal<Option<String>>,
}

impl CampaignCalls {
    pub fn new(api: ApiClient, offset_at: fn(Day) -> i32, keep_calls: Signal<bool>) -> Self {
        CampaignCalls {
            offset_at,
            store: StoredValue::new_local(CallStore::new()),
            runner: StoredValue::new_local(Rc::new(RefCell::new(Runner {
                machine: Loader::default(),
                controller: None,
                announced_at: 0.0,
                announce_pending: false,
                untold: false,
                first_paint_due: false,
                automatic: true,
                learned: None,
                started: None,
                generation: 0,
                waiting: false,
                reading_kept: false,
                from_device: 0,
                keeping: None,
            }))),
            version: RwSignal::new(0),
            progress: RwSignal::new(Loader::<ApiError>::default().progress().clone()),
            api,
            keep_calls,
            keep_problem: RwSignal::new(None),
        }
    }

    /// Reads the store; tracks `version`, so a memo or effect that calls this reruns as calls arrive.
    pub fn read<R>(&self, read: impl FnOnce(&CallStore) -> R) -> Option<R> {
        self.version.track();
        self.store.try_with_value(read)
    }

    /// Reads the store without tracking (event handlers).
    pub fn read_untracked<R>(&self, read: impl FnOnce(&CallStore) -> R) -> Option<R> {
        self.store.try_with_value(read)
    }

    /// Runs a query that may fill the store's caches (search results, sort orders); tracks `version`.
    pub fn query<R>(&self, query: impl FnOnce(&mut CallStore) -> R) -> Option<R> {
        self.version.track();
        self.store.try_update_value(query)
    }

    /// Starts loading `campaign_id` within `scope` (none: everything, or the recent calls of a campaign
    /// too large to load whole). The calls of an earlier load of the same campaign stay on screen until
    /// the new load's first answer replaces them (so a refresh during an outage loses nothing); another
    /// campaign's are dropped at once.
    pub fn start(&self, campaign_id: &str, scope: Option<Scope>) {
        let offset_at = self.offset_at;
        let windowed = untrack(|| self.api.source().has_date_windows());
        let now = now();
        let plan = match (&scope, windowed) {
            (_, false) => LoadPlan::single(),
            (None | Some(Scope::Everything), true) => LoadPlan::windowed(now, None),
            (Some(scope), true) => {
                let (start, end) = scope.bounds(now, &offset_at);
                LoadPlan::scoped(now, start, end)
            }
        };
        let held = self.store.try_with_value(CallStore::len).unwrap_or(0);
        let campaign = self.current_campaign();
        let same_campaign = campaign.as_deref() == Some(campaign_id);
        let whole = windowed && matches!(scope, None | Some(Scope::Everything));
        let keeping = whole.then(|| self.keeping_for(campaign_id, now)).flatten();
        // Opened afresh (not a refresh of the calls on screen): from the calls kept on this device.
        let reopen = keeping.is_some() && !(same_campaign && held > 0);
        let generation = self.with_runner(|runner| {
            runner.automatic = scope.is_none();
            runner.started = Some((campaign_id.to_owned(), scope.clone()));
            runner.generation += 1;
            runner.waiting = reopen;
            runner.reading_kept = reopen;
            runner.from_device = 0;
            runner.keeping = if reopen { None } else { keeping };
            runner.generation
        });
        // The record, asked for by the page's HTML while the app started, may be in or on its way: the
        // first requests then know the campaign's size (a small one is asked for whole, in one request).
        let early = windowed
            .then(|| self.api.early_campaign(campaign_id))
            .flatten();
        self.keep_problem.try_set(None);
        if reopen {
            self.run(Loader::abandon);
            self.store.try_update_value(CallStore::clear);
            self.version.try_update(|v| *v += 1);
            let mut reading = Loader::<ApiError>::default().progress().clone();
            reading.loaded = 0;
            self.progress.try_set(reading);
            if let Some(generation) = generation {
                spawn_local(self.reopen(campaign_id.to_owned(), generation, now));
            }
            return;
        }
        let held_calls = if same_campaign && held > 0 {
            Held::KeepUntilAnswered
        } else {
            Held::Drop
        };
        let begin = Begin {
            campaign: campaign_id.to_owned(),
            plan,
            held: held_calls,
            loaded: held,
            automatic: scope.is_none(),
            same_campaign,
            whole,
            now,
        };
        match early {
            Some(EarlyRecord::Coming(coming)) if held_calls == Held::Drop => {
                // Sent about when the wasm was fetched, it is due any moment: waiting for it saves a
                // round of requests. The old calls go now; the load starts once it comes (or not).
                self.with_runner(|runner| runner.waiting = true);
                self.run(Loader::abandon);
                self.store.try_update_value(CallStore::clear);
                self.version.try_update(|v| *v += 1);
                self.progress
                    .try_set(Loader::<ApiError>::default().progress().clone());
                let this = *self;
                spawn_local(async move {
                    let text = early::arrived(coming, EARLY_RECORD_WAIT_MS).await;
                    let record = text.and_then(|t| crate::wire::parse_campaign(&t).ok());
                    let current = this.with_runner(|runner| {
                        let current = Some(runner.generation) == generation;
                        if current {
                            runner.waiting = false;
                        }
                        // Failed or late: the page's own request for the record may have come meanwhile.
                        let learned = runner
                            .learned
                            .clone()
                            .filter(|learned| learned.id == begin.campaign);
                        current.then(|| record.or(learned))
                    });
                    if let Some(record) = current.flatten() {
                        this.begin(begin, record);
                    }
                });
            }
            Some(EarlyRecord::In(text)) => {
                self.begin(begin, crate::wire::parse_campaign(&text).ok());
            }
            _ => self.begin(begin, None),
        }
    }

    /// Starts the machine on a load [`Self::start`] prepared, knowing the campaign `record` if it has
    /// come.
    fn begin(&self, begin: Begin, record: Option<Campaign>) {
        let Begin {
            campaign,
            plan,
            held,
            loaded,
            automatic,
            same_campaign,
            whole,
            now,
        } = begin;
        // The page's script asked for the first windows from its own "now" (moments before): the
        // plan starts there, so that they are the windows it asks for.
        let guessed = early::guessed_at().filter(|at| (now.0 - at).abs() < 60_000);
        let plan = match guessed {
            Some(at) if whole && held == Held::Drop => LoadPlan::windowed(Timestamp(at), None),
            _ => plan,
        };
        if let Some(record) = &record {
            self.with_runner(|runner| runner.learned = Some(record.clone()));
        }
        self.run(|machine| match (&record, held) {
            (Some(record), Held::Drop) => {
                let figures = (record.created_at, record.call_count, automatic);
                machine.start_learned(&campaign, plan, held, loaded, figures)
            }
            _ => machine.start(&campaign, plan, held, loaded),
        });
        if record.is_some() {
            self.warm_up_readers();
        }
        // A campaign record already read tells the new load its size and start at once.
        if same_campaign {
            if let Some(learned) = self.with_runner(|runner| runner.learned.clone()).flatten() {
                self.learn(&learned);
            }
        }
    }

    fn current_campaign(&self) -> Option<String> {
        self.with_runner(|runner| runner.machine.campaign().to_owned())
            .filter(|c| !c.is_empty())
    }

    /// Loads the current campaign again (Refresh, and Try again after a failed load).
    pub fn refresh(&self) {
        let started = self.with_runner(|runner| runner.started.clone()).flatten();
        if let Some((campaign, scope)) = started {
            self.start(&campaign, scope);
        }
    }

    /// What the campaign record says: its creation date ends the walk back, its call count is the total.
    pub fn learn(&self, campaign: &Campaign) {
        let Some((automatic, waiting)) = self.with_runner(|runner| {
            runner.learned = Some(campaign.clone());
            (runner.automatic, runner.waiting)
        }) else {
            return;
        };
        // The machine starts once the kept set is looked up, and learns it then.
        if waiting {
            return;
        }
        self.run(|machine| machine.learn(campaign.created_at, campaign.call_count, automatic));
        self.warm_up_readers();
    }

    /// Starts the reading workers unless the machine's figures say the campaign is small (its bodies
    /// are then read on the page: see `Loader::is_small`). Called as the figures come, about when the
    /// first, small windows go out, so the workers are ready for the large ones; without figures, the
    /// first body read on the page starts them.
    fn warm_up_readers(&self) {
        if self.with_runner(|runner| runner.machine.is_small()) == Some(false) {
            reader_worker::warm_up();
        }
    }

    /// Stops asking; what is on the way is cancelled and asked again on resume.
    pub fn stop(&self) {
        self.run(Loader::stop);
        // The list catches up with what was read now, not at the next scheduled update.
        self.version.update(|v| *v += 1);
    }

    pub fn resume(&self) {
        self.warm_up_readers();
        self.run(Loader::resume);
    }

    /// Asks again for every window that failed.
    pub fn retry_failed(&self) {
        self.run(Loader::retry_failed);
    }

    /// Cancels everything, for when the page goes away.
    pub fn abandon(&self) {
        // A start still waiting for its campaign record, or reading kept calls, stops there too.
        self.with_runner(|runner| runner.generation += 1);
        self.run(Loader::abandon);
    }

    fn with_runner<R>(&self, change: impl FnOnce(&mut Runner) -> R) -> Option<R> {
        let runner = self.runner.try_get_value()?;
        let result = change(&mut runner.borrow_mut());
        Some(result)
    }

    /// Feeds the machine one event, then runs the commands it gives and shows its progress.
    fn run(&self, event: impl FnOnce(&mut Loader<ApiError>) -> Vec<Command>) {
        let Some(commands) = self.with_runner(|runner| event(&mut runner.machine)) else {
            return;
        };
        self.execute(commands);
    }

    fn execute(&self, commands: Vec<Command>) {
        for command in commands {
            match command {
                Command::Fetch {
                    id,
                    window,
                    delay_ms,
                } => {
                    let this = *self;
                    spawn_local(async move {
                        // Each request made in a task of its own: made in the page's first render,
                        // the requests made that one task 100–120 ms long (in a trace).
                        if delay_ms > 0 {
                            sleep(i32::try_from(delay_ms).unwrap_or(i32::MAX)).await;
                        } else {
                            next_task().await;
                        }
                        this.fetch(id, window).await
                    });
                }
                Command::Wait { id, ms } => {
                    let this = *self;
                    spawn_local(async move {
                        sleep(i32::try_from(ms).unwrap_or(i32::MAX)).await;
                        this.run(|machine| machine.timer_fired(id));
                    });
                }
                Command::AbortAll => {
                    self.with_runner(|runner| {
                        if let Some(controller) = runner.controller.take() {
                            controller.abort();
                        }
                    });
                }
                Command::ClearStore => {
                    self.store.try_update_value(CallStore::clear);
                    self.version.try_update(|v| *v += 1);
                }
            }
        }
        self.show_progress();
    }

    /// Copies the machine's progress to the signal, with the count of calls held.
    fn show_progress(&self) {
        let loaded = self.store.try_with_value(CallStore::len).unwrap_or(0);
        let shown = self.with_runner(|runner| {
            let mut progress = runner.machine.progress().clone();
            progress.from_device = runner.from_device;
            // The API's part may be in before the device's.
            if runner.reading_kept && progress.state == LoadState::Complete {
                progress.state = LoadState::Loading;
            }
            progress
        });
        if let Some(mut progress) = shown {
            progress.loaded = loaded;
            if progress.state != LoadState::Loading {
                reader_worker::rest();
            }
            if progress.state == LoadState::Complete {
                // The last calls are shown now, not when the next telling was due (up to a quarter
                // second later: at 1,000 calls, a sixth of the whole load).
                self.tell_now();
                self.commit_if_done();
            }
            if self.progress.try_with_untracked(|p| *p != progress) == Some(true) {
                self.progress.try_set(progress);
            }
        }
    }

    /// The signal every request of this load listens to: a new one after each abort.
    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.with_runner(|runner| {
            if runner.controller.is_none() {
                runner.controller = web_sys::AbortController::new().ok();
            }
            runner
                .controller
                .as_ref()
                .map(web_sys::AbortController::signal)
        })
        .flatten()
    }
}

fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// The campaign record of `campaign_id` and its calls, loaded progressively into one store that is
/// provided to every view below; started at once (the first window needs nothing from the campaign
/// record) and again when the campaign or the key changes, and abandoned when the page goes.
pub fn provide_campaign_calls(
    campaign_id: Memo<String>,
    scope: Memo<Option<Scope>>,
    offset_at: fn(Day) -> i32,
) -> (LocalResource<Result<Campaign, ApiError>>, CampaignCalls) {
    let settings = super::use_settings();
    let api = settings.api();
    let campaign = LocalResource::new(move || {
        let id = campaign_id.get();
        // No ID: the route is on its way out; nothing to ask for.
        let request = (!id.is_empty()).then(|| api.campaign(&id));
        async move {
            match request {
                Some(request) => request.await,
                None => Err(ApiError::Aborted),
            }
        }
    });
    let calls = CampaignCalls::new(api, offset_at, settings.keeps_calls());
    provide_context(calls);
    on_cleanup(move || calls.abandon());
    // A new campaign, scope or key starts the load over.
    Effect::new(move |_| {
        let id = campaign_id.get();
        let scope = scope.get();
        settings.api_key();
        if !id.is_empty() {
            calls.start(&id, scope);
        }
    });
    Effect::new(move |_| {
        campaign.with(|loaded| {
            if let Some(Ok(campaign)) = loaded {
                calls.learn(campaign);
            }
        })
    });
    (campaign, calls)
}

/// The calls of the campaign on screen.
pub fn use_campaign_calls() -> CampaignCalls {
    expect_context::<CampaignCalls>()
}
