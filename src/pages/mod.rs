//! Pages: one per route. They fetch, and hand domain values to components.

mod auto_advance;
mod call;
mod campaign;
mod campaign_list;
mod campaigns;
mod contexts;
mod no_call_selected;

pub use call::CallPage;
pub use campaign::CampaignPage;
pub use campaigns::CampaignsPage;
pub use contexts::{CampaignContext, ListContext};
pub use no_call_selected::NoCallSelected;
