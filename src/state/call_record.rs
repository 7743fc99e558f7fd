//! One call record, fetched in full for the record page.

use leptos::prelude::*;

use std::sync::Arc;

use crate::api::ApiError;
use crate::domain::{CallRecord, Turn};

/// A fetched record, cheap to clone: awaiting a resource clones its value, and a record of 50,000
/// turns copied whole cost tens of milliseconds of the task that draws it.
#[derive(Clone)]
pub struct LoadedRecord {
    /// Everything but the turns.
    pub head: Arc<CallRecord>,
    pub turns: Arc<Vec<Turn>>,
}

impl LoadedRecord {
    fn new(mut record: CallRecord) -> Self {
        let turns = Arc::new(std::mem::take(&mut record.transcript.turns));
        LoadedRecord {
            head: Arc::new(record),
            turns,
        }
    }
}

/// The record of the call `call_id` (opened from `campaign_id`), fetched again when the ID changes.
pub fn use_call_record(
    call_id: Memo<String>,
    campaign_id: Memo<String>,
) -> LocalResource<Result<LoadedRecord, ApiError>> {
    let api = super::use_api();
    // The request for the call on screen, by call ID. A resource runs its fetches one after another, so
    // a request that hangs would hold up the next call opened: it is aborted as soon as the reader moves
    // on, and whenever the page goes away.
    let in_flight = StoredValue::new_local(None::<(String, web_sys::AbortController)>);
    let abort_unless = move |keep: Option<&str>| {
        in_flight.try_update_value(|held| {
            if held
                .as_ref()
                .is_some_and(|(id, _)| Some(id.as_str()) != keep)
            {
                if let Some((_, controller)) = held.take() {
                    controller.abort();
                }
            }
        });
    };
    Effect::new(move |_| call_id.with(|id| abort_unless(Some(id))));
    on_cleanup(move || abort_unless(None));
    LocalResource::new(move || {
        let id = call_id.get();
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(web_sys::AbortController::signal);
        abort_unless(None);
        in_flight.try_update_value(|held| *held = controller.map(|c| (id.clone(), c)));
        // No ID: the route is on its way out; nothing to ask for.
        let request =
            (!id.is_empty()).then(|| api.call(&id, Some(campaign_id.get_untracked()), signal));
        async move {
            match request {
                Some(request) => request.await.map(LoadedRecord::new),
                None => Err(ApiError::Aborted),
            }
        }
    })
}
