#![cfg(not(target_arch = "wasm32"))]
//! The page's HTML asks for a small campaign's calls before the app has started (`src/browser/early.js`);
//! the app uses that answer only if it would have asked for exactly the same. Both sides read the same
//! records (`tests/fixtures/early-records.json`): here, the app's first request for each; in
//! `tests/unit/early.test.mjs`, the page's guess, which must be that request or none.

use call_records::domain::loading::load_plan::LoadPlan;
use call_records::domain::loading::loader::{Command, FailureKind, Held, LoadError, Loader};
use call_records::domain::Timestamp;
use call_records::wire::parse_campaign;

#[derive(Clone, Debug, PartialEq)]
struct Error;

impl LoadError for Error {
    fn kind(&self) -> FailureKind {
        FailureKind::Dropped
    }
}

/// 4 December 2026, after every creation date in the fixture.
const NOW: Timestamp = Timestamp(1_796_342_400_000);

/// The startDate of the app's one request for the whole campaign, if that is its first request.
fn whole_from(record: &str) -> Option<String> {
    let campaign = parse_campaign(record).ok()?;
    let mut loader = Loader::<Error>::default();
    let plan = LoadPlan::windowed(NOW, None);
    let figures = (campaign.created_at, campaign.call_count, true);
    let commands = loader.start_learned("c1", plan, Held::Drop, 0, figures);
    let windows: Vec<_> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Fetch { window, .. } => Some(window.clone()),
            _ => None,
        })
        .collect();
    match windows.as_slice() {
        [only] if only.end.is_none() => only.start.map(Timestamp::to_iso),
        _ => None,
    }
}

#[test]
fn the_app_asks_a_small_campaign_whole_from_a_day_before_its_creation() {
    let text = std::fs::read_to_string("tests/fixtures/early-records.json").unwrap();
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let what = case["what"].as_str().unwrap();
        let record = serde_json::to_string(&case["record"]).unwrap();
        let expected = case["app"].as_str().map(str::to_owned);
        assert_eq!(whole_from(&record), expected, "{what}: {record}");
        let early = case["early"].as_str();
        assert!(
            early.is_none() || early == expected.as_deref(),
            "{what}: the page's guess must be the app's request or none"
        );
    }
}
