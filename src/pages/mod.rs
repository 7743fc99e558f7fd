//! Pages: one per route. They fetch, and hand domain values to components.

mod call;
mod campaign;
mod campaigns;
mod no_call_selected;

pub use call::CallPage;
pub use campaign::{CampaignContext, CampaignPage};
pub use campaigns::CampaignsPage;
pub use no_call_selected::NoCallSelected;
