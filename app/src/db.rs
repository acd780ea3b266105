//! Access to the database pool that the server puts into every request's context.
use crate::error::AppError;
use leptos::prelude::use_context;

/// The database pool type used throughout the app.
pub type Pool = sqlx::SqlitePool;

/// The pool provided by the server for this request.
pub fn pool() -> Result<Pool, AppError> {
    use_context::<Pool>().ok_or_else(|| {
        tracing::error!("no database pool in the request context");
        AppError::Internal
    })
}
