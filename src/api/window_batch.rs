//! One window of a campaign's calls, read into store entries and written as bytes: what the reading worker
//! sends back for a response body, and how the page reads it a slice at a time.
//!
//! The reading is the same as on the page ([`CallsWindow`]): the same split, the same reader, the same
//! entries, so the store cannot tell which side read a window.

use super::calls_window::CallsWindow;
use super::error::ApiError;
use crate::domain::loading::tally::{reason_name, Tally};
use crate::domain::search::bytes::{put_option_text, put_text, Reader};
use crate::domain::search::store::EntrySlice;
use crate::domain::search::store_entry::{EntryScratch, StoreEntry};
use crate::domain::search::word_table::{WordTable, WordTableBuilder, MOST_CALLS};

/// The version of the bytes below. Bump it with any change to them: the workers' wasm is a file of its own,
/// which a cache may keep from an older build, and the page must not read bytes it does not understand.
pub const WINDOW_FORMAT: u32 = 3;

const READ: u8 = 0;
const UNREADABLE: u8 = 1;

/// Reads a calls-list response body (`campaign`: the campaign asked for) into bytes for
/// [`WindowBatch::open`]. Never fails: a body that is not a list is written as its error.
pub fn read_window(campaign: &str, body: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    let window = match CallsWindow::from_body(body, campaign) {
        Ok(window) => window,
        Err(error) => {
            let message = match error {
                ApiError::Decode(message) => message,
                other => other.to_string(),
            };
            out.push(UNREADABLE);
            put_text(&mut out, &message);
            return out;
        }
    };
    out.reserve(window.text_len() / 2);
    out.push(READ);
    out.extend_from_slice(&(window.len() as u32).to_le_bytes());
    put_option_text(&mut out, window.next_cursor());
    out.push(match window.has_next() {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    });
    match window.total() {
        Some(total) => {
            out.push(1);
            out.extend_from_slice(&(total as i64).to_le_bytes());
        }
        None => out.push(0),
    }
    // Slices of records, each with the table of its calls' words (see `word_table`), so that the page
    // inserts a slice per task and looks each word up once per slice.
    let mut words = WordTableBuilder::default();
    for start in (0..window.len()).step_by(WORKER_SLICE) {
        let end = (start + WORKER_SLICE).min(window.len());
        out.extend_from_slice(&((end - start) as u32).to_le_bytes());
        let mut place: u16 = 0;
        for read in window.read(start..end) {
            match read {
                Ok(record) => {
                    out.push(1);
                    let (entry, searched) = StoreEntry::without_words(record);
                    words.add_call(place, searched.iter().map(|r| entry.searched(r)));
                    place += 1;
                    entry.encode(&mut out);
                }
                Err(reason) => {
                    // The reason travels with the record, so the page can say why it was left out.
                    out.push(0);
                    put_text(&mut out, &reason_name(&reason));
                }
            }
        }
        words.encode(&mut out);
    }
    out
}

/// A window read by the worker: its head at once, its entries a slice at a time.
pub struct WindowBatch {
    bytes: Vec<u8>,
    at: usize,
    count: usize,
    next_cursor: Option<String>,
    has_next: Option<bool>,
    total: Option<u64>,
    /// Records read so far that could not be read, by reason.
    left_out: Tally,
    /// Records read so far, readable or not.
    read: usize,
}

impl WindowBatch {
    /// Opens what [`read_window`] wrote: the error the body gave, or the window.
    pub fn open(bytes: Vec<u8>) -> Result<Self, ApiError> {
        let broken = || ApiError::Decode("the reading worker sent a damaged window".to_owned());
        let mut reader = Reader {
            bytes: &bytes,
            at: 0,
        };
        match reader.byte() {
            Some(READ) => {}
            Some(UNREADABLE) => return Err(ApiError::Decode(reader.text().ok_or_else(broken)?)),
            _ => return Err(broken()),
        }
        let count = reader.u32().ok_or_else(broken)? as usize;
        // Each record takes a byte at least: a count past that is damage, not calls to wait for.
        if count > bytes.len() - reader.at {
            return Err(broken());
        }
        let next_cursor = reader.option(Reader::text).ok_or_else(broken)?;
        let has_next = match reader.byte() {
            Some(0) => None,
            Some(1) => Some(false),
            Some(2) => Some(true),
            _ => return Err(broken()),
        };
        let total = reader
            .option(Reader::i64)
            .ok_or_else(broken)?
            .map(|t| t.max(0) as u64);
        let at = reader.at;
        Ok(WindowBatch {
            bytes,
            at,
            count,
            next_cursor,
            has_next,
            total,
            left_out: Tally::default(),
            read: 0,
        })
    }

