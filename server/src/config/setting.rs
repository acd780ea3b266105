//! Turning one raw environment value into a typed one, with an error that names the setting.
use std::{net::IpAddr, time::Duration};

use super::{ConfigError, SessionEngine};

/// One raw environment value on its way to a typed setting.
pub(super) struct Setting {
    pub(super) name: &'static str,
    pub(super) value: String,
}

impl Setting {
    pub(super) fn error(&self, reason: impl Into<String>) -> ConfigError {
        // A rejected URL may still carry a real password: it is never echoed.
        let value = if self.name.ends_with("_URL") {
            super::redact_url(&self.value)
        } else {
            self.value.clone()
        };
        ConfigError {
            setting: self.name,
            value,
            reason: reason.into(),
        }
    }

    pub(super) fn parse<T: std::str::FromStr>(&self, expected: &str) -> Result<T, ConfigError> {
        self.value
            .parse()
            .map_err(|_| self.error(format!("expected {expected}")))
    }

    pub(super) fn one_of<T: Copy>(&self, allowed: &[(&str, T)]) -> Result<T, ConfigError> {
        allowed
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&self.value))
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                let names: Vec<_> = allowed.iter().map(|(n, _)| *n).collect();
                self.error(format!("expected one of {}", names.join(", ")))
            })
    }

    pub(super) fn boolean(&self) -> Result<bool, ConfigError> {
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

    pub(super) fn seconds(&self, minimum: u64) -> Result<Duration, ConfigError> {
        let secs: u64 = self.parse("a whole number of seconds")?;
        if secs < minimum {
            return Err(self.error(format!("must be at least {minimum} seconds")));
        }
        Ok(Duration::from_secs(secs))
    }

    pub(super) fn cookie_name(&self) -> Result<String, ConfigError> {
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

    pub(super) fn ip_list(&self) -> Result<Vec<IpAddr>, ConfigError> {
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

    pub(super) fn engine(&self) -> Result<SessionEngine, ConfigError> {
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

    pub(super) fn cookie_domain(&self) -> Result<Option<String>, ConfigError> {
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

    pub(super) fn cookie_path(&self) -> Result<String, ConfigError> {
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

    pub(super) fn database_url(&self) -> Result<String, ConfigError> {
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
