use leptos::prelude::*;
use leptos_router::components::A;

/// A path the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page page--centered">
            <h1>"Page not found"</h1>
            <p>
                "This address doesn't match any page. It may be mistyped or from an older version."
            </p>
            <A href=crate::routes::campaigns() attr:class="button button--primary">
                "Go to campaigns"
            </A>
        </section>
    }
}
