//! Which requests load a campaign's calls: date windows walking back from now, sized to the campaign's
//! density, plus the follow-up pages a response asks for.
//!
//! The Atlas list endpoint documents no paging, only `startDate`/`endDate`. Asking for everything at once
//! would send 100,000 records in one body before the first row could show, so the plan asks for the newest
//! hour first, then for windows sized so each returns about [`TARGET_PER_WINDOW`] calls. Where a response
//! carries paging metadata (`nextCursor`, `hasNextPage`, or Vapi's `createdAtLt` pattern) the plan follows
//! it within the window. A server that ignores the dates (its records fall outside the window asked for)
//! is read as having sent everything, and the walk stops.
//!
//! Pure: the page component runs the requests and reports back; this decides what comes next.

use std::collections::VecDeque;

use crate::domain::records::time::Timestamp;

/// About how many calls one of the first windows should hold: small, so the first rows show at once.
pub const TARGET_PER_WINDOW: f64 = 400.0;
/// Once this many calls have come, the density is known and windows grow to [`LARGE_WINDOW`] calls:
/// each window is a request and, with the API key header, a CORS preflight as well, and a large
/// response costs no long task (it is read a slice at a time). What bounds the size: a response of
/// 2,500 calls of 3–5 minute conversations is about 9 MB, held whole in memory while it is read.
pub const LARGE_AFTER: usize = 2_000;
pub const LARGE_WINDOW: f64 = 2_500.0;
/// A campaign whose figures claim at most this many calls is asked for whole: all that the first windows
/// did not cover, in one request, as soon as its figures are known. One body of up to 2,500 calls (about
/// 9 MB, read a slice at a time) costs less than the walk's rounds of requests, each with a preflight:
/// where most campaigns are, the walk was most of the load (see `docs/benchmark.md`).
pub const WHOLE_AT_ONCE: u64 = 2_500;
/// The parts a small campaign is asked in, all at once, each about this many calls at its average
/// density: one request for 1,000 calls came back with exactly Vapi's page limit, and its next page was
/// another round (105 ms of a 1,040 ms load, 4 Dec); parts of half that stay clear of it however the
/// calls bunch, and go out together.
pub const WHOLE_PART: f64 = 500.0;
/// Windows are sized from the campaign's figures up to this many calls (see `LoadPlan::hinted_span`).
const HINTED_UP_TO: u64 = 20_000;
const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
/// The newest window: the last hour, open-ended so that calls stamped a little in the future still come.
const FIRST_SPAN: i64 = HOUR;
const MIN_SPAN: i64 = 60_000;
/// Once calls have been seen, windows are never wider than this, so that a step across an empty stretch
/// that lands on a busy period does not bring back a huge body.
const MAX_SPAN: i64 = 7 * DAY;
/// Before any call has been seen there is no busy period to land on: empty windows widen four-fold
/// each step up to this, so an empty campaign or a long silence costs a handful of requests.
const MAX_EMPTY_SPAN: i64 = 90 * DAY;
/// A density hint (the campaign's call count) never shrinks windows below an hour, nor below this
/// share of the campaign's lifetime, so even a false hint costs a bounded number of windows.
const MIN_HINTED_SPAN: i64 = HOUR;
const MIN_HINTED_SHARE: i64 = 256;
/// Campaign figures outside these bounds are not believed: no campaign predates the platform, and no
/// campaign has more calls than this.
const EARLIEST_FLOOR: i64 = 1_420_070_400_000; // 2015-01-01
const MAX_BELIEVED_COUNT: u64 = 10_000_000;
/// Fresh windows the walk may ask for: this many, plus one per [`CALLS_PER_EXTRA_WINDOW`] calls found.
/// Past that, one last window asks for everything older at once, so no campaign, whatever its figures
/// say, costs more than `65 + N / 100` fresh windows for N calls.
pub const BASE_WINDOW_BUDGET: usize = 64;
pub const CALLS_PER_EXTRA_WINDOW: usize = 100;
/// Without the campaign's start date, the walk ends after this much empty time once calls were found...
const EMPTY_AFTER_CALLS: i64 = 90 * DAY;
/// ...or after this much if none ever were.
const EMPTY_WITHOUT_CALLS: i64 = 730 * DAY;
/// Vapi's default and maximum page sizes: a response of exactly this many may have more behind it.
const PAGE_LIMITS: [usize; 2] = [100, 1000];
/// Records may be stamped by a different clock than the server filters by; this much outside the window
/// is not taken as "the server ignored the dates".
const TOLERANCE: i64 = 10 * 60_000;
/// A response count seen this often, and never exceeded, is taken as a cap the server does not announce
/// (it sends only so many records of any window): windows that came back that full are asked again in
/// parts. Smaller counts repeat by chance too often to say anything.
const SMALLEST_CAP: usize = 10;
const CAP_SEEN: u32 = 2;

