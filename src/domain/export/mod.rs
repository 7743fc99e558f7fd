//! Files to take away: the CSV of a view and a recording's download name. Imports `search`, `records`
//! and `text`.

pub mod csv;
pub mod download;
