//! Typed access to what the server remembers about one browser, so no call site handles
//! raw session keys.
use crate::{
    catalog::pagination::PAGE_SIZES,
    db::Pool,
    error::AppError,
    registration::{SessionInfo, Visitor},
};
use tower_sessions::{Expiry, Session};

/// Every key this app stores in a session, in one place.
mod keys {
    /// Where earlier releases kept the visit count; read once, then moved to the counter table.
    pub const LEGACY_HOME_VISITS: &str = "home_visits";
    /// The random key of this visitor's row in the visit-counter table.
    pub const VISITOR_KEY: &str = "visitor_key";
    /// The registered visitor's profile id, name and email.
    pub const PROFILE_ID: &str = "profile_id";
    pub const NAME: &str = "name";
    pub const EMAIL: &str = "email";
    /// Set when the visitor chose not to be remembered: the cookie must stay a browser-session one.
    pub const ENDS_AT_BROWSER_CLOSE: &str = "ends_at_browser_close";
    /// Items per page on catalog lists.
    pub const PAGE_SIZE: &str = "page_size";
}

/// The session cookie's name (`SESSION_COOKIE_NAME`), provided by the server to every request.
#[derive(Debug, Clone)]
pub struct SessionCookieName(pub String);

/// A cookie holding nothing, offered to every browser that sent none of ours (Django's "test
/// cookie"): if it does not come back from a visitor who is clearly browsing our pages, their
/// browser refuses cookies.
pub const TEST_COOKIE: &str = "cookietest";

/// Whether this request carried one of our cookies (the session's or the test cookie), and
/// whether it came from one of this site's own pages (the `Referer`). A visitor who navigated
/// here from our page yet sent neither has a browser that refuses cookies.
pub fn cookie_presence() -> (bool, bool) {
    use axum::http::header;
    let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() else {
        return (false, false);
    };
    let name = leptos::prelude::use_context::<SessionCookieName>()
        .map(|n| n.0)
        .unwrap_or_else(|| "sessionid".into());
    let (session, test) = (format!("{name}="), format!("{TEST_COOKIE}="));
    let had_cookie = parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| c.trim().starts_with(&session) || c.trim().starts_with(&test));
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let from_own_page = parts
        .headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .map(|(_, rest)| rest.split('/').next().unwrap_or_default())
        .is_some_and(|referer_host| Some(referer_host) == host);
    (had_cookie, from_own_page)
}

/// The current visitor's server-side session.
#[derive(Clone)]
pub struct VisitorSession {
    session: Session,
    /// The expiry the session layer is configured with, for "remember me".
    default_expiry: Option<Expiry>,
}

impl VisitorSession {
    /// Wraps an existing tower-sessions session.
    pub fn new(session: Session) -> Self {
        // A session arrives carrying the layer's configured expiry; keep it before we change it.
        let default_expiry = session.expiry();
        Self {
            session,
            default_expiry,
        }
    }

    /// The session of the request being handled (SSR render or server function call).
    pub async fn current() -> Result<Self, AppError> {
        let session = leptos_axum::extract::<Session>().await.map_err(|err| {
            tracing::error!(error = %err, "session layer missing");
            AppError::Internal
        })?;
        let visitor = Self::new(session);
        visitor.restore_expiry().await?;
        Ok(visitor)
    }

    /// The store keeps an expiry date, not the kind of expiry; re-apply a browser-session expiry
    /// so the next saved response does not turn the cookie into a two-week one.
    async fn restore_expiry(&self) -> Result<(), AppError> {
        if self
            .session
            .get::<bool>(keys::ENDS_AT_BROWSER_CLOSE)
            .await?
            .unwrap_or(false)
        {
            self.session.set_expiry(Some(Expiry::OnSessionEnd));
        }
        Ok(())
    }

    /// Counts one more visit to the home page and returns the new total.
    pub async fn record_home_visit(&self, pool: &Pool) -> Result<u64, AppError> {
        let (key, legacy) = self.visitor_key().await?;
        Ok(crate::visits::ssr::increment(pool, &key, legacy).await?)
    }

    /// This visitor's counter key, created on first use. The second value is a count carried
    /// over from a session written by an earlier release (0 otherwise).
    async fn visitor_key(&self) -> Result<(String, u64), AppError> {
        if let Some(key) = self.session.get::<String>(keys::VISITOR_KEY).await? {
            return Ok((key, 0));
        }
        let key = uuid::Uuid::new_v4().simple().to_string();
        self.session.insert(keys::VISITOR_KEY, &key).await?;
        let legacy = self
            .session
            .remove::<u64>(keys::LEGACY_HOME_VISITS)
            .await?
            .unwrap_or(0);
        Ok((key, legacy))
    }

