//! Building the whole application from a [`Config`]: database, sessions, routes, listener.
//! `main` and the integration tests both start the server through [`Application::build`].
use crate::{config::Config, db, middleware, routes, seed, sessions, state::AppState};
use app::server::db::Pool;
use axum::{extract::Request, Router};
use std::{future::Future, net::SocketAddr};
use tokio::net::TcpListener;
use tower::Layer;
use tower_http::normalize_path::NormalizePathLayer;

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
    /// The expired-session cleaner; it holds the session store, so it must stop with the server.
    cleanup: tokio::task::JoinHandle<()>,
}

impl Application {
    /// Opens and migrates the database, seeds an empty catalog, and binds the listener.
    pub async fn build(config: &Config) -> Result<Self, StartupError> {
        let pool = db::connect(config).await?;
        db::migrate(&pool).await?;
        if config.seed_on_empty {
            seed::seed_bundled_if_empty(&pool).await?;
        }
        let sessions =
            sessions::Sessions::build(config)
                .await
                .map_err(|source| StartupError::Sessions {
                    engine: config.session.engine.name(),
                    source,
                })?;
        let cleanup = sessions
            .cleaner
            .clone()
            .spawn(pool.clone(), &config.session);
        let state = AppState::new(config, pool.clone());
        let router = middleware::stack(
            routes::router(state.clone()),
            config,
            state.limiter.clone(),
            sessions,
        );
        let listener = TcpListener::bind(config.site_addr)
            .await
            .map_err(|source| StartupError::Bind {
                addr: config.site_addr,
                source,
            })?;
        Ok(Self {
            listener,
            router,
            pool,
            cleanup,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` resolves, then lets in-flight requests finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // Trailing slashes are trimmed before routing so `/catalog/` and `/catalog` are one page.
        let app = NormalizePathLayer::trim_trailing_slash().layer(self.router);
        let service =
            axum::ServiceExt::<Request>::into_make_service_with_connect_info::<SocketAddr>(app);
        let result = axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await;
        // Without this, the cleaner would keep the session store's connections open after stop.
        self.cleanup.abort();
        self.pool.close().await;
        result
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
    tracing::info!("shutting down: finishing in-flight requests");
}
