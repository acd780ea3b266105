//! The Redis engines' store. tower-sessions-redis-store already saves with `SET … XX` (only if
//! the key still exists), but reads Redis's "not set" answer as a failed command, so a request
//! that saves a session deleted meanwhile ended in a 503; here that is simply nothing to save.
use async_trait::async_trait;
use tower_sessions::{
    session::{Id, Record},
    session_store::{Error, Result},
    SessionStore,
};
use tower_sessions_redis_store::{
    fred::{
        interfaces::KeysInterface,
        prelude::Pool,
        types::{Expiration, SetOptions, Value},
    },
    RedisStore,
};

/// Sessions in Redis, each key expiring with its session.
#[derive(Debug, Clone)]
pub struct RedisSessions {
    store: RedisStore<Pool>,
    pool: Pool,
}

impl RedisSessions {
    /// Sessions kept through `pool`.
    pub fn new(pool: Pool) -> Self {
        Self {
            store: RedisStore::new(pool.clone()),
            pool,
        }
    }
}

#[async_trait]
impl SessionStore for RedisSessions {
    async fn create(&self, record: &mut Record) -> Result<()> {
        self.store.create(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        // The same encoding and expiry the crate's `create` and `load` use.
        let data = rmp_serde::to_vec(record).map_err(|e| Error::Encode(e.to_string()))?;
        let expire = Expiration::EXAT(record.expiry_date.unix_timestamp());
        let _: Value = self
            .pool
            .set(
                record.id.to_string(),
                data.as_slice(),
                Some(expire),
                Some(SetOptions::XX),
                false,
            )
            .await
            .map_err(|e| Error::Backend(e.to_string()))?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        self.store.load(id).await
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.store.delete(id).await
    }
}
