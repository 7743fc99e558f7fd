//! The reviewer's marks: the store they live in (opened once per tab), the reviewer's name, and the open
//! campaign's marks with the changes made to them.
//!
//! Views read and change marks through [`CampaignMarks`] only; where marks are kept is the store's
//! business (`MarksStore`: IndexedDB today, in memory when the browser refuses it).

use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::marks_channel::MarksChannel;
use crate::browser::marks_db::IdbMarksStore;
use crate::config::DataSource;
use crate::domain::review::marks_file::{merge_into, MarksFile};
use crate::domain::review::store::{self as scopes, Journal, MarksStore, MemoryStore, StoreError};
use crate::domain::review::{CallMarks, Edit, Stamp};

/// Where the reviewer's name is kept.
const REVIEWER_KEY: &str = "call-records.reviewer";

/// Where changes wait until the store has them (see `Journal`).
const JOURNAL_KEY: &str = "call-records.marks-pending";

fn journal_update(change: impl FnOnce(&mut Journal)) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let mut journal = Journal::read(storage.get_item(JOURNAL_KEY).ok().flatten().as_deref());
    change(&mut journal);
    // A full localStorage only costs this safety net, never the change.
    let _ = if journal.writes.is_empty() {
        storage.remove_item(JOURNAL_KEY)
    } else {
        storage.set_item(JOURNAL_KEY, &journal.to_text())
    };
}

/// What the channel says when every mark was forgotten.
const FORGOTTEN: &str = "*";

/// Who a mark is by when no name is set.
pub const UNNAMED: &str = "Unnamed reviewer";

type Backend = Rc<dyn MarksStore>;

/// The tab's marks store and reviewer.
#[derive(Clone, Copy)]
pub struct ReviewStore {
    backend: StoredValue<Option<Backend>, LocalStorage>,
    /// The store is open (or fell back to memory).
    pub ready: RwSignal<bool>,
    /// Why marks are not kept, or the last change was not saved; shown in the review panel.
    pub problem: RwSignal<Option<StoreError>>,
    /// The reviewer's name, as set in Settings (empty: none set).
    pub reviewer: RwSignal<String>,
    /// Bumped when marks change outside the open campaign (import of other campaigns, forget).
    pub generation: RwSignal<u32>,
    /// `demo`, or the API's base: the first part of every scope.
    source: StoredValue<String>,
    /// The scope another tab last said it changed, and a count so that the same scope twice is heard.
    pub heard: RwSignal<(String, u32)>,
    channel: StoredValue<Option<MarksChannel>, LocalStorage>,
}

/// Opens the store for the tab, and reads the reviewer's name.
pub fn provide_review_store(source: &DataSource) -> ReviewStore {
    let local = || web_sys::window()?.local_storage().ok().flatten();
    let reviewer = local()
        .and_then(|s| s.get_item(REVIEWER_KEY).ok().flatten())
        .unwrap_or_default();
    let store = ReviewStore {
        backend: StoredValue::new_local(None),
        ready: RwSignal::new(false),
        problem: RwSignal::new(None),
        reviewer: RwSignal::new(reviewer),
        generation: RwSignal::new(0),
        source: StoredValue::new(match source {
            DataSource::Demo { .. } => "demo".to_owned(),
            DataSource::Atlas { base } => base.clone(),
        }),
        heard: RwSignal::new((String::new(), 0)),
        channel: StoredValue::new_local(None),
    };
    let heard = store.heard;
    let generation = store.generation;
    let channel = MarksChannel::open(move |scope| {
        if scope == FORGOTTEN {
            generation.try_update(|g| *g = g.wrapping_add(1));
        } else {
            heard.try_update(|(last, n)| {
                *last = scope;
                *n = n.wrapping_add(1);
            });
        }
    });
    store.channel.set_value(channel);
    Effect::new(move |_| {
        let name = store.reviewer.get();
        if let Some(storage) = local() {
            let _ = storage.set_item(REVIEWER_KEY, name.trim());
        }
    });
    spawn_local(async move {
        let backend: Backend = match IdbMarksStore::open().await {
            Ok(db) => Rc::new(db),
            Err(error) => {
                store.problem.try_set(Some(error));
                Rc::new(MemoryStore::default())
            }
        };
        // Changes an earlier page made and may not have saved (closed the moment after): merged in.
        let mut pending = Journal::default();
        journal_update(|j| pending = j.clone());
        for (scope, calls) in pending.by_scope() {
            if backend.put(&scope, calls.clone()).await.is_ok() {
                journal_update(|j| j.done(&scope, &calls));
            }
        }
        store.backend.try_set_value(Some(backend));
        store.ready.try_set(true);
    });
    provide_context(store);
    store
}

