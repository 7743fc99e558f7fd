//! One response on its way into the store: read a slice at a time, with the account of what it held.

use super::window_batch::ArrivedWindow;
use crate::domain::loading::load_plan::{PageOutcome, Window};
use crate::domain::loading::tally::Tally;
use crate::domain::search::kept::ChunkWriter;
use crate::domain::search::store::CallStore;

/// A response being read into the store, a slice at a time, and what it held: the one way a window's
/// records reach the store, on the page and in the tests' simulated loads alike.
pub struct WindowReading {
    response: ArrivedWindow,
    window: Window,
    outcome: PageOutcome,
    tally: Tally,
    /// The window's calls as a chunk to keep on the device, when the user keeps them.
    kept: Option<ChunkWriter>,
}

/// What a response held, once read.
pub struct WindowRead {
    pub outcome: PageOutcome,
    pub tally: Tally,
    /// The count of calls the response gave, if any.
    pub total: Option<u64>,
    /// The chunk of the window's calls, when they were kept.
    pub kept: Option<ChunkWriter>,
}

impl WindowReading {
    /// Starts reading `response`, the answer to `window`.
    pub fn new(response: ArrivedWindow, window: Window) -> Self {
        let outcome = PageOutcome {
            count: response.len(),
            next_cursor: response.next_cursor().map(str::to_owned),
            has_next: response.has_next(),
            ..PageOutcome::default()
        };
        let tally = Tally {
            responses: 1,
            received: response.len(),
            ..Tally::default()
        };
        WindowReading {
            response,
            window,
            outcome,
            tally,
            kept: None,
        }
    }

    /// Writes every slice read into `chunk` as well, for the device to keep.
    pub fn keep(&mut self, chunk: ChunkWriter) {
        self.kept = Some(chunk);
    }

    /// Whether the origin of the response is the reading worker (for the benchmark's timings).
    pub fn by_worker(&self) -> bool {
        matches!(self.response, ArrivedWindow::Worker(_))
    }

    pub fn is_done(&self) -> bool {
        self.response.is_done()
    }

    /// Reads the next slice into `store`; returns how many calls it added.
    pub fn read_slice(&mut self, store: &mut CallStore) -> usize {
        let slice = self.response.next_slice();
        let outcome = &mut self.outcome;
        for at in slice.entries.iter().filter_map(|entry| entry.made_at) {
            outcome.oldest = Some(outcome.oldest.map_or(at, |o| o.min(at)));
            outcome.newest = Some(outcome.newest.map_or(at, |n| n.max(at)));
            outcome.outside_window |= !self.window.admits(at);
        }
        let entries = slice.entries.len();
        if let Some(kept) = &mut self.kept {
            kept.add(&slice);
        }
        let added = store.insert_slice(slice);
        self.outcome.added += added;
        self.tally.listed += added;
        self.tally.duplicates += entries - added;
        added
    }

    /// Reads what is left at once (tests, and windows too small to split).
    pub fn read_all(mut self, store: &mut CallStore) -> WindowRead {
        while !self.is_done() {
            self.read_slice(store);
        }
        self.finish()
    }

    /// What the response held. Records never handed out (a response given up while read) are not
    /// counted as received.
    pub fn finish(mut self) -> WindowRead {
        self.tally.add(&Tally {
            left_out: self.response.left_out().left_out.clone(),
            ..Tally::default()
        });
        WindowRead {
            outcome: self.outcome,
            tally: self.tally,
            total: self.response.total(),
            kept: self.kept,
        }
    }
}
