#![cfg(not(target_arch = "wasm32"))]
//! The fast reader (keys folded as the text is read, straight into the wire struct) reads exactly what
//! the reference reader (a tree of JSON values, every key folded, then read) reads: on the fixture
//! corpus, the whole demo, 10,000 synthetic records in both platforms' shapes, and their mutations.

mod common;

use call_records::wire::{
    read_call, read_call_reference, split_calls_page, split_calls_page_checked, Asked,
};
use common::corpus::{corpus, mutations, synthetic};
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