pub fn use_review_store() -> Option<ReviewStore> {
    use_context::<ReviewStore>()
}

impl ReviewStore {
    fn backend(&self) -> Option<Backend> {
        self.backend.try_get_value().flatten()
    }

    pub fn source(&self) -> String {
        self.source.get_value()
    }

    /// The stamp of a change made now.
    pub fn stamp(&self) -> Stamp {
        let name = self.reviewer.get_untracked();
        let name = name.trim();
        Stamp {
            by: if name.is_empty() { UNNAMED } else { name }.to_owned(),
            at: js_sys::Date::now() as i64,
        }
    }

    /// Tells the other tabs that `scope`'s marks changed.
    fn say(&self, scope: &str) {
        self.channel.with_value(|c| {
            if let Some(channel) = c {
                channel.say(scope);
            }
        });
    }

    /// How many calls have marks, in every campaign.
    pub async fn count(&self) -> Result<u32, StoreError> {
        match self.backend() {
            Some(backend) => backend.count().await,
            None => Ok(0),
        }
    }

    /// Forgets every mark of every campaign.
    pub async fn forget_all(&self) -> Result<(), StoreError> {
        if let Some(backend) = self.backend() {
            backend.clear().await?;
        }
        journal_update(|j| j.writes.clear());
        self.generation.try_update(|g| *g = g.wrapping_add(1));
        self.say(FORGOTTEN);
        Ok(())
    }

    /// The file of every campaign's marks from this source.
    pub async fn export_all(&self) -> Result<MarksFile, StoreError> {
        let source = self.source();
        let mut file = MarksFile::new(now_iso(), &self.stamp().by, &source);
        if let Some(backend) = self.backend() {
            for (scope, calls) in backend.load_all().await? {
                if let Some(campaign) = scopes::campaign_of(&scope, &source) {
                    file.add(campaign, &calls);
                }
            }
        }
        Ok(file)
    }
}

/// The open campaign's marks, and the ways to change them.
#[derive(Clone, Copy)]
pub struct CampaignMarks {
    pub store: ReviewStore,
    pub campaign_id: Memo<String>,
    /// By call ID; replaced (not mutated in place) on every change, so memos see it.
    pub marks: RwSignal<Arc<BTreeMap<String, CallMarks>>>,
    /// The marks are read from the store.
    pub loaded: RwSignal<bool>,
}

/// Loads the campaign's marks when the store is open, and again when the campaign changes.
pub fn provide_campaign_marks(campaign_id: Memo<String>) -> Option<CampaignMarks> {
    let store = use_review_store()?;
    let marks = CampaignMarks {
        store,
        campaign_id,
        marks: RwSignal::new(Arc::new(BTreeMap::new())),
        loaded: RwSignal::new(false),
    };
    Effect::new(move |previous: Option<(String, u32)>| {
        let ready = store.ready.get();
        let generation = store.generation.get();
        let campaign = campaign_id.get();
        // Another campaign's marks never show, or take edits, under this one; and marks forgotten are
        // not merged back from memory.
        if previous.as_ref() != Some(&(campaign.clone(), generation)) {
            marks.marks.set(Arc::new(BTreeMap::new()));
        }
        marks.loaded.set(false);
        let Some(backend) = store.backend().filter(|_| ready) else {
            return (campaign, generation);
        };
        let scope = scopes::scope(&store.source(), &campaign);
        let loading = campaign.clone();
        spawn_local(async move {
            let loaded = backend.load(&scope).await;
            // The reader may have moved to another campaign meanwhile.
            if marks.campaign_id.try_get_untracked().as_deref() != Some(loading.as_str()) {
                return;
            }
            match loaded {
                Ok(loaded) => marks.take_loaded(loaded),
                Err(error) => {
                    store.problem.try_set(Some(error));
                }
            }
            marks.loaded.try_set(true);
        });
        (campaign, generation)
    });
    // Another tab changed this campaign's marks: read them again, merged with this tab's.
    Effect::new(move |_| {
        let (scope, _) = store.heard.get();
        let ours = scopes::scope(&store.source(), &campaign_id.get_untracked());
        let Some(backend) = store.backend().filter(|_| scope == ours) else {
            return;
        };
        spawn_local(async move {
            if let Ok(loaded) = backend.load(&scope).await {
                let still = scopes::scope(&store.source(), &campaign_id.get_untracked());
                if still == scope {
                    marks.take_loaded(loaded);
                }
            }
        });
    });
    provide_context(marks);
    Some(marks)
}

