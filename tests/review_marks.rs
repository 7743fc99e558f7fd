#![cfg(not(target_arch = "wasm32"))]
//! A reviewer's marks: the merge rules on every field, notes from both sides, clocks out of order, the
//! marks file and its refusals, the seeded queue, and the review filters in the list's view.

use std::collections::BTreeMap;

use call_records::domain::list::view::{run_view_with, Day, ReasonFilter, ViewState};
use call_records::domain::review::filter::{tags_in_use, ReviewFilter, ReviewLookup};
use call_records::domain::review::marks_file::{merge_into, MarksFile, Refusal};
use call_records::domain::review::queue::{next_unreviewed, QueueSpec, Take};
use call_records::domain::review::store::{Journal, MarksStore, MemoryStore};
use call_records::domain::review::{CallMarks, Edit, Stamp, Verdict};
use call_records::domain::search::store::CallStore;
use call_records::domain::{CallRecord, EndReason, Timestamp};

fn stamp(by: &str, at: i64) -> Stamp {
    Stamp {
        by: by.to_owned(),
        at,
    }
}

fn marks(edits: &[(Edit, &str, i64)]) -> CallMarks {
    let mut marks = CallMarks::default();
    for (edit, by, at) in edits {
        marks.apply(edit.clone(), &stamp(by, *at));
    }
    marks
}

/// A small seeded generator, so that failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_marks(rng: &mut Rng, who: &str) -> CallMarks {
    let mut m = CallMarks::default();
    for _ in 0..rng.below(6) {
        let at = rng.below(50) as i64;
        let edit = match rng.below(5) {
            0 => Edit::Verdict(Verdict::ALL.get(rng.below(4) as usize).copied()),
            1 => Edit::Reviewed(rng.below(2) == 0),
            2 => Edit::Tags(vec![format!("t{}", rng.below(4))]),
            3 => Edit::AddNote {
                text: format!("note {}", rng.below(100)),
                moment: Some(rng.below(90) as f64),
            },
            _ => match m.notes.first() {
                Some(n) => Edit::DeleteNote { id: n.id.clone() },
                None => Edit::Reviewed(true),
            },
        };
        m.apply(edit, &stamp(who, at));
    }
    m
}

#[test]
fn per_field_the_newer_change_wins_whichever_side_it_is_on() {
    let ours = marks(&[
        (Edit::Verdict(Some(Verdict::Good)), "ana", 100),
        (Edit::Tags(vec!["billing".into()]), "ana", 300),
    ]);
    let theirs = marks(&[
        (Edit::Verdict(Some(Verdict::Bad)), "ben", 200),
        (Edit::Tags(vec!["other".into()]), "ben", 250),
        (Edit::Reviewed(false), "ben", 400),
    ]);
    for merged in [ours.merge(&theirs), theirs.merge(&ours)] {
        assert_eq!(
            merged.verdict(),
            Some(Verdict::Bad),
            "ben's verdict is newer"
        );
        assert_eq!(merged.tags(), ["billing"], "ana's tags are newer");
        assert!(!merged.is_reviewed(), "ben unmarked it last");
        assert_eq!(merged.verdict.as_ref().map(|v| v.by.as_str()), Some("ben"));
    }
    // A cleared verdict is a change too: newer, it wins over an older verdict.
    let cleared = marks(&[(Edit::Verdict(None), "ana", 500)]);
    assert_eq!(ours.merge(&cleared).verdict(), None);
    assert_eq!(cleared.merge(&ours).verdict(), None);
}

#[test]
fn notes_are_kept_from_both_sides_and_a_deletion_stays_deleted() {
    let ours = marks(&[(
        Edit::AddNote {
            text: "mine".into(),
            moment: Some(12.0),
        },
        "ana",
        10,
    )]);
    let theirs = marks(&[(
        Edit::AddNote {
            text: "theirs".into(),
            moment: None,
        },
        "ben",
        10,
    )]);
    let merged = ours.merge(&theirs);
    assert_eq!(merged.live_notes().len(), 2);
    assert_eq!(
        merged.live_notes()[0].text,
        "mine",
        "pinned notes come first"
    );

    let mut deleted = merged.clone();
    let id = deleted.notes[0].id.clone();
    deleted.apply(Edit::DeleteNote { id }, &stamp("ana", 20));
    for m in [
        deleted.merge(&ours),
        ours.merge(&deleted),
        deleted.merge(&merged),
    ] {
        assert_eq!(
            m.live_notes().len(),
            1,
            "an older copy does not bring a deleted note back"
        );
        assert_eq!(m.notes.len(), 2, "the tombstone is kept");
    }
}

