//! The `cached_db` engine: sessions written through to the database and read from memory
//! first. tower-sessions' `CachingSessionStore` saves to both sides unconditionally, which would
//! put a session deleted meanwhile back into the cache; here the cache follows the database.
use super::{MemoryStore, SqlStore};
use async_trait::async_trait;
use tower_sessions::{
    session::{Id, Record},
    session_store::Result,
    SessionStore,
};

/// The database as the source of truth, with a bounded in-memory cache in front.
#[derive(Debug, Clone)]
pub struct CachedDb {
    cache: MemoryStore,
    db: SqlStore,
}

impl CachedDb {
    /// `db` behind a cache of at most `capacity` sessions.
    pub fn new(db: SqlStore, capacity: u64) -> Self {
        Self {
            cache: MemoryStore::new(capacity),
            db,
        }
    }
}

#[async_trait]
impl SessionStore for CachedDb {
    async fn create(&self, record: &mut Record) -> Result<()> {
        self.db.create(record).await?;
        self.cache.insert(record).await;
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        if self.db.update_existing(record).await? {
            // Only refresh what is cached: a delete that came in between has removed it.
            self.cache.update_existing(record).await;
        } else {
            self.cache.delete(&record.id).await?;
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        if let Some(record) = self.cache.load(id).await? {
            return Ok(Some(record));
        }
        let record = self.db.load(id).await?;
        if let Some(record) = &record {
            self.cache.insert(record).await;
        }
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.db.delete(id).await?;
        self.cache.delete(id).await
    }
}
