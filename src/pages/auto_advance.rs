//! Auto-advance: when a recording ends, the next call of the list's view (its filters and order, as
//! shown) that has a recording opens and plays; in a review queue, the next one not yet reviewed.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{CampaignContext, ListContext};
use crate::components::AutoAdvance;
use crate::domain::playback::player::next_with_recording;
use crate::domain::review::queue::next_unreviewed;
use crate::routes;
use crate::state::{use_playback, CampaignCalls};

/// Opens the call after `call_id` in the list's view; at the end of the view it stops and says so.
pub fn use_auto_advance(call_id: Memo<String>) -> Option<AutoAdvance> {
    let list = use_context::<ListContext>()?;
    let calls = use_context::<CampaignCalls>()?;
    let campaign = use_context::<CampaignContext>()?;
    let playback = use_playback();
    let marks = crate::state::use_campaign_marks();
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
        let in_queue = list.view.state.with_untracked(|s| s.queue.is_some());
        let reviewed = |call: &str| {
            marks.is_some_and(|m| {
                m.marks
                    .with_untracked(|all| all.get(call).is_some_and(|c| c.is_reviewed()))
            })
        };
        let next = calls
            .read_untracked(|store| {
                let current = store.position_of(&id);
                let id_of = |i: u32| store.get(i).map(|c| c.id.to_owned());
                // In a queue: the next call not yet reviewed that has a recording, round the queue.
                let unreviewed = in_queue
                    .then(|| {
                        let at = current.and_then(|c| rows.iter().position(|&r| r == c));
                        let done = |i: u32| {
                            Some(i) == current
                                || !store.has_recording(i)
                                || id_of(i).is_none_or(|call| reviewed(&call))
                        };
                        next_unreviewed(&rows, at, true, done).and_then(|p| rows.get(p).copied())
                    })
                    .flatten();
                let next = unreviewed
                    .or_else(|| next_with_recording(&rows, current, |i| store.has_recording(i)))?;
                id_of(next)
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
