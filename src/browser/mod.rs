//! Small reads of the browser that are not hooks (they hold nothing and need no cleanup).

mod local_time;

pub use local_time::{local_date_time, local_offset_on, local_short};