#[test]
fn merging_is_commutative_associative_and_idempotent_on_random_marks() {
    let mut rng = Rng(7);
    let cases = 3_000;
    for _ in 0..cases {
        let a = random_marks(&mut rng, "ana");
        let b = random_marks(&mut rng, "ben");
        let c = random_marks(&mut rng, "cy");
        assert_eq!(a.merge(&b), b.merge(&a));
        assert_eq!(a.merge(&b).merge(&c), a.merge(&b.merge(&c)));
        assert_eq!(a.merge(&a), {
            let mut sorted = a.clone();
            sorted
                .notes
                .sort_by(|x, y| x.at.cmp(&y.at).then_with(|| x.id.cmp(&y.id)));
            sorted
        });
        let ab = a.merge(&b);
        assert_eq!(ab.merge(&b), ab);
        // Nothing is lost: every note of either side is there.
        for note in a.notes.iter().chain(&b.notes) {
            assert!(ab.notes.iter().any(|n| n.id == note.id));
        }
    }
    println!("merge laws held on {cases} random triples");
}

#[test]
fn clocks_out_of_order_still_merge_by_the_stamps() {
    // Ben's clock runs an hour behind: his later click carries an earlier time, and loses.
    let ana = marks(&[(Edit::Verdict(Some(Verdict::Good)), "ana", 3_600_000)]);
    let ben = marks(&[(Edit::Verdict(Some(Verdict::Bad)), "ben", 60_000)]);
    assert_eq!(ana.merge(&ben).verdict(), Some(Verdict::Good));
    // Same millisecond: both sides agree all the same.
    let a = marks(&[(Edit::Tags(vec!["x".into()]), "ana", 5)]);
    let b = marks(&[(Edit::Tags(vec!["y".into()]), "ana", 5)]);
    assert_eq!(a.merge(&b), b.merge(&a));
}

fn file_with(campaign: &str, calls: &[(&str, CallMarks)]) -> MarksFile {
    let calls: BTreeMap<String, CallMarks> = calls
        .iter()
        .map(|(id, m)| ((*id).to_owned(), m.clone()))
        .collect();
    let mut file = MarksFile::new("2026-12-02T10:00:00.000Z".into(), "Ana", "demo");
    file.add(campaign, &calls);
    file
}

#[test]
fn a_marks_file_round_trips_and_merges_with_a_summary() {
    let good = marks(&[(Edit::Verdict(Some(Verdict::Good)), "ana", 10)]);
    let noted = marks(&[(
        Edit::AddNote {
            text: "hi".into(),
            moment: Some(3.5),
        },
        "ana",
        11,
    )]);
    let file = file_with(
        "cmp-1",
        &[
            ("c/1 ?#", good.clone()),
            ("c2", noted),
            ("empty", CallMarks::default()),
        ],
    );
    let text = file.to_json();
    let read = MarksFile::parse(&text).expect("reads back");
    assert_eq!(read, file);
    assert_eq!(
        read.campaigns[0].calls.len(),
        2,
        "calls without marks are left out"
    );

    let mut ours = BTreeMap::new();
    ours.insert(
        "c2".to_owned(),
        marks(&[(Edit::Tags(vec!["x".into()]), "ben", 5)]),
    );
    let theirs = &read.for_campaign("cmp-1").expect("this campaign").calls;
    let (changed, summary) = merge_into(&ours, theirs);
    assert_eq!(changed.len(), 2);
    assert_eq!(
        (
            summary.new_calls,
            summary.changed_calls,
            summary.notes_added
        ),
        (1, 1, 1)
    );
    assert!(summary
        .describe()
        .starts_with("Imported marks for 2 calls: 1 newly marked, 1 updated"));
    // Importing the same file again changes nothing, and says so.
    for (id, m) in changed {
        ours.insert(id, m);
    }
    let (again, summary) = merge_into(&ours, theirs);
    assert!(again.is_empty());
    assert!(summary.describe().starts_with("Nothing new"));
}

