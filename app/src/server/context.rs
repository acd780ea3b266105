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
}

impl AppContext {
    /// The context of the request being handled.
    pub fn current() -> Result<Self, AppError> {
        use_context::<AppContext>().ok_or_else(|| {
            AppError::Internal
                .logged(&"no AppContext in the request: the server did not provide it")
        })
    }
}

/// The database pool of the request being handled.
pub fn pool() -> Result<Pool, AppError> {
    Ok(AppContext::current()?.pool)
}
