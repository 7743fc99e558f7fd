#![cfg(not(target_arch = "wasm32"))]
//! What the platform writes onto a call beyond the conversation, read from every form it takes: the
//! success evaluation, the collected data, tool calls and their results, turn latencies, the cost by
//! part; then what the list makes of them: filters, trends by the viewer's day (across daylight-saving
//! changes), CSV columns.

use call_records::domain::export::csv::calls_csv;
use call_records::domain::list::field_filter::{FieldFilter, FieldTest};
use call_records::domain::list::trends::{span_of, LocalDays, Span};
use call_records::domain::list::view::{run_view, Day, ViewState};
use call_records::domain::records::collected::{field_label, fields_of, FieldValue};
use call_records::domain::records::latency::{latencies, LatencySource, LatencyStats};
use call_records::domain::records::outcome::{Evaluation, Outcome, Success};
use call_records::domain::records::tool_call::{pair_tool_calls, Arguments};
use call_records::domain::search::store::CallStore;
use call_records::domain::search::store_entry::{EntryScratch, StoreEntry};
use call_records::domain::{CallRecord, Speaker};
use call_records::wire::{read_call, read_call_reference, Asked};
use serde_json::json;

fn evaluation(value: serde_json::Value) -> Option<(Success, String)> {
    Evaluation::read(&value).map(|e| (e.success(), e.label()))
}

#[test]
fn every_form_of_success_evaluation_reads() {
    let yes = |label: &str| Some((Success::Yes, label.to_owned()));
    let no = |label: &str| Some((Success::No, label.to_owned()));
    assert_eq!(evaluation(json!(true)), yes("Goal met"));
    assert_eq!(evaluation(json!("false")), no("Goal not met"));
    assert_eq!(evaluation(json!(" PASS ")), yes("Goal met"));
    assert_eq!(evaluation(json!("8")), yes("8/10"));
    assert_eq!(evaluation(json!(3)), no("3/10"));
    assert_eq!(evaluation(json!("4/5")), yes("4/5"));
    assert_eq!(evaluation(json!("72%")), yes("72 %"));
    assert_eq!(evaluation(json!(0.4)), no("0.4/1"));
    assert_eq!(evaluation(json!("Excellent")), yes("Excellent"));
    assert_eq!(
        evaluation(json!("Strongly disagree")),
        no("Strongly disagree")
    );
    // A text no scale names is shown, and counts as neither.
    assert_eq!(
        evaluation(json!("Customer sounded unsure")),
        Some((Success::Unknown, "Customer sounded unsure".to_owned()))
    );
    // An absurd number has no scale: shown, not judged.
    assert_eq!(evaluation(json!(1e9)).map(|e| e.0), Some(Success::Unknown));
    // Rubric objects, with their reasons, also as a table cell's text.
    let rubric =
        Evaluation::read(&json!({"Result": "Good", "Reasoning": "Booked the demo."})).unwrap();
    assert_eq!(rubric.outcome, Outcome::Text("Good".into()));
    assert_eq!(rubric.reason.as_deref(), Some("Booked the demo."));
    let cell =
        Evaluation::read(&json!("{\"score\": 6, \"outOf\": 10, \"reason\": \"ok\"}")).unwrap();
    assert_eq!(
        (cell.success(), cell.label()),
        (Success::Yes, "6/10".to_owned())
    );
    assert_eq!(evaluation(json!({"score": 2, "max": 5})), no("2/5"));
    for absent in [json!(null), json!(""), json!("   "), json!({})] {
        assert_eq!(evaluation(absent.clone()), None, "{absent}");
    }
    // Markup is text: nothing here renders it, and it is kept as sent.
    assert_eq!(
        evaluation(json!("<img src=x onerror=alert(1)>")).map(|e| e.1),
        Some("<img src=x onerror=alert(1)>".to_owned())
    );
}