/// Which page of a window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    First,
    /// A `nextCursor` the previous page gave.
    Cursor(String),
    /// Vapi's paging: records created before the oldest one seen.
    CreatedBefore(Timestamp),
    /// A part of a window asked again, because the server seems to cut its answers at a size it does
    /// not announce (see [`LoadPlan::done`]). Sent as a plain window.
    Refill,
}

/// One request's worth of the campaign: a time window (either bound may be open) and a page of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    pub page: Page,
}

impl Window {
    /// Everything, in one request: for sources without date filters, such as the demo's static files.
    pub fn everything() -> Self {
        Window {
            start: None,
            end: None,
            page: Page::First,
        }
    }

    fn is_windowed(&self) -> bool {
        self.start.is_some() || self.end.is_some()
    }

    /// Whether a record created at `at` could belong to this window.
    pub fn admits(&self, at: Timestamp) -> bool {
        self.start.is_none_or(|s| at.0 >= s.0 - TOLERANCE)
            && self.end.is_none_or(|e| at.0 < e.0 + TOLERANCE)
    }
}

/// What one response held, as far as the plan cares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOutcome {
    /// Records in the response.
    pub count: usize,
    /// Of those, how many were new (not already loaded).
    pub added: usize,
    /// The oldest and newest creation times among them.
    pub oldest: Option<Timestamp>,
    pub newest: Option<Timestamp>,
    /// Some record lies outside the window asked for: the server ignores the dates.
    pub outside_window: bool,
    pub next_cursor: Option<String>,
    pub has_next: Option<bool>,
}

#[derive(Debug)]
pub struct LoadPlan {
    windowed: bool,
    /// End of the next fresh window.
    next_end: Timestamp,
    /// Whether the newest window reaches past now (false when a scope ends earlier).
    open_ended: bool,
    /// Where a scope begins: nothing older is asked for.
    scope_start: Option<Timestamp>,
    floor: Option<Timestamp>,
    span: i64,
    /// The widest window to ask for: [`MAX_SPAN`], or less once the campaign's size is known.
    max_span: i64,
    /// When the walk started.
    now: Timestamp,
    empty_run: i64,
    seen_calls: bool,
    /// The campaign's call count, while what the walk finds does not contradict it.
    hinted: Option<u64>,
    /// Time covered by answered first pages, and the calls they held: the evidence a hint is checked
    /// against.
    covered: i64,
    found: usize,
    /// Fresh windows handed out so far.
    fresh: usize,
    /// Follow-up pages and windows to try again, before fresh windows.
    queue: VecDeque<Window>,
    /// No fresh windows remain.
    exhausted: bool,
    /// The user stopped the load; it can resume where it was.
    stopped: bool,
    in_flight: usize,
    /// How often each response count (of [`SMALLEST_CAP`] or more) came back, the largest count, and
    /// the answered windows that might have been cut, to ask again in parts once a cap is suspected.
    counts: std::collections::BTreeMap<usize, u32>,
    largest: usize,
    full: Vec<FullAnswer>,
    /// Answers larger than any before, whose parts are asked again only if the campaign's count has not
    /// been reached when everything else is in (see [`LoadPlan::probe_if_short`]).
    deferred: Vec<FullAnswer>,
    /// The cap the server seems to have (see [`LoadPlan::done`]).
    cap: Option<usize>,
    /// Some answer held records far outside its window: the server ignores the dates.
    ignores_dates: bool,
}

