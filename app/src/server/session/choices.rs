//! The visitor's choices (interface language, list page size): kept in the session once there
//! is one, and in the signed test cookie until then, so that choosing stores nothing for a
//! client that never sends a cookie back.
use super::{counting::no_context, VisitorData, VisitorSession, KEY};
use crate::{
    error::AppError,
    i18n::Lang,
    server::{cookies::set_test_cookie, test_cookie::TestCookie},
};
use tower_sessions::Session;

impl VisitorSession {
    /// The language stored in `session`, read without wrapping it (the language middleware runs
    /// before any render does).
    pub async fn stored_language(session: &Session) -> Result<Option<Lang>, AppError> {
        let Some(value) = session.get_value(KEY).await? else {
            return Ok(None);
        };
        Ok(serde_json::from_value::<VisitorData>(value)
            .ok()
            .and_then(|data| data.language()))
    }

    /// The language the visitor chose: the session's, else the test cookie's.
    pub async fn language(&self) -> Result<Option<Lang>, AppError> {
        let cookie = self.test_cookie.as_ref().and_then(|c| c.language);
        Ok(self.data().await?.language().or(cookie))
    }

    /// The page size the visitor chose, as kept: the session's, else the test cookie's.
    pub async fn page_size(&self) -> Result<Option<u32>, AppError> {
        let cookie = self.test_cookie.as_ref().and_then(|c| c.page_size);
        Ok(self.data().await?.page_size.or(cookie))
    }

    /// Remembers the interface language.
    pub async fn set_language(&self, lang: Lang) -> Result<(), AppError> {
        if !self.is_stored().await? {
            return self.keep_in_cookie(|cookie| cookie.language = Some(lang));
        }
        let mut data = self.data_with_counter_key().await?;
        data.language = Some(lang.code().to_string());
        self.store(&data).await
    }

    /// Stores nothing but the language in a session just flushed (a logout keeps the
    /// visitor's language, as a browser-wide preference).
    pub async fn keep_language(&self, lang: Option<Lang>) -> Result<(), AppError> {
        if let Some(lang) = lang {
            // Only a stored session has a language to keep, so this replaces one, not a
            // stranger's nothing.
            self.allow_creating();
            let data = VisitorData {
                language: Some(lang.code().to_string()),
                ..VisitorData::default()
            };
            self.store(&data).await?;
        }
        Ok(())
    }

    /// Remembers the page size; the caller has validated it.
    pub async fn set_page_size(&self, size: u32) -> Result<(), AppError> {
        if !self.is_stored().await? {
            return self.keep_in_cookie(|cookie| cookie.page_size = Some(size));
        }
        let mut data = self.data_with_counter_key().await?;
        data.page_size = Some(size);
        self.store(&data).await
    }

    /// Keeps a choice in the test cookie of a browser nothing is stored for. A cookie holding
    /// counted visits keeps its nonce and issue time (they name that visit); any other
    /// starts afresh, so the choice lasts a whole `SESSION_COOKIE_AGE`.
    fn keep_in_cookie(&self, choose: impl FnOnce(&mut TestCookie)) -> Result<(), AppError> {
        let context = self.context.as_ref().ok_or_else(no_context)?;
        let mut cookie = match &self.test_cookie {
            Some(counted) if counted.counts_visits() => counted.clone(),
            other => TestCookie {
                language: other.as_ref().and_then(|c| c.language),
                page_size: other.as_ref().and_then(|c| c.page_size),
                ..context.test_cookies.fresh()
            },
        };
        choose(&mut cookie);
        set_test_cookie(&cookie);
        Ok(())
    }

    /// Moves what the test cookie held into `data`, which is about to be stored (a choice the
    /// session has already wins), and gives the browser a fresh test cookie in its place.
    pub(super) fn adopt_test_cookie(&self, data: &mut VisitorData) {
        let (Some(cookie), Some(context)) = (&self.test_cookie, &self.context) else {
            return;
        };
        if data.language.is_none() {
            data.language = cookie.language.map(|lang| lang.code().to_string());
        }
        data.page_size = data.page_size.or(cookie.page_size);
        if cookie.counts_visits() || cookie.has_choices() {
            set_test_cookie(&context.test_cookies.fresh());
        }
    }
}
