//! The list's filters, sort and search, read from and written to the URL query, so a link or a reload
//! shows the same view and Back steps through changes.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::domain::list::view::ViewState;
use crate::domain::search::index::SearchQuery;

/// What a change of the view does to the browser's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum History {
    /// A new entry, which Back undoes (a filter chosen).
    Push,
    /// The current entry rewritten (each keystroke of a search).
    Replace,
}

/// The longest a change waits for the page to rest before the URL says it.
const URL_WRITE_LIMIT_MS: u32 = 200;

/// The current view and a way to change it. Copy it freely.
#[derive(Clone, Copy)]
pub struct UseViewStateReturn {
    pub state: Memo<ViewState>,
    /// The query string of the view (`?...`, or empty), for links that keep it.
    pub query: Memo<String>,
    /// The search, parsed once for every row and the open record.
    pub search: Memo<SearchQuery>,
    /// A change shown before the URL says it (see [`UseViewStateReturn::set`]).
    pending: RwSignal<Option<(ViewState, History)>>,
    /// Which change the next URL write is for; an older write is dropped.
    generation: StoredValue<u64>,
    navigate: Callback<(String, History)>,
    pathname: Memo<String>,
    /// The URL's query as it is now.
    url_query: Memo<String>,
}

impl UseViewStateReturn {
    /// Shows `state` at once, and writes it to the URL once the browser has painted it and rests: the
    /// router's navigation and everything that reads the location then wait until the list is on screen
    /// and nothing else is asked. Changes made before then share one history entry.
    pub fn set(&self, state: ViewState, history: History) {
        // A push among the changes of one frame keeps its entry.
        let history = match self.pending.get_untracked() {
            Some((_, History::Push)) => History::Push,
            _ => history,
        };
        self.pending.set(Some((state, history)));
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let this = *self;
        // After the paint, and then when the page is idle: a reviewer going through filters quickly
        // never waits for the router, and changes made before the page rests share one entry.
        crate::browser::after_paint(move || {
            crate::browser::when_idle(move || this.write_url(generation), URL_WRITE_LIMIT_MS)
        });
    }

    fn write_url(&self, generation: u64) {
        if self.generation.try_get_value() != Some(generation) {
            return;
        }
        let Some(Some((state, history))) = self.pending.try_get_untracked() else {
            return;
        };
        let path = self.pathname.get_untracked();
        let href = format!("{path}{}", state.to_query());
        // Already there (a link that carried the new query was followed meanwhile): nothing to write.
        let here = self.url_query.with_untracked(|q| ViewState::from_query(q)) == state;
        if here {
            self.pending.set(None);
            return;
        }
        self.navigate.run((href, history));
    }

    /// Changes one part of the view.
    pub fn update(&self, history: History, change: impl FnOnce(&mut ViewState)) {
        let mut state = self.state.get_untracked();
        change(&mut state);
        self.set(state, history);
    }
}

/// Reads the view from the URL. Call once per page and share the handle through context.
pub fn use_view_state() -> UseViewStateReturn {
    let location = use_location();
    let search_text = location.search;
    let pending = RwSignal::new(None::<(ViewState, History)>);
    // The URL changed (written by us, or Back and Forward): it is the view again.
    Effect::new(move |previous: Option<()>| {
        search_text.track();
        location.pathname.track();
        if previous.is_some() {
            pending.set(None);
        }
    });
    let state = Memo::new(move |_| match pending.get() {
        Some((state, _)) => state,
        None => search_text.with(|q| ViewState::from_query(q)),
    });
    let query = Memo::new(move |_| state.with(ViewState::to_query));
    let search = Memo::new(move |_| state.with(|s| SearchQuery::parse(&s.search)));
    let navigate = use_navigate();
    let navigate = Callback::new(move |(href, history): (String, History)| {
        navigate(
            &href,
            NavigateOptions {
                replace: history == History::Replace,
                scroll: false,
                ..Default::default()
            },
        )
    });
    UseViewStateReturn {
        state,
        query,
        search,
        pending,
        generation: StoredValue::new(0),
        navigate,
        pathname: location.pathname,
        url_query: search_text,
    }
}
