//! One call record read in parts, so that a record with tens of thousands of messages never holds the
//! page for long.
//!
//! Reading a record whole goes through a JSON value tree, a key fold and the tolerant reader; for a
//! 50,000-message transcript that is over 100 ms in one task. Here the record is first split (a scan):
//! everything but its message list is read as usual, and the messages, left as text, are read a slice at
//! a time by whoever holds the split ([`SplitCall::turns`]), yielding between slices. The result equals
//! [`super::parse_call`]'s; the tests hold them to it.

use std::ops::Range;

use serde::Deserialize;

use super::fold::Folding;
use super::message::{messages_to_turns, WireMessage};
use super::{locate_one, read_record, scan, surrogates, Asked, WireCall, WireError};
use crate::domain::{CallRecord, Turn};

/// Messages read per slice: about 10 ms of work in the browser.
pub const MESSAGES_PER_SLICE: usize = 5_000;

/// A call record whose message list is still text.
pub struct SplitCall<'a> {
    /// Everything but the messages (turns from a plain transcript, if it has one and no messages).
    pub head: CallRecord,
    text: &'a str,
    /// Where each message lies in `text`.
    messages: Vec<Range<usize>>,
}

impl<'a> SplitCall<'a> {
    /// How many messages are left to read.
    pub fn message_count(&self) -> usize {
        self.messages.len()
    }

    /// The turns of the messages in `range` (positions in the list as sent), each read straight from
    /// its text as every record is; an entry that is not an object, or not JSON, is left out.
    pub fn turns(&self, range: Range<usize>) -> Vec<Turn> {
        let messages: Vec<WireMessage> = self
            .messages
            .iter()
            .skip(range.start)
            .take(range.end.saturating_sub(range.start))
            .filter_map(|at| read_message(self.text.get(at.clone())?))
            .collect();
        messages_to_turns(messages, self.head.started_at)
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

fn read_message(text: &str) -> Option<WireMessage> {
    if !text.starts_with('{') {
        return None;
    }
    let mut json = serde_json::Deserializer::from_str(text);
    let message = WireMessage::deserialize(Folding(&mut json)).ok()?;
    json.end().ok()?;
    Some(message)
}

/// Splits one call record (possibly in an envelope). `text` must already be free of lone surrogates
/// ([`repaired`]).
pub fn split_call<'a>(text: &'a str, asked: Asked<'_>) -> Result<SplitCall<'a>, WireError> {
    check_json(text)?;
    split_checked_call(text, asked)
}

/// Every token checked once, so that a broken body is named as such: the first half of
/// [`split_call`], apart so that the page can yield between the two on a huge record.
pub fn check_json(text: &str) -> Result<(), WireError> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map(|_| ())
        .map_err(|e| WireError::NotJson(e.to_string()))
}

/// [`split_call`] of a text that [`check_json`] has passed.
pub fn split_checked_call<'a>(text: &'a str, asked: Asked<'_>) -> Result<SplitCall<'a>, WireError> {
    let record = locate_one(text)?;
    split_record(text, record.start, asked)
}

/// `text` with lone surrogate escapes replaced, for [`split_call`].
pub fn repaired(text: &str) -> std::borrow::Cow<'_, str> {
    surrogates::repair(text)
}

fn split_record<'a>(
    text: &'a str,
    at: usize,
    asked: Asked<'_>,
) -> Result<SplitCall<'a>, WireError> {
    let bytes = text.as_bytes();
    let shape = || WireError::Shape("call record");
    let (members, _) = scan::object_members(bytes, at).ok_or_else(shape)?;
    let mut top_messages = None;
    let mut artifact_messages = None;
    // The record without its messages, as JSON text, read by the same reader as every record.
    let mut head: Vec<(&str, String)> = Vec::with_capacity(members.len());
    for (key, value) in members {
        let folded = key.to_lowercase();
        if folded == "messages" && top_messages.is_none() {
            if let Some((list, _)) = scan::array_elements(bytes, value.start) {
                top_messages = Some(list);
                continue;
            }
        }
        if folded == "artifact" && artifact_messages.is_none() {
            if let Some((rest, list)) = split_artifact(text, value.start) {
                artifact_messages = Some(list);
                head.push((key, rest));
                continue;
            }
        }
        head.push((key, text.get(value).unwrap_or("null").to_owned()));
    }
    let record = read_record::<WireCall>(&object_text(&head), asked).map_err(|_| shape())?;
    // The artifact's message list wins over the top-level one, as in the whole reader.
    Ok(SplitCall {
        head: record,
        text,
        messages: artifact_messages.or(top_messages).unwrap_or_default(),
    })
}

/// An object's JSON text from its members' keys (free of escapes: the scan reads no other) and JSON
/// texts.
fn object_text(members: &[(&str, String)]) -> String {
    let mut text = String::from("{");
    for (i, (key, value)) in members.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push('"');
        text.push_str(key);
        text.push_str("\":");
        text.push_str(value);
    }
    text.push('}');
    text
}

/// An artifact object (at `at`) with a message list: the rest of it as JSON text, and where its
/// messages lie.
fn split_artifact(text: &str, at: usize) -> Option<(String, Vec<Range<usize>>)> {
    let bytes = text.as_bytes();
    let (members, _) = scan::object_members(bytes, at)?;
    let list = members
        .iter()
        .find(|(k, _)| k.to_lowercase() == "messages")
        .and_then(|(_, value)| scan::array_elements(bytes, value.start))
        .map(|(list, _)| list)?;
    let rest: Vec<(&str, String)> = members
        .into_iter()
        .filter(|(k, _)| k.to_lowercase() != "messages")
        .map(|(k, value)| (k, text.get(value).unwrap_or("null").to_owned()))
        .collect();
    Some((object_text(&rest), list))
}
