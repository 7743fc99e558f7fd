#![cfg(not(target_arch = "wasm32"))]
//! The CSV export, the plan that loads a campaign in date windows, and splitting list responses.

use call_records::domain::export::csv::{
    calls_csv, calls_csv_with, csv_file_name, push_field, COLUMNS, PLATFORM_COLUMNS,
    REVIEW_COLUMNS, UTF8_BOM,
};
use call_records::domain::loading::load_plan::{LoadPlan, Page, PageOutcome, Window};
use call_records::domain::review::{CallMarks, Edit, Stamp, Verdict};
use call_records::domain::search::store::CallStore;
use call_records::domain::{CallRecord, Customer, EndReason, Timestamp};
use call_records::wire::{read_call, split_calls_page};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const NOW: Timestamp = Timestamp(1_795_000_000_000);

fn field(value: &str) -> String {
    let mut out = String::new();
    push_field(&mut out, value);
    out
}

#[test]
fn csv_fields_are_quoted_only_when_they_need_it() {
    assert_eq!(field("plain"), "plain");
    assert_eq!(field("a,b"), "\"a,b\"");
    assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(field("two\nlines"), "\"two\nlines\"");
    assert_eq!(field("cr\rhere"), "\"cr\rhere\"");
    assert_eq!(field(" padded "), "\" padded \"");
    assert_eq!(field("Zoë Müller — 東京"), "Zoë Müller — 東京");
    assert_eq!(field(""), "");
}

fn record(id: &str, name: &str, summary: &str, reason: Option<&str>) -> CallRecord {
    let mut r = CallRecord::with_id(id);
    r.started_at = Timestamp::parse_iso("2026-11-03T10:15:00Z");
    r.duration_seconds = Some(61.9);
    r.status = Some("ended".into());
    r.customer = Customer {
        name: Some(name.into()),
        number: Some("+15550100001".into()),
    };
    r.summary = Some(summary.into());
    r.end_reason = EndReason::from_raw(reason);
    r
}

/// A small RFC 4180 reader, to check that what is written reads back to the same fields.
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn the_csv_holds_exactly_the_rows_given_in_their_order() {
    let mut store = CallStore::new();
    store.add(record(
        "c-1",
        "Ana, \"Annie\" López",
        "Line one,\nline two; naïve café",
        Some("customer-ended-call"),
    ));
    store.add(record("c-2", "Bo", "Plain", Some("brand-new-code")));
    store.add(record("c-3", "Cy", "Not exported", None));
    let csv = calls_csv(&store, &[1, 0], false);
    assert!(csv.starts_with(UTF8_BOM));
    assert!(csv.ends_with("\r\n"));
    let rows = parse(&csv[UTF8_BOM.len_utf8()..]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][..9], COLUMNS);
    assert_eq!(rows[0][9..12], PLATFORM_COLUMNS);
    assert_eq!(
        rows[0][12..],
        REVIEW_COLUMNS,
        "no collected fields: no data columns"
    );
    assert_eq!(rows[1][0], "c-2");
    assert_eq!(rows[1][6], "brand-new-code");
    assert_eq!(rows[1][7], "", "an unlisted code has no label");
    assert_eq!(
        rows[2][12..],
        ["", "", "", "", "", ""],
        "no marks: empty review fields"
    );
    assert_eq!(rows[2][9..12], ["", "", ""], "no evaluation, no cost");
    assert_eq!(
        rows[2][..9],
        [
            "c-1",
            "2026-11-03T10:15:00.000Z",
            "Ana, \"Annie\" López",
            "+15550100001",
            "61",
            "ended",
            "customer-ended-call",
            "Customer ended call",
            "Line one,\nline two; naïve café",
        ]
    );

    let mut with_transcript = record("c-4", "Di", "S", None);
    with_transcript.transcript.plain = Some("Agent said \"hello\", twice".into());
    store.add(with_transcript);
    let csv = calls_csv(&store, &[3], true);
    let rows = parse(&csv[UTF8_BOM.len_utf8()..]);
    assert_eq!(rows[0].last().map(String::as_str), Some("transcript"));
    assert_eq!(
        rows[1].last().map(String::as_str),
        Some("Agent said \"hello\", twice")
    );
    assert_eq!(rows[1][6], "", "no end reason: empty, not a placeholder");
}

