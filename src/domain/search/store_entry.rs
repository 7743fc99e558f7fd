//! What the store keeps of one call, made from a full record, and its bytes for the trip from the reading
//! worker to the page.
//!
//! Making an entry is most of a load's work (reading the JSON, joining the texts, folding every word for
//! the index), and none of it needs the store: a Web Worker does it for the calls list (see
//! `browser::reader_worker`), and the page only inserts what arrives. The bytes are this crate's own
//! format, written and read by the same build, so they need no schema: length-prefixed fields in a fixed
//! order, and a reader that returns `None` on anything short or out of place instead of trusting it.

use std::borrow::Cow;
use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};

use super::bytes::{put_option, put_option_text, put_text, Reader};
use super::facts::EntryFacts;
use crate::domain::records::call::{CallRecord, Speaker};
use crate::domain::records::end_reason::EndReason;
use crate::domain::records::time::Timestamp;
use crate::domain::text::long_text::cut;
use crate::domain::text::words::for_each_word;

/// How much of a call's summary, and of its transcript, the store keeps for search, rows and export.
/// A 10 MB text (seen from misbehaving servers) would otherwise take seconds to index in one task; the
/// record page still shows the whole text.
pub const KEPT_PER_TEXT: usize = 200_000;

/// Where the transcript's length sits in an entry's `lens`, after the name's, the number's and the
/// summary's (read back in that order by the store).
const TRANSCRIPT: usize = 3;

/// One call as the store takes it. Its texts are borrowed when it is read from the worker's bytes (the
/// store copies them once, into its arena) and owned when it is made from a record.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreEntry<'a> {
    pub id: Cow<'a, str>,
    /// When the call began, else when the record was made.
    pub when: Option<Timestamp>,
    /// What the time order sorts by: `when`, else when the record last changed.
    pub sort_at: Option<Timestamp>,
    /// When the record was made, else when the call began: what the loader checks against its window.
    pub made_at: Option<Timestamp>,
    pub duration_ms: Option<u32>,
    pub status: Option<Cow<'a, str>>,
    pub end_reason: EndReason,
    pub has_recording: bool,
    /// Customer name, number, summary and spoken transcript back to back; `lens` says where each ends.
    pub text: Cow<'a, str>,
    pub lens: [u32; 4],
    /// Every folded word of the searchable texts (name, summary, what was said), once each, in order of
    /// first appearance, separated by spaces: what the search index adds.
    pub words: Cow<'a, str>,
    /// The platform's data: success, cost, latencies, collected fields.
    pub facts: EntryFacts<'a>,
}

/// Buffers reused from one entry to the next, so making an entry allocates only what it keeps.
#[derive(Default)]
pub struct EntryScratch {
    word: String,
    /// A hash of each word kept so far, to where it sits in the words: no allocation per word.
    seen: FxHashMap<u64, (u32, u32)>,
}

