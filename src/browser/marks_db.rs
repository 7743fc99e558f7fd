//! The review marks' store in the browser: IndexedDB, one record per call under its scope (the API's
//! origin and the campaign), holding the call's marks as JSON. Behind `MarksStore`, so the views never
//! see IndexedDB and a shared store can replace it.
//!
//! Not localStorage: a campaign of 100,000 calls may carry thousands of notes, and localStorage is a
//! few megabytes, synchronous, and shared with everything else the site keeps.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode,
};

use crate::domain::review::store::{MarksStore, StoreError, StoreFuture};
use crate::domain::review::CallMarks;

const DATABASE: &str = "call-records";
const VERSION: u32 = 1;
const STORE: &str = "marks";
const BY_SCOPE: &str = "by-scope";

/// An open database.
#[derive(Clone)]
pub struct IdbMarksStore {
    db: IdbDatabase,
}

impl IdbMarksStore {
    /// Opens (and on first use creates) the database; a browser that refuses it says why.
    pub async fn open() -> Result<Self, StoreError> {
        let refused = |e: JsValue| StoreError::Refused(describe(&e));
        let factory = web_sys::window()
            .ok_or_else(|| StoreError::Refused("no window".to_owned()))?
            .indexed_db()
            .map_err(refused)?
            .ok_or_else(|| StoreError::Refused("no IndexedDB".to_owned()))?;
        let request = factory.open_with_u32(DATABASE, VERSION).map_err(refused)?;
        let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
            move |event: web_sys::IdbVersionChangeEvent| {
                let db = event
                    .target()
                    .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                    .and_then(|r| r.result().ok())
                    .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
                if let Some(db) = db {
                    if !db.object_store_names().contains(STORE) {
                        let params = IdbObjectStoreParameters::new();
                        let key: Array = ["scope", "call"]
                            .iter()
                            .map(|k| JsValue::from_str(k))
                            .collect();
                        params.set_key_path(&key);
                        if let Ok(store) =
                            db.create_object_store_with_optional_parameters(STORE, &params)
                        {
                            let _ = store.create_index_with_str(BY_SCOPE, "scope");
                        }
                    }
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
        Ok(IdbMarksStore { db })
    }

    fn transaction(&self, mode: IdbTransactionMode) -> Result<IdbTransaction, StoreError> {
        self.db
            .transaction_with_str_and_mode(STORE, mode)
            .map_err(|e| failure(&e))
    }
}

impl MarksStore for IdbMarksStore {
    fn load(&self, scope: &str) -> StoreFuture<BTreeMap<String, CallMarks>> {
        let this = self.clone();
        let scope = scope.to_owned();
        Box::pin(async move {
            let tx = this.transaction(IdbTransactionMode::Readonly)?;
            let request = tx
                .object_store(STORE)
                .and_then(|s| s.index(BY_SCOPE))
                .and_then(|i| i.get_all_with_key(&JsValue::from_str(&scope)))
                .map_err(|e| failure(&e))?;
            let rows = done(&request).await.map_err(|e| failure(&e))?;
            Ok(read_rows(&rows)
                .into_iter()
                .map(|(_, call, m)| (call, m))
                .collect())
        })
    }

    fn load_all(&self) -> StoreFuture<BTreeMap<String, BTreeMap<String, CallMarks>>> {
        let this = self.clone();
        Box::pin(async move {
            let tx = this.transaction(IdbTransactionMode::Readonly)?;
            let request = tx
                .object_store(STORE)
                .and_then(|s| s.get_all())
                .map_err(|e| failure(&e))?;
            let rows = done(&request).await.map_err(|e| failure(&e))?;
            let mut scopes: BTreeMap<String, BTreeMap<String, CallMarks>> = BTreeMap::new();
            for (scope, call, marks) in read_rows(&rows) {
                scopes.entry(scope).or_default().insert(call, marks);
            }
            Ok(scopes)
        })
    }

    /// Each call's marks are merged with what the store holds for it, in the same transaction: another
    /// tab may have changed the call since this one read it, and merging keeps both (never a lost tag).
    fn put(&self, scope: &str, calls: Vec<(String, CallMarks)>) -> StoreFuture<()> {
        let this = self.clone();
        let scope = scope.to_owned();
        Box::pin(async move {
            let tx = this.transaction(IdbTransactionMode::Readwrite)?;
            let store = tx.object_store(STORE).map_err(|e| failure(&e))?;
            let finished = committed(&tx);
            // Why a write failed (a full quota), which the transaction's own error may not say.
            let refused = Rc::new(RefCell::new(None::<JsValue>));
            for (call, marks) in calls {
                let key: Array = [JsValue::from_str(&scope), JsValue::from_str(&call)]
                    .into_iter()
                    .collect();
                let request = match store.get(&key) {
                    Ok(request) => request,
                    Err(error) => {
                        let _ = tx.abort();
                        // The abort rejects `finished`: awaited, so that it is not an unhandled rejection.
                        let _ = finished.await;
                        return Err(failure(&error));
                    }
                };
                let (read, store, tx, scope, refused) = (
                    request.clone(),
                    store.clone(),
                    tx.clone(),
                    scope.clone(),
                    refused.clone(),
                );
                // Within the read's success event, so the transaction is still active for the write.
                let on_read = Closure::once_into_js(move || {
                    let stored: Option<CallMarks> = read
                        .result()
                        .ok()
                        .and_then(|row| Reflect::get(&row, &"marks".into()).ok())
                        .and_then(|m| m.as_string())
                        .and_then(|text| serde_json::from_str(&text).ok());
                    let merged = match stored {
                        Some(stored) => stored.merge(&marks),
                        None => marks,
                    };
                    let written = row(&scope, &call, &merged).and_then(|row| store.put(&row));
                    if let Err(error) = written {
                        *refused.borrow_mut() = Some(error);
                        let _ = tx.abort();
                    }
                });
                request.set_onsuccess(Some(on_read.unchecked_ref()));
            }
            let outcome = finished.await;
            let refused = refused.borrow_mut().take();
            match (outcome, refused) {
                (Ok(()), _) => Ok(()),
                (Err(_), Some(error)) | (Err(error), None) => Err(failure(&error)),
            }
        })
    }

    fn count(&self) -> StoreFuture<u32> {
        let this = self.clone();
        Box::pin(async move {
            let tx = this.transaction(IdbTransactionMode::Readonly)?;
            let request = tx
                .object_store(STORE)
                .and_then(|s| s.count())
                .map_err(|e| failure(&e))?;
            let n = done(&request).await.map_err(|e| failure(&e))?;
            Ok(n.as_f64().map(|n| n as u32).unwrap_or(0))
        })
    }

    fn clear(&self) -> StoreFuture<()> {
        let this = self.clone();
        Box::pin(async move {
            let tx = this.transaction(IdbTransactionMode::Readwrite)?;
            let finished = completed(&tx);
            tx.object_store(STORE)
                .and_then(|s| s.clear())
                .map_err(|e| failure(&e))?;
            finished.await
        })
    }
}

/// The rows of a `getAll`: scope, call and marks; a row that does not read is skipped (it is ours, so
/// only a hand-edited database has one).
fn read_rows(rows: &JsValue) -> Vec<(String, String, CallMarks)> {
    let Some(rows) = rows.dyn_ref::<Array>() else {
        return Vec::new();
    };
    rows.iter()
        .filter_map(|row| {
            let get = |k: &str| Reflect::get(&row, &k.into()).ok()?.as_string();
            let marks = serde_json::from_str(&get("marks")?).ok()?;
            Some((get("scope")?, get("call")?, marks))
        })
        .collect()
}

/// A request's result once it succeeds, or its error.
pub(crate) async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    JsFuture::from(answer(request)).await
}

/// A promise of a request's result, made at once: its handlers are on the request before it can end,
/// so it may be awaited later (the kept calls ask for chunks ahead this way).
pub(crate) fn answer(request: &IdbRequest) -> Promise {
    Promise::new(&mut |resolve, reject| {
        let ok_request = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_request.result().unwrap_or(JsValue::UNDEFINED),
            );
        });
        let failed_request = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed_request
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// The transaction committed; a full quota shows here, as the transaction's abort.
fn completed(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), StoreError>> {
    let finished = committed(tx);
    async move { finished.await.map_err(|e| failure(&e)) }
}

/// [`completed`], with the browser's error as it is.
pub(crate) fn committed(
    tx: &IdbTransaction,
) -> impl std::future::Future<Output = Result<(), JsValue>> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = tx.clone();
        let on_fail = Closure::once_into_js(move || {
            let error = failed
                .error()
                .map(JsValue::from)
                .unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_fail.unchecked_ref()));
    });
    async move { JsFuture::from(promise).await.map(|_| ()) }
}

/// A stored row: the scope, the call and its marks as JSON.
fn row(scope: &str, call: &str, marks: &CallMarks) -> Result<Object, JsValue> {
    let row = Object::new();
    let json = serde_json::to_string(marks).unwrap_or_default();
    for (key, value) in [("scope", scope), ("call", call), ("marks", json.as_str())] {
        Reflect::set(&row, &key.into(), &value.into())?;
    }
    Ok(row)
}

/// A browser error as the store's: a full quota is said as such.
fn failure(error: &JsValue) -> StoreError {
    let name = Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        StoreError::Full
    } else {
        StoreError::Failed(describe(error))
    }
}

/// A browser error in a few words: its name and message.
pub(crate) fn describe(error: &JsValue) -> String {
    let field = |k: &str| {
        Reflect::get(error, &k.into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    };
    match (field("name"), field("message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (Some(name), None) => name,
        (None, Some(message)) => message,
        (None, None) => error
            .as_string()
            .unwrap_or_else(|| "unknown error".to_owned()),
    }
}
