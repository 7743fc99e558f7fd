//! A simulated calls-list server that misbehaves in every way a real one has been seen to or could, and a
//! load of one campaign through the app's own plan, loader, readers and store against it: what the
//! browser runs, with the network replaced by this server and the clock by an event queue.

use std::collections::{BTreeSet, VecDeque};

use call_records::api::window_batch::{read_window, ArrivedWindow, WindowBatch};
use call_records::api::window_reading::WindowReading;
use call_records::api::{ApiError, CallsWindow};
use call_records::domain::loading::load_plan::{LoadPlan, Page, Window};
use call_records::domain::loading::loader::{
    Command, Held, LoadState, Loader, Progress, RequestId,
};
use call_records::domain::search::store::CallStore;
use call_records::domain::Timestamp;

use super::Lcg;

pub const CAMPAIGN: &str = "c-sim";
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// The client's clock when the load starts (2026-12-01T12:00:00Z).
pub const NOW: i64 = 1_796_126_400_000;

/// How a response wraps its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Bare,
    Value,
    Data,
    Results,
    Items,
    Sessions,
    /// `{"data": {"items": [...]}}`
    Nested,
    /// The list under a key nobody documented, after other members.
    FirstArray,
}
const SHAPES: [Shape; 8] = [
    Shape::Bare,
    Shape::Value,
    Shape::Data,
    Shape::Results,
    Shape::Items,
    Shape::Sessions,
    Shape::Nested,
    Shape::FirstArray,
];

/// How a record is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Vapi's call object: `id`, `createdAt`, `artifact.messages`.
    Vapi,
    /// An Atlas table entity: `RowKey`, `PartitionKey: "<account> <campaign>"`, PascalCase, messages as a
    /// JSON string.
    Atlas,
    /// Atlas's call-event names: `callId`, `callSummary`, `callTranscript`, `durationSeconds`.
    Event,
}
const STYLES: [Style; 3] = [Style::Vapi, Style::Atlas, Style::Event];

/// Which records a window that holds more than the cap gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapSide {
    Newest,
    Oldest,
}

/// What the server does wrong (or differently).
#[derive(Clone, Debug, Default)]
pub struct Behaviour {
    /// One shape for every response, or a random one per response, or turn about.
    pub shape: Option<Shape>,
    pub alternate_shapes: bool,
    pub style: Option<Style>,
    pub alternate_styles: bool,
    /// Answers every request with every call, whatever its dates.
    pub ignores_dates: bool,
    /// The first request gets every call, later ones `[]`.
    pub everything_first_then_empty: bool,
    /// Vapi's paging: at most this many (100 or 1,000), newest first, `createdAtLt` for the next page.
    pub vapi_limit: Option<usize>,
    /// Cursor paging: pages of this many with a `nextCursor`.
    pub cursor_pages: Option<usize>,
    /// A cap it never announces: only so many records of any window.
    pub cap: Option<(usize, CapSide)>,
    /// Each response repeats a few calls from elsewhere in the campaign.
    pub duplicates: bool,
    /// Records in random order rather than newest first.
    pub shuffled: bool,
    /// The server's clock against the client's: every stamp it writes and filters by is shifted.
    pub skew_ms: i64,
    /// The chance that a request fails once (a 500) before it is answered.
    pub fail_once: f64,
    /// Connections are reset (no HTTP status) while more than this many requests are open.
    pub drops_over: Option<usize>,
}

#[derive(Clone, Debug)]
struct SimCall {
    id: String,
    /// Creation time by the server's clock.
    at: i64,
}

/// The server: a campaign's calls and the ways it misbehaves.
pub struct Server {
    calls: Vec<SimCall>,
    pub behaviour: Behaviour,
    rng: Lcg,
    /// Requests answered or failed, in all.
    pub requests: usize,
    pub failures: usize,
    answered_any: bool,
    /// Requests that already failed once (by their URL), so each fails at most once.
    failed_before: BTreeSet<String>,
    turn: usize,
    /// Prints each request and what it got.
    pub trace: bool,
}

