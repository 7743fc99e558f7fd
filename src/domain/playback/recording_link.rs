//! Keeping a recording playable when its link expires: one quiet refresh of the call record, then a
//! plain reason.
//!
//! Since July 2026 recordings sit in private storage behind presigned links that expire. A reviewer who
//! leaves a tab open comes back to a link that no longer works. When the link expires, or the audio fails
//! to load, the record is fetched again once and the fresh link swapped in; only if that fails too does the
//! player say why. A link must be seen to work before it earns another refresh, so a recording that
//! never loads costs one refresh, never a loop.

use crate::domain::records::call::Recording;
use crate::domain::records::time::Timestamp;

/// What happened to the link.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkEvent {
    /// The link's expiry time has passed.
    Expired,
    /// The audio element (or a download) could not load the link.
    LoadFailed,
    /// The audio loaded: the link works.
    Loaded,
    /// The record was fetched again; this is its recording now.
    Refreshed(Recording),
    /// The record could not be fetched again; the words for why.
    RefreshFailed(String),
    /// The reader pressed Try again.
    TryAgain,
}

/// What the player should do about it.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkAction {
    Nothing,
    /// Fetch the call record again.
    Refresh,
    /// Use this link instead, keeping position and play state.
    Swap {
        url: String,
        expires_at: Option<Timestamp>,
    },
    /// Stop trying; say why (a look at the link's status may make the reason sharper).
    GiveUp(LinkProblem),
}

/// Why a recording cannot be played.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkProblem {
    /// The link expired and no working one could be had.
    Expired,
    /// The storage no longer has the file: deleted after the retention period.
    Deleted,
    /// The storage refused it.
    Refused,
    /// The record itself could not be fetched again (the words say why).
    RecordUnavailable(String),
    /// The browser does not say why (cross-origin storage hides the status).
    Unknown,
}

impl LinkProblem {
    /// A sharper reason from the link's HTTP status, where the storage lets the page see it.
    pub fn from_status(status: Option<u16>, expired: bool) -> Self {
        match status {
            Some(404 | 410) => LinkProblem::Deleted,
            Some(401 | 403) if expired => LinkProblem::Expired,
            Some(401 | 403) => LinkProblem::Refused,
            _ if expired => LinkProblem::Expired,
            _ => LinkProblem::Unknown,
        }
    }

    /// What a reader is told, and what to do.
    pub fn explain(&self) -> String {
        match self {
            LinkProblem::Expired => "The recording could not be loaded: its link has expired, and a fresh one could not be had. Try again; if it keeps failing, the recording may have been deleted after the retention period.".to_owned(),
            LinkProblem::Deleted => "The recording could not be loaded: it is no longer stored (deleted after the retention period, which can be as short as 14 days). The summary and transcript remain.".to_owned(),
            LinkProblem::Refused => "The recording could not be loaded: its storage refused access. Try again; if it keeps failing, your account may no longer have access to this recording.".to_owned(),
            LinkProblem::RecordUnavailable(why) => format!("The recording could not be loaded, and the call record could not be fetched again for a fresh link ({why}). Try again in a moment."),
            LinkProblem::Unknown => "The recording could not be loaded. Its link may have expired, or it was deleted after the retention period. Try again, or download it.".to_owned(),
        }
    }
}

/// When a recording's link expired, if it has (its `presignedUrlsExpiresAt` is past).
pub fn expired_on(expires_at: Option<Timestamp>, now: Timestamp) -> Option<Timestamp> {
    expires_at.filter(|at| at.0 <= now.0)
}

/// The state of one recording's link.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordingLink {
    pub url: String,
    pub expires_at: Option<Timestamp>,
    /// A refresh has been asked for and not answered.
    refreshing: bool,
    /// The current link came from a refresh and has not been seen to work: no second refresh for it.
    refreshed: bool,
}

impl RecordingLink {
    pub fn new(url: String, expires_at: Option<Timestamp>) -> Self {
        RecordingLink {
            url,
            expires_at,
            refreshing: false,
            refreshed: false,
        }
    }

    pub fn is_refreshing(&self) -> bool {
        self.refreshing
    }

    /// Whether a refresh may be asked for now: none is under way, and the current link is not a fresh
    /// one that has yet to work.
    pub fn may_refresh(&self) -> bool {
        !self.refreshing && !self.refreshed
    }