#[test]
fn files_from_another_version_campaign_or_nowhere_are_refused_with_the_reason() {
    let file = file_with(
        "cmp-1",
        &[("c1", marks(&[(Edit::Reviewed(true), "ana", 1)]))],
    );
    let newer = file
        .to_json()
        .replacen("\"version\": 1", "\"version\": 2", 1);
    assert_eq!(MarksFile::parse(&newer), Err(Refusal::Version(2)));
    assert!(Refusal::Version(2).to_string().contains("version 2"));
    assert_eq!(MarksFile::parse("not json"), Err(Refusal::NotJson));
    assert_eq!(MarksFile::parse("{\"calls\": []}"), Err(Refusal::NotMarks));
    let damaged = file.to_json().replacen("\"campaigns\"", "\"campaignz\"", 1);
    assert!(matches!(
        MarksFile::parse(&damaged),
        Err(Refusal::Damaged(_))
    ));
    let other = file.for_campaign("cmp-2").map(|_| ()).unwrap_err();
    assert_eq!(other, Refusal::OtherCampaign(vec!["cmp-1".into()]));
    assert!(other.to_string().contains("cmp-1"));
    // A byte-order mark (some editors add one) is not damage.
    assert!(MarksFile::parse(&format!("\u{feff}{}", file.to_json())).is_ok());
}

fn ids(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("call-{i:05}-{}", i * 7919 % 1000))
        .collect()
}

#[test]
fn a_seeded_sample_is_the_same_for_the_same_seed_and_its_parts_split_it() {
    let ids = ids(1_000);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let spec = |take, seed, part, parts| QueueSpec {
        take,
        seed,
        part,
        parts,
    };
    let ten = spec(Take::Percent(10), 42, 1, 1).members(&refs);
    assert_eq!(ten.iter().filter(|m| **m).count(), 100);
    assert_eq!(
        ten,
        spec(Take::Percent(10), 42, 1, 1).members(&refs),
        "same seed, same calls"
    );
    assert_ne!(
        ten,
        spec(Take::Percent(10), 43, 1, 1).members(&refs),
        "another seed, other calls"
    );
    // The order the calls come in does not change which are chosen.
    let mut reversed = refs.clone();
    reversed.reverse();
    let mut back = spec(Take::Percent(10), 42, 1, 1).members(&reversed);
    back.reverse();
    assert_eq!(back, ten);

    for (take, parts) in [
        (Take::Count(40), 2),
        (Take::Percent(33), 3),
        (Take::All, 4),
        (Take::Count(5), 7),
    ] {
        let whole = spec(take, 9, 1, 1).members(&refs);
        let mut union = vec![0u8; refs.len()];
        for part in 1..=parts {
            for (i, m) in spec(take, 9, part, parts)
                .members(&refs)
                .into_iter()
                .enumerate()
            {
                union[i] += u8::from(m);
            }
        }
        assert!(
            union.iter().all(|n| *n <= 1),
            "{take:?}: parts are disjoint"
        );
        let together: Vec<bool> = union.iter().map(|n| *n == 1).collect();
        assert_eq!(
            together, whole,
            "{take:?}: parts together are the whole sample"
        );
    }
    assert_eq!(
        spec(Take::Count(5_000), 1, 1, 1)
            .members(&refs)
            .iter()
            .filter(|m| **m)
            .count(),
        1_000
    );
    assert_eq!(
        spec(Take::Percent(1), 1, 1, 1)
            .members(&refs[..3])
            .iter()
            .filter(|m| **m)
            .count(),
        1
    );
}

#[test]
fn the_queue_and_review_filters_live_in_the_url() {
    let state = ViewState::from_query(
        "?review=needs-attention&tag=wrong%20number&part=2of3&queue=10%25&seed=77",
    );
    assert_eq!(
        state.review,
        Some(ReviewFilter::Verdict(Verdict::NeedsAttention))
    );
    assert_eq!(state.tag.as_deref(), Some("wrong number"));
    assert_eq!(
        state.queue,
        Some(QueueSpec {
            take: Take::Percent(10),
            seed: 77,
            part: 2,
            parts: 3
        })
    );
    assert_eq!(ViewState::from_query(&state.to_query()), state);
    assert!(state.is_filtered());
    // Nonsense reads as no queue, or no split.
    assert_eq!(ViewState::from_query("queue=0").queue, None);
    assert_eq!(ViewState::from_query("queue=140%25").queue, None);
    assert_eq!(
        ViewState::from_query("queue=all&part=3of2").queue,
        Some(QueueSpec::all())
    );
    assert!(
        !ViewState::from_query("queue=all").is_filtered(),
        "a queue is not a filter"
    );
}

#[test]
fn next_unreviewed_walks_round_and_stops_when_all_are_done() {
    let rows = [10, 11, 12, 13];
    let reviewed = |r: u32| r == 11 || r == 12;
    assert_eq!(next_unreviewed(&rows, Some(0), true, reviewed), Some(3));
    assert_eq!(next_unreviewed(&rows, Some(3), true, reviewed), Some(0));
    assert_eq!(next_unreviewed(&rows, Some(0), false, reviewed), Some(3));
    assert_eq!(next_unreviewed(&rows, None, true, reviewed), Some(0));
    assert_eq!(next_unreviewed(&rows, None, false, reviewed), Some(3));
    assert_eq!(next_unreviewed(&rows, Some(1), true, |_| true), None);
    assert_eq!(next_unreviewed(&[], None, true, |_| false), None);
}

