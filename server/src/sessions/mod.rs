//! Session engines (`SESSION_ENGINE`) and the cookie that points to a session, configured with
//! Django's settings and behaving like Django's backends: saved only when modified (or on every
//! request with `SESSION_SAVE_EVERY_REQUEST`), never on a 5xx, cookie deleted when emptied.
mod cookie_policy;
mod dyn_store;
mod file_store;

pub use cookie_policy::{apply_cookie_policy, cookie_policy, CookiePolicy};
pub use dyn_store::DynStore;
pub use file_store::FileStore;

use crate::config::{SessionConfig, SessionEngine};
use app::db::Pool;
use axum::Router;
use std::sync::Arc;
use tower_sessions::{CachingSessionStore, Expiry, SessionManagerLayer};
use tower_sessions_cookie_store::{CookieSessionConfig, CookieSessionManagerLayer, Key};
use tower_sessions_moka_store::MokaStore;
use tower_sessions_redis_store::{fred, RedisStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// Applies the `SESSION_COOKIE_*` settings to a session layer or cookie-store config: the two
/// builders have the same methods but no common trait.
macro_rules! with_cookie_settings {
    ($builder:expr, $config:expr) => {{
        let config: &SessionConfig = $config;
        let builder = $builder
            .with_name(config.cookie_name.clone())
            .with_http_only(config.cookie_http_only)
            // "off" is written as Lax here and stripped by the cookie policy middleware.
            .with_same_site(
                config
                    .cookie_same_site
                    .unwrap_or(tower_sessions::cookie::SameSite::Lax),
            )
            .with_secure(config.cookie_secure)
            .with_path(config.cookie_path.clone())
            .with_always_save(config.save_every_request)
            .with_expiry(expiry(config));
        match &config.cookie_domain {
            Some(domain) => builder.with_domain(domain.clone()),
            None => builder,
        }
    }};
}

/// Failures while setting up a session engine.
#[derive(Debug, thiserror::Error)]
pub enum SessionSetupError {
    #[error("cannot create the sessions table: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot connect to SESSION_DATABASE_URL: {0}")]
    Postgres(sqlx::Error),
    #[error("{0}")]
    Sqlite(String),
    #[error("cannot use SESSION_FILE_PATH={path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to Redis at REDIS_URL: {0}")]
    Redis(String),
    #[error(
        "SECRET_KEY must be at least {} characters",
        crate::config::MIN_SECRET_KEY_LEN
    )]
    SecretKey,
}

/// The configured engine: the layer to put on the router, and how to delete expired sessions.
pub struct Sessions {
    layer: EngineLayer,
    /// How expired sessions go away for this engine.
    pub cleaner: Cleaner,
}

enum EngineLayer {
    Store(SessionManagerLayer<DynStore>),
    SignedCookies(CookieSessionManagerLayer<tower_sessions_cookie_store::PrivateCookie>),
}

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

