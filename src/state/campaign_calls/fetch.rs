//! Reading one window of a campaign's calls into the store, a slice per task, and telling the views a few
//! times a second that calls arrived.

use crate::api::pause::{next_task, painted, sleep};
use crate::api::window_batch::{ArrivedWindow, WindowBatch};
use crate::api::window_reading::WindowReading;
use crate::api::{ApiError, CallsWindow};
use crate::browser::reader_worker::{self, Read};
use crate::browser::timed;
use crate::domain::loading::load_plan::Window;
use crate::domain::loading::loader::{Arrival, RequestId};
use crate::domain::search::store::CallStore;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{announce_every_ms, kept, CampaignCalls};

/// How long reading waits for the first calls to be painted, at most (a hidden tab paints nothing).
const FIRST_PAINT_WAIT_MS: i32 = 100;

impl CampaignCalls {
    /// Asks for one window, reads the answer a slice at a time into the store, and reports back.
    pub(super) async fn fetch(self, id: RequestId, window: Window) {
        let Some(signal) = self.signal() else {
            return;
        };
        let campaign = self
            .with_runner(|runner| runner.machine.campaign().to_owned())
            .unwrap_or_default();
        let body = match self.api.calls_page(&campaign, &window, signal).await {
            Ok(body) => body,
            Err(error) => {
                self.run(|machine| machine.failed(id, error));
                return;
            }
        };
        // Read by the worker when it is there, else split here and read a slice per task below. A small
        // campaign's few bodies are read here: starting the workers would cost more than they save.
        let small = self.with_runner(|runner| runner.machine.is_small()) == Some(true);
        let read = if small {
            Read::NotRead(body)
        } else {
            reader_worker::read(&campaign, body).await
        };
        let arrived = match read {
            Read::Done(bytes) => WindowBatch::open(bytes).map(ArrivedWindow::Worker),
            Read::NotRead(body) => {
                CallsWindow::from_body(body.to_vec(), &campaign).map(ArrivedWindow::page)
            }
            Read::Lost => Err(ApiError::Network(
                "the page's reading worker stopped while reading this window".to_owned(),
            )),
        };
        let response = match arrived {
            Ok(response) => response,
            Err(error) => {
                self.run(|machine| machine.failed(id, error));
                return;
            }
        };
        let Some((arrival, commands)) = self.with_runner(|runner| runner.machine.arrived(id))
        else {
            return;
        };
        self.execute(commands);
        if arrival == Arrival::Discard {
            return;
        }
        let mut reading = WindowReading::new(response, window);
        if let Some(Some(chunk)) =
            self.with_runner(|runner| runner.keeping.as_ref().map(kept::Keeping::writer))
        {
            reading.keep(chunk);
        }
        while !reading.is_done() {
            // Each slice in a task of its own: responses that land together, and the views redrawn for
            // them, do not add up to one long task.
            next_task().await;
            // The load's first calls are painted before more are read: answers that all came while
            // the app started would otherwise be read through before the first rows show.
            if self.with_runner(|runner| runner.first_paint_due) == Some(true) {
                painted(FIRST_PAINT_WAIT_MS).await;
                self.with_runner(|runner| runner.first_paint_due = false);
            }
            let wanted = self.with_runner(|runner| runner.machine.is_reading(id));
            if wanted != Some(true) {
                // Stopped or started over while reading: the window was given back (calls already read
                // are not added twice when it comes again).
                self.version.try_update(|v| *v += 1);
                return;
            }
            // Timed (User Timing), so the benchmark can say what the page's own share of a load is.
            let name = if reading.by_worker() {
                "call-records:insert"
            } else {
                "call-records:read-on-page"
            };
            let added = timed(name, || {
                self.store
                    .try_update_value(|store| reading.read_slice(store))
            });
            let Some(added) = added else {
                return;
            };
            let loaded = self.store.try_with_value(CallStore::len).unwrap_or(0);
            self.progress.try_update(|p| p.loaded = loaded);
            if added > 0 {
                if loaded == added {
                    // The first calls of this load: shown now, and painted before more are read.
                    self.with_runner(|runner| {
                        runner.untold = true;
                        runner.first_paint_due = true;
                    });
                    self.tell_now();
                } else {
                    self.announce();
                }
            }
        }
        let mut read = reading.finish();
        if let Some(chunk) = read.kept.take() {
            self.keep_chunk(chunk);
        }
        self.run(|machine| machine.answered(id, &read.outcome, &read.tally, read.total));
    }

    /// Tells the views that calls arrived: at once if they were last told a while ago, else once the
    /// while is over. The list, the counts and the chart then follow the load a few times a second
    /// instead of recomputing for each of hundreds of windows.
    pub(super) fn announce(&self) {
        let now = js_sys::Date::now();
        let every = announce_every_ms(self.store.try_with_value(CallStore::len).unwrap_or(0));
        let wait = self.with_runner(|runner| {
            runner.untold = true;
            if runner.announce_pending {
                return None;
            }
            runner.announce_pending = true;
            Some((every - (now - runner.announced_at)).max(0.0))
        });
        let Some(Some(wait)) = wait else {
            return;
        };
        // Always from a task of its own, so the redraw does not join the reading of calls in one task.
        let this = *self;
        spawn_local(async move {
            sleep(wait.ceil() as i32).await;
            this.with_runner(|runner| runner.announce_pending = false);
            this.tell_now();
        });
    }

    /// Tells the views about the calls that arrived since they were last told, if any.
    pub(super) fn tell_now(&self) {
        let untold = self.with_runner(|runner| {
            let untold = std::mem::take(&mut runner.untold);
            if untold {
                runner.announced_at = js_sys::Date::now();
            }
            untold
        });
        if untold == Some(true) {
            self.version.try_update(|v| *v += 1);
        }
    }
}
