use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::use_settings;

/// The bar at the top: product name, where the data comes from, and settings.
#[component]
pub fn AppHeader() -> impl IntoView {
    let settings = use_settings();
    let source = settings.source();
    let source_label = if source.is_demo() {
        "Demo data".to_owned()
    } else {
        format!("API: {}", host_of(source.base()))
    };
    let source_class = if source.is_demo() {
        "app-header__source app-header__source--demo"
    } else {
        "app-header__source"
    };
    let needs_key = source.needs_key();
    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <header class="app-header">
            <A href=crate::routes::campaigns() exact=true attr:class="app-header__brand">
                <svg class="app-header__logo" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="8" fill="var(--accent)" />
                    <path
                        d="M9 20v-8M13 23V9M17 19v-6M21 22V10M25 18v-4"
                        stroke="var(--surface)"
                        stroke-width="2.5"
                        stroke-linecap="round"
                    />
                </svg>
                "Call Records"
            </A>
            <span class=source_class>{source_label}</span>
            <span class="app-header__spacer"></span>
            {move || {
                (needs_key && !settings.has_key())
                    .then(|| view! { <span class="app-header__warning">"No API key"</span> })
            }}
            <button
                type="button"
                class="button app-header__settings"
                aria-haspopup="dialog"
                aria-expanded=move || settings.panel_open.get().to_string()
                on:click=move |_| settings.panel_open.update(|open| *open = !*open)
            >
                "Settings"
            </button>
        </header>
        {settings
            .config_problem()
            .map(|problem| {
                view! {
                    <div class="banner banner--warning" role="status">
                        "Showing the demo because "
                        {problem}
                        ". Fix config.json to use the Atlas API."
                    </div>
                }
            })}
    }
}

/// The host of a URL for display; a relative base (a same-origin proxy) is shown as is.
fn host_of(base: &str) -> &str {
    base.split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or(base)
}
