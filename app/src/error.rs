//! The one error type of the app layer, and where it becomes an HTTP status and a message.
use crate::registration::validation::FieldErrors;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// Everything a page or server function can fail with, as the visitor should hear it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// The thing asked for does not exist (unknown id, unknown page).
    #[error("{0}")]
    NotFound(String),
    /// The request was malformed or failed validation.
    #[error("{0}")]
    BadRequest(String),
    /// A form was filled in wrongly; the messages belong next to the fields.
    #[error("Please correct the highlighted fields.")]
    Invalid(FieldErrors),
    /// The request came from another site and would change this visitor's data.
    #[error("This request came from another site and was refused.")]
    CrossSite,
    /// Too many attempts from one address; the number is how many seconds to wait.
    #[error("Too many attempts from your network. Please wait {0} seconds and try again.")]
    RateLimited(u64),
    /// The database or session store cannot be reached right now.
    #[error("The library is temporarily unavailable. Please try again in a moment.")]
    Unavailable,
    /// A bug or an unexpected failure; details are in the server log, not shown.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound(_) => 404,
            AppError::BadRequest(_) => 400,
            AppError::Invalid(_) => 422,
            AppError::CrossSite => 403,
            AppError::RateLimited(_) => 429,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
        }
    }

    /// A short page heading for this kind of error.
    pub fn title(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "Not found",
            AppError::BadRequest(_) => "Bad request",
            AppError::Invalid(_) => "Please check the form",
            AppError::CrossSite => "Request refused",
            AppError::RateLimited(_) => "Slow down, please",
            AppError::Unavailable => "Temporarily unavailable",
            AppError::Internal => "Server error",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The client sent something the server function could not read.
            ServerFnErrorErr::Args(msg)
            | ServerFnErrorErr::Deserialization(msg)
            | ServerFnErrorErr::MissingArg(msg) => AppError::BadRequest(msg),
            // On the client: the server could not be reached.
            ServerFnErrorErr::Request(_) => AppError::Unavailable,
            ServerFnErrorErr::Response(_) => AppError::Unavailable,
            other => {
                log_internal(&other.to_string());
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
fn log_internal(detail: &str) {
    tracing::error!(detail, "internal error");
}

#[cfg(not(feature = "ssr"))]
fn log_internal(detail: &str) {
    leptos::logging::warn!("internal error: {detail}");
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => AppError::NotFound("That record does not exist.".into()),
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(error = %err, "database unavailable");
                AppError::Unavailable
            }
            sqlx::Error::Database(ref db) if db_error_is_outage(db.code().as_deref()) => {
                tracing::warn!(error = %err, "database unavailable");
                AppError::Unavailable
            }
            other => {
                log_internal(&other.to_string());
                AppError::Internal
            }
        }
    }
}

/// Whether a database error code means "cannot be used right now" rather than a bug: SQLite's
/// BUSY, LOCKED, READONLY, IOERR, FULL and CANTOPEN (primary code in the low byte), PostgreSQL's
/// connection (08), resource (53) and shutdown (57P) classes.
#[cfg(feature = "ssr")]
pub fn db_error_is_outage(code: Option<&str>) -> bool {
    let Some(code) = code else { return false };
    // SQLSTATEs are always five characters; SQLite's (extended) codes are at most four digits.
    if code.len() == 5 {
        return code.starts_with("08") || code.starts_with("53") || code.starts_with("57P");
    }
    if let Ok(sqlite) = code.parse::<u32>() {
        return matches!(sqlite & 0xff, 5 | 6 | 8 | 10 | 13 | 14);
    }
    false
}

#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    fn from(err: tower_sessions::session::Error) -> Self {
        tracing::warn!(error = %err, "session store failed");
        AppError::Unavailable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_arguments_are_a_client_error() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("page".into()));
        assert_eq!(err.status_code(), 400);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn busy_and_readonly_databases_are_outages_not_bugs() {
        for code in [
            "5", "517", "6", "8", "1032", "10", "13", "14", "08006", "57P01",
        ] {
            assert!(db_error_is_outage(Some(code)), "{code}");
        }
        for code in ["19", "2067", "1", "23505", "42P01"] {
            assert!(!db_error_is_outage(Some(code)), "{code}");
        }
        assert!(!db_error_is_outage(None));
    }

    #[test]
    fn internal_errors_do_not_leak_details() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "secret path /etc".into(),
        ));
        assert_eq!(err, AppError::Internal);
        assert!(!err.to_string().contains("/etc"));
    }
}
