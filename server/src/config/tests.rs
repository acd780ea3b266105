//! Unit tests for reading and validating the settings.
use super::*;
use std::{collections::HashMap, path::PathBuf, time::Duration};

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
    assert_eq!(config.page_cache_bytes, 8 * 1024 * 1024);
}

#[test]
fn the_page_cache_is_sized_in_megabytes_and_zero_turns_it_off() {
    let config = config_with(&[("PAGE_CACHE_MB", "0")]).unwrap();
    assert_eq!(config.page_cache_bytes, 0);
    let err = config_with(&[("PAGE_CACHE_MB", "-3")]).unwrap_err();
    assert_eq!(err.setting, "PAGE_CACHE_MB");
    assert!(err.reason.contains("megabytes"), "{err}");
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

#[test]
fn database_max_connections_defaults_to_eight_and_refuses_zero() {
    assert_eq!(config_with(&[]).unwrap().database_max_connections, 8);
    let config = config_with(&[("DATABASE_MAX_CONNECTIONS", " 32 ")]).unwrap();
    assert_eq!(config.database_max_connections, 32);
    for bad in ["0", "-1", "lots"] {
        let err = config_with(&[("DATABASE_MAX_CONNECTIONS", bad)]).unwrap_err();
        assert_eq!(err.setting, "DATABASE_MAX_CONNECTIONS", "{bad}");
        assert!(
            err.to_string().contains("DATABASE_MAX_CONNECTIONS="),
            "{err}"
        );
    }
}

#[test]
fn the_secret_key_is_kept_but_never_printed() {
    let key = "0123456789abcdef0123456789abcdef-very-secret";
    let config = config_with(&[("SESSION_ENGINE", "signed_cookies"), ("SECRET_KEY", key)]).unwrap();
    let secret = config.session.secret_key.as_ref().unwrap();
    assert_eq!(secret.expose(), key);
    assert_eq!(format!("{secret}"), "[redacted]");
    assert_eq!(format!("{secret:?}"), "[redacted]");
    let debug = format!("{config:?}");
    assert!(!debug.contains(key), "the key leaked: {debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
    let pretty = format!("{config:#?}");
    assert!(!pretty.contains(key), "the key leaked: {pretty}");
}

#[test]
fn rejected_urls_never_echo_their_password() {
    for (setting, value) in [
        ("DATABASE_URL", "mysql://app:s3cretpw@db.example/library"),
        (
            "SESSION_DATABASE_URL",
            "mysql://app:s3cretpw@db.example/sessions",
        ),
        ("REDIS_URL", "http://app:s3cretpw@cache.example/0"),
    ] {
        let err = config_with(&[(setting, value)]).unwrap_err();
        assert_eq!(err.setting, setting);
        assert!(!err.to_string().contains("s3cretpw"), "{err}");
        assert!(
            err.to_string().contains("db.example") || err.to_string().contains("cache.example")
        );
    }
}

#[test]
fn connection_limits_default_and_refuse_nonsense() {
    let limits = config_with(&[]).unwrap().connections;
    assert_eq!(limits.header_read_timeout, Duration::from_secs(10));
    assert_eq!(limits.max_connections, 4096);
    assert_eq!(limits.shutdown_timeout, Duration::from_secs(30));
    assert_eq!(limits.shutdown_drain, Duration::from_secs(1));
    let no_drain = config_with(&[("SHUTDOWN_DRAIN", "0")]).unwrap();
    assert_eq!(no_drain.connections.shutdown_drain, Duration::ZERO);
    for (setting, value) in [
        ("HEADER_READ_TIMEOUT", "0"),
        ("MAX_CONNECTIONS", "0"),
        ("MAX_CONNECTIONS", "many"),
        ("SHUTDOWN_TIMEOUT", "-1"),
        ("SHUTDOWN_DRAIN", "soon"),
    ] {
        assert_eq!(
            config_with(&[(setting, value)]).unwrap_err().setting,
            setting
        );
    }
}
