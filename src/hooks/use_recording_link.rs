//! A recording link that refreshes itself once when it expires or fails to load (the rules are in
//! [`RecordingLink`]); this hook runs the timer, the record request and the status probe.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::now;
use crate::domain::playback::recording_link::{LinkAction, LinkEvent, LinkProblem, RecordingLink};
use crate::domain::{Recording, Timestamp};
use crate::state::{ApiClient, ApiError, ErrorText};

/// Which record to fetch again for a fresh link.
#[derive(Clone)]
pub struct UseRecordingLinkOptions {
    pub api: ApiClient,
    pub call_id: String,
    /// The campaign the record was opened from.
    pub campaign: Option<String>,
    pub url: String,
    pub expires_at: Option<Timestamp>,
}

/// The link as it stands, and how to tell it what happened. Copy it freely.
#[derive(Clone, Copy)]
pub struct UseRecordingLinkReturn {
    /// The link to play and download now.
    pub url: Signal<String>,
    /// The link for the audio element: none while a link that had already expired when the record came
    /// is being replaced, so that the element does not ask for what cannot work.
    pub playable: Signal<Option<String>>,
    pub expires_at: Signal<Option<Timestamp>>,
    /// Why the recording cannot be played, once the refresh did not help.
    pub problem: Signal<Option<LinkProblem>>,
    /// A fresh link is being fetched.
    pub refreshing: Signal<bool>,
    /// Called with each fresh link before it replaces the old one, so the player can note where it was.
    on_swap: StoredValue<Option<Callback<String>>>,
    handle: Handle,
}

/// A pending `setTimeout`: its ID, and the closure it calls (kept alive until then).
type Timer = (i32, Closure<dyn FnMut()>);

#[derive(Clone, Copy)]
struct Handle {
    link: StoredValue<RecordingLink, LocalStorage>,
    options: StoredValue<UseRecordingLinkOptions, LocalStorage>,
    url: RwSignal<String>,
    expires_at: RwSignal<Option<Timestamp>>,
    problem: RwSignal<Option<LinkProblem>>,
    refreshing: RwSignal<bool>,
    timer: StoredValue<Option<Timer>, LocalStorage>,
    request: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
}

/// Keeps the recording's link fresh; see the module docs.
pub fn use_recording_link(options: UseRecordingLinkOptions) -> UseRecordingLinkReturn {
    let handle = Handle {
        link: StoredValue::new_local(RecordingLink::new(options.url.clone(), options.expires_at)),
        url: RwSignal::new(options.url.clone()),
        expires_at: RwSignal::new(options.expires_at),
        options: StoredValue::new_local(options),
        problem: RwSignal::new(None),
        refreshing: RwSignal::new(false),
        timer: StoredValue::new_local(None),
        request: StoredValue::new_local(None),
    };
    let on_swap = StoredValue::new(None);
    let stale = handle.link.with_value(|link| link.is_expired(now()));
    let held = RwSignal::new(stale);
    // Held until the first refresh has answered, one way or the other.
    Effect::new(move |_| {
        if held.get_untracked() && !handle.refreshing.get() {
            held.set(false);
        }
    });
    let this = UseRecordingLinkReturn {
        url: handle.url.into(),
        playable: Signal::derive(move || (!held.get()).then(|| handle.url.get())),
        expires_at: handle.expires_at.into(),
        problem: handle.problem.into(),
        refreshing: handle.refreshing.into(),
        on_swap,
        handle,
    };
    on_cleanup(move || {
        handle.clear_timer();
        if let Some(Some(controller)) = handle.request.try_update_value(Option::take) {
            controller.abort();
        }
    });
    this.arm_expiry();
    this
}

impl UseRecordingLinkReturn {
    /// Tells the link what happened (the audio loaded, failed, or the reader pressed Try again).
    pub fn report(&self, event: LinkEvent) {
        if event == LinkEvent::TryAgain {
            self.handle.problem.try_set(None);
        }
        let action = self.handle.link.try_update_value(|link| link.on(event));
        if let Some(action) = action {
            self.apply(action);
        }
    }

    /// Lets the player note its position before a fresh link replaces the old one.
    pub fn on_swap(&self, callback: Callback<String>) {
        self.on_swap.set_value(Some(callback));
    }

