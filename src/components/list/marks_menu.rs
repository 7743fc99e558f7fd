use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::browser::today_utc;
use crate::domain::text::file_name::FileNamePart;
use crate::hooks::save_text_file_said;
use crate::state::{use_campaign_marks, use_review_store};

/// Review marks as files: export this campaign's or every campaign's, import one (merged, with a
/// summary of what changed); on the demo, its bundled sample marks.
#[component]
pub fn MarksMenu(
    /// The campaign, for the file name.
    #[prop(into)]
    campaign_name: Signal<String>,
    /// Where the demo's sample marks are, on the demo.
    #[prop(default = None)]
    demo_marks: Option<String>,
) -> impl IntoView {
    let (Some(marks), Some(store)) = (use_campaign_marks(), use_review_store()) else {
        return ().into_any();
    };
    let message = RwSignal::new(None::<(bool, String)>);
    let menu = NodeRef::<leptos::html::Details>::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let close = move || {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    let save = move |json: String, what: &str| {
        let name = FileNamePart {
            replacement: '-',
            trim: true,
            max_chars: 80,
        }
        .apply(what)
        .unwrap_or_else(|| "campaign".to_owned());
        let file = format!("marks-{name}-{}.json", today_utc());
        let saved = format!("Saved the marks as {file}.");
        message.set(Some(save_text_file_said(
            &json,
            &file,
            "application/json",
            saved,
        )));
    };
    let export_this = move |_| {
        close();
        let file = marks.export();
        let calls = file.campaigns.first().map_or(0, |c| c.calls.len());
        if calls == 0 {
            message.set(Some((
                true,
                "This campaign has no marks to export yet.".to_owned(),
            )));
            return;
        }
        save(file.to_json(), &campaign_name.get_untracked());
    };
    let export_all = move |_| {
        close();
        spawn_local(async move {
            match store.export_all().await {
                Ok(file) if file.campaigns.is_empty() => message.set(Some((
                    true,
                    "No campaign has marks to export yet.".to_owned(),
                ))),
                Ok(file) => save(file.to_json(), "all-campaigns"),
                Err(error) => message.set(Some((true, error.to_string()))),
            }
        });
    };
    let import_text = move |text: String| {
        spawn_local(async move {
            let outcome = marks.import(&text).await;
            message.try_set(Some(match outcome {
                Ok(said) => (false, said),
                Err(why) => (true, why),
            }));
        });
    };
    let on_file = move |ev: web_sys::Event| {
        close();
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if let Some(input) = &input {
            // The same file can be chosen again.
            input.set_value("");
        }
        spawn_local(async move {
            match JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
            {
                Some(text) => import_text(text),
                None => message.set(Some((
                    true,
                    "The file could not be read. Choose it again.".to_owned(),
                ))),
            }
        });
    };
    let load_demo = move |url: String| {
        close();
        spawn_local(async move {
            let text = match gloo_net::http::Request::get(&url).send().await {
                Ok(response) if response.ok() => response.text().await.ok(),
                _ => None,
            };
            match text {
                Some(text) => import_text(text),
                None => message.set(Some((
                    true,
                    "The demo's sample marks could not be loaded. Reload the page and try again."
                        .to_owned(),
                ))),
            }
        });
    };
    view! {
        <details class="marks-menu" node_ref=menu>
            <summary class="button button--small" title="Share review marks as a file">
                "Marks"
            </summary>
            <div class="export__menu">
                <button type="button" class="export__item" on:click=export_this>
                    "Export this campaign's marks"
                </button>
                <button type="button" class="export__item" on:click=export_all>
                    "Export every campaign's marks"
                </button>
                <button
                    type="button"
                    class="export__item"
                    on:click=move |_| {
                        if let Some(input) = file_input.get_untracked() {
                            input.click();
                        }
                    }
                >
                    "Import marks…"
                </button>
                {demo_marks
                    .map(|url| {
                        view! {
                            <button
                                type="button"
                                class="export__item"
                                on:click=move |_| load_demo(url.clone())
                            >
                                "Import the demo's sample marks"
                            </button>
                        }
                    })}
            </div>
            <input
                type="file"
                accept=".json,application/json"
                class="visually-hidden"
                tabindex="-1"
                aria-label="Import marks"
                node_ref=file_input
                on:change=on_file
            />
        </details>
        {move || {
            message
                .get()
                .map(|(failed, text)| {
                    view! {
                        <p class="export__message" class:export__message--error=failed role="status">
                            {text}
                            " "
                            <button
                                type="button"
                                class="button button--ghost button--small"
                                on:click=move |_| message.set(None)
                            >
                                "Dismiss"
                            </button>
                        </p>
                    }
                })
        }}
    }
    .into_any()
}
