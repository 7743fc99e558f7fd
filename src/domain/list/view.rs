//! What the list shows: filters, sort and search, kept in the URL query, and the rows and counts they
//! select from the store.

use super::field_filter::FieldFilter;
use super::trends::{answered, stack_of, Trends, TrendsBuilder};
use crate::domain::loading::scope::Scope;
use crate::domain::records::end_reason::{EndReason, EndReasonGroup, KnownEndReason};
use crate::domain::records::outcome::Success;
use crate::domain::records::phone::{number_key, number_key_into};
pub use crate::domain::records::time::Day;
use crate::domain::review::filter::{ReviewFilter, ReviewLookup};
use crate::domain::review::queue::{QueueProgress, QueueSpec, Take};
use crate::domain::search::index::SearchQuery;
use crate::domain::search::store::{CallStore, SortKey};
use crate::domain::text::url::{percent_decode, percent_encode};

/// Which end reasons to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReasonFilter {
    /// One row of the table.
    Label(KnownEndReason),
    /// One of the table's four groups.
    Group(EndReasonGroup),
    /// Every code the table does not name.
    Unlisted,
    /// Calls whose record gives no end reason.
    Missing,
}

impl ReasonFilter {
    pub fn matches(&self, reason: &EndReason) -> bool {
        match (self, reason) {
            (ReasonFilter::Label(wanted), EndReason::Known(known)) => wanted == known,
            (ReasonFilter::Group(group), EndReason::Known(known)) => known.group() == *group,
            (ReasonFilter::Unlisted, EndReason::Unlisted(_)) => true,
            (ReasonFilter::Missing, EndReason::Missing) => true,
            _ => false,
        }
    }

    /// What the filter is called in the end-reason menu and the chart.
    pub fn label(&self) -> String {
        match self {
            ReasonFilter::Label(known) => known.label().to_owned(),
            ReasonFilter::Group(group) => format!("Any {} reason", group.label().to_lowercase()),
            ReasonFilter::Unlisted => "Unlisted codes".to_owned(),
            ReasonFilter::Missing => EndReason::Missing.label().to_owned(),
        }
    }

    /// The value in the URL: the raw code for a label (it is what the API speaks), `group:<slug>`,
    /// `unlisted` or `none`.
    pub fn to_param(&self) -> String {
        match self {
            ReasonFilter::Label(known) => known.code().to_owned(),
            ReasonFilter::Group(group) => format!("group:{}", group.slug()),
            ReasonFilter::Unlisted => "unlisted".to_owned(),
            ReasonFilter::Missing => "none".to_owned(),
        }
    }

    pub fn from_param(value: &str) -> Option<Self> {
        match value {
            "unlisted" => Some(ReasonFilter::Unlisted),
            "none" => Some(ReasonFilter::Missing),
            other => match other.strip_prefix("group:") {
                Some(slug) => EndReasonGroup::ALL
                    .into_iter()
                    .find(|g| g.slug() == slug)
                    .map(ReasonFilter::Group),
                None => KnownEndReason::from_code(other).map(ReasonFilter::Label),
            },
        }
    }
}

/// The four orders of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    NewestFirst,
    OldestFirst,
    LongestFirst,
    ShortestFirst,
}

impl Sort {
    pub const ALL: [Sort; 4] = [
        Sort::NewestFirst,
        Sort::OldestFirst,
        Sort::LongestFirst,
        Sort::ShortestFirst,
    ];

    pub fn param(self) -> &'static str {
        match self {
            Sort::NewestFirst => "newest",
            Sort::OldestFirst => "oldest",
            Sort::LongestFirst => "longest",
            Sort::ShortestFirst => "shortest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::NewestFirst => "Newest first",
            Sort::OldestFirst => "Oldest first",
            Sort::LongestFirst => "Longest first",
            Sort::ShortestFirst => "Shortest first",
        }
    }

    pub fn from_param(value: &str) -> Option<Self> {
        Sort::ALL.into_iter().find(|s| s.param() == value)
    }

    fn key(self) -> (SortKey, bool) {
        match self {
            Sort::NewestFirst => (SortKey::Time, true),
            Sort::OldestFirst => (SortKey::Time, false),
            Sort::LongestFirst => (SortKey::Duration, true),
            Sort::ShortestFirst => (SortKey::Duration, false),
        }
    }
}

