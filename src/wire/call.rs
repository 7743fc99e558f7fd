//! The call record as Atlas and Vapi send it (keys already folded to lower case).

use serde::Deserialize;
use serde_json::Value;

use super::lenient;
use super::message::{messages, messages_to_turns, WireMessage};
use crate::domain::records::transcript_lines::turns_from_lines;
use crate::domain::text::url::is_web_url;
use crate::domain::{
    CallRecord, Customer, EndReason, NoRecording, Recording, Timestamp, Transcript,
};

/// Every field the app reads, wherever either platform puts it. All optional, all tolerant.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireCall {
    #[serde(deserialize_with = "lenient::text")]
    pub id: Option<String>,
    /// A table entity's ID (Atlas): what `GET /call/{id}` takes.
    #[serde(deserialize_with = "lenient::text")]
    pub rowkey: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub callid: Option<String>,
    #[serde(rename = "_id", deserialize_with = "lenient::text")]
    pub underscore_id: Option<String>,
    /// A table entity's partition: the campaign, when it equals the one asked for.
    #[serde(deserialize_with = "lenient::text")]
    pub partitionkey: Option<String>,
    /// When a table entity last changed: only a last resort for ordering, never shown as the start.
    #[serde(deserialize_with = "lenient::any")]
    pub timestamp: Option<Value>,
    #[serde(deserialize_with = "lenient::text")]
    pub campaignid: Option<String>,
    #[serde(deserialize_with = "lenient::any")]
    pub campaign: Option<Value>,
    #[serde(deserialize_with = "lenient::any")]
    pub createdat: Option<Value>,
    #[serde(deserialize_with = "lenient::any")]
    pub startedat: Option<Value>,
    #[serde(deserialize_with = "lenient::any")]
    pub endedat: Option<Value>,
    #[serde(deserialize_with = "lenient::number")]
    pub duration: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub durationseconds: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub durationms: Option<f64>,
    #[serde(deserialize_with = "lenient::text")]
    pub status: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient::text")]
    pub call_type: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub calltype: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub endedreason: Option<String>,
    #[serde(deserialize_with = "lenient::any")]
    pub customer: Option<Value>,
    #[serde(deserialize_with = "lenient::text")]
    pub customername: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub customernumber: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub customerphonenumber: Option<String>,
    #[serde(deserialize_with = "lenient::number")]
    pub cost: Option<f64>,
    #[serde(deserialize_with = "lenient::object")]
    pub costbreakdown: Option<WireCostBreakdown>,
    #[serde(deserialize_with = "lenient::object")]
    pub analysis: Option<WireAnalysis>,
    #[serde(deserialize_with = "lenient::text")]
    pub summary: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub transcript: Option<String>,
    #[serde(deserialize_with = "messages")]
    pub messages: Option<Vec<WireMessage>>,
    #[serde(deserialize_with = "lenient::text")]
    pub recordingurl: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub stereorecordingurl: Option<String>,
    #[serde(deserialize_with = "lenient::object")]
    pub artifact: Option<WireArtifact>,
    /// The names Atlas's call events use (`callSummary`, `callTranscript`, `audioUrl`), read where the
    /// usual ones are absent.
    #[serde(deserialize_with = "lenient::text")]
    pub callsummary: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub calltranscript: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub audiourl: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireCostBreakdown {
    #[serde(deserialize_with = "lenient::number")]
    pub total: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireAnalysis {
    #[serde(deserialize_with = "lenient::text")]
    pub summary: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireArtifact {
    #[serde(deserialize_with = "lenient::text")]
    pub transcript: Option<String>,
    #[serde(deserialize_with = "messages")]
    pub messages: Option<Vec<WireMessage>>,
    #[serde(deserialize_with = "lenient::text")]
    pub recordingurl: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub stereorecordingurl: Option<String>,
    #[serde(deserialize_with = "lenient::object")]
    pub recording: Option<WireRecording>,
    #[serde(deserialize_with = "lenient::text")]
    pub presignedmonourl: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub presignedstereourl: Option<String>,
    #[serde(deserialize_with = "lenient::any")]
    pub presignedurlsexpiresat: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireRecording {
    #[serde(deserialize_with = "lenient::text")]
    pub stereourl: Option<String>,
    #[serde(deserialize_with = "lenient::object")]
    pub mono: Option<WireMono>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireMono {
    #[serde(deserialize_with = "lenient::text")]
    pub combinedurl: Option<String>,
}

impl super::WireRecord for WireCall {
    type Domain = CallRecord;
    const NAME: &'static str = "call record";

    /// Converts to the domain record. Only the ID is required: without it the record cannot be opened.
    fn into_domain(self, asked: super::Asked<'_>) -> Result<CallRecord, String> {
        let id = lenient::required_id(
            self.id
                .or(self.rowkey)
                .or(self.callid)
                .or(self.underscore_id),
            "record",
        )?;
        let mut artifact = self.artifact.unwrap_or_default();

        let created_at = self.createdat.as_ref().and_then(timestamp);
        let started_at = self.startedat.as_ref().and_then(timestamp);
        let ended_at = self.endedat.as_ref().and_then(timestamp);
        let duration_seconds = self
            .duration
            .or(self.durationseconds)
            .or(self.durationms.map(|ms| ms / 1000.0))
            .filter(|s| *s >= 0.0)
            .or_else(|| {
                started_at
                    .zip(ended_at)
                    .and_then(|(s, e)| s.seconds_until(e))
            });

        let customer_field = self.customer.map(|value| match value {
            Value::String(text) => lenient::embedded_json(&text).unwrap_or(Value::String(text)),
            other => other,
        });
        let (customer_name, customer_number) = match &customer_field {
            Some(Value::Object(c)) => (
                c.get("name").and_then(lenient::value_text),
                c.get("number")
                    .or(c.get("phonenumber"))
                    .and_then(lenient::value_text),
            ),
            Some(other) => (lenient::value_text(other), None),
            None => (None, None),
        };
        let customer = Customer {
            name: customer_name.or(self.customername),
            number: customer_number
                .or(self.customernumber)
                .or(self.customerphonenumber),
        };

        let campaign_id = self
            .campaignid
            .or_else(|| match &self.campaign {
                Some(Value::Object(c)) => c.get("id").and_then(lenient::value_text),
                Some(other) => lenient::value_text(other),
                None => None,
            })
            .or_else(|| partition_campaign(self.partitionkey.as_deref()?, asked.campaign?));

        let end_reason = EndReason::from_raw(self.endedreason.as_deref());
        let status = self.status.map(|s| s.trim().to_owned());

        let messages = artifact
            .messages
            .take()
            .or(self.messages)
            .unwrap_or_default();
        let plain = artifact
            .transcript
            .take()
            .or(self.transcript)
            .or(self.calltranscript);
        let mut turns = messages_to_turns(messages, started_at);
        if turns.is_empty() {
            // The platform's line form ("AI: ... / User: ..."): speaker turns without times.
            turns = plain
                .as_deref()
                .and_then(turns_from_lines)
                .unwrap_or_default();
        }
        let transcript = Transcript { turns, plain };

        let top_level = self.recordingurl.or(self.audiourl);
        let recording = match artifact.recording_url(top_level, self.stereorecordingurl) {
            Some(url) => Recording::Available {
                url,
                expires_at: artifact.presignedurlsexpiresat.as_ref().and_then(timestamp),
            },
            None => Recording::Missing(why_no_recording(&end_reason, status.as_deref())),
        };

        Ok(CallRecord {
            id,
            campaign_id,
            changed_at: self.timestamp.as_ref().and_then(timestamp),
            created_at,
            started_at,
            ended_at,
            duration_seconds,
            customer,
            status,
            call_type: self.call_type.or(self.calltype),
            end_reason,
            summary: self
                .analysis
                .and_then(|a| a.summary)
                .or(self.summary)
                .or(self.callsummary)
                .filter(|s| !s.trim().is_empty()),
            transcript,
            recording,
            cost_usd: self
                .cost
                .or(self.costbreakdown.and_then(|c| c.total))
                .filter(|c| *c >= 0.0),
        })
    }
}

/// The campaign a table entity's partition names, when it is the one asked for: the partition itself
/// (`"c-1"`), or its last word (`"<accountId> <campaignId>"`, as Atlas keys chat sessions and may key
/// calls).
fn partition_campaign(partition: &str, asked: &str) -> Option<String> {
    let partition = partition.trim();
    // A suffix after a space, not the last word: a campaign ID may hold spaces itself.
    let keyed = partition
        .strip_suffix(asked)
        .is_some_and(|head| head.is_empty() || head.ends_with(' '));
    (!asked.is_empty() && keyed).then(|| asked.to_owned())
}

impl WireArtifact {
    /// The best recording link: the combined mono recording where either platform puts it, else the
    /// stereo one; only web addresses.
    fn recording_url(
        &mut self,
        top_level: Option<String>,
        top_level_stereo: Option<String>,
    ) -> Option<String> {
        let recording = self.recording.take();
        top_level
            .or(self.recordingurl.take())
            .or(recording
                .as_ref()
                .and_then(|r| r.mono.as_ref())
                .and_then(|m| m.combinedurl.clone()))
            .or(self.presignedmonourl.take())
            .or(top_level_stereo)
            .or(self.stereorecordingurl.take())
            .or(recording.and_then(|r| r.stereourl))
            .or(self.presignedstereourl.take())
            .filter(|url| is_web_url(url))
    }
}

fn why_no_recording(end_reason: &EndReason, status: Option<&str>) -> NoRecording {
    if let EndReason::Known(known) = end_reason {
        if known.never_connected() {
            return NoRecording::NeverConnected(*known);
        }
    }
    match status {
        Some(s @ ("scheduled" | "queued" | "ringing" | "in-progress" | "forwarding")) => {
            NoRecording::NotEnded(s.replace('-', " "))
        }
        _ => NoRecording::NotAttached,
    }
}

fn timestamp(value: &Value) -> Option<Timestamp> {
    match value {
        Value::String(s) => Timestamp::parse_iso(s),
        Value::Number(n) => n.as_f64().and_then(Timestamp::from_epoch_number),
        _ => None,
    }
}
