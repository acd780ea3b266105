//! The `file` engine: one JSON file per session under `SESSION_FILE_PATH`.
//!
//! Writes go to a temporary file in the same folder, are flushed to disk, then renamed over the
//! session file, so a crash leaves either the old or the new session, never half of one. Leftover
//! temporary files (from a crash mid-write) are removed at start and by every cleanup pass. File
//! names come from the session id's own alphabet (base64url), checked again before any path is
//! built, so a cookie cannot point outside the folder.
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use std::os::unix::fs::PermissionsExt;
use std::{
    collections::HashMap,
    io::ErrorKind,
    path::{Path, PathBuf},
    sync::Arc,
    time::{Duration, SystemTime},
};
use time::OffsetDateTime;
use tokio::sync::Mutex;
use tower_sessions::{
    session::{Id, Record},
    session_store::{Error, Result},
    SessionStore,
};

const SUFFIX: &str = ".session";
const TEMP_PREFIX: &str = ".tmp-";

/// Sessions stored as files in one folder.
#[derive(Debug, Clone)]
pub struct FileStore {
    dir: PathBuf,
    /// A save checks that its session is still there and writes it under the lock a delete of
    /// the same id takes, so a deleted session is never written back. Ids are random, so 64
    /// stripes make waiting on another session's lock rare.
    locks: Arc<[Mutex<()>]>,
}

const LOCK_STRIPES: usize = 64;

/// What goes into a session file.
#[derive(Serialize, Deserialize)]
struct StoredSession {
    /// Unix seconds after which the session is void.
    expires: i64,
    data: HashMap<String, serde_json::Value>,
}

fn backend(err: impl std::fmt::Display) -> Error {
    Error::Backend(err.to_string())
}

impl FileStore {
    /// Uses (creating if needed) `dir`, and clears temporary files a crash may have left.
    pub async fn open(dir: impl Into<PathBuf>) -> std::io::Result<Self> {
        let store = Self {
            dir: dir.into(),
            locks: (0..LOCK_STRIPES).map(|_| Mutex::new(())).collect(),
        };
        tokio::fs::create_dir_all(&store.dir).await?;
        // Session ids are keys to visitors' sessions: no other account may list or read them.
        tokio::fs::set_permissions(&store.dir, std::fs::Permissions::from_mode(0o700)).await?;
        store.remove_temp_files(Duration::ZERO).await?;
        Ok(store)
    }

    fn lock_for(&self, id: &Id) -> &Mutex<()> {
        &self.locks[(id.0.unsigned_abs() % LOCK_STRIPES as u128) as usize]
    }

    async fn write(&self, record: &Record) -> Result<()> {
        let stored = StoredSession {
            expires: record.expiry_date.unix_timestamp(),
            data: record.data.clone(),
        };
        let bytes = serde_json::to_vec(&stored).map_err(|e| Error::Encode(e.to_string()))?;
        self.write_atomically(&self.path_for(&record.id)?, bytes)
            .await
    }

    fn path_for(&self, id: &Id) -> Result<PathBuf> {
        let name = id.to_string();
        // Ids print as 22 base64url characters; anything else must never become a path.
        let safe = name.len() == 22
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !safe {
            return Err(Error::Backend(format!("refusing session id {name:?}")));
        }
        Ok(self.dir.join(format!("{name}{SUFFIX}")))
    }