/// The recording filter as written in the URL and the filter's select: `yes`, `no`, or empty for either.
pub fn recording_param(recording: Option<bool>) -> &'static str {
    match recording {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

/// The recording filter from its URL or select value; anything else is no filter.
pub fn recording_from_param(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Everything that decides which calls the list shows and in what order; lives in the URL query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub search: String,
    pub reason: Option<ReasonFilter>,
    pub status: Option<String>,
    /// First and last day shown, inclusive, in the viewer's time zone.
    pub from: Option<Day>,
    pub to: Option<Day>,
    /// Duration bounds in whole seconds, inclusive.
    pub min_seconds: Option<u32>,
    pub max_seconds: Option<u32>,
    /// `Some(true)`: only calls with a recording; `Some(false)`: only those without.
    pub recording: Option<bool>,
    /// Only calls to this customer number, compared as [`number_key`] reduces it.
    pub number: Option<String>,
    pub sort: Sort,
    /// Which calls are loaded; `None`: everything, or the recent ones for a campaign too large.
    pub scope: Option<Scope>,
    /// Only calls with this review state.
    pub review: Option<ReviewFilter>,
    /// Only calls carrying this tag.
    pub tag: Option<String>,
    /// The review queue: the view narrowed to all or a sample of its calls.
    pub queue: Option<QueueSpec>,
    /// Only calls the platform evaluated so (`Unknown`: not evaluated, or in a form that says neither).
    pub success: Option<Success>,
    /// Only calls whose collected field holds this.
    pub field: Option<FieldFilter>,
}

impl ViewState {
    /// Reads the URL query (without the `?`). Unknown keys and unreadable values are ignored, so an old
    /// or hand-edited link still opens.
    pub fn from_query(query: &str) -> Self {
        let mut state = ViewState::default();
        let mut seed: Option<u32> = None;
        let mut part: Option<(u16, u16)> = None;
        let mut field: [Option<String>; 4] = Default::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(&value.replace('+', " "));
            let value = value.as_str();
            match key {
                "q" => state.search = value.to_owned(),
                "reason" => state.reason = ReasonFilter::from_param(value),
                "status" if !value.is_empty() => state.status = Some(value.to_owned()),
                "from" => state.from = Day::parse(value),
                "to" => state.to = Day::parse(value),
                "min" => state.min_seconds = value.parse().ok(),
                "max" => state.max_seconds = value.parse().ok(),
                "recording" => state.recording = recording_from_param(value),
                "number" if !value.trim().is_empty() => {
                    state.number = Some(value.trim().to_owned())
                }
                "sort" => state.sort = Sort::from_param(value).unwrap_or_default(),
                "scope" => state.scope = Scope::from_param(value),
                "review" => state.review = ReviewFilter::from_param(value),
                "tag" if !value.trim().is_empty() => state.tag = Some(value.trim().to_owned()),
                "queue" => {
                    state.queue = QueueSpec::take_from_param(value).map(|take| QueueSpec {
                        take,
                        ..state.queue.unwrap_or_else(QueueSpec::all)
                    })
                }
                "success" => state.success = Success::from_param(value),
                "field" => field[0] = Some(value.to_owned()),
                "value" => field[1] = Some(value.to_owned()),
                "fmin" => field[2] = Some(value.to_owned()),
                "fmax" => field[3] = Some(value.to_owned()),
                "seed" => seed = value.parse().ok(),
                "part" => part = Some(QueueSpec::part_from_param(value)),
                _ => {}
            }
        }
        let [name, value, min, max] = field;
        state.field = FieldFilter::from_params(
            name.as_deref(),
            value.as_deref(),
            min.as_deref(),
            max.as_deref(),
        );
        // The queue's seed and part may come before or after it in the query.
        if let Some(queue) = &mut state.queue {
            queue.seed = seed.unwrap_or(0);
            (queue.part, queue.parts) = part.unwrap_or((1, 1));
        }
        state
    }

    /// The URL query, `?` included, or an empty string for the default view. Keys come in a fixed order
    /// so that the same view always has the same address.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.search.trim().is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        if let Some(reason) = &self.reason {
            pairs.push(("reason", reason.to_param()));
        }
        if let Some(status) = &self.status {
            pairs.push(("status", status.clone()));
        }
        if let Some(day) = self.from {
            pairs.push(("from", day.to_string()));
        }
        if let Some(day) = self.to {
            pairs.push(("to", day.to_string()));
        }
        if let Some(s) = self.min_seconds {
            pairs.push(("min", s.to_string()));
        }
        if let Some(s) = self.max_seconds {
            pairs.push(("max", s.to_string()));
        }
        if self.recording.is_some() {
            pairs.push(("recording", recording_param(self.recording).to_owned()));
        }
        if let Some(number) = &self.number {
            pairs.push(("number", number.clone()));
        }
        if self.sort != Sort::default() {
            pairs.push(("sort", self.sort.param().to_owned()));
        }
        if let Some(scope) = &self.scope {
            pairs.push(("scope", scope.param()));
        }
        if let Some(review) = self.review {
            pairs.push(("review", review.param().to_owned()));
        }
        if let Some(tag) = &self.tag {
            pairs.push(("tag", tag.clone()));
        }
        if let Some(success) = self.success {
            pairs.push(("success", success.param().to_owned()));
        }
        if let Some(field) = &self.field {
            pairs.extend(field.params());
        }
        if let Some(queue) = &self.queue {
            pairs.push(("queue", queue.take_param()));
            if queue.take != Take::All {
                pairs.push(("seed", queue.seed.to_string()));
            }
            if let Some(part) = queue.part_param() {
                pairs.push(("part", part));
            }
        }
        if pairs.is_empty() {
            return String::new();
        }
        let joined: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(&v)))
            .collect();
        format!("?{}", joined.join("&"))
    }

    /// Whether any filter or search narrows the list (the sort, the scope and the queue do not: they
    /// decide what the list holds, not what it shows of it).
    pub fn is_filtered(&self) -> bool {
        ViewState {
            sort: Sort::default(),
            scope: None,
            queue: None,
            ..self.clone()
        } != ViewState::default()
    }
}

