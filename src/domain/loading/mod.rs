//! Loading a campaign's calls: which window next, the load as a state machine, the scope, the account of
//! what came. Imports `records` only.

pub mod load_plan;
pub mod loader;
pub mod scope;
pub mod tally;
