//! The one error type of the API client, and the one place its words for people are written.

use crate::domain::loading::loader::{FailureKind, LoadError};
use crate::domain::records::end_reason::SUPPORT_EMAIL;
use crate::wire::WireError;

/// Everything that can go wrong fetching records.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("no API key has been entered")]
    MissingKey,
    #[error("the request did not reach the server: {0}")]
    Network(String),
    /// No complete answer within the time limit; the request was cancelled.
    #[error("no answer within {seconds} s")]
    TimedOut { seconds: u32 },
    #[error("the API key was refused (401)")]
    Unauthorized,
    #[error("the API key may not see this (403)")]
    Forbidden,
    #[error("not found (404)")]
    NotFound,
    #[error("too many requests (429)")]
    RateLimited { retry_after_seconds: Option<u64> },
    #[error("server error ({status})")]
    Server {
        status: u16,
        message: Option<String>,
    },
    #[error("request refused ({status})")]
    Rejected {
        status: u16,
        message: Option<String>,
    },
    #[error("unreadable response: {0}")]
    Decode(String),
    /// The view that asked went away; nobody is waiting for an answer.
    #[error("request aborted")]
    Aborted,
}

impl ApiError {
    /// Whether every other request would fail the same way (the key), so a load should stop at once.
    pub fn is_global(&self) -> bool {
        matches!(
            self,
            ApiError::MissingKey | ApiError::Unauthorized | ApiError::Forbidden
        )
    }

    /// The error for an HTTP status, or `None` when the status is a success.
    pub fn from_status(status: u16, body: &str, retry_after: Option<&str>) -> Option<Self> {
        let message = || crate::wire::parse_error_message(body);
        Some(match status {
            200..=299 => return None,
            401 => ApiError::Unauthorized,
            403 => ApiError::Forbidden,
            404 | 410 => ApiError::NotFound,
            429 => ApiError::RateLimited {
                retry_after_seconds: retry_after.and_then(|v| v.trim().parse().ok()),
            },
            500..=599 => ApiError::Server {
                status,
                message: message(),
            },
            _ => ApiError::Rejected {
                status,
                message: message(),
            },
        })
    }

    /// Whether trying again, unchanged, can help.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::TimedOut { .. }
                | ApiError::RateLimited { .. }
                | ApiError::Server { .. }
        )
    }
}

impl LoadError for ApiError {
    fn kind(&self) -> FailureKind {
        match self {
            ApiError::Aborted => FailureKind::Aborted,
            ApiError::TimedOut { .. } => FailureKind::TimedOut,
            ApiError::RateLimited {
                retry_after_seconds,
            } => FailureKind::RateLimited(*retry_after_seconds),
            error if error.is_global() => FailureKind::Global,
            ApiError::Network(_) => FailureKind::Dropped,
            error if error.is_retryable() => FailureKind::Transient,
            _ => FailureKind::Final,
        }
    }
}

impl From<WireError> for ApiError {
    fn from(error: WireError) -> Self {
        ApiError::Decode(error.to_string())
    }
}

/// What a person reads about a failure: what happened, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorText {
    pub title: String,
    pub detail: String,
}

impl ErrorText {
    /// The words for `error`, when `what` (e.g. "this campaign's calls") could not be loaded.
    pub fn new(error: &ApiError, what: &str) -> Self {
        let (title, detail) = match error {
            ApiError::MissingKey => (
                format!("Enter your API key to see {what}"),
                "Open Settings and paste the API key from your Atlas account. It stays in this browser.".to_owned(),
            ),
            ApiError::Network(_) => (
                format!("Couldn't reach the server for {what}"),
                "Check your internet connection, then try again. If you are online, the API may be down or may not allow this site's address (CORS).".to_owned(),
            ),
            ApiError::TimedOut { seconds } => (
                format!("The server did not answer in time for {what}"),
                format!("No answer came within {seconds} seconds, so we stopped waiting. The API may be slow or down: try again in a moment. If it keeps happening, contact {SUPPORT_EMAIL}."),
            ),
            ApiError::Unauthorized => (
                "Your API key was refused".to_owned(),
                "The key may be mistyped, revoked or expired. Open Settings and enter a current key from your Atlas account.".to_owned(),
            ),
            ApiError::Forbidden => (
                format!("Your API key may not see {what}"),
                "Ask the owner of the Atlas account for access, or use a key from the account that runs this campaign.".to_owned(),
            ),
            ApiError::NotFound => (
                format!("We couldn't find {what}"),
                "It may have been deleted, or the link may be mistyped. Go back to the campaigns and choose again.".to_owned(),
            ),
            ApiError::RateLimited { retry_after_seconds } => (
                "Too many requests for now".to_owned(),
                match retry_after_seconds {
                    Some(s) => format!("The API asks us to slow down. Try again in {s} seconds."),
                    None => "The API asks us to slow down. Wait a minute, then try again.".to_owned(),
                },
            ),
            ApiError::Server { status, message } => (
                format!("The server failed to load {what}"),
                with_server_message(
                    format!("The API answered with an error ({status}). Try again in a moment; if it keeps failing, contact {SUPPORT_EMAIL}."),
                    message,
                ),
            ),
            ApiError::Rejected { status, message } => (
                format!("The server refused the request for {what}"),
                with_server_message(
                    format!("The API answered {status}. If this keeps happening, contact {SUPPORT_EMAIL}."),
                    message,
                ),
            ),
            ApiError::Decode(reason) => (
                format!("The server's answer for {what} could not be read"),
                format!("The response was not in a format we understand ({reason}). Try again; if it persists, contact {SUPPORT_EMAIL}."),
            ),
            ApiError::Aborted => (
                "Loading was stopped".to_owned(),
                "Try again.".to_owned(),
            ),
        };
        ErrorText { title, detail }
    }
}

fn with_server_message(detail: String, message: &Option<String>) -> String {
    match message {
        Some(m) => format!("{detail} The server said: “{m}”"),
        None => detail,
    }
}
