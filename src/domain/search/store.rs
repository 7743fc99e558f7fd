//! Every loaded call of a campaign, held once and compactly; views refer to calls by number.
//!
//! A full [`CallRecord`] carries turn vectors, strings per field and an enum per speaker. For 100,000
//! calls that is hundreds of thousands of small allocations, so the store keeps only what the list,
//! filters, search and export need: fixed-size rows, interned statuses and end reasons, and one text arena
//! holding each call's customer, summary and spoken transcript back to back. The record page still fetches
//! the full call when it is opened.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::bitset::BitSet;
use super::facts::FactColumns;
use super::index::{SearchIndex, SearchQuery};
use super::word_table::WordTable;
use crate::domain::records::call::CallRecord;
use crate::domain::records::end_reason::EndReason;
use crate::domain::records::time::Timestamp;

/// The fixed-size part of one stored call.
#[derive(Clone, Debug)]
struct StoredCall {
    id: Box<str>,
    when: Option<Timestamp>,
    /// What the time order sorts by: `when`, else when the record last changed.
    sort_at: Option<Timestamp>,
    duration_ms: Option<u32>,
    status: u32,
    reason: u32,
    has_recording: bool,
    /// Where this call's texts start in the arena (block and offset), and their lengths in bytes.
    text_block: u32,
    text_at: u32,
    lens: [u32; 4],
}

pub use super::store_entry::KEPT_PER_TEXT;
use super::store_entry::{EntryScratch, StoreEntry};

/// One stored call, read back: borrowed from the store, for rows and export.
#[derive(Clone, Copy, Debug)]
pub struct StoredCallRef<'a> {
    pub index: u32,
    pub id: &'a str,
    pub when: Option<Timestamp>,
    pub duration_seconds: Option<f64>,
    pub status: Option<&'a str>,
    pub end_reason: &'a EndReason,
    pub has_recording: bool,
    pub name: Option<&'a str>,
    pub number: Option<&'a str>,
    pub summary: Option<&'a str>,
    /// Spoken turns, one per line, each led by its speaker ("Agent: ...").
    pub transcript: &'a str,
    /// Whether the call met its goal, and the outcome badge's words.
    pub success: crate::domain::records::outcome::Success,
    pub outcome: Option<&'a str>,
    pub cost_usd: Option<f64>,
}

/// Values seen many times, stored once and referred to by number.
#[derive(Debug)]
struct Interner<T> {
    values: Vec<T>,
    ids: HashMap<T, u32>,
}

impl<T: Clone + Eq + std::hash::Hash> Interner<T> {
    fn new() -> Self {
        Interner {
            values: Vec::new(),
            ids: HashMap::new(),
        }
    }

    fn get(&self, id: u32) -> Option<&T> {
        self.values.get(id as usize)
    }

    fn id(&mut self, value: T) -> u32 {
        if let Some(&id) = self.ids.get(&value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.clone());
        self.ids.insert(value, id);
        id
    }
}

/// Calls sorted by one key, ascending, and the calls that lack the key (shown last in either direction).
#[derive(Debug, Default)]
struct Order {
    keyed: Vec<u32>,
    unkeyed: Vec<u32>,
    /// How many calls the store held when this order was built.
    built_for: usize,
}

/// The two orders the list offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    Time,
    Duration,
}

/// Entries on their way into the store, with their words: in each entry (read on the page), or in one
/// table for the slice (read by the worker; its entries have none of their own).
#[derive(Debug, Default)]
pub struct EntrySlice<'a> {
    pub entries: Vec<StoreEntry<'a>>,
    pub words: Option<WordTable<'a>>,
}

pub struct CallStore {
    calls: Vec<StoredCall>,
    by_id: FxHashMap<Box<str>, u32>,
    statuses: Interner<Option<Box<str>>>,
    reasons: Interner<EndReason>,
    text: TextArena,
    /// Reused while a call is made into an entry, so adding allocates only for what is kept.
    scratch: EntryScratch,
    index: SearchIndex,
    by_time: Order,
    by_duration: Order,
    /// The platform's data of each call, in columns.
    facts: FactColumns,
}

