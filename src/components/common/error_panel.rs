use leptos::prelude::*;

use crate::state::use_settings;
use crate::state::{ApiError, ErrorText};

/// A failed request, said plainly, with what to do next. Confined to its own panel.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: ApiError,
    /// What could not be loaded, as a phrase: "this campaign's calls".
    #[prop(into)]
    what: String,
    /// Runs the request again; shown as a button when given.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let settings = use_settings();
    let text = ErrorText::new(&error, &what);
    let key_problem = matches!(error, ApiError::Unauthorized | ApiError::MissingKey);
    // The client only reports a refused key; where it is shown, Settings opens and says so.
    if error == ApiError::Unauthorized {
        Effect::new(move |_| settings.report_key_refused());
    }
    view! {
        <div class="error-panel" role="alert">
            <p class="error-panel__title">{text.title}</p>
            <p class="error-panel__detail">{text.detail}</p>
            <div class="error-panel__actions">
                {key_problem
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button--primary"
                                on:click=move |_| settings.panel_open.set(true)
                            >
                                "Open settings"
                            </button>
                        }
                    })}
                {on_retry
                    .map(|retry| {
                        view! {
                            <button type="button" class="button" on:click=move |_| retry.run(())>
                                "Try again"
                            </button>
                        }
                    })}
            </div>
        </div>
    }
}
