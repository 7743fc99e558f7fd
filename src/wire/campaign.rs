//! The campaign object as Atlas sends it (keys already folded to lower case).

use serde::Deserialize;
use serde_json::Value;

use super::lenient;
use crate::domain::records::campaign::Channel;
use crate::domain::{Campaign, Timestamp};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireCampaign {
    #[serde(deserialize_with = "lenient::text")]
    pub id: Option<String>,
    /// A table entity's ID (Atlas).
    #[serde(deserialize_with = "lenient::text")]
    pub rowkey: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub campaignid: Option<String>,
    #[serde(rename = "_id", deserialize_with = "lenient::text")]
    pub underscore_id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub campaignname: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub title: Option<String>,
    /// The business the campaign calls for: the name of last resort.
    #[serde(deserialize_with = "lenient::text")]
    pub businessname: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub status: Option<String>,
    /// Atlas's on/off switch, where no status is sent.
    #[serde(deserialize_with = "lenient::boolean")]
    pub isactive: Option<bool>,
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub createdat: Option<String>,
    // The count goes by several names across API versions.
    #[serde(deserialize_with = "lenient::number")]
    pub callcount: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub callscount: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub totalcalls: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub numberofcalls: Option<f64>,
    #[serde(deserialize_with = "lenient::any")]
    pub calls: Option<Value>,
    /// Atlas: `"1"` phone, `"0"` chat.
    #[serde(deserialize_with = "lenient::text")]
    pub campaigntype: Option<String>,
}

impl super::WireRecord for WireCampaign {
    type Domain = Campaign;
    const NAME: &'static str = "campaign";

    fn into_domain(self, _asked: super::Asked<'_>) -> Result<Campaign, String> {
        let id = lenient::required_id(
            self.id
                .or(self.rowkey)
                .or(self.campaignid)
                .or(self.underscore_id),
            "campaign",
        )?;
        let calls_field = match &self.calls {
            Some(Value::Array(items)) => Some(items.len() as f64),
            Some(other) => lenient::value_number(other),
            None => None,
        };
        let call_count = self
            .callcount
            .or(self.callscount)
            .or(self.totalcalls)
            .or(self.numberofcalls)
            .or(calls_field)
            .filter(|n| *n >= 0.0)
            .map(|n| n as u64);
        Ok(Campaign {
            id,
            name: self
                .name
                .or(self.campaignname)
                .or(self.title)
                .or(self.businessname)
                .map(|n| n.trim().to_owned()),
            status: self.status.or(self
                .isactive
                .map(|active| if active { "Active" } else { "Paused" }.to_owned())),
            call_count,
            created_at: self.createdat.as_deref().and_then(Timestamp::parse_iso),
            description: self.description,
            channel: self.campaigntype.as_deref().and_then(Channel::from_raw),
        })
    }
}
