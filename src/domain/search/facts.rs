//! What the store keeps of each call's platform data, for the list's filters, badges, trends, CSV and
//! campaign figures: whether it met its goal (and the badge's words), its cost, the wait before each
//! agent turn, and the collected fields' values (cut to [`LIST_VALUE_CHARS`]).
//!
//! Kept in columns beside the store's rows: a byte per call for success, interned field names and
//! values (most fields take a handful of values across a campaign), and one flat list of latencies.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::bytes::{put_option, put_option_text, put_text, Reader};
use crate::domain::records::call::CallRecord;
use crate::domain::records::latency::latencies;
use crate::domain::records::outcome::Success;

pub use crate::domain::records::collected::LIST_VALUE_CHARS;

/// A call's platform facts on their way into the store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryFacts<'a> {
    pub success: Success,
    /// What the outcome badge says ("Goal met", "8/10", "Good"); none without an evaluation.
    pub outcome: Option<Cow<'a, str>>,
    pub cost_usd: Option<f64>,
    /// The wait before each agent turn, in milliseconds (capped at 65.5 s).
    pub latencies_ms: Vec<u16>,
    /// Each collected field: its name and its value on one line (empty for a null).
    pub fields: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl EntryFacts<'_> {
    pub fn from_record(record: &CallRecord) -> EntryFacts<'static> {
        let (turn_latencies, _) = latencies(&record.measured_latency, &record.transcript.turns);
        EntryFacts {
            success: record
                .evaluation
                .as_ref()
                .map(|e| e.success())
                .unwrap_or_default(),
            outcome: record.evaluation.as_ref().map(|e| Cow::Owned(e.label())),
            cost_usd: record.cost_usd,
            latencies_ms: turn_latencies
                .iter()
                .map(|l| l.total_ms.clamp(0.0, f64::from(u16::MAX)) as u16)
                .collect(),
            fields: record
                .collected
                .iter()
                .map(|f| (Cow::Owned(f.name.clone()), Cow::Owned(f.value.for_list())))
                .collect(),
        }
    }

    pub fn into_owned(self) -> EntryFacts<'static> {
        EntryFacts {
            outcome: self.outcome.map(|o| Cow::Owned(o.into_owned())),
            fields: self
                .fields
                .into_iter()
                .map(|(n, v)| (Cow::Owned(n.into_owned()), Cow::Owned(v.into_owned())))
                .collect(),
            ..self
        }
    }

    pub(crate) fn encode(&self, out: &mut Vec<u8>) {
        out.push(self.success.code());
        put_option_text(out, self.outcome.as_deref());
        put_option(out, self.cost_usd.map(f64::to_le_bytes));
        out.extend_from_slice(&(self.latencies_ms.len() as u32).to_le_bytes());
        for ms in &self.latencies_ms {
            out.extend_from_slice(&ms.to_le_bytes());
        }
        out.extend_from_slice(&(self.fields.len() as u32).to_le_bytes());
        for (name, value) in &self.fields {
            put_text(out, name);
            put_text(out, value);
        }
    }

    pub(crate) fn decode<'b>(reader: &mut Reader<'b>) -> Option<EntryFacts<'b>> {
        let success = Success::from_code(reader.byte()?);
        let outcome = reader.option(Reader::str)?.map(Cow::Borrowed);
        let cost_usd = reader.option(Reader::f64)?;
        let turns = reader.u32()? as usize;
        // Two bytes each must still be there: a broken count is not an allocation of gigabytes.
        if turns > reader.remaining() / 2 {
            return None;
        }
        let mut latencies_ms = Vec::with_capacity(turns);
        for _ in 0..turns {
            latencies_ms.push(reader.u16()?);
        }
        let count = reader.u32()? as usize;
        if count > reader.remaining() / 8 {
            return None;
        }
        let mut fields = Vec::with_capacity(count);
        for _ in 0..count {
            let name = reader.str()?;
            let value = reader.str()?;
            fields.push((Cow::Borrowed(name), Cow::Borrowed(value)));
        }
        Some(EntryFacts {
            success,
            outcome,
            cost_usd,
            latencies_ms,
            fields,
        })
    }
}

/// Texts seen many times (field names, values, badges), stored once and referred to by number.
#[derive(Debug, Default)]
struct Texts {
    values: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, u32>,
}

impl Texts {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(Box::from(text));
        self.ids.insert(Box::from(text), id);
        id
    }

    fn get(&self, id: u32) -> Option<&str> {
        self.values.get(id as usize).map(|v| &**v)
    }
}

