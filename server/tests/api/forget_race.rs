//! "Forget everything" against a request that loaded the same session before it and saves it
//! after it: the deleted session must stay deleted, on every engine that stores sessions on the
//! server. (With `signed_cookies` the session is the cookie itself, and a response that arrives
//! later sets it again; SECURITY.md says so.)
use crate::helpers::{registered_browser, TestApp};
use sqlx::{Connection, PgConnection};
use std::time::Duration;

/// A slow request (its book query waits on a locked table) loads the session, "Forget
/// everything" deletes it meanwhile, then the slow request ends and saves what it loaded
/// (`SESSION_SAVE_EVERY_REQUEST` makes every request save).
async fn a_slow_request_does_not_bring_a_forgotten_session_back(engine: &str) {
    let Some(app) = TestApp::builder()
        .postgres()
        .engine(engine)
        .env("SESSION_SAVE_EVERY_REQUEST", "true")
        .env("DATABASE_TIMEOUT", "10")
        .spawn()
        .await
    else {
        return;
    };
    let browser = registered_browser(&app.address, "Ada Lovelace").await;
    let visitor = || async {
        browser
            .post(format!("{}/api/registration/visitor", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    assert!(visitor().await.contains("Ada Lovelace"));

    let mut locker = PgConnection::connect(&app.database_url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut locker).await.unwrap();
    sqlx::query("LOCK TABLE books IN ACCESS EXCLUSIVE MODE")
        .execute(&mut locker)
        .await
        .unwrap();
    let slow = tokio::spawn({
        let (browser, url) = (browser.clone(), format!("{}/catalog/books", app.address));
        async move { browser.get(url).send().await.unwrap().status() }
    });
    // Long enough for the slow request to have read the session and reached the books.
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(!slow.is_finished(), "the books query should be waiting");

    let forget = browser
        .post(format!("{}/api/registration/forget-all", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(forget.status(), 200);
    sqlx::query("ROLLBACK").execute(&mut locker).await.unwrap();
    assert_eq!(slow.await.unwrap(), 200);

    // The slow response named the old session id again; the server must not know it.
    assert_eq!(visitor().await, "null", "the forgotten session came back");
}

macro_rules! engines {
    ($($engine:ident),*) => {
        $(#[tokio::test]
        async fn $engine() {
            a_slow_request_does_not_bring_a_forgotten_session_back(stringify!($engine)).await
        })*
    };
}

engines!(db, file, cache, cached_db, redis, postgres, cached_postgres);
