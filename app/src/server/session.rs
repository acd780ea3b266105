//! Typed access to what the server remembers about one browser: one serde struct under one
//! session key, so no call site handles raw keys or untyped values.
use super::{context::AppContext, cookies::cookie_presence, test_cookie::TestCookie};
use crate::{error::AppError, i18n::Lang};
use serde::{Deserialize, Serialize};
use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};
use tower_sessions::{Expiry, Session};

pub use decoded::DecodedSession;

pub mod account;
mod choices;
mod counting;
mod decoded;
mod legacy;
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
    /// A password was set through the reset link this browser opened (the set-password page
    /// says so when a plain form post comes back to it).
    pub reset_done: bool,
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
///
/// Nothing is stored for a browser that has not shown it keeps cookies: every write goes through
/// `store`, which refuses to create a session unless the request was allowed to
/// ([`Self::allow_creating`]).
#[derive(Clone)]
pub struct VisitorSession {
    session: Session,
    /// The expiry the session layer is configured with, for "remember me".
    default_expiry: Option<Expiry>,
    /// The request's valid test cookie: home visits counted in it (which a counter made
    /// now takes over, once) and choices made before anything was stored.
    test_cookie: Option<TestCookie>,
    /// The app context, to redeem the test cookie with; missing only outside a request.
    context: Option<AppContext>,
    /// This request may create the session; shared by clones, as the session itself is.
    may_create: Arc<AtomicBool>,
    /// The data as last read or stored, shared by every value made for the request.
    decoded: DecodedSession,
}

impl VisitorSession {
    /// Wraps an existing tower-sessions session, re-applying a browser-session expiry: the store
    /// keeps an expiry date, not the kind of expiry, and the next save must not turn the cookie
    /// into a two-week one.
    pub async fn new(session: Session) -> Result<Self, AppError> {
        Self::sharing(session, DecodedSession::default()).await
    }

    /// [`Self::new`], reading the data through the request's `decoded`.
    async fn sharing(session: Session, decoded: DecodedSession) -> Result<Self, AppError> {
        // A session arrives carrying the layer's configured expiry; keep it before we change it.
        let default_expiry = session.expiry();
        let visitor = Self {
            session,
            default_expiry,
            test_cookie: None,
            context: None,
            may_create: Arc::default(),
            decoded,
        };
        if visitor.data().await?.ends_at_browser_close {
            visitor.session.set_expiry(Some(Expiry::OnSessionEnd));
        }
        Ok(visitor)
    }

    /// The session of the request being handled (SSR render or server function call).
    pub async fn current() -> Result<Self, AppError> {
        // What `leptos_axum::extract` would find, without cloning the request's parts.
        let session =
            leptos::reactive::owner::with_context::<axum::http::request::Parts, _>(|parts| {
                parts.extensions.get::<Session>().cloned()
            })
            .flatten()
            .ok_or_else(|| AppError::Internal.logged(&"session layer missing"))?;
        let context = AppContext::current()?;
        let decoded = leptos::prelude::use_context::<DecodedSession>().unwrap_or_default();
        Ok(Self::sharing(session, decoded)
            .await?
            .with_test_cookie(cookie_presence().test_cookie, context))
    }

    /// Gives the session the request's valid test cookie and the app context (read from the
    /// request by [`Self::current`]; callers outside a Leptos render pass them themselves).
    pub fn with_test_cookie(mut self, cookie: Option<TestCookie>, context: AppContext) -> Self {
        self.test_cookie = cookie;
        self.context = Some(context);
        self
    }

    /// Whether the session is in the store (the request brought the cookie of one that exists);
    /// a stranger's is not.
    pub async fn is_stored(&self) -> Result<bool, AppError> {
        // The session loads lazily; loading is what finds out whether its id is known.
        self.session.get_value(KEY).await?;
        Ok(self.session.id().is_some())
    }

    /// Lets this request create the session. For a request that came without one, only four
    /// things may: the visit that brings back visits counted in a valid, unspent test
    /// cookie (`counting`), a login (it authenticates, and failures are locked out), a
    /// registration (it is rate-limited), and opening a reset link that works (a mail carried
    /// it). The one other caller is a logout, whose request came with a session: the new
    /// session keeps the language of the one it flushed.
    pub fn allow_creating(&self) {
        self.may_create.store(true, Ordering::Release);
    }

    /// What is stored, or the empty default for a new session. Data that no longer reads (a
    /// format from some other release) is dropped rather than failing every request.
    pub async fn data(&self) -> Result<VisitorData, AppError> {
        let read = match self.decoded.get() {
            Ok(data) => return Ok(data),
            Err(read) => read,
        };
        let data = match self.session.get_value(KEY).await? {
            None => legacy::read(&self.session).await?,
            Some(value) => serde_json::from_value(value).unwrap_or_else(|err| {
                tracing::warn!(error = %err, "unreadable session data, starting afresh");
                VisitorData::default()
            }),
        };
        self.decoded.keep(read, &data);
        Ok(data)
    }

    /// Writes `data` into the session, which the session layer saves as the response leaves.
    /// Every write passes here, so this is where a stranger's session is refused: a server
    /// function that would store one fails loudly instead of growing the store for any client
    /// that never sends a cookie back.
    async fn store(&self, data: &VisitorData) -> Result<(), AppError> {
        if !self.may_create.load(Ordering::Acquire) && !self.is_stored().await? {
            return Err(AppError::Internal
                .logged(&"refused to store a session for a request that came without one"));
        }
        legacy::remove(&self.session).await?;
        // Forgotten first: should the insert fail, the next read sees what the session holds.
        self.decoded.written(None);
        self.session.insert(KEY, data).await?;
        self.decoded.written(Some(data.clone()));
        Ok(())
    }

    /// Remembers `who` under a fresh session id (so a cookie planted before sign-in is useless
    /// afterwards), keeping the rest of the session. `remember` keeps it for the configured age;
    /// otherwise it ends when the browser closes. The session is written to the store before
    /// this returns, so an error means nobody was signed in.
    pub async fn sign_in(&self, who: SignedIn, remember: bool) -> Result<(), AppError> {
        // A registration may start a session: it is rate-limited per client.
        self.allow_creating();
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
        if !self.is_stored().await? {
            // A stranger has no one to forget.
            return Ok(());
        }
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
        self.decoded.written(None);
        self.session.flush().await?;
        self.decoded.written(None);
        Ok(())
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
