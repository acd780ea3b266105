//! Opening and migrating the database: SQLite (the embedded default) or PostgreSQL.
use crate::config::{redact_url, Config, SqliteSync};
use app::server::db::{Dialect, Pool};
use sqlx::{
    pool::PoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
    Executor, SqlitePool,
};
use std::{
    os::unix::fs::{DirBuilderExt, OpenOptionsExt},
    str::FromStr,
    time::Duration,
};

/// Failures while opening or migrating the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL {url:?} cannot be used: {source}")]
    BadUrl { url: String, source: sqlx::Error },
    #[error("cannot create the database folder {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot create the database file {path} readable by this user only: {source}")]
    Private {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database at {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("building the search indexes failed: {0}")]
    SearchIndex(#[source] sqlx::Error),
}

/// The sizing and waiting rules of every pool the server opens (the app's, the session
/// store's): at most `DATABASE_MAX_CONNECTIONS`, and a request waits at most
/// `DATABASE_TIMEOUT` for a connection, then gets a 503 page instead of hanging.
///
/// SQLite pools also turn off sqlx's ping before each acquire: an SQLite connection is a file
/// this process holds, which no server can drop, and the ping was a round trip to the
/// connection's worker thread before every statement (BENCHMARKS.md, "Server time per
/// page"). sqlx still pings a connection as it comes back, off the request's path.
/// PostgreSQL keeps both pings: a connection the server dropped while it sat in the pool
/// is found and replaced before a request uses it (`postgres_app.rs`, the outage test).
pub fn pool_options<DB: sqlx::Database>(config: &Config) -> PoolOptions<DB> {
    PoolOptions::new()
        .max_connections(config.database_max_connections)
        .acquire_timeout(config.database_timeout)
}

/// Opens the app's database at `DATABASE_URL` (creating an SQLite file if needed). A busy or
/// unreachable database fails a query after `DATABASE_TIMEOUT`.
pub async fn connect(config: &Config) -> Result<Pool, DbError> {
    sqlx::any::install_default_drivers();
    let url = config.database_url.as_str();
    let timeout = config.database_timeout;
    let open = |source| DbError::Open {
        url: redact_url(url),
        source,
    };
    let options = pool_options::<sqlx::Any>(config);
    if url.starts_with("sqlite:") {
        // Reuse the SQLite-specific checks (and folder creation) of the typed options, then
        // set the same pragmas on every connection of the `Any` pool.
        let sqlite = sqlite_options(config)?;
        let synchronous = match config.operations.sqlite_synchronous {
            SqliteSync::Normal => "NORMAL",
            SqliteSync::Full => "FULL",
        };
        let busy_ms = timeout.as_millis();
        let any_url = format!("sqlite://{}?mode=rwc", sqlite.get_filename().display());
        options
            .test_before_acquire(false)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        format!(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {busy_ms}; \
                             PRAGMA journal_size_limit = {WAL_SIZE_LIMIT};"
                        )
                        .as_str(),
                    )
                    .await?;
                    Ok(())
                })
            })
            .connect(&any_url)
            .await
            .map_err(open)
    } else {
        let limits = postgres_time_limits(config);
        options
            .after_connect(move |conn, _meta| {
                let limits = limits.clone();
                Box::pin(async move {
                    conn.execute(limits.as_str()).await?;
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(open)
    }
}

/// What bounds every PostgreSQL statement of this server: a query or a lock wait longer than
/// `DATABASE_TIMEOUT` is cancelled, and the page answers 503 instead of hanging (SQLite's
/// `busy_timeout` does the same there).
pub fn postgres_time_limits(config: &Config) -> String {
    let ms = config.database_timeout.as_millis();
    format!("SET statement_timeout = {ms}; SET lock_timeout = {ms};")
}

/// The most bytes an SQLite WAL file keeps on disk once checkpointed.
const WAL_SIZE_LIMIT: u64 = 64 * 1024 * 1024;

/// How often the WAL is folded back into the database file.
const CHECKPOINT_INTERVAL: Duration = Duration::from_secs(1);

/// Keeps an SQLite database's write-ahead log short; `None` for PostgreSQL.
///
/// Under constant load some connection is always reading, so SQLite's automatic (passive)
/// checkpoints never get to restart the log: it grew to 190 MB in a ten-second benchmark, and
/// finding a page in it (`walFindFrame`) took 13 % of the home page's CPU. Once a second this
/// waits (briefly: [`CHECKPOINT_WAIT_MS`]) for readers to leave the log, copies it into the
/// database and truncates it.
pub fn spawn_wal_checkpointer(pool: Pool) -> Option<tokio::task::JoinHandle<()>> {
    if Dialect::of(&pool) != Dialect::Sqlite {
        return None;
    }
    Some(tokio::spawn(async move {
        let mut ticker = tokio::time::interval(CHECKPOINT_INTERVAL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            ticker.tick().await;
            if let Err(err) = checkpoint(&pool).await {
                tracing::debug!(error = %err, "WAL checkpoint postponed");
            }
        }
    }))
}

/// The longest a checkpoint waits for readers to leave the log. It holds the write lock while
/// it waits, so every write waits with it: under the full busy timeout, one long reader (a
/// `locallibrary backup` of a large database) stalled writes for five seconds. A checkpoint
/// that cannot finish in time tries again a second later.
const CHECKPOINT_WAIT_MS: u32 = 100;

/// One truncating checkpoint, on a connection whose busy timeout is short for the occasion.
async fn checkpoint(pool: &Pool) -> Result<(), sqlx::Error> {
    let mut connection = pool.acquire().await?;
    let usual: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(&mut *connection)
        .await?;
    sqlx::query(&format!("PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}"))
        .execute(&mut *connection)
        .await?;
    let done = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_optional(&mut *connection)
        .await;
    // The connection goes back to the pool: it must wait as long as every other one again, or
    // not go back at all.
    let restored = sqlx::query(&format!("PRAGMA busy_timeout = {usual}"))
        .execute(&mut *connection)
        .await;
    if restored.is_err() {
        connection.detach();
    }
    restored?;
    done.map(drop)
}

/// A typed SQLite pool on the app's database file, for the SQLite session store.
pub async fn connect_sqlite(config: &Config) -> Result<SqlitePool, DbError> {
    let url = config.database_url.as_str();
    let options = sqlite_options(config)?;
    pool_options(config)
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .map_err(|source| DbError::Open {
            url: url.into(),
            source,
        })
}

/// SQLite in WAL mode with foreign keys on; creates the file and its folder if missing.
fn sqlite_options(config: &Config) -> Result<SqliteConnectOptions, DbError> {
    let url = config.database_url.as_str();
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| DbError::BadUrl {
            url: url.into(),
            source,
        })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL + NORMAL is durable across application crashes and much faster than FULL; FULL
        // also survives a power loss (SECURITY.md).
        .synchronous(match config.operations.sqlite_synchronous {
            SqliteSync::Normal => SqliteSynchronous::Normal,
            SqliteSync::Full => SqliteSynchronous::Full,
        })
        .foreign_keys(true)
        .busy_timeout(config.database_timeout);
    let path = options.get_filename();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|source| DbError::CreateDir {
                    path: dir.display().to_string(),
                    source,
                })?;
        }
    }
    make_private(path).map_err(|source| DbError::Private {
        path: path.display().to_string(),
        source,
    })?;
    Ok(options)
}