/// A windowed answer that may have been cut short by a cap.
#[derive(Debug)]
struct FullAnswer {
    window: Window,
    count: usize,
    oldest: Timestamp,
    newest: Timestamp,
    /// Vapi's paging already asks for what lies below its oldest record.
    below_asked: bool,
    /// Its calls stop well short of an end of its window (see [`LoadPlan::looks_cut`]); a window down
    /// to the campaign's floor is measured from its creation. (A campaign whose first call came well
    /// after its creation is probed: one round more, nothing lost.)
    looks_cut: bool,
}

impl LoadPlan {
    /// Whether an answer's calls stop well short of an end of its window: more than four of their average
    /// gaps (and [`TOLERANCE`]) from a bounded end. A server that cuts its answers leaves the part it cut
    /// empty; calls spread evenly reach both ends. An open end (now, or no start) says nothing.
    fn looks_cut(window: &Window, count: usize, oldest: Timestamp, newest: Timestamp) -> bool {
        let gap = (newest.0 - oldest.0) / (count.max(2) as i64 - 1);
        let far = 4 * gap + TOLERANCE;
        let short_of_start = window.start.is_some_and(|s| oldest.0 - s.0 > far);
        let short_of_end = window.end.is_some_and(|e| e.0 - newest.0 > far);
        short_of_start || short_of_end
    }

    /// Date windows back from `now`, down to `floor` (the campaign's creation) when known.
    pub fn windowed(now: Timestamp, floor: Option<Timestamp>) -> Self {
        LoadPlan {
            windowed: true,
            next_end: now,
            open_ended: true,
            scope_start: None,
            floor: floor.map(|f| Timestamp(f.0 - DAY)),
            span: FIRST_SPAN,
            max_span: MAX_SPAN,
            now,
            empty_run: 0,
            seen_calls: false,
            hinted: None,
            covered: 0,
            found: 0,
            fresh: 0,
            queue: VecDeque::new(),
            exhausted: false,
            stopped: false,
            in_flight: 0,
            counts: std::collections::BTreeMap::new(),
            largest: 0,
            full: Vec::new(),
            deferred: Vec::new(),
            cap: None,
            ignores_dates: false,
        }
    }

    /// The cap the server seems to cut its answers at, once suspected.
    pub fn suspected_cap(&self) -> Option<usize> {
        self.cap
    }

    /// Date windows inside a scope: from `start` (inclusive) to `end` (exclusive), each when bounded.
    /// The walk starts at `end` (or now) and stops at `start`; nothing outside is asked for.
    pub fn scoped(now: Timestamp, start: Option<Timestamp>, end: Option<Timestamp>) -> Self {
        let mut plan = LoadPlan::windowed(now, None);
        if let Some(end) = end.filter(|e| e.0 < now.0) {
            plan.next_end = end;
            plan.open_ended = false;
        }
        if let Some(start) = start {
            plan.limit_start(start);
        }
        plan
    }

    /// Asks for nothing older than `start` (a scope's beginning): a hard floor, unlike the campaign's
    /// creation date, which is a day's margin below. Applied mid-walk, the walk just ends sooner.
    pub fn limit_start(&mut self, start: Timestamp) {
        self.scope_start = Some(start);
        if self.floor.is_none_or(|floor| floor.0 < start.0) {
            self.floor = Some(start);
        }
        if self.windowed && self.next_end.0 <= start.0 {
            self.exhausted = true;
        }
    }

    /// Limits the walk to the last `days` days.
    pub fn limit_to_recent(&mut self, days: u32) {
        self.limit_start(Timestamp(self.now.0 - i64::from(days) * DAY));
    }

