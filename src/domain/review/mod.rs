//! A reviewer's marks on calls: verdicts, tags, notes at a moment, the reviewed flag; how two sets of
//! marks merge; the file they are shared in; the seeded review queue; the list's review filters; and the
//! store they live in, behind one small interface. Imports `records` and `text`.

pub mod filter;
pub mod marks;
pub mod marks_file;
pub mod queue;
pub mod store;

pub use marks::{CallMarks, Edit, Note, Stamp, Stamped, Verdict};
