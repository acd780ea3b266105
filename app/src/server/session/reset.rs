//! The password-reset link a browser opened, kept in its session (Django's
//! `INTERNAL_RESET_SESSION_TOKEN`): the link is exchanged for this on its first GET and the
//! browser sent on to a page whose address holds no token, so the token never stays in the
//! address bar, the history, a proxy's access log or a `Referer`.
use super::VisitorSession;
use crate::error::AppError;

impl VisitorSession {
    /// Remembers the digest of the reset link this browser opened, under a fresh session id.
    pub async fn hold_reset(&self, digest: String) -> Result<(), AppError> {
        // A stranger may get a session here: only for a link that works, which a mail carried.
        self.allow_creating();
        let mut data = self.data().await?;
        data.reset_digest = Some(digest);
        self.session.cycle_id().await?;
        self.store(&data).await
    }

    /// The digest of the reset link this browser opened, if any.
    pub async fn held_reset(&self) -> Result<Option<String>, AppError> {
        Ok(self.data().await?.reset_digest)
    }

    /// Forgets the reset link (it was used, or no longer works).
    pub async fn drop_reset(&self) -> Result<(), AppError> {
        let mut data = self.data().await?;
        if data.reset_digest.take().is_some() {
            self.store(&data).await?;
        }
        Ok(())
    }
}
