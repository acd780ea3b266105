//! Session expiry with every engine: browser-close cookies, two-week cookies, expired sessions
//! unreadable, and `clearsessions` deleting them (or saying why it need not).
use super::{
    engine_suite,
    support::{get_with_cookie, has_max_age, new_session_cookie, sentence, session_cookie},
};
use crate::helpers::{spawn, visit_sentence, TestAppBuilder};
use std::time::Duration;

async fn browser_close_expiry_has_no_max_age(builder: TestAppBuilder) {
    let app = spawn!(builder
        .clone()
        .env("SESSION_EXPIRE_AT_BROWSER_CLOSE", "true"));
    let browser = app.browser();
    let (_, headers, _) = app.start_session(&browser).await;
    let cookie = session_cookie(&headers, "sessionid").unwrap();
    assert!(
        !cookie.contains("Max-Age") && !cookie.contains("Expires"),
        "{cookie}"
    );
    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(visit_sentence(&body).unwrap(), sentence(3));

    let app = spawn!(builder);
    let (headers, _) = new_session_cookie(&app, "sessionid").await;
    let cookie = session_cookie(&headers, "sessionid").unwrap();
    assert!(has_max_age(&cookie, 1_209_600), "{cookie}");
}

async fn expired_sessions_are_unreadable_and_cleared(builder: TestAppBuilder) {
    let app = spawn!(builder.env("SESSION_COOKIE_AGE", "1"));
    let (_, first) = new_session_cookie(&app, "sessionid").await;
    new_session_cookie(&app, "sessionid").await;
    tokio::time::sleep(Duration::from_millis(2200)).await;

    let (status, _, body) = get_with_cookie(&app, "/", Some(&first)).await;
    assert_eq!(status, 200);
    assert_eq!(
        visit_sentence(&body).unwrap(),
        sentence(1),
        "an expired session is not read"
    );

    // The same settings (database, engine, session database) as the server.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .arg("clearsessions")
        .envs(app.settings().iter().cloned())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let engine = app
        .settings()
        .iter()
        .rfind(|(key, _)| key == "SESSION_ENGINE")
        .map(|(_, engine)| engine.as_str());
    match engine {
        Some("signed_cookies") => {
            assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
            assert!(
                stderr.contains("doesn't support clearing expired sessions"),
                "{stderr}"
            );
        }
        // `cache` also stands for the cache on Redis.
        Some("cache" | "redis") => {
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

engine_suite!(
    browser_close_expiry_has_no_max_age,
    expired_sessions_are_unreadable_and_cleared
);