impl Sessions {
    /// Builds the engine `config` asks for.
    pub async fn build(
        config: &SessionConfig,
        database_url: &str,
        timeout: std::time::Duration,
    ) -> Result<Self, SessionSetupError> {
        // The `db` engines' store: the app's SQLite database, or PostgreSQL if configured.
        let database = || async {
            if let Some(url) = &config.session_database_url {
                let pg = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(std::time::Duration::from_secs(5))
                    .connect(url)
                    .await
                    .map_err(SessionSetupError::Postgres)?;
                let store = PostgresStore::new(pg.clone());
                store.migrate().await?;
                return Ok::<_, SessionSetupError>((
                    DynStore::new(store.clone()),
                    Cleaner::Postgres(store, pg),
                ));
            }
            let sqlite = crate::db::connect_sqlite(database_url, timeout)
                .await
                .map_err(|e| SessionSetupError::Sqlite(e.to_string()))?;
            let store = SqliteStore::new(sqlite.clone());
            store.migrate().await?;
            Ok((
                DynStore::new(store.clone()),
                Cleaner::Database(store, sqlite),
            ))
        };
        let moka = || MokaStore::new(Some(config.cache_size));
        let (store, cleaner): (DynStore, Cleaner) = match config.engine {
            SessionEngine::Db => database().await?,
            SessionEngine::File => {
                let store = FileStore::open(&config.file_path).await.map_err(|source| {
                    SessionSetupError::Folder {
                        path: config.file_path.display().to_string(),
                        source,
                    }
                })?;
                (DynStore::new(store.clone()), Cleaner::Files(store))
            }
            SessionEngine::Cache => match &config.redis_url {
                Some(url) => (
                    DynStore::new(redis(url).await?),
                    Cleaner::SelfExpiring("Redis expires sessions itself"),
                ),
                None => (
                    DynStore::new(moka()),
                    Cleaner::SelfExpiring(
                        "the cache engine keeps sessions in the server's memory and expires them itself",
                    ),
                ),
            },
            SessionEngine::CachedDb => {
                let (store, cleaner) = database().await?;
                (
                    DynStore::new(CachingSessionStore::new(moka(), store)),
                    cleaner,
                )
            }
            SessionEngine::Redis => {
                let url = config.redis_url.as_deref().unwrap_or_default();
                (
                    DynStore::new(redis(url).await?),
                    Cleaner::SelfExpiring("Redis expires sessions itself"),
                )
            }
            SessionEngine::SignedCookies => {
                return Ok(Self {
                    layer: EngineLayer::SignedCookies(signed_cookie_layer(config)?),
                    cleaner: Cleaner::NothingStored,
                })
            }
        };
        let layer = with_cookie_settings!(SessionManagerLayer::new(store), config);
        Ok(Self {
            layer: EngineLayer::Store(layer),
            cleaner,
        })
    }

    /// Puts the session layer on `router`.
    pub fn apply(self, router: Router) -> Router {
        match self.layer {
            EngineLayer::Store(layer) => router.layer(layer),
            EngineLayer::SignedCookies(layer) => router.layer(layer),
        }
    }
}

/// Django's two expiry modes: a fixed age, renewed when saved, or until the browser closes.
fn expiry(config: &SessionConfig) -> Expiry {
    if config.expire_at_browser_close {
        Expiry::OnSessionEnd
    } else {
        let age = time::Duration::try_from(config.cookie_age).unwrap_or(time::Duration::weeks(2));
        Expiry::OnInactivity(age)
    }
}

/// The `signed_cookies` engine: the whole session, encrypted and authenticated with a key
/// derived from `SECRET_KEY`, lives in the cookie (browsers keep at most 4 KB of it).
fn signed_cookie_layer(
    config: &SessionConfig,
) -> Result<CookieSessionManagerLayer<tower_sessions_cookie_store::PrivateCookie>, SessionSetupError>
{
    let secret = config
        .secret_key
        .as_deref()
        .filter(|key| key.len() >= crate::config::MIN_SECRET_KEY_LEN)
        .ok_or(SessionSetupError::SecretKey)?;
    let key = Key::derive_from(secret.as_bytes());
    let cookie = with_cookie_settings!(CookieSessionConfig::default(), config)
        .with_max_cookie_bytes(MAX_COOKIE_BYTES);
    Ok(CookieSessionManagerLayer::private(key).with_config(cookie))
}

/// The largest session cookie sent; browsers drop bigger ones.
pub const MAX_COOKIE_BYTES: usize = 4096;

async fn redis(url: &str) -> Result<RedisStore<fred::prelude::Pool>, SessionSetupError> {
    use fred::prelude::*;
    let config = Config::from_url(url).map_err(|e| SessionSetupError::Redis(e.to_string()))?;
    let pool = Builder::from_config(config)
        .with_connection_config(|c| {
            c.connection_timeout = std::time::Duration::from_secs(5);
        })
        .build_pool(2)
        .map_err(|e| SessionSetupError::Redis(e.to_string()))?;
    pool.init()
        .await
        .map_err(|e| SessionSetupError::Redis(e.to_string()))?;
    Ok(RedisStore::new(pool))
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
        let counters = app::visits::ssr::delete_stale(pool, max_age)
            .await
            .map_err(|e| e.to_string())?;
        Ok(Cleared { sessions, counters })
    }

    /// Runs [`Cleaner::clear_expired`] every `interval`, forever; logs and keeps going on
    /// errors, so a flood of one-visit sessions cannot fill the disk for longer than a session
    /// lives.
    pub fn spawn(self, pool: Pool, config: &SessionConfig) -> tokio::task::JoinHandle<()> {
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
