//! A campaign's list of calls and its tools: the virtual list and its rows, search and filters, scope,
//! load progress, export, the end-reasons chart, the review queue and the marks' files. Imports `common` only.

mod breakdown_chart;
mod call_list;
mod call_list_slot;
mod export_button;
mod list_filters;
mod load_account;
mod load_progress;
mod marks_menu;
mod outcome_fields;
mod queue_bar;
pub mod record_row;
mod review_fields;
mod scope_control;
mod trends_chart;

pub use breakdown_chart::BreakdownChart;
pub use call_list::CallList;
pub use export_button::ExportButton;
pub use list_filters::{active_filters, FilterFields, SearchBar};
pub use load_account::LoadAccount;
pub use load_progress::LoadProgress;
pub use marks_menu::MarksMenu;
pub use queue_bar::{QueueBar, QueueStart};
pub use record_row::RecordRow;
pub use scope_control::{ScopeControl, ScopeWiden};
pub use trends_chart::{TrendsChart, TrendsShown};
