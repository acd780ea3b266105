//! Session storage and cookie settings, kept apart from the rest because they are the largest
//! group and follow Django's names and defaults.
use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use super::{setting::Setting, ConfigError, SameSite, Secret};

/// Where sessions are kept (`SESSION_ENGINE`), named like Django's backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEngine {
    /// The app's database.
    Db,
    /// One file per session under `SESSION_FILE_PATH`.
    File,
    /// An in-process cache with a size bound (or Redis when `REDIS_URL` is set); not durable.
    Cache,
    /// The cache in front of the database: reads from the cache, writes through to both.
    CachedDb,
    /// The whole session in an encrypted, authenticated cookie keyed by `SECRET_KEY`.
    SignedCookies,
    /// Redis at `REDIS_URL`.
    Redis,
}

impl SessionEngine {
    /// Every engine with its setting value.
    pub const ALL: [(&'static str, SessionEngine); 6] = [
        ("db", SessionEngine::Db),
        ("file", SessionEngine::File),
        ("cache", SessionEngine::Cache),
        ("cached_db", SessionEngine::CachedDb),
        ("signed_cookies", SessionEngine::SignedCookies),
        ("redis", SessionEngine::Redis),
    ];

    /// The setting value naming this engine.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, e)| *e == self)
            .map(|(n, _)| *n)
            .unwrap_or("db")
    }
}

/// How sessions are stored and how their cookie looks; Django's names and defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionConfig {
    /// `SESSION_ENGINE` (default `db`).
    pub engine: SessionEngine,
    /// `SESSION_COOKIE_NAME` (default `sessionid`, as in Django).
    pub cookie_name: String,
    /// `SESSION_COOKIE_AGE` in seconds (default two weeks).
    pub cookie_age: Duration,
    /// `SESSION_COOKIE_DOMAIN` (default none: the cookie belongs to the exact host).
    pub cookie_domain: Option<String>,
    /// `SESSION_COOKIE_PATH` (default `/`).
    pub cookie_path: String,
    /// `SESSION_COOKIE_SECURE`: only send the cookie over HTTPS (default off for plain http).
    pub cookie_secure: bool,
    /// `SESSION_COOKIE_HTTPONLY` (default on: scripts cannot read the cookie).
    pub cookie_http_only: bool,
    /// `SESSION_COOKIE_SAMESITE`: `Lax` (default), `Strict`, `None`, or `off` (no attribute).
    pub cookie_same_site: Option<SameSite>,
    /// `SESSION_EXPIRE_AT_BROWSER_CLOSE`: a browser-session cookie instead of a fixed age.
    pub expire_at_browser_close: bool,
    /// `SESSION_SAVE_EVERY_REQUEST`: save and re-send the cookie on every response.
    pub save_every_request: bool,
    /// `SESSION_FILE_PATH`: the folder of the `file` engine (default `sessions/` next to the
    /// database file).
    pub file_path: PathBuf,
    /// `SECRET_KEY`: at least 32 characters; required by the `signed_cookies` engine.
    pub secret_key: Option<Secret>,
    /// `SESSION_CACHE_SIZE`: most sessions the in-process cache holds (default 100 000).
    pub cache_size: u64,
    /// `SESSION_DATABASE_URL`: a `postgres://` URL to keep the `db` / `cached_db` engines'
    /// sessions in PostgreSQL, shared by several servers (default: the app's own database).
    pub session_database_url: Option<String>,
    /// `REDIS_URL`: `redis://host:port/db`, for the `redis` engine (and `cache`, if set).
    pub redis_url: Option<String>,
    /// `SESSION_CLEANUP_INTERVAL` in seconds: how often expired sessions are deleted.
    pub cleanup_interval: Duration,
}

/// The shortest `SECRET_KEY` accepted.
pub const MIN_SECRET_KEY_LEN: usize = 32;

