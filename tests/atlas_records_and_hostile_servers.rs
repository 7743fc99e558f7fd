#![cfg(not(target_arch = "wasm32"))]
//! What Atlas really sends (table entities: `RowKey` IDs, PascalCase, lists as JSON strings, values as
//! strings, the `AI:/User:` transcript form, lone surrogates), route IDs with reserved characters, and
//! the load plan's request bounds against campaigns whose figures are absurd.

use call_records::domain::loading::load_plan::{LoadPlan, Page, PageOutcome, Window};
use call_records::domain::text::url::percent_decode;
use call_records::domain::CallRecord;
use call_records::domain::{EndReason, KnownEndReason, Recording, Speaker, Timestamp};
use call_records::routes::{call, call_id_from_path, campaign, needs_exact_navigation};
use call_records::wire::{
    parse_call, parse_calls, parse_campaigns, read_call_in, split_calls_page, Asked,
};

/// A list read as the loader reads it: split, then each record on its own, as `campaign`'s calls.
fn parse_calls_of(text: &str, campaign: &str) -> Vec<CallRecord> {
    let page = split_calls_page(text).unwrap();
    let asked = Asked {
        campaign: Some(campaign),
    };
    page.records
        .iter()
        .map(|range| read_call_in(&text[range.clone()], asked).unwrap())
        .collect()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn iso(text: &str) -> Timestamp {
    Timestamp::parse_iso(text).unwrap()
}

#[test]
fn table_entity_calls_are_read_with_row_keys_json_string_lists_and_string_values() {
    let items = parse_calls_of(&fixture("atlas_table_calls.json"), "cmp-table");
    let ids: Vec<&str> = items.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["call-row-1", "call-row-2", "call-row-3", "call-4", "call-5"]
    );

    let first = &items[0];
    assert_eq!(first.campaign_id.as_deref(), Some("cmp-table"));
    assert_eq!(first.customer.name.as_deref(), Some("Rowan Keyes"));
    assert_eq!(first.customer.number.as_deref(), Some("+15550002222"));
    assert_eq!(first.cost_usd, Some(0.42), "a number sent as a string");
    assert_eq!(
        first.end_reason,
        EndReason::Known(KnownEndReason::CustomerEndedCall)
    );
    assert_eq!(first.duration_seconds, Some(150.0));
    assert_eq!(first.started_at, Some(iso("2026-11-20T09:00:00Z")));
    assert_eq!(first.changed_at, Some(iso("2026-11-20T09:30:00Z")));
    let turns: Vec<(Speaker, &str, Option<f64>)> = first
        .transcript
        .turns
        .iter()
        .map(|t| (t.speaker.clone(), t.text.as_str(), t.at_seconds))
        .collect();
    assert_eq!(
        turns,
        [
            (Speaker::Agent, "Hello Rowan, this is Ava.", Some(0.6)),
            (Speaker::Customer, "Hi Ava, Tuesday works.", Some(4.5)),
        ],
        "messages from a JSON string, PascalCase inside, a time sent as a string"
    );

    let second = &items[1];
    assert_eq!(
        second.campaign_id.as_deref(),
        Some("cmp-table"),
        "the PartitionKey, since the request asked for that campaign"
    );
    assert_eq!(second.customer.name.as_deref(), Some("Tabitha Entity"));
    assert_eq!(second.customer.number.as_deref(), Some("+15550003333"));
    assert_eq!(
        second.summary.as_deref(),
        Some("Tabitha asked to be called next month.")
    );
    let said: Vec<(Speaker, &str)> = second
        .transcript
        .turns
        .iter()
        .map(|t| (t.speaker.clone(), t.text.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (Speaker::Agent, "Hi Tabitha, Ava here."),
            (Speaker::Customer, "Call me next month please."),
            (Speaker::Agent, "Will do. Goodbye!"),
        ],
        "the plain AI:/User: form as turns"
    );
    assert!(second
        .transcript
        .turns
        .iter()
        .all(|t| t.at_seconds.is_none()));

    let third = &items[2];
    assert_eq!(
        third.campaign_id, None,
        "a partition that is not the campaign asked for"
    );
    assert_eq!(third.started_at, None, "Timestamp is never the start");
    assert_eq!(third.when(), None);
    assert_eq!(third.changed_at, Some(iso("2026-11-19T08:00:00Z")));
    assert_eq!(
        third.recording,
        Recording::Available {
            url: "https://storage.example.com/rec/call-row-3.mp3".into(),
            expires_at: Some(iso("2026-11-19T09:00:00Z")),
        },
        "an artifact sent as a JSON string"
    );
    assert_eq!(
        third.cost_usd,
        Some(0.05),
        "costBreakdown.total as a JSON string"
    );

    let fourth = &items[3];
    assert_eq!(fourth.duration_seconds, Some(75.0));
    assert_eq!(
        fourth.summary.as_deref(),
        Some("A summary cut mid-emoji \u{FFFD} by an upstream system, and a stray \u{FFFD} too."),
        "lone surrogates read as replacement characters; the record is kept"
    );

    let fifth = &items[4];
    assert!(
        fifth.transcript.turns.is_empty(),
        "other text stays one block"
    );
    assert_eq!(
        fifth.transcript.plain.as_deref(),
        Some("The customer was not home; a neighbour answered.")
    );
}