#[test]
fn the_csv_carries_the_review() {
    let mut store = CallStore::new();
    store.add(record("c-1", "Ana", "S", None));
    store.add(record("c-2", "Bo", "S", None));
    let mut marks = CallMarks::default();
    let ana = |at| Stamp {
        by: "Ana".into(),
        at,
    };
    marks.apply(
        Edit::Verdict(Some(Verdict::NeedsAttention)),
        &ana(1_764_670_000_000),
    );
    marks.apply(
        Edit::Tags(vec!["Billing".into(), "callback, later".into()]),
        &ana(1_764_670_001_000),
    );
    marks.apply(
        Edit::AddNote {
            text: "Asked \"twice\"".into(),
            moment: Some(42.4),
        },
        &ana(1_764_670_002_000),
    );
    marks.apply(
        Edit::AddNote {
            text: "General".into(),
            moment: None,
        },
        &ana(1_764_670_003_000),
    );
    let csv = calls_csv_with(&store, &[0, 1], true, &|id| {
        (id == "c-1").then(|| marks.clone())
    });
    let rows = parse(&csv[UTF8_BOM.len_utf8()..]);
    assert_eq!(rows[0].len(), 19);
    assert_eq!(rows[0].last().map(String::as_str), Some("transcript"));
    assert_eq!(
        rows[1][12..18],
        [
            "needs-attention",
            "yes",
            "billing; callback, later",
            "[0:42] Asked \"twice\" — Ana\nGeneral — Ana",
            "Ana",
            "2025-12-02T10:06:43.000Z",
        ]
    );
    assert_eq!(rows[2][12..18], ["", "", "", "", "", ""]);
}

#[test]
fn export_file_names_are_safe() {
    assert_eq!(
        csv_file_name("Spring Renewals: Home/Auto", "2026-11-24"),
        "calls-Spring-Renewals--Home-Auto-2026-11-24.csv"
    );
    assert_eq!(
        csv_file_name("///", "2026-11-24"),
        "calls-campaign-2026-11-24.csv"
    );
}

fn outcome(count: usize) -> PageOutcome {
    PageOutcome {
        count,
        added: count,
        ..PageOutcome::default()
    }
}

#[test]
fn the_plan_starts_with_the_newest_hour_and_sizes_windows_to_the_density() {
    let mut plan = LoadPlan::windowed(NOW, None);
    let first = plan.next_request().unwrap();
    assert_eq!(first.start, Some(Timestamp(NOW.0 - HOUR)));
    assert_eq!(first.end, None, "the newest window is open-ended");
    let second = plan.next_request().unwrap();
    assert_eq!(second.end, first.start, "windows tile without gaps");
    // 100 calls in the first hour: later windows aim at 400 calls, growing at most 4x at a time.
    plan.done(&first, &outcome(100));
    plan.done(&second, &outcome(100));
    let third = plan.next_request().unwrap();
    let width = third.end.unwrap().0 - third.start.unwrap().0;
    assert_eq!(width, 4 * HOUR);
    assert_eq!(third.end, second.start);
    // A dense stretch shrinks the windows; with over 2,000 calls found, they aim at 2,500 calls each.
    plan.done(&third, &outcome(4000));
    let fourth = plan.next_request().unwrap();
    assert_eq!(
        fourth.end.unwrap().0 - fourth.start.unwrap().0,
        5 * HOUR / 2
    );
}

#[test]
fn the_walk_ends_at_the_campaign_start_or_after_a_long_silence() {
    let mut plan = LoadPlan::windowed(NOW, None);
    plan.set_floor(Timestamp(NOW.0 - 3 * HOUR));
    let mut asked = 0;
    while let Some(window) = plan.next_request() {
        asked += 1;
        plan.done(&window, &outcome(0));
        assert!(asked < 10);
    }
    assert!(plan.is_complete());
    assert!(
        asked <= 4,
        "reached the day before the campaign began in {asked} requests"
    );

    // Without a start date: empty windows widen four-fold (up to 90 days each) until two years are
    // covered.
    let mut plan = LoadPlan::windowed(NOW, None);
    let mut oldest = NOW;
    let mut asked = 0;
    while let Some(window) = plan.next_request() {
        asked += 1;
        let width = window.end.unwrap_or(NOW).0 - window.start.unwrap().0;
        assert!(width <= 90 * DAY);
        oldest = window.start.unwrap();
        plan.done(&window, &outcome(0));
    }
    assert!(plan.is_complete());
    assert!(NOW.0 - oldest.0 >= 730 * DAY);
    assert!(asked < 20, "{asked} requests");
}

