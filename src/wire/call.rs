//! The call record as Atlas and Vapi send it (keys already folded to lower case).

use serde::Deserialize;
use serde_json::Value;

use super::fold::Verbatim;
use super::lenient;
use super::message::{messages, messages_to_turns, WireMessage};
use crate::domain::records::collected::fields_of;
use crate::domain::records::cost::CostBreakdown;
use crate::domain::records::latency::{Stages, TurnLatency};
use crate::domain::records::outcome::Evaluation;
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
    #[serde(deserialize_with = "lenient::any")]
    pub costs: Option<Value>,
    #[serde(deserialize_with = "lenient::object")]
    pub analysis: Option<WireAnalysis>,
    /// The success result Atlas's list filters by, and the evaluation or the collected data where a
    /// table entity keeps them at the top.
    pub successresult: Option<Verbatim>,
    pub successevaluation: Option<Verbatim>,
    pub structureddata: Option<Verbatim>,
    #[serde(deserialize_with = "lenient::object")]
    pub performancemetrics: Option<WireMetrics>,
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
    #[serde(deserialize_with = "lenient::number")]
    pub transport: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub stt: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub llm: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub tts: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub vapi: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub llmprompttokens: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub llmcompletiontokens: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub ttscharacters: Option<f64>,
}

impl WireCostBreakdown {
    fn into_domain(self, costs: Option<&Value>) -> CostBreakdown {
        let money = |c: Option<f64>| c.filter(|c| c.is_finite() && *c >= 0.0);
        let count = |n: Option<f64>| n.filter(|n| n.is_finite() && *n >= 0.0);
        let mut cost = CostBreakdown {
            transport: money(self.transport),
            transcriber: money(self.stt),
            model: money(self.llm),
            voice: money(self.tts),
            platform: money(self.vapi),
            other: None,
            total: money(self.total),
            prompt_tokens: count(self.llmprompttokens),
            completion_tokens: count(self.llmcompletiontokens),
            voice_characters: count(self.ttscharacters),
        };
        // Only the item list: sum it by type.
        if cost.parts().is_empty() {
            if let Some(Value::Array(items)) = costs {
                for item in items {
                    let kind = item.get("type").and_then(lenient::value_text);
                    let amount = item.get("cost").and_then(lenient::value_number);
                    if let (Some(kind), Some(amount)) = (kind, amount) {
                        cost.add_item(&kind, amount);
                    }
                }
            }
        }
        cost
    }
}

/// The platform's performance metrics: the measured wait before each agent turn.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireMetrics {
    #[serde(deserialize_with = "lenient::any")]
    pub turnlatencies: Option<Value>,
}

impl WireMetrics {
    fn latencies(self) -> Vec<TurnLatency> {
        let Some(Value::Array(turns)) = self.turnlatencies else {
            return Vec::new();
        };
        turns
            .iter()
            .filter_map(|turn| {
                let ms = |key: &str| {
                    turn.get(key)
                        .and_then(lenient::value_number)
                        .filter(|n| *n >= 0.0)
                };
                let stages = Stages {
                    transcriber: ms("transcriberlatency"),
                    endpointing: ms("endpointinglatency"),
                    model: ms("modellatency"),
                    voice: ms("voicelatency"),
                };
                let total_ms = ms("turnlatency").or(stages.sum())?;
                Some(TurnLatency {
                    turn: None,
                    at_seconds: None,
                    total_ms,
                    stages,
                })
            })
            .collect()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireAnalysis {
    #[serde(deserialize_with = "lenient::text")]
    pub summary: Option<String>,
    pub successevaluation: Option<Verbatim>,
    pub structureddata: Option<Verbatim>,
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
    #[serde(deserialize_with = "lenient::object")]
    pub performancemetrics: Option<WireMetrics>,
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

        let mut analysis = self.analysis.unwrap_or_default();
        let evaluation = [
            analysis.successevaluation.take(),
            self.successresult,
            self.successevaluation,
        ]
        .into_iter()
        .flatten()
        .find_map(|v| Evaluation::read(&v.0));
        let collected = analysis
            .structureddata
            .take()
            .or(self.structureddata)
            .map(|v| fields_of(&v.0))
            .unwrap_or_default();
        let measured_latency = artifact
            .performancemetrics
            .take()
            .or(self.performancemetrics)
            .map(WireMetrics::latencies)
            .unwrap_or_default();
        let costs = self.costs;
        let cost = self
            .costbreakdown
            .unwrap_or_default()
            .into_domain(costs.as_ref());

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
            summary: analysis
                .summary
                .or(self.summary)
                .or(self.callsummary)
                .filter(|s| !s.trim().is_empty()),
            transcript,
            recording,
            cost_usd: self.cost.or(cost.total).filter(|c| *c >= 0.0),
            evaluation,
            collected,
            measured_latency,
            cost,
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
