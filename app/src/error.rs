//! The one error type of the app layer, and where it becomes an HTTP status and a message.
//! It imports no feature module: features build their errors from it, never the reverse.
use crate::i18n::{key, Lang, Msg};
use http::StatusCode;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
    Bytes, Encodes,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Messages for the form fields that failed, by field name, shown next to each field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(BTreeMap<String, Msg>);

impl FieldErrors {
    /// Records `message` for `field` (a later message for the same field replaces it).
    pub fn set(&mut self, field: &str, message: Msg) {
        self.0.insert(field.to_string(), message);
    }

    /// The message for `field`, if it failed.
    pub fn get(&self, field: &str) -> Option<Msg> {
        self.0.get(field).cloned()
    }

    /// Whether no field failed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Forgets the message for `field` (the visitor is retyping it).
    pub fn clear(&mut self, field: &str) {
        self.0.remove(field);
    }
}

/// Everything a page or server function can fail with, as the visitor should hear it. The
/// messages travel as catalogue keys, so the browser shows them in the visitor's language.
/// `Display` is the English text, for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{}", self.message(Lang::En))]
pub enum AppError {
    /// The thing asked for does not exist (unknown id, unknown page).
    NotFound(Msg),
    /// The request was malformed or failed validation.
    BadRequest(Msg),
    /// A form was filled in wrongly; the messages belong next to the fields.
    Invalid(FieldErrors),
    /// The request came from another site and would change this visitor's data.
    CrossSite,
    /// The page needs a logged-in user.
    Unauthorized,
    /// The page is for librarians only.
    Forbidden,
    /// Too many failed logins; the number is how many minutes to wait.
    LockedOut(u64),
    /// Too many attempts from one address; the number is how many seconds to wait.
    RateLimited(u64),
    /// The database or session store cannot be reached right now.
    Unavailable,
    /// Every password-hashing thread is busy: try again in a second.
    Busy,
    /// A bug or an unexpected failure; details are in the server log, not shown.
    Internal,
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::CrossSite | AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::LockedOut(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable | AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The error as a server function's client decodes it, and nothing else: code outside a
    /// Leptos render (middleware) must use this, not `ser`, whose status side effect would
    /// reach whatever reactive owner happens to be current on the thread.
    pub fn encode(&self) -> Bytes {
        JsonEncoding::encode(self).unwrap_or_else(|err| {
            log_internal(&err.to_string());
            Bytes::from_static(b"\"Internal\"")
        })
    }

    /// During a server render or server-function call, answers the request with this error's
    /// status (Leptos would otherwise answer 200 for a page and 500 for a server function).
    pub fn set_response_status(&self) {
        #[cfg(feature = "ssr")]
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            // A page that needs a login has already answered with a redirect to the login page.
            let redirecting = response
                .0
                .read()
                .is_ok_and(|parts| parts.status.is_some_and(|s| s.is_redirection()));
            if !(redirecting && *self == AppError::Unauthorized) {
                response.set_status(self.status());
            }
            if let Some(seconds) = self.retry_after() {
                response.insert_header(http::header::RETRY_AFTER, seconds.into());
            }
        }
    }