    /// One request for everything (and its follow-up pages, if any).
    pub fn single() -> Self {
        let mut plan = LoadPlan::windowed(Timestamp(0), None);
        plan.windowed = false;
        plan.exhausted = true;
        plan.queue.push_back(Window::everything());
        plan
    }

    /// The whole rest of a small campaign is due (see [`WHOLE_AT_ONCE`]): it goes out even when every
    /// slot is taken by the first, small windows, rather than a round later.
    pub fn whole_rest_due(&self) -> bool {
        self.asks_whole() && !self.exhausted && !self.stopped && self.queue.is_empty()
    }

    /// The campaign's figures, while still believed, say it has at most [`WHOLE_AT_ONCE`] calls.
    pub fn is_small(&self) -> bool {
        self.hinted.is_some_and(|count| count <= WHOLE_AT_ONCE)
    }

    /// A small campaign read by date windows: the next fresh window is everything left.
    fn asks_whole(&self) -> bool {
        self.windowed && self.is_small()
    }

    /// The next request to make, if any is due now.
    pub fn next_request(&mut self) -> Option<Window> {
        if self.stopped {
            return None;
        }
        let window = match self.queue.pop_front() {
            Some(window) => window,
            None => self.fresh_window()?,
        };
        self.in_flight += 1;
        Some(window)
    }

    fn fresh_window(&mut self) -> Option<Window> {
        if self.exhausted {
            return None;
        }
        let first = self.fresh == 0;
        self.fresh += 1;
        let end = self.next_end;
        if self.fresh > self.window_budget() {
            // The budget is spent: everything older, in one request.
            self.exhausted = true;
            return Some(Window {
                start: self.floor,
                end: Some(end),
                page: Page::First,
            });
        }
        if self.asks_whole() {
            // A small campaign: what is left, down to its floor (or its scope's start), at once, in
            // parts of about WHOLE_PART calls (asks_whole means the floor and the count are known).
            // The newest hour first, as any walk begins: its few calls are the first rows (and the
            // page's HTML asks for it before the campaign's figures are known: browser/early.js).
            let span = if first {
                FIRST_SPAN
            } else {
                self.hinted_span(WHOLE_PART).max(MIN_SPAN)
            };
            let start = match self.floor {
                // A remainder under half a part joins the last one.
                Some(floor) if end.0 - span > floor.0 + span / 2 => Timestamp(end.0 - span),
                floor => {
                    self.exhausted = true;
                    floor.unwrap_or(Timestamp(end.0 - span))
                }
            };
            self.next_end = start;
            return Some(Window {
                start: Some(start),
                end: (!(first && self.open_ended)).then_some(end),
                page: Page::First,
            });
        }
        let mut start = Timestamp(end.0 - self.span);
        if let Some(floor) = self.floor {
            if start.0 <= floor.0 {
                self.exhausted = true;
            }
        }
        if let Some(scope_start) = self.scope_start {
            // Nothing before the scope is asked for.
            start = Timestamp(start.0.max(scope_start.0));
        }
        self.next_end = start;
        Some(Window {
            start: Some(start),
            // The newest window is open-ended (nothing created "after now" is missed), unless the
            // scope ends before now.
            end: (!(first && self.open_ended)).then_some(end),
            page: Page::First,
        })
    }

    /// How many fresh windows the walk may ask for, given the calls found so far.
    fn window_budget(&self) -> usize {
        BASE_WINDOW_BUDGET + self.found.div_ceil(CALLS_PER_EXTRA_WINDOW)
    }

    /// The campaign's creation date, once known: no call is older, so the walk ends there. A date
    /// before the platform existed, or in the future, says nothing and is ignored.
    pub fn set_floor(&mut self, created: Timestamp) {
        if created.0 < EARLIEST_FLOOR || created.0 > self.now.0 + DAY {
            return;
        }
        let floor = Timestamp(created.0 - DAY);
        // A scope that begins later keeps its own floor.
        if self.scope_start.is_some_and(|start| start.0 >= floor.0) {
            return;
        }
        self.floor = Some(floor);
        if self.windowed && self.next_end.0 <= floor.0 {
            self.exhausted = true;
        }
    }

