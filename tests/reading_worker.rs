#![cfg(not(target_arch = "wasm32"))]
//! The reading worker's half of a load (a body to the bytes of its store entries) gives the store exactly
//! what reading on the page gives it: the same entries from the same bodies (the corpus, the demo, 3,000
//! synthetic records in every shape, broken bodies), the same calls and search results once inserted, and
//! damaged bytes never panic or invent a call.

mod common;

use call_records::api::window_batch::{read_window, ArrivedWindow, WindowBatch};
use call_records::api::{ApiError, CallsWindow};
use call_records::domain::search::index::SearchQuery;
use call_records::domain::search::store::CallStore;
use call_records::domain::search::store_entry::{distinct_words, EntryScratch, StoreEntry};
use call_records::domain::search::word_table::{WordTable, WordTableBuilder};
use call_records::wire::{read_call_in, split_calls_page, Asked};
use common::corpus::{corpus, mutations, synthetic};
use common::Lcg;

/// Every entry a window gives, and how many records it skipped. Each entry's words are given as the set
/// of its words, sorted: in the entry itself when read on the page, from its slice's table when read by
/// the worker (where the entry has none of its own).
fn drain(mut window: ArrivedWindow) -> (Vec<StoreEntry<'static>>, usize) {
    let mut entries = Vec::new();
    while !window.is_done() {
        let slice = window.next_slice();
        let mut words: Vec<Vec<&str>> = slice
            .entries
            .iter()
            .map(|e| e.words.split(' ').filter(|w| !w.is_empty()).collect())
            .collect();
        if let Some(table) = &slice.words {
            for (word, places) in table.terms() {
                for place in places {
                    // Damaged bytes may name a place past the slice: the store leaves it out too.
                    if let Some(words) = words.get_mut(usize::from(place)) {
                        words.push(word);
                    }
                }
            }
        }
        for (entry, mut words) in slice.entries.iter().zip(words) {
            words.sort_unstable();
            words.dedup();
            let mut entry = entry.clone().into_owned();
            entry.words = words.join(" ").into();
            entries.push(entry);
        }
    }
    (entries, window.left_out().left_out_count())
}

/// A body read both ways: on the page, and by the worker then opened on the page.
fn both_ways(
    body: &str,
) -> (
    Result<ArrivedWindow, ApiError>,
    Result<ArrivedWindow, ApiError>,
) {
    let page = CallsWindow::from_body(body.as_bytes().to_vec(), "c1").map(ArrivedWindow::page);
    let worker =
        WindowBatch::open(read_window("c1", body.as_bytes().to_vec())).map(ArrivedWindow::Worker);
    (page, worker)
}

fn same_both_ways(body: &str, what: &str) {
    match both_ways(body) {
        (Ok(page), Ok(worker)) => {
            assert_eq!(page.len(), worker.len(), "{what}: count");
            assert_eq!(page.next_cursor(), worker.next_cursor(), "{what}: cursor");
            assert_eq!(page.has_next(), worker.has_next(), "{what}: has next");
            assert_eq!(page.total(), worker.total(), "{what}: total");
            assert_eq!(drain(page), drain(worker), "{what}: entries");
        }
        (Err(page), Err(worker)) => assert_eq!(page, worker, "{what}: error"),
        (page, worker) => panic!(
            "{what}: page {:?} but worker {:?}",
            page.map(|w| w.len()),
            worker.map(|w| w.len())
        ),
    }
}

fn list_of(records: &[String]) -> String {
    format!(
        "{{\"value\":[{}],\"nextCursor\":\"n-2\",\"total\":12345}}",
        records.join(",")
    )
}

