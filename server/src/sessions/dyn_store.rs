//! One store type for every server-side engine, so the router is built the same way whichever
//! engine the configuration picks.
use async_trait::async_trait;
use std::{fmt, sync::Arc};
use tower_sessions::{
    session::{Id, Record},
    session_store::Result,
    SessionStore,
};

/// Any session store, behind an `Arc`, with the name of its engine for the error count.
#[derive(Clone)]
pub struct DynStore {
    store: Arc<dyn SessionStore>,
    engine: &'static str,
}

impl DynStore {
    /// Wraps `store`.
    pub fn new(store: impl SessionStore) -> Self {
        Self {
            store: Arc::new(store),
            engine: "unnamed",
        }
    }

    /// The same store, counting its failures under `engine` (a `SESSION_ENGINE` name).
    pub fn engine(self, engine: &'static str) -> Self {
        Self { engine, ..self }
    }

    fn counted<T>(&self, result: Result<T>) -> Result<T> {
        if result.is_err() {
            crate::metrics::session_store_error(self.engine);
        }
        result
    }
}

impl fmt::Debug for DynStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.store.fmt(f)
    }
}

#[async_trait]
impl SessionStore for DynStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        self.counted(self.store.create(record).await)
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.counted(self.store.save(record).await)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        self.counted(self.store.load(id).await)
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.counted(self.store.delete(id).await)
    }
}