fn store_of(n: usize) -> CallStore {
    let mut store = CallStore::new();
    for (i, id) in ids(n).into_iter().enumerate() {
        let mut record = CallRecord::with_id(&id);
        record.started_at = Some(Timestamp(1_793_491_200_000 + i as i64 * 60_000));
        record.duration_seconds = Some(30.0);
        let reason = if i % 3 == 0 {
            "customer-did-not-answer"
        } else {
            "customer-ended-call"
        };
        record.end_reason = EndReason::from_raw(Some(reason));
        store.add(record);
    }
    store
}

fn utc(_: Day) -> i32 {
    0
}

#[test]
fn review_filters_and_the_queue_agree_with_a_plain_count() {
    let mut store = store_of(600);
    let mut rng = Rng(11);
    let mut by_index: BTreeMap<u32, CallMarks> = BTreeMap::new();
    for i in 0..600u32 {
        if rng.below(3) == 0 {
            by_index.insert(i, random_marks(&mut rng, "ana"));
        }
    }
    let lookup = ReviewLookup::new(store.len(), by_index.iter().map(|(i, m)| (*i, m)));
    let plain =
        |f: &dyn Fn(Option<&CallMarks>) -> bool| (0..600u32).filter(|i| f(by_index.get(i))).count();
    for filter in ReviewFilter::ALL {
        let state = ViewState {
            review: Some(filter),
            ..ViewState::default()
        };
        let shown = run_view_with(&mut store, &state, &utc, &lookup);
        let expected = plain(&|m| match filter {
            ReviewFilter::Unreviewed => !m.is_some_and(CallMarks::is_reviewed),
            ReviewFilter::Reviewed => m.is_some_and(CallMarks::is_reviewed),
            ReviewFilter::Verdict(v) => m.and_then(CallMarks::verdict) == Some(v),
        });
        assert_eq!(shown.rows.len(), expected, "{filter:?}");
        assert_eq!(
            shown.breakdown.total(),
            expected,
            "{filter:?}: the chart counts what it lets through"
        );
    }
    for tag in tags_in_use(by_index.values()) {
        let state = ViewState {
            tag: Some(tag.clone()),
            ..ViewState::default()
        };
        let shown = run_view_with(&mut store, &state, &utc, &lookup).rows.len();
        assert_eq!(
            shown,
            plain(&|m| m.is_some_and(|m| m.tags().contains(&tag))),
            "tag {tag}"
        );
    }
    let none = ViewState {
        tag: Some("nobody uses this".into()),
        ..ViewState::default()
    };
    assert!(run_view_with(&mut store, &none, &utc, &lookup)
        .rows
        .is_empty());

    // A queue of a reason's calls: sampled from that reason, stable while the review filter changes.
    let no_answer = Some(ReasonFilter::from_param("customer-did-not-answer").expect("a code"));
    let queue = Some(QueueSpec {
        take: Take::Count(30),
        seed: 5,
        part: 1,
        parts: 1,
    });
    let state = ViewState {
        reason: no_answer.clone(),
        queue,
        ..ViewState::default()
    };
    let result = run_view_with(&mut store, &state, &utc, &lookup);
    let (chosen, progress) = result.queue.expect("a queue");
    assert_eq!(chosen.len(), 30);
    assert_eq!(result.rows, chosen);
    assert!(
        chosen.iter().all(|&i| i % 3 == 0),
        "only the reason's calls"
    );
    let reviewed = chosen.iter().filter(|&&i| lookup.is_reviewed(i)).count();
    assert_eq!((progress.size, progress.reviewed), (30, reviewed));
    let unreviewed = ViewState {
        review: Some(ReviewFilter::Unreviewed),
        ..state.clone()
    };
    let narrowed = run_view_with(&mut store, &unreviewed, &utc, &lookup);
    assert_eq!(
        narrowed.queue.expect("a queue").0,
        chosen,
        "the review filter does not reshuffle it"
    );
    assert_eq!(narrowed.rows.len(), 30 - reviewed);
}

/// The memory store's futures are ready at once.
fn block<T>(
    mut f: call_records::domain::review::store::StoreFuture<T>,
) -> Result<T, call_records::domain::review::store::StoreError> {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match f.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => panic!("pending"),
    }
}

