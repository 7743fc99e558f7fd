use leptos::html::Input;
use leptos::prelude::*;

use crate::domain::review::marks::clean_tag;
use crate::domain::review::CallMarks;
use crate::state::use_campaign_marks;

/// The call's tags, each removable, and a field to add one, suggesting the tags the campaign uses.
#[component]
pub fn TagEditor(
    marks: Memo<CallMarks>,
    /// The field, for the `t` key.
    input: NodeRef<Input>,
    /// Called with the new list of tags.
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let suggestions = Memo::new(move |_| {
        use_campaign_marks()
            .map(|m| {
                m.marks
                    .with(|all| crate::domain::review::filter::tags_in_use(all.values()))
            })
            .unwrap_or_default()
    });
    let draft = RwSignal::new(String::new());
    let add = move || {
        let Some(tag) = clean_tag(&draft.get_untracked()) else {
            return;
        };
        let mut tags = marks.with_untracked(|m| m.tags().to_vec());
        if !tags.contains(&tag) {
            tags.push(tag);
            on_change.run(tags);
        }
        draft.set(String::new());
    };
    let remove = move |tag: String| {
        let tags: Vec<String> =
            marks.with_untracked(|m| m.tags().iter().filter(|t| **t != tag).cloned().collect());
        on_change.run(tags);
    };
    let chips = move || {
        marks
            .with(|m| m.tags().to_vec())
            .into_iter()
            .map(|tag| {
                let label = format!("Remove tag {tag}");
                let remove_this = tag.clone();
                view! {
                    <li class="tag-chip">
                        <span>{tag}</span>
                        <button
                            type="button"
                            class="tag-chip__remove"
                            aria-label=label
                            on:click=move |_| remove(remove_this.clone())
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="tag-editor">
            <ul class="tag-editor__tags" aria-label="Tags">
                {chips}
            </ul>
            <form
                class="tag-editor__add"
                on:submit=move |ev| {
                    ev.prevent_default();
                    add();
                }
            >
                <label class="visually-hidden" for="tag-input">
                    "Add a tag"
                </label>
                <input
                    id="tag-input"
                    class="field__input tag-editor__input"
                    node_ref=input
                    list="tag-suggestions"
                    placeholder="Add a tag (t)"
                    autocomplete="off"
                    maxlength="60"
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            draft.set(String::new());
                            if let Some(input) = input.get_untracked() {
                                let _ = input.blur();
                            }
                        }
                    }
                />
                <datalist id="tag-suggestions">
                    {move || {
                        suggestions
                            .get()
                            .into_iter()
                            .map(|t| view! { <option value=t></option> })
                            .collect_view()
                    }}
                </datalist>
                <button type="submit" class="button button--small">
                    "Add"
                </button>
            </form>
        </div>
    }
}