#[test]
fn without_the_campaign_asked_for_a_partition_key_is_not_a_campaign() {
    let parsed = parse_calls(&fixture("atlas_table_calls.json")).unwrap();
    assert_eq!(parsed.items[1].campaign_id, None);
    assert_eq!(
        parsed.items[0].campaign_id.as_deref(),
        Some("cmp-table"),
        "CampaignId still is"
    );
}

#[test]
fn a_single_table_entity_opens_by_its_row_key() {
    let call = parse_call(
        r#"{"value": {"PartitionKey": "cmp-table", "RowKey": "r/1?x", "Summary": "Found by its row key."}}"#,
    )
    .unwrap();
    assert_eq!(call.id, "r/1?x");
    assert_eq!(call.summary.as_deref(), Some("Found by its row key."));
}

#[test]
fn table_entity_campaigns_take_names_and_status_from_their_properties() {
    let parsed = parse_campaigns(&fixture("atlas_table_campaigns.json")).unwrap();
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    let read: Vec<(&str, &str, Option<&str>, Option<u64>)> = parsed
        .items
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.display_name(),
                c.status.as_deref(),
                c.call_count,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                "cmp-table",
                "Table entity campaign",
                Some("Active"),
                Some(5)
            ),
            ("cmp-paused", "Contoso Clinic", Some("Paused"), None),
            ("cmp-named", "Named by campaignName", Some("Active"), None),
        ]
    );
}

