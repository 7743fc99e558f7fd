//! The root component: reads `config.json`, provides the settings, and declares the routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::{AppHeader, NotFound, SettingsPanel, ShortcutsDialog, ShortcutsHelp};
use crate::config::Config;
use crate::pages::{CallPage, CampaignPage, CampaignsPage, NoCallSelected};
use crate::state::{provide_playback, provide_review_store, provide_settings};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(|| async {
        let config = crate::state::load_config().await;
        // The preloaded file is often there at once, and then the app's start and the first page's
        // render made one 90–200 ms task (in traces): the shell is built in a task of its own.
        crate::api::pause::next_task().await;
        config
    });
    // Deliberately not a <Suspense>: every resource read below it, outside a nearer boundary, would
    // register with it and blank the whole app while that one request loads.
    move || match config.get() {
        None => view! {
            <div class="app-loading" role="status">
                "Loading Call Records…"
            </div>
        }
        .into_any(),
        Some((config, problem)) => {
            view! { <Shell config=config config_problem=problem /> }.into_any()
        }
    }
}

/// The app once its configuration is known.
#[component]
fn Shell(
    /// Where records come from, and the requests' time limit.
    config: Config,
    /// Why `config.json` was not used, if it was not.
    config_problem: Option<String>,
) -> impl IntoView {
    let source = config.source.clone();
    provide_settings(config, config_problem);
    provide_playback();
    provide_review_store(&source);
    ShortcutsHelp::provide();
    // Each page builds its view in the task after the frame around it (see `use_next_task`).
    view! {
        <Router>
            <ExactLinks />
            <AppHeader />
            <SettingsPanel />
            <ShortcutsDialog />
            <main id="main">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/campaigns" /> } />
                    <Route path=path!("/campaigns") view=CampaignsPage />
                    <ParentRoute path=path!("/campaigns/:campaign_id") view=CampaignPage>
                        <Route path=path!("") view=NoCallSelected />
                        <Route path=path!("calls/:call_id") view=CallPage />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}

/// Follows links to IDs with reserved characters as written (see `use_exact_links`).
#[component]
fn ExactLinks() -> impl IntoView {
    crate::hooks::use_exact_links();
}
