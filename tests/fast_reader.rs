#![cfg(not(target_arch = "wasm32"))]
//! The fast reader (keys folded as the text is read, straight into the wire struct) reads exactly what
//! the reference reader (a tree of JSON values, every key folded, then read) reads: on the fixture
//! corpus, the whole demo, 10,000 synthetic records in both platforms' shapes, and their mutations.

mod common;

use call_records::wire::{
    read_call, read_call_reference, split_calls_page, split_calls_page_checked, Asked,
};
use common::Lcg;

/// Both readers on one record's text: the same record, or both refusing it.
fn same(text: &str, what: &str) {
    let fast = read_call(text);
    let reference = read_call_reference(text, Asked::default());
    match (&fast, &reference) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}: {text}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{what}: fast {fast:?} but reference {reference:?} for {text}"),
    }
}

fn records_of(text: &str) -> Vec<String> {
    match split_calls_page(text) {
        Ok(page) => page
            .records
            .iter()
            .map(|r| text[r.clone()].to_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn corpus() -> Vec<String> {
    let mut records = Vec::new();
    let fixtures = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let demo = format!("{}/public/demo/calls", env!("CARGO_MANIFEST_DIR"));
    for dir in [fixtures, demo] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let listed = records_of(&text);
            if listed.is_empty() {
                records.push(text);
            } else {
                records.extend(listed);
            }
        }
    }
    records
}

const WORDS: [&str; 10] = [
    "policy",
    "Renew",
    "café",
    "\\u00e9t\\u00e9",
    "line\\nbreak",
    "\\\"quoted\\\"",
    "ok",
    "🙂",
    "garage",
    "water",
];

fn words(rng: &mut Lcg, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A synthetic record in one of the shapes the platforms send, with the odd value of a wrong type.
fn synthetic(i: usize, rng: &mut Lcg) -> String {
    let messages: Vec<String> = (0..rng.below(8))
        .map(|k| {
            let role = ["bot", "user", "system", "tool_calls", "assistant", "User"][rng.below(6)];
            let at = match rng.below(5) {
                0 => "\"12.5\"".to_owned(),
                1 => "null".to_owned(),
                _ => format!("{}", k as f64 * 4.5),
            };
            format!(
                r#"{{"Role":"{role}","message":"{}","secondsFromStart":{at},"duration":{},"Time":{}}}"#,
                words(rng, 5),
                rng.below(6000),
                1_790_000_000_000u64 + k as u64 * 4000
            )
        })
        .collect();
    let messages = format!("[{}]", messages.join(","));
    match rng.below(3) {
        // Vapi.
        0 => format!(
            r#"{{"id":"v-{i}","campaignId":"c1","startedAt":"2026-11-0{}T10:00:04Z","endedAt":"2026-11-0{}T10:03:40Z","endedReason":"{}","customer":{{"number":"+1555{:07}","Name":"N {i}"}},"cost":{},"analysis":{{"summary":"{}"}},"artifact":{{"recordingUrl":"https://r.example/{i}.wav","messages":{messages}}}}}"#,
            1 + i % 9,
            1 + i % 9,
            ["customer-ended-call", "voicemail", "brand-new-code", ""][rng.below(4)],
            i,
            ["0.12", "\"0.30\"", "null", "true"][rng.below(4)],
            words(rng, 12)
        ),
        // Atlas table entity: PascalCase, lists as JSON text.
        1 => format!(
            r#"{{"PartitionKey":"c1","RowKey":"a-{i}","Timestamp":"2026-11-05T10:04:00Z","Status":"ended","EndedReason":"silence-timed-out","StartedAt":"2026-11-02T10:00:04Z","Customer":"{{\"number\":\"+1555{:07}\"}}","Summary":"{}","Messages":{},"RecordingUrl":"https://r.example/{i}.mp3","DurationSeconds":"{}"}}"#,
            i,
            words(rng, 8),
            serde_json::to_string(&messages).unwrap(),
            rng.below(300)
        ),
        // Older Vapi: fields at the top, a plain transcript.
        _ => format!(
            r#"{{"_id":"o-{i}","createdAt":{},"transcript":"AI: {}\nUser: {}","recordingUrl":"https://r.example/{i}","messages":{messages},"status":"in-progress"}}"#,
            1_790_000_000_000u64 + i as u64,
            words(rng, 4),
            words(rng, 4)
        ),
    }
}

/// Mutations that keep keys distinct (the readers may differ on which of two colliding keys wins):
/// truncations, deleted and inserted characters, and values of another type.
fn mutations(text: &str, rng: &mut Lcg, count: usize) -> Vec<String> {
    const NOISE: [&str; 10] = [
        "\"", "{", "}", "[", "]", ",", "null", "é", "-1e309", "\\ud800",
    ];
    let chars: Vec<char> = text.chars().collect();
    (0..count)
        .map(|_| {
            let mut out = chars.clone();
            let at = rng.below(out.len() + 1);
            match rng.below(4) {
                0 => out.truncate(at),
                1 if at < out.len() => {
                    out.remove(at);
                }
                2 => {
                    let noise = NOISE[rng.below(NOISE.len())];
                    for (i, c) in noise.chars().enumerate() {
                        out.insert((at + i).min(out.len()), c);
                    }
                }
                _ => {
                    // A string value becomes a number, a list or an object.
                    let text: String = out.iter().collect();
                    let replaced = text.replacen(
                        "\"ended\"",
                        ["42", "[1,2]", "{\"a\":1}", "\"\""][rng.below(4)],
                        1,
                    );
                    out = replaced.chars().collect();
                }
            }
            out.into_iter().collect()
        })
        .collect()
}

#[test]
fn the_fast_reader_reads_the_corpus_and_the_demo_as_the_reference_does() {
    let records = corpus();
    assert!(records.len() > 70, "{} records", records.len());
    for (i, record) in records.iter().enumerate() {
        same(record, &format!("corpus record {i}"));
    }
}

#[test]
fn the_fast_reader_reads_10000_synthetic_records_as_the_reference_does() {
    let mut rng = Lcg(2026);
    for i in 0..10_000 {
        let record = synthetic(i, &mut rng);
        let read = read_call(&record);
        assert!(
            read.is_ok(),
            "synthetic record {i} reads: {read:?}\n{record}"
        );
        same(&record, &format!("synthetic record {i}"));
    }
}

#[test]
fn the_fast_reader_reads_mutated_records_as_the_reference_does() {
    let mut rng = Lcg(7);
    let mut base = corpus();
    base.extend((0..200).map(|i| synthetic(i, &mut rng)));
    let mut cases = 0;
    for record in &base {
        for mutated in mutations(record, &mut rng, 40) {
            same(&mutated, "mutation");
            cases += 1;
        }
    }
    assert!(cases > 10_000, "{cases} cases");
}

#[test]
fn colliding_keys_keep_the_first_in_the_text() {
    let record =
        read_call(r#"{"id":"a","EndedReason":"voicemail","endedReason":"customer-ended-call"}"#)
            .unwrap();
    assert_eq!(record.end_reason.raw(), Some("voicemail"));
    // A key repeated exactly: the first too (a derived reader would otherwise refuse the record).
    let record = read_call(r#"{"id":"a","id":"b"}"#).unwrap();
    assert_eq!(record.id, "a");
}

/// Both splitters on one body: the same records and paging; or the checked one refusing a body that the
/// scan framed, because a record in it holds a bad token (which then fails on its own when read).
fn same_split(text: &str, what: &str) {
    let scanned = split_calls_page(text);
    let checked = split_calls_page_checked(text);
    match (&scanned, &checked) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}: {text}"),
        (Err(_), Err(_)) => {}
        (Ok(page), Err(_)) => assert!(
            page.records
                .iter()
                .any(|r| serde_json::from_str::<serde_json::Value>(&text[r.clone()]).is_err()),
            "{what}: scanned {scanned:?} but checked {checked:?} for {text}"
        ),
        (Err(_), Ok(_)) => panic!("{what}: the scan refused what the checked reader read: {text}"),
    }
}

#[test]
fn the_scan_frames_lists_as_the_checked_reader_does() {
    let fixtures = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut bodies: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut rng = Lcg(11);
    let synthetic: Vec<String> = (0..300).map(|i| synthetic(i, &mut rng)).collect();
    bodies.push(format!("[{}]", synthetic.join(",")));
    bodies.push(format!(
        "{{\"nextCursor\":\"abc\",\"Value\":[{}],\"meta\":{{\"total\":300}}}}",
        synthetic.join(" , ")
    ));
    bodies.push(format!(
        "{{\"data\":{{\"items\":[{}]}}}}",
        synthetic[..20].join(",")
    ));
    let mut cases = 0;
    for body in &bodies {
        same_split(body, "body");
        for mutated in mutations(body, &mut rng, 60) {
            same_split(&mutated, "mutated body");
            cases += 1;
        }
    }
    assert!(cases > 500, "{cases} cases");
}