#[test]
fn the_worker_reads_the_corpus_the_demo_and_synthetic_records_as_the_page_does() {
    let mut rng = Lcg(2026);
    let corpus = corpus();
    assert!(corpus.len() > 70, "{} records", corpus.len());
    same_both_ways(&list_of(&corpus), "the corpus and the demo");
    let synthetic: Vec<String> = (0..3_000).map(|i| synthetic(i, &mut rng)).collect();
    for (i, chunk) in synthetic.chunks(500).enumerate() {
        same_both_ways(&list_of(chunk), &format!("synthetic chunk {i}"));
    }
    // Every demo file as it is served.
    let demo = format!("{}/public/demo/calls", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(demo).unwrap() {
        let path = entry.unwrap().path();
        let body = std::fs::read_to_string(&path).unwrap();
        same_both_ways(&body, &path.display().to_string());
    }
}

#[test]
fn bodies_that_are_not_lists_fail_the_same_way_on_both_sides() {
    for body in [
        "",
        "{\"value\": [ {\"id\": \"x\", ",
        "<html>oops</html>",
        "{\"message\":\"nope\"}",
        "\u{feff}[]",
        "[1, 2, 3]",
        "[{\"id\": \"a\"}, 7, {\"nope\": true}]",
    ] {
        same_both_ways(body, body);
    }
    // Not UTF-8: read as the browser decodes it, on both sides.
    let mut bytes = b"[{\"id\":\"a\",\"summary\":\"caf".to_vec();
    bytes.extend([0xE9, b'"', b'}', b']']);
    let page = CallsWindow::from_body(bytes.clone(), "c1").map(ArrivedWindow::page);
    let worker = WindowBatch::open(read_window("c1", bytes)).map(ArrivedWindow::Worker);
    assert_eq!(drain(page.unwrap()), drain(worker.unwrap()));
}

#[test]
fn mutated_records_are_read_alike_or_skipped_alike() {
    let mut rng = Lcg(11);
    let mut base = corpus();
    base.extend((0..100).map(|i| synthetic(i, &mut rng)));
    for record in base.iter().step_by(3) {
        let mutated = mutations(record, &mut rng, 12);
        same_both_ways(&list_of(&mutated), "mutations");
    }
}

/// A store filled by `add` (records read on the page, before the worker) and one filled by `insert`
/// (entries from the worker) hold the same calls and answer searches alike.
#[test]
fn a_store_filled_from_the_worker_is_the_store_filled_on_the_page() {
    let mut rng = Lcg(5);
    let records: Vec<String> = (0..2_000).map(|i| synthetic(i, &mut rng)).collect();
    let body = list_of(&records);
    let mut by_add = CallStore::new();
    let page = split_calls_page(&body).unwrap();
    for range in &page.records {
        if let Ok(record) = read_call_in(
            &body[range.clone()],
            Asked {
                campaign: Some("c1"),
            },
        ) {
            by_add.add(record);
        }
    }
    let mut by_insert = CallStore::new();
    let (entries, _) = drain(ArrivedWindow::Worker(
        WindowBatch::open(read_window("c1", body.clone().into_bytes())).unwrap(),
    ));
    let bytes = read_window("c1", body.into_bytes());
    let mut window = WindowBatch::open(bytes.clone()).unwrap();
    while !window.is_done() {
        by_insert.insert_slice(window.next_slice());
    }
    // The same window again (date windows overlap): every call is already there, none is added, and no
    // word of theirs is indexed twice.
    let mut again = WindowBatch::open(bytes).unwrap();
    let mut added = 0;
    while !again.is_done() {
        added += by_insert.insert_slice(again.next_slice());
    }
    assert_eq!(added, 0);
    // The same entries, each inserted on its own with its words (as sorted above), fill it alike too.
    let mut one_by_one = CallStore::new();
    for entry in entries {
        one_by_one.insert(entry);
    }
    assert_eq!(by_add.len(), by_insert.len());
    assert!(by_add.len() > 1_900);
    for index in 0..by_add.len() as u32 {
        let (a, b) = (by_add.get(index).unwrap(), by_insert.get(index).unwrap());
        assert_eq!(
            (
                a.id,
                a.when,
                a.duration_seconds,
                a.status,
                a.end_reason,
                a.has_recording
            ),
            (
                b.id,
                b.when,
                b.duration_seconds,
                b.status,
                b.end_reason,
                b.has_recording
            )
        );
        assert_eq!(
            (a.name, a.number, a.summary, a.transcript),
            (b.name, b.number, b.summary, b.transcript)
        );
    }
    for query in [
        "policy",
        "caf",
        "café renew",
        "\"water garage\"",
        "ok 🙂",
        "n 12",
        "ete",
    ] {
        let query = SearchQuery::parse(query);
        let found =
            |store: &mut CallStore| store.search(&query).map(|s| s.iter().collect::<Vec<_>>());
        assert_eq!(found(&mut by_add), found(&mut by_insert), "{query:?}");
        assert_eq!(found(&mut by_add), found(&mut one_by_one), "{query:?}");
    }
}

/// Bytes cut short or changed anywhere: fewer calls, never a panic, never a call the body did not hold.
#[test]
fn damaged_window_bytes_never_panic_or_invent_calls() {
    let mut rng = Lcg(3);
    let records: Vec<String> = (0..40).map(|i| synthetic(i, &mut rng)).collect();
    let bytes = read_window("c1", list_of(&records).into_bytes());
    let (whole, _) = drain(ArrivedWindow::Worker(
        WindowBatch::open(bytes.clone()).unwrap(),
    ));
    let ids: Vec<&str> = whole.iter().map(|e| &*e.id).collect();
    let mut cases = 0;
    for cut in (0..bytes.len()).step_by(37) {
        if let Ok(batch) = WindowBatch::open(bytes[..cut].to_vec()) {
            let (entries, skipped) = drain(ArrivedWindow::Worker(batch));
            assert!(entries.len() + skipped <= 40 && entries.iter().all(|e| ids.contains(&&*e.id)));
        }
        cases += 1;
    }
    for _ in 0..2_000 {
        let mut damaged = bytes.clone();
        let at = rng.below(damaged.len());
        damaged[at] = rng.next() as u8;
        if let Ok(batch) = WindowBatch::open(damaged) {
            let (entries, skipped) = drain(ArrivedWindow::Worker(batch));
            // A damaged count in the head can claim more records than were sent, but never more than
            // its bytes could hold; the calls themselves are never more than the body's.
            assert!(entries.len() <= 40);
            assert!(
                entries.len() + skipped <= 40 || (at < 5 && skipped < bytes.len()),
                "at {at}: {skipped}"
            );
        }
        cases += 1;
    }
    assert!(cases > 2_000);
}

#[test]
fn distinct_words_are_folded_kept_once_and_in_order_of_first_appearance() {
    let mut scratch = EntryScratch::default();
    let words = distinct_words(
        [
            "Renew the POLICY, renew it",
            "Straße café CAFÉ ok",
            "policy",
        ],
        &mut scratch,
    );
    assert_eq!(words, "renew the policy it strasse cafe ok");
    // The scratch keeps nothing from one entry to the next.
    assert_eq!(distinct_words(["policy"], &mut scratch), "policy");
    assert_eq!(distinct_words(["", " ,; "], &mut scratch), "");
}

/// A slice's word table: each folded word once, in order of first appearance, with the places of the
/// calls holding it, ascending and each once; the builder starts empty again after writing a table.
#[test]
fn a_word_table_holds_each_word_once_with_its_calls_in_order() {
    let mut builder = WordTableBuilder::default();
    builder.add_call(0, ["Renew the POLICY", "the policy, renewed"]);
    builder.add_call(1, ["Café policy"]);
    builder.add_call(3, ["", "renew renew"]);
    let mut bytes = vec![7];
    builder.encode(&mut bytes);
    let mut at = 1;
    let table = WordTable::read(&bytes, &mut at).expect("a table");
    assert_eq!(at, bytes.len());
    let terms: Vec<(&str, Vec<u16>)> = table.terms().map(|(w, p)| (w, p.collect())).collect();
    assert_eq!(
        terms,
        [
            ("renew", vec![0, 3]),
            ("the", vec![0]),
            ("policy", vec![0, 1]),
            ("renewed", vec![0]),
            ("cafe", vec![1]),
        ]
    );
    // Empty again: the next slice's table holds only its own words.
    builder.add_call(0, ["ok"]);
    let mut next = Vec::new();
    builder.encode(&mut next);
    let terms: Vec<&str> = WordTable::read(&next, &mut 0)
        .expect("a table")
        .terms()
        .map(|(w, _)| w)
        .collect();
    assert_eq!(terms, ["ok"]);
    // Cut anywhere, it is not a table (and reading it never panics).
    for cut in 0..bytes.len() - 1 {
        assert!(
            WordTable::read(&bytes[..cut], &mut 1).is_none(),
            "cut at {cut}"
        );
    }
}
