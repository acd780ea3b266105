//! Session engines (`SESSION_ENGINE`) and the cookie that points to a session, configured with
//! Django's settings and behaving like Django's backends: saved only when modified (or on every
//! request with `SESSION_SAVE_EVERY_REQUEST`), never on a 5xx, cookie deleted when emptied.
mod cached_db;
mod cleaner;
mod dyn_store;
mod engines;
mod file_store;
mod memory_store;
mod redis_store;
mod sql_store;

pub use cached_db::CachedDb;
pub use cleaner::{Cleaner, Cleared};
pub use dyn_store::DynStore;
pub use file_store::FileStore;
pub use memory_store::MemoryStore;
pub use redis_store::RedisSessions;
pub use sql_store::SqlStore;

use crate::config::{Config, Secret, SessionConfig, MIN_SECRET_KEY_LEN};
use axum::Router;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_cookie_store::{
    CookieSessionConfig, CookieSessionManagerLayer, Key, PrivateCookie,
};

/// The largest session cookie sent; browsers drop bigger ones.
pub const MAX_COOKIE_BYTES: usize = 4096;

/// Applies the `SESSION_COOKIE_*` settings to a session layer or cookie-store config: the two
/// builders have the same methods but no common trait.
macro_rules! with_cookie_settings {
    ($builder:expr, $config:expr) => {{
        let config: &SessionConfig = $config;
        let builder = $builder
            .with_name(config.cookie_name.clone())
            .with_http_only(config.cookie_http_only)
            // "off" is written as Lax here and stripped by the cookie policy middleware.
            .with_same_site(
                config
                    .cookie_same_site
                    .unwrap_or(tower_sessions::cookie::SameSite::Lax),
            )
            .with_secure(config.cookie_secure)
            .with_path(config.cookie_path.clone())
            .with_always_save(config.save_every_request)
            .with_expiry(expiry(config));
        match &config.cookie_domain {
            Some(domain) => builder.with_domain(domain.clone()),
            None => builder,
        }
    }};
}

/// Failures while setting up a session engine.
#[derive(Debug, thiserror::Error)]
pub enum SessionSetupError {
    #[error("cannot create the sessions table: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot connect to SESSION_DATABASE_URL: {0}")]
    Postgres(sqlx::Error),
    #[error("{0}")]
    Sqlite(String),
    #[error("cannot use SESSION_FILE_PATH={path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to Redis at REDIS_URL: {0}")]
    Redis(String),
    #[error("SECRET_KEY must be at least {MIN_SECRET_KEY_LEN} characters")]
    SecretKey,
}

/// The configured engine: the layer to put on the router, and how to delete expired sessions.
pub struct Sessions {
    layer: EngineLayer,
    /// How expired sessions go away for this engine.
    pub cleaner: Cleaner,
    /// The store, for engines that keep sessions on the server (the readiness probe asks it).
    pub store: Option<DynStore>,
}

enum EngineLayer {
    Store(SessionManagerLayer<DynStore>, DynStore),
    SignedCookies(CookieSessionManagerLayer<PrivateCookie>),
}

impl EngineLayer {
    fn store(store: DynStore, config: &SessionConfig) -> Self {
        EngineLayer::Store(
            with_cookie_settings!(SessionManagerLayer::new(store.clone()), config),
            store,
        )
    }
}

impl Sessions {
    /// Builds the engine `config.session` asks for.
    pub async fn build(config: &Config) -> Result<Self, SessionSetupError> {
        let (layer, cleaner) = engines::build(config).await?;
        let store = match &layer {
            EngineLayer::Store(_, store) => Some(store.clone()),
            EngineLayer::SignedCookies(_) => None,
        };
        Ok(Self {
            layer,
            cleaner,
            store,
        })
    }

    /// `service` behind the session layer, as one service (the engines' layers differ in type).
    pub fn around<S>(self, service: S) -> Router
    where
        S: tower::Service<
                axum::extract::Request,
                Response = axum::response::Response,
                Error = std::convert::Infallible,
            > + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send,
    {
        use tower::Layer;
        match self.layer {
            EngineLayer::Store(layer, _) => Router::new().fallback_service(layer.layer(service)),
            EngineLayer::SignedCookies(layer) => {
                Router::new().fallback_service(layer.layer(service))
            }
        }
    }
}

/// Django's two expiry modes: a fixed age, renewed when saved, or until the browser closes.
fn expiry(config: &SessionConfig) -> Expiry {
    if config.expire_at_browser_close {
        Expiry::OnSessionEnd
    } else {
        let age = time::Duration::try_from(config.cookie_age).unwrap_or(time::Duration::weeks(2));
        Expiry::OnInactivity(age)
    }
}

/// The `signed_cookies` engine: the whole session, encrypted and authenticated with a key
/// derived from `SECRET_KEY`, lives in the cookie (browsers keep at most 4 KB of it).
fn signed_cookie_layer(
    config: &SessionConfig,
) -> Result<CookieSessionManagerLayer<PrivateCookie>, SessionSetupError> {
    let secret = config
        .secret_key
        .as_ref()
        .map(Secret::expose)
        .filter(|key| key.len() >= MIN_SECRET_KEY_LEN)
        .ok_or(SessionSetupError::SecretKey)?;
    let key = Key::derive_from(secret.as_bytes());
    let cookie = with_cookie_settings!(CookieSessionConfig::default(), config)
        .with_max_cookie_bytes(MAX_COOKIE_BYTES);
    Ok(CookieSessionManagerLayer::private(key).with_config(cookie))
}
