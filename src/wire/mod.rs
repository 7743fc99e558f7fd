//! Wire formats: what the servers send, read tolerantly, then turned into domain types.
//!
//! Atlas and Vapi disagree on casing (`EndedReason` vs `endedReason`), on envelopes (bare arrays, `value`,
//! `data`, ...) and on where fields sit (`artifact.*` or the top level). Reading goes in three steps:
//! 1. parse the text as JSON and fold every object key to lower case, so casing stops mattering;
//! 2. unwrap envelopes;
//! 3. read each record on its own into a wire struct whose every field tolerates a wrong type, then convert.
//!
//! One record that cannot be read is reported in [`Parsed::skipped`]; the others still show.

mod call;
mod campaign;
mod fold;
mod lenient;
mod list_page;
mod message;
mod scan;
mod split_call;
mod surrogates;

use serde_json::Value;

use crate::domain::{CallRecord, Campaign};
use list_page::split_list;

pub use call::WireCall;
pub use campaign::WireCampaign;
pub use list_page::{split_calls_page, split_calls_page_checked, ListPage};
pub use split_call::{
    check_json, repaired, split_call, split_checked_call, SplitCall, MESSAGES_PER_SLICE,
};

/// Why a response body could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("the response is not valid JSON ({0})")]
    NotJson(String),
    #[error("the response has no {0} with an ID where one was expected")]
    Shape(&'static str),
}

/// A record that was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Position in the list as sent, from 0.
    pub index: usize,
    pub reason: String,
}

/// The readable records of a list, with the ones that were not.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed<T> {
    pub items: Vec<T>,
    pub skipped: Vec<Skipped>,
}

/// What the request that brought a record asked for, which some fields are read against.
#[derive(Clone, Copy, Debug, Default)]
pub struct Asked<'a> {
    /// The campaign whose calls were asked for: a table entity's `PartitionKey` that equals it is the
    /// call's campaign.
    pub campaign: Option<&'a str>,
}

/// A wire type that reads one record from a JSON value (keys already folded) and becomes a domain value.
pub(crate) trait WireRecord: serde::de::DeserializeOwned {
    type Domain;
    /// What the record is called in messages: "call record", "campaign".
    const NAME: &'static str;

    /// Checks and converts; `Err` says why the record cannot be shown.
    fn into_domain(self, asked: Asked<'_>) -> Result<Self::Domain, String>;

    /// Reads one record; fails only when the value is not an object at all.
    fn read(value: Value, asked: Asked<'_>) -> Result<Self::Domain, String> {
        if !value.is_object() {
            return Err(format!(
                "a {} should be an object, found {}",
                Self::NAME,
                lenient::kind(&value)
            ));
        }
        serde_json::from_value::<Self>(value)
            .map_err(|e| e.to_string())?
            .into_domain(asked)
    }
}

/// Reads a list of call records.
pub fn parse_calls(text: &str) -> Result<Parsed<CallRecord>, WireError> {
    parse_list::<WireCall>(text, Asked::default())
}

/// Reads one call record from its JSON text (a range given by [`split_calls_page`]).
pub fn read_call(text: &str) -> Result<CallRecord, String> {
    read_record::<WireCall>(text, Asked::default())
}

/// [`read_call`] for a record of a list that was asked for as the campaign `asked` names.
///
/// A list keeps only the start of each call's transcript (see the store), so a huge record (over
/// [`BIG_RECORD_BYTES`]) is split and only its first [`MESSAGES_PER_SLICE`] messages are read: reading
/// 50,000 messages for a list row would hold the page for a few hundred milliseconds.
pub fn read_call_in(text: &str, asked: Asked<'_>) -> Result<CallRecord, String> {
    if text.len() <= BIG_RECORD_BYTES {
        return read_record::<WireCall>(text, asked);
    }
    let text = surrogates::repair(text);
    let split = split_call(&text, asked).map_err(|e| e.to_string())?;
    let turns = split.turns(0..MESSAGES_PER_SLICE);
    Ok(split.with_turns(turns))
}

/// Records larger than this are read in parts (see [`split_call`]).
pub const BIG_RECORD_BYTES: usize = 256 * 1024;

/// Reads one record straight from its text into the wire struct, folding keys as it reads (see
/// [`fold`]). It reads exactly what [`read_call_reference`] reads, at a fraction of the cost: no tree
/// of values for the whole record, and no second pass to fold its keys.
pub(super) fn read_record<W: WireRecord>(
    text: &str,
    asked: Asked<'_>,
) -> Result<W::Domain, String> {
    let text = surrogates::repair(text);
    if !text.trim_start().starts_with('{') {
        // Not an object: say what it is instead, as the reference reader does.
        let value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        return Err(format!(
            "a {} should be an object, found {}",
            W::NAME,
            lenient::kind(&value)
        ));
    }
    let mut json = serde_json::Deserializer::from_str(&text);
    let wire = W::deserialize(fold::Folding(&mut json)).map_err(|e| e.to_string())?;
    json.end().map_err(|e| e.to_string())?;
    wire.into_domain(asked)
}

/// The reference reader of a call record: the whole record parsed into JSON values, every key folded,
/// then read. Slower, and plainly right; the differential tests hold the fast reader to it.
pub fn read_call_reference(text: &str, asked: Asked<'_>) -> Result<CallRecord, String> {
    let text = surrogates::repair(text);
    let value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    WireCall::read(fold_keys_but_verbatim(value), asked)
}

/// The keys whose values the fast reader reads as sent ([`fold::Verbatim`]): the evaluation and the
/// collected data, whose keys are the assistant's schema's words.
const VERBATIM_KEYS: [&str; 3] = ["successevaluation", "successresult", "structureddata"];

/// [`fold_keys`], leaving the values of [`VERBATIM_KEYS`] as sent, as the fast reader does.
fn fold_keys_but_verbatim(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut folded = serde_json::Map::with_capacity(map.len());
            for (key, inner) in map {
                let key = key.to_lowercase();
                let keep = VERBATIM_KEYS.contains(&key.as_str());
                folded.entry(key).or_insert_with(|| {
                    if keep {
                        inner
                    } else {
                        fold_keys_but_verbatim(inner)
                    }
                });
            }
            Value::Object(folded)
        }
        Value::Array(items) => {
            Value::Array(items.into_iter().map(fold_keys_but_verbatim).collect())
        }
        other => other,
    }
}