impl Server {
    /// A campaign of `count` calls spread over `span_ms` before now, with bursts and silences, IDs
    /// holding reserved characters, and the given behaviour.
    pub fn new(seed: u64, count: usize, span_ms: i64, behaviour: Behaviour) -> Self {
        let mut rng = Lcg(seed);
        let mut used = BTreeSet::new();
        let bursts: Vec<i64> = (0..1 + rng.below(6))
            .map(|_| rng.below(span_ms.max(1) as usize) as i64)
            .collect();
        let mut calls = Vec::with_capacity(count);
        while calls.len() < count {
            // Half the calls in bursts of an hour, the rest anywhere.
            let back = if rng.below(2) == 0 {
                let centre = bursts[rng.below(bursts.len())];
                (centre + rng.below(HOUR as usize) as i64 - HOUR / 2).clamp(0, span_ms)
            } else {
                rng.below(span_ms.max(1) as usize) as i64
            };
            let at = NOW + behaviour.skew_ms - back;
            // Distinct milliseconds: paging by `createdAtLt` cannot tell two calls of the same one apart.
            if !used.insert(at) {
                continue;
            }
            let n = calls.len();
            let id = match rng.below(8) {
                0 => format!("call/{n}"),
                1 => format!("call {n}?x#y"),
                2 => format!("звонок-{n}"),
                _ => format!("call-{n:05}-{:x}", rng.next() % 0xffff),
            };
            calls.push(SimCall { id, at });
        }
        // Newest first, as servers list.
        calls.sort_by_key(|c| std::cmp::Reverse(c.at));
        Server {
            calls,
            behaviour,
            rng,
            requests: 0,
            failures: 0,
            answered_any: false,
            failed_before: BTreeSet::new(),
            turn: 0,
            trace: false,
        }
    }

    /// A campaign of `count` calls evenly spread over `span_ms` before now (the e2e tests' and the
    /// benchmark's synthetic campaigns are spread so): windows of one width then hold the same count.
    pub fn evenly(count: usize, span_ms: i64) -> Self {
        let mut server = Server::new(1, 0, span_ms, Behaviour::default());
        let step = span_ms / count.max(1) as i64;
        server.calls = (0..count)
            .map(|n| SimCall {
                id: format!("even-{n:06}"),
                at: NOW - n as i64 * step - step / 2,
            })
            .collect();
        server
    }

    pub fn ids(&self) -> BTreeSet<String> {
        self.calls.iter().map(|c| c.id.clone()).collect()
    }

