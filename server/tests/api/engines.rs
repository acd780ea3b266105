//! One suite for every session engine (like tower-sessions' own `route_tests!`): each case runs
//! against db, file, cache, cached_db, signed_cookies and redis, and db / cached_db on
//! PostgreSQL, with the same expectations.
//!
//! Redis and PostgreSQL run for real: `make test` starts local servers (scripts/services.sh) and
//! sets `LOCALLIBRARY_TEST_REDIS_URL` / `LOCALLIBRARY_TEST_POSTGRES_URL`; without them (a bare
//! `cargo test`) those cases say so and pass.
use crate::helpers::{fresh_database, spawn_app_on, visit_sentence, TestApp};
use reqwest::{header::HeaderMap, Client};
use std::time::Duration;

/// A 64-character key for the signed-cookie engine in tests.
pub const TEST_SECRET_KEY: &str =
    "test-secret-key-0123456789abcdef-test-secret-key-0123456789abcdef";

/// The settings that select `engine`, or `None` when its server is not available here.
/// `postgres` and `cached_postgres` are the `db` and `cached_db` engines on PostgreSQL.
pub async fn engine_settings(engine: &str) -> Option<Vec<(String, String)>> {
    let engine_name = match engine {
        "postgres" => "db",
        "cached_postgres" => "cached_db",
        "cache_on_redis" => "cache",
        other => other,
    };
    let mut settings = vec![("SESSION_ENGINE".to_string(), engine_name.to_string())];
    match engine {
        // A database of its own, as `clearsessions` would clear a shared one's other tests.
        "postgres" | "cached_postgres" => {
            settings.push(("SESSION_DATABASE_URL".into(), fresh_database().await?))
        }
        "signed_cookies" => settings.push(("SECRET_KEY".into(), TEST_SECRET_KEY.into())),
        "redis" | "cache_on_redis" => match std::env::var("LOCALLIBRARY_TEST_REDIS_URL") {
            Ok(url) => settings.push(("REDIS_URL".into(), url)),
            Err(_) => {
                eprintln!("LOCALLIBRARY_TEST_REDIS_URL is not set: skipping the redis engine (make test sets it)");
                return None;
            }
        },
        _ => {}
    }
    Some(settings)
}

/// Starts a server using `engine` plus `extra` settings.
async fn start(engine: &str, extra: &[(&str, &str)]) -> Option<TestApp> {
    Some(start_with_settings(engine, extra).await?.0)
}

/// Like [`start`], also returning the settings the server got.
async fn start_with_settings(
    engine: &str,
    extra: &[(&str, &str)],
) -> Option<(TestApp, Vec<(String, String)>)> {
    let mut settings = engine_settings(engine).await?;
    settings.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let pairs: Vec<(&str, &str)> = settings
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("library.db");
    Some((spawn_app_on(db_path, Some(dir), &pairs).await, settings))
}

/// The `Set-Cookie` for the session cookie called `name`, if the response has one.
fn session_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

/// Whether `set_cookie` has a Max-Age of `age` seconds (the cookie engine counts from the
/// record's expiry, so it may be a second less).
fn has_max_age(set_cookie: &str, age: u64) -> bool {
    set_cookie
        .split(';')
        .filter_map(|a| a.trim().strip_prefix("Max-Age="))
        .filter_map(|n| n.parse::<u64>().ok())
        .any(|n| n == age || n + 1 == age)
}

/// The value part of a `Set-Cookie` line.
fn cookie_value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

/// A GET with an explicit Cookie header (or none), bypassing any cookie jar.
async fn get_with_cookie(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
) -> (u16, HeaderMap, String) {
    let mut request = Client::new().get(format!("{}{path}", app.address));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, headers, response.text().await.unwrap())
}

fn sentence(n: u32) -> String {
    format!(
        "You have visited this page {n} {}.",
        if n == 1 { "time" } else { "times" }
    )
}

async fn counter_increments(engine: &str) {
    let Some(app) = start(engine, &[]).await else {
        return;
    };
    let browser = app.browser();
    for n in 1..=3 {
        let (status, _, body) = app.get(&browser, "/").await;
        assert_eq!(status, 200);
        assert_eq!(visit_sentence(&body).unwrap(), sentence(n));
    }
    let (_, _, body) = app.get(&app.browser(), "/").await;
    assert_eq!(
        visit_sentence(&body).unwrap(),
        sentence(1),
        "a second browser"
    );
}

async fn concurrent_visits_are_exact(engine: &str) {
    let Some(app) = start(engine, &[]).await else {
        return;
    };
    let browser = app.browser();
    app.get(&browser, "/").await;
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let (browser, url) = (browser.clone(), format!("{}/", app.address));
        requests.spawn(async move { browser.get(url).send().await.unwrap().status() });
    }
    while let Some(status) = requests.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(visit_sentence(&body).unwrap(), sentence(42));
}

