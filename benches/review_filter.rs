//! The review filters on a large campaign: `cargo bench --bench review_filter` prints how long the list's
//! view takes on 100,000 calls with 10,000 marked, by review state and by tag, beside an end-reason
//! filter and no filter at all (the same `run_view_with` the page runs), and how long building the review
//! lookup takes (done once per change of marks). Median and worst of 30 runs each; not a timed test.

use std::time::Instant;

use call_records::domain::list::view::{run_view_with, Day, ReasonFilter, ViewState};
use call_records::domain::review::filter::{ReviewFilter, ReviewLookup};
use call_records::domain::review::queue::{QueueSpec, Take};
use call_records::domain::review::{CallMarks, Edit, Stamp, Verdict};
use call_records::domain::search::store::CallStore;
use call_records::domain::{CallRecord, EndReason, Timestamp};

const CALLS: usize = 100_000;
const MARKED: usize = 10_000;
const RUNS: usize = 30;

fn utc(_: Day) -> i32 {
    0
}

fn main() {
    let reasons = [
        "customer-ended-call",
        "customer-did-not-answer",
        "voicemail",
        "assistant-ended-call",
    ];
    let mut store = CallStore::new();
    for i in 0..CALLS {
        let mut record = CallRecord::with_id(format!("call-{i:06}"));
        record.started_at = Some(Timestamp(1_793_491_200_000 + i as i64 * 30_000));
        record.duration_seconds = Some((i % 300) as f64);
        record.end_reason = EndReason::from_raw(Some(reasons[i % reasons.len()]));
        record.status = Some("ended".to_owned());
        store.add(record);
    }
    // Every tenth call marked: a verdict in turn, a tag of five, a note on some.
    let marks: Vec<(u32, CallMarks)> = (0..MARKED)
        .map(|n| {
            let mut m = CallMarks::default();
            let stamp = Stamp {
                by: "Ana".into(),
                at: n as i64,
            };
            m.apply(Edit::Verdict(Verdict::ALL.get(n % 4).copied()), &stamp);
            m.apply(Edit::Tags(vec![format!("tag-{}", n % 5)]), &stamp);
            if n % 3 == 0 {
                m.apply(
                    Edit::AddNote {
                        text: "note".into(),
                        moment: Some(3.0),
                    },
                    &stamp,
                );
            }
            ((n * 10) as u32, m)
        })
        .collect();

    let started = Instant::now();
    let mut lookup = ReviewLookup::default();
    for _ in 0..RUNS {
        lookup = ReviewLookup::new(store.len(), marks.iter().map(|(i, m)| (*i, m)));
    }
    let build_ms = started.elapsed().as_secs_f64() * 1000.0 / RUNS as f64;

    let views: Vec<(&str, ViewState)> = vec![
        ("no filter", ViewState::default()),
        (
            "end reason (voicemail)",
            ViewState {
                reason: ReasonFilter::from_param("voicemail"),
                ..ViewState::default()
            },
        ),
        (
            "review: not reviewed",
            ViewState {
                review: Some(ReviewFilter::Unreviewed),
                ..ViewState::default()
            },
        ),
        (
            "review: reviewed",
            ViewState {
                review: Some(ReviewFilter::Reviewed),
                ..ViewState::default()
            },
        ),
        (
            "review: bad",
            ViewState {
                review: Some(ReviewFilter::Verdict(Verdict::Bad)),
                ..ViewState::default()
            },
        ),
        (
            "tag (tag-3)",
            ViewState {
                tag: Some("tag-3".into()),
                ..ViewState::default()
            },
        ),
        (
            "queue: 10 % sample, not reviewed",
            ViewState {
                review: Some(ReviewFilter::Unreviewed),
                queue: Some(QueueSpec {
                    take: Take::Percent(10),
                    seed: 7,
                    part: 1,
                    parts: 1,
                }),
                ..ViewState::default()
            },
        ),
    ];
    println!("The list's view on {CALLS} calls, {MARKED} marked ({RUNS} runs each):");
    println!("  building the review lookup: {build_ms:.2} ms (once per change of marks)");
    for (name, state) in views {
        // Warm the sort order once, as the page has by then.
        let rows = run_view_with(&mut store, &state, &utc, &lookup).rows.len();
        let mut times: Vec<f64> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                let result = run_view_with(&mut store, &state, &utc, &lookup);
                std::hint::black_box(result.rows.len());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "  {name:<34} {rows:>6} rows   median {:>6.2} ms   worst {:>6.2} ms",
            times[RUNS / 2],
            times[RUNS - 1]
        );
    }
}
