use leptos::html::{Input, Textarea};
use leptos::prelude::*;

use super::note_list::NoteList;
use super::tag_editor::TagEditor;
use crate::browser::local_short;
use crate::domain::review::{CallMarks, Edit, Verdict};
use crate::domain::Timestamp;
use crate::hooks::use_key_shortcuts;
use crate::state::{use_campaign_marks, use_playback};

/// The reviewer's marks on one call: a verdict (`1` `2` `3`, `0` clears), reviewed (`r`), tags (`t`)
/// and notes, pinned to the player's moment (`n`). Every change is saved at once; a store that cannot
/// save says so here and the page goes on.
#[component]
pub fn ReviewPanel(
    /// The call reviewed.
    call_id: String,
    /// The player's position, in seconds: where a new note is pinned.
    #[prop(into)]
    position: Signal<f64>,
    /// Whether the call has a recording to pin notes to.
    can_pin: bool,
    /// Moves the player to a note's moment.
    #[prop(default = None)]
    on_seek: Option<Callback<f64>>,
    /// Opens the next call of the view (for "Verdict and next").
    #[prop(default = None)]
    on_next: Option<Callback<()>>,
) -> impl IntoView {
    let Some(campaign_marks) = use_campaign_marks() else {
        return ().into_any();
    };
    let store = campaign_marks.store;
    let prefs = use_playback().prefs;
    let id = StoredValue::new(call_id);
    let marks: Memo<CallMarks> = Memo::new(move |_| {
        id.with_value(|id| campaign_marks.of(id))
            .unwrap_or_default()
    });
    let edit = move |edit: Edit| id.with_value(|id| campaign_marks.edit(id, edit));
    let give_verdict = move |verdict: Option<Verdict>| {
        let same = marks.with_untracked(|m| m.verdict()) == verdict;
        if !same {
            edit(Edit::Verdict(verdict));
        }
        if verdict.is_some() && prefs.get_untracked().verdict_next {
            if let Some(next) = on_next {
                next.run(());
            }
        }
    };
    let tag_input = NodeRef::<Input>::new();
    let note_input = NodeRef::<Textarea>::new();
    use_key_shortcuts(move |event| {
        let focus = |el: Option<web_sys::HtmlElement>| {
            if let Some(el) = el {
                let _ = el.focus();
            }
        };
        match event.key().as_str() {
            "1" => give_verdict(Some(Verdict::Good)),
            "2" => give_verdict(Some(Verdict::NeedsAttention)),
            "3" => give_verdict(Some(Verdict::Bad)),
            "0" => give_verdict(None),
            "r" | "R" => edit(Edit::Reviewed(
                !marks.with_untracked(CallMarks::is_reviewed),
            )),
            "t" | "T" => focus(tag_input.get_untracked().map(Into::into)),
            "n" | "N" => focus(note_input.get_untracked().map(Into::into)),
            _ => return false,
        }
        true
    });

    let verdict_buttons = Verdict::ALL
        .into_iter()
        .map(|v| {
            let pressed = move || marks.with(|m| m.verdict() == Some(v));
            view! {
                <button
                    type="button"
                    class=format!("verdict-button verdict-button--{}", v.slug())
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    aria-keyshortcuts=v.key().to_string()
                    on:click=move |_| give_verdict(if pressed() { None } else { Some(v) })
                >
                    {v.label()}
                    <kbd aria-hidden="true">{v.key().to_string()}</kbd>
                </button>
            }
        })
        .collect_view();
    let reviewed = move || marks.with(CallMarks::is_reviewed);
    let stamp = move || {
        marks.with(|m| {
            let (by, at) = m.last_change()?;
            Some(format!(
                "Last change by {by}, {}",
                local_short(Timestamp(at))
            ))
        })
    };
    let unnamed = move || store.reviewer.with(|r| r.trim().is_empty());
    let problem = move || store.problem.get().map(|p| p.to_string());
    let verdict_next = move || prefs.with(|p| p.verdict_next);
    view! {
        <section class="review-panel" aria-labelledby="review-heading">
            <div class="review-panel__head">
                <h3 id="review-heading">"Review"</h3>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=reviewed
                        aria-keyshortcuts="r"
                        on:change=move |ev| edit(Edit::Reviewed(event_target_checked(&ev)))
                    />
                    "Reviewed"
                    <kbd aria-hidden="true">"r"</kbd>
                </label>
            </div>
            <div class="review-panel__verdicts" role="group" aria-label="Verdict">
                {verdict_buttons}
            </div>
            <TagEditor
                marks=marks
                input=tag_input
                on_change=Callback::new(move |tags| edit(Edit::Tags(tags)))
            />
            <NoteList
                marks=marks
                input=note_input
                position=position
                can_pin=can_pin
                on_seek=on_seek
                on_add=Callback::new(move |(text, moment)| edit(Edit::AddNote { text, moment }))
                on_delete=Callback::new(move |id| edit(Edit::DeleteNote { id }))
            />
            <div class="review-panel__foot">
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=verdict_next
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            prefs.update(|p| p.verdict_next = on);
                        }
                    />
                    "Verdict and next"
                </label>
                <span class="review-panel__stamp">{stamp}</span>
            </div>
            <Show when=unnamed>
                <p class="review-panel__hint">
                    "Marks are signed “Unnamed reviewer”. Set your name in Settings so your team sees who reviewed."
                </p>
            </Show>
            {move || {
                problem()
                    .map(|p| {
                        view! {
                            <p class="banner banner--error review-panel__problem" role="alert">
                                {p}
                            </p>
                        }
                    })
            }}
        </section>
    }
    .into_any()
}
