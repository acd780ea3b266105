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

/// What one cleanup pass removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cleared {
    /// Expired sessions deleted.
    pub sessions: u64,
    /// Visit counters whose visitor has not come back for longer than a session lives.
    pub counters: u64,
}

/// Deletes expired sessions, and visit counters untouched for longer than `max_age`.
pub async fn clear_expired(
    store: &SqliteStore,
    pool: &Pool,
    max_age: std::time::Duration,
) -> Result<Cleared, sqlx::Error> {
    let count = || sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM tower_sessions");
    let before = count().fetch_one(pool).await?;
    store
        .delete_expired()
        .await
        .map_err(|err| sqlx::Error::Protocol(err.to_string()))?;
    let after = count().fetch_one(pool).await?;
    let counters = app::visits::ssr::delete_stale(pool, max_age).await?;
    Ok(Cleared {
        sessions: u64::try_from(before - after).unwrap_or(0),
        counters,
    })
}

/// Runs [`clear_expired`] every `interval`, forever; logs and keeps going on errors, so a
/// flood of one-visit sessions cannot fill the disk for longer than a session lives.
pub fn spawn_cleanup(
    store: SqliteStore,
    pool: Pool,
    config: &SessionConfig,
) -> tokio::task::JoinHandle<()> {
    let (interval, max_age) = (config.cleanup_interval, config.cookie_age);
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            ticker.tick().await;
            match clear_expired(&store, &pool, max_age).await {
                Ok(cleared) if cleared != Cleared::default() => {
                    tracing::info!(?cleared, "deleted expired sessions")
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "could not delete expired sessions"),
            }
        }
    })
}
