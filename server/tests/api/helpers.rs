//! Starting the real application for a test.
use reqwest::{header::HeaderMap, Client};
use server::{config::Config, startup::Application};
use std::{collections::HashMap, net::SocketAddr, path::PathBuf, sync::OnceLock};
use tempfile::TempDir;
use tokio::sync::oneshot;

/// A running server with its own database.
pub struct TestApp {
    pub address: String,
    pub db_path: PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: Option<TempDir>,
}

impl TestApp {
    /// A client with its own cookie jar, like one browser.
    pub fn browser(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// A separate connection to the app's database, for arranging and checking data.
    pub async fn pool(&self) -> sqlx::SqlitePool {
        sqlx::SqlitePool::connect(&format!("sqlite://{}", self.db_path.display()))
            .await
            .unwrap()
    }

    /// GETs `path` and returns status, headers and body.
    pub async fn get(&self, client: &Client, path: &str) -> (u16, HeaderMap, String) {
        let response = client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (status, headers, response.text().await.unwrap())
    }

    /// Stops the server, waiting for in-flight requests, and keeps the database for a restart.
    pub async fn stop(mut self) -> (PathBuf, Option<TempDir>) {
        let _ = self.stop.take().unwrap().send(());
        self.task.take().unwrap().await.unwrap().unwrap();
        (self.db_path.clone(), self._dir.take())
    }
}

impl Drop for TestApp {
    /// A test's server stops with the test, so servers (and their pools) do not pile up.
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn server_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test server runtime")
    })
}

/// Starts a server on a fresh temporary database.
pub async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("library.db");
    spawn_app_on(db_path, Some(dir), &[]).await
}

/// Starts a server on a fresh database without the bundled catalog.
pub async fn spawn_empty_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("library.db");
    spawn_app_on(db_path, Some(dir), &[("LOCALLIBRARY_SEED", "false")]).await
}

/// Starts a server on the database at `db_path`, with extra settings.
pub async fn spawn_app_on(
    db_path: PathBuf,
    dir: Option<TempDir>,
    extra: &[(&str, &str)],
) -> TestApp {
    let mut vars: HashMap<String, String> = HashMap::from([
        (
            "DATABASE_URL".into(),
            format!("sqlite://{}", db_path.display()),
        ),
        ("LEPTOS_SITE_ADDR".into(), "127.0.0.1:0".into()),
    ]);
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let config = Config::from_lookup(|k| vars.get(k).cloned()).expect("test config is valid");
    // Test servers run on one shared multi-threaded runtime, as in production, so requests from
    // parallel tests really interleave (that is how a racy error page was found).
    let (ready, addr) = oneshot::channel::<SocketAddr>();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = server_runtime().spawn(async move {
        let app = Application::build(&config).await.expect("the app starts");
        let _ = ready.send(app.local_addr());
        app.run_until(async {
            let _ = stopped.await;
        })
        .await
    });
    let addr = addr.await.expect("the server reports its address");
    TestApp {
        address: format!("http://{addr}"),
        db_path,
        stop: Some(stop),
        task: Some(task),
        _dir: dir,
    }
}

/// The text of the visit sentence in a page.
pub fn visit_sentence(body: &str) -> Option<String> {
    let start = body.find("You have visited this page")?;
    let end = body[start..].find('.')? + start + 1;
    Some(body[start..end].to_string())
}

/// Starts a server on a fresh temporary database with extra settings.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("library.db");
    spawn_app_on(db_path, Some(dir), extra).await
}

/// How many user profiles the database holds.
pub async fn profile_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM user_profiles")
        .fetch_one(&app.pool().await)
        .await
        .unwrap()
}

/// The release-style binary running as its own process, for signals and memory readings.
pub struct ServerProcess {
    pub child: std::process::Child,
    pub address: String,
    /// Every line the server has logged so far.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl ServerProcess {
    /// Starts `locallibrary serve` on `db_path` and waits until it says where it listens.
    pub fn start(db_path: &std::path::Path, extra: &[(&str, &str)]) -> Self {
        use std::io::{BufRead, BufReader};
        // Benchmarks point this at the release build; tests use the debug one cargo built.
        let bin = std::env::var("LOCALLIBRARY_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_locallibrary").to_string());
        let mut child = std::process::Command::new(bin)
            .arg("serve")
            .env("DATABASE_URL", format!("sqlite://{}", db_path.display()))
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "info")
            .envs(extra.iter().copied())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (found, address) = std::sync::mpsc::channel();
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let lines = log.clone();
        std::thread::spawn(move || {
            let mut found = Some(found);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line.clone());
                if let Some(at) = line.find("serving on ") {
                    if let Some(found) = found.take() {
                        let _ = found.send(line[at + "serving on ".len()..].trim().to_string());
                    }
                }
            }
        });
        let address = address
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the server starts");
        Self {
            child,
            address,
            log,
        }
    }

    /// Waits up to two seconds for a log line containing all of `parts`.
    pub async fn logged(&self, parts: &[&str]) -> bool {
        for _ in 0..40 {
            let found = self
                .log
                .lock()
                .unwrap()
                .iter()
                .any(|line| parts.iter().all(|p| line.contains(p)));
            if found {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        false
    }

    /// Resident memory of the server process, in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }

    /// Sends SIGTERM, as a service manager does on shutdown.
    pub fn terminate(&self) {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Kills the process at once (SIGKILL), as a crash or the OOM killer would.
    pub fn kill_now(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait(mut self) -> Option<i32> {
        self.child.wait().unwrap().code()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Holds the database's write lock, as a stuck writer or a backup would, until dropped or
/// [`WriteLock::release`]d.
pub struct WriteLock(Option<sqlx::SqliteConnection>);

impl WriteLock {
    /// Takes the write lock of the SQLite database at `db_path`.
    pub async fn take(db_path: &std::path::Path) -> Self {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db_path.display()))
            .await
            .unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut conn)
            .await
            .unwrap();
        Self(Some(conn))
    }

    /// Gives the lock back.
    pub async fn release(mut self) {
        use sqlx::Connection;
        let mut conn = self.0.take().unwrap();
        sqlx::query("ROLLBACK").execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    }
}

/// A browser (cookie jar, no redirects) that has registered as `name` at the server at
/// `address`, through the plain form post, with "remember me".
pub async fn registered_browser(address: &str, name: &str) -> Client {
    let browser = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let email = format!(
        "{}@example.com",
        name.split_whitespace().next().unwrap_or("x").to_lowercase()
    );
    let response = browser
        .post(format!("{address}/register"))
        .form(&[
            ("name", name),
            ("email", email.as_str()),
            ("remember", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    browser
}

/// A fresh, empty database on the PostgreSQL server that `make test` starts (its URL), so tests
/// running in parallel never see each other's rows; `None` when that server is not configured.
pub async fn fresh_database() -> Option<String> {
    let Ok(admin_url) = std::env::var("LOCALLIBRARY_TEST_POSTGRES_URL") else {
        eprintln!(
            "LOCALLIBRARY_TEST_POSTGRES_URL is not set: skipping PostgreSQL (make test sets it)"
        );
        return None;
    };
    let name = format!("ll_{}", uuid::Uuid::new_v4().simple());
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let base = admin_url.rsplit_once('/').unwrap().0;
    Some(format!("{base}/{name}"))
}