#[test]
fn collected_data_with_odd_values_keeps_everything() {
    let huge = "x".repeat(1_000_000);
    let fields = fields_of(&json!({
        "appointmentDate": "2026-11-24",
        "seats": 12,
        "renewed": false,
        "notes": null,
        "tags": ["price", "timing"],
        "company": {"name": "Northwind", "address": {"city": "Oslo"}},
        "huge": huge,
        "markup": "<b>bold</b>",
        "": "unnamed",
    }));
    let get = |name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.clone())
    };
    assert_eq!(
        get("appointmentDate"),
        Some(FieldValue::Text("2026-11-24".into()))
    );
    assert_eq!(get("seats"), Some(FieldValue::Number(12.0)));
    assert_eq!(get("renewed").map(|v| v.display()), Some("No".into()));
    assert_eq!(get("notes"), Some(FieldValue::Empty));
    assert_eq!(get("tags"), Some(FieldValue::Text("price, timing".into())));
    let company = get("company").unwrap();
    assert!(matches!(company, FieldValue::Nested(_)) && company.is_long());
    assert_eq!(
        company.for_list(),
        r#"{"address":{"city":"Oslo"},"name":"Northwind"}"#
    );
    let big = get("huge").unwrap();
    assert_eq!(big.display().len(), 1_000_000, "the record shows it whole");
    assert_eq!(big.for_list().len(), 200, "the list keeps the start");
    assert_eq!(get("markup").unwrap().display(), "<b>bold</b>");
    assert!(get("(unnamed)").is_some());
    assert_eq!(field_label("appointmentDate"), "Appointment date");
    assert_eq!(field_label("renewal_plan"), "Renewal plan");
    // A single value, and a table cell holding the object.
    assert_eq!(fields_of(&json!("yes"))[0].name, "value");
    assert_eq!(fields_of(&json!("{\"a\": 1}"))[0].name, "a");
    assert!(fields_of(&json!(null)).is_empty());
}

fn record_with(messages: serde_json::Value) -> CallRecord {
    let text = json!({
        "id": "c-1",
        "startedAt": "2026-11-10T10:00:00Z",
        "artifact": {"messages": messages},
    })
    .to_string();
    read_call(&text).unwrap()
}

#[test]
fn tool_calls_pair_by_id_out_of_order_and_alone() {
    let record = record_with(json!([
        {"role": "bot", "message": "Let me check.", "secondsFromStart": 1.0, "duration": 800},
        {"role": "tool_call_result", "toolCallId": "b", "name": "lookup", "result": "{\"found\":true}", "secondsFromStart": 2.4},
        {"role": "tool_calls", "secondsFromStart": 2.0, "toolCalls": [
            {"id": "a", "type": "function", "function": {"name": "renew_policy", "arguments": "{\"plan\":\"same\",\"premium\":42}"}},
            {"id": "b", "type": "function", "function": {"name": "lookup", "arguments": "not json"}}
        ]},
        {"role": "tool_call_result", "toolCallId": "a", "name": "renew_policy", "result": "renewed", "secondsFromStart": 2.9},
        {"role": "tool_call_result", "toolCallId": "zzz", "name": "orphan", "result": "left alone", "secondsFromStart": 3.0},
        {"role": "user", "message": "Thanks", "secondsFromStart": 4.0}
    ]));
    let turns = &record.transcript.turns;
    assert_eq!(
        turns.iter().filter(|t| t.speaker == Speaker::Tool).count(),
        5
    );
    let calls = pair_tool_calls(turns);
    assert_eq!(calls.len(), 3, "{calls:#?}");
    let renew = calls.iter().find(|c| c.name == "renew_policy").unwrap();
    assert_eq!(renew.result.as_deref(), Some("renewed"));
    assert!((renew.took_seconds.unwrap() - 0.9).abs() < 1e-9);
    let Arguments::Fields(args) = &renew.arguments else {
        panic!("{:?}", renew.arguments)
    };
    assert_eq!(args.len(), 2);
    let lookup = calls.iter().find(|c| c.name == "lookup").unwrap();
    assert_eq!(
        lookup.result.as_deref(),
        Some("{\"found\":true}"),
        "a result before its call"
    );
    assert_eq!(lookup.arguments, Arguments::Text("not json".into()));
    // Sent before its call, timed after it: the times decide.
    assert!((lookup.took_seconds.unwrap() - 0.4).abs() < 1e-9);
    let orphan = calls.iter().find(|c| c.name == "orphan").unwrap();
    assert_eq!(orphan.result.as_deref(), Some("left alone"));
    // The search finds a call by its tool and its arguments.
    assert!(turns
        .iter()
        .any(|t| t.text.contains("renew_policy") && t.text.contains("42")));
}

