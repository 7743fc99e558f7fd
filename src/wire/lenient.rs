//! Field readers that never fail: a value of the wrong type reads as absent, so one odd field
//! cannot cost the whole record.
//!
//! Atlas keeps records as table entities, whose cells hold no lists or objects: a list such as the
//! messages arrives as a JSON *string* of the list, and numbers and booleans may arrive as strings. The
//! readers here accept both forms.

use serde::de::DeserializeOwned;

/// The scalar visits of a visitor for which any scalar (or null) is simply absent: `$absent` is what
/// each returns. For the readers of lists and objects, where a number or a string is the wrong shape.
macro_rules! scalars_are_absent {
    ($absent:expr) => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok($absent)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok($absent)
        }
    };
}
pub(crate) use scalars_are_absent;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Any value as sent, except that a string holding a JSON list or object (a table cell) is read as that
/// list or object. For the small fields read later by hand (customer, timestamps, a campaign).
pub fn any<'de, D>(deserializer: D) -> Result<Option<Value>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(Some(match Value::deserialize(deserializer)? {
        Value::String(text) => embedded_json(&text).unwrap_or(Value::String(text)),
        other => other,
    }))
}

/// An object read straight into `T` as it is read (no tree of values first), or a table cell holding
/// one as text; anything else (a list included) is absent. For the records' nested objects, which hold
/// most of a record (an artifact holds the messages).
pub fn object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    use serde::de::{self, MapAccess, SeqAccess, Visitor};
    use std::marker::PhantomData;

    struct ObjectOrCell<T>(PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for ObjectOrCell<T> {
        type Value = Option<T>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(object_in_cell(text))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            Ok(None)
        }

        scalars_are_absent!(None);
    }
    deserializer.deserialize_any(ObjectOrCell(PhantomData))
}

/// The object a table cell holds as text, read with its keys folded.
fn object_in_cell<T: DeserializeOwned>(text: &str) -> Option<T> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') {
        return None;
    }
    let repaired = super::surrogates::repair(trimmed);
    let mut json = serde_json::Deserializer::from_str(&repaired);
    let value = T::deserialize(super::fold::Folding(&mut json)).ok()?;
    json.end().ok()?;
    Some(value)
}

/// The list or object a table cell holds as text, keys folded like the rest of the record.
pub fn embedded_json(text: &str) -> Option<Value> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with(['[', '{']) {
        return None;
    }
    let repaired = super::surrogates::repair(trimmed);
    serde_json::from_str::<Value>(&repaired)
        .ok()
        .map(super::fold_keys)
}

/// Text: strings as sent (blank reads as absent), numbers and booleans as their text.
pub fn text<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    // By value: a 10 MB summary is moved, not copied.
    Ok(match Value::deserialize(deserializer)? {
        Value::String(s) if !s.trim().is_empty() => Some(s),
        other => value_text(&other),
    })
}

/// A number: JSON numbers, or strings that hold one.
pub fn number<'de, D>(deserializer: D) -> Result<Option<f64>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(value_number(&Value::deserialize(deserializer)?))
}

/// A boolean: JSON booleans, `"true"`/`"false"` (any case, also `yes`/`no`, `1`/`0`), or 1 and 0.
pub fn boolean<'de, D>(deserializer: D) -> Result<Option<bool>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(value_bool(&Value::deserialize(deserializer)?))
}

pub fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub fn value_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

pub fn value_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_f64() {
            Some(1.0) => Some(true),
            Some(0.0) => Some(false),
            _ => None,
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The record's ID, trimmed; a record without one cannot be linked to, so it is not shown.
pub fn required_id(id: Option<String>, what: &str) -> Result<String, String> {
    id.map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
        .ok_or_else(|| format!("the {what} has no ID"))
}

/// What kind of JSON value this is, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
