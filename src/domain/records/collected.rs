//! The data the agent was asked to collect (the platform's structured data), as fields a table shows and
//! the list filters by.
//!
//! The assistant's schema decides the shape, so anything may arrive: an object of fields (the usual),
//! nested objects and lists, nulls, numbers as strings, a 1 MB text, markup. Each top-level member
//! becomes one field; nested values are kept as indented JSON for the record and as one line for the
//! list, so nothing sent is dropped and nothing is ever read as HTML.

use serde_json::Value;

use crate::domain::text::long_text::cut;

/// How much of one value the list keeps (for its filter, its badge and CSV); the record shows it whole.
pub const LIST_VALUE_CHARS: usize = 200;

/// One collected field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: FieldValue,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    Number(f64),
    Bool(bool),
    /// Sent as null: the agent did not get it.
    Empty,
    /// An object or a list, as indented JSON.
    Nested(String),
}

impl FieldValue {
    fn read(value: &Value) -> FieldValue {
        match value {
            Value::Null => FieldValue::Empty,
            Value::Bool(b) => FieldValue::Bool(*b),
            Value::Number(n) => n
                .as_f64()
                .filter(|n| n.is_finite())
                .map_or_else(|| FieldValue::Text(n.to_string()), FieldValue::Number),
            Value::String(s) if s.trim().is_empty() => FieldValue::Empty,
            Value::String(s) => FieldValue::Text(s.clone()),
            // Nothing collected: read as a null would be.
            Value::Array(items) if items.is_empty() => FieldValue::Empty,
            // A list of plain values reads best as one line.
            Value::Array(items) if items.iter().all(is_plain) && !items.is_empty() => {
                let parts: Vec<String> = items.iter().map(plain_text).collect();
                FieldValue::Text(parts.join(", "))
            }
            other => FieldValue::Nested(
                serde_json::to_string_pretty(other).unwrap_or_else(|_| other.to_string()),
            ),
        }
    }

    /// The value as the record's table shows it.
    pub fn display(&self) -> String {
        match self {
            FieldValue::Text(t) => t.clone(),
            FieldValue::Number(n) => super::outcome::number(*n),
            FieldValue::Bool(true) => "Yes".to_owned(),
            FieldValue::Bool(false) => "No".to_owned(),
            FieldValue::Empty => "—".to_owned(),
            FieldValue::Nested(json) => json.clone(),
        }
    }

    /// The value on one line, cut for the list: what its filter compares and CSV writes. Empty for
    /// a null.
    pub fn for_list(&self) -> String {
        let text = match self {
            FieldValue::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
            FieldValue::Number(n) => super::outcome::number(*n),
            FieldValue::Bool(b) => b.to_string(),
            FieldValue::Empty => String::new(),
            FieldValue::Nested(json) => serde_json::from_str::<Value>(json)
                .map(|v| v.to_string())
                .unwrap_or_else(|_| json.split_whitespace().collect::<Vec<_>>().join(" ")),
        };
        // Control characters would break the store's separators and a CSV cell's line.
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        cut(&clean, LIST_VALUE_CHARS).to_owned()
    }

    /// Whether the record's table folds it: a nested value or a long text.
    pub fn is_long(&self) -> bool {
        match self {
            FieldValue::Nested(json) => json.lines().count() > 3 || json.len() > 120,
            FieldValue::Text(t) => t.chars().count() > 160 || t.contains('\n'),
            _ => false,
        }
    }
}

fn is_plain(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

fn plain_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The fields of the structured data: an object's members (by name), or the one value under
/// "value" when the schema asked for a single one. Empty for null or an empty object.
pub fn fields_of(value: &Value) -> Vec<Field> {
    match value {
        Value::Null => Vec::new(),
        Value::Object(map) => map
            .iter()
            .map(|(name, value)| Field {
                name: clean_name(name),
                value: FieldValue::read(value),
            })
            .collect(),
        Value::String(text) if text.trim_start().starts_with(['{', '[']) => {
            match serde_json::from_str::<Value>(text.trim()) {
                Ok(parsed @ Value::Object(_)) => fields_of(&parsed),
                Ok(parsed) => single(&parsed),
                Err(_) => single(value),
            }
        }
        Value::String(text) if text.trim().is_empty() => Vec::new(),
        other => single(other),
    }
}

fn single(value: &Value) -> Vec<Field> {
    vec![Field {
        name: "value".to_owned(),
        value: FieldValue::read(value),
    }]
}

/// A field's name on one line, never blank.
fn clean_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !c.is_control()).collect();
    let clean = cut(clean.trim(), 80).to_owned();
    if clean.is_empty() {
        "(unnamed)".to_owned()
    } else {
        clean
    }
}

/// "appointmentDate" → "Appointment date", "renewal_plan" → "Renewal plan": the field's name as a
/// table heading. The raw name stays in the URL and in CSV.
pub fn field_label(name: &str) -> String {
    let mut words = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' || c == '.' {
            words.push(' ');
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(' ');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        words.extend(c.to_lowercase());
    }
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_owned(),
    }
}

/// Whether a field's values (as the list keeps them) are numbers: then it is filtered by a range.
pub fn is_numeric<'a>(values: impl IntoIterator<Item = &'a str>) -> bool {
    let mut any = false;
    for value in values {
        if value.trim().is_empty() {
            continue;
        }
        if value.trim().parse::<f64>().map_or(true, |n| !n.is_finite()) {
            return false;
        }
        any = true;
    }
    any
}
