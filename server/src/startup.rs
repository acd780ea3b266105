//! Building the whole application from a [`Config`]: database, sessions, routes, listener.
use crate::{
    config::Config, db, error_pages, forwarded, rate_limit::RateLimiter, security_headers, seed,
    sessions,
};
use app::{db::Pool, shell, App};
use axum::{extract::Request, Router};
use leptos::{config::LeptosOptions, prelude::provide_context};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::{
    future::Future,
    net::SocketAddr,
    sync::{Arc, OnceLock},
    time::Duration,
};
use tokio::net::TcpListener;
use tower::Layer;
use tower_http::{
    limit::RequestBodyLimitLayer, normalize_path::NormalizePathLayer, trace::TraceLayer,
};

/// The largest request body accepted (forms and server-function arguments).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

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
        let pool = db::connect_with_timeout(&config.database_url, config.database_timeout).await?;
        db::migrate(&pool).await?;
        if config.seed_on_empty {
            seed::seed_bundled_if_empty(&pool).await?;
        }
        let sessions = sessions::Sessions::build(
            &config.session,
            &config.database_url,
            config.database_timeout,
        )
        .await
        .map_err(|source| StartupError::Sessions {
            engine: config.session.engine.name(),
            source,
        })?;
        let cleanup = sessions
            .cleaner
            .clone()
            .spawn(pool.clone(), &config.session);

        let options = leptos_options(config);
        let limiter = Arc::new(RateLimiter::new(
            config.registration_rate_limit,
            Duration::from_secs(60),
        ));
        let trusted: Arc<[std::net::IpAddr]> = config.trusted_proxies.clone().into();
        // Outermost last: client identity first, then headers, then readable bare errors
        // (which must sit outside the session layer to see its failed saves).
        let router = sessions
            .apply(router(options, pool.clone(), limiter, &config.session))
            .layer(axum::middleware::from_fn_with_state(
                sessions::cookie_policy(&config.session),
                sessions::apply_cookie_policy,
            ))
            .layer(axum::middleware::from_fn_with_state(
                error_pages::BareErrorHints::for_engine(config.session.engine),
                error_pages::explain_bare_errors,
            ))
            .layer(axum::middleware::from_fn(
                security_headers::security_headers,
            ))
            .layer(axum::middleware::from_fn_with_state(
                trusted,
                forwarded::identify_client,
            ));
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

fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("locallibrary")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .env(if config.production {
            leptos::config::Env::PROD
        } else {
            leptos::config::Env::DEV
        })
        .build()
}

/// The app's routes, generated once per process.
///
/// While Leptos generates a route list it stops resources loading in the whole process (a global
/// flag), so a second server started next to a serving one (as tests do) would leave that one's
/// pages waiting forever.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The Leptos pages and server functions, plus static files from the site root.
fn router(
    options: LeptosOptions,
    pool: Pool,
    limiter: Arc<RateLimiter>,
    session: &crate::config::SessionConfig,
) -> Router {
    let routes = route_list();
    let post_register = {
        let (pool, options) = (pool.clone(), options.clone());
        move |session, form| {
            crate::registration_form::post_register(pool.clone(), options.clone(), session, form)
        }
    };
    let cookie_name = app::session::SessionCookieName(session.cookie_name.clone());
    let context = move || {
        provide_context(pool.clone());
        provide_context(cookie_name.clone());
        security_headers::provide_leptos_nonce();
    };
    Router::new()
        .route("/register", axum::routing::post(post_register))
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .layer(axum::middleware::from_fn(
            crate::api_errors::map_server_fn_error_status,
        ))
        .layer(axum::middleware::from_fn_with_state(
            limiter,
            crate::rate_limit::limit_registrations,
        ))
        .layer(axum::middleware::from_fn(
            crate::cross_site::refuse_cross_site_writes,
        ))
        // Every form and server-function call here is small; refuse anything bigger early.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(options)
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
