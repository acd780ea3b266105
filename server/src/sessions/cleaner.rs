//! Deleting what expired: sessions in the engines that store them, and stale visit counters.
use super::FileStore;
use app::server::db::Pool;
use std::sync::Arc;
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// How an engine gets rid of expired sessions.
#[derive(Clone)]
pub enum Cleaner {
    /// Expired rows are deleted from the app's SQLite database.
    Database(SqliteStore, sqlx::SqlitePool),
    /// Expired rows are deleted from PostgreSQL (`SESSION_DATABASE_URL`).
    Postgres(PostgresStore, sqlx::PgPool),
    /// Expired files are deleted from the session folder.
    Files(FileStore),
    /// The store expires entries itself (the in-process cache, Redis).
    SelfExpiring(&'static str),
    /// Nothing is stored server-side (signed cookies).
    NothingStored,
}

/// What one cleanup pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cleared {
    /// Expired sessions deleted.
    pub sessions: u64,
    /// Visit counters whose visitor has not come back for longer than a session lives.
    pub counters: u64,
}

impl Cleaner {
    /// Deletes expired sessions (if this engine stores any) and stale visit counters.
    pub async fn clear_expired(
        &self,
        pool: &Pool,
        max_age: std::time::Duration,
    ) -> Result<Cleared, String> {
        use tower_sessions::session_store::ExpiredDeletion;
        let sessions = match self {
            Cleaner::Database(store, sqlite) => {
                let count = || sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM tower_sessions");
                let before = count().fetch_one(sqlite).await.map_err(|e| e.to_string())?;
                store.delete_expired().await.map_err(|e| e.to_string())?;
                let after = count().fetch_one(sqlite).await.map_err(|e| e.to_string())?;
                u64::try_from(before - after).unwrap_or(0)
            }
            Cleaner::Postgres(store, pg) => {
                let count =
                    || sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM tower_sessions.session");
                let before = count().fetch_one(pg).await.map_err(|e| e.to_string())?;
                store.delete_expired().await.map_err(|e| e.to_string())?;
                let after = count().fetch_one(pg).await.map_err(|e| e.to_string())?;
                u64::try_from(before - after).unwrap_or(0)
            }
            Cleaner::Files(store) => store.delete_expired().await.map_err(|e| e.to_string())?,
            Cleaner::SelfExpiring(_) | Cleaner::NothingStored => 0,
        };
        let counters = app::server::visit_counter::delete_stale(pool, max_age)
            .await
            .map_err(|e| e.to_string())?;
        // Logins whose sessions have expired, and reset links past their hour.
        app::server::sign_ins::delete_stale(pool, max_age)
            .await
            .map_err(|e| e.to_string())?;
        app::server::reset_tokens::delete_expired(pool)
            .await
            .map_err(|e| e.to_string())?;
        // Failed logins older than the lockout's window.
        app::server::login_throttle::delete_stale(pool, app::server::login_throttle::now())
            .await
            .map_err(|e| e.to_string())?;
        Ok(Cleared { sessions, counters })
    }

    /// Runs [`Cleaner::clear_expired`] every `interval`, forever; logs and keeps going on
    /// errors, so a flood of one-visit sessions cannot fill the disk for longer than a session
    /// lives.
    pub fn spawn(
        self,
        pool: Pool,
        config: &crate::config::SessionConfig,
    ) -> tokio::task::JoinHandle<()> {
        let (interval, max_age) = (config.cleanup_interval, config.cookie_age);
        let cleaner = Arc::new(self);
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(interval);
            loop {
                ticker.tick().await;
                match cleaner.clear_expired(&pool, max_age).await {
                    Ok(cleared) if cleared != Cleared::default() => {
                        tracing::info!(?cleared, "deleted expired sessions")
                    }
                    Ok(_) => {}
                    Err(err) => tracing::warn!(error = %err, "could not delete expired sessions"),
                }
            }
        })
    }
}