impl SessionConfig {
    /// Takes `database_url` because the session store and file folder default to sit beside it.
    pub(super) fn from_settings(
        setting: &impl Fn(&'static str, &str) -> Setting,
        database_url: &str,
    ) -> Result<Self, ConfigError> {
        let engine = setting("SESSION_ENGINE", "db").engine()?;
        let cookie_secure = setting("SESSION_COOKIE_SECURE", "false").boolean()?;
        let same_site = setting("SESSION_COOKIE_SAMESITE", "Lax");
        let cookie_same_site = same_site.one_of(&[
            ("Lax", Some(SameSite::Lax)),
            ("Strict", Some(SameSite::Strict)),
            ("None", Some(SameSite::None)),
            ("off", None),
            ("false", None),
        ])?;
        if cookie_same_site == Some(SameSite::None) && !cookie_secure {
            return Err(same_site.error(
                "SameSite=None needs SESSION_COOKIE_SECURE=true (browsers drop such cookies otherwise)",
            ));
        }
        let secret = setting("SECRET_KEY", "");
        let secret_key = match secret.value.as_str() {
            "" if engine == SessionEngine::SignedCookies => {
                return Err(secret.error(format!(
                    "the signed_cookies engine needs a SECRET_KEY of at least {MIN_SECRET_KEY_LEN} random characters"
                )))
            }
            "" => None,
            key if key.len() < MIN_SECRET_KEY_LEN => {
                return Err(ConfigError {
                    setting: "SECRET_KEY",
                    value: "(hidden)".into(),
                    reason: format!(
                        "must be at least {MIN_SECRET_KEY_LEN} characters long, it has {}",
                        key.len()
                    ),
                })
            }
            key => Some(Secret::new(key.to_string())),
        };
        let redis = setting("REDIS_URL", "");
        let redis_url = match redis.value.as_str() {
            "" if engine == SessionEngine::Redis => {
                return Err(redis
                    .error("the redis engine needs REDIS_URL, such as redis://127.0.0.1:6379/0"))
            }
            "" => None,
            url if url.starts_with("redis://") || url.starts_with("rediss://") => {
                Some(url.to_string())
            }
            _ => return Err(redis.error("expected a redis:// or rediss:// URL")),
        };
        let session_db = setting("SESSION_DATABASE_URL", "");
        let session_database_url =
            match session_db.value.as_str() {
                // On PostgreSQL the app's database is the natural home of the sessions too.
                "" if !database_url.starts_with("sqlite:") => Some(database_url.to_string()),
                "" => None,
                url if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                    Some(url.to_string())
                }
                _ => return Err(session_db.error(
                    "expected a postgres:// URL (leave it unset to keep sessions in DATABASE_URL)",
                )),
            };
        let default_file_path = sqlite_folder(database_url).join("sessions");
        Ok(SessionConfig {
            engine,
            cookie_name: setting("SESSION_COOKIE_NAME", "sessionid").cookie_name()?,
            cookie_age: setting("SESSION_COOKIE_AGE", "1209600").seconds(1)?,
            cookie_domain: setting("SESSION_COOKIE_DOMAIN", "").cookie_domain()?,
            cookie_path: setting("SESSION_COOKIE_PATH", "/").cookie_path()?,
            cookie_secure,
            cookie_http_only: setting("SESSION_COOKIE_HTTPONLY", "true").boolean()?,
            cookie_same_site,
            expire_at_browser_close: setting("SESSION_EXPIRE_AT_BROWSER_CLOSE", "false")
                .boolean()?,
            save_every_request: setting("SESSION_SAVE_EVERY_REQUEST", "false").boolean()?,
            file_path: PathBuf::from(
                setting(
                    "SESSION_FILE_PATH",
                    &default_file_path.display().to_string(),
                )
                .value,
            ),
            secret_key,
            session_database_url,
            cache_size: setting("SESSION_CACHE_SIZE", "100000")
                .parse::<u64>("a whole number of sessions")
                .and_then(|n| {
                    if n == 0 {
                        Err(setting("SESSION_CACHE_SIZE", "").error("must be at least 1"))
                    } else {
                        Ok(n)
                    }
                })?,
            redis_url,
            cleanup_interval: setting("SESSION_CLEANUP_INTERVAL", "3600").seconds(1)?,
        })
    }
}

/// The folder holding an `sqlite:` database file (`data/` by default).
fn sqlite_folder(database_url: &str) -> PathBuf {
    if !database_url.starts_with("sqlite:") {
        return PathBuf::from("data");
    }
    let path = database_url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
