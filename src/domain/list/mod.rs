//! What the list shows: the view (filters, sort, search) and its URL form, the virtual list's maths, the
//! selection. Imports `search`, `loading` (the scope), `records`, `text` and `review` (its filters).

pub mod list_window;
pub mod selection;
pub mod view;
