//! A database that cannot take writes: a friendly 503 within the timeout, nothing half-stored,
//! and recovery without a restart. SQLite-only: it holds the database file's write lock
//! (PostgreSQL's outage is in `postgres_app.rs`).
use crate::helpers::{profile_count, visit_sentence, TestApp, WriteLock};
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_locked_database_gives_503_quickly_and_recovers_by_itself() {
    let app = TestApp::builder()
        .env("DATABASE_TIMEOUT", "1")
        .spawn()
        .await
        .unwrap();
    let browser = app.browser();
    app.start_session(&browser).await;

    let lock = WriteLock::take(&app.db_path()).await;
    let started = Instant::now();
    let (status, _, body) = app.get(&browser, "/").await;
    assert_eq!(status, 503);
    assert!(body.contains("temporarily unavailable"), "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );

    // A visitor with no session yet needs no write: the first visit is counted in a cookie.
    let (status, headers, body) = app.get(&app.browser(), "/").await;
    assert_eq!(status, 200);
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 1 time."
    );
    assert!(
        headers
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("sessionid=")),
        "{headers:?}"
    );

    // Registering cannot half-succeed.
    let response = browser
        .post(format!("{}/api/registration/register", app.address))
        .form(&[("name", "Ada"), ("email", "ada@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert!(response.text().await.unwrap().contains("Unavailable"));

    // Reading the catalog does not need the write lock: it keeps working.
    let (status, _, _) = app.get(&browser, "/catalog/books").await;
    assert_eq!(status, 200);

    lock.release().await;
    let (status, _, body) = app.get(&browser, "/").await;
    assert_eq!(status, 200);
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 3 times.",
        "failed visits are not counted, and the session survived"
    );
    assert_eq!(profile_count(&app).await, 0);
}
