//! All runtime settings in one typed struct, read from environment variables and validated at
//! start so a typo stops the server with a message naming the setting.
use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    time::Duration,
};

mod accounts;
mod holds;
mod operations;
mod secret;
mod session;
mod setting;
#[cfg(test)]
mod tests;

pub use accounts::AccountsConfig;
pub use operations::{log_format_from_env, LogFormat, OperationsConfig, SqliteSync};
pub use secret::{redact_url, Secret};
pub use session::{SessionConfig, SessionEngine, MIN_SECRET_KEY_LEN};
pub use tower_sessions::cookie::SameSite;

use setting::Setting;

/// Where the database lives unless `DATABASE_URL` says otherwise.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/locallibrary.db";

/// Everything the server needs to know to start.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `DATABASE_URL`: an `sqlite:` URL (the file is created if missing) or a `postgres://` one.
    pub database_url: String,
    /// `DATABASE_TIMEOUT` in seconds: how long a request waits for a busy or unreachable
    /// database before the visitor gets a "temporarily unavailable" page.
    pub database_timeout: Duration,
    /// `DATABASE_MAX_CONNECTIONS`: the pool's upper bound, so a burst cannot exhaust the database.
    pub database_max_connections: u32,
    /// `LEPTOS_SITE_ADDR`: the address to listen on (port 0 picks a free one).
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder with the built WASM, JS, CSS and public files.
    pub site_root: PathBuf,
    /// `LEPTOS_ENV`: `DEV` or `PROD`.
    pub production: bool,
    /// `LOCALLIBRARY_SEED`: load the bundled catalog into an empty database at start.
    pub seed_on_empty: bool,
    /// Session cookie and storage settings.
    pub session: SessionConfig,
    /// `TRUSTED_PROXIES`: comma-separated IP addresses of reverse proxies whose
    /// `X-Forwarded-For` / `X-Forwarded-Proto` headers are believed (default: none).
    pub trusted_proxies: Vec<IpAddr>,
    /// `REGISTRATION_RATE_LIMIT`: registration attempts allowed per client IP per minute
    /// (0 turns the limit off).
    pub registration_rate_limit: u32,
    /// `PAGE_CACHE_MB` (default 8; 0 keeps none): memory for strangers' catalog pages, kept
    /// until the catalog changes (`middleware::page_cache`).
    pub page_cache_bytes: u64,
    /// How long clients may take over a connection.
    pub connections: ConnectionLimits,
    /// Mail and links for the account pages.
    pub accounts: AccountsConfig,
    /// `MAX_HOLDS`, `HOLD_DAYS` (and the test setting `HOLD_SECONDS`): the hold rules.
    pub holds: app::holds::HoldRules,
    /// `INSTANCE_NAME` (default: none): when set, every response carries `X-Instance: NAME`, so
    /// a cluster's operator (and its tests) can see which server answered.
    pub instance_name: Option<String>,
    /// Metrics, logs and SQLite's durability.
    pub operations: OperationsConfig,
}

/// What one client may hold: a slow or silent client must not keep the server or its
/// connections to itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// `HEADER_READ_TIMEOUT` in seconds (default 10): the longest wait for a request's headers,
    /// on a new connection or an idle kept-alive one; then the connection is closed.
    pub header_read_timeout: Duration,
    /// `MAX_CONNECTIONS` (default 4096): connections served at once; beyond it new ones wait in
    /// the kernel's queue instead of using up the process's file descriptors.
    pub max_connections: usize,
    /// `SHUTDOWN_TIMEOUT` in seconds (default 30): after SIGTERM, the longest wait for requests
    /// in flight before the server exits anyway.
    pub shutdown_timeout: Duration,
    /// `SHUTDOWN_DRAIN` in seconds (default 1): after SIGTERM, how long open kept-alive
    /// connections are still served (each answer closing its connection) before idle ones are
    /// closed; a balancer may be writing a request onto one of them at that moment.
    pub shutdown_drain: Duration,
}

/// A setting that could not be used, with its name so the operator knows what to fix.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid setting {setting}={value:?}: {reason}")]
pub struct ConfigError {
    /// The environment variable at fault.
    pub setting: &'static str,
    /// What it was set to.
    pub value: String,
    /// What is allowed instead.
    pub reason: String,
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads the configuration through `lookup`, which returns a variable's value if set.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let setting = |name: &'static str, default: &str| Setting {
            name,
            value: lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_string()),
        };
        let database_url = setting("DATABASE_URL", DEFAULT_DATABASE_URL).database_url()?;
        let session = SessionConfig::from_settings(&setting, &database_url)?;
        let max_connections = setting("DATABASE_MAX_CONNECTIONS", "8");
        let database_max_connections: u32 =
            max_connections.parse("a whole number of connections")?;
        if database_max_connections < 1 {
            // A pool of zero would make every request wait out DATABASE_TIMEOUT.
            return Err(max_connections.error("must be at least 1"));
        }
        let site_addr = setting("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
            .parse("a host:port such as 127.0.0.1:3000")?;
        let accounts = AccountsConfig::from_settings(&setting)?;
        let holds = holds::from_settings(&setting)?;
        let operations = OperationsConfig::from_settings(&setting, site_addr)?;
        let instance = setting("INSTANCE_NAME", "");
        let instance_name = match instance.value.as_str() {
            "" => None,
            name if name.len() <= 64
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) =>
            {
                Some(name.to_string())
            }
            _ => return Err(instance.error("expected up to 64 letters, digits, '.', '_' or '-'")),
        };
        Ok(Config {
            accounts,
            holds,
            instance_name,
            operations,
            database_url,
            database_timeout: setting("DATABASE_TIMEOUT", "5").seconds(1)?,
            database_max_connections,
            site_addr,
            site_root: PathBuf::from(setting("LEPTOS_SITE_ROOT", "target/site").value),
            production: setting("LEPTOS_ENV", "DEV").one_of(&[("DEV", false), ("PROD", true)])?,
            seed_on_empty: setting("LOCALLIBRARY_SEED", "true").boolean()?,
            session,
            trusted_proxies: setting("TRUSTED_PROXIES", "").ip_list()?,
            registration_rate_limit: setting("REGISTRATION_RATE_LIMIT", "10")
                .parse("a whole number of attempts per minute (0 turns the limit off)")?,
            page_cache_bytes: setting("PAGE_CACHE_MB", "8")
                .parse::<u64>("a whole number of megabytes (0 keeps no page)")?
                .saturating_mul(1024 * 1024),
            connections: ConnectionLimits {
                header_read_timeout: setting("HEADER_READ_TIMEOUT", "10").seconds(1)?,
                max_connections: setting("MAX_CONNECTIONS", "4096")
                    .parse::<usize>("a whole number of connections")
                    .and_then(|n| match n {
                        0 => Err(setting("MAX_CONNECTIONS", "0").error("must be at least 1")),
                        n => Ok(n),
                    })?,
                shutdown_timeout: setting("SHUTDOWN_TIMEOUT", "30").seconds(1)?,
                shutdown_drain: setting("SHUTDOWN_DRAIN", "1").seconds(0)?,
            },
        })
    }
}
