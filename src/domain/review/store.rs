//! Where marks live, behind one small interface: the browser's IndexedDB today (`browser::marks_db`),
//! a team's shared store later, an in-memory one for tests and for a browser that refuses storage.
//!
//! Marks are kept per call, under a scope: the API's origin and the campaign, so that two deployments
//! or two campaigns never see each other's marks.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::marks::CallMarks;

/// A future of the store; not `Send` (the browser's are not).
pub type StoreFuture<T> = Pin<Box<dyn Future<Output = Result<T, StoreError>>>>;

/// The scope of a campaign's marks: `<source>|<campaign ID>`.
pub fn scope(source: &str, campaign_id: &str) -> String {
    format!("{source}|{campaign_id}")
}

/// The campaign ID of a scope made by [`scope`] for `source`.
pub fn campaign_of<'a>(scope: &'a str, source: &str) -> Option<&'a str> {
    scope.strip_prefix(source)?.strip_prefix('|')
}

/// What can go wrong keeping marks, in words that say what to do.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("This browser's storage for this site is full, so the last change was not saved. Export marks to keep them, then free space (or Forget review data) and try again.")]
    Full,
    #[error("This browser does not let this site keep data ({0}), so marks last only until the tab closes. Export marks before you leave, or allow site data and reload.")]
    Refused(String),
    #[error(
        "Marks could not be read or saved ({0}). Reload the page; export marks first if you can."
    )]
    Failed(String),
}

/// The store's interface. Every method is one transaction.
pub trait MarksStore {
    /// All marks of one scope, by call ID.
    fn load(&self, scope: &str) -> StoreFuture<BTreeMap<String, CallMarks>>;
    /// Every scope's marks, for exporting all campaigns.
    fn load_all(&self) -> StoreFuture<BTreeMap<String, BTreeMap<String, CallMarks>>>;
    /// Writes the marks of some calls of one scope, each merged with what the store holds for the call
    /// (so a writer with an older copy never undoes another's change).
    fn put(&self, scope: &str, calls: Vec<(String, CallMarks)>) -> StoreFuture<()>;
    /// How many calls have marks, in every scope.
    fn count(&self) -> StoreFuture<u32>;
    /// Forgets every mark of every scope.
    fn clear(&self) -> StoreFuture<()>;
}

/// Marks in memory only: for tests, and when the browser refuses storage.
#[derive(Clone, Default)]
pub struct MemoryStore {
    scopes: Rc<RefCell<BTreeMap<String, BTreeMap<String, CallMarks>>>>,
}

fn ready<T: 'static>(value: T) -> StoreFuture<T> {
    Box::pin(std::future::ready(Ok(value)))
}

impl MarksStore for MemoryStore {
    fn load(&self, scope: &str) -> StoreFuture<BTreeMap<String, CallMarks>> {
        ready(self.scopes.borrow().get(scope).cloned().unwrap_or_default())
    }

    fn load_all(&self) -> StoreFuture<BTreeMap<String, BTreeMap<String, CallMarks>>> {
        ready(self.scopes.borrow().clone())
    }

    fn put(&self, scope: &str, calls: Vec<(String, CallMarks)>) -> StoreFuture<()> {
        let mut scopes = self.scopes.borrow_mut();
        let kept = scopes.entry(scope.to_owned()).or_default();
        for (id, marks) in calls {
            let merged = match kept.get(&id) {
                Some(stored) => stored.merge(&marks),
                None => marks,
            };
            kept.insert(id, merged);
        }
        ready(())
    }

    fn count(&self) -> StoreFuture<u32> {
        let n: usize = self.scopes.borrow().values().map(BTreeMap::len).sum();
        ready(u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn clear(&self) -> StoreFuture<()> {
        self.scopes.borrow_mut().clear();
        ready(())
    }
}

/// Changes not yet known to be in the store, kept where a write is synchronous (localStorage) so that a
/// tab closed or reloaded the moment after a key press loses nothing: the store's write may be cut off
/// with the page, the journal's cannot. Replayed (merged) into the store when it next opens.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Journal {
    pub writes: Vec<PendingWrite>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PendingWrite {
    pub scope: String,
    pub call: String,
    pub marks: CallMarks,
}

impl Journal {
    /// Reads a journal; anything unreadable is an empty one.
    pub fn read(text: Option<&str>) -> Self {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Notes writes about to be made, each replacing an older pending one of the same call.
    pub fn add(&mut self, scope: &str, calls: &[(String, CallMarks)]) {
        for (call, marks) in calls {
            self.writes
                .retain(|w| !(w.scope == scope && w.call == *call));
            self.writes.push(PendingWrite {
                scope: scope.to_owned(),
                call: call.clone(),
                marks: marks.clone(),
            });
        }
    }

    /// Forgets writes the store now holds (unless a newer one of the same call came since).
    pub fn done(&mut self, scope: &str, calls: &[(String, CallMarks)]) {
        self.writes.retain(|w| {
            !(w.scope == scope && calls.iter().any(|(c, m)| *c == w.call && *m == w.marks))
        });
    }

    /// The pending writes by scope.
    pub fn by_scope(&self) -> BTreeMap<String, Vec<(String, CallMarks)>> {
        let mut scopes: BTreeMap<String, Vec<(String, CallMarks)>> = BTreeMap::new();
        for w in &self.writes {
            scopes
                .entry(w.scope.clone())
                .or_default()
                .push((w.call.clone(), w.marks.clone()));
        }
        scopes
    }
}