    /// Gives a session its counter key before it is first stored for another reason, so that
    /// later concurrent home-page visits all find the same key instead of each making one.
    async fn ensure_visitor_key(&self) -> Result<(), AppError> {
        self.visitor_key().await.map(|_| ())
    }

    /// Items per page chosen for catalog lists (the default when unset or no longer allowed).
    pub async fn page_size(&self) -> Result<u32, AppError> {
        let stored = self.session.get::<u32>(keys::PAGE_SIZE).await?;
        Ok(stored
            .filter(|s| PAGE_SIZES.contains(s))
            .unwrap_or(PAGE_SIZES[0]))
    }

    /// Remembers the page size; the caller has validated it.
    pub async fn set_page_size(&self, size: u32) -> Result<(), AppError> {
        self.ensure_visitor_key().await?;
        self.session.insert(keys::PAGE_SIZE, size).await?;
        Ok(())
    }

    /// How many times this browser has opened the home page.
    pub async fn home_visits(&self, pool: &Pool) -> Result<u64, AppError> {
        match self.session.get::<String>(keys::VISITOR_KEY).await? {
            Some(key) => Ok(crate::visits::ssr::get(pool, &key).await?),
            None => Ok(self
                .session
                .get::<u64>(keys::LEGACY_HOME_VISITS)
                .await?
                .unwrap_or(0)),
        }
    }

    /// The registered visitor, if this session has one.
    pub async fn visitor(&self) -> Result<Option<Visitor>, AppError> {
        let profile_id = self.session.get::<i64>(keys::PROFILE_ID).await?;
        let name = self.session.get::<String>(keys::NAME).await?;
        let email = self.session.get::<String>(keys::EMAIL).await?;
        Ok(match (profile_id, name, email) {
            (Some(profile_id), Some(name), Some(email)) => Some(Visitor {
                profile_id,
                name,
                email,
            }),
            _ => None,
        })
    }

    /// Remembers `visitor` under a fresh session id (so a cookie planted before sign-in is
    /// useless afterwards), keeping the rest of the session. `remember` keeps it two weeks;
    /// otherwise it ends when the browser closes.
    pub async fn sign_in(&self, visitor: &Visitor, remember: bool) -> Result<(), AppError> {
        self.ensure_visitor_key().await?;
        self.session.cycle_id().await?;
        self.session
            .insert(keys::PROFILE_ID, visitor.profile_id)
            .await?;
        self.session.insert(keys::NAME, &visitor.name).await?;
        self.session.insert(keys::EMAIL, &visitor.email).await?;
        if remember {
            self.session
                .remove_value(keys::ENDS_AT_BROWSER_CLOSE)
                .await?;
            self.session.set_expiry(self.default_expiry);
        } else {
            self.session
                .insert(keys::ENDS_AT_BROWSER_CLOSE, true)
                .await?;
            self.session.set_expiry(Some(Expiry::OnSessionEnd));
        }
        Ok(())
    }

    /// Deletes everything: the visit counter row and the whole session (its cookie goes too).
    pub async fn forget_everything(&self, pool: &Pool) -> Result<(), AppError> {
        if let Some(key) = self.session.get::<String>(keys::VISITOR_KEY).await? {
            crate::visits::ssr::delete(pool, &key).await?;
        }
        self.session.flush().await?;
        Ok(())
    }

    /// Forgets who the visitor is (not their visit count or preferences), under a new id.
    pub async fn forget(&self) -> Result<(), AppError> {
        for key in [
            keys::PROFILE_ID,
            keys::NAME,
            keys::EMAIL,
            keys::ENDS_AT_BROWSER_CLOSE,
        ] {
            self.session.remove_value(key).await?;
        }
        self.session.set_expiry(self.default_expiry);
        self.session.cycle_id().await?;
        Ok(())
    }

    /// A summary for the "My session" page.
    pub async fn info(&self, pool: &Pool) -> Result<SessionInfo, AppError> {
        let stored = self.session.id().is_some();
        Ok(SessionInfo {
            visitor: self.visitor().await?,
            home_visits: self.home_visits(pool).await?,
            expires_at: stored.then(|| {
                self.session
                    .expiry_date()
                    .replace_nanosecond(0)
                    .unwrap_or_else(|_| self.session.expiry_date())
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default()
            }),
            ends_at_browser_close: matches!(self.session.expiry(), Some(Expiry::OnSessionEnd)),
        })
    }
}
