//! The messages of a conversation as either platform sends them (a list, or a list sent as a JSON string),
//! and the turns a transcript shows, read from them.

use serde::Deserialize;
use serde_json::Value;

use super::lenient;
use crate::domain::{Speaker, Timestamp, Turn};

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
pub(super) fn messages<'de, D: serde::Deserializer<'de>>(
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
