//! One store type for every server-side engine, so the router is built the same way whichever
//! engine the configuration picks.
use async_trait::async_trait;
use std::{fmt, sync::Arc};
use tower_sessions::{
    session::{Id, Record},
    session_store::Result,
    SessionStore,
};

/// Any session store, behind an `Arc`.
#[derive(Clone)]
pub struct DynStore(Arc<dyn SessionStore>);

impl DynStore {
    /// Wraps `store`.
    pub fn new(store: impl SessionStore) -> Self {
        Self(Arc::new(store))
    }
}

impl fmt::Debug for DynStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[async_trait]
impl SessionStore for DynStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        self.0.create(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.0.save(record).await
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        self.0.load(id).await
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.0.delete(id).await
    }
}
