//! The trends' recomputation on a filter change: `cargo bench --bench trends` prints how long the list's
//! view (the same `run_view` the page runs, which now gathers the trends too) takes on 100,000 calls with
//! platform data spread over two years in a zone with daylight saving, for several filter changes; and
//! how long the trends alone take over the same calls. Median and p95 of 40 runs each; not a timed test.

use std::time::Instant;

use call_records::domain::list::field_filter::{FieldFilter, FieldTest};
use call_records::domain::list::trends::{answered, stack_of, TrendsBuilder};
use call_records::domain::list::view::{run_view, run_view_full, Day, ReasonFilter, ViewState};
use call_records::domain::records::collected::{Field, FieldValue};
use call_records::domain::records::latency::{Stages, TurnLatency};
use call_records::domain::records::outcome::{Evaluation, Outcome, Success};
use call_records::domain::review::filter::ReviewLookup;
use call_records::domain::search::store::CallStore;
use call_records::domain::{CallRecord, EndReason, Timestamp};

const CALLS: usize = 100_000;
const RUNS: usize = 40;

/// New York's offsets, roughly (summer time from mid-March to early November).
fn new_york(day: Day) -> i32 {
    if (day.month > 3 || (day.month == 3 && day.day > 10))
        && (day.month < 11 || (day.month == 11 && day.day <= 3))
    {
        -240
    } else {
        -300
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn time(mut run: impl FnMut()) -> (f64, f64) {
    let mut ms: Vec<f64> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (percentile(&ms, 0.5), percentile(&ms, 0.95))
}

fn main() {
    let reasons = [
        "customer-ended-call",
        "customer-did-not-answer",
        "voicemail",
        "assistant-ended-call",
        "pipeline-error-x",
    ];
    let mut store = CallStore::new();
    let start = 1_735_700_000_000i64; // early January 2025
    let every = 2 * 365 * 86_400_000 / CALLS as i64;
    for i in 0..CALLS {
        let mut record = CallRecord::with_id(format!("call-{i:06}"));
        record.started_at = Some(Timestamp(start + i as i64 * every));
        record.duration_seconds = Some((i % 300) as f64);
        record.end_reason = EndReason::from_raw(Some(reasons[i % reasons.len()]));
        record.status = Some("ended".to_owned());
        record.cost_usd = Some(0.05 + (i % 20) as f64 * 0.01);
        record.evaluation = (i % 4 != 0).then(|| Evaluation::from(Outcome::Pass(i % 3 == 0)));
        record.collected = vec![
            Field {
                name: "plan".into(),
                value: FieldValue::Text(["Gold", "Silver", "Basic"][i % 3].into()),
            },
            Field {
                name: "premium".into(),
                value: FieldValue::Number((i % 80) as f64),
            },
        ];
        record.measured_latency = (0..8)
            .map(|t| TurnLatency {
                turn: None,
                at_seconds: None,
                total_ms: 600.0 + ((i * 7 + t * 131) % 1500) as f64,
                stages: Stages::default(),
            })
            .collect();
        store.add(record);
    }
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
            "outcome: goal met",
            ViewState {
                success: Some(Success::Yes),
                ..ViewState::default()
            },
        ),
        (
            "field: plan = Gold",
            ViewState {
                field: Some(FieldFilter {
                    name: "plan".into(),
                    test: FieldTest::Is("Gold".into()),
                }),
                ..ViewState::default()
            },
        ),
        (
            "field: premium 20..40",
            ViewState {
                field: Some(FieldFilter {
                    name: "premium".into(),
                    test: FieldTest::Range {
                        min: Some(20.0),
                        max: Some(40.0),
                    },
                }),
                ..ViewState::default()
            },
        ),
        (
            "one day chosen",
            ViewState {
                from: Day::parse("2026-03-08"),
                to: Day::parse("2026-03-08"),
                ..ViewState::default()
            },
        ),
    ];
    println!("The list's view with its trends on {CALLS} calls over two years, New York time ({RUNS} runs each):");
    println!(
        "{:<28} {:>8} {:>22} {:>22}",
        "filter", "rows", "with trends p50/p95", "rows only p50/p95"
    );
    let none = ReviewLookup::default();
    for (name, state) in &views {
        let rows = run_view(&mut store, state, &new_york).rows.len();
        let (p50, p95) = time(|| {
            std::hint::black_box(run_view(&mut store, state, &new_york));
        });
        let (q50, q95) = time(|| {
            std::hint::black_box(run_view_full(&mut store, state, &new_york, &none, false));
        });
        println!("{name:<28} {rows:>8} {p50:>10.2} / {p95:>7.2} ms {q50:>10.2} / {q95:>7.2} ms");
    }
    // The trends alone, over every call: what gathering them adds to a view.
    let reasons_of: Vec<(u32, usize, bool)> = (0..store.len() as u32)
        .map(|i| {
            let call = store.get(i).unwrap();
            let ms = call.duration_seconds.map(|s| (s * 1000.0) as u32);
            (i, stack_of(call.end_reason), answered(call.end_reason, ms))
        })
        .collect();
    let (p50, p95) = time(|| {
        let mut trends = TrendsBuilder::new(&new_york);
        for &(i, stack, answered) in &reasons_of {
            trends.add(&store, i, stack, answered);
        }
        std::hint::black_box(trends.finish());
    });
    println!(
        "{:<28} {:>8} {p50:>9.2} {p95:>9.2}",
        "trends alone (every call)", CALLS
    );
}