impl Default for CallStore {
    fn default() -> Self {
        Self::new()
    }
}

impl CallStore {
    pub fn new() -> Self {
        CallStore {
            calls: Vec::new(),
            by_id: FxHashMap::default(),
            statuses: Interner::new(),
            reasons: Interner::new(),
            text: TextArena::default(),
            scratch: EntryScratch::default(),
            index: SearchIndex::default(),
            by_time: Order::default(),
            by_duration: Order::default(),
            facts: FactColumns::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.calls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Adds a call unless one with its ID is already here (date windows and pages can overlap).
    /// Returns whether it was added.
    pub fn add(&mut self, record: CallRecord) -> bool {
        if self.by_id.contains_key(record.id.as_str()) {
            return false;
        }
        let entry = StoreEntry::from_record(record, &mut self.scratch);
        self.push(entry).is_some()
    }

    /// Adds a call made into an entry elsewhere (the reading worker), unless one with its ID is here.
    pub fn insert(&mut self, entry: StoreEntry<'_>) -> bool {
        self.push(entry).is_some()
    }

    /// Adds a slice of entries (see [`EntrySlice`]) unless their IDs are here; returns how many were
    /// added.
    pub fn insert_slice(&mut self, slice: EntrySlice<'_>) -> usize {
        self.insert_slice_where(slice, |_| true)
    }

    /// [`CallStore::insert_slice`], leaving out the entries `wanted` refuses (kept calls the API is asked
    /// for again).
    pub fn insert_slice_where(
        &mut self,
        slice: EntrySlice<'_>,
        wanted: impl Fn(&StoreEntry<'_>) -> bool,
    ) -> usize {
        let EntrySlice { entries, words } = slice;
        let numbers: Vec<Option<u32>> = entries
            .into_iter()
            .map(|e| if wanted(&e) { self.push(e) } else { None })
            .collect();
        if let Some(words) = words {
            self.index.add_table(&words, &numbers);
        }
        numbers.iter().flatten().count()
    }

    /// Adds a call unless one with its ID is here: its number, or `None`. The ID is looked up once (a
    /// duplicate is rare: only where date windows or pages overlap).
    fn push(&mut self, entry: StoreEntry<'_>) -> Option<u32> {
        let index = self.calls.len() as u32;
        match self.by_id.entry(Box::from(&*entry.id)) {
            Entry::Occupied(_) => return None,
            Entry::Vacant(slot) => slot.insert(index),
        };
        let added = self.index.add_words(&entry.words);
        debug_assert_eq!(added, index);
        let (text_block, text_at) = self.text.push(&entry.text);
        let status = self.statuses.id(entry.status.map(|s| Box::from(&*s)));
        let reason = self.reasons.id(entry.end_reason);
        self.facts.push(&entry.facts);
        self.calls.push(StoredCall {
            id: Box::from(&*entry.id),
            when: entry.when,
            sort_at: entry.sort_at,
            duration_ms: entry.duration_ms,
            status,
            reason,
            has_recording: entry.has_recording,
            text_block,
            text_at,
            lens: entry.lens,
        });
        Some(index)
    }

    /// Forgets every call (a refresh starts over).
    pub fn clear(&mut self) {
        *self = CallStore::new();
    }

    pub fn position_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, index: u32) -> Option<StoredCallRef<'_>> {
        let call = self.calls.get(index as usize)?;
        let block = self.text.block(call.text_block);
        let mut at = call.text_at as usize;
        let mut parts = [""; 4];
        for (part, len) in parts.iter_mut().zip(call.lens.iter()) {
            let end = at + *len as usize;
            *part = block.get(at..end).unwrap_or("");
            at = end;
        }
        // The order `StoreEntry::without_words` writes them in.
        let [name, number, summary, transcript] = parts;
        let some = |s: &'_ str| -> bool { !s.is_empty() };
        Some(StoredCallRef {
            index,
            id: &call.id,
            when: call.when,
            duration_seconds: call.duration_ms.map(|ms| f64::from(ms) / 1000.0),
            status: self.statuses.get(call.status).and_then(Option::as_deref),
            end_reason: self.reasons.get(call.reason).unwrap_or(&EndReason::Missing),
            has_recording: call.has_recording,
            name: some(name).then_some(name),
            number: some(number).then_some(number),
            summary: some(summary).then_some(summary),
            transcript,
            success: self.facts.success(index),
            outcome: self.facts.outcome(index),
            cost_usd: self.facts.cost(index),
        })
    }

    /// The calls to a customer number (as [`number_key`](crate::domain::records::phone::number_key) reduces it),
    /// newest first; calls without a time last.
    pub fn calls_to_number(&self, key: &str) -> Vec<u32> {
        let mut buffer = String::with_capacity(16);
        let mut found: Vec<(Option<Timestamp>, u32)> = (0..self.calls.len() as u32)
            .filter_map(|index| {
                let call = self.get(index)?;
                let same =
                    crate::domain::records::phone::number_key_into(call.number?, &mut buffer)
                        && buffer == key;
                same.then_some((call.when, index))
            })
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        found.into_iter().map(|(_, index)| index).collect()
    }

    /// Statuses present, in order of first appearance.
    pub fn statuses(&self) -> impl Iterator<Item = &str> {
        self.statuses.values.iter().filter_map(|s| s.as_deref())
    }

    /// Interned end reasons, numbered as [`CallStore::reason_id`] numbers them.
    pub fn reasons(&self) -> &[EndReason] {
        &self.reasons.values
    }

    pub(crate) fn reason_id(&self, index: u32) -> u32 {
        self.calls.get(index as usize).map_or(0, |c| c.reason)
    }

    /// Interned statuses, numbered as [`CallStore::status_id`] numbers them.
    pub(crate) fn status_values(&self) -> &[Option<Box<str>>] {
        &self.statuses.values
    }

    pub(crate) fn status_id(&self, index: u32) -> u32 {
        self.calls.get(index as usize).map_or(0, |c| c.status)
    }

    pub(crate) fn when_of(&self, index: u32) -> Option<Timestamp> {
        self.calls.get(index as usize).and_then(|c| c.when)
    }

    pub(crate) fn duration_ms_of(&self, index: u32) -> Option<u32> {
        self.calls.get(index as usize).and_then(|c| c.duration_ms)
    }

    /// Whether the call met its goal, by the platform's evaluation.
    pub fn success_of(&self, index: u32) -> crate::domain::records::outcome::Success {
        self.facts.success(index)
    }

    /// The outcome badge's words, when the call was evaluated.
    pub fn outcome_of(&self, index: u32) -> Option<&str> {
        self.facts.outcome(index)
    }

    pub fn cost_of(&self, index: u32) -> Option<f64> {
        self.facts.cost(index)
    }

    /// The wait before each agent turn, in milliseconds.
    pub fn latencies_of(&self, index: u32) -> &[u16] {
        self.facts.latencies(index)
    }

    /// Every collected field's name seen in the campaign, in order of first appearance.
    pub fn field_names(&self) -> &[Box<str>] {
        self.facts.field_names()
    }

    /// Every collected field with its `most` most held values, for the filter.
    pub fn field_choices(&self, most: usize) -> Vec<super::facts::FieldChoice> {
        self.facts.field_choices(most)
    }

    pub fn field_id(&self, name: &str) -> Option<u32> {
        self.facts.field_id(name)
    }

    /// One call's value of a collected field (by [`CallStore::field_id`]).
    pub fn field_value(&self, index: u32, field: u32) -> Option<&str> {
        self.facts.field_value(index, field)
    }

    /// One call's collected fields, name and value.
    pub fn fields_of(&self, index: u32) -> impl Iterator<Item = (&str, &str)> {
        self.facts.fields(index)
    }

    pub fn has_recording(&self, index: u32) -> bool {
        self.calls
            .get(index as usize)
            .is_some_and(|c| c.has_recording)
    }

    /// Calls matching the query's words and phrases, or `None` when the query is empty.
    pub fn search(&mut self, query: &SearchQuery) -> Option<BitSet> {
        let mut hits = self.index.candidates(query)?;
        if !query.phrases.is_empty() {
            let candidates: Vec<u32> = hits.iter().collect();
            let mut confirmed = BitSet::new(self.len());
            for index in candidates {
                if let Some(call) = self.get(index) {
                    let text = [
                        call.name.unwrap_or(""),
                        call.summary.unwrap_or(""),
                        call.transcript,
                    ];
                    if text.iter().any(|t| query.phrases_match(t)) {
                        confirmed.insert(index);
                    }
                }
            }
            hits = confirmed;
        }
        Some(hits)
    }

    /// Brings the order of `key` up to date with the calls added since it was last built; call it before
    /// [`CallStore::ordered`].
    pub fn prepare_order(&mut self, key: SortKey) {
        self.refresh_order(key);
    }

    /// Every call in the order of `key` (ascending, or descending when `descending`); calls without the
    /// key come last either way. Calls added since [`CallStore::prepare_order`] are not in it.
    pub fn ordered(&self, key: SortKey, descending: bool) -> impl Iterator<Item = u32> + '_ {
        let order = match key {
            SortKey::Time => &self.by_time,
            SortKey::Duration => &self.by_duration,
        };
        let keyed: Box<dyn Iterator<Item = u32> + '_> = if descending {
            Box::new(order.keyed.iter().rev().copied())
        } else {
            Box::new(order.keyed.iter().copied())
        };
        keyed.chain(order.unkeyed.iter().copied())
    }

    fn refresh_order(&mut self, key: SortKey) {
        let len = self.calls.len();
        let calls = &self.calls;
        let order = match key {
            SortKey::Time => &mut self.by_time,
            SortKey::Duration => &mut self.by_duration,
        };
        if order.built_for == len {
            return;
        }
        let value = |i: u32| -> Option<i64> {
            let call = calls.get(i as usize)?;
            match key {
                SortKey::Time => call.sort_at.map(|t| t.0),
                SortKey::Duration => call.duration_ms.map(i64::from),
            }
        };
        // Only the calls added since the last build are sorted; they are then merged into the order
        // already built. Calls arrive a window at a time, so this is O(n) per window, not O(n log n).
        let (mut fresh, unkeyed): (Vec<u32>, Vec<u32>) =
            (order.built_for as u32..len as u32).partition(|&i| value(i).is_some());
        // Stable, so equal keys keep arrival order.
        fresh.sort_by_key(|&i| value(i));
        let old = std::mem::take(&mut order.keyed);
        let mut merged = Vec::with_capacity(old.len() + fresh.len());
        let (mut a, mut b) = (old.into_iter().peekable(), fresh.into_iter().peekable());
        while let (Some(&x), Some(&y)) = (a.peek(), b.peek()) {
            // Ties go to the older arrival, as a stable sort of everything would place them.
            if value(y) < value(x) {
                merged.push(y);
                b.next();
            } else {
                merged.push(x);
                a.next();
            }
        }
        merged.extend(a);
        merged.extend(b);
        order.keyed = merged;
        order.unkeyed.extend(unkeyed);
        order.built_for = len;
    }
}

/// Text kept in blocks of about a megabyte, each call's text whole inside one block. One growing
/// `String` would copy everything loaded so far each time it doubles: at 100,000 calls that is a copy of
/// 128 MB in one task.
#[derive(Default)]
struct TextArena {
    blocks: Vec<String>,
}

impl TextArena {
    const BLOCK: usize = 1 << 20;

    /// Stores `text`; returns its block and offset.
    fn push(&mut self, text: &str) -> (u32, u32) {
        let fits = self
            .blocks
            .last()
            .is_some_and(|block| block.capacity() - block.len() >= text.len());
        if !fits {
            self.blocks
                .push(String::with_capacity(Self::BLOCK.max(text.len())));
        }
        let index = self.blocks.len().saturating_sub(1);
        let Some(block) = self.blocks.last_mut() else {
            return (0, 0);
        };
        let at = block.len();
        block.push_str(text);
        (index as u32, at as u32)
    }

    fn block(&self, index: u32) -> &str {
        self.blocks.get(index as usize).map_or("", String::as_str)
    }
}