pub fn use_campaign_marks() -> Option<CampaignMarks> {
    use_context::<CampaignMarks>()
}

impl CampaignMarks {
    fn scope(&self) -> String {
        scopes::scope(&self.store.source(), &self.campaign_id.get_untracked())
    }

    /// Takes the marks read from the store. Changes made while they were on their way (a key pressed
    /// as the record opened) are merged in, not lost, and saved again merged: their save may have
    /// replaced the stored marks of that call.
    fn take_loaded(&self, loaded: BTreeMap<String, CallMarks>) {
        let early = self.marks.get_untracked();
        let (changed, _) = merge_into(&loaded, &early);
        let mut all = loaded;
        for (id, m) in &changed {
            all.insert(id.clone(), m.clone());
        }
        self.marks.try_set(Arc::new(all));
        if !changed.is_empty() {
            self.save(changed);
        }
    }

    /// The marks of one call (tracked).
    pub fn of(&self, call_id: &str) -> Option<CallMarks> {
        self.marks.with(|m| m.get(call_id).cloned())
    }

    /// Applies a change to a call's marks, shows it at once, and saves it. A save that fails keeps the
    /// change on screen and says why (the marks are still exportable).
    pub fn edit(&self, call_id: &str, edit: Edit) {
        let stamp = self.store.stamp();
        let mut changed = None;
        self.marks.update(|all| {
            let mut call = all.get(call_id).cloned().unwrap_or_default();
            call.apply(edit, &stamp);
            Arc::make_mut(all).insert(call_id.to_owned(), call.clone());
            changed = Some(call);
        });
        let Some(call) = changed else {
            return;
        };
        self.save(vec![(call_id.to_owned(), call)]);
    }

    fn save(&self, calls: Vec<(String, CallMarks)>) {
        let Some(backend) = self.store.backend() else {
            return;
        };
        let scope = self.scope();
        let store = self.store;
        let problem = self.store.problem;
        journal_update(|j| j.add(&scope, &calls));
        spawn_local(async move {
            let saved = calls.clone();
            match backend.put(&scope, calls).await {
                // A save that works again clears an earlier "full" (not a refusal: that one stays).
                Ok(()) => {
                    journal_update(|j| j.done(&scope, &saved));
                    store.say(&scope);
                    problem.try_update(|p| {
                        if matches!(p, Some(StoreError::Full | StoreError::Failed(_))) {
                            *p = None;
                        }
                    });
                }
                Err(error) => {
                    problem.try_set(Some(error));
                }
            }
        });
    }

    /// The file of this campaign's marks.
    pub fn export(&self) -> MarksFile {
        let mut file = MarksFile::new(now_iso(), &self.store.stamp().by, &self.store.source());
        self.marks
            .with_untracked(|m| file.add(&self.campaign_id.get_untracked(), m.iter()));
        file
    }

    /// Merges a marks file into this campaign (and into any other campaign it holds); says what
    /// changed, or why it was refused.
    pub async fn import(&self, text: &str) -> Result<String, String> {
        let file = MarksFile::parse(text).map_err(|r| r.to_string())?;
        let campaign = self.campaign_id.get_untracked();
        let theirs = file.for_campaign(&campaign).map_err(|r| r.to_string())?;
        let ours = self.marks.get_untracked();
        let (changed, summary) = merge_into(&ours, &theirs.calls);
        if !changed.is_empty() {
            self.marks.update(|all| {
                let all = Arc::make_mut(all);
                for (id, m) in &changed {
                    all.insert(id.clone(), m.clone());
                }
            });
            self.save(changed);
        }
        let mut said = summary.describe();
        let others: Vec<_> = file
            .campaigns
            .iter()
            .filter(|c| c.campaign_id != campaign)
            .collect();
        if let (false, Some(backend)) = (others.is_empty(), self.store.backend()) {
            let source = self.store.source();
            for other in &others {
                let scope = scopes::scope(&source, &other.campaign_id);
                let kept = backend.load(&scope).await.map_err(|e| e.to_string())?;
                let (changed, _) = merge_into(&kept, &other.calls);
                backend
                    .put(&scope, changed)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            said.push_str(&format!(
                " The file's marks for {} other campaign{} were merged too.",
                others.len(),
                if others.len() == 1 { "" } else { "s" }
            ));
        }
        Ok(said)
    }
}

/// Now, as the files write it.
fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}