    /// The IDs of the calls created at or after `ms` (client clock, no skew).
    pub fn ids_since(&self, ms: i64) -> BTreeSet<String> {
        let skew = self.behaviour.skew_ms;
        self.calls
            .iter()
            .filter(|c| c.at - skew >= ms)
            .map(|c| c.id.clone())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// The response to one request: a body, or the failure.
    pub fn answer(&mut self, window: &Window) -> Result<Vec<u8>, ApiError> {
        self.requests += 1;
        let key = format!("{window:?}");
        let b = self.behaviour.clone();
        if b.fail_once > 0.0
            && !self.failed_before.contains(&key)
            && (self.rng.below(1000) as f64) < b.fail_once * 1000.0
        {
            self.failed_before.insert(key);
            self.failures += 1;
            return Err(ApiError::Server {
                status: 500,
                message: Some("try again".into()),
            });
        }
        let first = !self.answered_any;
        self.answered_any = true;
        // Overlapping windows: a server that compares in whole seconds, both ends inclusive, sends the
        // calls on a window's edges in both windows beside it.
        let slack = if b.duplicates { 1_000 } else { 0 };
        let mut chosen: Vec<&SimCall> = if b.everything_first_then_empty {
            if first {
                self.calls.iter().collect()
            } else {
                Vec::new()
            }
        } else if b.ignores_dates {
            self.calls.iter().collect()
        } else {
            self.calls
                .iter()
                .filter(|c| window.start.is_none_or(|s| c.at >= s.0 - slack))
                .filter(|c| window.end.is_none_or(|e| c.at < e.0 + slack))
                .collect()
        };
        // (Not under cursor paging: offsets would shift between the pages of one window.)
        if b.duplicates && b.cursor_pages.is_none() && !chosen.is_empty() {
            // And a call sent twice in one response (before paging and caps: they count rows).
            for _ in 0..self.rng.below(3) {
                let i = self.rng.below(chosen.len());
                chosen.push(chosen[i]);
            }
        }
        chosen.sort_by_key(|c| std::cmp::Reverse(c.at));
        // Newest first from here; paging and caps count from the top.
        let mut next_cursor = None;
        if let Page::CreatedBefore(before) = &window.page {
            chosen.retain(|c| c.at < before.0);
        }
        if let Some(limit) = b.vapi_limit {
            chosen.truncate(limit);
        }
        if let Some(size) = b.cursor_pages {
            let from = match &window.page {
                Page::Cursor(cursor) => cursor
                    .strip_prefix("after-")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0),
                _ => 0,
            };
            let rest: Vec<&SimCall> = chosen.iter().skip(from).copied().collect();
            if rest.len() > size {
                next_cursor = Some(format!("after-{}", from + size));
            }
            chosen = rest.into_iter().take(size).collect();
        }
        chosen.sort_by_key(|c| std::cmp::Reverse(c.at));
        if let Some((cap, side)) = b.cap {
            if chosen.len() > cap {
                match side {
                    CapSide::Newest => chosen.truncate(cap),
                    CapSide::Oldest => {
                        chosen.drain(..chosen.len() - cap);
                    }
                }
            }
        }
        let records: Vec<&SimCall> = chosen;
        let mut records = records;
        if self.trace {
            let fmt = |t: Option<Timestamp>| {
                t.map_or("-".to_owned(), |t| {
                    format!("{:.2}h", (t.0 - NOW) as f64 / 3.6e6)
                })
            };
            println!(
                "ask {} .. {} {:?}: {} calls",
                fmt(window.start),
                fmt(window.end),
                window.page,
                records.len()
            );
        }
        if b.shuffled {
            for i in (1..records.len()).rev() {
                let j = self.rng.below(i + 1);
                records.swap(i, j);
            }
        }
        self.turn += 1;
        let shape = pick(
            &mut self.rng,
            self.turn,
            b.shape,
            b.alternate_shapes,
            &SHAPES,
        );
        let style = pick(
            &mut self.rng,
            self.turn,
            b.style,
            b.alternate_styles,
            &STYLES,
        );
        // Turn about: between the fixed one and the first other.
        let shape = if b.alternate_shapes && b.shape.is_some() && self.turn % 2 == 1 {
            if shape == SHAPES[0] {
                SHAPES[1]
            } else {
                SHAPES[0]
            }
        } else {
            shape
        };
        let list: Vec<String> = records.iter().map(|c| record(c, style)).collect();
        let list = format!("[{}]", list.join(","));
        let cursor = next_cursor
            .map(|c| format!(",\"nextCursor\":\"{c}\""))
            .unwrap_or_default();
        let body = match shape {
            Shape::Bare if cursor.is_empty() => list,
            Shape::Bare | Shape::Value => format!("{{\"value\":{list}{cursor}}}"),
            Shape::Data => format!("{{\"data\":{list}{cursor}}}"),
            Shape::Results => format!("{{\"Results\":{list}{cursor},\"count\":{}}}", records.len()),
            Shape::Items => format!("{{\"meta\":{{\"page\":1}},\"items\":{list}{cursor}}}"),
            Shape::Sessions => format!("{{\"sessions\":{list}{cursor}}}"),
            Shape::Nested => format!("{{\"data\":{{\"items\":{list}{cursor}}}}}"),
            Shape::FirstArray => {
                format!("{{\"ok\":true,\"warnings\":\"none\",\"callRecords\":{list}{cursor}}}")
            }
        };
        Ok(body.into_bytes())
    }
}

/// The fixed choice, or turn about between the first two, or one by chance.
fn pick<T: Copy>(rng: &mut Lcg, turn: usize, fixed: Option<T>, alternate: bool, all: &[T]) -> T {
    match fixed {
        Some(one) if !alternate => one,
        Some(one) if turn.is_multiple_of(2) => one,
        _ if alternate => all[turn % 2],
        _ => all[rng.below(all.len())],
    }
}