    /// Records in the response, readable or not.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn next_cursor(&self) -> Option<&str> {
        self.next_cursor.as_deref()
    }

    pub fn has_next(&self) -> Option<bool> {
        self.has_next
    }

    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// The next slice of entries, with its table of words; records that could not be read are counted
    /// with their reasons. Damaged bytes end the window, this slice included: what follows them cannot be
    /// found, and entries without their words could not be searched.
    pub fn next_slice(&mut self) -> EntrySlice<'_> {
        let bytes = &self.bytes;
        let left = self.count - self.read;
        let mut reader = Reader { bytes, at: self.at };
        let slice = reader
            .u32()
            .map(|n| n as usize)
            .filter(|&n| n > 0 && n <= left && n <= MOST_CALLS);
        let mut at = reader.at;
        let mut entries = Vec::with_capacity(slice.unwrap_or(0));
        let mut reasons = Vec::new();
        let mut damaged = slice.is_none();
        for _ in 0..slice.unwrap_or(0) {
            match bytes.get(at) {
                Some(1) => {
                    at += 1;
                    match StoreEntry::decode(bytes, &mut at) {
                        Some(entry) => entries.push(entry),
                        None => damaged = true,
                    }
                }
                Some(0) => {
                    let mut reader = Reader { bytes, at: at + 1 };
                    match reader.str() {
                        Some(reason) => reasons.push(reason),
                        None => damaged = true,
                    }
                    at = reader.at;
                }
                _ => damaged = true,
            }
            if damaged {
                break;
            }
        }
        let words = if damaged {
            None
        } else {
            WordTable::read(bytes, &mut at)
        };
        match (words, slice) {
            (Some(words), Some(slice)) => {
                self.at = at;
                self.read += slice;
                for reason in reasons {
                    self.left_out.leave_out_many(reason, 1);
                }
                EntrySlice {
                    entries,
                    words: Some(words),
                }
            }
            _ => {
                self.left_out
                    .leave_out_many("damaged in the page's reading worker", left);
                self.read = self.count;
                EntrySlice::default()
            }
        }
    }

    /// Whether every record has been handed out.
    pub fn is_done(&self) -> bool {
        self.read >= self.count
    }
}

/// A window on its way into the store: read by the worker, or to be read on the page.
pub enum ArrivedWindow {
    Worker(WindowBatch),
    Page {
        window: CallsWindow,
        /// Records handed out so far, and the ones that could not be read.
        at: usize,
        left_out: Tally,
        scratch: EntryScratch,
    },
}

/// Records read on the page per task (before the workers are ready, or without them): 3–5 minute calls
/// take about a quarter of a millisecond each on a busy 2-core machine, so about 25 ms.
const PAGE_SLICE: usize = 100;
/// Entries the worker read, inserted per task: inserting costs a fraction of reading, and a slice stays
/// well under 50 ms on a busy 2-core machine. At most `word_table::MOST_CALLS`.
const WORKER_SLICE: usize = 500;

impl ArrivedWindow {
    pub fn page(window: CallsWindow) -> Self {
        ArrivedWindow::Page {
            window,
            at: 0,
            left_out: Tally::default(),
            scratch: EntryScratch::default(),
        }
    }

    /// Records in the response, readable or not.
    pub fn len(&self) -> usize {
        match self {
            ArrivedWindow::Worker(batch) => batch.len(),
            ArrivedWindow::Page { window, .. } => window.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn next_cursor(&self) -> Option<&str> {
        match self {
            ArrivedWindow::Worker(batch) => batch.next_cursor(),
            ArrivedWindow::Page { window, .. } => window.next_cursor(),
        }
    }

    pub fn has_next(&self) -> Option<bool> {
        match self {
            ArrivedWindow::Worker(batch) => batch.has_next(),
            ArrivedWindow::Page { window, .. } => window.has_next(),
        }
    }

    pub fn total(&self) -> Option<u64> {
        match self {
            ArrivedWindow::Worker(batch) => batch.total(),
            ArrivedWindow::Page { window, .. } => window.total(),
        }
    }

    /// Records that could not be read so far, by reason.
    pub fn left_out(&self) -> &Tally {
        match self {
            ArrivedWindow::Worker(batch) => &batch.left_out,
            ArrivedWindow::Page { left_out, .. } => left_out,
        }
    }

    pub fn is_done(&self) -> bool {
        match self {
            ArrivedWindow::Worker(batch) => batch.is_done(),
            ArrivedWindow::Page { window, at, .. } => *at >= window.len(),
        }
    }

    /// The next slice's entries: as many as one task should take.
    pub fn next_slice(&mut self) -> EntrySlice<'_> {
        match self {
            ArrivedWindow::Worker(batch) => batch.next_slice(),
            ArrivedWindow::Page {
                window,
                at,
                left_out,
                scratch,
            } => {
                let start = *at;
                *at = (start + PAGE_SLICE).min(window.len());
                let mut entries = Vec::with_capacity(*at - start);
                for read in window.read(start..*at) {
                    match read {
                        Ok(record) => entries.push(StoreEntry::from_record(record, scratch)),
                        Err(reason) => left_out.leave_out(&reason),
                    }
                }
                EntrySlice {
                    entries,
                    words: None,
                }
            }
        }
    }
}