#[test]
fn a_known_campaign_size_bounds_the_window_across_empty_stretches() {
    let mut plan = LoadPlan::windowed(NOW, None);
    plan.set_floor(Timestamp(NOW.0 - 30 * DAY));
    plan.set_expected(100_000);
    // Four empty windows: under a quarter of the campaign's life, after which the hint is dropped.
    for _ in 0..4 {
        let window = plan.next_request().unwrap();
        let width = window.end.unwrap_or(NOW).0 - window.start.unwrap().0;
        // 31 days x 5,000 / 100,000 = about 37 hours at most.
        assert!(width <= 38 * HOUR, "{width}");
        plan.done(&window, &outcome(0));
    }
}

#[test]
fn paging_metadata_is_followed_within_the_window() {
    let mut plan = LoadPlan::single();
    let all = plan.next_request().unwrap();
    assert_eq!(all, Window::everything());
    plan.done(
        &all,
        &PageOutcome {
            next_cursor: Some("abc".into()),
            has_next: Some(true),
            ..outcome(50)
        },
    );
    let next = plan.next_request().unwrap();
    assert_eq!(next.page, Page::Cursor("abc".into()));
    plan.done(
        &next,
        &PageOutcome {
            next_cursor: Some("def".into()),
            has_next: Some(false),
            ..outcome(50)
        },
    );
    assert!(plan.next_request().is_none(), "hasNextPage: false ends it");
    assert!(plan.is_complete());

    // Vapi's pattern: a full page of 100 asks for the records created before the oldest seen.
    let mut plan = LoadPlan::single();
    let all = plan.next_request().unwrap();
    let oldest = Timestamp(NOW.0 - DAY);
    plan.done(
        &all,
        &PageOutcome {
            oldest: Some(oldest),
            ..outcome(100)
        },
    );
    assert_eq!(
        plan.next_request().unwrap().page,
        Page::CreatedBefore(oldest)
    );
}

#[test]
fn a_server_that_ignores_the_dates_ends_the_walk() {
    let mut plan = LoadPlan::windowed(NOW, None);
    let first = plan.next_request().unwrap();
    let second = plan.next_request().unwrap();
    plan.done(
        &first,
        &PageOutcome {
            outside_window: true,
            ..outcome(26)
        },
    );
    plan.done(
        &second,
        &PageOutcome {
            added: 0,
            ..outcome(26)
        },
    );
    assert!(plan.next_request().is_none());
    assert!(plan.is_complete());
    // Within ten minutes of the window is not "outside": clocks differ.
    assert!(first.admits(Timestamp(NOW.0 - HOUR - 5 * 60_000)));
    assert!(!first.admits(Timestamp(NOW.0 - 2 * HOUR)));
}

#[test]
fn stop_resume_and_retry() {
    let mut plan = LoadPlan::windowed(NOW, Some(Timestamp(NOW.0 - 10 * DAY)));
    let a = plan.next_request().unwrap();
    plan.stop();
    assert!(plan.next_request().is_none());
    assert!(plan.is_stopped());
    // The request on its way is aborted and handed back for later.
    plan.failed();
    plan.retry(a.clone());
    plan.resume();
    assert_eq!(
        plan.next_request().unwrap(),
        a,
        "the aborted window comes first"
    );
}

