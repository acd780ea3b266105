//! Typed access to what the server remembers about one browser, so no call site handles
//! raw session keys.
use crate::error::AppError;
use tower_sessions::Session;

/// Every key this app stores in a session, in one place.
mod keys {
    /// How many times this browser has opened the home page.
    pub const HOME_VISITS: &str = "home_visits";
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

    /// How many times this browser has opened the home page.
    pub async fn home_visits(&self) -> Result<u64, AppError> {
        Ok(self.0.get::<u64>(keys::HOME_VISITS).await?.unwrap_or(0))
    }
}
