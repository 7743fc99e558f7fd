//! The calls kept on this device between visits: IndexedDB `call-records-kept`, apart from the review
//! marks (those are the user's work; these are a cache the app may throw away at any time).
//!
//! Two stores:
//! - `sets`, one record per scope (the API's origin and the campaign): the chunks' format, when the
//!   calls were kept, where the next visit asks again from, how many calls and bytes, and the chunks'
//!   IDs. It is written last, when a load has read every window, so a set never lists a chunk that is
//!   not there and a half-finished load is never read back.
//! - `chunks`, keyed `[scope, id]`: one answered window's calls as `domain::search::kept` writes them.
//!
//! The set is the only thing read to decide; a chunk it does not list is left over from a load that did
//! not finish and is deleted when the next set is written.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbKeyRange, IdbObjectStoreParameters, IdbRequest, IdbTransaction,
    IdbTransactionMode,
};

use super::marks_db::{answer, committed, describe, done};
use crate::domain::records::time::Timestamp;
use crate::domain::search::kept::KEPT_FORMAT;

const DATABASE: &str = "call-records-kept";
const VERSION: u32 = 1;
const SETS: &str = "sets";
const CHUNKS: &str = "chunks";

/// What a set of kept calls says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptSet {
    pub kept_at: Timestamp,
    pub refetch_from: Timestamp,
    pub calls: u64,
    pub bytes: u64,
    /// Calls made in the day before they were kept: the next visit's windows are sized by them.
    pub recent: u64,
    pub chunks: Vec<String>,
}

/// What the device holds for a scope.
pub enum Stored {
    Nothing,
    Set(KeptSet),
    /// Kept by a build of another format, or not readable: to be discarded.
    Unusable,
}

/// An open database. Every failure is a `String` saying what the browser said: the caller loads from
/// the API instead, and keeping is only ever an optimisation.
#[derive(Clone)]
pub struct KeptDb {
    db: IdbDatabase,
}

