use leptos::prelude::*;

use crate::hooks::use_key_shortcuts;

/// Whether the keyboard shortcuts' dialog is open; provided once for the app, above the dialog and
/// every button that opens it.
#[derive(Clone, Copy)]
pub struct ShortcutsHelp(pub RwSignal<bool>);

impl ShortcutsHelp {
    pub fn provide() {
        provide_context(ShortcutsHelp(RwSignal::new(false)));
    }
}

/// Every shortcut, as the dialog lists them: keys and what they do.
pub const SHORTCUTS: [(&str, &str); 14] = [
    ("Space", "Play or pause the recording"),
    ("← / →", "Back or forward 5 seconds"),
    ("Shift + ← / →", "Previous or next turn"),
    ("< / >", "Slower or faster"),
    (
        "j / k",
        "Next or previous call in the list (in a review queue: not yet reviewed)",
    ),
    ("1 / 2 / 3", "Verdict: Good, Needs attention, Bad"),
    ("0", "Clear the verdict"),
    ("r", "Mark reviewed, or not"),
    ("t", "Add a tag"),
    ("n", "Write a note at the current moment"),
    ("Esc", "Close the call"),
    (
        "Tab to the timeline, then ← → Home End",
        "Move through the recording",
    ),
    ("Enter on a turn's time", "Play from that turn"),
    ("?", "Show this list"),
];

/// The list of keyboard shortcuts, in a modal dialog that `?` opens from anywhere (except while
/// typing). The browser's own `<dialog>` keeps focus inside it and closes it on Escape.
#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let open = use_context::<ShortcutsHelp>()
        .map(|ShortcutsHelp(open)| open)
        .unwrap_or_else(|| RwSignal::new(false));
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    use_key_shortcuts(move |event| {
        if event.key() == "?" {
            open.set(true);
            return true;
        }
        false
    });
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else {
            return;
        };
        if open.get() && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !open.get() && dialog.open() {
            dialog.close();
        }
    });
    let rows = SHORTCUTS
        .iter()
        .map(|(keys, what)| {
            view! {
                <tr>
                    <th scope="row">
                        <kbd class="shortcuts-dialog__key">{*keys}</kbd>
                    </th>
                    <td>{*what}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <dialog
            class="shortcuts-dialog"
            node_ref=dialog
            aria-labelledby="shortcuts-title"
            on:close=move |_| open.set(false)
        >
            <div class="shortcuts-dialog__header">
                <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                <button
                    type="button"
                    class="button button--small button--ghost"
                    on:click=move |_| open.set(false)
                >
                    "Close"
                </button>
            </div>
            <table class="shortcuts-dialog__table">
                <tbody>{rows}</tbody>
            </table>
            <p class="shortcuts-dialog__note">
                "Shortcuts wait while you type in a field, and leave a focused control its own keys."
            </p>
        </dialog>
    }
}

/// Opens the shortcuts' dialog: for those who do not know `?` yet.
#[component]
pub fn ShortcutsButton() -> impl IntoView {
    let help = use_context::<ShortcutsHelp>();
    help.map(|ShortcutsHelp(open)| {
        view! {
            <button
                type="button"
                class="button button--small button--ghost shortcuts-dialog__open"
                aria-haspopup="dialog"
                on:click=move |_| open.set(true)
            >
                "Shortcuts "
                <kbd class="shortcuts-dialog__key" aria-hidden="true">
                    "?"
                </kbd>
            </button>
        }
    })
}
