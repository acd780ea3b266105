//! What a server under test runs on: its database, session engine and other settings.
use super::{postgres::fresh_database, process::ServerProcess, test_app::TestApp};
use std::{path::Path, sync::Arc};
use tempfile::TempDir;

/// A 64-character key for the signed-cookie engine in tests.
pub const TEST_SECRET_KEY: &str =
    "test-secret-key-0123456789abcdef-test-secret-key-0123456789abcdef";

/// Options for a server under test; by default a fresh SQLite file with the bundled catalog and
/// the `db` session engine. Cloning it gives the same options for another server (each `spawn`
/// of a builder without a given database gets a fresh one).
#[derive(Clone, Default)]
pub struct TestAppBuilder {
    postgres: bool,
    engine: Option<String>,
    env: Vec<(String, String)>,
    database_url: Option<String>,
    dir: Option<Arc<TempDir>>,
}

/// Everything a server under test is started with.
pub(super) struct Settings {
    /// The environment the server reads, in order (a later key overrides an earlier one).
    pub vars: Vec<(String, String)>,
    pub database_url: String,
    /// The temporary folder of the SQLite file (or the file engine's sessions), if any.
    pub dir: Option<Arc<TempDir>>,
}

impl TestAppBuilder {
    /// A fresh `ll_<uuid>` database on the PostgreSQL server of `LOCALLIBRARY_TEST_POSTGRES_URL`.
    pub fn postgres(mut self) -> Self {
        self.postgres = true;
        self
    }

    /// The session engine: `db`, `file`, `cache`, `cached_db`, `signed_cookies`, `redis`, or
    /// `postgres` / `cached_postgres` (`db` / `cached_db` with their own PostgreSQL database) or
    /// `cache_on_redis` (`cache`, with `REDIS_URL` set).
    pub fn engine(mut self, engine: &str) -> Self {
        self.engine = Some(engine.to_string());
        self
    }

    /// One more setting (it overrides what the builder chose).
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// No bundled catalog (`LOCALLIBRARY_SEED=false`).
    pub fn empty_catalog(self) -> Self {
        self.env("LOCALLIBRARY_SEED", "false")
    }

    /// The SQLite file at `path` (kept after the server stops), owned with its folder `dir`.
    pub fn database_file(self, path: impl AsRef<Path>, dir: Option<TempDir>) -> Self {
        let url = format!("sqlite://{}", path.as_ref().display());
        self.database_url(url).keeping(dir.map(Arc::new))
    }

    /// An existing database (`sqlite://…` or `postgres://…`), such as a stopped server's.
    pub fn database_url(mut self, url: impl Into<String>) -> Self {
        self.database_url = Some(url.into());
        self
    }

    /// Keeps `dir` (a database's temporary folder) as long as the server runs.
    pub(super) fn keeping(mut self, dir: Option<Arc<TempDir>>) -> Self {
        self.dir = dir;
        self
    }

    /// Starts the server in this process, or says why not and returns `None` when it needs
    /// PostgreSQL or Redis and that is not configured.
    pub async fn spawn(self) -> Option<TestApp> {
        Some(TestApp::start(self.settings().await?).await)
    }

    /// Starts the `locallibrary` binary as its own process (for signals, logs and memory).
    pub async fn spawn_process(self) -> Option<ServerProcess> {
        Some(ServerProcess::start(self.settings().await?))
    }

    /// Creates what the options ask for (a database, a folder) and lists the settings.
    async fn settings(self) -> Option<Settings> {
        let engine = match &self.engine {
            Some(engine) => engine_settings(engine).await?,
            None => Vec::new(),
        };
        let (database_url, dir) = match self.database_url {
            Some(url) => (url, self.dir),
            None if self.postgres => {
                let url = fresh_database().await?;
                (url, Some(Arc::new(tempfile::tempdir().unwrap())))
            }
            None => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("library.db").display());
                (url, Some(Arc::new(dir)))
            }
        };
        let mut vars = vec![
            ("DATABASE_URL".to_string(), database_url.clone()),
            ("LEPTOS_SITE_ADDR".into(), "127.0.0.1:0".into()),
        ];
        // The file engine keeps its folder next to an SQLite file; with PostgreSQL it would
        // default to `data/sessions` in the working directory.
        if let (false, Some(dir)) = (database_url.starts_with("sqlite:"), &dir) {
            let sessions = dir.path().join("sessions").display().to_string();
            vars.push(("SESSION_FILE_PATH".into(), sessions));
        }
        // Mail goes to the test's own folder, never to `data/outbox` in the working directory.
        if let Some(dir) = &dir {
            let outbox = dir.path().join("outbox").display().to_string();
            vars.push(("EMAIL_OUTBOX".into(), outbox));
        }
        vars.extend(engine);
        vars.extend(self.env);
        Some(Settings {
            vars,
            database_url,
            dir,
        })
    }
}

/// The settings that select `engine`, or `None` when its server is not available here.
async fn engine_settings(engine: &str) -> Option<Vec<(String, String)>> {
    let engine_name = match engine {
        "postgres" => "db",
        "cached_postgres" => "cached_db",
        "cache_on_redis" => "cache",
        other => other,
    };
    let mut settings = vec![("SESSION_ENGINE".to_string(), engine_name.to_string())];
    match engine {
        // A database of its own, as `clearsessions` would clear a shared one's other tests.
        "postgres" | "cached_postgres" => {
            settings.push(("SESSION_DATABASE_URL".into(), fresh_database().await?))
        }
        "signed_cookies" => settings.push(("SECRET_KEY".into(), TEST_SECRET_KEY.into())),
        "redis" | "cache_on_redis" => match std::env::var("LOCALLIBRARY_TEST_REDIS_URL") {
            Ok(url) => settings.push(("REDIS_URL".into(), url)),
            Err(_) => {
                eprintln!("LOCALLIBRARY_TEST_REDIS_URL is not set: skipping the redis engine (make test sets it)");
                return None;
            }
        },
        _ => {}
    }
    Some(settings)
}