#[test]
fn the_memory_store_keeps_scopes_apart() {
    let store = MemoryStore::default();
    let m = marks(&[(Edit::Reviewed(true), "ana", 1)]);
    block(store.put("demo|a", vec![("c1".into(), m.clone())])).expect("put");
    block(store.put("demo|b", vec![("c1".into(), m.clone()), ("c2".into(), m)])).expect("put");
    assert_eq!(block(store.load("demo|a")).expect("load").len(), 1);
    // A put merges with what is kept: an older copy without the tag does not drop it.
    let tagged = marks(&[(Edit::Tags(vec!["kept".into()]), "ben", 5)]);
    block(store.put("demo|a", vec![("c1".into(), tagged)])).expect("put");
    block(store.put(
        "demo|a",
        vec![("c1".into(), marks(&[(Edit::Reviewed(true), "ana", 1)]))],
    ))
    .expect("put");
    assert_eq!(
        block(store.load("demo|a")).expect("load")["c1"].tags(),
        ["kept"]
    );
    assert_eq!(block(store.count()).expect("count"), 3);
    block(store.clear()).expect("clear");
    assert_eq!(block(store.count()).expect("count"), 0);
}

#[test]
fn the_demos_sample_marks_read_and_name_the_demos_calls() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/demo");
    let text = std::fs::read_to_string(root.join("review-marks.json")).expect("the demo's marks");
    let file = MarksFile::parse(&text).expect("a marks file of this version");
    assert_eq!(file.campaigns.len(), 3);
    let reviewers: std::collections::BTreeSet<String> = file
        .campaigns
        .iter()
        .flat_map(|c| c.calls.values())
        .filter_map(|m| m.verdict.as_ref().map(|v| v.by.clone()))
        .collect();
    assert_eq!(reviewers.len(), 2, "two reviewers");
    for campaign in &file.campaigns {
        let calls = std::fs::read_to_string(
            root.join("campaigns")
                .join(&campaign.campaign_id)
                .join("calls.json"),
        )
        .expect("the campaign's calls");
        for id in campaign.calls.keys() {
            assert!(
                calls.contains(id.as_str()),
                "{id} is a call of {}",
                campaign.campaign_id
            );
        }
    }
}

#[test]
fn a_hostile_file_is_kept_within_what_the_app_writes() {
    let long = "👨🏿‍💻".repeat(20_000);
    let text = format!(
        r#"{{"format":"call-records-marks","version":1,"exportedAt":"x","campaigns":[{{"campaignId":"c","calls":{{
            "a/?#": {{"tags":{{"value":["  LOUD   Tag ","loud tag","{long}"],"by":"x","at":1}},
                     "notes":[{{"id":"n","text":"{long}","moment":1e308,"by":"x","at":2}},
                              {{"id":"m","text":"<script>x</script>","moment":-4,"by":"x","at":3}}]}}}}}}]}}"#
    );
    let file = MarksFile::parse(&text).expect("reads");
    let marks = &file.campaigns[0].calls["a/?#"];
    assert_eq!(marks.tags().len(), 2);
    assert_eq!(marks.tags()[0], "loud tag");
    assert!(marks.tags()[1].chars().count() <= 40);
    assert!(marks
        .notes
        .iter()
        .all(|n| n.text.chars().count() <= 10_000 && n.moment.is_none()));
    assert_eq!(
        marks.notes[1].text, "<script>x</script>",
        "kept as text, drawn as text"
    );
}

#[test]
fn the_journal_keeps_writes_until_the_store_has_them() {
    let a = marks(&[(Edit::Reviewed(true), "ana", 1)]);
    let b = marks(&[(Edit::Verdict(Some(Verdict::Bad)), "ana", 2)]);
    let mut journal = Journal::default();
    journal.add("demo|x", &[("c1".into(), a.clone())]);
    journal.add(
        "demo|x",
        &[("c1".into(), b.clone()), ("c2".into(), a.clone())],
    );
    assert_eq!(
        journal.writes.len(),
        2,
        "a newer write of a call replaces the older"
    );
    // The older write's completion does not clear the newer one.
    journal.done("demo|x", &[("c1".into(), a.clone())]);
    assert_eq!(journal.writes.len(), 2);
    journal.done("demo|x", &[("c1".into(), b.clone())]);
    assert_eq!(
        journal.by_scope()["demo|x"],
        vec![("c2".to_owned(), a.clone())]
    );
    let again = Journal::read(Some(&journal.to_text()));
    assert_eq!(again, journal);
    assert_eq!(Journal::read(Some("garbage")), Journal::default());
    assert_eq!(Journal::read(None), Journal::default());
}