#[test]
fn latency_comes_from_the_platform_or_from_the_message_times() {
    let messages = json!([
        {"role": "bot", "message": "Hello", "secondsFromStart": 0.5, "duration": 1000},
        {"role": "user", "message": "Hi", "secondsFromStart": 2.0, "duration": 1000},
        {"role": "bot", "message": "Great", "secondsFromStart": 3.6, "duration": 1000},
        {"role": "user", "message": "Bye", "secondsFromStart": 5.0, "duration": 500},
        {"role": "bot", "message": "Bye", "secondsFromStart": 7.5, "duration": 500}
    ]);
    let plain = record_with(messages.clone());
    let (from_times, source) = latencies(&plain.measured_latency, &plain.transcript.turns);
    assert_eq!(source, LatencySource::MessageTimes);
    let waits: Vec<f64> = from_times.iter().map(|l| l.total_ms.round()).collect();
    assert_eq!(waits, [600.0, 2000.0]);
    assert_eq!(from_times.iter().filter(|l| l.is_slow()).count(), 1);
    assert_eq!(from_times[1].at_seconds, Some(7.5));

    let text = json!({
        "id": "c-2",
        "artifact": {"messages": messages, "performanceMetrics": {"turnLatencies": [
            {"transcriberLatency": 100, "endpointingLatency": 200, "modelLatency": 400, "voiceLatency": 150, "turnLatency": 850},
            {"modelLatency": "1700", "voiceLatency": 100}
        ]}},
    })
    .to_string();
    let measured = read_call(&text).unwrap();
    let (from_platform, source) = latencies(&measured.measured_latency, &measured.transcript.turns);
    assert_eq!(source, LatencySource::Platform);
    assert_eq!(from_platform[0].total_ms, 850.0);
    assert_eq!(from_platform[0].stages.model, Some(400.0));
    assert_eq!(
        from_platform[1].total_ms, 1800.0,
        "no total: the stages' sum"
    );
    assert_eq!(
        from_platform[1].turn,
        Some(4),
        "matched to the second answering agent turn"
    );
    let stats = LatencyStats::of(from_platform.iter().map(|l| l.total_ms)).unwrap();
    assert_eq!(
        (stats.p50, stats.p90, stats.slowest),
        (850.0, 1800.0, 1800.0)
    );
}

#[test]
fn atlas_entities_send_the_platform_data_as_json_strings_and_both_readers_agree() {
    let text = json!({
        "PartitionKey": "acct c-9", "RowKey": "t-1", "StartedAt": "2026-11-20T09:00:00Z",
        "SuccessResult": "true",
        "Analysis": "{\"summary\":\"Renewed.\",\"structuredData\":{\"monthlyPremium\":\"42\",\"Plan\":\"Same cover\"}}",
        "CostBreakdown": "{\"llm\":0.05,\"tts\":\"0.03\",\"total\":0.1,\"ttsCharacters\":420}",
        "Messages": "[{\"role\":\"tool_calls\",\"toolCalls\":[{\"id\":\"x\",\"function\":{\"name\":\"Atlas Actions\",\"arguments\":\"{\\\"action\\\":\\\"send_sms\\\"}\"}}]},{\"role\":\"tool_call_result\",\"toolCallId\":\"x\",\"result\":\"sent\"}]",
        "Cost": "0.1"
    })
    .to_string();
    let fast = read_call(&text).unwrap();
    let reference = read_call_reference(&text, Asked::default()).unwrap();
    assert_eq!(fast, reference);
    assert_eq!(
        fast.evaluation.as_ref().map(Evaluation::success),
        Some(Success::Yes)
    );
    let names: Vec<&str> = fast.collected.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Plan", "monthlyPremium"], "the schema's own casing");
    assert_eq!(fast.cost.model, Some(0.05));
    assert_eq!(fast.cost.voice, Some(0.03));
    assert_eq!(fast.cost.voice_characters, Some(420.0));
    let calls = pair_tool_calls(&fast.transcript.turns);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].name, "Atlas Actions");
    assert_eq!(calls[0].result.as_deref(), Some("sent"));
    // Costs as an item list only.
    let items = json!({"id": "c", "costs": [{"type": "transport", "cost": 0.01}, {"type": "model", "cost": 0.02}, {"type": "model", "cost": 0.03}, {"type": "weird", "cost": "x"}]}).to_string();
    let cost = read_call(&items).unwrap().cost;
    assert_eq!(cost.transport, Some(0.01));
    assert!((cost.model.unwrap() - 0.05).abs() < 1e-12);
}

