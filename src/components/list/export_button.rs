use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::export::csv::{calls_csv, csv_file_name};
use crate::domain::records::campaign::format_count;
use crate::hooks::save_text_file;
use crate::state::use_campaign_calls;

/// Saves exactly the rows the view shows as a CSV file, made in the page.
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
    let message = RwSignal::new(None::<(bool, String)>);
    let menu = NodeRef::<leptos::html::Details>::new();
    let export = move |with_transcripts: bool| {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
        let rows = rows.get_untracked();
        let Some(csv) = calls.read_untracked(|store| calls_csv(store, &rows, with_transcripts))
        else {
            return;
        };
        let today = js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default()
            .chars()
            .take(10)
            .collect::<String>();
        let name = csv_file_name(&campaign_name.get_untracked(), &today);
        message.set(Some(match save_text_file(&csv, &name, "text/csv;charset=utf-8") {
            Ok(()) => (false, format!("Saved {} rows as {name}.", format_count(rows.len() as u64))),
            Err(_) => (
                true,
                "The browser refused to save the file. Allow downloads for this site, then try again.".to_owned(),
            ),
        }));
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
