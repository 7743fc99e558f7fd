//! One call record read in parts, so that a record with tens of thousands of messages never holds the
//! page for long.
//!
//! Reading a record whole goes through a JSON value tree, a key fold and the tolerant reader; for a
//! 50,000-message transcript that is over 100 ms in one task. Here the record is first split (a scan):
//! everything but its message list is read as usual, and the messages, left as text, are read a slice at
//! a time by whoever holds the split ([`SplitCall::turns`]), yielding between slices. The result equals
//! [`super::parse_call`]'s; the tests hold them to it.

use std::collections::BTreeMap;
use std::ops::Range;

use serde_json::value::RawValue;
use serde_json::Value;

use super::call::{messages_to_turns, WireMessage};
use super::{
    fold_keys, read_record, surrogates, Asked, WireCall, WireError, ENVELOPE_KEYS, ID_KEYS,
};
use crate::domain::{CallRecord, Turn};

/// Messages read per slice: about 10 ms of work in the browser.
pub const MESSAGES_PER_SLICE: usize = 5_000;

/// A call record whose message list is still text.
pub struct SplitCall<'a> {
    /// Everything but the messages (turns from a plain transcript, if it has one and no messages).
    pub head: CallRecord,
    messages: Vec<&'a RawValue>,
}

impl<'a> SplitCall<'a> {
    /// How many messages are left to read.
    pub fn message_count(&self) -> usize {
        self.messages.len()
    }

    /// The turns of the messages in `range` (positions in the list as sent).
    pub fn turns(&self, range: Range<usize>) -> Vec<Turn> {
        let end = range.end.min(self.messages.len());
        let values: Vec<WireMessage> = self.messages[range.start.min(end)..end]
            .iter()
            .filter_map(|raw| serde_json::from_str::<Value>(raw.get()).ok())
            .map(fold_keys)
            .filter_map(WireMessage::from_value)
            .collect();
        let started_at = self.head.started_at;
        messages_to_turns(values, started_at)
    }

    /// The record, with the turns read from its messages (slice by slice). A plain transcript's turns
    /// stay only when the messages gave none, as in the whole reader.
    pub fn with_turns(self, turns: Vec<Turn>) -> CallRecord {
        let mut record = self.head;
        if !turns.is_empty() {
            record.transcript.turns = turns;
        }
        record
    }
}

/// Splits one call record (possibly in an envelope). `text` must already be free of lone surrogates
/// ([`repaired`]).
pub fn split_call<'a>(text: &'a str, asked: Asked<'_>) -> Result<SplitCall<'a>, WireError> {
    let not_json = |e: serde_json::Error| WireError::NotJson(e.to_string());
    let mut object: BTreeMap<String, &'a RawValue> =
        serde_json::from_str(text).map_err(not_json)?;
    for _ in 0..4 {
        let has_id = object
            .keys()
            .any(|key| ID_KEYS.contains(&key.to_lowercase().as_str()));
        if has_id {
            return split_record(object, asked);
        }
        let inner = ENVELOPE_KEYS.iter().find_map(|wanted| {
            object.iter().find_map(|(key, raw)| {
                let opens = raw.get().trim_start().starts_with('{');
                (key.to_lowercase() == *wanted && opens).then_some(*raw)
            })
        });
        let Some(inner) = inner else {
            return Err(WireError::Shape("record with an ID"));
        };
        object = serde_json::from_str(inner.get()).map_err(not_json)?;
    }
    Err(WireError::Shape("record"))
}

/// `text` with lone surrogate escapes replaced, for [`split_call`].
pub fn repaired(text: &str) -> std::borrow::Cow<'_, str> {
    surrogates::repair(text)
}

fn split_record<'a>(
    object: BTreeMap<String, &'a RawValue>,
    asked: Asked<'_>,
) -> Result<SplitCall<'a>, WireError> {
    let mut top_messages = None;
    let mut artifact_messages = None;
    // The record without its messages, as JSON text, read by the same reader as every record.
    let mut head: Vec<(String, String)> = Vec::with_capacity(object.len());
    for (key, raw) in object {
        let folded = key.to_lowercase();
        if folded == "messages" && top_messages.is_none() {
            if let Some(list) = raw_list(raw) {
                top_messages = Some(list);
                continue;
            }
        }
        if folded == "artifact" && artifact_messages.is_none() {
            if let Some((rest, list)) = split_artifact(raw) {
                artifact_messages = Some(list);
                head.push((key, rest));
                continue;
            }
        }
        head.push((key, raw.get().to_owned()));
    }
    let record = read_record::<WireCall>(&object_text(&head), asked)
        .map_err(|_| WireError::Shape("call record"))?;
    // The artifact's message list wins over the top-level one, as in the whole reader.
    Ok(SplitCall {
        head: record,
        messages: artifact_messages.or(top_messages).unwrap_or_default(),
    })
}

/// An object's JSON text from its members' keys and JSON texts.
fn object_text(members: &[(String, String)]) -> String {
    let mut text = String::from("{");
    for (i, (key, value)) in members.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        // A key as JSON: serialising a string cannot fail.
        text.push_str(&serde_json::to_string(key).unwrap_or_default());
        text.push(':');
        text.push_str(value);
    }
    text.push('}');
    text
}

/// An artifact object with a message list: the rest of it as JSON text, and the list as text.
fn split_artifact(raw: &RawValue) -> Option<(String, Vec<&RawValue>)> {
    if !raw.get().trim_start().starts_with('{') {
        return None;
    }
    let artifact: BTreeMap<String, &RawValue> = serde_json::from_str(raw.get()).ok()?;
    let list = artifact
        .iter()
        .find(|(k, _)| k.to_lowercase() == "messages")
        .and_then(|(_, raw)| raw_list(raw))?;
    let rest: Vec<(String, String)> = artifact
        .into_iter()
        .filter(|(k, _)| k.to_lowercase() != "messages")
        .map(|(k, raw)| (k, raw.get().to_owned()))
        .collect();
    Some((object_text(&rest), list))
}

fn raw_list(raw: &RawValue) -> Option<Vec<&RawValue>> {
    if !raw.get().trim_start().starts_with('[') {
        return None;
    }
    serde_json::from_str(raw.get()).ok()
}