fn stored(records: Vec<CallRecord>) -> CallStore {
    let mut store = CallStore::new();
    for record in records {
        // Through the bytes, as a reading worker sends them.
        let mut scratch = EntryScratch::default();
        let entry = StoreEntry::from_record(record, &mut scratch);
        let mut bytes = Vec::new();
        entry.encode(&mut bytes);
        let mut at = 0;
        let back = StoreEntry::decode(&bytes, &mut at).expect("the bytes read back");
        assert_eq!(back, entry);
        store.insert(back);
    }
    store
}

fn call(id: &str, at: &str, success: serde_json::Value, data: serde_json::Value) -> CallRecord {
    let text = json!({
        "id": id, "startedAt": at, "endedAt": at, "endedReason": "customer-ended-call",
        "duration": 60, "cost": 0.5,
        "analysis": {"successEvaluation": success, "structuredData": data},
    })
    .to_string();
    read_call(&text).unwrap()
}

fn ids(store: &mut CallStore, state: &ViewState) -> Vec<String> {
    let result = run_view(store, state, &|_| 0);
    result
        .rows
        .iter()
        .map(|&i| store.get(i).unwrap().id.to_owned())
        .collect()
}

#[test]
fn the_list_filters_by_success_and_by_a_collected_field() {
    let mut store = stored(vec![
        call(
            "a",
            "2026-11-01T10:00:00Z",
            json!(true),
            json!({"plan": "Gold", "premium": 42}),
        ),
        call(
            "b",
            "2026-11-02T10:00:00Z",
            json!("false"),
            json!({"plan": "gold ", "premium": "19.5"}),
        ),
        call(
            "c",
            "2026-11-03T10:00:00Z",
            json!(null),
            json!({"plan": null}),
        ),
        call("d", "2026-11-04T10:00:00Z", json!("meh"), json!(null)),
    ]);
    let with = |success: Option<Success>, field: Option<FieldFilter>| ViewState {
        success,
        field,
        ..ViewState::default()
    };
    assert_eq!(ids(&mut store, &with(Some(Success::Yes), None)), ["a"]);
    assert_eq!(ids(&mut store, &with(Some(Success::No), None)), ["b"]);
    assert_eq!(
        ids(&mut store, &with(Some(Success::Unknown), None)),
        ["d", "c"]
    );
    let is = |name: &str, test: FieldTest| {
        Some(FieldFilter {
            name: name.into(),
            test,
        })
    };
    assert_eq!(
        ids(
            &mut store,
            &with(None, is("plan", FieldTest::Is("GOLD".into())))
        ),
        ["b", "a"]
    );
    assert_eq!(
        ids(
            &mut store,
            &with(None, is("plan", FieldTest::Is(String::new())))
        ),
        ["c"]
    );
    assert_eq!(
        ids(&mut store, &with(None, is("plan", FieldTest::Present))),
        ["c", "b", "a"]
    );
    let range = FieldTest::Range {
        min: Some(20.0),
        max: None,
    };
    assert_eq!(ids(&mut store, &with(None, is("premium", range))), ["a"]);
    let range = FieldTest::Range {
        min: None,
        max: Some(20.0),
    };
    assert_eq!(ids(&mut store, &with(None, is("premium", range))), ["b"]);
    assert!(ids(&mut store, &with(None, is("nobody", FieldTest::Present))).is_empty());
    // The URL keeps them.
    let state = with(
        Some(Success::Unknown),
        is("plan", FieldTest::Is("Gold & more".into())),
    );
    assert_eq!(ViewState::from_query(&state.to_query()), state);
    // Choices for the filter: values with counts, numbers offered as a range.
    let choices = store.field_choices(10);
    let premium = choices.iter().find(|c| c.name == "premium").unwrap();
    assert!(premium.numeric);
    let plan = choices.iter().find(|c| c.name == "plan").unwrap();
    assert!(!plan.numeric && plan.values.len() == 3);
}

