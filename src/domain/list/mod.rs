//! What the list shows: the view (filters, sort, search) and its URL form, the virtual list's maths, the
//! selection, the filter on a collected field, the trends over time. Imports `search`, `loading` (the scope), `records`, `text` and `review` (its filters).

pub mod field_filter;
pub mod list_window;
pub mod selection;
pub mod trends;
pub mod view;
