//! Keeping a campaign's calls on this device, and opening it again from them.
//!
//! With the setting on, each window a whole load reads (every call, no scope) is also written as a chunk
//! (`domain::search::kept`) to IndexedDB (`browser::kept_db`); when the load has read every window and
//! every chunk is written, the set is committed. The next visit reads the set back into the store, a
//! slice per task, leaving out what may have changed since (the last day, calls going on), and asks the
//! API only for that stretch. Anything wrong with the kept set (another format, damaged bytes, a missing
//! chunk, a browser that refuses IndexedDB) ends in a whole load from the API, as without the setting.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::CampaignCalls;
use crate::api::pause::next_task;
use crate::browser::kept_db::{KeptDb, KeptSet, Stored};
use crate::browser::timed;
use crate::domain::loading::load_plan::LoadPlan;
use crate::domain::loading::loader::Held;
use crate::domain::review::store::scope as kept_scope;
use crate::domain::search::kept::{
    asked_again, refetch_from, without_asked_again, ChunkWriter, KeptChunk,
};
use crate::domain::search::store::CallStore;
use crate::domain::Timestamp;

/// Chunks asked of IndexedDB at once while a campaign's kept calls are read back.
const CHUNKS_AHEAD: usize = 4;

/// How long kept slices go in before the page is given a turn.
const TASK_BUDGET_MS: f64 = 12.0;

thread_local! {
    /// The database, opened once per page.
    static DB: RefCell<Option<KeptDb>> = const { RefCell::new(None) };
}

