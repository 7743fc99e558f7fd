//! A reviewer's marks on the open call: the review panel (verdict, reviewed, tags, notes at a moment)
//! and its keys. Imports `common` only; the record places it beside the player.

mod note_list;
mod review_panel;
mod tag_editor;

pub use review_panel::{ReviewPanel, ReviewPanelProps};