fn iso(ms: i64) -> String {
    Timestamp(ms).to_iso()
}

/// One record in `style`, with text that is not all ASCII.
fn record(call: &SimCall, style: Style) -> String {
    let id = serde_json::to_string(&call.id).unwrap_or_default();
    let created = iso(call.at);
    let ended = iso(call.at + 95_000);
    match style {
        Style::Vapi => format!(
            r#"{{"id":{id},"orgId":"org-1","campaignId":"{CAMPAIGN}","createdAt":"{created}","startedAt":"{created}","endedAt":"{ended}","endedReason":"customer-ended-call","summary":"Rendez-vous confirmé 👍🏽","artifact":{{"messages":[{{"role":"bot","message":"Bonjour, c'est Ava.","secondsFromStart":0.4}},{{"role":"user","message":"日本語で大丈夫です","secondsFromStart":3.1}}]}}}}"#
        ),
        Style::Atlas => format!(
            r#"{{"PartitionKey":"acct-9 {CAMPAIGN}","RowKey":{id},"Timestamp":"{ended}","CreatedAt":"{created}","StartedAt":"{created}","EndedAt":"{ended}","EndedReason":"customer-did-not-answer","Summary":"No answer.","Messages":"[{{\"Role\":\"bot\",\"Message\":\"Hello?\"}}]"}}"#
        ),
        Style::Event => format!(
            r#"{{"callId":{id},"campaignId":"{CAMPAIGN}","createdAt":"{created}","startedAt":"{created}","durationSeconds":95,"endedReason":"voicemail","callSummary":"Left a message ‏שלום‎.","callTranscript":"AI: Hi\nUser: Not now","customerNumber":"+15550001111"}}"#
        ),
    }
}

/// Which side reads each response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
    /// The reading worker's bytes, opened on the page.
    Worker,
    /// Read on the page itself.
    Page,
    /// Either, by chance per response (the first windows of a real load are read on the page).
    Mixed,
}

/// What a simulated load ended with.
pub struct LoadResult {
    pub store: CallStore,
    pub progress: Progress<ApiError>,
    pub requests: usize,
}

/// Loads the campaign from `server` as the browser does: the same plan, loader, readers and store; the
/// answers to requests in flight come back in random order, and the loader's timers fire at once.
/// `learn`: the campaign record's creation date and call count, as the page learns them.
pub fn load(
    server: &mut Server,
    path: Path,
    seed: u64,
    learn: Option<(Option<Timestamp>, Option<u64>)>,
) -> LoadResult {
    load_learning(server, path, seed, learn, Learned::AfterStart)
}

/// When the page learns the campaign record: as its first windows go out (it is asked for beside
/// them), or before (it came while the app was still starting: `Loader::start_learned`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Learned {
    AfterStart,
    BeforeStart,
}

