use leptos::prelude::*;

use crate::domain::records::latency::{format_ms, LatencySource, LatencyStats, TurnLatency};
use crate::domain::records::time::format_clock;

/// Turns the table lists at most.
const SHOWN_ROWS: usize = 500;

/// How long the customer waited for each agent turn: the figures (p50, p90, the slowest), then every
/// turn in a folded table, split by stage when the platform measured them; slow turns marked.
#[component]
pub fn LatencyTable(
    /// The wait before each agent turn.
    latencies: Vec<TurnLatency>,
    /// Where the figures come from.
    source: LatencySource,
    /// Their percentiles, found once by the record for its facts too.
    stats: Option<LatencyStats>,
    /// Plays from a turn; absent without a recording.
    #[prop(default = None)]
    on_seek: Option<Callback<f64>>,
) -> impl IntoView {
    let Some(stats) = stats else {
        return ().into_any();
    };
    let slow = latencies.iter().filter(|l| l.is_slow()).count();
    let staged = latencies.iter().any(|l| l.stages.sum().is_some());
    let source_text = match source {
        LatencySource::Platform => "As the platform measured them.",
        LatencySource::MessageTimes => {
            "Estimated from the messages' times: from the end of the customer's turn to the start of the agent's."
        }
    };
    // Rows are drawn when the table is first opened, and at most `SHOWN_ROWS` of them: a call of 50,000
    // turns would otherwise lay out 25,000 rows as it opens.
    let total = latencies.len();
    let latencies = StoredValue::new(latencies);
    let opened = RwSignal::new(false);
    let rows = move || {
        opened.get().then(|| {
            latencies.with_value(|all| {
                all.iter()
                    .take(SHOWN_ROWS)
                    .cloned()
                    .map(|latency| latency_row(latency, staged, on_seek))
                    .collect_view()
            })
        })
    };
    let more = (total > SHOWN_ROWS).then(|| {
        view! {
            <p class="latency__source">
                {format!(
                    "The first {SHOWN_ROWS} of {total} turns; the figures above count them all.",
                )}
            </p>
        }
    });
    let stage_heads = staged.then(|| {
        view! {
            <th scope="col">"Transcriber"</th>
            <th scope="col">"Endpointing"</th>
            <th scope="col">"Model"</th>
            <th scope="col">"Voice"</th>
        }
    });
    view! {
        <section class="call-details__section latency" aria-labelledby="latency-heading">
            <h3 id="latency-heading">"Response times"</h3>
            <p class="latency__figures">
                {format!(
                    "Median {} · p90 {} · slowest {} · {} of {} turns over 1.5 s",
                    format_ms(stats.p50),
                    format_ms(stats.p90),
                    format_ms(stats.slowest),
                    slow,
                    stats.count,
                )}
            </p>
            <details
                class="latency__details"
                on:toggle=move |_| {
                    if !opened.get_untracked() {
                        opened.set(true);
                    }
                }
            >
                <summary>{format!("Every agent turn ({})", stats.count)}</summary>
                <div class="latency__scroll">
                    <table class="latency__table">
                        <thead>
                            <tr>
                                <th scope="col">"Turn at"</th>
                                <th scope="col">"Wait"</th>
                                {stage_heads}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {more}
                <p class="latency__source">{source_text}</p>
            </details>
        </section>
    }
    .into_any()
}

fn latency_row(
    latency: TurnLatency,
    staged: bool,
    on_seek: Option<Callback<f64>>,
) -> impl IntoView {
    let at = match (latency.at_seconds, on_seek) {
        (Some(at), Some(seek)) => view! {
            <button
                type="button"
                class="latency__seek"
                aria-label=format!("Play from {}", format_clock(at))
                on:click=move |_| seek.run(at)
            >
                {format_clock(at)}
            </button>
        }
        .into_any(),
        (Some(at), None) => format_clock(at).into_any(),
        (None, _) => "—".into_any(),
    };
    let stage = |ms: Option<f64>| ms.map(format_ms).unwrap_or_else(|| "—".to_owned());
    let stages = staged.then(|| {
        let s = latency.stages;
        view! {
            <td>{stage(s.transcriber)}</td>
            <td>{stage(s.endpointing)}</td>
            <td>{stage(s.model)}</td>
            <td>{stage(s.voice)}</td>
        }
    });
    let slow = latency.is_slow();
    view! {
        <tr class:latency__row--slow=slow>
            <td>{at}</td>
            <td>
                {format_ms(latency.total_ms)}
                {slow.then(|| view! { <span class="latency__slow">" slow"</span> })}
            </td>
            {stages}
        </tr>
    }
}