/// The platform facts of every stored call, by call number.
#[derive(Debug, Default)]
pub(crate) struct FactColumns {
    success: Vec<u8>,
    /// The badge's words: 0 for none, else an ID in `texts` plus one.
    outcome: Vec<u32>,
    /// NaN for none: a cost is never NaN (the reader drops non-finite numbers).
    cost: Vec<f64>,
    /// Where each call's latencies start in `latencies` (one more entry than calls).
    latency_at: Vec<u32>,
    latencies: Vec<u16>,
    /// Where each call's fields start in `cells` (one more entry than calls).
    field_at: Vec<u32>,
    /// (name, value), as IDs in `names` and `texts`.
    cells: Vec<(u32, u32)>,
    names: Texts,
    texts: Texts,
}

impl FactColumns {
    pub(crate) fn push(&mut self, facts: &EntryFacts<'_>) {
        if self.latency_at.is_empty() {
            self.latency_at.push(0);
            self.field_at.push(0);
        }
        self.success.push(facts.success.code());
        let outcome = facts.outcome.as_deref().map_or(0, |o| self.texts.id(o) + 1);
        self.outcome.push(outcome);
        self.cost.push(facts.cost_usd.unwrap_or(f64::NAN));
        self.latencies.extend_from_slice(&facts.latencies_ms);
        self.latency_at.push(self.latencies.len() as u32);
        for (name, value) in &facts.fields {
            let name = self.names.id(name);
            let value = self.texts.id(value);
            self.cells.push((name, value));
        }
        self.field_at.push(self.cells.len() as u32);
    }

    pub(crate) fn success(&self, index: u32) -> Success {
        Success::from_code(self.success.get(index as usize).copied().unwrap_or(0))
    }

    pub(crate) fn outcome(&self, index: u32) -> Option<&str> {
        let id = self.outcome.get(index as usize).copied().unwrap_or(0);
        id.checked_sub(1).and_then(|id| self.texts.get(id))
    }

    pub(crate) fn cost(&self, index: u32) -> Option<f64> {
        self.cost
            .get(index as usize)
            .copied()
            .filter(|c| !c.is_nan())
    }

    pub(crate) fn latencies(&self, index: u32) -> &[u16] {
        let i = index as usize;
        let (Some(&from), Some(&to)) = (self.latency_at.get(i), self.latency_at.get(i + 1)) else {
            return &[];
        };
        self.latencies
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    fn cells(&self, index: u32) -> &[(u32, u32)] {
        let i = index as usize;
        let (Some(&from), Some(&to)) = (self.field_at.get(i), self.field_at.get(i + 1)) else {
            return &[];
        };
        self.cells
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    /// The names of every collected field seen, in order of first appearance.
    pub(crate) fn field_names(&self) -> &[Box<str>] {
        &self.names.values
    }

    pub(crate) fn field_id(&self, name: &str) -> Option<u32> {
        self.names.ids.get(name).copied()
    }

    /// The value of field `name` (an ID from [`FactColumns::field_id`]) for one call.
    pub(crate) fn field_value(&self, index: u32, name: u32) -> Option<&str> {
        self.cells(index)
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| self.texts.get(*v))
    }

    /// Every field of one call: name and value.
    pub(crate) fn fields(&self, index: u32) -> impl Iterator<Item = (&str, &str)> {
        self.cells(index)
            .iter()
            .filter_map(|(n, v)| Some((self.names.get(*n)?, self.texts.get(*v)?)))
    }
}

/// One collected field across the campaign, for the filter's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChoice {
    pub name: String,
    /// Its values with how many calls hold each, most held first (at most the number asked for).
    pub values: Vec<(String, u32)>,
    /// Whether every value is a number (then the filter offers a range).
    pub numeric: bool,
}

impl FactColumns {
    /// Every field with its most held values.
    pub(crate) fn field_choices(&self, most: usize) -> Vec<FieldChoice> {
        let mut counts: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for cell in &self.cells {
            *counts.entry(*cell).or_default() += 1;
        }
        let mut by_name: Vec<Vec<(u32, u32)>> = vec![Vec::new(); self.names.values.len()];
        for ((name, value), count) in counts {
            if let Some(values) = by_name.get_mut(name as usize) {
                values.push((value, count));
            }
        }
        by_name
            .into_iter()
            .enumerate()
            .filter_map(|(name, mut values)| {
                values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let numeric = crate::domain::records::collected::is_numeric(
                    values.iter().filter_map(|(v, _)| self.texts.get(*v)),
                );
                Some(FieldChoice {
                    name: self.names.get(name as u32)?.to_owned(),
                    values: values
                        .into_iter()
                        .take(most)
                        .filter_map(|(v, n)| Some((self.texts.get(v)?.to_owned(), n)))
                        .collect(),
                    numeric,
                })
            })
            .collect()
    }
}
