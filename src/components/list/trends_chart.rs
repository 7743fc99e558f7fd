use leptos::prelude::*;

use crate::domain::list::trends::{Period, Span, Trends, STACKS};
use crate::domain::list::view::Day;
use crate::domain::records::cost::format_usd;
use crate::domain::records::latency::format_ms;
use crate::domain::records::time::format_duration;
use crate::hooks::{History, UseViewStateReturn};

const STACK_NAMES: [&str; 6] = [
    "Agent",
    "Customer",
    "Connection issues",
    "Duration & other",
    "Unlisted codes",
    "No end reason",
];

/// How many trends charts are on screen: the view gathers the trends only while one is (they cost
/// more than the rows). The campaign page provides it; each chart counts itself in while mounted.
#[derive(Clone, Copy)]
pub struct TrendsShown(pub RwSignal<usize>);

/// Trends over time: the view's figures, then calls per day (per week or month over a long campaign)
/// stacked by end-reason group, with the answer and success rates drawn over the bars. Choosing a bar
/// filters the list to its days; choosing it again clears the dates. Follows every other filter.
#[component]
pub fn TrendsChart(
    /// The trends of the view.
    #[prop(into)]
    trends: Signal<Trends>,
    view: UseViewStateReturn,
) -> impl IntoView {
    if let Some(TrendsShown(shown)) = use_context::<TrendsShown>() {
        shown.update(|n| *n += 1);
        on_cleanup(move || {
            shown.try_update(|n| *n = n.saturating_sub(1));
        });
    }
    let focused = RwSignal::new(None::<usize>);
    let periods = Memo::new(move |_| trends.with(Trends::bars));
    let chosen = Memo::new(move |_| {
        view.state
            .with(|s| Some((s.from?.epoch_days(), s.to?.epoch_days())))
    });
    let choose = move |period: &Period| {
        let (first, last) = (period.first_day, period.last_day);
        view.update(History::Push, |s| {
            let same = s.from.map(Day::epoch_days) == Some(first)
                && s.to.map(Day::epoch_days) == Some(last);
            (s.from, s.to) = if same {
                (None, None)
            } else {
                (
                    Some(Day::from_epoch_days(first)),
                    Some(Day::from_epoch_days(last)),
                )
            };
        });
    };
    let bars = move || {
        let (span, periods) = periods.get();
        let max = periods.iter().map(|p| p.calls).max().unwrap_or(0).max(1);
        let chosen = chosen.get();
        periods
            .into_iter()
            .enumerate()
            .map(|(i, period)| {
                let label = period_label(&period, span);
                let pressed = chosen == Some((period.first_day, period.last_day));
                let stacks = period
                    .stacks
                    .iter()
                    .zip(STACKS)
                    .filter(|(n, _)| **n > 0)
                    .map(|(n, slug)| {
                        let height = f64::from(*n) / f64::from(max) * 100.0;
                        view! {
                            <span
                                class=format!("trends__stack trends__stack--{slug}")
                                style:height=format!("{height:.2}%")
                            ></span>
                        }
                    })
                    .collect_view();
                let aria = format!("{label}: {}", describe(&period));
                let p = period.clone();
                view! {
                    <button
                        type="button"
                        class="trends__bar"
                        aria-pressed=if pressed { "true" } else { "false" }
                        aria-label=aria
                        title=format!("{label}: {}", describe(&period))
                        on:click=move |_| choose(&p)
                        on:mouseenter=move |_| focused.set(Some(i))
                        on:focus=move |_| focused.set(Some(i))
                    >
                        {stacks}
                    </button>
                }
            })
            .collect_view()
    };
    let lines = move || {
        let (_, periods) = periods.get();
        let n = periods.len().max(1) as f64;
        let line = |rate: &dyn Fn(&Period) -> Option<f64>| {
            periods
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let r = rate(p)?;
                    Some(format!(
                        "{:.2},{:.2}",
                        (i as f64 + 0.5) / n * 100.0,
                        100.0 - r * 100.0
                    ))
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let answered = line(&Period::answer_rate);
        let succeeded = line(&Period::success_rate);
        view! {
            <svg
                class="trends__lines"
                viewBox="0 0 100 100"
                preserveAspectRatio="none"
                aria-hidden="true"
            >
                <polyline class="trends__line trends__line--answered" points=answered></polyline>
                <polyline class="trends__line trends__line--success" points=succeeded></polyline>
            </svg>
        }
    };
    let detail = move || {
        let (span, periods) = periods.get();
        let period = focused
            .get()
            .and_then(|i| periods.get(i).cloned())
            .or_else(|| periods.last().cloned())?;
        Some(format!(
            "{}: {}",
            period_label(&period, span),
            describe(&period)
        ))
    };
    let axis = move || {
        let (span, periods) = periods.get();
        let first = periods.first().map(|p| period_label(p, span));
        let last = periods.last().map(|p| period_label(p, span));
        view! {
            <span>{first}</span>
            <span>{last}</span>
        }
    };
    let figures = move || trends.with(figures_view);
    view! {
        <section class="trends" aria-label="Trends over time">
            {figures}
            <Show
                when=move || periods.with(|(_, p)| !p.is_empty())
                fallback=|| view! { <p class="trends__empty">"No dated calls to chart."</p> }
            >
                <div class="trends__plot">
                    <div class="trends__bars" role="group" aria-label="Calls per period">
                        {bars}
                    </div>
                    {lines}
                </div>
                <div class="trends__axis">{axis}</div>
                <p class="trends__detail" aria-live="polite">
                    {detail}
                </p>
                {move || periods.with(|(span, periods)| period_table(*span, periods))}
                <ul class="trends__legend">
                    {STACKS
                        .into_iter()
                        .zip(STACK_NAMES)
                        .map(|(slug, name)| {
                            view! {
                                <li>
                                    <span class=format!("trends__key trends__stack--{slug}")></span>
                                    {name}
                                </li>
                            }
                        })
                        .collect_view()} <li>
                        <span class="trends__key trends__key--answered"></span>
                        "Answer rate"
                    </li> <li>
                        <span class="trends__key trends__key--success"></span>
                        "Success rate"
                    </li>
                </ul>
            </Show>
        </section>
    }
}

/// Every period with calls, as a table folded under the chart: the figures each bar's height cannot
/// show (median duration, cost), readable without a pointer.
fn period_table(span: Span, periods: &[Period]) -> impl IntoView {
    let rows: Vec<&Period> = periods.iter().filter(|p| p.calls > 0).collect();
    let what = match span {
        Span::Day => "day",
        Span::Week => "week",
        Span::Month => "month",
    };
    let body = rows
        .iter()
        .rev()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{period_label(p, span)}</th>
                    <td>{p.calls}</td>
                    <td>{percent(p.answer_rate())}</td>
                    <td>{percent(p.success_rate())}</td>
                    <td>
                        {p
                            .median_seconds()
                            .map(format_duration)
                            .unwrap_or_else(|| "—".to_owned())}
                    </td>
                    <td>{if p.cost > 0.0 { format_usd(p.cost) } else { "—".to_owned() }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="trends__periods">
            <summary>{format!("Every {what} with calls ({})", rows.len())}</summary>
            <div class="trends__scroll">
                <table class="trends__table">
                    <thead>
                        <tr>
                            <th scope="col">{what}</th>
                            <th scope="col">"Calls"</th>
                            <th scope="col">"Answered"</th>
                            <th scope="col">"Goal met"</th>
                            <th scope="col">"Median duration"</th>
                            <th scope="col">"Cost"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </details>
    }
}

fn period_label(period: &Period, span: Span) -> String {
    let first = Day::from_epoch_days(period.first_day);
    let month = |d: Day| {
        [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        .get((d.month as usize).saturating_sub(1))
        .copied()
        .unwrap_or("")
    };
    match span {
        Span::Day => format!("{} {} {}", first.day, month(first), first.year),
        Span::Week => format!("Week of {} {} {}", first.day, month(first), first.year),
        Span::Month => format!("{} {}", month(first), first.year),
    }
}

fn percent(rate: Option<f64>) -> String {
    rate.map(|r| format!("{:.0} %", r * 100.0))
        .unwrap_or_else(|| "—".to_owned())
}

fn describe(period: &Period) -> String {
    if period.calls == 0 {
        return "no calls".to_owned();
    }
    let mut parts = vec![
        format!(
            "{} call{}",
            period.calls,
            if period.calls == 1 { "" } else { "s" }
        ),
        format!("answered {}", percent(period.answer_rate())),
    ];
    if period.evaluated > 0 {
        parts.push(format!("goal met {}", percent(period.success_rate())));
    }
    if let Some(median) = period.median_seconds() {
        parts.push(format!("median {}", format_duration(median)));
    }
    if period.cost > 0.0 {
        parts.push(format_usd(period.cost));
    }
    parts.join(" · ")
}

/// The view's figures: calls, answer and success rates, response times, cost.
fn figures_view(trends: &Trends) -> impl IntoView {
    let f = &trends.figures;
    let mut items = vec![
        ("Calls", f.calls.to_string()),
        ("Answered", percent(f.answer_rate())),
        (
            "Goal met",
            match f.success_rate() {
                Some(_) => format!("{} of {} evaluated", percent(f.success_rate()), f.evaluated),
                None => "Not evaluated".to_owned(),
            },
        ),
    ];
    if let (Some(p50), Some(p90)) = (f.latency_p50, f.latency_p90) {
        items.push((
            "Response time",
            format!("p50 {} · p90 {}", format_ms(p50), format_ms(p90)),
        ));
    }
    if f.costed > 0 {
        items.push(("Cost", format_usd(f.cost)));
        if let Some(per) = f.cost_per_answered() {
            items.push(("Per answered call", format_usd(per)));
        }
    }
    let items = items
        .into_iter()
        .map(|(term, value)| {
            view! {
                <div class="trends__figure">
                    <dt>{term}</dt>
                    <dd>{value}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="trends__figures">{items}</dl> }
}
