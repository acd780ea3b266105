//! What the server hands every render and server function: one value, provided in one place.
use super::{counter_writer::CounterWriter, db::Pool};
use crate::error::AppError;
use leptos::prelude::use_context;
use std::sync::Arc;

/// The per-process state a request needs: the database pool, the session cookie's name and the
/// visit counter's writer.
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
