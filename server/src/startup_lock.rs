//! Only one server migrates and seeds at a time: with several servers starting together on one
//! PostgreSQL database, each would otherwise find the catalog empty and load it again. A
//! PostgreSQL advisory lock, held on a connection of its own, makes the others wait their turn;
//! SQLite serialises writers by itself.
use sqlx::{AnyConnection, Connection};

/// Identifies this app's startup lock among other advisory locks ("LL" + "startup").
const LOCK_KEY: i64 = 0x4c4c_5354_4152_5455;

/// The held lock (nothing for SQLite), released by [`StartupLock::release`] or when dropped
/// with its connection.
pub struct StartupLock(Option<AnyConnection>);

impl StartupLock {
    /// Waits for the lock on the database at `url`.
    pub async fn take(url: &str) -> Result<Self, sqlx::Error> {
        if !url.starts_with("postgres") {
            return Ok(Self(None));
        }
        let mut connection = AnyConnection::connect(url).await?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(LOCK_KEY)
            .execute(&mut connection)
            .await?;
        Ok(Self(Some(connection)))
    }

    /// Lets the next server in.
    pub async fn release(self) -> Result<(), sqlx::Error> {
        if let Some(mut connection) = self.0 {
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(LOCK_KEY)
                .execute(&mut connection)
                .await?;
            connection.close().await?;
        }
        Ok(())
    }
}
