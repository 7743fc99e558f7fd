//! Text from outside made safe to show and use: cut at a character, folded into words, addresses
//! decoded and checked, file names. Imports nothing of the domain.

pub mod file_name;
pub mod long_text;
pub mod url;
pub mod words;
