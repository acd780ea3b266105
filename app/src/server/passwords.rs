//! Password hashes: Argon2id through `password-auth`, on a fixed set of threads.
//!
//! Each hash takes tens of milliseconds and about 19 MiB on purpose, so hashing without a bound
//! lets a burst of logins take the server's memory (300 at once reached 2.4 GB). Here at most
//! `threads` hashes run at a time, each on a thread of its own pool (so the allocator keeps
//! at most that many arenas' worth of hash memory), and a request that finds every thread busy
//! is refused at once with [`AppError::Busy`] rather than queued.
use crate::error::AppError;
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

type Job = Box<dyn FnOnce() + Send>;

/// Runs Argon2 on `threads` dedicated threads, refusing work beyond them.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHasher")
            .field("free", &self.permits.available_permits())
            .finish()
    }
}

impl PasswordHasher {
    /// A pool of `threads` hashing threads (at least one). The threads end when the last clone
    /// of the hasher is dropped.
    pub fn new(threads: usize) -> Self {
        let threads = threads.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || loop {
                    // The lock is held only while waiting for the next job, not while running it.
                    let next = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    match next {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if let Err(err) = spawned {
                tracing::error!(error = %err, "cannot start a password hashing thread");
            }
        }
        Self {
            permits: Arc::new(Semaphore::new(threads)),
            jobs,
        }
    }

    /// Takes a hashing thread for one job, or refuses at once when all are busy. Taken before
    /// a login attempt is counted, so a refused request costs the member nothing.
    pub fn reserve(&self) -> Result<HashSlot, AppError> {
        let permit = self
            .permits
            .clone()
            .try_acquire_owned()
            .map_err(|_| AppError::Busy)?;
        Ok(HashSlot {
            permit,
            jobs: self.jobs.clone(),
        })
    }

    /// Hashes `password` for storing.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.reserve()?.hash(password).await
    }
}

/// One reserved hashing thread: each method runs one job on it and gives it back.
pub struct HashSlot {
    permit: OwnedSemaphorePermit,
    jobs: mpsc::Sender<Job>,
}

impl HashSlot {
    /// Runs `work` on the reserved thread.
    async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let (done, result) = oneshot::channel();
        let permit = self.permit;
        let job: Job = Box::new(move || {
            // The permit is held until the hash is done, even if the request gave up waiting,
            // and given back before the answer, so whoever reads it finds the thread free.
            let out = work();
            drop(permit);
            let _ = done.send(out);
        });
        self.jobs
            .send(job)
            .map_err(|_| AppError::Internal.logged(&"the password hashing threads are gone"))?;
        result.await.map_err(|err| AppError::Internal.logged(&err))
    }

    /// Hashes `password` for storing.
    pub async fn hash(self, password: String) -> Result<String, AppError> {
        self.run(move || password_auth::generate_hash(password))
            .await
    }

    /// Whether `password` matches `stored`. Without a stored hash (no such user) a hash is still
    /// checked, so a wrong username takes as long as a wrong password and tells nothing.
    pub async fn verify(self, password: String, stored: Option<String>) -> Result<bool, AppError> {
        self.run(move || matches(&password, stored)).await
    }

    /// Checks `password` against `stored` and, if it matches, hashes `new` in the same job (a
    /// password change holds one thread, not two).
    pub async fn verify_then_hash(
        self,
        password: String,
        stored: String,
        new: String,
    ) -> Result<Option<String>, AppError> {
        self.run(move || {
            matches(&password, Some(stored)).then(|| password_auth::generate_hash(new))
        })
        .await
    }
}

fn matches(password: &str, stored: Option<String>) -> bool {
    // An account without a usable password (Django's "!…": a new member who has not chosen
    // one yet) is checked against the dummy hash, so it takes as long as a real one.
    let usable = stored.filter(|hash| !hash.starts_with('!'));
    let known = usable.is_some();
    let hash = usable.unwrap_or_else(|| dummy_hash().to_string());
    password_auth::verify_password(password, &hash).is_ok() && known
}

/// The number of hashing threads when `PASSWORD_HASH_THREADS` is not set: one per CPU.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| password_auth::generate_hash("no user has this password"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_beyond_the_threads_is_refused_not_queued() {
        let hasher = PasswordHasher::new(1);
        let (started, wait_started) = oneshot::channel();
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let busy = {
            let hasher = hasher.clone();
            tokio::spawn(async move {
                hasher
                    .reserve()
                    .unwrap()
                    .run(move || {
                        started.send(()).unwrap();
                        hold.recv().unwrap();
                    })
                    .await
            })
        };
        wait_started.await.unwrap();
        assert!(matches!(hasher.reserve(), Err(AppError::Busy)));
        release.send(()).unwrap();
        busy.await.unwrap().unwrap();
        assert_eq!(
            hasher.reserve().unwrap().run(|| 7).await,
            Ok(7),
            "the thread is free again"
        );
    }

    #[tokio::test]
    async fn a_hash_verifies_and_an_unknown_user_never_matches() {
        let hasher = PasswordHasher::new(2);
        let hash = hasher.hash("a long passphrase".into()).await.unwrap();
        let verify = |password: &str, stored: Option<String>| {
            let slot = hasher.reserve().unwrap();
            slot.verify(password.to_string(), stored)
        };
        assert!(verify("a long passphrase", Some(hash.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong", Some(hash.clone())).await.unwrap());
        assert!(!verify("no user has this password", None).await.unwrap());
        let slot = hasher.reserve().unwrap();
        let changed = slot
            .verify_then_hash(
                "a long passphrase".into(),
                hash.clone(),
                "another one".into(),
            )
            .await
            .unwrap();
        assert!(
            changed.is_some_and(|new| password_auth::verify_password("another one", &new).is_ok())
        );
        let slot = hasher.reserve().unwrap();
        let refused = slot
            .verify_then_hash("wrong".into(), hash, "x".into())
            .await;
        assert_eq!(refused, Ok(None));
    }
}
