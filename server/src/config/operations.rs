//! Settings for the people who run the site: metrics, log format, and how hard SQLite syncs.
use super::{setting::Setting, ConfigError};
use std::net::SocketAddr;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// SQLite's `synchronous` setting: what a power loss (not a crash) may take back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSync {
    /// `NORMAL`: a crash loses nothing committed; a power loss may lose the last commits.
    Normal,
    /// `FULL`: every commit waits for the disk, so a power loss loses nothing committed.
    Full,
}

/// Metrics, logs and durability.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationsConfig {
    /// `METRICS_ADDR` (default: off): where a separate listener answers `/metrics` in
    /// Prometheus's text format. Never the public port.
    pub metrics_addr: Option<SocketAddr>,
    /// `LOG_FORMAT`: `text` (default) or `json`.
    pub log_format: LogFormat,
    /// `SQLITE_SYNCHRONOUS`: `normal` (default) or `full`.
    pub sqlite_synchronous: SqliteSync,
}

impl OperationsConfig {
    /// Reads the operations settings; `site_addr` is the public listener they must not share.
    pub(super) fn from_settings(
        setting: &impl Fn(&'static str, &str) -> Setting,
        site_addr: SocketAddr,
    ) -> Result<Self, ConfigError> {
        let metrics = setting("METRICS_ADDR", "");
        let metrics_addr = match metrics.value.as_str() {
            "" | "off" => None,
            _ => {
                let addr: SocketAddr = metrics.parse("a host:port such as 127.0.0.1:9100")?;
                if addr.port() != 0 && addr.port() == site_addr.port() {
                    return Err(metrics.error(
                        "must not be the site's own port (LEPTOS_SITE_ADDR): metrics are for \
                         the operator, not the public",
                    ));
                }
                Some(addr)
            }
        };
        Ok(Self {
            metrics_addr,
            log_format: log_format(&setting("LOG_FORMAT", "text"))?,
            sqlite_synchronous: setting("SQLITE_SYNCHRONOUS", "normal")
                .one_of(&[("normal", SqliteSync::Normal), ("full", SqliteSync::Full)])?,
        })
    }
}

fn log_format(setting: &Setting) -> Result<LogFormat, ConfigError> {
    setting.one_of(&[("text", LogFormat::Text), ("json", LogFormat::Json)])
}

/// `LOG_FORMAT` read on its own, before the rest of the configuration (logging starts first);
/// a bad value is reported again, with every other setting, by [`super::Config::from_env`].
pub fn log_format_from_env() -> LogFormat {
    let value = std::env::var("LOG_FORMAT").unwrap_or_default();
    log_format(&Setting {
        name: "LOG_FORMAT",
        value: value.trim().to_string(),
    })
    .unwrap_or(LogFormat::Text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn config_with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|key| {
            vars.iter()
                .find(|(name, _)| *name == key)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn operations_settings_are_checked_and_metrics_stay_off_the_public_port() {
        let defaults = config_with(&[]).unwrap().operations;
        assert_eq!(
            defaults.metrics_addr, None,
            "metrics are off unless asked for"
        );
        assert_eq!(defaults.log_format, LogFormat::Text);
        assert_eq!(defaults.sqlite_synchronous, SqliteSync::Normal);
        let on = config_with(&[
            ("METRICS_ADDR", "127.0.0.1:9100"),
            ("LOG_FORMAT", "JSON"),
            ("SQLITE_SYNCHRONOUS", "full"),
        ])
        .unwrap()
        .operations;
        assert_eq!(on.metrics_addr, Some("127.0.0.1:9100".parse().unwrap()));
        assert_eq!(on.log_format, LogFormat::Json);
        assert_eq!(on.sqlite_synchronous, SqliteSync::Full);
        for (setting, value) in [
            ("METRICS_ADDR", "everywhere"),
            ("LOG_FORMAT", "xml"),
            ("SQLITE_SYNCHRONOUS", "sometimes"),
        ] {
            assert_eq!(
                config_with(&[(setting, value)]).unwrap_err().setting,
                setting
            );
        }
        let clash = config_with(&[
            ("LEPTOS_SITE_ADDR", "0.0.0.0:3000"),
            ("METRICS_ADDR", "127.0.0.1:3000"),
        ])
        .unwrap_err();
        assert_eq!(clash.setting, "METRICS_ADDR");
        assert!(clash.reason.contains("public"), "{clash}");
    }
}
