//! The store of a campaign's calls and finding them: entries and their bytes, the inverted index, its
//! postings and word tables, bitsets. Imports `records` and `text`.

pub mod bitset;
pub mod bytes;
pub mod facts;
pub mod index;
pub mod kept;
pub mod postings;
pub mod store;
pub mod store_entry;
pub mod word_table;