/// Creates the database file readable by this user only, or takes that right from others on
/// an existing one: it holds session ids. SQLite gives its `-wal` and `-shm` files the same mode.
fn make_private(path: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let mode = std::fs::metadata(path)?.permissions().mode();
            if mode & 0o077 != 0 {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
            }
            Ok(())
        }
        Err(err) => Err(err),
    }
}

/// Brings the schema up to date, with the migrations of the pool's database.
pub async fn migrate(pool: &Pool) -> Result<(), DbError> {
    match Dialect::of(pool) {
        Dialect::Sqlite => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
        Dialect::Postgres => sqlx::migrate!("../migrations/postgres").run(pool).await?,
    }
    // The search indexes hold terms only Rust can make (stems), so the step that fills them
    // for rows written before them follows the SQL migrations.
    let started = std::time::Instant::now();
    if app::search::rebuild::build_if_stale(pool)
        .await
        .map_err(DbError::SearchIndex)?
    {
        app::search::rebuild::settle(pool)
            .await
            .map_err(DbError::SearchIndex)?;
        tracing::info!(elapsed = ?started.elapsed(), "built the search indexes");
    }
    Ok(())
}

/// The database at `url` with every other setting at its default, for tests.
#[cfg(test)]
pub async fn connect_for_test(url: &str) -> Pool {
    let config = Config::from_lookup(|key| (key == "DATABASE_URL").then(|| url.to_string()))
        .expect("a valid test database URL");
    connect(&config).await.expect("the test database opens")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn creates_and_migrates_a_fresh_file() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/nested/lib.db", dir.path().display());
        let pool = connect_for_test(&url).await;
        migrate(&pool).await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(keys, 1);
        // Running the migrations twice is harmless.
        migrate(&pool).await.unwrap();
    }

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(
            redact_url("postgres://app:secret@db.example/library"),
            "postgres://…@db.example/library"
        );
    }
}