    /// For a download that was refused: a fresh link, when a refresh is still allowed and the record
    /// gives a different one (which the player then takes too). The same link again says nothing about
    /// playing, so it leaves the player alone.
    pub async fn fresh_for_download(self) -> Option<String> {
        let handle = self.handle;
        let may = handle.link.try_with_value(RecordingLink::may_refresh)?;
        if !may {
            return None;
        }
        let options = handle.options.try_get_value()?;
        handle.refreshing.try_set(true);
        // A signal of its own: this runs outside any view, where no cleanup could abort it.
        let signal = web_sys::AbortController::new().ok().map(|c| c.signal());
        let result = options
            .api
            .call(&options.call_id, options.campaign.clone(), signal)
            .await;
        handle.refreshing.try_set(false);
        let recording = result.ok()?.recording;
        let current = handle.url.try_get_untracked()?;
        match &recording {
            Recording::Available { url, .. } if *url != current => {
                let fresh = url.clone();
                let action = handle
                    .link
                    .try_update_value(|link| link.on(LinkEvent::Refreshed(recording)))?;
                self.apply(action);
                Some(fresh)
            }
            _ => None,
        }
    }

    fn apply(&self, action: LinkAction) {
        match action {
            LinkAction::Nothing => {}
            LinkAction::Refresh => {
                // At once, not in the task: whatever waits on the refresh must see it under way.
                self.handle.refreshing.try_set(true);
                let this = *self;
                spawn_local(async move { this.refresh().await });
            }
            LinkAction::Swap { url, expires_at } => {
                if let Some(Some(swap)) = self.on_swap.try_get_value() {
                    swap.run(url.clone());
                }
                self.handle.expires_at.try_set(expires_at);
                self.handle.url.try_set(url);
                self.arm_expiry();
            }
            LinkAction::GiveUp(problem) => {
                let this = *self;
                spawn_local(async move {
                    let problem = match problem {
                        LinkProblem::Unknown => this.probe().await,
                        other => other,
                    };
                    this.handle.problem.try_set(Some(problem));
                });
            }
        }
    }

    /// Fetches the record again and feeds the answer to the link.
    async fn refresh(self) {
        let handle = self.handle;
        let Some(options) = handle.options.try_get_value() else {
            return;
        };
        handle.refreshing.try_set(true);
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(web_sys::AbortController::signal);
        handle.request.try_update_value(|held| *held = controller);
        let result = options
            .api
            .call(&options.call_id, options.campaign.clone(), signal)
            .await;
        let event = match result {
            Ok(record) => LinkEvent::Refreshed(record.recording),
            // The page went away.
            Err(ApiError::Aborted) => return,
            Err(error) => LinkEvent::RefreshFailed(ErrorText::new(&error, "this call").title),
        };
        handle.refreshing.try_set(false);
        if let Some(action) = handle.link.try_update_value(|link| link.on(event)) {
            self.apply(action);
        }
    }

    /// The link's status, where the storage lets the page read it (a one-byte range request), for a
    /// sharper reason than the audio element gives.
    async fn probe(self) -> LinkProblem {
        let url = self.handle.url.try_get_untracked().unwrap_or_default();
        let expired = self
            .handle
            .link
            .try_with_value(|link| link.is_expired(now()))
            .unwrap_or(false);
        let status = async {
            let window = web_sys::window()?;
            let init = web_sys::RequestInit::new();
            let headers = web_sys::Headers::new().ok()?;
            headers.set("range", "bytes=0-0").ok()?;
            init.set_headers(&headers);
            let response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
                .await
                .ok()?;
            Some(response.unchecked_into::<web_sys::Response>().status())
        }
        .await;
        LinkProblem::from_status(status, expired)
    }

    /// Refreshes when the link's expiry passes (at once if it already has).
    fn arm_expiry(&self) {
        let handle = self.handle;
        handle.clear_timer();
        let Some(Some(at)) = handle.expires_at.try_get_untracked() else {
            return;
        };
        let wait = at.0 - now().0;
        if wait <= 0 {
            self.report(LinkEvent::Expired);
            return;
        }
        // setTimeout holds 32 bits of milliseconds (about 24 days); a link valid longer needs no timer.
        let Ok(wait) = i32::try_from(wait) else {
            return;
        };
        let this = *self;
        let on_time = Closure::<dyn FnMut()>::new(move || this.report(LinkEvent::Expired));
        if let Some(window) = web_sys::window() {
            if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_time.as_ref().unchecked_ref(),
                wait,
            ) {
                handle
                    .timer
                    .try_update_value(|held| *held = Some((id, on_time)));
            }
        }
    }
}

impl Handle {
    fn clear_timer(&self) {
        if let Some(Some((id, _))) = self.timer.try_update_value(Option::take) {
            if let Some(window) = web_sys::window() {
                window.clear_timeout_with_handle(id);
            }
        }
    }
}
