//! A server under test, running in this process on the shared server runtime.
use super::{
    browser::new_browser,
    builder::{Settings, TestAppBuilder},
};
use reqwest::{header::HeaderMap, Client};
use server::{config::Config, startup::Application};
use sqlx::{any::AnyPoolOptions, AnyPool};
use std::{collections::HashMap, net::SocketAddr, path::PathBuf, sync::Arc, sync::OnceLock};
use tempfile::TempDir;
use tokio::sync::{oneshot, OnceCell};

/// A running server with its own database.
pub struct TestApp {
    pub address: String,
    /// The app's database: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `http://ADDR/metrics` when the test set `METRICS_ADDR`.
    pub metrics_url: Option<String>,
    settings: Vec<(String, String)>,
    pool: OnceCell<AnyPool>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    dir: Option<Arc<TempDir>>,
}

/// What a stopped server leaves behind: its database, for a restart.
pub struct Stopped {
    pub database_url: String,
    dir: Option<Arc<TempDir>>,
}

impl Stopped {
    /// Options for a server on the same database (and nothing else of the old settings).
    pub fn restart(self) -> TestAppBuilder {
        TestApp::builder()
            .database_url(self.database_url)
            .keeping(self.dir)
    }
}

impl TestApp {
    /// Options for a server under test; see [`TestAppBuilder`].
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    /// Starts the server on the shared runtime and waits until it listens.
    pub(super) async fn start(settings: Settings) -> Self {
        let lookup: HashMap<String, String> = settings.vars.iter().cloned().collect();
        let config = Config::from_lookup(|k| lookup.get(k).cloned()).expect("test config is valid");
        // Test servers run on one shared multi-threaded runtime, as in production, so requests
        // from parallel tests really interleave (that is how a racy error page was found).
        let (ready, addr) = oneshot::channel::<(SocketAddr, Option<SocketAddr>)>();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = server_runtime().spawn(async move {
            let app = Application::build(&config).await.expect("the app starts");
            let _ = ready.send((app.local_addr(), app.metrics_addr()));
            app.run_until(async {
                let _ = stopped.await;
            })
            .await
        });
        let (addr, metrics) = addr.await.expect("the server reports its address");
        TestApp {
            address: format!("http://{addr}"),
            database_url: settings.database_url,
            metrics_url: metrics.map(|addr| format!("http://{addr}/metrics")),
            settings: settings.vars,
            pool: OnceCell::new(),
            stop: Some(stop),
            task: Some(task),
            dir: settings.dir,
        }
    }

    /// Whether the app's database is PostgreSQL (else SQLite).
    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres")
    }

    /// The SQLite file of the app's database (panics on PostgreSQL).
    pub fn db_path(&self) -> PathBuf {
        let path = self
            .database_url
            .strip_prefix("sqlite://")
            .expect("an SQLite database");
        PathBuf::from(path.split('?').next().unwrap())
    }

    /// Every setting the server got (`DATABASE_URL`, the engine's, the test's), for running
    /// the binary's commands on the same setup.
    pub fn settings(&self) -> &[(String, String)] {
        &self.settings
    }

    /// A client with its own cookie jar, like one browser.
    pub fn browser(&self) -> Client {
        new_browser()
    }

    /// A separate connection pool to the app's database, for arranging and checking data.
    /// Queries use `$1` placeholders, which both databases accept.
    pub async fn pool(&self) -> AnyPool {
        self.pool
            .get_or_init(|| async {
                sqlx::any::install_default_drivers();
                AnyPoolOptions::new()
                    .max_connections(4)
                    .connect(&self.database_url)
                    .await
                    .expect("the test opens the app's database")
            })
            .await
            .clone()
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

    /// GET `path` with a `Cookie` header of exactly `cookie` (and no cookie jar).
    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> (u16, HeaderMap, String) {
        let response = Client::new()
            .get(format!("{}{path}", self.address))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (status, headers, response.text().await.unwrap())
    }

    /// Visits the home page twice with `client`: the first visit is counted in a cookie, and
    /// only the second, which brings it back, stores a session. Returns the second answer.
    pub async fn start_session(&self, client: &Client) -> (u16, HeaderMap, String) {
        self.get(client, "/").await;
        self.get(client, "/").await
    }

    /// Stops the server, waiting for in-flight requests, and keeps the database for a restart
    /// (the test's own pool is closed too).
    pub async fn stop(mut self) -> Stopped {
        if let Some(pool) = self.pool.get() {
            pool.close().await;
        }
        let _ = self.stop.take().unwrap().send(());
        self.task.take().unwrap().await.unwrap().unwrap();
        Stopped {
            database_url: self.database_url.clone(),
            dir: self.dir.take(),
        }
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