/// Counts per end reason over the calls the other filters let through: the chart's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Breakdown {
    /// Each row of the table that occurs, with its count, most frequent first.
    pub labels: Vec<(KnownEndReason, usize)>,
    /// Calls with a code the table does not name, and how many distinct codes that is.
    pub unlisted: usize,
    pub unlisted_codes: usize,
    pub missing: usize,
}

impl Breakdown {
    pub fn total(&self) -> usize {
        self.labels.iter().map(|(_, n)| n).sum::<usize>() + self.unlisted + self.missing
    }

    pub fn max(&self) -> usize {
        self.labels
            .iter()
            .map(|(_, n)| *n)
            .chain([self.unlisted, self.missing])
            .max()
            .unwrap_or(0)
    }
}

/// The calls a view shows, in order, by store number; and the chart's counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewResult {
    pub rows: Vec<u32>,
    pub breakdown: Breakdown,
    /// With a queue: its calls in the view's order (whatever the review filter hides), and how far it
    /// has got.
    pub queue: Option<(Vec<u32>, QueueProgress)>,
    /// Calls per day and the view's figures, over the calls every filter but the dates lets through.
    pub trends: Trends,
}

/// Selects and orders the calls of `state`. `offset_at` gives the viewer's UTC offset in minutes on a
/// day, for the date bounds (it differs across daylight saving changes).
pub fn run_view(
    store: &mut CallStore,
    state: &ViewState,
    offset_at: &dyn Fn(Day) -> i32,
) -> ViewResult {
    run_view_with(store, state, offset_at, &ReviewLookup::default())
}

