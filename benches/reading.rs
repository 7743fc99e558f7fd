//! How fast a calls list response is read: split into records, each read into a call record, the way
//! the loader reads a window. Prints records per second and MB per second, beside `serde_json` parsing
//! the same text into untyped values (what the simplest page's `JSON.parse` does), for the same data.
//!   cargo bench --bench reading
//! It also times the reading workers' whole job (read, make store entries, write them as bytes) and the
//! page's share (open those bytes and insert every entry into a store).
//! The data: 10,000 calls of about 3 KB (summary and transcript of a 3–5 minute call), as Vapi sends
//! them, then the same as Atlas table entities (PascalCase, lists as JSON strings).

use std::hint::black_box;
use std::time::Instant;

use call_records::api::window_batch::{read_window, WindowBatch};
use call_records::domain::search::store::CallStore;
use call_records::domain::search::store_entry::{EntryScratch, StoreEntry};
use call_records::wire::{read_call_in, read_call_reference, split_calls_page, Asked};

const CALLS: usize = 10_000;

fn words(seed: &mut u64, n: usize) -> String {
    const WORDS: [&str; 24] = [
        "policy",
        "renew",
        "cover",
        "month",
        "price",
        "garage",
        "water",
        "damage",
        "office",
        "home",
        "call",
        "back",
        "Friday",
        "question",
        "agent",
        "transfer",
        "thanks",
        "yes",
        "no",
        "maybe",
        "insurance",
        "premium",
        "claim",
        "documents",
    ];
    let mut out = String::new();
    for i in 0..n {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[(*seed >> 33) as usize % WORDS.len()]);
    }
    out
}

fn vapi_call(i: usize, seed: &mut u64) -> String {
    let messages: Vec<String> = (0..12)
        .map(|k| {
            let role = if k % 2 == 0 { "bot" } else { "user" };
            format!(
                r#"{{"role":"{role}","message":"{}","time":{},"endTime":{},"secondsFromStart":{},"duration":{}}}"#,
                words(seed, 22),
                1_790_000_000_000u64 + k * 15_000,
                1_790_000_000_000u64 + k * 15_000 + 4_000,
                k as f64 * 15.0,
                4_000
            )
        })
        .collect();
    format!(
        r#"{{"id":"call-{i}","campaignId":"c1","type":"outboundPhoneCall","status":"ended","createdAt":"2026-11-0{}T10:00:00.000Z","startedAt":"2026-11-0{}T10:00:04.000Z","endedAt":"2026-11-0{}T10:03:40.000Z","endedReason":"customer-ended-call","customer":{{"number":"+1555{:07}","name":"Dana {i}"}},"cost":0.12,"analysis":{{"summary":"{}"}},"artifact":{{"recordingUrl":"https://storage.example.com/rec/{i}.wav","messages":[{}]}}}}"#,
        1 + i % 9,
        1 + i % 9,
        1 + i % 9,
        i,
        words(seed, 40),
        messages.join(",")
    )
}

fn atlas_entity(i: usize, seed: &mut u64) -> String {
    let vapi: serde_json::Value = serde_json::from_str(&vapi_call(i, seed)).expect("valid");
    let messages = serde_json::to_string(&vapi["artifact"]["messages"]).expect("serialises");
    serde_json::json!({
        "PartitionKey": "c1", "RowKey": format!("call-{i}"), "Timestamp": "2026-11-05T10:04:00Z",
        "Status": "ended", "EndedReason": "customer-ended-call",
        "CreatedAt": vapi["createdAt"], "StartedAt": vapi["startedAt"], "EndedAt": vapi["endedAt"],
        "Customer": serde_json::to_string(&vapi["customer"]).expect("serialises"),
        "Summary": vapi["analysis"]["summary"], "Messages": messages,
        "RecordingUrl": vapi["artifact"]["recordingUrl"],
    })
    .to_string()
}

