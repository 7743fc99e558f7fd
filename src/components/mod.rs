//! Components, one per file, each named after what it shows, in a folder per part of the UI: `shell`
//! (the frame), `list` (a campaign's calls), `record` (one call), `player` (its recording), `review` (a reviewer's marks) and `common`.
//! Pages import them from here; inside, imports run one way (see each folder's `mod.rs`).

pub mod common;
pub mod list;
pub mod player;
pub mod record;
pub mod review;
pub mod shell;

pub use common::*;
pub use list::*;
pub use player::*;
pub use record::*;
pub use review::*;
pub use shell::*;
