//! The call record as Atlas and Vapi send it (keys already folded to lower case).

use serde::Deserialize;
use serde_json::Value;

use super::lenient;
use crate::domain::records::transcript_lines::turns_from_lines;
use crate::domain::text::url::is_web_url;
use crate::domain::{
    CallRecord, Customer, EndReason, NoRecording, Recording, Speaker, Timestamp, Transcript, Turn,
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

/// One message of the conversation, as either platform sends it. Every field tolerant.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireMessage {
    /// Only a string names a role; anything else reads as an unknown one.
    #[serde(deserialize_with = "plain_string")]
    pub role: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub message: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub content: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub text: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub result: Option<String>,
    pub toolcalls: Option<Value>,
    #[serde(deserialize_with = "lenient::number")]
    pub secondsfromstart: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub time: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub endtime: Option<f64>,
    #[serde(deserialize_with = "lenient::number")]
    pub duration: Option<f64>,
}

impl WireMessage {
    /// How long it was spoken: `endTime - time` (epoch milliseconds) when both are sent, else
    /// `duration`, which Vapi sends in milliseconds.
    fn spoken_seconds(&self) -> Option<f64> {
        let ms = match (self.time, self.endtime) {
            (Some(start), Some(end)) if end > start => Some(end - start),
            _ => self.duration,
        }?;
        Some(ms / 1000.0).filter(|s| s.is_finite() && *s > 0.0)
    }
}

/// A string as sent, blank or not; anything else is absent.
fn plain_string<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(s) => Some(s),
        _ => None,
    })
}

/// The message list: a list (its entries that are not objects left out), or a table cell holding one
/// as text; anything else is absent. Read straight into messages, never into a tree of values.
fn messages<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<WireMessage>>, D::Error> {
    use serde::de::{self, SeqAccess, Visitor};
    use serde::Deserializer as _;

    struct Messages;
    impl<'de> Visitor<'de> for Messages {
        type Value = Option<Vec<WireMessage>>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a list of messages")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut messages = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(message) = seq.next_element::<MaybeMessage>()? {
                messages.extend(message.0);
            }
            Ok(Some(messages))
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            // A table cell: the list as JSON text.
            if !text.trim_start().starts_with('[') {
                return Ok(None);
            }
            let repaired = super::surrogates::repair(text.trim_start());
            let mut json = serde_json::Deserializer::from_str(&repaired);
            let read = super::fold::Folding(&mut json).deserialize_any(Messages);
            Ok(read.ok().filter(|_| json.end().is_ok()).flatten())
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map
                .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                .is_some()
            {}
            Ok(None)
        }

        lenient::scalars_are_absent!(None);
    }

    /// One entry of the list: a message if it is an object, else nothing.
    struct MaybeMessage(Option<WireMessage>);
    impl<'de> Deserialize<'de> for MaybeMessage {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Entry;
            impl<'de> Visitor<'de> for Entry {
                type Value = MaybeMessage;
                fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                    formatter.write_str("a message")
                }
                fn visit_map<A: de::MapAccess<'de>>(
                    self,
                    map: A,
                ) -> Result<MaybeMessage, A::Error> {
                    WireMessage::deserialize(de::value::MapAccessDeserializer::new(map))
                        .map(|m| MaybeMessage(Some(m)))
                }
                fn visit_seq<A: SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<MaybeMessage, A::Error> {
                    while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                    Ok(MaybeMessage(None))
                }
                fn visit_str<E: de::Error>(self, _: &str) -> Result<MaybeMessage, E> {
                    Ok(MaybeMessage(None))
                }
                lenient::scalars_are_absent!(MaybeMessage(None));
            }
            deserializer.deserialize_any(Entry)
        }
    }

    deserializer.deserialize_any(Messages)
}

/// Turns platform messages into transcript turns, dropping only messages with nothing to show. Takes
/// the messages by value: their texts move into the turns instead of being copied.
pub(super) fn messages_to_turns(
    messages: Vec<WireMessage>,
    started_at: Option<Timestamp>,
) -> Vec<Turn> {
    messages
        .into_iter()
        .filter_map(|mut m| {
            let speaker = Speaker::from_role(m.role.as_deref().unwrap_or("unknown role"));
            let duration_seconds = m.spoken_seconds();
            let text = [
                m.message.take(),
                m.content.take(),
                m.text.take(),
                m.result.take(),
            ]
            .into_iter()
            .flatten()
            .next()
            .or_else(|| tool_call_names(m.toolcalls.as_ref()))?;
            let at_seconds = m
                .secondsfromstart
                .or_else(|| {
                    // Older records carry only wall-clock `time`; derive the offset from the call start.
                    let time = m.time?;
                    let start = started_at?;
                    (time - start.0 as f64 >= 0.0).then(|| (time - start.0 as f64) / 1000.0)
                })
                .filter(|s| *s >= 0.0);
            Some(Turn {
                speaker,
                text,
                at_seconds,
                duration_seconds,
            })
        })
        .collect()
}

fn tool_call_names(tool_calls: Option<&Value>) -> Option<String> {
    let Some(Value::Array(calls)) = tool_calls else {
        return None;
    };
    let names: Vec<String> = calls
        .iter()
        .filter_map(|call| {
            call.get("function")
                .and_then(|f| f.get("name"))
                .and_then(lenient::value_text)
        })
        .collect();
    (!names.is_empty()).then(|| format!("Called {}", names.join(", ")))
}
