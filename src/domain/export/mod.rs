//! Files to take away: the CSV of a view (with its review columns) and a recording's download name.
//! Imports `search`, `records`, `text` and `review`.

pub mod csv;
pub mod download;
