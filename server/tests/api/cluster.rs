//! The pieces a cluster stands on: probes for the balancer, `X-Instance` naming the server, and
//! servers that start together on one PostgreSQL database without seeding it twice.
use crate::helpers::{admin_url, both_databases, fresh_database, TestApp};
use sqlx::{Connection, PgConnection};

both_databases! {
    async fn probes_answer_without_a_session_and_name_the_instance(builder) {
        let app = spawn!(builder.env("INSTANCE_NAME", "web-2"));
        let client = reqwest::Client::new();
        for (path, body) in [("/healthz", "ok\n"), ("/readyz", "ready\n")] {
            let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            assert!(response.headers().get("set-cookie").is_none(), "{path} sets no cookie");
            assert_eq!(response.headers()["x-instance"], "web-2");
            assert_eq!(response.text().await.unwrap(), body);
        }
        let home = client.get(format!("{}/", app.address)).send().await.unwrap();
        assert_eq!(home.headers()["x-instance"], "web-2");
    }
}

#[tokio::test]
async fn no_instance_header_unless_named() {
    let Some(app) = TestApp::builder().spawn().await else {
        return;
    };
    let response = reqwest::get(format!("{}/", app.address)).await.unwrap();
    assert!(response.headers().get("x-instance").is_none());
}

#[tokio::test]
async fn readiness_fails_while_the_database_is_away_and_health_does_not() {
    let Some(app) = TestApp::builder()
        .postgres()
        .env("DATABASE_TIMEOUT", "1")
        .spawn()
        .await
    else {
        return;
    };
    let name = app.database_url.rsplit('/').next().unwrap().to_string();
    let mut admin = PgConnection::connect(&admin_url().unwrap()).await.unwrap();
    for sql in [
        format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false"),
        format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"),
    ] {
        sqlx::query(&sql).execute(&mut admin).await.unwrap();
    }
    let client = reqwest::Client::new();
    let ready = client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 503);
    assert!(ready.text().await.unwrap().contains("database"));
    let alive = client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(alive.status(), 200);
    sqlx::query(&format!(
        "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true"
    ))
    .execute(&mut admin)
    .await
    .unwrap();
    let mut ready = 0;
    for _ in 0..30 {
        ready = client
            .get(format!("{}/readyz", app.address))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        if ready == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(ready, 200, "ready again once the database is back");
}

/// Three servers started at once on one empty database: one migrates and seeds, the others wait
/// (a PostgreSQL advisory lock) and find the catalog there.
#[tokio::test]
async fn servers_starting_together_seed_the_catalog_once() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let start = || TestApp::builder().database_url(url.clone()).spawn();
    let (a, b, c) = tokio::join!(start(), start(), start());
    let (a, _b, _c) = (a.unwrap(), b.unwrap(), c.unwrap());
    let books: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM books")
        .fetch_one(&a.pool().await)
        .await
        .unwrap();
    assert_eq!(books, 72, "the bundled catalog, once");
}