#[test]
fn a_lone_surrogate_anywhere_keeps_the_record() {
    for text in [
        r#"{"id": "s-1", "summary": "\ud800"}"#,
        r#"{"id": "s-1", "summary": "ok", "customer": {"name": "Ann \udfff"}}"#,
        r#"{"id": "s-1", "messages": "[{\"role\":\"bot\",\"message\":\"hi \\ud800\"}]"}"#,
    ] {
        let call = parse_call(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(call.id, "s-1");
    }
    let list = parse_calls(r#"[{"id": "a", "summary": "x\ud800"}, {"id": "b"}]"#).unwrap();
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.items[0].summary.as_deref(), Some("x\u{FFFD}"));
}

/// The router hands route parameters over decoded once (`decodeURIComponent`); the open call is read
/// from the raw path, decoded once. Either way each reserved character comes back as it was.
#[test]
fn ids_with_reserved_characters_round_trip_through_the_route() {
    for id in [
        "a/b",
        "a%2Fb",
        "what?",
        "x#1",
        "two words",
        "100%",
        "é/%25/?#& +",
    ] {
        let path = call("cmp/1 %", id);
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        assert_eq!(
            segments.len(),
            4,
            "{path}: every reserved character stays escaped"
        );
        assert_eq!(percent_decode(segments[3]), id, "the router's one decoding");
        assert_eq!(percent_decode(segments[1]), "cmp/1 %");
        assert_eq!(call_id_from_path(&path).as_deref(), Some(id), "{path}");
        assert!(!path.contains(['?', '#', ' ']), "{path}");
    }
    assert!(campaign("50%").ends_with("50%25"));
    // Links whose path holds an encoded % are followed as written (the router's decodeURI would turn
    // %252F into %2F, that is into a slash); the rest are left to the router.
    assert!(needs_exact_navigation(&call("c", "a%2Fb")));
    assert!(needs_exact_navigation(&call("c", "100%")));
    assert!(!needs_exact_navigation(&call("c", "a/b?#")));
}

/// A server for the load plan: answers each window with the calls inside it, as Atlas does.
struct FakeServer {
    /// Call times, ms.
    calls: Vec<i64>,
}

impl FakeServer {
    fn answer(&self, window: &Window) -> PageOutcome {
        let inside: Vec<i64> = self
            .calls
            .iter()
            .copied()
            .filter(|&at| {
                window.start.is_none_or(|s| at >= s.0) && window.end.is_none_or(|e| at < e.0)
            })
            .collect();
        PageOutcome {
            count: inside.len(),
            added: inside.len(),
            oldest: inside.iter().min().map(|&at| Timestamp(at)),
            ..PageOutcome::default()
        }
    }
}

/// Runs a plan to the end, three requests at a time as the page does; returns the requests made and
/// the calls found.
fn run(plan: &mut LoadPlan, server: &FakeServer) -> (usize, usize) {
    let mut requests = 0;
    let mut found = 0;
    loop {
        let batch: Vec<Window> = std::iter::from_fn(|| plan.next_request()).take(3).collect();
        if batch.is_empty() {
            break;
        }
        for window in batch {
            requests += 1;
            assert!(requests < 100_000, "the walk does not end");
            let outcome = server.answer(&window);
            if window.page == Page::First {
                found += outcome.count;
            }
            plan.done(&window, &outcome);
        }
    }
    assert!(plan.is_complete());
    (requests, found)
}

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

fn now() -> Timestamp {
    iso("2026-11-26T12:00:00Z")
}

/// Five calls in the last day.
fn five_recent_calls() -> FakeServer {
    FakeServer {
        calls: (0..5).map(|i| now().0 - (i + 1) * 3 * HOUR).collect(),
    }
}

#[test]
fn a_campaign_created_in_1970_costs_a_handful_of_requests() {
    let server = five_recent_calls();
    let mut plan = LoadPlan::windowed(now(), None);
    plan.set_floor(Timestamp(0));
    plan.set_expected(5);
    let (requests, found) = run(&mut plan, &server);
    println!("createdAt 1970-01-01, 5 calls: {requests} requests");
    assert_eq!(found, 5);
    assert!(requests <= 25, "{requests} requests");
}

#[test]
fn a_campaign_claiming_a_billion_calls_costs_a_handful_of_requests() {
    let server = five_recent_calls();
    let mut plan = LoadPlan::windowed(now(), None);
    plan.set_floor(Timestamp(now().0 - 30 * DAY));
    plan.set_expected(1_000_000_000);
    let (requests, found) = run(&mut plan, &server);
    println!("callCount 1e9 over 30 days, 5 calls: {requests} requests");
    assert_eq!(found, 5);
    assert!(requests <= 12, "{requests} requests");
}

#[test]
fn a_believable_but_false_count_is_dropped_once_the_calls_contradict_it() {
    let server = five_recent_calls();
    let mut plan = LoadPlan::windowed(now(), None);
    plan.set_floor(Timestamp(now().0 - 30 * DAY));
    plan.set_expected(5_000_000);
    let (requests, found) = run(&mut plan, &server);
    assert_eq!(found, 5);
    assert!(requests <= 20, "{requests} requests");
}

#[test]
fn no_campaign_costs_more_than_its_window_budget() {
    // 3,000 calls spread one every ~3 days over 25 years would walk forever at the density's pace;
    // the budget ends it with one window for everything older, and every call is still found.
    let floor = iso("2015-06-01T00:00:00Z");
    let spread = FakeServer {
        calls: (0..3_000)
            .map(|i| now().0 - i * ((now().0 - floor.0) / 3_000))
            .collect(),
    };
    for (floor, count) in [
        (None, None),
        (Some(floor), Some(3_000)),
        (Some(floor), Some(9_000_000)),
    ] {
        let mut plan = LoadPlan::windowed(now(), None);
        if let Some(floor) = floor {
            plan.set_floor(floor);
        }
        if let Some(count) = count {
            plan.set_expected(count);
        }
        let (requests, found) = run(&mut plan, &spread);
        let bound = 65 + 3_000usize.div_ceil(100);
        assert!(requests <= bound, "{requests} > {bound}");
        if floor.is_some() {
            assert_eq!(found, 3_000, "with the start known, nothing is missed");
        }
    }
    // A truthful 100,000-call campaign over 30 days stays well inside the bound.
    let dense = FakeServer {
        calls: (0..100_000)
            .map(|i| now().0 - i * (30 * DAY / 100_000))
            .collect(),
    };
    let mut plan = LoadPlan::windowed(now(), None);
    plan.set_floor(Timestamp(now().0 - 30 * DAY));
    plan.set_expected(100_000);
    let (requests, found) = run(&mut plan, &dense);
    println!("100,000 calls over 30 days: {requests} requests");
    assert_eq!(found, 100_000);
    assert!(requests <= 65 + 1_000, "{requests}");
}

/// Every record text the tests know: fixtures (each list's records one by one), the demo's details.
fn every_record_text() -> Vec<String> {
    let mut texts = Vec::new();
    let fixtures = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if let Ok(page) = call_records::wire::split_calls_page(&text) {
            texts.extend(page.records.iter().map(|r| text[r.clone()].to_owned()));
        }
        texts.push(text);
    }
    let demo = format!("{}/public/demo/calls", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&demo).unwrap() {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    texts
}

#[test]
fn a_record_read_in_slices_equals_the_record_read_whole() {
    use call_records::wire::{repaired, split_call};
    let mut texts = every_record_text();
    // Messages in the artifact and at the top, both; a list as a string; a plain transcript beside
    // messages; a wrapped record; a lone surrogate in a message.
    texts.extend([
        r#"{"id":"m","messages":[{"role":"bot","message":"top"}],"artifact":{"messages":[{"role":"user","message":"art","secondsFromStart":2}],"recordingUrl":"https://r/x.mp3"}}"#.to_owned(),
        r#"{"Id":"s","Messages":"[{\"Role\":\"bot\",\"Message\":\"as text\"}]"}"#.to_owned(),
        r#"{"id":"p","transcript":"AI: hi\nUser: yo","messages":[{"role":"user","message":"from messages"}]}"#.to_owned(),
        r#"{"id":"e","transcript":"AI: hi\nUser: yo","messages":[{"role":"system"}]}"#.to_owned(),
        r#"{"data":{"RowKey":"w","Messages":[{"Role":"bot","Message":"wrapped \ud800"}]}}"#.to_owned(),
    ]);
    let mut compared = 0;
    for text in &texts {
        let whole = parse_call(text);
        let repaired = repaired(text);
        let split = split_call(&repaired, Asked::default()).map(|s| {
            let turns = s.turns(0..s.message_count());
            s.with_turns(turns)
        });
        match (whole, split) {
            (Ok(whole), Ok(split)) => {
                assert_eq!(whole, split, "{text}");
                compared += 1;
            }
            (Err(_), _) => {}
            (Ok(whole), Err(e)) => panic!("split failed ({e}) where whole read {}", whole.id),
        }
    }
    assert!(compared >= 70, "{compared} records compared");
}

#[test]
fn slices_of_a_long_transcript_add_up_to_it() {
    use call_records::wire::split_call;
    let messages: Vec<String> = (0..12_000)
        .map(|i| {
            format!(
                r#"{{"role":"{}","message":"turn {i}","secondsFromStart":{i}}}"#,
                if i % 2 == 0 { "bot" } else { "user" }
            )
        })
        .collect();
    let text = format!(
        r#"{{"id":"long","startedAt":"2026-11-20T10:00:00Z","messages":[{}]}}"#,
        messages.join(",")
    );
    let split = split_call(&text, Asked::default()).unwrap();
    assert_eq!(split.message_count(), 12_000);
    let mut turns = Vec::new();
    for start in (0..12_000).step_by(5_000) {
        turns.extend(split.turns(start..start + 5_000));
    }
    assert_eq!(turns.len(), 12_000);
    assert_eq!(turns[11_999].text, "turn 11999");
    assert_eq!(turns, parse_call(&text).unwrap().transcript.turns);
}
