//! What the server hands every render and server function: one value, provided in one place.
use super::{counter_writer::CounterWriter, db::Pool};
use crate::error::AppError;
use leptos::prelude::use_context;
use std::sync::Arc;

/// The per-process state a request needs: the database pool, the session cookie's name, the
/// visit counter's writer and the test cookie's signer.
#[derive(Debug, Clone)]
pub struct AppContext {
    /// The app's database.
    pub pool: Pool,
    /// `SESSION_COOKIE_NAME`, for telling whether a request carried the session cookie.
    pub session_cookie: Arc<str>,
    /// Where home-page visits are counted.
    pub counter: CounterWriter,
    /// `SESSION_COOKIE_AGE`: how long a session lives after its last save.
    pub session_age: std::time::Duration,
    /// What the account pages share across requests.
    pub accounts: Arc<AccountServices>,
    /// Signs and reads the test cookie with the server's secret (never logged: its `Debug`
    /// prints `[redacted]`).
    pub test_cookies: super::test_cookie::TestCookies,
    /// The lazy pages' WASM chunks, named in the `<head>` of the page that needs them.
    pub chunks: Arc<super::split_chunks::SplitChunks>,
    /// The catalog's version, which says whether what is kept in memory is still current.
    pub catalog_version: super::catalog_version::CatalogVersion,
    /// `MAX_HOLDS` and the hold period.
    pub holds: super::hold_rules::HoldRules,
}

/// The account pages' per-process parts.
#[derive(Debug)]
pub struct AccountServices {
    /// Sign-ins checked a moment ago.
    pub sign_ins: super::sign_ins::SignInCache,
    /// Where reset mail goes.
    pub mailer: super::mailer::Mailer,
    /// `SITE_URL`: the start of links in mail.
    pub site_url: String,
    /// Argon2 checks and hashes, bounded (`PASSWORD_HASH_THREADS`).
    pub hasher: super::passwords::PasswordHasher,
}

/// The client's address as the server worked it out (the TCP peer, or what a trusted proxy
/// says), put into each request's extensions by the server's middleware.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The id a trusted reverse proxy gave this request (its `X-Request-Id`), put into the
/// request's extensions by the server's middleware. A proxy that retries a request on another
/// server sends the same id, so the visit counter can tell a retry from a new view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRequestId(pub String);

/// The [`ProxyRequestId`] of the request being handled, if a trusted proxy sent one.
pub fn proxy_request_id() -> Option<String> {
    // `with_context` borrows the request's parts; `use_context` would clone every header.
    leptos::reactive::owner::with_context::<axum::http::request::Parts, _>(|parts| {
        parts
            .extensions
            .get::<ProxyRequestId>()
            .map(|id| id.0.clone())
    })
    .flatten()
}

impl AppContext {
    /// The context of the request being handled.
    pub fn current() -> Result<Self, AppError> {
        // Missing only once a response's client has hung up and Leptos has torn the render's
        // context down (a server that never provided it would fail every page and every test),
        // so it is not worth an error line per dropped connection.
        use_context::<AppContext>().ok_or_else(|| {
            tracing::debug!("no AppContext: the request's render was already torn down");
            AppError::Internal
        })
    }
}

/// The database pool of the request being handled.
pub fn pool() -> Result<Pool, AppError> {
    Ok(AppContext::current()?.pool)
}