pub fn load_learning(
    server: &mut Server,
    path: Path,
    seed: u64,
    learn: Option<(Option<Timestamp>, Option<u64>)>,
    when: Learned,
) -> LoadResult {
    let mut rng = Lcg(seed ^ 0x9e37_79b9);
    let mut loader = Loader::<ApiError>::default();
    let mut store = CallStore::new();
    let plan = LoadPlan::windowed(Timestamp(NOW), None);
    let mut commands: VecDeque<Command> = match (learn, when) {
        (Some((created, count)), Learned::BeforeStart) => loader
            .start_learned(CAMPAIGN, plan, Held::Drop, 0, (created, count, false))
            .into(),
        _ => loader.start(CAMPAIGN, plan, Held::Drop, 0).into(),
    };
    if let (Some((created, count)), Learned::AfterStart) = (learn, when) {
        commands.extend(loader.learn(created, count, false));
    }
    let mut in_flight: Vec<(RequestId, Window)> = Vec::new();
    let mut timers: Vec<RequestId> = Vec::new();
    let mut steps = 0;
    loop {
        while let Some(command) = commands.pop_front() {
            match command {
                Command::Fetch { id, window, .. } => in_flight.push((id, window)),
                Command::Wait { id, .. } => timers.push(id),
                Command::AbortAll => in_flight.clear(),
                Command::ClearStore => store.clear(),
            }
        }
        steps += 1;
        assert!(steps < 50_000, "the load did not end");
        if in_flight.is_empty() && timers.is_empty() {
            break;
        }
        // A retry waits half a second or more: mostly longer than the answers on their way.
        if !timers.is_empty() && (in_flight.is_empty() || rng.below(4) == 0) {
            let id = timers.remove(rng.below(timers.len()));
            commands.extend(loader.timer_fired(id));
            continue;
        }
        let open = in_flight.len();
        let (id, window) = in_flight.remove(rng.below(in_flight.len()));
        let dropped = server.behaviour.drops_over.is_some_and(|most| open > most);
        let answer = if dropped {
            server.requests += 1;
            server.failures += 1;
            Err(ApiError::Network("connection reset".into()))
        } else {
            server.answer(&window)
        };
        let body = match answer {
            Ok(body) => body,
            Err(error) => {
                commands.extend(loader.failed(id, error));
                continue;
            }
        };
        let by_worker = match path {
            Path::Worker => true,
            Path::Page => false,
            Path::Mixed => rng.below(2) == 0,
        };
        let arrived = if by_worker {
            WindowBatch::open(read_window(CAMPAIGN, body)).map(ArrivedWindow::Worker)
        } else {
            CallsWindow::from_body(body, CAMPAIGN).map(ArrivedWindow::page)
        };
        let response = match arrived {
            Ok(response) => response,
            Err(error) => {
                commands.extend(loader.failed(id, error));
                continue;
            }
        };
        let (_, more) = loader.arrived(id);
        commands.extend(more);
        let read = WindowReading::new(response, window).read_all(&mut store);
        commands.extend(loader.answered(id, &read.outcome, &read.tally, read.total));
    }
    let mut progress = loader.progress().clone();
    progress.loaded = store.len();
    assert_eq!(progress.state, LoadState::Complete, "{:?}", progress.state);
    LoadResult {
        store,
        progress,
        requests: server.requests,
    }
}

/// A random behaviour, and the campaign's size and span, for case `seed`.
pub fn random_case(seed: u64) -> (usize, i64, Behaviour) {
    let mut rng = Lcg(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1);
    let mut b = Behaviour::default();
    // Mostly small campaigns; one in eight large enough for many windows.
    let count = if rng.below(8) == 0 {
        200 + rng.below(1_800)
    } else {
        rng.below(250)
    };
    let span = [HOUR, 6 * HOUR, DAY, 3 * DAY, 20 * DAY, 200 * DAY][rng.below(6)];
    match rng.below(4) {
        0 => b.shape = Some(SHAPES[rng.below(SHAPES.len())]),
        1 => b.alternate_shapes = true,
        _ => {}
    }
    match rng.below(4) {
        0 => b.style = Some(STYLES[rng.below(STYLES.len())]),
        1 => b.alternate_styles = true,
        _ => {}
    }
    // One way of paging or cutting at most, and the date misbehaviours apart from caps (a server that
    // ignores dates and caps what it sends cannot be read whole by anyone).
    match rng.below(9) {
        0 => b.ignores_dates = true,
        1 => b.everything_first_then_empty = true,
        2 => b.vapi_limit = Some(if rng.below(2) == 0 { 100 } else { 1_000 }),
        3 => b.cursor_pages = Some(20 + rng.below(300)),
        4 | 5 => {
            let side = if rng.below(2) == 0 {
                CapSide::Newest
            } else {
                CapSide::Oldest
            };
            b.cap = Some((10 + rng.below(400), side));
        }
        _ => {}
    }
    b.duplicates = rng.below(3) == 0;
    b.shuffled = rng.below(2) == 0;
    if rng.below(3) == 0 {
        b.skew_ms = rng.below(6 * HOUR as usize) as i64 - 3 * HOUR;
    }
    if rng.below(3) == 0 {
        b.fail_once = 0.2;
    }
    if rng.below(6) == 0 {
        b.drops_over = Some(1 + rng.below(2));
    }
    (count, span, b)
}