impl KeptDb {
    pub async fn open() -> Result<Self, String> {
        let refused = |e: JsValue| describe(&e);
        let factory = web_sys::window()
            .ok_or("no window")?
            .indexed_db()
            .map_err(refused)?
            .ok_or("this browser gives no IndexedDB (a private window?)")?;
        let request = factory.open_with_u32(DATABASE, VERSION).map_err(refused)?;
        let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
            move |event: web_sys::IdbVersionChangeEvent| {
                let db = event
                    .target()
                    .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                    .and_then(|r| r.result().ok())
                    .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
                let Some(db) = db else {
                    return;
                };
                let names = db.object_store_names();
                if !names.contains(SETS) {
                    let params = IdbObjectStoreParameters::new();
                    params.set_key_path(&JsValue::from_str("scope"));
                    let _ = db.create_object_store_with_optional_parameters(SETS, &params);
                }
                if !names.contains(CHUNKS) {
                    let params = IdbObjectStoreParameters::new();
                    let key: Array = ["scope", "id"]
                        .iter()
                        .map(|k| JsValue::from_str(k))
                        .collect();
                    params.set_key_path(&key);
                    let _ = db.create_object_store_with_optional_parameters(CHUNKS, &params);
                }
            },
        );
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let opened = done(&request).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        let db = opened
            .map_err(refused)?
            .dyn_into::<IdbDatabase>()
            .map_err(refused)?;
        Ok(KeptDb { db })
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, String> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(|e| describe(&e))
    }

    /// The set kept for `scope`.
    pub async fn read(&self, scope: &str) -> Result<Stored, String> {
        let tx = self.transaction(&[SETS], IdbTransactionMode::Readonly)?;
        let request = tx
            .object_store(SETS)
            .and_then(|s| s.get(&JsValue::from_str(scope)))
            .map_err(|e| describe(&e))?;
        let row = done(&request).await.map_err(|e| describe(&e))?;
        if row.is_undefined() || row.is_null() {
            return Ok(Stored::Nothing);
        }
        Ok(read_set(&row).map_or(Stored::Unusable, Stored::Set))
    }

    /// Asks for one chunk now (so the browser reads it while the last one is inserted); its bytes, or
    /// `None` when it is not there, come when the answer is awaited.
    pub fn chunk(
        &self,
        scope: &str,
        id: &str,
    ) -> impl std::future::Future<Output = Result<Option<Vec<u8>>, String>> {
        let asked = self
            .transaction(&[CHUNKS], IdbTransactionMode::Readonly)
            .and_then(|tx| {
                tx.object_store(CHUNKS)
                    .and_then(|s| s.get(&key(scope, id)))
                    .map_err(|e| describe(&e))
            })
            .map(|request| JsFuture::from(answer(&request)));
        async move {
            let row = asked?.await.map_err(|e| describe(&e))?;
            Ok(Reflect::get(&row, &"bytes".into())
                .ok()
                .and_then(|b| b.dyn_into::<Uint8Array>().ok())
                .map(|b| b.to_vec()))
        }
    }

    /// Writes (or replaces) one chunk.
    pub async fn put_chunk(&self, scope: &str, id: &str, bytes: &[u8]) -> Result<(), String> {
        let tx = self.transaction(&[CHUNKS], IdbTransactionMode::Readwrite)?;
        let finished = committed(&tx);
        let row = Object::new();
        let array = Uint8Array::from(bytes);
        let put = set_fields(
            &row,
            &[
                ("scope", scope.into()),
                ("id", id.into()),
                ("bytes", array.into()),
            ],
        )
        .and_then(|()| tx.object_store(CHUNKS))
        .and_then(|store| store.put(&row));
        settle(&tx, finished, put.map(drop)).await
    }

    /// Writes `set` as the scope's, and deletes the scope's chunks it does not list, in one
    /// transaction: the device holds the old set or the new, never a mix.
    pub async fn commit(&self, scope: &str, set: &KeptSet) -> Result<(), String> {
        // The keys are read first, in a transaction of their own: awaited inside the writing one, the
        // writes would depend on a promise's continuation running while that transaction is active.
        let reading = self.transaction(&[CHUNKS], IdbTransactionMode::Readonly)?;
        let request = scope_range(scope)
            .and_then(|range| reading.object_store(CHUNKS)?.get_all_keys_with_key(&range))
            .map_err(|e| describe(&e))?;
        let keys = done(&request).await.map_err(|e| describe(&e))?;
        let tx = self.transaction(&[SETS, CHUNKS], IdbTransactionMode::Readwrite)?;
        let finished = committed(&tx);
        let written = (|| -> Result<(), JsValue> {
            let row: JsValue = set_row(scope, set)?.into();
            tx.object_store(SETS)?.put(&row)?;
            let chunks = tx.object_store(CHUNKS)?;
            for key in Array::from(&keys).iter() {
                let id = Reflect::get(&key, &1.into())?
                    .as_string()
                    .unwrap_or_default();
                if !set.chunks.contains(&id) {
                    chunks.delete(&key)?;
                }
            }
            Ok(())
        })();
        settle(&tx, finished, written).await
    }

    /// Forgets what is kept for `scope`.
    pub async fn discard(&self, scope: &str) -> Result<(), String> {
        let tx = self.transaction(&[SETS, CHUNKS], IdbTransactionMode::Readwrite)?;
        let finished = committed(&tx);
        let deleted = (|| -> Result<(), JsValue> {
            tx.object_store(SETS)?.delete(&JsValue::from_str(scope))?;
            let range: JsValue = scope_range(scope)?.into();
            tx.object_store(CHUNKS)?.delete(&range)?;
            Ok(())
        })();
        settle(&tx, finished, deleted).await
    }

    /// How many calls and bytes the device keeps, over every campaign.
    pub async fn size(&self) -> Result<(u64, u64), String> {
        let tx = self.transaction(&[SETS], IdbTransactionMode::Readonly)?;
        let request = tx
            .object_store(SETS)
            .and_then(|s| s.get_all())
            .map_err(|e| describe(&e))?;
        let rows = done(&request).await.map_err(|e| describe(&e))?;
        Ok(Array::from(&rows)
            .iter()
            .filter_map(|row| read_set(&row))
            .fold((0, 0), |(calls, bytes), set| {
                (calls + set.calls, bytes + set.bytes)
            }))
    }

    /// Forgets every kept call.
    pub async fn forget_all(&self) -> Result<(), String> {
        let tx = self.transaction(&[SETS, CHUNKS], IdbTransactionMode::Readwrite)?;
        let finished = committed(&tx);
        let cleared = (|| -> Result<(), JsValue> {
            tx.object_store(SETS)?.clear()?;
            tx.object_store(CHUNKS)?.clear()?;
            Ok(())
        })();
        settle(&tx, finished, cleared).await
    }
}

