use leptos::prelude::*;

use crate::components::common::{Highlighted, LongText};
use crate::domain::records::collected::field_label;
use crate::domain::records::time::format_duration;
use crate::domain::records::tool_call::{Arguments, ToolCall};
use crate::domain::search::index::SearchQuery;

/// A tool the agent called, at its turn: the tool's name, its arguments (a table when they are a JSON
/// object), its result and how long it took. Folded in a long call, unless the search finds it.
pub fn tool_call_card(call: ToolCall, open: bool, search: Signal<SearchQuery>) -> impl IntoView {
    let ToolCall {
        name,
        arguments,
        result,
        took_seconds,
        ..
    } = call;
    let searched = argument_words(&name, &arguments);
    let found = search.with_untracked(|q| !q.is_empty() && !q.highlights(&searched).is_empty());
    let took = took_seconds.map(|s| {
        view! { <span class="tool-call__took">{format!("took {}", took_label(s))}</span> }
    });
    let name_marks = search.with_untracked(|q| q.highlights(&name));
    let result = match result {
        Some(result) if !result.trim().is_empty() => view! {
            <pre class="tool-call__result">
                <LongText text=result search=search />
            </pre>
        }
        .into_any(),
        Some(_) => view! { <p class="tool-call__none">"The tool returned nothing."</p> }.into_any(),
        None => view! { <p class="tool-call__none">"No result was recorded."</p> }.into_any(),
    };
    view! {
        <details class="tool-call" open=open || found>
            <summary class="tool-call__summary">
                <span class="tool-call__kind">"Tool call"</span>
                <code class="tool-call__name">
                    <Highlighted text=name marks=name_marks />
                </code>
                {took}
            </summary>
            <div class="tool-call__body">
                <h4 class="tool-call__label">"Arguments"</h4>
                {arguments_view(arguments, search)}
                <h4 class="tool-call__label">"Result"</h4>
                {result}
            </div>
        </details>
    }
}

fn arguments_view(arguments: Arguments, search: Signal<SearchQuery>) -> AnyView {
    match arguments {
        Arguments::None => view! { <p class="tool-call__none">"No arguments."</p> }.into_any(),
        Arguments::Fields(fields) => view! {
            <table class="tool-call__args">
                <tbody>
                    {fields
                        .into_iter()
                        .map(|field| {
                            let value = field.value.display();
                            let marks = search.with_untracked(|q| q.highlights(&value));
                            view! {
                                <tr>
                                    <th scope="row" title=field.name.clone()>
                                        {field_label(&field.name)}
                                    </th>
                                    <td>
                                        <Highlighted text=value marks=marks />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        Arguments::Json(text) | Arguments::Text(text) => view! {
            <pre class="tool-call__result">
                <LongText text=text search=search />
            </pre>
        }
        .into_any(),
    }
}

/// The words a search finds the card by: the tool's name and its argument values.
fn argument_words(name: &str, arguments: &Arguments) -> String {
    let mut words = name.to_owned();
    match arguments {
        Arguments::Fields(fields) => {
            for field in fields {
                words.push(' ');
                words.push_str(&field.value.display());
            }
        }
        Arguments::Json(text) | Arguments::Text(text) => {
            words.push(' ');
            words.push_str(text);
        }
        Arguments::None => {}
    }
    words
}

fn took_label(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.0} ms", seconds * 1000.0)
    } else if seconds < 10.0 {
        format!("{seconds:.1} s")
    } else {
        format_duration(seconds)
    }
}