/// Reads one call record.
pub fn parse_call(text: &str) -> Result<CallRecord, WireError> {
    parse_one::<WireCall>(text, Asked::default())
}

/// Reads a list of campaigns.
pub fn parse_campaigns(text: &str) -> Result<Parsed<Campaign>, WireError> {
    parse_list::<WireCampaign>(text, Asked::default())
}

/// Reads one campaign.
pub fn parse_campaign(text: &str) -> Result<Campaign, WireError> {
    parse_one::<WireCampaign>(text, Asked::default())
}

fn parse_one<W: WireRecord>(text: &str, asked: Asked<'_>) -> Result<W::Domain, WireError> {
    let text = surrogates::repair(text);
    // The whole body is checked, so a broken one is named as such rather than as a missing record.
    serde_json::from_str::<serde::de::IgnoredAny>(&text)
        .map_err(|e| WireError::NotJson(e.to_string()))?;
    let record = locate_one(&text)?;
    let record = text.get(record).ok_or(WireError::Shape(W::NAME))?;
    read_record::<W>(record, asked).map_err(|_| WireError::Shape(W::NAME))
}

/// Where the one record inside an envelope lies: the first object, going in through the envelope
/// keys, that carries an ID.
pub(super) fn locate_one(text: &str) -> Result<std::ops::Range<usize>, WireError> {
    let bytes = text.as_bytes();
    let mut at = text.len() - text.trim_start().len();
    for _ in 0..4 {
        if bytes.get(at) != Some(&b'{') {
            return Err(WireError::Shape("record"));
        }
        let (members, end) = scan::object_members(bytes, at).ok_or(WireError::Shape("record"))?;
        if members
            .keys()
            .any(|key| ID_KEYS.contains(&key.to_lowercase().as_str()))
        {
            return Ok(at..end);
        }
        at = ENVELOPE_KEYS
            .iter()
            .find_map(|wanted| {
                members.iter().find_map(|(key, range)| {
                    let object = bytes.get(range.start) == Some(&b'{');
                    (key.to_lowercase() == *wanted && object).then_some(range.start)
                })
            })
            .ok_or(WireError::Shape("record with an ID"))?;
    }
    Err(WireError::Shape("record"))
}

/// Reads the error body the API sends with a failing status, for the message people see.
pub fn parse_error_message(text: &str) -> Option<String> {
    let value = parse_normalised(text).ok()?;
    let message = value.get("message")?;
    // Nest validation errors send a list of messages.
    let text = match message {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("; "),
        _ => return None,
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.chars().take(300).collect())
}

/// Reads a whole list at once, through the same splitting and per-record reading as the progressive
/// loader, so the tests of this function test what the app runs.
fn parse_list<W: WireRecord>(text: &str, asked: Asked<'_>) -> Result<Parsed<W::Domain>, WireError> {
    let page = split_list(text)?;
    let mut parsed = Parsed {
        items: Vec::with_capacity(page.records.len()),
        skipped: Vec::new(),
    };
    for (index, range) in page.records.into_iter().enumerate() {
        let record = text
            .get(range)
            .ok_or_else(|| "the record lies outside the response".to_owned());
        match record.and_then(|record| read_record::<W>(record, asked)) {
            Ok(item) => parsed.items.push(item),
            Err(reason) => parsed.skipped.push(Skipped { index, reason }),
        }
    }
    Ok(parsed)
}

fn parse_normalised(text: &str) -> Result<Value, WireError> {
    let text = surrogates::repair(text);
    let value: Value =
        serde_json::from_str(&text).map_err(|e| WireError::NotJson(e.to_string()))?;
    Ok(fold_keys(value))
}

/// Lower-cases every object key, depth first. When two keys fold to the same name, the first one wins.
pub(crate) fn fold_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut folded = serde_json::Map::with_capacity(map.len());
            for (key, inner) in map {
                folded
                    .entry(key.to_lowercase())
                    .or_insert_with(|| fold_keys(inner));
            }
            Value::Object(folded)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(fold_keys).collect()),
        other => other,
    }
}

pub(crate) const ENVELOPE_KEYS: [&str; 6] =
    ["value", "data", "items", "results", "records", "calls"];

/// The keys a record's ID may go by: `id`, a table entity's `RowKey`, or `callId`/`_id`.
pub(crate) const ID_KEYS: [&str; 4] = ["id", "rowkey", "callid", "_id"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_the_first_of_two_colliding_keys() {
        let value = fold_keys(serde_json::json!({"EndedReason": "a", "endedReason": "b"}));
        assert_eq!(value["endedreason"], "a");
    }

    #[test]
    fn a_list_envelope_nested_twice_is_opened() {
        let text = r#"{"data": {"items": [1]}}"#;
        let page = split_list(text).unwrap();
        let items: Vec<&str> = page.records.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(items, ["1"]);
    }
}