async fn db() -> Result<KeptDb, String> {
    if let Some(db) = DB.with(|db| db.borrow().clone()) {
        return Ok(db);
    }
    let db = KeptDb::open().await?;
    DB.with(|cell| *cell.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Every call kept on this device, over all campaigns: how many, and their bytes.
pub async fn kept_size() -> Result<(u64, u64), String> {
    db().await?.size().await
}

/// Forgets every call kept on this device.
pub async fn forget_kept() -> Result<(), String> {
    db().await?.forget_all().await
}

/// The keeping of one load: the chunks that make the set if it finishes.
pub(super) struct Keeping {
    scope: String,
    /// When this load started: what it reads is as of then.
    kept_at: Timestamp,
    /// The set's chunks so far: those kept by the last visit and still whole, then this load's.
    chunks: Vec<String>,
    bytes: u64,
    oldest_live: Option<Timestamp>,
    next_chunk: u32,
    /// Chunk writes on their way; the set is committed once none is.
    writing: u32,
    /// A write failed (a full disk, say): this load's set is not committed.
    failed: bool,
    committed: bool,
    /// Calls of this load's chunks made in the day before it started (see [`ChunkWriter::recent`]).
    recent: u64,
}

impl Keeping {
    fn new(scope: String, kept_at: Timestamp) -> Self {
        Keeping {
            scope,
            kept_at,
            chunks: Vec::new(),
            bytes: 0,
            oldest_live: None,
            next_chunk: 0,
            writing: 0,
            failed: false,
            committed: false,
            recent: 0,
        }
    }

    /// A new chunk's ID: unique to this load, so it never replaces one the last set still lists.
    fn chunk_id(&mut self) -> String {
        self.next_chunk += 1;
        format!("{}-{}", self.kept_at.0, self.next_chunk)
    }

    /// A chunk of this load, to be written.
    pub(super) fn writer(&self) -> ChunkWriter {
        ChunkWriter::new(self.kept_at)
    }
}

impl CampaignCalls {
    fn scope_of(&self, campaign: &str) -> String {
        kept_scope(self.api.source().base(), campaign)
    }

    /// A keeping for a whole load of `campaign` that starts now, when the user keeps calls.
    pub(super) fn keeping_for(&self, campaign: &str, now: Timestamp) -> Option<Keeping> {
        untrack(|| self.keep_calls.get()).then(|| Keeping::new(self.scope_of(campaign), now))
    }

    /// A window's chunk, read: written to the device, and listed in the set.
    pub(super) fn keep_chunk(&self, chunk: ChunkWriter) {
        if chunk.calls() == 0 {
            return;
        }
        let oldest_live = chunk.oldest_live();
        let recent = chunk.recent() as u64;
        let bytes = chunk.finish();
        let Some(Some((scope, id, kept_at))) = self.with_runner(|runner| {
            let keeping = runner.keeping.as_mut()?;
            let id = keeping.chunk_id();
            keeping.chunks.push(id.clone());
            keeping.bytes += bytes.len() as u64;
            keeping.recent += recent;
            if let Some(live) = oldest_live {
                keeping.oldest_live = Some(keeping.oldest_live.map_or(live, |o| o.min(live)));
            }
            keeping.writing += 1;
            Some((keeping.scope.clone(), id, keeping.kept_at))
        }) else {
            return;
        };
        self.write_chunk(scope, kept_at, id, bytes);
    }

    /// Writes a chunk of the load kept at `kept_at`; its end is counted for that load only (a later load
    /// of the same campaign has writes of its own).
    fn write_chunk(&self, scope: String, kept_at: Timestamp, id: String, bytes: Vec<u8>) {
        let this = *self;
        spawn_local(async move {
            let written = match db().await {
                Ok(db) => db.put_chunk(&scope, &id, &bytes).await,
                Err(error) => Err(error),
            };
            drop(bytes);
            let problem = written.err();
            this.with_runner(|runner| {
                let this_load = |k: &&mut Keeping| k.scope == scope && k.kept_at == kept_at;
                if let Some(keeping) = runner.keeping.as_mut().filter(this_load) {
                    keeping.writing = keeping.writing.saturating_sub(1);
                    keeping.failed |= problem.is_some();
                }
            });
            if let Some(problem) = problem {
                this.keep_problem.try_set(Some(format!(
                    "These calls could not be kept on this device ({problem}); the next visit loads them from the API again."
                )));
            }
            this.commit_if_done();
        });
    }

    /// Commits the set once the load has read every window and every chunk is written.
    pub(super) fn commit_if_done(&self) {
        let calls = self.store.try_with_value(CallStore::len).unwrap_or(0) as u64;
        let ready = self.with_runner(|runner| {
            let progress = runner.machine.progress();
            let whole = progress.state == super::LoadState::Complete
                && progress.failed.is_empty()
                && progress.limited.is_none()
                && !runner.reading_kept;
            let keeping = runner.keeping.as_mut()?;
            if !whole || keeping.writing > 0 || keeping.failed || keeping.committed {
                return None;
            }
            keeping.committed = true;
            let set = KeptSet {
                kept_at: keeping.kept_at,
                refetch_from: refetch_from(keeping.kept_at, keeping.oldest_live),
                calls,
                bytes: keeping.bytes,
                recent: keeping.recent,
                chunks: keeping.chunks.clone(),
            };
            Some((keeping.scope.clone(), set))
        });
        let Some(Some((scope, set))) = ready else {
            return;
        };
        let this = *self;
        spawn_local(async move {
            let committed = match db().await {
                Ok(db) => db.commit(&scope, &set).await,
                Err(error) => Err(error),
            };
            if let Err(problem) = committed {
                this.keep_problem.try_set(Some(format!(
                    "These calls could not be kept on this device ({problem}); the next visit loads them from the API again."
                )));
            }
        });
    }

    /// Opens `campaign` from the calls kept on this device and, at the same time, asks the API for what
    /// may have changed since; with nothing usable kept, loads it whole. `generation` is this start's: a
    /// later start (another campaign, the page gone) ends the reading.
    pub(super) async fn reopen(self, campaign: String, generation: u64, now: Timestamp) {
        let scope = self.scope_of(&campaign);
        let current =
            move || self.with_runner(|runner| runner.generation == generation) == Some(true);
        let stored = match db().await {
            Ok(db) => db.read(&scope).await.map(|stored| (db, stored)),
            Err(error) => Err(error),
        };
        if !current() {
            return;
        }
        let (db, set) = match stored {
            Ok((db, Stored::Set(set))) => (db, set),
            Ok((db, Stored::Unusable)) => {
                let _ = db.discard(&scope).await;
                return self.load_whole(&campaign, generation, now);
            }
            Ok((_, Stored::Nothing)) | Err(_) => {
                return self.load_whole(&campaign, generation, now)
            }
        };
        // The recent stretch is asked for while the kept calls go in: neither waits for the other, and
        // they never meet (a kept call made since `refetch_from` is left out).
        self.load_recent(&campaign, Keeping::new(scope.clone(), now), &set);
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            let _ = p.mark("call-records:kept-read");
        }
        let read = self.read_kept(&db, &scope, &set, &current).await;
        // How long the kept calls took to go in, for the benchmark and the performance panel.
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark("call-records:kept-read", "call-records:kept-read");
        }
        match read {
            Some(Ok(())) => {
                self.with_runner(|runner| runner.reading_kept = false);
                self.version.try_update(|v| *v += 1);
                self.show_progress();
            }
            Some(Err(())) => {
                // Damaged: never shown in part. The API has it all.
                let _ = db.discard(&scope).await;
                if current() {
                    self.load_whole(&campaign, generation, now);
                }
            }
            None => {}
        }
    }

    /// Reads the kept chunks into the store, a slice per task, cutting from each what is asked again.
    /// `None` when a later start took over; `Err` when the set is damaged.
    async fn read_kept(
        &self,
        db: &KeptDb,
        scope: &str,
        set: &KeptSet,
        current: &impl Fn() -> bool,
    ) -> Option<Result<(), ()>> {
        let from = set.refetch_from;
        let mut rewrites = Vec::new();
        // A few chunks are asked for ahead, so the browser reads them while this one goes in (one ahead
        // left the page waiting on IndexedDB for most of the time).
        let mut ahead: std::collections::VecDeque<_> = set
            .chunks
            .iter()
            .take(CHUNKS_AHEAD)
            .map(|id| db.chunk(scope, id))
            .collect();
        for (at, id) in set.chunks.iter().enumerate() {
            let Some(asked) = ahead.pop_front() else {
                break;
            };
            let read = asked.await;
            let mut task_began = js_sys::Date::now();
            let mut cut_any = false;
            if let Some(id) = set.chunks.get(at + CHUNKS_AHEAD) {
                ahead.push_back(db.chunk(scope, id));
            }
            if !current() {
                return None;
            }
            let Ok(Some(bytes)) = read else {
                return Some(Err(()));
            };
            let Some(mut chunk) = KeptChunk::open(&bytes) else {
                return Some(Err(()));
            };
            while !chunk.is_done() {
                let Some(slice) = chunk.next_slice() else {
                    return Some(Err(()));
                };
                cut_any |= slice.entries.iter().any(|e| asked_again(e, from));
                let added = timed("call-records:insert-kept", || {
                    self.store.try_update_value(|store| {
                        store.insert_slice_where(slice, |e| !asked_again(e, from))
                    })
                })
                .unwrap_or(0);
                let loaded = self.store.try_with_value(CallStore::len).unwrap_or(0);
                let from_device = self
                    .with_runner(|runner| {
                        runner.from_device += added;
                        runner.from_device
                    })
                    .unwrap_or(0);
                self.progress.try_update(|p| {
                    p.loaded = loaded;
                    p.from_device = from_device;
                });
                self.announce();
                // Slices go in for a few milliseconds a task, not one a task: each yield lets the rest
                // of the page run, and 400 of them cost 2.1 s at 100,000 calls (0.7 s now).
                if js_sys::Date::now() - task_began >= TASK_BUDGET_MS {
                    next_task().await;
                    task_began = js_sys::Date::now();
                    if !current() {
                        return None;
                    }
                }
            }
            // What is asked again is cut from the chunk, so that a kept set does not grow each visit.
            // (Read again only when something is cut: most chunks are older than the stretch.)
            let cut = if cut_any {
                without_asked_again(&bytes, from)
            } else {
                Ok(None)
            };
            let listed = match cut {
                Ok(None) => Some(bytes.len()),
                // Only its header left: nothing of it stays.
                Ok(Some(cut)) if cut.len() <= 8 => None,
                Ok(Some(cut)) => {
                    let size = cut.len();
                    rewrites.push((id.clone(), cut));
                    Some(size)
                }
                Err(_) => return Some(Err(())),
            };
            if let Some(size) = listed {
                self.with_runner(|runner| {
                    if let Some(keeping) = runner.keeping.as_mut() {
                        keeping.chunks.push(id.clone());
                        keeping.bytes += size as u64;
                    }
                });
            }
        }
        let kept_at = self
            .with_runner(|runner| {
                let keeping = runner.keeping.as_mut()?;
                keeping.writing += rewrites.len() as u32;
                Some(keeping.kept_at)
            })
            .flatten();
        if let Some(kept_at) = kept_at {
            for (id, cut) in rewrites {
                self.write_chunk(scope.to_owned(), kept_at, id, cut);
            }
        }
        Some(Ok(()))
    }

    /// Asks the API for what came or may have changed since the set was kept.
    fn load_recent(&self, campaign: &str, keeping: Keeping, set: &KeptSet) {
        let mut plan = LoadPlan::windowed(keeping.kept_at, None);
        plan.limit_start(set.refetch_from);
        // The stretch held this many calls when they were kept: windows sized to it from the start.
        plan.set_expected(set.recent);
        self.with_runner(|runner| {
            runner.waiting = false;
            runner.keeping = Some(keeping);
        });
        self.run(|machine| machine.start(campaign, plan, Held::Kept, 0));
        self.learn_waiting(campaign);
    }

    /// Nothing usable kept: the whole campaign from the API, kept as it is read.
    fn load_whole(&self, campaign: &str, generation: u64, now: Timestamp) {
        let keeping = self.keeping_for(campaign, now);
        let live = self.with_runner(|runner| {
            if runner.generation != generation {
                return false;
            }
            runner.waiting = false;
            runner.reading_kept = false;
            runner.from_device = 0;
            runner.keeping = keeping;
            true
        });
        if live != Some(true) {
            return;
        }
        self.run(|machine| machine.start(campaign, LoadPlan::windowed(now, None), Held::Drop, 0));
        self.learn_waiting(campaign);
    }

    /// The campaign record, when it came while the kept calls were read.
    fn learn_waiting(&self, campaign: &str) {
        let learned = self
            .with_runner(|runner| runner.learned.clone())
            .flatten()
            .filter(|c| c.id == campaign || c.id.is_empty());
        if let Some(learned) = learned {
            self.learn(&learned);
        }
    }
}
