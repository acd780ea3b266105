//! Opening and migrating the database: SQLite (the embedded default) or PostgreSQL.
use app::db::{Dialect, Pool};
use sqlx::{
    any::AnyPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    Executor, SqlitePool,
};
use std::{str::FromStr, time::Duration};

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
    #[error("cannot open the database at {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// How long a query waits for a locked database or a free connection before giving up.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens the app's database at `url` (creating an SQLite file if needed).
pub async fn connect(url: &str) -> Result<Pool, DbError> {
    connect_with_timeout(url, DEFAULT_TIMEOUT).await
}

/// Like [`connect`], but a busy or unreachable database fails a query after `timeout`, which the
/// pages turn into a 503 instead of hanging.
pub async fn connect_with_timeout(url: &str, timeout: Duration) -> Result<Pool, DbError> {
    sqlx::any::install_default_drivers();
    let open = |source| DbError::Open {
        url: redact(url),
        source,
    };
    let options = AnyPoolOptions::new()
        .max_connections(8)
        // A request waits at most this long for a connection, then gets a 503 page.
        .acquire_timeout(timeout);
    if url.starts_with("sqlite:") {
        // Reuse the SQLite-specific checks (and folder creation) of the typed options, then
        // set the same pragmas on every connection of the `Any` pool.
        let sqlite = sqlite_options(url, timeout)?;
        let busy_ms = timeout.as_millis();
        let any_url = format!("sqlite://{}?mode=rwc", sqlite.get_filename().display());
        options
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        format!(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {busy_ms};"
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
        options.connect(url).await.map_err(open)
    }
}

/// A typed SQLite pool on the same file, for the SQLite session store.
pub async fn connect_sqlite(url: &str, timeout: Duration) -> Result<SqlitePool, DbError> {
    let options = sqlite_options(url, timeout)?;
    SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(timeout)
        .connect_with(options)
        .await
        .map_err(|source| DbError::Open {
            url: url.into(),
            source,
        })
}

/// SQLite in WAL mode with foreign keys on; creates the file and its folder if missing.
fn sqlite_options(url: &str, timeout: Duration) -> Result<SqliteConnectOptions, DbError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| DbError::BadUrl {
            url: url.into(),
            source,
        })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL + NORMAL is durable across application crashes and much faster than FULL.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(timeout);
    let path = options.get_filename();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| DbError::CreateDir {
            path: dir.display().to_string(),
            source,
        })?;
    }
    Ok(options)
}

/// `url` without its password, for messages.
fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://…@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Brings the schema up to date, with the migrations of the pool's database.
pub async fn migrate(pool: &Pool) -> Result<(), DbError> {
    match Dialect::of(pool) {
        Dialect::Sqlite => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
        Dialect::Postgres => sqlx::migrate!("../migrations/postgres").run(pool).await?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn creates_and_migrates_a_fresh_file() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/nested/lib.db", dir.path().display());
        let pool = connect(&url).await.unwrap();
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
            redact("postgres://app:secret@db.example/library"),
            "postgres://…@db.example/library"
        );
    }
}
