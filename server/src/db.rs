//! Opening and migrating the SQLite database.
use app::db::Pool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
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

/// Opens (creating if needed) the database at `url` in WAL mode with foreign keys on.
pub async fn connect(url: &str) -> Result<Pool, DbError> {
    connect_with_timeout(url, DEFAULT_TIMEOUT).await
}

/// Like [`connect`], but a busy or unreachable database fails a query after `timeout`, which the
/// pages turn into a 503 instead of hanging.
pub async fn connect_with_timeout(url: &str, timeout: Duration) -> Result<Pool, DbError> {
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

    SqlitePoolOptions::new()
        .max_connections(8)
        // A request waits at most this long for a connection, then gets a 503 page.
        .acquire_timeout(timeout)
        .connect_with(options)
        .await
        .map_err(|source| DbError::Open {
            url: url.into(),
            source,
        })
}

/// Brings the schema up to date.
pub async fn migrate(pool: &Pool) -> Result<(), DbError> {
    sqlx::migrate!("../migrations").run(pool).await?;
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
        // Running the migrations twice is harmless.
        migrate(&pool).await.unwrap();
    }
}
