//! Sessions written by earlier releases kept each value under its own key; they are read into
//! [`VisitorData`] and the old keys removed when the session is next stored.
use super::{SignedIn, VisitorData};
use crate::error::AppError;
use tower_sessions::Session;

/// The keys earlier releases stored.
const KEYS: [&str; 7] = [
    "home_visits",
    "visitor_key",
    "profile_id",
    "name",
    "email",
    "ends_at_browser_close",
    "page_size",
];

/// The data of a session an earlier release wrote (the empty default for a new session).
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
        reset_done: false,
    })
}

/// Removes the earlier releases' keys, if the session has any.
pub async fn remove(session: &Session) -> Result<(), AppError> {
    for key in KEYS {
        if session.get_value(key).await?.is_some() {
            session.remove_value(key).await?;
        }
    }
    Ok(())
}