    /// Whether the link's expiry has passed at `now`.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.expires_at.is_some_and(|at| at.0 <= now.0)
    }

    /// Moves the link along; returns what to do.
    pub fn on(&mut self, event: LinkEvent) -> LinkAction {
        match event {
            LinkEvent::Loaded => {
                self.refreshed = false;
                LinkAction::Nothing
            }
            LinkEvent::Expired | LinkEvent::LoadFailed if self.refreshing => LinkAction::Nothing,
            // A refreshed link that has not played yet is not refreshed again when its time passes...
            LinkEvent::Expired if self.refreshed => LinkAction::Nothing,
            // ...and one that fails to load ends the attempt.
            LinkEvent::LoadFailed if self.refreshed => {
                LinkAction::GiveUp(LinkProblem::from_status(None, false))
            }
            LinkEvent::Expired | LinkEvent::LoadFailed | LinkEvent::TryAgain => {
                self.refreshing = true;
                self.refreshed = false;
                LinkAction::Refresh
            }
            LinkEvent::Refreshed(recording) => {
                self.refreshing = false;
                self.refreshed = true;
                match recording {
                    Recording::Available { url, expires_at } if url != self.url => {
                        self.url = url.clone();
                        self.expires_at = expires_at;
                        LinkAction::Swap { url, expires_at }
                    }
                    // The same link again: it is the file that is gone or refused, not the link.
                    Recording::Available { expires_at, .. } => {
                        self.expires_at = expires_at;
                        LinkAction::GiveUp(LinkProblem::Unknown)
                    }
                    Recording::Missing(_) => LinkAction::GiveUp(LinkProblem::Deleted),
                }
            }
            LinkEvent::RefreshFailed(why) => {
                self.refreshing = false;
                self.refreshed = true;
                LinkAction::GiveUp(LinkProblem::RecordUnavailable(why))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::call::NoRecording;

    fn fresh(url: &str) -> Recording {
        Recording::Available {
            url: url.to_owned(),
            expires_at: Some(Timestamp(2_000)),
        }
    }

    #[test]
    fn a_failed_load_refreshes_once_and_swaps_the_fresh_link_in() {
        let mut link = RecordingLink::new("https://s/a?sig=1".into(), Some(Timestamp(1_000)));
        assert_eq!(link.on(LinkEvent::LoadFailed), LinkAction::Refresh);
        assert!(link.is_refreshing());
        assert_eq!(
            link.on(LinkEvent::LoadFailed),
            LinkAction::Nothing,
            "one refresh at a time"
        );
        assert_eq!(
            link.on(LinkEvent::Refreshed(fresh("https://s/a?sig=2"))),
            LinkAction::Swap {
                url: "https://s/a?sig=2".into(),
                expires_at: Some(Timestamp(2_000))
            }
        );
        // The fresh link fails too: no second refresh, a reason instead.
        assert_eq!(
            link.on(LinkEvent::LoadFailed),
            LinkAction::GiveUp(LinkProblem::Unknown)
        );
        // Only the reader starts another round.
        assert_eq!(link.on(LinkEvent::TryAgain), LinkAction::Refresh);
    }

    #[test]
    fn a_link_that_worked_earns_a_refresh_when_it_expires_again() {
        let mut link = RecordingLink::new("u1".into(), Some(Timestamp(1_000)));
        assert!(link.is_expired(Timestamp(1_000)));
        assert!(!link.is_expired(Timestamp(999)));
        assert_eq!(link.on(LinkEvent::Expired), LinkAction::Refresh);
        assert!(matches!(
            link.on(LinkEvent::Refreshed(fresh("u2"))),
            LinkAction::Swap { .. }
        ));
        assert_eq!(
            link.on(LinkEvent::Expired),
            LinkAction::Nothing,
            "not played yet: no loop"
        );
        assert_eq!(link.on(LinkEvent::Loaded), LinkAction::Nothing);
        assert_eq!(link.on(LinkEvent::Expired), LinkAction::Refresh);
    }

    #[test]
    fn a_refresh_without_a_working_link_gives_a_reason() {
        let mut link = RecordingLink::new("u1".into(), None);
        link.on(LinkEvent::LoadFailed);
        assert_eq!(
            link.on(LinkEvent::Refreshed(Recording::Missing(
                NoRecording::NotAttached
            ))),
            LinkAction::GiveUp(LinkProblem::Deleted)
        );
        link.on(LinkEvent::TryAgain);
        assert_eq!(
            link.on(LinkEvent::Refreshed(fresh("u1"))),
            LinkAction::GiveUp(LinkProblem::Unknown),
            "the same link again"
        );
        link.on(LinkEvent::TryAgain);
        assert_eq!(
            link.on(LinkEvent::RefreshFailed("no network".into())),
            LinkAction::GiveUp(LinkProblem::RecordUnavailable("no network".into()))
        );
    }

    #[test]
    fn statuses_sharpen_the_reason() {
        assert_eq!(
            LinkProblem::from_status(Some(404), false),
            LinkProblem::Deleted
        );
        assert_eq!(
            LinkProblem::from_status(Some(410), true),
            LinkProblem::Deleted
        );
        assert_eq!(
            LinkProblem::from_status(Some(403), false),
            LinkProblem::Refused
        );
        assert_eq!(
            LinkProblem::from_status(Some(403), true),
            LinkProblem::Expired
        );
        assert_eq!(LinkProblem::from_status(None, true), LinkProblem::Expired);
        assert_eq!(LinkProblem::from_status(None, false), LinkProblem::Unknown);
        assert_eq!(
            LinkProblem::from_status(Some(500), false),
            LinkProblem::Unknown
        );
        for problem in [
            LinkProblem::Expired,
            LinkProblem::Deleted,
            LinkProblem::Refused,
            LinkProblem::RecordUnavailable("x".into()),
            LinkProblem::Unknown,
        ] {
            let words = problem.explain();
            assert!(
                words.starts_with("The recording could not be loaded"),
                "{words}"
            );
            assert!(
                words.contains("Try again") || problem == LinkProblem::Deleted,
                "{words}"
            );
        }
    }
}
