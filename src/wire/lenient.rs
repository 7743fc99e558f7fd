//! Field readers that never fail: a value of the wrong type reads as absent, so one odd field
//! cannot cost the whole record.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Any type: the value when it has the expected shape, else `None`.
pub fn any<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

/// Text: strings as sent (blank reads as absent), numbers and booleans as their text.
pub fn text<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(value_text(&Value::deserialize(deserializer)?))
}

/// A number: JSON numbers, or strings that hold one.
pub fn number<'de, D>(deserializer: D) -> Result<Option<f64>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(value_number(&Value::deserialize(deserializer)?))
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