async fn cookie_attributes_follow_the_settings(engine: &str) {
    let Some(app) = start(
        engine,
        &[
            ("SESSION_COOKIE_NAME", "libsid"),
            ("SESSION_COOKIE_DOMAIN", "library.example"),
            ("SESSION_COOKIE_PATH", "/"),
            ("SESSION_COOKIE_SECURE", "true"),
            ("SESSION_COOKIE_HTTPONLY", "false"),
            ("SESSION_COOKIE_SAMESITE", "Strict"),
            ("SESSION_COOKIE_AGE", "3600"),
        ],
    )
    .await
    else {
        return;
    };
    let (_, headers, _) = get_with_cookie(&app, "/", None).await;
    let cookie = session_cookie(&headers, "libsid").expect("a libsid cookie");
    for attribute in [
        "Domain=library.example",
        "Path=/",
        "Secure",
        "SameSite=Strict",
    ] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(has_max_age(&cookie, 3600), "{cookie}");
    assert!(!cookie.contains("HttpOnly"), "{cookie}");

    let Some(app) = start(
        engine,
        &[
            ("SESSION_COOKIE_SAMESITE", "None"),
            ("SESSION_COOKIE_SECURE", "true"),
        ],
    )
    .await
    else {
        return;
    };
    let (_, headers, _) = get_with_cookie(&app, "/", None).await;
    let cookie = session_cookie(&headers, "sessionid").unwrap();
    assert!(
        cookie.contains("SameSite=None") && cookie.contains("Secure"),
        "{cookie}"
    );
    assert!(cookie.contains("HttpOnly"), "{cookie}");

    let Some(app) = start(engine, &[("SESSION_COOKIE_SAMESITE", "off")]).await else {
        return;
    };
    let (_, headers, _) = get_with_cookie(&app, "/", None).await;
    let cookie = session_cookie(&headers, "sessionid").unwrap();
    assert!(!cookie.contains("SameSite"), "{cookie}");
}

async fn browser_close_expiry_has_no_max_age(engine: &str) {
    let Some(app) = start(engine, &[("SESSION_EXPIRE_AT_BROWSER_CLOSE", "true")]).await else {
        return;
    };
    let browser = app.browser();
    let (_, headers, _) = app.get(&browser, "/").await;
    let cookie = session_cookie(&headers, "sessionid").unwrap();
    assert!(
        !cookie.contains("Max-Age") && !cookie.contains("Expires"),
        "{cookie}"
    );
    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(visit_sentence(&body).unwrap(), sentence(2));

    let Some(app) = start(engine, &[]).await else {
        return;
    };
    let (_, headers, _) = get_with_cookie(&app, "/", None).await;
    let cookie = session_cookie(&headers, "sessionid").unwrap();
    assert!(has_max_age(&cookie, 1_209_600), "{cookie}");
}

async fn save_every_request_resends_the_cookie(engine: &str) {
    // Default: a page that does not change the session sends no cookie.
    let Some(app) = start(engine, &[]).await else {
        return;
    };
    let browser = app.browser();
    app.get(&browser, "/").await;
    let (_, headers, _) = app.get(&browser, "/catalog/books").await;
    assert!(session_cookie(&headers, "sessionid").is_none());

    let Some(app) = start(engine, &[("SESSION_SAVE_EVERY_REQUEST", "true")]).await else {
        return;
    };
    let browser = app.browser();
    app.get(&browser, "/").await;
    let (_, headers, _) = app.get(&browser, "/catalog/books").await;
    let cookie = session_cookie(&headers, "sessionid").expect("re-sent on every request");
    assert!(
        has_max_age(&cookie, 1_209_600),
        "the expiry slides: {cookie}"
    );
    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(visit_sentence(&body).unwrap(), sentence(2));
}

