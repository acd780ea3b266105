//! SQLite-only tools: holding the database file's write lock.
use sqlx::Connection;
use std::path::Path;

/// Holds the database's write lock, as a stuck writer or a backup would, until dropped or
/// [`WriteLock::release`]d.
pub struct WriteLock(Option<sqlx::SqliteConnection>);

impl WriteLock {
    /// Takes the write lock of the SQLite database at `db_path`.
    pub async fn take(db_path: &Path) -> Self {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db_path.display()))
            .await
            .unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut conn)
            .await
            .unwrap();
        Self(Some(conn))
    }

    /// Gives the lock back.
    pub async fn release(mut self) {
        let mut conn = self.0.take().unwrap();
        sqlx::query("ROLLBACK").execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    }
}
