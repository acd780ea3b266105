//! The stricter durability setting, seen from inside a connection.

/// `SQLITE_SYNCHRONOUS=full`, the setting SECURITY.md offers against power loss, reaches every
/// connection of the app's pool (and the default stays `NORMAL`).
#[tokio::test]
async fn the_stricter_sync_setting_reaches_the_connections() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("sync.db").display());
    for (value, expected) in [(None, 1i64), (Some("full"), 2)] {
        let config = server::config::Config::from_lookup(|key| match key {
            "DATABASE_URL" => Some(url.clone()),
            "SQLITE_SYNCHRONOUS" => value.map(String::from),
            _ => None,
        })
        .unwrap();
        let pool = server::db::connect(&config).await.unwrap();
        let mut connections = Vec::new();
        for _ in 0..3 {
            connections.push(pool.acquire().await.unwrap());
        }
        for connection in &mut connections {
            let mode: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut **connection)
                .await
                .unwrap();
            assert_eq!(mode, expected, "SQLITE_SYNCHRONOUS={value:?}");
        }
        drop(connections);
        pool.close().await;
    }
}