impl StoreEntry<'_> {
    pub fn from_record(record: CallRecord, scratch: &mut EntryScratch) -> StoreEntry<'static> {
        let (mut entry, searched) = StoreEntry::without_words(record);
        let words = distinct_words(searched.iter().map(|r| entry.searched(r)), scratch);
        entry.words = Cow::Owned(words);
        entry
    }

    /// The entry with no words yet, and the byte ranges of its text that search reads (name, summary,
    /// what was said): the reading worker gives their words as a slice's table instead (`word_table`).
    pub fn without_words(record: CallRecord) -> (StoreEntry<'static>, Vec<Range<usize>>) {
        let facts = EntryFacts::from_record(&record);
        let name = record.customer.name.as_deref().unwrap_or("");
        let number = record.customer.number.as_deref().unwrap_or("");
        let summary = cut(record.summary.as_deref().unwrap_or(""), KEPT_PER_TEXT);
        let mut text = String::with_capacity(name.len() + number.len() + summary.len() + 64);
        let mut lens = [0u32; 4];
        // The name, the number and the summary, in that order (then the transcript, below).
        for (len, part) in lens.iter_mut().zip([name, number, summary]) {
            text.push_str(part);
            *len = part.len() as u32;
        }
        let transcript_at = text.len();
        // Byte ranges of what was said, without the speaker heads: every call would match "agent".
        let mut said = Vec::new();
        let spoken: Vec<_> = record
            .transcript
            .turns
            .iter()
            .filter(|turn| turn.speaker.is_spoken() && !turn.text.trim().is_empty())
            .collect();
        if spoken.is_empty() {
            let plain = cut(
                record.transcript.plain.as_deref().unwrap_or("").trim(),
                KEPT_PER_TEXT,
            );
            said.push(text.len()..text.len() + plain.len());
            text.push_str(plain);
        } else {
            for turn in spoken {
                if text.len() - transcript_at >= KEPT_PER_TEXT {
                    break;
                }
                text.push_str(match turn.speaker {
                    Speaker::Agent => "Agent: ",
                    _ => "Customer: ",
                });
                let words = cut(turn.text.trim(), KEPT_PER_TEXT);
                said.push(text.len()..text.len() + words.len());
                text.push_str(words);
                text.push('\n');
            }
        }
        lens[TRANSCRIPT] = (text.len() - transcript_at) as u32;
        let summary_at = name.len() + number.len();
        let mut searched = vec![0..name.len(), summary_at..summary_at + summary.len()];
        searched.extend(said);
        let entry = StoreEntry {
            when: record.started_at.or(record.created_at),
            sort_at: record
                .started_at
                .or(record.created_at)
                .or(record.changed_at),
            made_at: record.created_at.or(record.started_at),
            duration_ms: record
                .duration_seconds
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(|s| (s * 1000.0).min(u32::MAX as f64) as u32),
            has_recording: record.recording.is_available(),
            status: record.status.map(Cow::Owned),
            end_reason: record.end_reason,
            id: Cow::Owned(record.id),
            text: Cow::Owned(text),
            lens,
            words: Cow::Borrowed(""),
            facts,
        };
        (entry, searched)
    }

    /// The text at one of the ranges [`StoreEntry::without_words`] gave (empty for any other range).
    pub fn searched(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or_default()
    }

    /// The same entry, owning its texts.
    pub fn into_owned(self) -> StoreEntry<'static> {
        StoreEntry {
            id: Cow::Owned(self.id.into_owned()),
            status: self.status.map(|s| Cow::Owned(s.into_owned())),
            text: Cow::Owned(self.text.into_owned()),
            words: Cow::Owned(self.words.into_owned()),
            facts: self.facts.into_owned(),
            ..self
        }
    }

    /// Writes the entry at the end of `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        self.encode_with_words(out, &self.words);
    }

    /// Writes the entry with `words` in place of its own (the calls kept on the device carry their words
    /// in the slice's table, as the worker's do).
    pub fn encode_with_words(&self, out: &mut Vec<u8>, words: &str) {
        put_text(out, &self.id);
        for time in [self.when, self.sort_at, self.made_at] {
            put_option(out, time.map(|t| t.0.to_le_bytes()));
        }
        put_option(out, self.duration_ms.map(u32::to_le_bytes));
        put_option_text(out, self.status.as_deref());
        let reason = match &self.end_reason {
            EndReason::Missing => None,
            EndReason::Known(known) => Some(known.code()),
            EndReason::Unlisted(code) => Some(code.as_str()),
        };
        put_option_text(out, reason);
        out.push(u8::from(self.has_recording));
        put_text(out, &self.text);
        for len in self.lens {
            out.extend_from_slice(&len.to_le_bytes());
        }
        put_text(out, words);
        self.facts.encode(out);
    }

    /// Reads the entry at `bytes[*at..]` (its texts borrowed from them) and moves `at` past it, or `None`
    /// when the bytes are not one.
    pub fn decode<'b>(bytes: &'b [u8], at: &mut usize) -> Option<StoreEntry<'b>> {
        let mut reader = Reader { bytes, at: *at };
        let id = Cow::Borrowed(reader.str()?);
        let when = reader.option(Reader::i64)?.map(Timestamp);
        let sort_at = reader.option(Reader::i64)?.map(Timestamp);
        let made_at = reader.option(Reader::i64)?.map(Timestamp);
        let duration_ms = reader.option(Reader::u32)?;
        let status = reader.option(Reader::str)?.map(Cow::Borrowed);
        let reason = reader.option(Reader::str)?;
        let has_recording = reader.byte()? == 1;
        let text = reader.str()?;
        let mut lens = [0u32; 4];
        for len in &mut lens {
            *len = reader.u32()?;
        }
        // The lengths must cut the text where `CallStore::get` will cut it.
        let total: u64 = lens.iter().map(|&l| u64::from(l)).sum();
        if total != text.len() as u64 {
            return None;
        }
        let words = reader.str()?;
        let facts = EntryFacts::decode(&mut reader)?;
        *at = reader.at;
        Some(StoreEntry {
            id,
            when,
            sort_at,
            made_at,
            duration_ms,
            status,
            end_reason: EndReason::from_raw(reason),
            has_recording,
            text: Cow::Borrowed(text),
            lens,
            words: Cow::Borrowed(words),
            facts,
        })
    }
}

/// The folded words of `texts`, each once, in order of first appearance, joined by spaces.
pub fn distinct_words<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    scratch: &mut EntryScratch,
) -> String {
    let mut words = String::new();
    let EntryScratch { word, seen } = scratch;
    seen.clear();
    for text in texts {
        for_each_word(text, word, |folded, _| {
            let mut hasher = FxHasher::default();
            hasher.write(folded.as_bytes());
            let hash = hasher.finish();
            let known = match seen.get(&hash) {
                Some(&(at, len)) => {
                    words.get(at as usize..(at + len) as usize) == Some(folded)
                        // Two words with one hash: rare enough to settle by looking.
                        || words.split(' ').any(|w| w == folded)
                }
                None => false,
            };
            if !known {
                if !words.is_empty() {
                    words.push(' ');
                }
                seen.entry(hash)
                    .or_insert((words.len() as u32, folded.len() as u32));
                words.push_str(folded);
            }
        });
    }
    words
}
