use leptos::prelude::*;

use crate::components::common::{LongText, OutcomeBadge};
use crate::domain::records::collected::{field_label, Field};
use crate::domain::records::outcome::Evaluation;

/// Whether the call met its goal (the platform's evaluation and its reason) and the data the agent
/// collected, as a table of fields. Long and nested values are folded.
#[component]
pub fn CallOutcome(
    /// The platform's success evaluation, when it made one.
    evaluation: Option<Evaluation>,
    /// The collected data's fields.
    collected: Vec<Field>,
) -> impl IntoView {
    let verdict = match evaluation {
        Some(evaluation) => {
            let reason = evaluation.reason.clone().map(|reason| {
                view! {
                    <p class="call-outcome__reason">
                        <LongText text=reason />
                    </p>
                }
            });
            view! {
                <div class="call-outcome__verdict">
                    <OutcomeBadge success=evaluation.success() label=evaluation.label() />
                    {reason}
                </div>
            }
            .into_any()
        }
        None => view! { <p class="call-details__empty">"The platform did not evaluate this call's success."</p> }
        .into_any(),
    };
    let data = (!collected.is_empty()).then(|| {
        view! {
            <h4 class="call-outcome__subheading">"Collected data"</h4>
            <table class="call-outcome__fields">
                <tbody>{collected.into_iter().map(field_row).collect_view()}</tbody>
            </table>
        }
    });
    view! {
        <section class="call-details__section call-outcome" aria-labelledby="outcome-heading">
            <h3 id="outcome-heading">"Outcome"</h3>
            {verdict}
            {data}
        </section>
    }
}

/// One field: its name as a heading (the raw name on hover), its value; a long one folded under its
/// first line.
fn field_row(field: Field) -> impl IntoView {
    let label = field_label(&field.name);
    let value = if field.value.is_long() {
        let full = field.value.display();
        let first: String = full
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(60)
            .collect();
        view! {
            <details class="call-outcome__long">
                <summary>{format!("{first} …")}</summary>
                <pre class="call-outcome__value">
                    <LongText text=full />
                </pre>
            </details>
        }
        .into_any()
    } else {
        view! { <span class="call-outcome__value">{field.value.display()}</span> }.into_any()
    };
    view! {
        <tr>
            <th scope="row" title=field.name>
                {label}
            </th>
            <td>{value}</td>
        </tr>
    }
}
