//! The calls kept on this device between visits: the store's entries, in chunks of bytes, and the rule
//! that says which of them may still have changed since they were kept.
//!
//! A chunk holds the entries of one answered window in the slices they reached the store in, each slice
//! with its table of words, like the reading worker's output: reading a chunk back is inserting slices,
//! with no JSON to read and no word to fold again. The bytes are this build's own; a chunk written by
//! another format is refused whole ([`KeptChunk::open`]), and the caller discards every chunk of that
//! campaign rather than use some.
//!
//! A call may still change while it is recent (its summary and recording come after it ends) or while it
//! is going on. The next visit asks the API again for everything made since [`refetch_from`], and the
//! kept entries made since then are skipped, so a changed call is never shown in its old state.

use super::bytes::Reader;
use super::store::EntrySlice;
use super::store_entry::StoreEntry;
use super::word_table::{WordTable, WordTableBuilder, MOST_CALLS};
use crate::domain::records::time::Timestamp;

/// The version of the chunks' bytes. Bump it with any change to them, to [`StoreEntry::encode`], to the
/// facts' bytes or to the word tables': chunks of another version are discarded, never read.
pub const KEPT_FORMAT: u32 = 1;

const MAGIC: &[u8; 4] = b"CRKC";

const HOUR_MS: i64 = 3_600_000;

/// Calls made this long before they were kept are asked for again on the next visit: summaries,
/// evaluations and recordings arrive minutes to hours after a call.
pub const RECENT_MS: i64 = 24 * HOUR_MS;

/// A call still going on is asked for again however old, up to this age: past it, it cannot still be
/// going (Vapi ends a call at 12 hours at most), and its status is only never updated.
pub const LONGEST_LIVE_MS: i64 = 7 * 24 * HOUR_MS;

/// Whether a call's status says it is not over (queued, ringing, in progress, forwarding). Statuses are
/// matched in any casing and with `_` or `-`; any other status, or none, counts as over.
pub fn is_live(status: Option<&str>) -> bool {
    let Some(status) = status else {
        return false;
    };
    let folded: String = status
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    matches!(
        folded.as_str(),
        "queued" | "scheduled" | "ringing" | "inprogress" | "forwarding" | "pending" | "initiated"
    )
}

/// Where the next visit starts asking again: a day before the calls were kept, or earlier when a call
/// made earlier (within [`LONGEST_LIVE_MS`]) was still going on.
pub fn refetch_from(kept_at: Timestamp, oldest_live: Option<Timestamp>) -> Timestamp {
    let recent = kept_at.0 - RECENT_MS;
    match oldest_live {
        Some(live) if live.0 < recent && live.0 >= kept_at.0 - LONGEST_LIVE_MS => live,
        _ => Timestamp(recent),
    }
}

/// Whether a kept entry is left out on reading, because the API is asked for it again. An entry
/// without a time is kept: no window could be sure to bring it back.
pub fn asked_again(entry: &StoreEntry<'_>, refetch_from: Timestamp) -> bool {
    entry.made_at.is_some_and(|at| at.0 >= refetch_from.0)
}

/// Writes the slices of one window as a chunk.
pub struct ChunkWriter {
    out: Vec<u8>,
    calls: usize,
    recent: usize,
    kept_at: Timestamp,
    oldest_live: Option<Timestamp>,
    words: WordTableBuilder,
}