/// [`run_view`] with the calls' review state, for the review filters and the queue.
///
/// The queue is sampled from the calls every other filter but the review's lets through (so that
/// reviewing a call does not reshuffle it); the review filter then narrows what is shown of it. The
/// chart counts, as for every filter, the calls the others let through.
pub fn run_view_with(
    store: &mut CallStore,
    state: &ViewState,
    offset_at: &dyn Fn(Day) -> i32,
    review: &ReviewLookup,
) -> ViewResult {
    run_view_full(store, state, offset_at, review, true)
}

/// [`run_view_with`], gathering the trends only when `with_trends` (the page asks for them while a trends
/// chart is on screen: they cost more than the rows).
pub fn run_view_full(
    store: &mut CallStore,
    state: &ViewState,
    offset_at: &dyn Fn(Day) -> i32,
    review: &ReviewLookup,
    with_trends: bool,
) -> ViewResult {
    let query = SearchQuery::parse(&state.search);
    let hits = store.search(&query);
    let from = state.from.map(|d| d.start(offset_at(d)).0);
    // `to` is inclusive: everything before the next midnight (a day is 23 or 25 hours when the clocks
    // change, so the next day's own start, not 24 hours on).
    let to = state.to.map(|d| {
        let next = Day::from_epoch_days(d.epoch_days() + 1);
        next.start(offset_at(next)).0
    });
    let min_ms = state.min_seconds.map(|s| u64::from(s) * 1000);
    // Inclusive of the whole last second: a 59.4 s call is "up to 59 s" as the list shows it.
    let max_ms = state.max_seconds.map(|s| u64::from(s) * 1000 + 999);
    // A number that reduces to nothing matches nothing, rather than silently showing every call.
    let number = state
        .number
        .as_deref()
        .map(|n| number_key(n).unwrap_or_else(|| "not a number".to_owned()));

    // Which interned reasons pass the reason filter, decided once per distinct reason, not per call.
    let reason_pass: Vec<bool> = store
        .reasons()
        .iter()
        .map(|r| state.reason.as_ref().is_none_or(|f| f.matches(r)))
        .collect();
    // The same for statuses: a number compared per call, not a string.
    let status_pass: Vec<bool> = store
        .status_values()
        .iter()
        .map(|s| {
            state
                .status
                .as_deref()
                .is_none_or(|wanted| s.as_deref() == Some(wanted))
        })
        .collect();
    // A field nobody collected matches nothing.
    let field = state.field.as_ref().map(|f| (f, store.field_id(&f.name)));
    // A tag nobody uses matches nothing.
    let tag = state
        .tag
        .as_deref()
        .map(|t| review.tag_number(t).unwrap_or(u16::MAX));
    let mut per_reason = vec![0usize; store.reasons().len()];
    let mut buffer = String::with_capacity(16);
    let (key, descending) = state.sort.key();
    store.prepare_order(key);
    let store = &*store;
    let mut passing = Vec::new();
    for index in store.ordered(key, descending) {
        if let Some(hits) = &hits {
            if !hits.contains(index) {
                continue;
            }
        }
        if !status_pass
            .get(store.status_id(index) as usize)
            .copied()
            .unwrap_or(true)
        {
            continue;
        }
        // Outside the dates, a call still counts in the trends (the chart shows the days around).
        let in_dates = (from.is_none() && to.is_none())
            || store.when_of(index).is_some_and(|when| {
                !(from.is_some_and(|f| when.0 < f) || to.is_some_and(|t| when.0 >= t))
            });
        if min_ms.is_some() || max_ms.is_some() {
            let Some(ms) = store.duration_ms_of(index).map(u64::from) else {
                continue;
            };
            if min_ms.is_some_and(|m| ms < m) || max_ms.is_some_and(|m| ms > m) {
                continue;
            }
        }
        if let Some(with) = state.recording {
            if store.has_recording(index) != with {
                continue;
            }
        }
        if let Some(wanted) = &number {
            let number = store.get(index).and_then(|c| c.number);
            let same = number.is_some_and(|n| number_key_into(n, &mut buffer) && buffer == *wanted);
            if !same {
                continue;
            }
        }
        if let Some(tag) = tag {
            if !review.has_tag(index, tag) {
                continue;
            }
        }
        if let Some(wanted) = state.success {
            if store.success_of(index) != wanted {
                continue;
            }
        }
        if let Some((filter, id)) = field {
            let value = id.and_then(|id| store.field_value(index, id));
            if !filter.passes(value) {
                continue;
            }
        }
        passing.push((index, in_dates));
    }

    let reason_of = |index: u32| store.reason_id(index) as usize;
    let passes_reason = |index: u32| reason_pass.get(reason_of(index)).copied().unwrap_or(true);
    // The queue: a sample of what the filters (the end reason's too) let through.
    let queue = state.queue.map(|spec| {
        let pool: Vec<u32> = passing
            .iter()
            .filter(|&&(i, in_dates)| in_dates && passes_reason(i))
            .map(|&(i, _)| i)
            .collect();
        let ids: Vec<&str> = pool
            .iter()
            .map(|&i| store.get(i).map(|c| c.id).unwrap_or(""))
            .collect();
        let member = spec.members(&ids);
        let chosen: Vec<u32> = pool
            .into_iter()
            .zip(member)
            .filter_map(|(i, m)| m.then_some(i))
            .collect();
        let mut progress = QueueProgress::default();
        for &i in &chosen {
            progress.count(review.is_reviewed(i), review.verdict_of(i));
        }
        (chosen, progress)
    });
    let in_queue = queue.as_ref().map(|(chosen, _)| {
        let mut flags = vec![false; store.len()];
        for &i in chosen {
            if let Some(f) = flags.get_mut(i as usize) {
                *f = true;
            }
        }
        flags
    });

    let mut rows = Vec::new();
    let mut trends = TrendsBuilder::new(offset_at);
    // Each interned reason's stack in the trends, and whether it means the call was answered.
    let reasons = store.reasons();
    for (index, in_dates) in passing {
        if let Some(filter) = state.review {
            if !review.passes(index, filter) {
                continue;
            }
        }
        let reason = reason_of(index);
        if passes_reason(index) {
            if in_dates
                && in_queue
                    .as_ref()
                    .is_some_and(|f| !f.get(index as usize).copied().unwrap_or(false))
            {
                continue;
            }
            if with_trends {
                if let Some(end) = reasons.get(reason) {
                    let answered = answered(end, store.duration_ms_of(index));
                    trends.add(store, index, stack_of(end), answered);
                }
            }
            if !in_dates {
                continue;
            }
            rows.push(index);
        } else if in_queue.is_some() || !in_dates {
            // Not in the queue's reason: the queue holds none of them.
            continue;
        }
        if let Some(count) = per_reason.get_mut(reason) {
            *count += 1;
        }
    }
    ViewResult {
        rows,
        breakdown: breakdown(store.reasons(), &per_reason),
        queue,
        trends: trends.finish(),
    }
}

fn breakdown(reasons: &[EndReason], counts: &[usize]) -> Breakdown {
    let mut result = Breakdown::default();
    let mut labels = [0usize; 16];
    for (reason, &count) in reasons.iter().zip(counts) {
        if count == 0 {
            continue;
        }
        match reason {
            EndReason::Known(known) => {
                let i = KnownEndReason::ALL.iter().position(|k| k == known);
                if let Some(label) = i.and_then(|i| labels.get_mut(i)) {
                    *label += count;
                }
            }
            EndReason::Unlisted(_) => {
                result.unlisted += count;
                result.unlisted_codes += 1;
            }
            EndReason::Missing => result.missing += count,
        }
    }
    result.labels = KnownEndReason::ALL
        .into_iter()
        .zip(labels)
        .filter(|(_, n)| *n > 0)
        .collect();
    // Most frequent first; the table's order breaks ties, so bars do not jump between equal counts.
    result.labels.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    result
}