/// Ends a writing transaction: committed when its requests were made, else aborted (the abort rejects
/// `finished`, awaited so that it is not an unhandled rejection) with the error that stopped them.
async fn settle(
    tx: &IdbTransaction,
    finished: impl std::future::Future<Output = Result<(), JsValue>>,
    made: Result<(), JsValue>,
) -> Result<(), String> {
    if let Err(error) = made {
        let _ = tx.abort();
        let _ = finished.await;
        return Err(describe(&error));
    }
    finished.await.map_err(|e| describe(&e))
}

fn key(scope: &str, id: &str) -> JsValue {
    [JsValue::from_str(scope), JsValue::from_str(id)]
        .into_iter()
        .collect::<Array>()
        .into()
}

/// Every chunk key of `scope`: `[scope, ""]` up to `[scope, []]` (an array sorts after any string).
fn scope_range(scope: &str) -> Result<IdbKeyRange, JsValue> {
    let upper: Array = [JsValue::from_str(scope), Array::new().into()]
        .into_iter()
        .collect();
    IdbKeyRange::bound(&key(scope, ""), &upper)
}

fn set_fields(row: &Object, fields: &[(&str, JsValue)]) -> Result<(), JsValue> {
    for (name, value) in fields {
        Reflect::set(row, &JsValue::from_str(name), value)?;
    }
    Ok(())
}

fn set_row(scope: &str, set: &KeptSet) -> Result<Object, JsValue> {
    let row = Object::new();
    let chunks: Array = set.chunks.iter().map(|c| JsValue::from_str(c)).collect();
    set_fields(
        &row,
        &[
            ("scope", scope.into()),
            ("format", f64::from(KEPT_FORMAT).into()),
            ("keptAt", (set.kept_at.0 as f64).into()),
            ("refetchFrom", (set.refetch_from.0 as f64).into()),
            ("calls", (set.calls as f64).into()),
            ("bytes", (set.bytes as f64).into()),
            ("recent", (set.recent as f64).into()),
            ("chunks", chunks.into()),
        ],
    )?;
    Ok(row)
}

/// A set record, when it is of this format and whole.
fn read_set(row: &JsValue) -> Option<KeptSet> {
    let number = |name: &str| {
        Reflect::get(row, &name.into())
            .ok()?
            .as_f64()
            .filter(|n| n.is_finite())
    };
    if number("format")? != f64::from(KEPT_FORMAT) {
        return None;
    }
    let chunks = Reflect::get(row, &"chunks".into()).ok()?;
    let chunks = chunks
        .dyn_ref::<Array>()?
        .iter()
        .map(|c| c.as_string())
        .collect::<Option<Vec<_>>>()?;
    Some(KeptSet {
        kept_at: Timestamp(number("keptAt")? as i64),
        refetch_from: Timestamp(number("refetchFrom")? as i64),
        calls: number("calls")? as u64,
        bytes: number("bytes")? as u64,
        recent: number("recent").unwrap_or(0.0) as u64,
        chunks,
    })
}
