//! Building the whole application from a [`Config`]: database, sessions, routes, listener.
//! `main` and the integration tests both start the server through [`Application::build`].
use crate::{
    assets::{BuildNames, StaticAssets},
    config::Config,
    db,
    health::Health,
    middleware::{self, page_cache::PageCache},
    routes, seed, sessions,
    startup_lock::StartupLock,
    state::AppState,
};
use app::server::{counter_writer::CounterWriter, db::Pool, split_chunks::SplitChunks};
use axum::Router;
use std::{future::Future, net::SocketAddr};
use tokio::net::TcpListener;
use tower::Layer;
use tower_http::normalize_path::NormalizePathLayer;

/// What cargo-leptos calls the built WASM, JS and CSS files (`output-name`).
const OUTPUT_NAME: &str = "locallibrary";

/// Anything that stops the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error(transparent)]
    Seed(#[from] seed::SeedError),
    #[error("cannot set up the {engine} session engine: {source}")]
    Sessions {
        engine: &'static str,
        source: sessions::SessionSetupError,
    },
    #[error("{0}")]
    Mail(String),
    #[error("the site's build is unusable (LEPTOS_SITE_ROOT): {0}")]
    Build(String),
    #[error(transparent)]
    Secret(#[from] crate::server_secret::ServerSecretError),
    #[error("cannot take the startup lock on the database: {0}")]
    Lock(sqlx::Error),
    #[error(transparent)]
    Metrics(#[from] crate::metrics::MetricsError),
    #[error("cannot listen on LEPTOS_SITE_ADDR={addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A started, not yet serving, application.
pub struct Application {
    listener: TcpListener,
    router: Router,
    pool: Pool,
    /// What a client may hold (header deadline, connection cap, shutdown deadline).
    limits: crate::config::ConnectionLimits,
    /// Where `/metrics` answers, if `METRICS_ADDR` is set.
    metrics_addr: Option<SocketAddr>,
    /// Background work (the expired-session cleaner, the WAL checkpointer); it holds the
    /// session store and the pool, so it must stop with the server.
    background: Vec<tokio::task::JoinHandle<()>>,
}

impl Application {
    /// Opens and migrates the database, seeds an empty catalog, and binds the listener.
    pub async fn build(config: &Config) -> Result<Self, StartupError> {
        let pool = db::connect(config).await?;
        let lock = StartupLock::take(&config.database_url)
            .await
            .map_err(StartupError::Lock)?;
        db::migrate(&pool).await?;
        if config.seed_on_empty {
            seed::seed_bundled_if_empty(&pool).await?;
        }
        lock.release().await.map_err(StartupError::Lock)?;
        let secret = crate::server_secret::load(config, &pool).await?;
        let sessions =
            sessions::Sessions::build(config)
                .await
                .map_err(|source| StartupError::Sessions {
                    engine: config.session.engine.name(),
                    source,
                })?;
        let mut background = vec![sessions
            .cleaner
            .clone()
            .spawn(pool.clone(), &config.session)];
        background.extend(db::spawn_wal_checkpointer(pool.clone()));
        let (counter, writer) = CounterWriter::spawn(pool.clone());
        background.push(writer);
        background.push(app::server::counted_requests::spawn_forgetting(
            pool.clone(),
        ));
        let hashes = crate::assets::hash_file();
        let names = BuildNames::from_hash_file(OUTPUT_NAME, hashes.as_deref());
        let chunks = SplitChunks::read(
            &config.site_root.join("pkg"),
            OUTPUT_NAME,
            hashes.as_deref(),
        )
        .map_err(StartupError::Build)?;
        let static_files = StaticAssets::load(&config.site_root, &names);
        tracing::debug!(files = static_files.len(), ?names, "static files loaded");
        let listener = TcpListener::bind(config.site_addr)
            .await
            .map_err(|source| StartupError::Bind {
                addr: config.site_addr,
                source,
            })?;
        let mailer = crate::state::mailer(config).map_err(StartupError::Mail)?;
        // Without SITE_URL, links in mail point at the address actually bound (port 0 included).
        let site_url = match (&config.accounts.site_url, listener.local_addr()) {
            (Some(url), _) => url.clone(),
            (None, Ok(addr)) => format!("http://{addr}"),
            (None, Err(_)) => format!("http://{}", config.site_addr),
        };
        let state = AppState::new(
            config,
            pool.clone(),
            counter,
            (mailer, site_url),
            (names.output_name, chunks),
            secret,
        );
        background.push(app::holds::expiry::spawn(state.app.clone()));
        let health = Health {
            pool: pool.clone(),
            store: sessions.store.clone(),
            timeout: config.database_timeout,
            instance: config
                .instance_name
                .as_deref()
                .and_then(|name| axum::http::HeaderValue::from_str(name).ok()),
        };
        let pages = PageCache::new(
            config.page_cache_bytes,
            state.app.catalog_version.clone(),
            &config.session.cookie_name,
            state.app.test_cookies.clone(),
        );
        let metrics_addr = match config.operations.metrics_addr {
            Some(addr) => {
                let handle = crate::metrics::install()?;
                crate::metrics::start_at_zero(config.session.engine.name());
                background.push(crate::metrics::spawn_upkeep(handle.clone()));
                if !addr.ip().is_loopback() {
                    tracing::warn!(
                        "METRICS_ADDR={addr} is not a loopback address: keep its port closed \
                         to the public (a firewall, or a private network)"
                    );
                }
                let (bound, task) = crate::metrics::serve(addr, handle, pool.clone()).await?;
                tracing::info!("metrics on http://{bound}/metrics");
                background.push(task);
                Some(bound)
            }
            None => None,
        };
        let access = std::sync::Arc::new(middleware::access::Access {
            routes: crate::metrics::RouteTemplates::new(routes::templates()),
            trusted: config.trusted_proxies.clone().into(),
            instance: config.instance_name.clone(),
        });
        let router = middleware::stack(
            routes::router(state.clone()),
            config,
            state.limiter.clone(),
            state.app.test_cookies.clone(),
            sessions,
            (static_files, pages, health),
            access,
        );
        Ok(Self {
            listener,
            router,
            pool,
            limits: config.connections,
            metrics_addr,
            background,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Where `/metrics` answers (`METRICS_ADDR`, with port 0 resolved), if it is on.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_addr
    }

    /// Everything a request meets, as the listener serves it (tests call it without a socket).
    pub fn service(&self) -> Router {
        // Trailing slashes are trimmed before routing so `/catalog/` and `/catalog` are one page.
        Router::new()
            .fallback_service(NormalizePathLayer::trim_trailing_slash().layer(self.router.clone()))
    }

    /// Serves until `shutdown` resolves, then lets in-flight requests finish (within
    /// `SHUTDOWN_TIMEOUT`).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let app = self.service();
        crate::serve::serve(self.listener, app, self.limits, shutdown).await;
        // Without this, the cleaner would keep the session store's connections open after stop.
        for task in &self.background {
            task.abort();
        }
        self.pool.close().await;
        Ok(())
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
