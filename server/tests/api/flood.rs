//! A flood of cookie-less visitors stores nothing and memory stays flat; the sessions of real
//! browsers are cleaned away once they expire.
//! CI uses a few thousand requests; `bench/flood.sh` runs the full 200 000 against the release
//! build through `LOCALLIBRARY_FLOOD_REQUESTS` and `LOCALLIBRARY_BIN`.
use crate::helpers::{both_databases, TestApp};
use std::time::Duration;
use tokio::task::JoinSet;

/// Sends `total` cookie-less home-page requests, `parallel` at a time.
async fn flood(address: &str, total: usize, parallel: usize) {
    let client = reqwest::Client::new();
    let mut running = JoinSet::new();
    for i in 0..total {
        if i >= parallel {
            let status = running.join_next().await.unwrap().unwrap();
            assert_eq!(status, 200);
        }
        let (client, url) = (client.clone(), format!("{address}/"));
        running.spawn(async move { client.get(url).send().await.unwrap().status() });
    }
    while let Some(status) = running.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
}

/// `count` browsers that keep cookies, each visiting the home page twice (the second visit is
/// the one that stores a session).
async fn returning_visitors(address: &str, count: usize) {
    for _ in 0..count {
        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        for _ in 0..2 {
            let response = browser.get(format!("{address}/")).send().await.unwrap();
            assert_eq!(response.status(), 200);
        }
    }
}

/// Rows in `table` of the app's database.
async fn rows(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&app.pool().await)
        .await
        .unwrap()
}

fn sessions_table(app: &TestApp) -> &'static str {
    if app.is_postgres() {
        "tower_sessions.session"
    } else {
        "tower_sessions"
    }
}

/// The documented ceiling for the server's resident memory after a flood (SECURITY.md).
const RSS_CAP_MIB: u64 = 256;

/// SQLite-only: it reads the growth of the database file (and `bench/flood.sh` runs it by name).
#[tokio::test]
async fn cookie_less_flood_keeps_memory_flat() {
    let requests: usize = std::env::var("LOCALLIBRARY_FLOOD_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4000);
    let dir = tempfile::tempdir().unwrap();
    let server = TestApp::builder()
        .database_file(dir.path().join("library.db"), None)
        .spawn_process()
        .await
        .unwrap();
    flood(&server.address, 500, 8).await;
    let warmed = server.rss_kib();
    let started = std::time::Instant::now();
    flood(&server.address, requests, 16).await;
    let after = server.rss_kib();
    let sessions_db = std::fs::metadata(dir.path().join("library.db"))
        .unwrap()
        .len()
        + std::fs::metadata(dir.path().join("library.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "flood: {requests} cookie-less requests in {:.1?}; RSS {} MiB -> {} MiB; database {} MiB",
        started.elapsed(),
        warmed / 1024,
        after / 1024,
        sessions_db / (1024 * 1024)
    );
    // Not one of those clients sent a cookie back, so none of them left a row behind.
    let db = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}?mode=ro",
        dir.path().join("library.db").display()
    ))
    .await
    .unwrap();
    for table in ["tower_sessions", "visit_counters"] {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&db)
            .await
            .unwrap();
        assert_eq!(rows, 0, "{table} after {requests} cookie-less requests");
    }
    // Memory stays flat too: growth stays small and below the cap.
    assert!(
        after < warmed + 48 * 1024,
        "RSS grew from {warmed} KiB to {after} KiB"
    );
    assert!(
        after < RSS_CAP_MIB * 1024,
        "RSS {after} KiB is over the cap"
    );
}

both_databases! {
    async fn clients_that_never_return_a_cookie_store_nothing(builder) {
        let app = spawn!(builder);
        flood(&app.address, 2000, 16).await;
        // Other pages, and the server functions a hydrated home page calls, store nothing either.
        let client = reqwest::Client::new();
        for path in ["/catalog/books", "/session", "/register"] {
            let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
        }
        for function in ["visits/record", "registration/session", "visits/cookie-check"] {
            let response = client
                .post(format!("{}/api/{function}", app.address))
                .header("content-type", "application/x-www-form-urlencoded")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{function}");
        }
        assert_eq!(rows(&app, sessions_table(&app)).await, 0, "sessions");
        assert_eq!(rows(&app, "visit_counters").await, 0, "visit counters");
    }

    async fn expired_sessions_and_stale_counters_are_deleted_in_the_background(builder) {
        let app = spawn!(builder.env("SESSION_CLEANUP_INTERVAL", "1"));
        let sessions = sessions_table(&app);
        returning_visitors(&app.address, 30).await;
        assert_eq!(rows(&app, sessions).await, 30);
        assert_eq!(rows(&app, "visit_counters").await, 30);

        // Age everything past its expiry, as two weeks without a visit would.
        let pool = app.pool().await;
        sqlx::query(&format!(
            "UPDATE {sessions} SET expiry_date = '2000-01-01 00:00:00'"
        ))
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query("UPDATE visit_counters SET last_visit = last_visit - 30 * 86400")
            .execute(&pool)
            .await
            .unwrap();

        let mut left = (1, 1);
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            left = (rows(&app, sessions).await, rows(&app, "visit_counters").await);
            if left == (0, 0) {
                break;
            }
        }
        assert_eq!(left, (0, 0));
    }
}
