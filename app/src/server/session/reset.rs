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
        data.reset_done = false;
        self.session.cycle_id().await?;
        self.store(&data).await
    }

    /// The digest of the reset link this browser opened, if any, and whether a password was
    /// set through one.
    pub async fn held_reset(&self) -> Result<(Option<String>, bool), AppError> {
        let data = self.data().await?;
        Ok((data.reset_digest, data.reset_done))
    }

    /// The link was used: it is forgotten, and the page says the password was set.
    pub async fn finish_reset(&self) -> Result<(), AppError> {
        let mut data = self.data().await?;
        data.reset_digest = None;
        data.reset_done = true;
        self.store(&data).await
    }

    /// Forgets the reset link, and that one was used (the browser opened one that does not
    /// work).
    pub async fn drop_reset(&self) -> Result<(), AppError> {
        let mut data = self.data().await?;
        let held = data.reset_digest.take().is_some();
        if held | std::mem::take(&mut data.reset_done) {
            self.store(&data).await?;
        }
        Ok(())
    }
}
