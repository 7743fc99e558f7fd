//! Auto-advance: when a recording ends, the next call of the list's view (its filters and order, as
//! shown) that has a recording opens and plays.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{CampaignContext, ListContext};
use crate::components::AutoAdvance;
use crate::domain::playback::player::next_with_recording;
use crate::routes;
use crate::state::{use_playback, CampaignCalls};

/// Opens the call after `call_id` in the list's view; at the end of the view it stops and says so.
pub fn use_auto_advance(call_id: Memo<String>) -> Option<AutoAdvance> {
    let list = use_context::<ListContext>()?;
    let calls = use_context::<CampaignCalls>()?;
    let campaign = use_context::<CampaignContext>()?;
    let playback = use_playback();
    let navigate = use_navigate();
    let note = RwSignal::new(None::<String>);
    // A note belongs to the call it was said on.
    Effect::new(move |_| {
        call_id.track();
        note.set(None);
    });
    let next = Callback::new(move |()| {
        let rows = list.rows.get_untracked();
        let id = call_id.get_untracked();
        let next = calls
            .read_untracked(|store| {
                let current = store.position_of(&id);
                let next = next_with_recording(&rows, current, |i| store.has_recording(i))?;
                store.get(next).map(|c| c.id.to_owned())
            })
            .flatten();
        match next {
            Some(next) => {
                playback.play_on_open.set(true);
                let query = list.view.query.get_untracked();
                navigate(
                    &format!(
                        "{}{query}",
                        routes::call(&campaign.id.get_untracked(), &next)
                    ),
                    Default::default(),
                );
            }
            None => note.set(Some(
                "Auto-advance stopped: no later call with a recording in this view.".to_owned(),
            )),
        }
    });
    Some(AutoAdvance {
        next,
        note: note.into(),
    })
}