impl ChunkWriter {
    /// A chunk of calls kept at `kept_at` (when the load that read them started).
    pub fn new(kept_at: Timestamp) -> Self {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&KEPT_FORMAT.to_le_bytes());
        ChunkWriter {
            out,
            calls: 0,
            recent: 0,
            kept_at,
            oldest_live: None,
            words: WordTableBuilder::default(),
        }
    }

    /// Adds a slice on its way into the store: entries with their words in a table (read by the
    /// worker), or each with its own (read on the page).
    pub fn add(&mut self, slice: &EntrySlice<'_>) {
        match &slice.words {
            // The worker's slices hold at most `MOST_CALLS` (its reader checks), so the table's places
            // are the entries' places.
            Some(table) => {
                self.put_entries(&slice.entries);
                table.encode(&mut self.out);
            }
            // A place is a `u16`: a longer slice is written as several.
            None => {
                for part in slice.entries.chunks(MOST_CALLS) {
                    self.put_entries(part);
                    for (place, entry) in part.iter().enumerate() {
                        self.words.add_folded(place as u16, &entry.words);
                    }
                    self.words.encode(&mut self.out);
                }
            }
        }
    }

    fn put_entries(&mut self, entries: &[StoreEntry<'_>]) {
        self.out
            .extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for entry in entries {
            self.note(entry);
            entry.encode_with_words(&mut self.out, "");
        }
    }

    fn note(&mut self, entry: &StoreEntry<'_>) {
        self.calls += 1;
        if entry
            .made_at
            .is_some_and(|at| at.0 >= self.kept_at.0 - RECENT_MS)
        {
            self.recent += 1;
        }
        if is_live(entry.status.as_deref()) {
            if let Some(at) = entry.made_at {
                if at.0 >= self.kept_at.0 - LONGEST_LIVE_MS {
                    self.oldest_live = Some(self.oldest_live.map_or(at, |o| o.min(at)));
                }
            }
        }
    }

    pub fn calls(&self) -> usize {
        self.calls
    }

    /// How many of the chunk's calls were made in the [`RECENT_MS`] before it was kept: the next visit
    /// sizes its windows over that stretch by them.
    pub fn recent(&self) -> usize {
        self.recent
    }

    /// The oldest call of the chunk still going on, made within [`LONGEST_LIVE_MS`].
    pub fn oldest_live(&self) -> Option<Timestamp> {
        self.oldest_live
    }

    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// A chunk being read back, a slice at a time.
pub struct KeptChunk<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> KeptChunk<'a> {
    /// Opens a chunk; `None` when it is not one of this format.
    pub fn open(bytes: &'a [u8]) -> Option<Self> {
        let mut reader = Reader { bytes, at: 0 };
        let magic = [
            reader.byte()?,
            reader.byte()?,
            reader.byte()?,
            reader.byte()?,
        ];
        (&magic == MAGIC && reader.u32()? == KEPT_FORMAT).then_some(KeptChunk {
            bytes,
            at: reader.at,
        })
    }

    pub fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// The next slice, `None` when the bytes are damaged (the caller then discards the whole set).
    pub fn next_slice(&mut self) -> Option<EntrySlice<'a>> {
        let mut reader = Reader {
            bytes: self.bytes,
            at: self.at,
        };
        let count = reader.u32()? as usize;
        if count > MOST_CALLS || count > reader.remaining() {
            return None;
        }
        let mut at = reader.at;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            entries.push(StoreEntry::decode(self.bytes, &mut at)?);
        }
        let words = WordTable::read(self.bytes, &mut at)?;
        self.at = at;
        Some(EntrySlice {
            entries,
            words: Some(words),
        })
    }
}

/// A kept chunk that is not of this format, or whose bytes are damaged: the whole set is discarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreadable;

/// A chunk without the entries made since `refetch_from` (they are asked for again), or `None` when it
/// holds none of them and can stay as it is.
pub fn without_asked_again(
    bytes: &[u8],
    refetch_from: Timestamp,
) -> Result<Option<Vec<u8>>, Unreadable> {
    let mut chunk = KeptChunk::open(bytes).ok_or(Unreadable)?;
    let mut slices = Vec::new();
    let mut changed = false;
    while !chunk.is_done() {
        let slice = chunk.next_slice().ok_or(Unreadable)?;
        changed |= slice.entries.iter().any(|e| asked_again(e, refetch_from));
        slices.push(slice);
    }
    if !changed {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&KEPT_FORMAT.to_le_bytes());
    for slice in slices {
        let mut renumber = Vec::with_capacity(slice.entries.len());
        let mut kept = 0u16;
        for entry in &slice.entries {
            if asked_again(entry, refetch_from) {
                renumber.push(None);
            } else {
                renumber.push(Some(kept));
                kept += 1;
            }
        }
        if kept == 0 {
            continue;
        }
        out.extend_from_slice(&u32::from(kept).to_le_bytes());
        for entry in slice
            .entries
            .iter()
            .filter(|e| !asked_again(e, refetch_from))
        {
            entry.encode_with_words(&mut out, "");
        }
        match slice.words {
            Some(words) => words.encode_subset(&renumber, &mut out),
            None => return Err(Unreadable),
        }
    }
    Ok(Some(out))
}
