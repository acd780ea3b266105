//! The `db` engine's stores (SQLite or PostgreSQL) with one change to tower-sessions' own: saving
//! only updates a session that still exists. Theirs inserts or updates, so a request that loaded
//! the session before "Forget everything" deleted it would write it back when it finished.
use async_trait::async_trait;
use sqlx::{PgPool, SqlitePool};
use tower_sessions::{
    session::{Id, Record},
    session_store::{Error, Result},
    SessionStore,
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// A session table in the app's SQLite database or a PostgreSQL database.
#[derive(Debug, Clone)]
pub enum SqlStore {
    Sqlite(SqliteStore, SqlitePool),
    Postgres(PostgresStore, PgPool),
}

fn backend(err: impl std::fmt::Display) -> Error {
    Error::Backend(err.to_string())
}

impl SqlStore {
    /// Writes `record` over the stored session of the same id, if there still is one, and says
    /// whether there was. The row's presence is checked by the same statement that writes it, so
    /// a delete cannot slip in between.
    pub async fn update_existing(&self, record: &Record) -> Result<bool> {
        // The same encoding tower-sessions-sqlx-store reads back in `load`.
        let data = rmp_serde::to_vec(record).map_err(|e| Error::Encode(e.to_string()))?;
        let updated = match self {
            SqlStore::Sqlite(_, pool) => {
                sqlx::query("UPDATE tower_sessions SET data = ?, expiry_date = ? WHERE id = ?")
                    .bind(data)
                    .bind(record.expiry_date)
                    .bind(record.id.to_string())
                    .execute(pool)
                    .await
                    .map_err(backend)?
                    .rows_affected()
            }
            SqlStore::Postgres(_, pool) => sqlx::query(
                r#"UPDATE "tower_sessions"."session" SET data = $1, expiry_date = $2 WHERE id = $3"#,
            )
            .bind(data)
            .bind(record.expiry_date)
            .bind(record.id.to_string())
            .execute(pool)
            .await
            .map_err(backend)?
            .rows_affected(),
        };
        Ok(updated > 0)
    }
}

#[async_trait]
impl SessionStore for SqlStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        match self {
            SqlStore::Sqlite(store, _) => store.create(record).await,
            SqlStore::Postgres(store, _) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.update_existing(record).await.map(drop)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        match self {
            SqlStore::Sqlite(store, _) => store.load(id).await,
            SqlStore::Postgres(store, _) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        match self {
            SqlStore::Sqlite(store, _) => store.delete(id).await,
            SqlStore::Postgres(store, _) => store.delete(id).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn record() -> Record {
        Record {
            id: Id::default(),
            data: HashMap::from([("n".to_string(), serde_json::json!(1))]),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        }
    }

    async fn sqlite() -> SqlStore {
        // One connection: each in-memory SQLite connection is a database of its own.
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        let store = SqliteStore::new(pool.clone());
        store.migrate().await.unwrap();
        SqlStore::Sqlite(store, pool)
    }

    #[tokio::test]
    async fn a_save_after_a_delete_does_not_bring_the_session_back() {
        let store = sqlite().await;
        let mut record = record();
        store.create(&mut record).await.unwrap();
        let loaded = store.load(&record.id).await.unwrap().unwrap();
        store.delete(&record.id).await.unwrap();
        store.save(&loaded).await.unwrap();
        assert!(store.load(&record.id).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_save_updates_a_session_that_exists() {
        let store = sqlite().await;
        let mut record = record();
        store.create(&mut record).await.unwrap();
        record.data.insert("n".to_string(), serde_json::json!(2));
        assert!(store.update_existing(&record).await.unwrap());
        let loaded = store.load(&record.id).await.unwrap().unwrap();
        assert_eq!(loaded.data["n"], serde_json::json!(2));
    }
}