    async fn write_atomically(&self, path: &Path, bytes: Vec<u8>) -> Result<()> {
        let temp = self
            .dir
            .join(format!("{TEMP_PREFIX}{}", uuid::Uuid::new_v4().simple()));
        let result = async {
            use tokio::io::AsyncWriteExt;
            let mut file = tokio::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&temp)
                .await?;
            file.write_all(&bytes).await?;
            file.sync_all().await?;
            drop(file);
            tokio::fs::rename(&temp, path).await
        }
        .await;
        if result.is_err() {
            let _ = tokio::fs::remove_file(&temp).await;
        }
        result.map_err(backend)
    }

    /// Deletes temporary files older than `min_age` (a write in progress is younger).
    async fn remove_temp_files(&self, min_age: Duration) -> std::io::Result<u64> {
        let mut removed = 0;
        let mut entries = tokio::fs::read_dir(&self.dir).await?;
        while let Some(entry) = entries.next_entry().await? {
            if !entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                continue;
            }
            let age = entry
                .metadata()
                .await
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .unwrap_or(Duration::MAX);
            if age >= min_age && tokio::fs::remove_file(entry.path()).await.is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Reads a session file; unreadable or corrupt files count as no session.
    async fn read(path: &Path) -> Result<Option<StoredSession>> {
        match tokio::fs::read(path).await {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(session) => Ok(Some(session)),
                Err(err) => {
                    tracing::warn!(path = %path.display(), error = %err, "ignoring a corrupt session file");
                    Ok(None)
                }
            },
            Err(err) if err.kind() == ErrorKind::NotFound => Ok(None),
            Err(err) => Err(backend(err)),
        }
    }

    /// Deletes expired and corrupt session files and stale temporary files; returns how many
    /// sessions went.
    pub async fn delete_expired(&self) -> std::io::Result<u64> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let mut removed = 0;
        let mut entries = tokio::fs::read_dir(&self.dir).await?;
        while let Some(entry) = entries.next_entry().await? {
            if !entry.file_name().to_string_lossy().ends_with(SUFFIX) {
                continue;
            }
            let expired = match Self::read(&entry.path()).await {
                Ok(Some(session)) => session.expires <= now,
                Ok(None) => true,
                Err(_) => false,
            };
            if expired && tokio::fs::remove_file(entry.path()).await.is_ok() {
                removed += 1;
            }
        }
        self.remove_temp_files(Duration::from_secs(60)).await?;
        Ok(removed)
    }
}

#[async_trait]
impl SessionStore for FileStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A fresh id must not land on an existing session.
        while tokio::fs::try_exists(self.path_for(&record.id)?)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        let _guard = self.lock_for(&record.id).lock().await;
        self.write(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let _guard = self.lock_for(&record.id).lock().await;
        let path = self.path_for(&record.id)?;
        if !tokio::fs::try_exists(&path).await.map_err(backend)? {
            return Ok(());
        }
        self.write(record).await
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let path = self.path_for(id)?;
        let Some(stored) = Self::read(&path).await? else {
            return Ok(None);
        };
        let expiry_date = OffsetDateTime::from_unix_timestamp(stored.expires).map_err(backend)?;
        if expiry_date <= OffsetDateTime::now_utc() {
            let _ = tokio::fs::remove_file(&path).await;
            return Ok(None);
        }
        Ok(Some(Record {
            id: *id,
            data: stored.data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        let _guard = self.lock_for(id).lock().await;
        match tokio::fs::remove_file(self.path_for(id)?).await {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == ErrorKind::NotFound => Ok(()),
            Err(err) => Err(backend(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(expiry: OffsetDateTime) -> Record {
        let mut data = HashMap::new();
        data.insert("n".to_string(), serde_json::json!(3));
        Record {
            id: Id::default(),
            data,
            expiry_date: expiry,
        }
    }

    #[tokio::test]
    async fn round_trips_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::open(dir.path()).await.unwrap();
        let mut rec = record(OffsetDateTime::now_utc() + time::Duration::hours(1));
        store.create(&mut rec).await.unwrap();
        let loaded = store.load(&rec.id).await.unwrap().unwrap();
        assert_eq!(loaded.data, rec.data);
        store.delete(&rec.id).await.unwrap();
        assert!(store.load(&rec.id).await.unwrap().is_none());
        store.delete(&rec.id).await.unwrap();
        // A request that loaded the session before the delete does not write it back.
        store.save(&loaded).await.unwrap();
        assert!(store.load(&rec.id).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn expired_corrupt_and_temporary_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::open(dir.path()).await.unwrap();
        let mut old = record(OffsetDateTime::now_utc() - time::Duration::hours(1));
        store.create(&mut old).await.unwrap();
        let mut live = record(OffsetDateTime::now_utc() + time::Duration::hours(1));
        store.create(&mut live).await.unwrap();
        std::fs::write(
            dir.path().join(format!("AAAAAAAAAAAAAAAAAAAAAA{SUFFIX}")),
            b"{\"exp",
        )
        .unwrap();
        std::fs::write(dir.path().join(format!("{TEMP_PREFIX}crashed")), b"half").unwrap();

        assert!(store.load(&old.id).await.unwrap().is_none());
        let corrupt: Id = "AAAAAAAAAAAAAAAAAAAAAA".parse().unwrap();
        assert!(store.load(&corrupt).await.unwrap().is_none());

        // A fresh start removes the crash's temporary file at once.
        let reopened = FileStore::open(dir.path()).await.unwrap();
        assert!(!dir.path().join(format!("{TEMP_PREFIX}crashed")).exists());
        assert_eq!(
            reopened.delete_expired().await.unwrap(),
            1,
            "the corrupt file"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
        assert!(reopened.load(&live.id).await.unwrap().is_some());
    }
}
