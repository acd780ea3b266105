//! Logging in and out on a visitor's session, with Django's rules: a login cycles the session id
//! and keeps what the anonymous visitor had, unless another user was logged in there (then the
//! session is flushed first); a logout flushes the whole session.
use super::{unix_now, VisitorData, VisitorSession};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The logged-in user as the session stores them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedIn {
    pub user_id: i64,
    pub username: String,
    pub is_librarian: bool,
    /// The secret of this session's row in the sign-ins table; the login holds while it exists.
    pub sign_in: String,
    /// When this session logged in (Unix seconds).
    pub since: i64,
}

impl VisitorSession {
    /// The user logged in on this session, as stored (see `accounts::ssr::current_user` for
    /// the check that the sign-in still holds).
    pub async fn logged_in(&self) -> Result<Option<LoggedIn>, AppError> {
        Ok(self.data().await?.logged_in)
    }

    /// Logs `user_id` in under a fresh session id, written to the store before this returns.
    /// Returns the login this session held before (its sign-in is over), if any.
    pub async fn log_in(
        &self,
        user_id: i64,
        username: String,
        is_librarian: bool,
        sign_in: String,
    ) -> Result<Option<LoggedIn>, AppError> {
        // A login may start a session: it authenticates (and failed ones are locked out).
        self.allow_creating();
        let mut data = self.data().await?;
        let previous = data.logged_in.take();
        if previous.as_ref().is_some_and(|p| p.user_id != user_id) {
            // Another user's session: nothing of theirs may carry over to this one.
            // Except the interface language, which is the browser's, not the user's.
            self.flush().await?;
            data = VisitorData {
                language: data.language,
                ..VisitorData::default()
            };
        }
        // Choices made before any session was stored move in with the login.
        self.adopt_test_cookie(&mut data);
        self.session.cycle_id().await?;
        data.logged_in = Some(LoggedIn {
            user_id,
            username,
            is_librarian,
            sign_in,
            since: unix_now(),
        });
        self.store(&data).await?;
        self.session.save().await?;
        Ok(previous)
    }

    /// Drops the login only (its sign-in was revoked elsewhere); the rest of the session stays.
    pub async fn drop_login(&self) -> Result<(), AppError> {
        let mut data = self.data().await?;
        data.logged_in = None;
        self.store(&data).await
    }
}
