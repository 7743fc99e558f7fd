//! The tools an agent called during a call, each paired with its result.
//!
//! The platform writes a tool call as a message (`role: "tool_calls"`, with `toolCalls[]`: an ID, the
//! function's name and its arguments as JSON text) and its result as a later message
//! (`role: "tool_call_result"`, with the `toolCallId` it answers). Results may come out of order, or
//! with no call before them (the call fell outside what was sent); both still show.

use serde_json::Value;

use super::call::Turn;
use super::collected::{fields_of, Field};

/// The part of a tool call one transcript turn carries.
#[derive(Clone, Debug, PartialEq)]
pub enum ToolPart {
    Call {
        id: Option<String>,
        name: String,
        /// As sent: usually JSON text.
        arguments: Option<String>,
    },
    Result {
        /// The call it answers.
        id: Option<String>,
        name: Option<String>,
        result: String,
    },
}

/// A tool call with its result, as the transcript's card shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ToolCall {
    pub name: String,
    pub arguments: Arguments,
    pub result: Option<String>,
    /// The turn the call sits at (the result's, when the call is missing).
    pub turn: usize,
    /// The turn of its result, when paired (the transcript shows it inside the card, not again).
    pub result_turn: Option<usize>,
    /// Seconds from the call to its result, when both times are known.
    pub took_seconds: Option<f64>,
}

/// A tool call's arguments, read for people.
#[derive(Clone, Debug, PartialEq)]
pub enum Arguments {
    None,
    /// A JSON object: a field a row.
    Fields(Vec<Field>),
    /// Other JSON, indented.
    Json(String),
    /// Not JSON: as sent.
    Text(String),
}

impl Arguments {
    pub fn read(text: Option<&str>) -> Arguments {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return Arguments::None;
        };
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) if map.is_empty() => Arguments::None,
            Ok(value @ Value::Object(_)) => Arguments::Fields(fields_of(&value)),
            Ok(value) => Arguments::Json(
                serde_json::to_string_pretty(&value).unwrap_or_else(|_| text.to_owned()),
            ),
            Err(_) => Arguments::Text(text.to_owned()),
        }
    }
}

/// Pairs every tool call of `turns` with its result: by the ID the result names, wherever the call
/// sits (results may come before their calls); a result with no ID goes to the nearest earlier call of
/// its name still waiting. A result nobody called becomes a card of its own.
pub fn pair_tool_calls(turns: &[Turn]) -> Vec<ToolCall> {
    let mut calls: Vec<(ToolCall, Option<&str>)> = Vec::new();
    for (index, turn) in turns.iter().enumerate() {
        if let Some(ToolPart::Call {
            id,
            name,
            arguments,
        }) = turn.tool.as_deref()
        {
            let call = ToolCall {
                name: name.clone(),
                arguments: Arguments::read(arguments.as_deref()),
                result: None,
                turn: index,
                result_turn: None,
                took_seconds: None,
            };
            calls.push((call, id.as_deref()));
        }
    }
    let mut orphans = Vec::new();
    for (index, turn) in turns.iter().enumerate() {
        let Some(ToolPart::Result { id, name, result }) = turn.tool.as_deref() else {
            continue;
        };
        let waiting = |(call, call_id): &&mut (ToolCall, Option<&str>)| {
            call.result_turn.is_none()
                && match id.as_deref() {
                    Some(id) => *call_id == Some(id),
                    None => call.turn < index && name.as_deref() == Some(call.name.as_str()),
                }
        };
        let found = match id {
            Some(_) => calls.iter_mut().find(waiting),
            None => calls.iter_mut().rev().find(waiting),
        };
        match found {
            Some((call, _)) => {
                call.result = Some(result.clone());
                call.result_turn = Some(index);
                call.took_seconds = turns
                    .get(call.turn)
                    .and_then(|t| t.at_seconds)
                    .zip(turn.at_seconds)
                    .map(|(from, to)| to - from)
                    .filter(|s| s.is_finite() && *s >= 0.0);
            }
            None => orphans.push(ToolCall {
                name: name.clone().unwrap_or_else(|| "Unnamed tool".to_owned()),
                arguments: Arguments::None,
                result: Some(result.clone()),
                turn: index,
                result_turn: Some(index),
                took_seconds: None,
            }),
        }
    }
    let mut paired: Vec<ToolCall> = calls.into_iter().map(|(call, _)| call).collect();
    paired.extend(orphans);
    paired.sort_by_key(|c| c.turn);
    paired
}
