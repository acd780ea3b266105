//! The catalog's version as this server knows it: what lets strangers' pages and rarely changing
//! rows be kept in memory without ever serving them after a change.
//!
//! Triggers move the `catalog_version` row in the same transaction as every change to what the
//! catalog pages show (migrations `0011_catalog_version.sql`). A server reads that row at most
//! once a second, so a change made through another server (or the command line) shows here
//! within a second; and at once after any write request this server answered
//! ([`CatalogVersion::written`]), so a visitor never sees the page from before their own change.
use super::db::Pool;
use std::{
    any::{Any, TypeId},
    collections::HashMap,
    future::Future,
    sync::{
        atomic::{AtomicI64, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

/// How old the known version may get before a request reads the row again.
pub const RECHECK_AFTER: Duration = Duration::from_secs(1);

/// The catalog version, shared by every request of this server.
#[derive(Clone)]
pub struct CatalogVersion {
    inner: Arc<Inner>,
}

struct Inner {
    pool: Pool,
    /// When this value was created; times below are milliseconds since then.
    epoch: Instant,
    /// The version last read from the database (0 before the first read).
    known: AtomicI64,
    /// When `known` was read.
    read_at_ms: AtomicU64,
    /// Write requests this server has answered; one more than `read_after` means `known` may
    /// be older than a change a visitor has already seen acknowledged.
    writes: AtomicU64,
    /// The value of `writes` when `known` was read.
    read_after: AtomicU64,
    /// One reader at a time; the others use the value it reads.
    reading: tokio::sync::Mutex<()>,
    /// Rarely changing rows ([`CatalogVersion::kept`]), one value per type, with the version
    /// they were read at.
    kept: std::sync::Mutex<HashMap<TypeId, (i64, Arc<dyn Any + Send + Sync>)>>,
}

impl std::fmt::Debug for CatalogVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogVersion")
            .field("known", &self.inner.known.load(Ordering::Relaxed))
            .finish()
    }
}

impl CatalogVersion {
    /// A version not read yet: the first [`current`](Self::current) reads the row.
    pub fn new(pool: Pool) -> Self {
        Self {
            inner: Arc::new(Inner {
                pool,
                epoch: Instant::now(),
                known: AtomicI64::new(0),
                read_at_ms: AtomicU64::new(0),
                writes: AtomicU64::new(1),
                read_after: AtomicU64::new(0),
                reading: tokio::sync::Mutex::new(()),
                kept: Default::default(),
            }),
        }
    }

    /// Notes that this server answered a write request: the next [`current`](Self::current)
    /// reads the row before anything kept is served again.
    pub fn written(&self) {
        self.inner.writes.fetch_add(1, Ordering::SeqCst);
    }

    /// The catalog's version, read from the database if the known one is more than a second
    /// old or older than a write this server answered.
    pub async fn current(&self) -> Result<i64, sqlx::Error> {
        let inner = &self.inner;
        // The writes this request may have seen acknowledged: a read that began after them
        // will do, however many have come in since.
        let arrived = inner.writes.load(Ordering::SeqCst);
        if self.fresh() {
            return Ok(inner.known.load(Ordering::SeqCst));
        }
        let _reading = inner.reading.lock().await;
        // Someone else may have read it while this request waited: one read then serves every
        // request waiting behind it, so a stream of writes cannot queue a read per request.
        if inner.read_after.load(Ordering::SeqCst) >= arrived && self.young() {
            return Ok(inner.known.load(Ordering::SeqCst));
        }
        let writes = inner.writes.load(Ordering::SeqCst);
        let version: i64 = sqlx::query_scalar("SELECT version FROM catalog_version WHERE id = 1")
            .fetch_one(&inner.pool)
            .await?;
        inner.known.store(version, Ordering::SeqCst);
        inner.read_at_ms.store(self.now_ms(), Ordering::SeqCst);
        inner.read_after.store(writes, Ordering::SeqCst);
        Ok(version)
    }

    /// What `read` returns, from memory while the catalog stays at the version it was read at
    /// (one value per type `T`: the home page's counts, say).
    pub async fn kept<T, E>(&self, read: impl Future<Output = Result<T, E>>) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
        E: From<sqlx::Error>,
    {
        let version = self.current().await?;
        let kept = self.inner.kept.lock().ok().and_then(|kept| {
            let (at, value) = kept.get(&TypeId::of::<T>())?;
            (*at == version).then(|| value.clone())
        });
        if let Some(value) = kept.and_then(|value| value.downcast_ref::<T>().cloned()) {
            return Ok(value);
        }
        // Read after the version, so the value is at least as new as the version it is kept at.
        let value = read.await?;
        if let Ok(mut kept) = self.inner.kept.lock() {
            kept.insert(TypeId::of::<T>(), (version, Arc::new(value.clone())));
        }
        Ok(value)
    }

    /// Whether the known version may be used as it is.
    fn fresh(&self) -> bool {
        let inner = &self.inner;
        inner.read_after.load(Ordering::SeqCst) == inner.writes.load(Ordering::SeqCst)
            && self.young()
    }

    /// Whether the known version was read (at all, and) less than [`RECHECK_AFTER`] ago.
    fn young(&self) -> bool {
        let inner = &self.inner;
        inner.read_after.load(Ordering::SeqCst) > 0
            && self
                .now_ms()
                .saturating_sub(inner.read_at_ms.load(Ordering::SeqCst))
                < RECHECK_AFTER.as_millis() as u64
    }

    fn now_ms(&self) -> u64 {
        self.inner.epoch.elapsed().as_millis() as u64
    }
}
