//! Typed access to what the server remembers about one browser, so no call site handles
//! raw session keys.
use crate::{catalog::pagination::PAGE_SIZES, error::AppError};
use tower_sessions::Session;

/// Every key this app stores in a session, in one place.
mod keys {
    /// How many times this browser has opened the home page.
    pub const HOME_VISITS: &str = "home_visits";
    /// Items per page on catalog lists.
    pub const PAGE_SIZE: &str = "page_size";
}

/// The current visitor's server-side session.
#[derive(Clone)]
pub struct VisitorSession(Session);

impl VisitorSession {
    /// Wraps an existing tower-sessions session.
    pub fn new(session: Session) -> Self {
        Self(session)
    }

    /// The session of the request being handled (SSR render or server function call).
    pub async fn current() -> Result<Self, AppError> {
        leptos_axum::extract::<Session>()
            .await
            .map(Self)
            .map_err(|err| {
                tracing::error!(error = %err, "session layer missing");
                AppError::Internal
            })
    }

    /// Counts one more visit to the home page and returns the new total.
    pub async fn record_home_visit(&self) -> Result<u64, AppError> {
        let visits = self.home_visits().await? + 1;
        self.0.insert(keys::HOME_VISITS, visits).await?;
        Ok(visits)
    }

    /// Items per page chosen for catalog lists (the default when unset or no longer allowed).
    pub async fn page_size(&self) -> Result<u32, AppError> {
        let stored = self.0.get::<u32>(keys::PAGE_SIZE).await?;
        Ok(stored.filter(|s| PAGE_SIZES.contains(s)).unwrap_or(PAGE_SIZES[0]))
    }

    /// Remembers the page size; the caller has validated it.
    pub async fn set_page_size(&self, size: u32) -> Result<(), AppError> {
        self.0.insert(keys::PAGE_SIZE, size).await?;
        Ok(())
    }

    /// How many times this browser has opened the home page.
    pub async fn home_visits(&self) -> Result<u64, AppError> {
        Ok(self.0.get::<u64>(keys::HOME_VISITS).await?.unwrap_or(0))
    }
}
