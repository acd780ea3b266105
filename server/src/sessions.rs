//! The server-side session store and the cookie that points to it.
use crate::config::SessionConfig;
use app::db::Pool;
use tower_sessions::{
    cookie::SameSite, session_store::ExpiredDeletion, Expiry, SessionManagerLayer,
};
use tower_sessions_sqlx_store::SqliteStore;

/// The session layer type the router is built with.
pub type SessionLayer = SessionManagerLayer<SqliteStore>;

/// Creates the session table if needed and returns the layer plus its store.
pub async fn layer(
    config: &SessionConfig,
    pool: Pool,
) -> Result<(SessionLayer, SqliteStore), sqlx::Error> {
    let store = SqliteStore::new(pool);
    store.migrate().await?;
    let age = time::Duration::try_from(config.cookie_age).unwrap_or(time::Duration::weeks(2));
    let layer = SessionManagerLayer::new(store.clone())
        .with_name(config.cookie_name.clone())
        .with_http_only(true)
        // Lax like Django: the cookie still arrives when a visitor follows a link from elsewhere.
        .with_same_site(SameSite::Lax)
        .with_secure(config.cookie_secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(age));
    Ok((layer, store))
}

/// Deletes expired sessions every `interval`, forever; logs and keeps going on errors.
pub fn spawn_cleanup(
    store: SqliteStore,
    interval: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            ticker.tick().await;
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(error = %err, "could not delete expired sessions");
            }
        }
    })
}
