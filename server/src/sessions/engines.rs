//! Building each engine's store from the configuration.
use super::{
    signed_cookie_layer, CachedDb, Cleaner, DynStore, EngineLayer, FileStore, MemoryStore,
    RedisSessions, SessionSetupError, SqlStore,
};
use crate::config::{Config, SessionEngine};
use tower_sessions_redis_store::fred;
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The store (or cookie layer) of the configured engine, and how its sessions are cleaned.
pub(super) async fn build(config: &Config) -> Result<(EngineLayer, Cleaner), SessionSetupError> {
    let session = &config.session;
    let (store, cleaner) = match session.engine {
        SessionEngine::Db => {
            let (store, cleaner) = database(config).await?;
            (DynStore::new(store), cleaner)
        }
        SessionEngine::File => {
            let store = FileStore::open(&session.file_path)
                .await
                .map_err(|source| SessionSetupError::Folder {
                    path: session.file_path.display().to_string(),
                    source,
                })?;
            (DynStore::new(store.clone()), Cleaner::Files(store))
        }
        SessionEngine::Cache => match &session.redis_url {
            Some(url) => (DynStore::new(redis(url, config).await?), REDIS_EXPIRES),
            None => (
                DynStore::new(MemoryStore::new(config.session.cache_size)),
                Cleaner::SelfExpiring(
                    "the cache engine keeps sessions in the server's memory and expires them itself",
                ),
            ),
        },
        SessionEngine::CachedDb => {
            let (store, cleaner) = database(config).await?;
            let cached = CachedDb::new(store, config.session.cache_size);
            (DynStore::new(cached), cleaner)
        }
        SessionEngine::Redis => {
            let url = session.redis_url.as_deref().unwrap_or_default();
            (DynStore::new(redis(url, config).await?), REDIS_EXPIRES)
        }
        SessionEngine::SignedCookies => {
            let layer = EngineLayer::SignedCookies(signed_cookie_layer(session)?);
            return Ok((layer, Cleaner::NothingStored));
        }
    };
    let store = store.engine(session.engine.name());
    Ok((EngineLayer::store(store, session), cleaner))
}

const REDIS_EXPIRES: Cleaner = Cleaner::SelfExpiring("Redis expires sessions itself");

/// The `db` engines' store: the app's SQLite database, or PostgreSQL if configured.
async fn database(config: &Config) -> Result<(SqlStore, Cleaner), SessionSetupError> {
    if let Some(url) = &config.session.session_database_url {
        let limits = crate::db::postgres_time_limits(config);
        let pg = crate::db::pool_options::<sqlx::Postgres>(config)
            .after_connect(move |conn, _meta| {
                let limits = limits.clone();
                Box::pin(async move {
                    sqlx::Executor::execute(conn, limits.as_str()).await?;
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(SessionSetupError::Postgres)?;
        let store = PostgresStore::new(pg.clone());
        store.migrate().await?;
        let sessions = SqlStore::Postgres(store.clone(), pg.clone());
        return Ok((sessions, Cleaner::Postgres(store, pg)));
    }
    let sqlite = crate::db::connect_sqlite(config)
        .await
        .map_err(|e| SessionSetupError::Sqlite(e.to_string()))?;
    let store = SqliteStore::new(sqlite.clone());
    store.migrate().await?;
    Ok((
        SqlStore::Sqlite(store.clone(), sqlite.clone()),
        Cleaner::Database(store, sqlite),
    ))
}

async fn redis(url: &str, config: &Config) -> Result<RedisSessions, SessionSetupError> {
    use fred::prelude::*;
    let redis_error = |e: fred::error::Error| SessionSetupError::Redis(e.to_string());
    let timeout = config.database_timeout;
    // Without a reconnect policy a dropped connection (a Redis restart, `CLIENT KILL`) is never
    // replaced, and without a command timeout a stalled server hangs every request: each command
    // gives up after DATABASE_TIMEOUT (the page answers 503) and the client keeps reconnecting,
    // quickly at first, then every two seconds, for as long as it takes.
    let pool = Builder::from_config(Config::from_url(url).map_err(redis_error)?)
        .with_connection_config(|c| {
            c.connection_timeout = timeout;
            c.internal_command_timeout = timeout;
        })
        .with_performance_config(|p| p.default_command_timeout = timeout)
        .set_policy(ReconnectPolicy::new_exponential(0, 100, 2_000, 2))
        .build_pool(2)
        .map_err(redis_error)?;
    pool.init().await.map_err(redis_error)?;
    Ok(RedisSessions::new(pool))
}