#[test]
fn the_csv_has_the_outcome_the_cost_and_a_column_per_field_seen() {
    let store = stored(vec![
        call(
            "a",
            "2026-11-01T10:00:00Z",
            json!(true),
            json!({"plan": "Gold"}),
        ),
        call(
            "b",
            "2026-11-02T10:00:00Z",
            json!("7"),
            json!({"seats": 12, "note": "a, \"b\"\nc"}),
        ),
    ]);
    let csv = calls_csv(&store, &[0, 1], false);
    let mut lines = csv.trim_start_matches('\u{feff}').split("\r\n");
    let header = lines.next().unwrap();
    assert!(
        header.contains("summary,outcome,goal_met,cost_usd,data.plan,data.note,data.seats,verdict"),
        "{header}"
    );
    let a = lines.next().unwrap();
    assert!(a.contains(",Goal met,yes,0.5,Gold,,,"), "{a}");
    let b = lines.next().unwrap();
    assert!(b.contains(",7/10,yes,0.5,,\"a, \"\"b\"\" c\",12,"), "{b}");
}

/// A zone like New York's: UTC-5, UTC-4 from the second Sunday of March to the first Sunday of
/// November (at the local midnight the offset is the day's own, as the browser gives it).
fn new_york(day: Day) -> i32 {
    let summer = |d: Day| {
        let start = second_sunday(d.year, 3);
        let end = first_sunday(d.year, 11);
        d > start && d <= end
    };
    if summer(day) {
        -240
    } else {
        -300
    }
}

fn first_sunday(year: i32, month: u32) -> Day {
    (1..=7)
        .map(|day| Day { year, month, day })
        .find(|d| (d.epoch_days() + 4).rem_euclid(7) == 0)
        .unwrap()
}

fn second_sunday(year: i32, month: u32) -> Day {
    let first = first_sunday(year, month);
    Day {
        day: first.day + 7,
        ..first
    }
}