type Reader = fn(&str, Asked<'_>) -> Result<call_records::domain::CallRecord, String>;

/// Best of three runs (after one to warm up) of splitting `text` and reading every record.
fn time_reading(text: &str, read: Reader) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..4 {
        let start = Instant::now();
        let page = split_calls_page(text).expect("a list");
        let asked = Asked {
            campaign: Some("c1"),
        };
        let read = page
            .records
            .iter()
            .filter(|range| read(&text[(*range).clone()], asked).is_ok())
            .count();
        assert_eq!(read, CALLS);
        best = best.min(start.elapsed().as_secs_f64());
    }
    best
}

fn measure(name: &str, text: &str) {
    let fast = time_reading(text, read_call_in);
    let reference = time_reading(text, read_call_reference);
    let mut split_only = f64::MAX;
    for _ in 0..4 {
        let start = Instant::now();
        black_box(split_calls_page(text).expect("a list"));
        split_only = split_only.min(start.elapsed().as_secs_f64());
    }
    let mut parse_only = f64::MAX;
    for _ in 0..4 {
        let start = Instant::now();
        black_box(serde_json::from_str::<serde_json::Value>(text).expect("json"));
        parse_only = parse_only.min(start.elapsed().as_secs_f64());
    }
    // The reading worker's whole job: split, read, make store entries (texts joined, words folded and
    // made distinct) and write them as bytes.
    let mut worker = f64::MAX;
    for _ in 0..4 {
        let start = Instant::now();
        black_box(read_window("c1", text.as_bytes().to_vec()));
        worker = worker.min(start.elapsed().as_secs_f64());
    }
    // Of which making the entries, from records already read.
    let page = split_calls_page(text).expect("a list");
    let asked = Asked {
        campaign: Some("c1"),
    };
    let records: Vec<_> = page
        .records
        .iter()
        .filter_map(|range| read_call_in(&text[range.clone()], asked).ok())
        .collect();
    let mut entries = f64::MAX;
    let mut scratch = EntryScratch::default();
    for _ in 0..4 {
        let records = records.clone();
        let start = Instant::now();
        for record in records {
            black_box(StoreEntry::from_record(record, &mut scratch));
        }
        entries = entries.min(start.elapsed().as_secs_f64());
    }
    // The page's share: opening the worker's bytes and inserting every entry (store, arena, index).
    let bytes = read_window("c1", text.as_bytes().to_vec());
    let mut insert = f64::MAX;
    for _ in 0..4 {
        let bytes = bytes.clone();
        let start = Instant::now();
        let mut batch = WindowBatch::open(bytes).expect("a window");
        let mut store = CallStore::new();
        while !batch.is_done() {
            store.insert_slice(batch.next_slice());
        }
        black_box(store.len());
        insert = insert.min(start.elapsed().as_secs_f64());
    }
    let mb = text.len() as f64 / 1e6;
    println!("{name} ({mb:.1} MB):");
    for (what, seconds) in [
        ("reader the app uses", fast),
        ("reference reader", reference),
        ("splitting alone", split_only),
        ("serde_json::Value only", parse_only),
        ("the worker's whole job", worker),
        ("  of which store entries", entries),
        ("the page's share: insert", insert),
    ] {
        println!(
            "  {what:<24} {:>6.0} ms  {:>8.0} calls/s  {:>6.1} MB/s  {:>5.2}× the Value parse",
            seconds * 1e3,
            CALLS as f64 / seconds,
            mb / seconds,
            seconds / parse_only
        );
    }
}

fn main() {
    let mut seed = 2026;
    let vapi: Vec<String> = (0..CALLS).map(|i| vapi_call(i, &mut seed)).collect();
    let atlas: Vec<String> = (0..CALLS).map(|i| atlas_entity(i, &mut seed)).collect();
    let vapi = format!("[{}]", vapi.join(","));
    let atlas = format!("{{\"value\":[{}]}}", atlas.join(","));
    println!(
        "{CALLS} calls, {:.1} KB each (Vapi shape)",
        vapi.len() as f64 / CALLS as f64 / 1e3
    );
    measure("Vapi records", &vapi);
    measure("Atlas table entities", &atlas);
}
