//! The file marks are shared in: versioned JSON, one campaign or many, and what importing one does.
//!
//! ```json
//! { "format": "call-records-marks", "version": 1, "exportedAt": "2026-12-02T10:14:00Z",
//!   "exportedBy": "Ana", "source": "https://api.youratlas.com",
//!   "campaigns": [ { "campaignId": "cmp-1", "calls": { "<call id>": { "verdict": … } } } ] }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::marks::CallMarks;

/// What the file says it is.
pub const FORMAT: &str = "call-records-marks";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarksFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    #[serde(default)]
    pub exported_by: String,
    /// Where the calls come from: the API's origin, or `demo`. Said, not enforced: call IDs are the key.
    #[serde(default)]
    pub source: String,
    pub campaigns: Vec<CampaignMarks>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignMarks {
    pub campaign_id: String,
    /// By call ID; a sorted map, so that the same marks always make the same file.
    pub calls: BTreeMap<String, CallMarks>,
}

impl MarksFile {
    pub fn new(exported_at: String, exported_by: &str, source: &str) -> Self {
        MarksFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            exported_at,
            exported_by: exported_by.to_owned(),
            source: source.to_owned(),
            campaigns: Vec::new(),
        }
    }

    /// Adds a campaign's marks, leaving out calls with nothing on them.
    pub fn add<'a>(
        &mut self,
        campaign_id: &str,
        calls: impl IntoIterator<Item = (&'a String, &'a CallMarks)>,
    ) {
        let calls: BTreeMap<String, CallMarks> = calls
            .into_iter()
            .filter(|(_, m)| !m.is_empty())
            .map(|(id, m)| (id.clone(), m.clone()))
            .collect();
        if !calls.is_empty() {
            self.campaigns.push(CampaignMarks {
                campaign_id: campaign_id.to_owned(),
                calls,
            });
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a file, refusing one that is not a marks file, is from another version, or is damaged,
    /// with a reason a person can act on.
    pub fn parse(text: &str) -> Result<MarksFile, Refusal> {
        let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|_| Refusal::NotJson)?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(Refusal::NotMarks);
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => return Err(Refusal::Version(v)),
            None => return Err(Refusal::Damaged("it has no version".to_owned())),
        }
        let mut file: MarksFile =
            serde_json::from_value(value).map_err(|e| Refusal::Damaged(e.to_string()))?;
        for campaign in &mut file.campaigns {
            for marks in campaign.calls.values_mut() {
                marks.sanitize();
            }
        }
        Ok(file)
    }

    pub fn campaign(&self, campaign_id: &str) -> Option<&CampaignMarks> {
        self.campaigns.iter().find(|c| c.campaign_id == campaign_id)
    }

    /// The file's marks for `campaign_id`, or why it has none to give.
    pub fn for_campaign(&self, campaign_id: &str) -> Result<&CampaignMarks, Refusal> {
        self.campaign(campaign_id).ok_or_else(|| {
            Refusal::OtherCampaign(
                self.campaigns
                    .iter()
                    .map(|c| c.campaign_id.clone())
                    .collect(),
            )
        })
    }
}

/// Why a file was not imported.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Refusal {
    #[error("This file is not JSON, so it cannot be a marks file. Choose a file that Export marks wrote.")]
    NotJson,
    #[error(
        "This JSON file is not a Call Records marks file. Choose a file that Export marks wrote."
    )]
    NotMarks,
    #[error("This marks file is version {0}; this Call Records reads version 1. Ask whoever sent it to export it again from the same version, or update this site.")]
    Version(u64),
    #[error("This marks file is damaged ({0}). Export it again.")]
    Damaged(String),
    #[error("{}", other_campaign(.0))]
    OtherCampaign(Vec<String>),
}

fn other_campaign(ids: &[String]) -> String {
    match ids {
        [] => "This file holds no marks at all.".to_owned(),
        [one] => format!("This file holds marks for another campaign ({one}), not this one. Open that campaign to import it."),
        many => format!(
            "This file holds marks for {} other campaigns ({}), not this one.",
            many.len(),
            many.join(", ")
        ),
    }
}

/// What importing changed, for the summary shown after it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// Calls the file had marks for.
    pub in_file: usize,
    /// Calls that had no marks here before.
    pub new_calls: usize,
    /// Calls that had marks here and changed.
    pub changed_calls: usize,
    pub verdicts: usize,
    pub tags: usize,
    pub reviewed: usize,
    pub notes_added: usize,
}

impl MergeSummary {
    pub fn unchanged(&self) -> usize {
        self.in_file
            .saturating_sub(self.new_calls)
            .saturating_sub(self.changed_calls)
    }

    pub fn describe(&self) -> String {
        if self.new_calls + self.changed_calls == 0 {
            return format!(
                "Nothing new: this campaign already had all the marks of the file's {} calls.",
                self.in_file
            );
        }
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "Imported marks for {}: {} newly marked, {} updated, {} unchanged ({}, {}, {} added).",
            plural(self.in_file, "call", "calls"),
            self.new_calls,
            self.changed_calls,
            self.unchanged(),
            plural(self.verdicts, "verdict", "verdicts"),
            plural(self.tags, "tag list", "tag lists"),
            plural(self.notes_added, "note", "notes"),
        )
    }
}

/// Merges `theirs` into `ours` (a campaign's marks by call ID): returns the calls whose marks changed,
/// merged, and what changed.
pub fn merge_into(
    ours: &BTreeMap<String, CallMarks>,
    theirs: &BTreeMap<String, CallMarks>,
) -> (Vec<(String, CallMarks)>, MergeSummary) {
    let mut summary = MergeSummary {
        in_file: theirs.len(),
        ..MergeSummary::default()
    };
    let mut changed = Vec::new();
    let empty = CallMarks::default();
    for (id, their_marks) in theirs {
        let mine = ours.get(id);
        let before = mine.unwrap_or(&empty);
        let merged = before.merge(their_marks);
        if merged == *before {
            continue;
        }
        if mine.is_none_or(CallMarks::is_empty) {
            summary.new_calls += 1;
        } else {
            summary.changed_calls += 1;
        }
        summary.verdicts += usize::from(merged.verdict != before.verdict);
        summary.tags += usize::from(merged.tags != before.tags);
        summary.reviewed += usize::from(merged.reviewed != before.reviewed);
        summary.notes_added += merged.notes.len().saturating_sub(before.notes.len());
        changed.push((id.clone(), merged));
    }
    (changed, summary)
}