#[test]
fn list_responses_split_into_records_and_paging() {
    let text = r#"{"Value": [{"id": "a", "endedReason": "voicemail"}, {"id": "b"}], "Meta": {"NextCursor": "n-2", "HasNextPage": true, "Total": 1234}}"#;
    let page = split_calls_page(text).unwrap();
    assert_eq!(page.records.len(), 2);
    assert_eq!(page.next_cursor.as_deref(), Some("n-2"));
    assert_eq!(page.has_next, Some(true));
    assert_eq!(page.total, Some(1234));
    let first = read_call(&text[page.records[0].clone()]).unwrap();
    assert_eq!(first.id, "a");

    let bare = split_calls_page(r#"[{"id": "x"}]"#).unwrap();
    assert_eq!(bare.records.len(), 1);
    assert_eq!(bare.next_cursor, None);
    let nested =
        split_calls_page(r#"{"data": {"items": [{"id": "x"}, {"id": "y"}]}, "hasMore": false}"#)
            .unwrap();
    assert_eq!(nested.records.len(), 2);
    assert_eq!(nested.has_next, Some(false));

    assert!(split_calls_page("{\"value\": [").is_err());
    assert!(split_calls_page("\"text\"").is_err());
    assert!(split_calls_page("{\"nothing\": 1}").is_err());
    // A record that cannot be read fails alone.
    let mixed = r#"[{"id": "ok"}, 42, {"noid": true}]"#;
    let page = split_calls_page(mixed).unwrap();
    let read: Vec<bool> = page
        .records
        .iter()
        .map(|r| read_call(&mixed[r.clone()]).is_ok())
        .collect();
    assert_eq!(read, [true, false, false]);
}

/// Walks a campaign of `count` calls spread evenly over the 30 days before `NOW`, answering each window
/// with the calls in it (before the page's `createdAt` bound, when it has one) as an honest server
/// without a page limit would, and returns the requests made and the distinct calls found.
fn walk_even_campaign(count: i64, hinted: bool) -> (usize, usize) {
    let start = NOW.0 - 30 * DAY;
    let step = 30 * DAY / count;
    let mut plan = LoadPlan::windowed(NOW, None);
    plan.set_floor(Timestamp(start));
    if hinted {
        plan.set_expected(count as u64);
    }
    let mut seen = std::collections::HashSet::new();
    let mut requests = 0;
    while let Some(window) = plan.next_request() {
        requests += 1;
        assert!(requests < 1_000, "the walk never ends");
        let from = window.start.map_or(i64::MIN, |s| s.0);
        let mut to = window.end.map_or(i64::MAX, |e| e.0);
        if let Page::CreatedBefore(before) = window.page {
            to = to.min(before.0);
        }
        let inside: Vec<i64> = (0..count)
            .filter(|i| (from..to).contains(&(start + i * step)))
            .collect();
        let added = inside.iter().filter(|&&i| seen.insert(i)).count();
        plan.done(
            &window,
            &PageOutcome {
                count: inside.len(),
                added,
                oldest: inside.first().map(|&i| Timestamp(start + i * step)),
                newest: inside.last().map(|&i| Timestamp(start + i * step)),
                ..PageOutcome::default()
            },
        );
    }
    (requests, seen.len())
}

/// The requests an even month of `count` calls takes without and with the campaign's figures, each walk
/// bringing every call once.
fn requests_without_and_with_figures(count: i64) -> (usize, usize) {
    let (ramp, found_without) = walk_even_campaign(count, false);
    let (hinted, found_with) = walk_even_campaign(count, true);
    println!("{count} calls over 30 days: {ramp} requests without the campaign's figures, {hinted} with them");
    assert_eq!(
        (found_without, found_with),
        (count as usize, count as usize),
        "every call, once"
    );
    (ramp, hinted)
}

#[test]
fn a_small_campaign_whose_figures_are_known_is_asked_for_whole_not_walked_from_an_hour() {
    // Figures known before the first window: the whole campaign at once, the newest hour and the rest
    // in parts of about 500 calls (18 requests before windows grew to the figures' density, 10 then).
    // One request for all 1,000 came back with exactly Vapi's page limit, and the page below it was
    // another round; parts stay clear of it, and every call the figures claim is in: nothing is asked
    // again.
    let (ramp, hinted) = requests_without_and_with_figures(1_000);
    assert!(
        hinted < ramp && hinted == 3,
        "1,000 calls took {hinted} requests, {ramp} without"
    );
    let (ramp, hinted) = requests_without_and_with_figures(1_700);
    assert!(
        hinted == 4,
        "1,700 calls took {hinted} requests, {ramp} without"
    );
    // A larger campaign walks as before: its figures only bound the widest window.
    requests_without_and_with_figures(10_000);
}
