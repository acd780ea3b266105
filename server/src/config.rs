//! All runtime settings in one typed struct, read from environment variables and validated at
//! start so a typo stops the server with a message naming the setting.
use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    time::Duration,
};

/// Where the database lives unless `DATABASE_URL` says otherwise.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/locallibrary.db";

/// Everything the server needs to know to start.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `DATABASE_URL`: an `sqlite:` URL; the file is created if missing.
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

/// How sessions are stored and how their cookie looks.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionConfig {
    /// `SESSION_COOKIE_NAME` (default `sessionid`, as in Django).
    pub cookie_name: String,
    /// `SESSION_COOKIE_AGE` in seconds (default two weeks).
    pub cookie_age: Duration,
    /// `SESSION_COOKIE_SECURE`: only send the cookie over HTTPS (default off for plain http).
    pub cookie_secure: bool,
    /// `SESSION_CLEANUP_INTERVAL` in seconds: how often expired sessions are deleted.
    pub cleanup_interval: Duration,
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
        Ok(Config {
            database_url: setting("DATABASE_URL", DEFAULT_DATABASE_URL).database_url()?,
            database_timeout: setting("DATABASE_TIMEOUT", "5").seconds(1)?,
            site_addr: setting("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
                .parse("a host:port such as 127.0.0.1:3000")?,
            site_root: PathBuf::from(setting("LEPTOS_SITE_ROOT", "target/site").value),
            production: setting("LEPTOS_ENV", "DEV").one_of(&[("DEV", false), ("PROD", true)])?,
            seed_on_empty: setting("LOCALLIBRARY_SEED", "true").boolean()?,
            session: SessionConfig {
                cookie_name: setting("SESSION_COOKIE_NAME", "sessionid").cookie_name()?,
                cookie_age: setting("SESSION_COOKIE_AGE", "1209600").seconds(60)?,
                cookie_secure: setting("SESSION_COOKIE_SECURE", "false").boolean()?,
                cleanup_interval: setting("SESSION_CLEANUP_INTERVAL", "3600").seconds(1)?,
            },
            trusted_proxies: setting("TRUSTED_PROXIES", "").ip_list()?,
            registration_rate_limit: setting("REGISTRATION_RATE_LIMIT", "10")
                .parse("a whole number of attempts per minute (0 turns the limit off)")?,
        })
    }
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

    fn database_url(&self) -> Result<String, ConfigError> {
        if self.value.starts_with("sqlite:") {
            Ok(self.value.clone())
        } else {
            Err(self.error(
                "expected an sqlite: URL such as sqlite://data/locallibrary.db or sqlite:///tmp/library.db",
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
