#![cfg(not(target_arch = "wasm32"))]
//! Calls kept on the device: a store filled from kept chunks is the store the load filled (the same
//! calls, texts, facts and search answers, from worker and page slices alike); the calls that may still
//! change are left out exactly, whether skipped on reading or cut from the chunk; damaged bytes or another
//! format are refused, never half-read and never a panic.

mod common;

use call_records::api::window_batch::{read_window, ArrivedWindow, WindowBatch};
use call_records::api::CallsWindow;
use call_records::domain::records::time::Timestamp;
use call_records::domain::search::index::SearchQuery;
use call_records::domain::search::kept::{
    asked_again, is_live, refetch_from, without_asked_again, ChunkWriter, KeptChunk, Unreadable,
    LONGEST_LIVE_MS, RECENT_MS,
};
use call_records::domain::search::store::CallStore;
use common::corpus::{corpus, synthetic};
use common::Lcg;

fn list_of(records: &[String]) -> String {
    format!("{{\"value\":[{}]}}", records.join(","))
}

/// Windows of records, read alternately by the worker and on the page, into a store as a load reads
/// them, each window also written as a chunk.
fn load(records: &[String], kept_at: Timestamp) -> (CallStore, Vec<Vec<u8>>) {
    let mut store = CallStore::new();
    let mut chunks = Vec::new();
    for (i, window) in records.chunks(700).enumerate() {
        let body = list_of(window).into_bytes();
        let mut arrived = if i % 2 == 0 {
            ArrivedWindow::Worker(WindowBatch::open(read_window("c1", body)).unwrap())
        } else {
            ArrivedWindow::page(CallsWindow::from_body(body, "c1").unwrap())
        };
        let mut writer = ChunkWriter::new(kept_at);
        while !arrived.is_done() {
            let slice = arrived.next_slice();
            writer.add(&slice);
            store.insert_slice(slice);
        }
        chunks.push(writer.finish());
    }
    (store, chunks)
}

fn reopen(chunks: &[Vec<u8>], from: Option<Timestamp>) -> CallStore {
    let mut store = CallStore::new();
    for bytes in chunks {
        let mut chunk = KeptChunk::open(bytes).expect("a chunk of this format");
        while !chunk.is_done() {
            let slice = chunk.next_slice().expect("undamaged");
            match from {
                Some(from) => store.insert_slice_where(slice, |e| !asked_again(e, from)),
                None => store.insert_slice(slice),
            };
        }
    }
    store
}

/// Everything a view reads of a store: every call's fields and facts, and the answers to searches.
fn snapshot(store: &mut CallStore, queries: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for index in 0..store.len() as u32 {
        let call = store.get(index).unwrap();
        out.push(format!(
            "{:?} {:?} {:?} {:?} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            call.id,
            call.when,
            call.duration_seconds,
            call.status,
            call.end_reason,
            call.has_recording,
            call.name,
            call.number,
            call.summary,
            call.transcript,
            call.success,
            call.outcome,
            call.cost_usd,
            store.latencies_of(index),
            store.fields_of(index).collect::<Vec<_>>(),
        ));
    }
    for query in queries {
        let query = SearchQuery::parse(query);
        out.push(format!(
            "{query:?}: {:?}",
            store.search(&query).map(|s| s.iter().collect::<Vec<_>>())
        ));
    }
    out
}

fn records() -> Vec<String> {
    let mut rng = Lcg(21);
    let mut records = corpus();
    records.extend((0..3_000).map(|i| synthetic(i, &mut rng)));
    records
}