    /// How many calls the campaign has, once known. With its creation date this bounds the density,
    /// so a walk across an empty stretch never widens into a window of many thousands of calls: the
    /// widest window is the one that would hold twice [`LARGE_WINDOW`] calls at the average density.
    ///
    /// The count is a hint: one beyond belief is ignored, the window never shrinks below an hour for it,
    /// and it is dropped once the calls found show it to be far off (see [`Self::check_hint`]).
    pub fn set_expected(&mut self, count: u64) {
        let Some(floor) = self.floor else {
            return;
        };
        if count == 0 || count > MAX_BELIEVED_COUNT {
            return;
        }
        self.hinted = Some(count);
        let lifetime = self.lifetime(floor);
        let widest = (lifetime as f64 * 2.0 * LARGE_WINDOW / count as f64) as i64;
        let narrowest = MIN_HINTED_SPAN
            .max(lifetime / MIN_HINTED_SHARE)
            .min(MAX_SPAN);
        self.max_span = widest.clamp(narrowest, MAX_SPAN);
        self.span = self.span.min(self.max_span);
    }

    /// The campaign's life so far, from its floor (an hour at least).
    fn lifetime(&self, floor: Timestamp) -> i64 {
        (self.now.0 - floor.0).max(HOUR)
    }

    /// The span that holds `target` calls at the density the campaign's figures claim: 0 without them,
    /// and 0 for a campaign of more than [`HINTED_UP_TO`] calls. The benchmark's 1,000 calls took 26 to
    /// 30 requests with it instead of 38 (before small campaigns were asked for whole); its 10,000 took
    /// 32 with it and 36 without (4 Dec, once the cap probes waited for the end); 100,000 were no
    /// faster with it (1.07× as long, within the noise), so they keep the walk they had.
    fn hinted_span(&self, target: f64) -> i64 {
        let (Some(count), Some(floor)) = (self.hinted, self.floor) else {
            return 0;
        };
        if count > HINTED_UP_TO {
            return 0;
        }
        let lifetime = self.lifetime(floor);
        (lifetime as f64 * target / count as f64) as i64
    }

    /// Drops the count hint once the calls found show it to be far off: under a sixteenth of the density
    /// it claims over six hours or more with calls in them, or over a quarter of the campaign's life
    /// without any. (A quiet week alone does not count against it: campaigns pause.) Small windows would
    /// then only cost requests.
    fn check_hint(&mut self) {
        let (Some(count), Some(floor)) = (self.hinted, self.floor) else {
            return;
        };
        let lifetime = self.lifetime(floor);
        let expected_here = count as f64 * self.covered as f64 / lifetime as f64;
        let enough = if self.found > 0 {
            self.covered >= 6 * HOUR
        } else {
            self.covered >= lifetime / 4
        };
        if enough && (self.found as f64) * 16.0 < expected_here {
            self.hinted = None;
            self.max_span = MAX_SPAN;
            for answer in std::mem::take(&mut self.deferred) {
                self.ask_parts(&answer);
            }
        }
    }

    /// A request came back with records (or none).
    ///
    /// Besides the walk, this follows the response's own paging (a cursor, Vapi's `createdAtLt`), and
    /// asks again for the parts of a window that a cap may have cut: a server that sends only the newest
    /// (or oldest) N records of any window, and says nothing, gives the same count again and again, never
    /// more. Once that count is seen twice and never exceeded, every window that came back that full is
    /// asked again for what lies beyond its oldest and its newest record, until a part brings nothing new.
    pub fn done(&mut self, window: &Window, outcome: &PageOutcome) {
        self.take_answer(window, outcome);
        self.probe_if_short();
    }