async fn rotation_keeps_the_data(engine: &str) {
    let Some(app) = start(engine, &[]).await else {
        return;
    };
    let browser = app.browser();
    let (_, headers, _) = app.get(&browser, "/").await;
    let before = cookie_value(&session_cookie(&headers, "sessionid").unwrap());
    let response = browser
        .post(format!("{}/register", app.address))
        .form(&[
            ("name", "Ada"),
            ("email", "ada@example.com"),
            ("remember", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let after = cookie_value(&session_cookie(response.headers(), "sessionid").unwrap());
    assert_ne!(before, after, "a new id after registering");
    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(visit_sentence(&body).unwrap(), sentence(2));
    assert!(body.contains("Ada"), "still greeted");
}

async fn flush_deletes_the_session_and_its_cookie(engine: &str) {
    let Some(app) = start(engine, &[]).await else {
        return;
    };
    let browser = app.browser();
    let (_, headers, _) = app.get(&browser, "/").await;
    let old = cookie_value(&session_cookie(&headers, "sessionid").unwrap());
    let response = browser
        .post(format!("{}/api/registration/forget-all", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let removal = session_cookie(response.headers(), "sessionid").expect("a removal cookie");
    assert!(
        removal.contains("Max-Age=0") || removal.contains("1970"),
        "{removal}"
    );
    // Even a copy of the old cookie finds nothing any more.
    let (status, _, body) = get_with_cookie(&app, "/", Some(&old)).await;
    assert_eq!(status, 200);
    assert_eq!(visit_sentence(&body).unwrap(), sentence(1));
}

async fn bogus_tampered_and_oversized_cookies_start_fresh(engine: &str) {
    let Some(app) = start(engine, &[]).await else {
        return;
    };
    let (_, headers, _) = get_with_cookie(&app, "/", None).await;
    let real = cookie_value(&session_cookie(&headers, "sessionid").unwrap());
    let value = real.trim_start_matches("sessionid=");
    let mut tampered = value.to_string().into_bytes();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    for cookie in [
        format!("sessionid={tampered}"),
        format!("sessionid={}", &value[..value.len() / 2]),
        format!("sessionid={}", "A".repeat(8 * 1024)),
        "sessionid=AAAAAAAAAAAAAAAAAAAAAA".to_string(),
        "sessionid=%00%ff".to_string(),
    ] {
        let (status, _, body) = get_with_cookie(&app, "/", Some(&cookie)).await;
        assert_eq!(status, 200, "{cookie:.40}");
        assert_eq!(visit_sentence(&body).unwrap(), sentence(1), "{cookie:.40}");
    }
}

async fn expired_sessions_are_unreadable_and_cleared(engine: &str) {
    let Some((app, mut settings)) =
        start_with_settings(engine, &[("SESSION_COOKIE_AGE", "1")]).await
    else {
        return;
    };
    let (_, headers, _) = get_with_cookie(&app, "/", None).await;
    let first = cookie_value(&session_cookie(&headers, "sessionid").unwrap());
    get_with_cookie(&app, "/", None).await;
    tokio::time::sleep(Duration::from_millis(2200)).await;
    let (status, _, body) = get_with_cookie(&app, "/", Some(&first)).await;
    assert_eq!(status, 200);
    assert_eq!(
        visit_sentence(&body).unwrap(),
        sentence(1),
        "an expired session is not read"
    );

    settings.push((
        "DATABASE_URL".into(),
        format!("sqlite://{}", app.db_path.display()),
    ));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .arg("clearsessions")
        .envs(settings)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    match engine {
        "signed_cookies" => {
            assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
            assert!(
                stderr.contains("doesn't support clearing expired sessions"),
                "{stderr}"
            );
        }
        "cache" | "redis" | "cache_on_redis" => {
            assert!(output.status.success(), "{stderr}");
            assert!(
                stdout.contains("expires sessions itself")
                    || stdout.contains("expires them itself"),
                "{stdout}"
            );
        }
        _ => {
            assert!(output.status.success(), "{stderr}");
            let deleted: u64 = stdout
                .split_whitespace()
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{stdout}"));
            assert!(deleted >= 1, "{stdout}");
        }
    }
}

macro_rules! engine_suite {
    ($($engine:ident),* $(,)?) => {$(
        mod $engine {
            const ENGINE: &str = stringify!($engine);

            #[tokio::test]
            async fn counter_increments() {
                super::counter_increments(ENGINE).await
            }

            #[tokio::test]
            async fn concurrent_visits_are_exact() {
                super::concurrent_visits_are_exact(ENGINE).await
            }

            #[tokio::test]
            async fn cookie_attributes_follow_the_settings() {
                super::cookie_attributes_follow_the_settings(ENGINE).await
            }

            #[tokio::test]
            async fn browser_close_expiry_has_no_max_age() {
                super::browser_close_expiry_has_no_max_age(ENGINE).await
            }

            #[tokio::test]
            async fn save_every_request_resends_the_cookie() {
                super::save_every_request_resends_the_cookie(ENGINE).await
            }

            #[tokio::test]
            async fn rotation_keeps_the_data() {
                super::rotation_keeps_the_data(ENGINE).await
            }

            #[tokio::test]
            async fn flush_deletes_the_session_and_its_cookie() {
                super::flush_deletes_the_session_and_its_cookie(ENGINE).await
            }

            #[tokio::test]
            async fn bogus_tampered_and_oversized_cookies_start_fresh() {
                super::bogus_tampered_and_oversized_cookies_start_fresh(ENGINE).await
            }

            #[tokio::test]
            async fn expired_sessions_are_unreadable_and_cleared() {
                super::expired_sessions_are_unreadable_and_cleared(ENGINE).await
            }
        }
    )*};
}

engine_suite!(
    db,
    file,
    cache,
    cached_db,
    signed_cookies,
    redis,
    postgres,
    cached_postgres,
    cache_on_redis
);
