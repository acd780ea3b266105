//! Typed access to what the server remembers about one browser: one serde struct under one
//! session key, so no call site handles raw keys or untyped values.
use super::{
    context::AppContext,
    cookies::{cookie_presence, set_test_cookie},
};
use crate::{error::AppError, i18n::Lang};
use serde::{Deserialize, Serialize};
use tower_sessions::{Expiry, Session};

pub mod account;
pub mod reset;

/// The one session key this app stores its data under.
const KEY: &str = "visitor";

/// Everything this app keeps in a visitor's session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitorData {
    /// Random key of this visitor's row in the visit-counter table.
    pub counter_key: Option<String>,
    /// Visits counted by a release that kept the count in the session, not yet moved to the
    /// counter table.
    pub carried_visits: u64,
    /// Who registered in this session.
    pub signed_in: Option<SignedIn>,
    /// The visitor chose not to be remembered: the cookie must stay a browser-session one.
    pub ends_at_browser_close: bool,
    /// Items per page chosen for catalog lists, as stored (the page-size setting validates it).
    pub page_size: Option<u32>,
    /// When a visit last pushed the session's expiry forward (Unix seconds).
    pub renewed_at: Option<i64>,
    /// The user logged in on this session (see [`account`]).
    pub logged_in: Option<account::LoggedIn>,
    /// The interface language the visitor chose, as its code (read through [`Lang::from_code`],
    /// so a language no longer offered is simply no choice).
    pub language: Option<String>,
    /// The reset link this browser opened, as the digest the reset table keeps (see
    /// [`reset`]): the link's token leaves the address bar at once.
    pub reset_digest: Option<String>,
}

impl VisitorData {
    /// The language the visitor chose, if it is still offered.
    pub fn language(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::from_code)
    }
}

/// The registered visitor as the session stores them; kept apart from the wire type so either
/// can change without breaking stored sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub profile_id: i64,
    pub name: String,
    pub email: String,
}

/// The current visitor's server-side session.
#[derive(Clone)]
pub struct VisitorSession {
    session: Session,
    /// The expiry the session layer is configured with, for "remember me".
    default_expiry: Option<Expiry>,
    /// The request's test cookie says a first home visit was counted before anything was
    /// stored; a counter created now starts after it.
    first_visit_counted: bool,
}

impl VisitorSession {
    /// Wraps an existing tower-sessions session, re-applying a browser-session expiry: the store
    /// keeps an expiry date, not the kind of expiry, and the next save must not turn the cookie
    /// into a two-week one.
    pub async fn new(session: Session) -> Result<Self, AppError> {
        // A session arrives carrying the layer's configured expiry; keep it before we change it.
        let default_expiry = session.expiry();
        let visitor = Self {
            session,
            default_expiry,
            first_visit_counted: false,
        };
        if visitor.data().await?.ends_at_browser_close {
            visitor.session.set_expiry(Some(Expiry::OnSessionEnd));
        }
        Ok(visitor)
    }

    /// The session of the request being handled (SSR render or server function call).
    pub async fn current() -> Result<Self, AppError> {
        let session = leptos_axum::extract::<Session>()
            .await
            .map_err(|err| AppError::Internal.logged(&format!("session layer missing: {err}")))?;
        Ok(Self::new(session)
            .await?
            .with_first_visit_counted(cookie_presence().first_visit_counted))
    }

    /// Tells the session whether the request's test cookie counted a first visit (read from the
    /// request by [`Self::current`]; callers outside a Leptos render pass it themselves).
    pub fn with_first_visit_counted(mut self, counted: bool) -> Self {
        self.first_visit_counted = counted;
        self
    }

    /// What is stored, or the empty default for a new session. Data that no longer reads (a
    /// format from some other release) is dropped rather than failing every request.
    pub async fn data(&self) -> Result<VisitorData, AppError> {
        let Some(value) = self.session.get_value(KEY).await? else {
            return legacy::read(&self.session).await;
        };
        Ok(serde_json::from_value(value).unwrap_or_else(|err| {
            tracing::warn!(error = %err, "unreadable session data, starting afresh");
            VisitorData::default()
        }))
    }

    async fn store(&self, data: &VisitorData) -> Result<(), AppError> {
        legacy::remove(&self.session).await?;
        self.session.insert(KEY, data).await?;
        Ok(())
    }

    /// Whether this session already counts home visits (it has a counter, or visits carried
    /// over from an older release); a browser nothing is stored for does not.
    pub async fn counts_visits(&self) -> Result<bool, AppError> {
        let data = self.data().await?;
        Ok(data.counter_key.is_some() || data.carried_visits > 0)
    }

    /// This visitor's counter key, created (and stored) on first use, with the visits counted
    /// elsewhere that the counter must still add: ones carried over from an older release, and
    /// a first home visit counted in the test cookie before anything was stored.
    pub async fn counter_key(&self) -> Result<(String, u64), AppError> {
        let mut data = self.data().await?;
        if let Some(key) = &data.counter_key {
            return Ok((key.clone(), data.carried_visits));
        }
        let key = uuid::Uuid::new_v4().simple().to_string();
        if self.first_visit_counted {
            data.carried_visits += 1;
            // The session counts from here; after "Forget everything" a visit is a first again.
            if let Ok(context) = AppContext::current() {
                set_test_cookie("1", context.session_age);
            }
        }
        data.counter_key = Some(key.clone());
        data.renewed_at = Some(unix_now());
        self.store(&data).await?;
        Ok((key, data.carried_visits))
    }