    /// How many seconds the client should wait before trying again, for errors that pass.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::LockedOut(minutes) => Some(minutes.saturating_mul(60)),
            AppError::RateLimited(seconds) => Some(*seconds),
            AppError::Busy => Some(1),
            _ => None,
        }
    }

    /// What the visitor is told, as a catalogue message.
    pub fn msg(&self) -> Msg {
        match self {
            AppError::NotFound(msg) | AppError::BadRequest(msg) => msg.clone(),
            AppError::Invalid(_) => Msg::new("error-invalid"),
            AppError::CrossSite => Msg::new("error-cross-site"),
            AppError::Unauthorized => Msg::new("error-unauthorized"),
            AppError::Forbidden => Msg::new("error-forbidden"),
            AppError::LockedOut(minutes) => Msg::new("error-locked-out").with("minutes", *minutes),
            AppError::RateLimited(seconds) => {
                Msg::new("error-rate-limited").with("seconds", *seconds)
            }
            AppError::Unavailable => Msg::new("error-unavailable"),
            AppError::Busy => Msg::new("error-busy"),
            AppError::Internal => Msg::new("error-internal"),
        }
    }

    /// What the visitor is told, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.msg().text(lang)
    }

    /// The catalogue key of a short page heading for this kind of error.
    pub fn title_key(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => key("error-title-not-found"),
            AppError::BadRequest(_) => key("error-title-bad-request"),
            AppError::Invalid(_) => key("error-title-invalid"),
            AppError::CrossSite => key("error-title-cross-site"),
            AppError::Unauthorized => key("error-title-unauthorized"),
            AppError::Forbidden => key("error-title-forbidden"),
            AppError::LockedOut(_) => key("error-title-locked-out"),
            AppError::RateLimited(_) => key("error-title-rate-limited"),
            AppError::Unavailable => key("error-title-unavailable"),
            AppError::Busy => key("error-title-busy"),
            AppError::Internal => key("error-title-internal"),
        }
    }

    /// A short page heading for this kind of error, in `lang`.
    pub fn title(&self, lang: Lang) -> String {
        crate::i18n::text(lang, self.title_key())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The client sent something the server function could not read.
            ServerFnErrorErr::Args(msg)
            | ServerFnErrorErr::Deserialization(msg)
            | ServerFnErrorErr::MissingArg(msg) => {
                AppError::BadRequest(Msg::new("error-bad-arguments").with("detail", msg))
            }
            // On the client: the server could not be reached.
            ServerFnErrorErr::Request(_) => AppError::Unavailable,
            ServerFnErrorErr::Response(_) => AppError::Unavailable,
            other => {
                log_internal(&other.to_string());
                AppError::Internal
            }
        }
    }

    /// Called on the server exactly when a server function's error becomes its response, so
    /// this is the one place that response gets its real status (400, 404, 503…), not 500.
    fn ser(&self) -> Bytes {
        self.set_response_status();
        self.encode()
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

/// Classifies a database failure. It does not log: the failure is logged once, where the
/// request that met it is answered (see [`AppError::logged`]).
#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        let error = match &err {
            sqlx::Error::RowNotFound => AppError::NotFound(Msg::new("error-no-record")),
            sqlx::Error::PoolTimedOut => {
                crate::server::metrics::pool_timeout();
                AppError::Unavailable
            }
            sqlx::Error::PoolClosed | sqlx::Error::Io(_) => AppError::Unavailable,
            sqlx::Error::Database(db) if db_error_is_outage(db.code().as_deref()) => {
                AppError::Unavailable
            }
            _ => AppError::Internal,
        };
        error.logged(&err)
    }
}

/// Whether a database error code means "cannot be used right now" rather than a bug: SQLite's
/// BUSY, LOCKED, READONLY, IOERR, FULL and CANTOPEN (primary code in the low byte), PostgreSQL's
/// connection (08), resource (53) and shutdown (57P) classes, and its statement and lock
/// timeouts (57014, 55P03).
#[cfg(feature = "ssr")]
pub fn db_error_is_outage(code: Option<&str>) -> bool {
    let Some(code) = code else { return false };
    // SQLSTATEs are always five characters; SQLite's (extended) codes are at most four digits.
    if code.len() == 5 {
        return code.starts_with("08")
            || code.starts_with("53")
            || code.starts_with("57P")
            || code == "57014"
            || code == "55P03";
    }
    if let Ok(sqlite) = code.parse::<u32>() {
        return matches!(sqlite & 0xff, 5 | 6 | 8 | 10 | 13 | 14);
    }
    false
}

/// A session store that fails is an outage, like a database that does.
#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    fn from(err: tower_sessions::session::Error) -> Self {
        AppError::Unavailable.logged(&err)
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs the underlying `cause` of a server-side failure at the level its kind deserves
    /// (outages warn, bugs are errors; a visitor's mistake is not logged) and passes it on.
    pub fn logged(self, cause: &dyn std::fmt::Display) -> Self {
        match self {
            AppError::Unavailable => {
                tracing::warn!(error = %cause, "database or session store unavailable")
            }
            AppError::Internal => tracing::error!(error = %cause, "internal error"),
            _ => {}
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_arguments_are_a_client_error() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("page".into()));
        assert_eq!(err.status(), StatusCode::BAD_REQUEST);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn busy_and_readonly_databases_are_outages_not_bugs() {
        for code in [
            "5", "517", "6", "8", "1032", "10", "13", "14", "08006", "57P01", "57014", "55P03",
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
