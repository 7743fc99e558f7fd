#![cfg(not(target_arch = "wasm32"))]
//! The page's HTML asks for a small campaign's calls before the app has started (`src/browser/early.js`);
//! the app uses those answers only where it asks for exactly the same. Both sides read the same records
//! (`tests/fixtures/early-records.json`): here, the app's first requests for each; in
//! `tests/unit/early.test.mjs`, the page's guess, which must be those requests or none.

use call_records::domain::loading::load_plan::LoadPlan;
use call_records::domain::Timestamp;
use call_records::wire::parse_campaign;

/// 2026-12-04T00:00:00Z, after every creation date in the fixture (the node test's clock too).
const NOW: Timestamp = Timestamp(1_796_342_400_000);

type Windows = Vec<(String, Option<String>)>;

/// The windows (startDate, endDate) the app asks for when it asks for the campaign whole (the newest
/// hour, then the rest in parts), in order; `None` when it walks back from the newest hour instead.
/// The plan as `Loader::start_learned` sets it up, asked until it has nothing more.
fn whole_from(record: &str) -> Option<Windows> {
    let campaign = parse_campaign(record).ok()?;
    let mut plan = LoadPlan::windowed(NOW, None);
    plan.set_floor(campaign.created_at?);
    plan.set_expected(campaign.call_count?);
    if !plan.is_small() {
        return None;
    }
    let windows = std::iter::from_fn(|| plan.next_request())
        .take(100)
        .map(|w| {
            let start = w.start.map(Timestamp::to_iso).unwrap_or_default();
            (start, w.end.map(Timestamp::to_iso))
        })
        .collect();
    Some(windows)
}

fn windows_of(value: &serde_json::Value) -> Option<Windows> {
    let list = value.as_array()?;
    let pair = |p: &serde_json::Value| {
        let start = p[0].as_str().unwrap_or_default().to_owned();
        (start, p[1].as_str().map(str::to_owned))
    };
    Some(list.iter().map(pair).collect())
}

#[test]
fn the_app_asks_a_small_campaign_whole_in_parts_from_a_day_before_its_creation() {
    let text = std::fs::read_to_string("tests/fixtures/early-records.json").unwrap();
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let what = case["what"].as_str().unwrap();
        let record = serde_json::to_string(&case["record"]).unwrap();
        let expected = windows_of(&case["app"]);
        assert_eq!(whole_from(&record), expected, "{what}: {record}");
        let early = windows_of(&case["early"]);
        assert!(
            early.is_none() || early == expected,
            "{what}: the page's guess must be the app's requests or none"
        );
    }
}

/// Prints each fixture record's windows, to fill in a new case (`--ignored --nocapture`).
#[test]
#[ignore]
fn print_the_windows_of_each_fixture_record() {
    let text = std::fs::read_to_string("tests/fixtures/early-records.json").unwrap();
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    for case in fixture["cases"].as_array().unwrap() {
        let record = serde_json::to_string(&case["record"]).unwrap();
        println!("{}: {:?}", case["what"], whole_from(&record));
    }
}
