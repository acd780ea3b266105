//! A flood of cookie-less visitors: memory stays flat and expired sessions are cleaned away.
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
    // Sessions live in the database, not in memory: growth stays small and below the cap.
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
    async fn expired_sessions_and_stale_counters_are_deleted_in_the_background(builder) {
        let app = spawn!(builder.env("SESSION_CLEANUP_INTERVAL", "1"));
        let sessions = if app.is_postgres() {
            "tower_sessions.session"
        } else {
            "tower_sessions"
        };
        flood(&app.address, 50, 4).await;
        let pool = app.pool().await;
        let count = |table: &str| {
            let (pool, sql) = (pool.clone(), format!("SELECT COUNT(*) FROM {table}"));
            async move {
                sqlx::query_scalar::<_, i64>(&sql)
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        };
        assert_eq!(count(sessions).await, 50);
        assert_eq!(count("visit_counters").await, 50);

        // Age everything past its expiry, as two weeks without a visit would.
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
            left = (count(sessions).await, count("visit_counters").await);
            if left == (0, 0) {
                break;
            }
        }
        assert_eq!(left, (0, 0));
    }
}
