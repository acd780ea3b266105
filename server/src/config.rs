//! All runtime settings in one typed struct, read from environment variables and validated at
//! start so a typo stops the server with a message naming the setting.
use std::{
    net::{IpAddr, SocketAddr},
    path::{Path, PathBuf},
    time::Duration,
};
pub use tower_sessions::cookie::SameSite;

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
}

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
    pub secret_key: Option<String>,
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
        Ok(Config {
            database_url,
            database_timeout: setting("DATABASE_TIMEOUT", "5").seconds(1)?,
            site_addr: setting("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
                .parse("a host:port such as 127.0.0.1:3000")?,
            site_root: PathBuf::from(setting("LEPTOS_SITE_ROOT", "target/site").value),
            production: setting("LEPTOS_ENV", "DEV").one_of(&[("DEV", false), ("PROD", true)])?,
            seed_on_empty: setting("LOCALLIBRARY_SEED", "true").boolean()?,
            session,
            trusted_proxies: setting("TRUSTED_PROXIES", "").ip_list()?,
            registration_rate_limit: setting("REGISTRATION_RATE_LIMIT", "10")
                .parse("a whole number of attempts per minute (0 turns the limit off)")?,
        })
    }
}

impl SessionConfig {
    fn from_settings(
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
            key => Some(key.to_string()),
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

/// One raw environment value on its way to a typed setting.
struct Setting {
    name: &'static str,
    value: String,
}

impl Setting {
    fn error(&self, reason: impl Into<String>) -> ConfigError {
        ConfigError {
            setting: self.name,
            value: self.value.clone(),
            reason: reason.into(),
        }
    }

    fn parse<T: std::str::FromStr>(&self, expected: &str) -> Result<T, ConfigError> {
        self.value
            .parse()
            .map_err(|_| self.error(format!("expected {expected}")))
    }

    fn one_of<T: Copy>(&self, allowed: &[(&str, T)]) -> Result<T, ConfigError> {
        allowed
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&self.value))
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                let names: Vec<_> = allowed.iter().map(|(n, _)| *n).collect();
                self.error(format!("expected one of {}", names.join(", ")))
            })
    }

    fn boolean(&self) -> Result<bool, ConfigError> {
        self.one_of(&[
            ("true", true),
            ("false", false),
            ("1", true),
            ("0", false),
            ("yes", true),
            ("no", false),
            ("on", true),
            ("off", false),
        ])
    }

    fn seconds(&self, minimum: u64) -> Result<Duration, ConfigError> {
        let secs: u64 = self.parse("a whole number of seconds")?;
        if secs < minimum {
            return Err(self.error(format!("must be at least {minimum} seconds")));
        }
        Ok(Duration::from_secs(secs))
    }

    fn cookie_name(&self) -> Result<String, ConfigError> {
        // RFC 6265 token characters only, so the name never breaks the Set-Cookie header.
        let valid = self.value.len() <= 64
            && self
                .value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if valid {
            Ok(self.value.clone())
        } else {
            Err(self.error("use 1-64 letters, digits or -_. characters"))
        }
    }

    fn ip_list(&self) -> Result<Vec<IpAddr>, ConfigError> {
        self.value
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse().map_err(|_| {
                    self.error(format!(
                        "{part:?} is not an IP address; expected a comma-separated list such as 127.0.0.1,::1"
                    ))
                })
            })
            .collect()
    }

    fn engine(&self) -> Result<SessionEngine, ConfigError> {
        // Django's dotted names work too, so a settings file can be carried over.
        let short = self
            .value
            .trim_start_matches("django.contrib.sessions.backends.");
        SessionEngine::ALL
            .iter()
            .find(|(name, _)| *name == short)
            .map(|(_, engine)| *engine)
            .ok_or_else(|| {
                let names: Vec<_> = SessionEngine::ALL.iter().map(|(n, _)| *n).collect();
                self.error(format!("expected one of {}", names.join(", ")))
            })
    }

    fn cookie_domain(&self) -> Result<Option<String>, ConfigError> {
        if self.value.is_empty() {
            return Ok(None);
        }
        let host = self.value.trim_start_matches('.');
        let valid = !host.is_empty()
            && host.len() <= 253
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if valid {
            Ok(Some(self.value.clone()))
        } else {
            Err(self.error("expected a host name such as example.com or .example.com"))
        }
    }

    fn cookie_path(&self) -> Result<String, ConfigError> {
        let valid = self.value.starts_with('/')
            && self
                .value
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b';' && b != b',');
        if valid {
            Ok(self.value.clone())
        } else {
            Err(self.error("expected a URL path starting with / (no spaces, ; or ,)"))
        }
    }

    fn database_url(&self) -> Result<String, ConfigError> {
        let postgres =
            self.value.starts_with("postgres://") || self.value.starts_with("postgresql://");
        if self.value.starts_with("sqlite:") || postgres {
            Ok(self.value.clone())
        } else {
            Err(self.error(
                "expected an sqlite: URL such as sqlite://data/locallibrary.db, or a postgres:// URL",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config_with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| vars.get(k).cloned())
    }

    #[test]
    fn defaults_match_the_readme() {
        let config = config_with(&[]).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.session.cookie_name, "sessionid");
        assert_eq!(
            config.session.cookie_age,
            Duration::from_secs(14 * 24 * 3600)
        );
        assert!(!config.session.cookie_secure);
        assert!(config.seed_on_empty);
        assert!(!config.production);
        assert_eq!(config.database_timeout, Duration::from_secs(5));
        assert!(config.trusted_proxies.is_empty());
        assert_eq!(config.registration_rate_limit, 10);
    }

    #[test]
    fn session_defaults_are_djangos() {
        let s = config_with(&[]).unwrap().session;
        assert_eq!(s.engine, SessionEngine::Db);
        assert_eq!(s.cookie_domain, None);
        assert_eq!(s.cookie_path, "/");
        assert!(s.cookie_http_only);
        assert_eq!(s.cookie_same_site, Some(SameSite::Lax));
        assert!(!s.expire_at_browser_close && !s.save_every_request);
        assert_eq!(s.file_path, PathBuf::from("data/sessions"));
        assert_eq!(s.secret_key, None);
    }

    #[test]
    fn engines_are_named_like_djangos() {
        for (name, engine) in SessionEngine::ALL {
            let mut vars = vec![("SESSION_ENGINE", name)];
            if engine == SessionEngine::SignedCookies {
                vars.push(("SECRET_KEY", "0123456789abcdef0123456789abcdef"));
            }
            if engine == SessionEngine::Redis {
                vars.push(("REDIS_URL", "redis://127.0.0.1:6379/0"));
            }
            assert_eq!(config_with(&vars).unwrap().session.engine, engine);
        }
        let dotted = config_with(&[("SESSION_ENGINE", "django.contrib.sessions.backends.file")]);
        assert_eq!(dotted.unwrap().session.engine, SessionEngine::File);
        let err = config_with(&[("SESSION_ENGINE", "memcached")]).unwrap_err();
        assert_eq!(err.setting, "SESSION_ENGINE");
        assert!(err.reason.contains("signed_cookies"), "{err}");
    }

    #[test]
    fn unsafe_or_incomplete_session_settings_are_refused() {
        let setting = |vars: &[(&str, &str)]| config_with(vars).unwrap_err().setting;
        assert_eq!(
            setting(&[("SESSION_COOKIE_SAMESITE", "None")]),
            "SESSION_COOKIE_SAMESITE"
        );
        assert_eq!(
            setting(&[("SESSION_COOKIE_SAMESITE", "sometimes")]),
            "SESSION_COOKIE_SAMESITE"
        );
        assert_eq!(
            setting(&[("SESSION_ENGINE", "signed_cookies")]),
            "SECRET_KEY"
        );
        assert_eq!(
            setting(&[
                ("SESSION_ENGINE", "signed_cookies"),
                ("SECRET_KEY", "short")
            ]),
            "SECRET_KEY"
        );
        let short = config_with(&[("SECRET_KEY", "hunter2")]).unwrap_err();
        assert!(
            !short.to_string().contains("hunter2"),
            "the key is not echoed: {short}"
        );
        assert_eq!(setting(&[("SESSION_ENGINE", "redis")]), "REDIS_URL");
        assert_eq!(setting(&[("REDIS_URL", "http://x")]), "REDIS_URL");
        assert_eq!(
            setting(&[("SESSION_COOKIE_PATH", "catalog")]),
            "SESSION_COOKIE_PATH"
        );
        assert_eq!(
            setting(&[("SESSION_COOKIE_DOMAIN", "bad domain")]),
            "SESSION_COOKIE_DOMAIN"
        );
        assert_eq!(
            setting(&[("SESSION_COOKIE_HTTPONLY", "perhaps")]),
            "SESSION_COOKIE_HTTPONLY"
        );
        assert_eq!(
            setting(&[("SESSION_CACHE_SIZE", "0")]),
            "SESSION_CACHE_SIZE"
        );
        assert!(config_with(&[
            ("SESSION_COOKIE_SAMESITE", "None"),
            ("SESSION_COOKIE_SECURE", "1")
        ])
        .is_ok());
    }

    #[test]
    fn the_file_engine_defaults_next_to_the_database() {
        let s = config_with(&[(
            "DATABASE_URL",
            "sqlite:///var/lib/library/db.sqlite?mode=rwc",
        )])
        .unwrap()
        .session;
        assert_eq!(s.file_path, PathBuf::from("/var/lib/library/sessions"));
    }

    #[test]
    fn trusted_proxies_are_ip_addresses() {
        let config = config_with(&[("TRUSTED_PROXIES", "10.0.0.1, ::1")]).unwrap();
        assert_eq!(config.trusted_proxies.len(), 2);
        let err = config_with(&[("TRUSTED_PROXIES", "10.0.0.1,proxy.local")]).unwrap_err();
        assert_eq!(err.setting, "TRUSTED_PROXIES");
        assert!(err.reason.contains("proxy.local"), "{err}");
        assert_eq!(
            config_with(&[("REGISTRATION_RATE_LIMIT", "lots")])
                .unwrap_err()
                .setting,
            "REGISTRATION_RATE_LIMIT"
        );
        assert_eq!(
            config_with(&[("DATABASE_TIMEOUT", "0")])
                .unwrap_err()
                .setting,
            "DATABASE_TIMEOUT"
        );
    }

    #[test]
    fn nonsense_database_url_names_the_setting() {
        let err = config_with(&[("DATABASE_URL", "nonsense")]).unwrap_err();
        assert_eq!(err.setting, "DATABASE_URL");
        assert!(err.to_string().contains("DATABASE_URL=\"nonsense\""));
    }

    #[test]
    fn bad_address_and_booleans_are_refused() {
        assert_eq!(
            config_with(&[("LEPTOS_SITE_ADDR", "localhost")])
                .unwrap_err()
                .setting,
            "LEPTOS_SITE_ADDR"
        );
        assert_eq!(
            config_with(&[("SESSION_COOKIE_SECURE", "maybe")])
                .unwrap_err()
                .setting,
            "SESSION_COOKIE_SECURE"
        );
        assert_eq!(
            config_with(&[("SESSION_COOKIE_AGE", "-5")])
                .unwrap_err()
                .setting,
            "SESSION_COOKIE_AGE"
        );
        assert_eq!(
            config_with(&[("SESSION_COOKIE_NAME", "bad name;")])
                .unwrap_err()
                .setting,
            "SESSION_COOKIE_NAME"
        );
    }

    #[test]
    fn values_are_read_and_trimmed() {
        let config = config_with(&[
            ("DATABASE_URL", " sqlite:///tmp/x.db "),
            ("LEPTOS_SITE_ADDR", "127.0.0.1:0"),
            ("SESSION_COOKIE_SECURE", "TRUE"),
            ("LEPTOS_ENV", "prod"),
        ])
        .unwrap();
        assert_eq!(config.database_url, "sqlite:///tmp/x.db");
        assert_eq!(config.site_addr.port(), 0);
        assert!(config.session.cookie_secure);
        assert!(config.production);
    }
}
