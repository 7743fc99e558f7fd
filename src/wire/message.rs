//! The messages of a conversation as either platform sends them (a list, or a list sent as a JSON string),
//! and the turns a transcript shows, read from them.

use serde::Deserialize;
use serde_json::Value;

use super::lenient;
use crate::domain::records::tool_call::ToolPart;
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
    /// The call a tool result answers.
    #[serde(deserialize_with = "lenient::text")]
    pub toolcallid: Option<String>,
    /// The tool's name, on a result (and on a single call written as one message).
    #[serde(deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::any")]
    pub arguments: Option<Value>,
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
/// the messages by value: their texts move into the turns instead of being copied. A message of tool
/// calls becomes a turn per call, and a tool's result a turn of its own; the transcript pairs them
/// (`tool_call::pair_tool_calls`), so that a call and its result may come in different slices.
pub(super) fn messages_to_turns(
    messages: Vec<WireMessage>,
    started_at: Option<Timestamp>,
) -> Vec<Turn> {
    let mut turns = Vec::with_capacity(messages.len());
    for mut m in messages {
        let role = m.role.take();
        let role = role.as_deref().unwrap_or("unknown role");
        let speaker = Speaker::from_role(role);
        let duration_seconds = m.spoken_seconds();
        let at_seconds = m
            .secondsfromstart
            .or_else(|| {
                // Older records carry only wall-clock `time`; derive the offset from the call start.
                let time = m.time?;
                let start = started_at?;
                (time - start.0 as f64 >= 0.0).then(|| (time - start.0 as f64) / 1000.0)
            })
            .filter(|s| *s >= 0.0);
        let calls = tool_calls(&mut m, role);
        if !calls.is_empty() {
            turns.extend(calls.into_iter().map(|part| Turn {
                speaker: Speaker::Tool,
                text: part_text(&part),
                at_seconds,
                duration_seconds: None,
                tool: Some(Box::new(part)),
            }));
            continue;
        }
        let text = [
            m.message.take(),
            m.content.take(),
            m.text.take(),
            m.result.take(),
        ]
        .into_iter()
        .flatten()
        .next();
        let is_result = m.toolcallid.is_some()
            || ["tool_call_result", "function_result", "tool"]
                .iter()
                .any(|r| role.trim().eq_ignore_ascii_case(r));
        let tool = is_result.then(|| {
            Box::new(ToolPart::Result {
                id: m.toolcallid.take().map(|id| id.trim().to_owned()),
                name: m.name.take(),
                result: text.clone().unwrap_or_default(),
            })
        });
        let Some(text) = text.or_else(|| tool.as_ref().map(|_| String::new())) else {
            continue;
        };
        turns.push(Turn {
            speaker,
            text,
            at_seconds,
            duration_seconds,
            tool,
        });
    }
    turns
}

/// The tool calls one message makes: each entry of `toolCalls` (`{id, function: {name, arguments}}`),
/// or the message itself when it is a single call (`role: "function_call"`, `name`, `arguments`).
fn tool_calls(m: &mut WireMessage, role: &str) -> Vec<ToolPart> {
    if let Some(Value::Array(calls)) = m.toolcalls.as_ref() {
        return calls
            .iter()
            .filter_map(|call| {
                let function = call.get("function");
                let name = function
                    .and_then(|f| f.get("name"))
                    .or(call.get("name"))
                    .and_then(lenient::value_text)?;
                let arguments = function
                    .and_then(|f| f.get("arguments"))
                    .or(call.get("arguments"))
                    .and_then(argument_text);
                Some(ToolPart::Call {
                    id: call.get("id").and_then(lenient::value_text),
                    name: name.trim().to_owned(),
                    arguments,
                })
            })
            .collect();
    }
    let role = role.trim();
    if role.eq_ignore_ascii_case("function_call") || role.eq_ignore_ascii_case("tool_call") {
        if let Some(name) = m.name.take() {
            return vec![ToolPart::Call {
                id: m.toolcallid.take(),
                name: name.trim().to_owned(),
                arguments: m.arguments.as_ref().and_then(argument_text),
            }];
        }
    }
    Vec::new()
}

/// Arguments as JSON text: sent as text (the usual), or as an object.
fn argument_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// What a tool turn's text holds, for the transcript's search: the tool's name and its arguments.
fn part_text(part: &ToolPart) -> String {
    match part {
        ToolPart::Call {
            name, arguments, ..
        } => match arguments.as_deref().map(str::trim) {
            Some(arguments) if !matches!(arguments, "" | "{}") => {
                format!("Called {name} {arguments}")
            }
            _ => format!("Called {name}"),
        },
        ToolPart::Result { result, .. } => result.clone(),
    }
}
