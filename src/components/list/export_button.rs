use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::today_utc;
use crate::domain::export::csv::{calls_csv_with, csv_file_name};
use crate::domain::records::campaign::format_count;
use crate::hooks::save_text_file_said;
use crate::state::{use_campaign_calls, use_campaign_marks};

/// Saves exactly the rows the view shows as a CSV file, made in the page, with their review marks.
#[component]
pub fn ExportButton(
    /// Store numbers of the rows shown, in order.
    #[prop(into)]
    rows: Signal<Arc<Vec<u32>>>,
    /// The campaign, for the file name.
    #[prop(into)]
    campaign_name: Signal<String>,
) -> impl IntoView {
    let calls = use_campaign_calls();
    let marks = use_campaign_marks();
    let message = RwSignal::new(None::<(bool, String)>);
    let menu = NodeRef::<leptos::html::Details>::new();
    let export = move |with_transcripts: bool| {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
        let rows = rows.get_untracked();
        // With the review's columns, from the campaign's marks as they are now.
        let all_marks = marks.map(|m| m.marks.get_untracked()).unwrap_or_default();
        let marks_of = |id: &str| all_marks.get(id).cloned();
        let Some(csv) =
            calls.read_untracked(|store| calls_csv_with(store, &rows, with_transcripts, &marks_of))
        else {
            return;
        };
        let name = csv_file_name(&campaign_name.get_untracked(), &today_utc());
        let saved = format!("Saved {} rows as {name}.", format_count(rows.len() as u64));
        message.set(Some(save_text_file_said(
            &csv,
            &name,
            "text/csv;charset=utf-8",
            saved,
        )));
    };
    let count = move || format_count(rows.with(|r| r.len()) as u64);
    view! {
        <details class="export" node_ref=menu>
            <summary class="button button--small" title="Save the calls shown as a CSV file">
                "Export"
            </summary>
            <div class="export__menu">
                <button
                    type="button"
                    class="export__item"
                    on:click=move |_| export(false)
                    disabled=move || rows.with(|r| r.is_empty())
                >
                    {move || format!("CSV of the {} calls shown", count())}
                </button>
                <button
                    type="button"
                    class="export__item"
                    on:click=move |_| export(true)
                    disabled=move || rows.with(|r| r.is_empty())
                >
                    "CSV with transcripts"
                </button>
            </div>
        </details>
        {move || {
            message
                .get()
                .map(|(failed, text)| {
                    view! {
                        <p class="export__message" class:export__message--error=failed role="status">{text}</p>
                    }
                })
        }}
    }
}
