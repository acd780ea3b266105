//! The `cache` engine's in-process store (moka: bounded, TinyLFU admission, per-session expiry),
//! whose save, like [`super::SqlStore`]'s, only updates a session that still exists.
use async_trait::async_trait;
use moka::{
    future::Cache,
    ops::compute::{CompResult, Op},
    Expiry,
};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use tower_sessions::{
    session::{Id, Record},
    session_store::Result,
    SessionStore,
};

/// Sessions in this process's memory, at most `capacity` of them.
#[derive(Debug, Clone)]
pub struct MemoryStore {
    cache: Cache<Id, Record>,
}

/// Each entry lives until its session's expiry date.
struct UntilExpiry;

fn time_left(record: &Record) -> Option<Duration> {
    let left = record.expiry_date - OffsetDateTime::now_utc();
    Some(left.try_into().unwrap_or(Duration::ZERO))
}

impl Expiry<Id, Record> for UntilExpiry {
    fn expire_after_create(&self, _: &Id, record: &Record, _: Instant) -> Option<Duration> {
        time_left(record)
    }

    fn expire_after_update(
        &self,
        _: &Id,
        record: &Record,
        _: Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        time_left(record)
    }
}

impl MemoryStore {
    /// An empty store that keeps at most `capacity` sessions.
    pub fn new(capacity: u64) -> Self {
        Self {
            cache: Cache::builder()
                .max_capacity(capacity)
                .expire_after(UntilExpiry)
                .build(),
        }
    }

    /// Puts `record` in, whether or not its id is there.
    pub async fn insert(&self, record: &Record) {
        self.cache.insert(record.id, record.clone()).await;
    }

    /// Replaces the session of `record`'s id if it is still there, in one step under the
    /// entry's lock, and says whether it was.
    pub async fn update_existing(&self, record: &Record) -> bool {
        let record = record.clone();
        let result = self
            .cache
            .entry(record.id)
            .and_compute_with(|entry| async move {
                match entry {
                    Some(_) => Op::Put(record),
                    None => Op::Nop,
                }
            })
            .await;
        matches!(result, CompResult::ReplacedWith(_))
    }
}

#[async_trait]
impl SessionStore for MemoryStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        while self.cache.contains_key(&record.id) {
            record.id = Id::default();
        }
        self.insert(record).await;
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.update_existing(record).await;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        Ok(self.cache.get(id).await)
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.cache.invalidate(id).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn record(expires_in: time::Duration) -> Record {
        Record {
            id: Id::default(),
            data: HashMap::new(),
            expiry_date: OffsetDateTime::now_utc() + expires_in,
        }
    }

    #[tokio::test]
    async fn a_save_after_a_delete_does_not_bring_the_session_back() {
        let store = MemoryStore::new(10);
        let mut record = record(time::Duration::hours(1));
        store.create(&mut record).await.unwrap();
        let loaded = store.load(&record.id).await.unwrap().unwrap();
        store.delete(&record.id).await.unwrap();
        store.save(&loaded).await.unwrap();
        assert!(store.load(&record.id).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn sessions_go_at_their_expiry_date() {
        let store = MemoryStore::new(10);
        let mut record = record(time::Duration::milliseconds(200));
        store.create(&mut record).await.unwrap();
        assert!(store.load(&record.id).await.unwrap().is_some());
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(store.load(&record.id).await.unwrap().is_none());
    }
}
