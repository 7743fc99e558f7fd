//! The list's filters, sort and search, read from and written to the URL query, so a link or a reload
//! shows the same view and Back steps through changes.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::domain::search::SearchQuery;
use crate::domain::view::ViewState;

/// What a change of the view does to the browser's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum History {
    /// A new entry, which Back undoes (a filter chosen).
    Push,
    /// The current entry rewritten (each keystroke of a search).
    Replace,
}

/// The current view and a way to change it. Copy it freely.
#[derive(Clone, Copy)]
pub struct UseViewStateReturn {
    pub state: Memo<ViewState>,
    /// The query string of the view (`?...`, or empty), for links that keep it.
    pub query: Memo<String>,
    /// The search, parsed once for every row and the open record.
    pub search: Memo<SearchQuery>,
    navigate: Callback<(String, History)>,
    pathname: Memo<String>,
}

impl UseViewStateReturn {
    /// Shows `state`.
    pub fn set(&self, state: ViewState, history: History) {
        let path = self.pathname.get_untracked();
        self.navigate
            .run((format!("{path}{}", state.to_query()), history));
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
    let state = Memo::new(move |_| search_text.with(|q| ViewState::from_query(q)));
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
        navigate,
        pathname: location.pathname,
    }
}
