//! The visitor's server functions, and the registration logic the no-JS form shares with them.
use crate::{error::AppError, i18n::Lang};
use leptos::server;
use serde::{Deserialize, Serialize};

/// Who the session says this visitor is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visitor {
    pub profile_id: i64,
    pub name: String,
    pub email: String,
}

/// What the "My session" page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub visitor: Option<Visitor>,
    pub home_visits: u64,
    /// When the server forgets this session (RFC 3339, UTC), if it has been saved.
    pub expires_at: Option<String>,
    pub ends_at_browser_close: bool,
    /// The username logged in on this session, if any.
    pub logged_in_as: Option<String>,
    /// The interface language the visitor chose, if they did (otherwise the browser's decides).
    pub language: Option<Lang>,
}

/// Saves the name and email to the profile table and the session.
#[server(endpoint = "registration/register")]
pub async fn register(
    name: String,
    email: String,
    remember: Option<String>,
) -> Result<Visitor, AppError> {
    crate::server::calls::count();
    use crate::server::{context::pool, session::VisitorSession};
    let session = VisitorSession::current().await?;
    ssr::register(&pool()?, &session, &name, &email, remember.is_some()).await
}

/// Forgets the visitor's name and email (the visit count stays).
#[server(endpoint = "registration/forget")]
pub async fn forget_me() -> Result<(), AppError> {
    crate::server::calls::count();
    crate::server::session::VisitorSession::current()
        .await?
        .sign_out()
        .await
}

/// The registered visitor of this session, if any.
#[server(endpoint = "registration/visitor")]
pub async fn current_visitor() -> Result<Option<Visitor>, AppError> {
    crate::server::calls::count();
    let session = crate::server::session::VisitorSession::current().await?;
    Ok(session.data().await?.signed_in.map(ssr::visitor))
}

/// Everything the server remembers about this browser.
#[server(endpoint = "registration/session")]
pub async fn get_session_info() -> Result<SessionInfo, AppError> {
    crate::server::calls::count();
    use crate::server::{
        context::pool, cookies::cookie_presence, session::VisitorSession, visit_counter,
    };
    let logged_in_as = crate::accounts::api::ssr::current()
        .await?
        .map(|(login, _)| login.username);
    let session = VisitorSession::current().await?;
    let data = session.data().await?;
    // Visits not yet in the counter: carried ones, or those counted in the test cookie.
    let uncounted = match &data.counter_key {
        Some(_) => data.carried_visits,
        None => data.carried_visits + cookie_presence().counted_visits(),
    };
    let home_visits = match &data.counter_key {
        Some(key) => visit_counter::get(&pool()?, key).await? + uncounted,
        None => uncounted,
    };
    // A choice kept in the test cookie, before any session was stored, counts too.
    let language = session.language().await?;
    Ok(SessionInfo {
        visitor: data.signed_in.map(ssr::visitor),
        home_visits,
        expires_at: session.expires_at().map(ssr::rfc3339),
        ends_at_browser_close: session.ends_at_browser_close(),
        logged_in_as,
        language,
    })
}

/// Deletes everything the server keeps about this browser: the session (and its cookie), the
/// visit counter, the login and the chosen language. The profile row stays: it belongs to the
/// email, not the browser.
#[server(endpoint = "registration/forget-all")]
pub async fn forget_everything() -> Result<(), AppError> {
    crate::server::calls::count();
    // Like logging out (which flushes the session, deletes the counter and ends the login), but
    // the language goes too.
    crate::accounts::api::ssr::forget_everything().await
}

/// Server-only registration logic, shared by the server function and the no-JS form handler.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::Visitor;
    use crate::{
        error::AppError,
        server::{db::Pool, profiles, session::SignedIn, session::VisitorSession},
        visitor::validation::validate,
    };

    /// Validates, upserts the profile, and signs the session in under a new id, undoing the
    /// profile change if the session cannot be saved.
    pub async fn register(
        pool: &Pool,
        session: &VisitorSession,
        name: &str,
        email: &str,
        remember: bool,
    ) -> Result<Visitor, AppError> {
        let (name, email) = validate(name, email).map_err(AppError::Invalid)?;
        let change = profiles::upsert(pool, email.as_str(), name.as_str()).await?;
        let signed_in = SignedIn {
            profile_id: change.id,
            name: name.as_str().to_string(),
            email: email.as_str().to_string(),
        };
        // The profile and the signed-in session land together or not at all: the session is
        // written now, not as the response leaves, so a failure can still take the profile back.
        if let Err(error) = session.sign_in(signed_in.clone(), remember).await {
            if let Err(undo) = profiles::undo(pool, &change).await {
                tracing::error!(error = %undo, "could not take back a half-made registration");
            }
            return Err(error);
        }
        Ok(visitor(signed_in))
    }

    /// The visitor as the pages show them.
    pub fn visitor(signed_in: SignedIn) -> Visitor {
        Visitor {
            profile_id: signed_in.profile_id,
            name: signed_in.name,
            email: signed_in.email,
        }
    }

    /// `at` to the second, as RFC 3339.
    pub fn rfc3339(at: time::OffsetDateTime) -> String {
        at.replace_nanosecond(0)
            .unwrap_or(at)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }
}
