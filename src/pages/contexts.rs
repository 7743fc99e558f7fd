//! What the campaign page shares with the pages and panes inside it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::list::trends::Trends;
use crate::domain::list::view::Breakdown;
use crate::hooks::UseViewStateReturn;

/// The campaign open in the records view, for the call page inside it.
#[derive(Clone, Copy)]
pub struct CampaignContext {
    pub id: Memo<String>,
    /// The name once known, else the ID.
    pub name: Signal<String>,
    /// The campaign record says it is a chat campaign (it has no calls to list).
    pub chat: Signal<bool>,
}

/// What the list shows, for the overview beside it.
#[derive(Clone, Copy)]
pub struct ListContext {
    pub rows: Memo<Arc<Vec<u32>>>,
    /// Calls in the store: counted from it, as the list is, so "shown of all" agrees while calls arrive.
    pub stored: Memo<usize>,
    pub breakdown: Signal<Breakdown>,
    /// Calls per day and the view's figures.
    pub trends: Signal<Trends>,
    pub view: UseViewStateReturn,
    /// The review queue, when the view has one.
    pub queue: Memo<super::campaign_list::QueueResult>,
}