    /// The carried visits are in the counter now.
    pub async fn carried_visits_counted(&self) -> Result<(), AppError> {
        let mut data = self.data().await?;
        data.carried_visits = 0;
        self.store(&data).await
    }

    /// Keeps a session that is in use alive, as Django's save on every counted visit does:
    /// saving pushes the stored expiry and the cookie's `Max-Age` forward by `age`. A visitor who
    /// reloads all day would rewrite the session each time for nothing, so it is saved only once
    /// a hundredth of `age` (at least a second) has passed since the last renewal.
    pub async fn renew_if_due(&self, age: std::time::Duration) -> Result<(), AppError> {
        let mut data = self.data().await?;
        let now = unix_now();
        let every = i64::try_from((age / 100).as_secs())
            .unwrap_or(i64::MAX)
            .max(1);
        if data.renewed_at.is_some_and(|at| now - at < every) {
            return Ok(());
        }
        data.renewed_at = Some(now);
        self.store(&data).await
    }

    /// The data with a counter key in it, so that once the session is stored for any reason,
    /// concurrent home-page visits all find the same key instead of each making one.
    async fn data_with_counter_key(&self) -> Result<VisitorData, AppError> {
        self.counter_key().await?;
        self.data().await
    }

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

    /// Remembers the interface language.
    pub async fn set_language(&self, lang: Lang) -> Result<(), AppError> {
        let mut data = self.data_with_counter_key().await?;
        data.language = Some(lang.code().to_string());
        self.store(&data).await
    }

    /// Stores nothing but the language in a session just flushed (a logout keeps the
    /// visitor's language, as a browser-wide preference).
    pub async fn keep_language(&self, lang: Option<Lang>) -> Result<(), AppError> {
        if let Some(lang) = lang {
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
        let mut data = self.data_with_counter_key().await?;
        data.page_size = Some(size);
        self.store(&data).await
    }

    /// Remembers `who` under a fresh session id (so a cookie planted before sign-in is useless
    /// afterwards), keeping the rest of the session. `remember` keeps it for the configured age;
    /// otherwise it ends when the browser closes. The session is written to the store before
    /// this returns, so an error means nobody was signed in.
    pub async fn sign_in(&self, who: SignedIn, remember: bool) -> Result<(), AppError> {
        let mut data = self.data_with_counter_key().await?;
        self.session.cycle_id().await?;
        data.signed_in = Some(who);
        data.ends_at_browser_close = !remember;
        self.store(&data).await?;
        self.session.set_expiry(if remember {
            self.default_expiry
        } else {
            Some(Expiry::OnSessionEnd)
        });
        Ok(self.session.save().await?)
    }

    /// Forgets who the visitor is (not their visit count or preferences), under a new id.
    pub async fn sign_out(&self) -> Result<(), AppError> {
        let mut data = self.data().await?;
        data.signed_in = None;
        data.ends_at_browser_close = false;
        self.store(&data).await?;
        self.session.set_expiry(self.default_expiry);
        self.session.cycle_id().await?;
        Ok(())
    }

    /// Deletes the whole session from the store; its cookie is removed in the response.
    pub async fn flush(&self) -> Result<(), AppError> {
        Ok(self.session.flush().await?)
    }

    /// When the server forgets this session, if it has been stored at all.
    pub fn expires_at(&self) -> Option<time::OffsetDateTime> {
        self.session.id().map(|_| self.session.expiry_date())
    }

    /// Whether the cookie ends when the browser closes.
    pub fn ends_at_browser_close(&self) -> bool {
        matches!(self.session.expiry(), Some(Expiry::OnSessionEnd))
    }
}

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Sessions written by earlier releases kept each value under its own key; they are read into
/// [`VisitorData`] and the old keys removed when the session is next stored.
mod legacy {
    use super::{SignedIn, VisitorData};
    use crate::error::AppError;
    use tower_sessions::Session;

    const KEYS: [&str; 7] = [
        "home_visits",
        "visitor_key",
        "profile_id",
        "name",
        "email",
        "ends_at_browser_close",
        "page_size",
    ];

    pub async fn read(session: &Session) -> Result<VisitorData, AppError> {
        let profile_id = session.get::<i64>("profile_id").await.ok().flatten();
        let name = session.get::<String>("name").await.ok().flatten();
        let email = session.get::<String>("email").await.ok().flatten();
        Ok(VisitorData {
            counter_key: session.get("visitor_key").await.ok().flatten(),
            carried_visits: session.get("home_visits").await.ok().flatten().unwrap_or(0),
            signed_in: match (profile_id, name, email) {
                (Some(profile_id), Some(name), Some(email)) => Some(SignedIn {
                    profile_id,
                    name,
                    email,
                }),
                _ => None,
            },
            ends_at_browser_close: session
                .get("ends_at_browser_close")
                .await
                .ok()
                .flatten()
                .unwrap_or(false),
            page_size: session.get("page_size").await.ok().flatten(),
            renewed_at: None,
            logged_in: None,
            language: None,
            reset_digest: None,
        })
    }

    pub async fn remove(session: &Session) -> Result<(), AppError> {
        for key in KEYS {
            if session.get_value(key).await?.is_some() {
                session.remove_value(key).await?;
            }
        }
        Ok(())
    }
}
