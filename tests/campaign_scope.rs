#![cfg(not(target_arch = "wasm32"))]
//! Past what one tab can hold: the scope of a load (everything, the last days, a range of days) asked
//! of the API by date window, and a campaign too large to load whole opening with its recent calls.

use call_records::domain::list::view::ViewState;
use call_records::domain::loading::load_plan::{LoadPlan, PageOutcome};
use call_records::domain::loading::loader::{FailureKind, Held, LoadError, Loader};
use call_records::domain::loading::scope::{too_large, Scope, AUTOMATIC_DAYS, FULL_LOAD_LIMIT};
use call_records::domain::records::time::{Day, Timestamp};

const NOW: Timestamp = Timestamp(1_764_000_000_000);
const DAY: i64 = 86_400_000;
const UTC: fn(Day) -> i32 = |_| 0;

#[derive(Clone, Debug, PartialEq)]
struct Error;
impl LoadError for Error {
    fn kind(&self) -> FailureKind {
        FailureKind::Transient
    }
}

fn outcome(count: usize) -> PageOutcome {
    PageOutcome {
        count,
        added: count,
        ..PageOutcome::default()
    }
}

/// Walks a plan to its end, each window holding `per_window` calls; returns the windows asked for.
fn walk(mut plan: LoadPlan, per_window: usize) -> Vec<(Option<i64>, Option<i64>)> {
    let mut asked = Vec::new();
    while let Some(window) = plan.next_request() {
        asked.push((window.start.map(|t| t.0), window.end.map(|t| t.0)));
        plan.done(&window, &outcome(per_window));
        assert!(asked.len() < 2_000, "the walk ends");
    }
    asked
}

#[test]
fn the_last_days_are_asked_for_and_nothing_older() {
    let (start, end) = Scope::Recent(7).bounds(NOW, &UTC);
    assert_eq!((start, end), (Some(Timestamp(NOW.0 - 7 * DAY)), None));
    let asked = walk(LoadPlan::scoped(NOW, start, end), 50);
    assert!(asked.len() > 1);
    assert_eq!(asked[0].1, None, "the newest window still reaches past now");
    assert!(asked.iter().all(|(s, _)| s.unwrap() >= NOW.0 - 7 * DAY));
    assert_eq!(
        asked.last().unwrap().0,
        Some(NOW.0 - 7 * DAY),
        "down to the scope's start exactly"
    );
}

#[test]
fn a_range_of_days_is_walked_from_its_end_to_its_start() {
    let scope = Scope::from_param("2025-11-01..2025-11-10").unwrap();
    let (start, end) = scope.bounds(NOW, &UTC);
    let (start, end) = (start.unwrap().0, end.unwrap().0);
    assert_eq!(end - start, 10 * DAY, "both days included");
    let asked = walk(
        LoadPlan::scoped(NOW, Some(Timestamp(start)), Some(Timestamp(end))),
        20,
    );
    assert_eq!(
        asked[0].1,
        Some(end),
        "the first window ends where the range does"
    );
    assert!(asked
        .iter()
        .all(|(s, e)| s.unwrap() >= start && e.unwrap() <= end));
    // The windows tile the range without gaps.
    for pair in asked.windows(2) {
        assert_eq!(pair[1].1, pair[0].0);
    }
    assert_eq!(asked.last().unwrap().0, Some(start));
}

#[test]
fn a_campaign_over_the_limit_loads_its_recent_calls_unless_a_scope_was_chosen() {
    for (automatic, limited) in [(true, Some(AUTOMATIC_DAYS)), (false, None)] {
        let mut loader = Loader::<Error>::default();
        let _ = loader.start("c", LoadPlan::windowed(NOW, None), Held::Drop, 0);
        let _ = loader.learn(
            Some(Timestamp(NOW.0 - 400 * DAY)),
            Some(FULL_LOAD_LIMIT + 1),
            automatic,
        );
        assert_eq!(loader.progress().limited, limited, "automatic: {automatic}");
        assert_eq!(loader.progress().total, Some(FULL_LOAD_LIMIT + 1));
    }
    // Small enough: everything, even without a chosen scope.
    let mut loader = Loader::<Error>::default();
    let _ = loader.start("c", LoadPlan::windowed(NOW, None), Held::Drop, 0);
    let _ = loader.learn(
        Some(Timestamp(NOW.0 - 400 * DAY)),
        Some(FULL_LOAD_LIMIT),
        true,
    );
    assert_eq!(loader.progress().limited, None);
    assert!(too_large(Some(FULL_LOAD_LIMIT + 1)));
}

#[test]
fn limiting_mid_walk_ends_the_walk_at_the_recent_days() {
    let mut plan = LoadPlan::windowed(NOW, None);
    // Two windows in, the campaign record says the campaign is too large.
    for _ in 0..2 {
        let window = plan.next_request().unwrap();
        plan.done(&window, &outcome(400));
    }
    plan.limit_to_recent(AUTOMATIC_DAYS);
    let rest = walk(plan, 400);
    let oldest = rest.iter().filter_map(|(s, _)| *s).min().unwrap();
    assert_eq!(oldest, NOW.0 - i64::from(AUTOMATIC_DAYS) * DAY);
    // The campaign's creation date cannot widen a scope again.
    let mut plan = LoadPlan::scoped(NOW, Some(Timestamp(NOW.0 - 7 * DAY)), None);
    plan.set_floor(Timestamp(NOW.0 - 300 * DAY));
    let asked = walk(plan, 10);
    assert!(asked.iter().all(|(s, _)| s.unwrap() >= NOW.0 - 7 * DAY));
}

#[test]
fn a_date_filter_outside_the_scope_is_noticed() {
    let day = |s: &str| Day::parse(s);
    let scope = Scope::from_param("2025-11-01..2025-11-10").unwrap();
    assert!(scope.holds(day("2025-11-02"), day("2025-11-10"), NOW, &UTC));
    assert!(!scope.holds(day("2025-10-31"), day("2025-11-05"), NOW, &UTC));
    assert!(!scope.holds(day("2025-11-02"), day("2025-11-11"), NOW, &UTC));
    assert!(
        !scope.holds(None, day("2025-11-05"), NOW, &UTC),
        "no start: before the scope too"
    );
    assert!(Scope::Everything.holds(day("2001-01-01"), None, NOW, &UTC));
    let today = Day::containing(NOW, 0);
    assert!(Scope::Recent(7).holds(Some(today), None, NOW, &UTC));
    // The scope is in the URL, and it is not a filter of the list.
    let view = ViewState::from_query("?scope=30d&q=refund");
    assert_eq!(view.scope, Some(Scope::Recent(30)));
    assert_eq!(view.to_query(), "?q=refund&scope=30d");
    assert!(!ViewState::from_query("?scope=all").is_filtered());
}