    /// Once everything else is in: the parts of the answers that were larger than any before are asked
    /// again, unless exactly the calls the campaign's figures claim have come and none of those answers
    /// looks cut. With figures, the probes then cost one round at the end when calls are missing, and
    /// none when none are (at 1,000 and 10,000 calls they were the load's last round); without, they go
    /// out as each answer comes (the walk's later rounds carry them).
    ///
    /// Only the end: a count met part way is no proof (figures counted a while ago are short of the calls
    /// made since, and a running total crossed such a figure in a test, 203 of 1,465 calls hidden by a
    /// cap). A count met at the end could still be a wrong one that cut answers happen to add up to (a
    /// test tries every count): the answers that look cut are probed whatever the count says.
    fn probe_if_short(&mut self) {
        if !self.is_complete() || self.deferred.is_empty() {
            return;
        }
        let deferred = std::mem::take(&mut self.deferred);
        let counted = self.hinted == Some(self.found as u64);
        if !counted || deferred.iter().any(|answer| answer.looks_cut) {
            for answer in &deferred {
                self.ask_parts(answer);
            }
        }
    }

    fn take_answer(&mut self, window: &Window, outcome: &PageOutcome) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.found += outcome.added;
        if outcome.outside_window && window.is_windowed() {
            self.exhausted = true;
            self.ignores_dates = true;
        }
        // Follow the response's own paging, within the same window.
        let more = outcome.has_next != Some(false) && outcome.added > 0;
        let mut paged = false;
        let mut below_asked = false;
        if let Some(cursor) = outcome.next_cursor.clone().filter(|_| more) {
            paged = true;
            self.queue.push_back(Window {
                page: Page::Cursor(cursor),
                ..window.clone()
            });
        } else if more && PAGE_LIMITS.contains(&outcome.count) {
            if let Some(oldest) = outcome.oldest {
                // What lies below is asked for by Vapi's paging; a cap that keeps the oldest records
                // instead is still caught below.
                below_asked = true;
                self.queue.push_back(Window {
                    page: Page::CreatedBefore(oldest),
                    ..window.clone()
                });
            }
        }
        // A server that ignores the dates cannot be asked for a part of a window.
        let dated = window.is_windowed() && !self.ignores_dates;
        if !paged && dated && outcome.added > 0 {
            if self.cap.is_none() && window.page == Page::Refill {
                // A part asked again brought calls its window did not: the server cuts its answers.
                self.cap = Some(self.largest.max(SMALLEST_CAP));
                self.span = (self.span / 2).max(MIN_SPAN);
            }
            self.watch_for_cap(window, outcome, below_asked);
        }
        if !self.windowed || window.page != Page::First {
            return;
        }
        let width = match (window.start, window.end) {
            (Some(s), Some(e)) => e.0 - s.0,
            _ => FIRST_SPAN,
        };
        self.covered += width;
        self.check_hint();
        if outcome.count == 0 {
            self.empty_run += width;
            let widest = if self.seen_calls || self.hinted.is_some() {
                self.max_span
            } else {
                MAX_EMPTY_SPAN
            };
            self.span = (self.span * 4).min(widest);
            let limit = if self.seen_calls {
                EMPTY_AFTER_CALLS
            } else {
                EMPTY_WITHOUT_CALLS
            };
            if self.floor.is_none() && self.empty_run >= limit {
                self.exhausted = true;
            }
        } else {
            self.seen_calls = true;
            self.empty_run = 0;
            // Size the next windows to the density just seen, changing by at most 4x at a time; under a
            // suspected cap, to half of it, so windows stop coming back cut.
            let target = if self.found >= LARGE_AFTER {
                LARGE_WINDOW
            } else {
                TARGET_PER_WINDOW
            };
            let target = self.cap.map_or(target, |cap| target.min(cap as f64 / 2.0));
            let wanted = (width as f64 * target / outcome.count as f64) as i64;
            // Growing, the step is at most 4x, unless the figures of a small campaign (a hint still
            // believed) say its average window of `target` calls is wider: 1,000 calls over a month
            // then take 10 requests, not 18 growing from an hour, each a request and a preflight.
            let growth = self.span.saturating_mul(4).max(self.hinted_span(target));
            self.span = wanted
                .clamp(self.span / 4, growth)
                .clamp(MIN_SPAN, self.max_span);
        }
    }

    /// Counts a windowed answer towards a suspected cap, and asks again for the parts of every window
    /// that came back as full as the cap.
    ///
    /// Two kinds of evidence: the largest count seen twice and never exceeded; or a part of a window
    /// asked again (a probe, made for each answer larger than any before) bringing calls its window did
    /// not. The probes cost an honest server a few small answers per load, a duplicate each.
    fn watch_for_cap(&mut self, window: &Window, outcome: &PageOutcome, below_asked: bool) {
        let (Some(oldest), Some(newest)) = (outcome.oldest, outcome.newest) else {
            return;
        };
        let count = outcome.count;
        let new_largest = count > self.largest;
        if new_largest {
            self.largest = count;
            // A larger answer disproves a smaller cap.
            if self.cap.is_some_and(|cap| cap < count) {
                self.cap = None;
            }
        }
        if count >= SMALLEST_CAP {
            let seen = self.counts.entry(count).or_default();
            // Only answers that look cut count: evenly spread calls give windows of one width the same
            // count without any cap (1,200 calls over 3 days took 63 requests of 8 calls each).
            if Self::looks_cut(window, count, oldest, newest) {
                *seen += 1;
            }
            if *seen >= CAP_SEEN && count == self.largest && self.cap.is_none() {
                self.cap = Some(count);
                self.span = (self.span / 2).max(MIN_SPAN);
            }
            // A window down to the campaign's floor (its creation less a day's margin) is measured from
            // the creation itself: its calls start then, not a day before.
            let creation_floor = self.floor.filter(|_| self.scope_start != self.floor);
            let from_floor = Window {
                start: window.start.map(|start| match creation_floor {
                    Some(floor) if floor == start => Timestamp(start.0 + DAY),
                    _ => start,
                }),
                ..window.clone()
            };
            let answer = FullAnswer {
                window: window.clone(),
                count,
                oldest,
                newest,
                below_asked,
                looks_cut: Self::looks_cut(&from_floor, count, oldest, newest),
            };
            if new_largest && self.cap.is_none() {
                if self.hinted.is_some() {
                    self.deferred.push(answer);
                } else {
                    self.ask_parts(&answer);
                }
            } else {
                self.full.push(answer);
            }
        }
        let Some(cap) = self.cap else {
            return;
        };
        let (cut, rest): (Vec<FullAnswer>, Vec<FullAnswer>) = std::mem::take(&mut self.full)
            .into_iter()
            .partition(|f| f.count >= cap);
        self.full = rest;
        for answer in &cut {
            self.ask_parts(answer);
        }
    }

    /// Asks again for a window's parts beyond its oldest and its newest record (each bound inclusive
    /// of the record on it, so a call on the bound is not lost: it comes back as a duplicate).
    fn ask_parts(&mut self, answer: &FullAnswer) {
        let w = &answer.window;
        if !answer.below_asked && w.start.is_none_or(|s| s.0 < answer.oldest.0) {
            self.queue.push_back(Window {
                start: w.start,
                end: Some(Timestamp(answer.oldest.0 + 1)),
                page: Page::Refill,
            });
        }
        if w.end.is_none_or(|e| answer.newest.0 < e.0) {
            self.queue.push_back(Window {
                start: Some(answer.newest),
                end: w.end,
                page: Page::Refill,
            });
        }
    }

    /// A request failed for good; the caller keeps it to offer a retry.
    pub fn failed(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.probe_if_short();
    }

    /// Asks again for a window that failed.
    pub fn retry(&mut self, window: Window) {
        self.queue.push_back(window);
    }

    /// Stops handing out requests (the user pressed Stop); what is on the way still lands.
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// Goes on from where the load was stopped.
    pub fn resume(&mut self) {
        self.stopped = false;
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Everything was asked for and has come back.
    pub fn is_complete(&self) -> bool {
        self.exhausted && self.queue.is_empty() && self.in_flight == 0
    }
}