#[test]
fn days_are_the_viewers_across_time_zones_and_daylight_saving() {
    let ms = |iso: &str| call_records::domain::Timestamp::parse_iso(iso).unwrap().0;
    let day = |iso: &str| Day::parse(iso).unwrap().epoch_days();
    // UTC, and far east.
    let mut utc = LocalDays::new(&|_| 0);
    assert_eq!(utc.day_of(ms("2026-11-01T23:59:59Z")), day("2026-11-01"));
    let mut tokyo = LocalDays::new(&|_| 540);
    assert_eq!(tokyo.day_of(ms("2026-11-01T15:00:00Z")), day("2026-11-02"));
    assert_eq!(tokyo.day_of(ms("2026-11-01T14:59:59Z")), day("2026-11-01"));
    // New York, the autumn change (1 Nov 2026): midnight is 04:00Z before it, 05:00Z after.
    let mut ny = LocalDays::new(&new_york);
    assert_eq!(ny.day_of(ms("2026-11-01T03:59:59Z")), day("2026-10-31"));
    assert_eq!(ny.day_of(ms("2026-11-01T04:00:00Z")), day("2026-11-01"));
    assert_eq!(
        ny.day_of(ms("2026-11-02T04:59:59Z")),
        day("2026-11-01"),
        "the 25-hour day"
    );
    assert_eq!(ny.day_of(ms("2026-11-02T05:00:00Z")), day("2026-11-02"));
    // The spring change (8 Mar 2026): the 23-hour day.
    assert_eq!(ny.day_of(ms("2026-03-08T04:59:59Z")), day("2026-03-07"));
    assert_eq!(ny.day_of(ms("2026-03-08T05:00:00Z")), day("2026-03-08"));
    assert_eq!(ny.day_of(ms("2026-03-09T03:59:59Z")), day("2026-03-08"));
    assert_eq!(ny.day_of(ms("2026-03-09T04:00:00Z")), day("2026-03-09"));

    // The chart's day holds exactly what the date filter shows for it.
    let mut store = stored(
        (0..96)
            .map(|i| {
                let at = ms("2026-10-31T12:00:00Z") + i * 30 * 60_000;
                let iso = call_records::domain::Timestamp(at).to_iso();
                call(&format!("n{i}"), &iso, json!(true), json!(null))
            })
            .collect(),
    );
    let all = run_view(&mut store, &ViewState::default(), &new_york);
    assert_eq!(all.trends.days.iter().map(|d| d.calls).sum::<u32>(), 96);
    for period in &all.trends.days {
        let d = Day::from_epoch_days(period.first_day);
        let state = ViewState {
            from: Some(d),
            to: Some(d),
            ..ViewState::default()
        };
        let shown = run_view(&mut store, &state, &new_york);
        assert_eq!(shown.rows.len() as u32, period.calls, "{d}");
        // Choosing a day leaves the trends of every day.
        assert_eq!(shown.trends.days, all.trends.days);
    }
    assert_eq!(
        all.trends.days[1].calls, 50,
        "1 Nov 2026 in New York has 25 hours"
    );
}

#[test]
fn trends_follow_the_filters_and_stay_readable_from_a_day_to_two_years() {
    let ms = |iso: &str| call_records::domain::Timestamp::parse_iso(iso).unwrap().0;
    let mut store = stored(
        (0..730)
            .map(|i| {
                let at = ms("2025-01-01T12:00:00Z") + i * 86_400_000;
                let iso = call_records::domain::Timestamp(at).to_iso();
                call(
                    &format!("d{i}"),
                    &iso,
                    json!(i % 2 == 0),
                    json!({"n": i % 3}),
                )
            })
            .collect(),
    );
    let all = run_view(&mut store, &ViewState::default(), &|_| 0);
    assert_eq!(all.trends.span(), Span::Week);
    let (span, bars) = all.trends.bars();
    assert_eq!(span, Span::Week);
    assert!((100..=106).contains(&bars.len()), "{} bars", bars.len());
    assert_eq!(bars.iter().map(|b| b.calls).sum::<u32>(), 730);
    let figures = &all.trends.figures;
    assert_eq!(
        (figures.calls, figures.evaluated, figures.succeeded),
        (730, 730, 365)
    );
    assert!((figures.cost - 365.0).abs() < 1e-6);
    assert_eq!(figures.cost_per_answered(), Some(0.5));
    // Filters narrow the trends too.
    let state = ViewState {
        success: Some(Success::Yes),
        ..ViewState::default()
    };
    let narrowed = run_view(&mut store, &state, &|_| 0);
    assert_eq!(narrowed.trends.figures.calls, 365);
    // A campaign of one day: one bar.
    let mut one = stored(vec![call(
        "x",
        "2026-11-01T10:00:00Z",
        json!(true),
        json!(null),
    )]);
    let (span, bars) = run_view(&mut one, &ViewState::default(), &|_| 0)
        .trends
        .bars();
    assert_eq!((span, bars.len()), (Span::Day, 1));
    assert_eq!(bars[0].median_seconds(), Some(60.0));
    // Weeks start on Monday; months at the first.
    let monday = Day::parse("2026-11-30").unwrap().epoch_days();
    assert_eq!(span_of(monday + 3, Span::Week), (monday, monday + 6));
    let (first, last) = span_of(Day::parse("2024-02-10").unwrap().epoch_days(), Span::Month);
    assert_eq!(Day::from_epoch_days(first).to_string(), "2024-02-01");
    assert_eq!(Day::from_epoch_days(last).to_string(), "2024-02-29");
}