/// Words of the records themselves, and a few that hit nothing, as queries.
fn queries() -> Vec<String> {
    let mut queries: Vec<String> = [
        "policy",
        "caf",
        "café renew",
        "\"water garage\"",
        "ok 🙂",
        "n 12",
        "ete",
        "zzzz-nothing",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut rng = Lcg(4);
    queries.extend((0..30).map(|_| {
        let n = 1 + rng.below(2);
        common::corpus::words(&mut rng, n)
    }));
    queries
}

#[test]
fn a_store_filled_from_kept_chunks_is_the_store_the_load_filled() {
    let records = records();
    let (mut loaded, chunks) = load(&records, Timestamp(1_800_000_000_000));
    assert!(loaded.len() > 3_000, "{} calls", loaded.len());
    let mut reopened = reopen(&chunks, None);
    let queries = queries();
    assert_eq!(
        snapshot(&mut loaded, &queries),
        snapshot(&mut reopened, &queries)
    );
    // Kept twice over (a window asked again): every call once.
    let doubled: Vec<Vec<u8>> = chunks.iter().chain(chunks.iter()).cloned().collect();
    assert_eq!(reopen(&doubled, None).len(), loaded.len());
}

#[test]
fn the_calls_asked_for_again_are_left_out_exactly_whether_skipped_or_cut() {
    let records = records();
    let (loaded, chunks) = load(&records, Timestamp(1_800_000_000_000));
    // Early November 2026: some synthetic calls fall before, some after, some have no time.
    let from = Timestamp(1_762_300_000_000 + 365 * 86_400_000);
    let mut skipped = reopen(&chunks, Some(from));
    let cut: Vec<Vec<u8>> = chunks
        .iter()
        .map(|c| {
            without_asked_again(c, from)
                .unwrap()
                .unwrap_or_else(|| c.clone())
        })
        .collect();
    let mut from_cut = reopen(&cut, None);
    let queries = queries();
    let skipped_view = snapshot(&mut skipped, &queries);
    assert_eq!(skipped_view, snapshot(&mut from_cut, &queries));
    assert!(skipped.len() < loaded.len(), "some calls are asked again");
    assert!(!skipped.is_empty(), "some calls are kept");
    // Every call left out was made since `from`, and every call made before is there.
    for index in 0..loaded.len() as u32 {
        let call = loaded.get(index).unwrap();
        let kept = skipped.position_of(call.id).is_some();
        let made_since = call.when.is_some_and(|w| w.0 >= from.0);
        if !made_since {
            assert!(kept, "{} was made before and must be kept", call.id);
        }
    }
    // A cut chunk holds no call made since: cutting it again changes nothing.
    for chunk in &cut {
        assert_eq!(without_asked_again(chunk, from), Ok(None));
    }
}

#[test]
fn another_format_or_damaged_bytes_are_refused_never_half_read() {
    let mut rng = Lcg(8);
    let records: Vec<String> = (0..300).map(|i| synthetic(i, &mut rng)).collect();
    let (store, chunks) = load(&records, Timestamp(0));
    let chunk = chunks.first().unwrap();
    // Another format: refused at the door.
    let mut other = chunk.clone();
    other[4] ^= 0x7f;
    assert!(KeptChunk::open(&other).is_none());
    assert!(KeptChunk::open(b"").is_none());
    assert!(KeptChunk::open(b"CRKC").is_none());
    assert_eq!(without_asked_again(&other, Timestamp(0)), Err(Unreadable));
    // Cut short or changed anywhere: never a panic, never a call the chunk did not hold.
    let ids: std::collections::BTreeSet<String> = (0..store.len() as u32)
        .map(|i| store.get(i).unwrap().id.to_owned())
        .collect();
    for trial in 0..400 {
        let mut bytes = chunk.clone();
        if trial % 2 == 0 {
            bytes.truncate(rng.below(bytes.len()));
        } else {
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(bytes.len());
                bytes[at] = rng.below(256) as u8;
            }
        }
        let Some(mut opened) = KeptChunk::open(&bytes) else {
            continue;
        };
        let mut reread = CallStore::new();
        while !opened.is_done() {
            match opened.next_slice() {
                Some(slice) => {
                    reread.insert_slice(slice);
                }
                None => break,
            }
        }
        let _ = without_asked_again(&bytes, Timestamp(0));
        for index in 0..reread.len() as u32 {
            let id = reread.get(index).unwrap().id;
            // A changed byte may land in an ID; a cut one may not add calls.
            if trial % 2 == 0 {
                assert!(ids.contains(id), "trial {trial}: {id}");
            }
        }
        if trial % 2 == 0 {
            assert!(reread.len() <= store.len());
        }
    }
}

#[test]
fn what_may_still_change_is_the_last_day_and_calls_still_going_on() {
    let kept = Timestamp(1_800_000_000_000);
    assert_eq!(refetch_from(kept, None), Timestamp(kept.0 - RECENT_MS));
    // A call going on since two days: asked again from it.
    let two_days = Timestamp(kept.0 - 2 * RECENT_MS);
    assert_eq!(refetch_from(kept, Some(two_days)), two_days);
    // Going on for longer than a call can: only its status was never updated.
    let stale = Timestamp(kept.0 - LONGEST_LIVE_MS - 1);
    assert_eq!(
        refetch_from(kept, Some(stale)),
        Timestamp(kept.0 - RECENT_MS)
    );
    // Going on but recent: the last day covers it.
    let recent = Timestamp(kept.0 - 1_000);
    assert_eq!(
        refetch_from(kept, Some(recent)),
        Timestamp(kept.0 - RECENT_MS)
    );
    for live in [
        "queued",
        "Ringing",
        "in-progress",
        "IN_PROGRESS",
        "forwarding",
        "scheduled",
    ] {
        assert!(is_live(Some(live)), "{live}");
    }
    for over in [
        None,
        Some("ended"),
        Some("Ended"),
        Some("completed"),
        Some(""),
        Some("failed"),
    ] {
        assert!(!is_live(over), "{over:?}");
    }
}

#[test]
fn a_chunk_knows_its_oldest_call_still_going_on() {
    let mut rng = Lcg(3);
    // The older shape's records are "in-progress", made in September 2026.
    let records: Vec<String> = (0..60).map(|i| synthetic(i, &mut rng)).collect();
    let body = list_of(&records).into_bytes();
    let mut arrived = ArrivedWindow::page(CallsWindow::from_body(body, "c1").unwrap());
    let mut near = ChunkWriter::new(Timestamp(1_790_000_000_000 + 86_400_000));
    let mut far = ChunkWriter::new(Timestamp(1_790_000_000_000 + 30 * 86_400_000));
    while !arrived.is_done() {
        let slice = arrived.next_slice();
        near.add(&slice);
        far.add(&slice);
    }
    assert_eq!(near.calls(), 60);
    let oldest = near.oldest_live().expect("some call is in progress");
    assert!(oldest.0 >= 1_790_000_000_000 && oldest.0 < 1_790_000_000_100);
    // A month later they cannot still be going on.
    assert_eq!(far.oldest_live(), None);
}
