//! The pieces a cluster stands on: probes for the balancer, `X-Instance` naming the server, and
//! servers that start together on one PostgreSQL database without seeding it twice.
use crate::helpers::{admin_url, both_databases, fresh_database, visit_sentence, TestApp};
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

/// The number in a home page's visit sentence.
fn count_in(body: &str) -> u64 {
    let sentence = visit_sentence(body).expect("a visit sentence");
    sentence
        .split_whitespace()
        .find_map(|word| word.parse().ok())
        .unwrap_or_else(|| panic!("no number in {sentence:?}"))
}

/// One home view with `request_id` in `X-Request-Id`, as nginx sends it; returns its count.
async fn view(app: &TestApp, browser: &reqwest::Client, request_id: Option<&str>) -> u64 {
    view_at(&app.address, browser, request_id).await
}

async fn view_at(address: &str, browser: &reqwest::Client, request_id: Option<&str>) -> u64 {
    let mut request = browser.get(format!("{address}/"));
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    count_in(&response.text().await.unwrap())
}

both_databases! {
    async fn a_view_the_proxy_sends_again_keeps_its_first_count(builder) {
        let app = spawn!(builder.env("TRUSTED_PROXIES", "127.0.0.1"));
        let browser = app.browser();
        app.start_session(&browser).await;
        assert_eq!(view(&app, &browser, Some("4f1c0e8a")).await, 3);
        assert_eq!(view(&app, &browser, Some("4f1c0e8a")).await, 3, "the retry is the same view");
        assert_eq!(view(&app, &browser, Some("9d2b7c61")).await, 4);
        assert_eq!(view(&app, &browser, None).await, 5);

        // Twenty copies of one request at once (batched together or racing each other): one view.
        let mut copies = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let (address, browser) = (app.address.clone(), browser.clone());
            copies.spawn(async move { view_at(&address, &browser, Some("77aa00ff")).await });
        }
        let counts = copies.join_all().await;
        assert_eq!(counts, vec![6; 20]);
        assert_eq!(view(&app, &browser, None).await, 7);

        // An id the proxy gave another visitor's view does not stand for this visitor's.
        let other = app.browser();
        app.start_session(&other).await;
        assert_eq!(view(&app, &other, Some("4f1c0e8a")).await, 3);
        assert_eq!(view(&app, &browser, None).await, 8);
    }

    async fn a_client_cannot_name_its_own_request(builder) {
        // No TRUSTED_PROXIES: the header comes from the client, and every view counts.
        let app = spawn!(builder);
        let browser = app.browser();
        app.start_session(&browser).await;
        assert_eq!(view(&app, &browser, Some("same")).await, 3);
        assert_eq!(view(&app, &browser, Some("same")).await, 4);
    }
}

/// The case the ids are for: the server that counted a view died before answering, and nginx
/// sent the request to another server sharing the database.
#[tokio::test]
async fn a_retry_on_another_server_keeps_the_first_count() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let start = || {
        TestApp::builder()
            .database_url(url.clone())
            .env("SESSION_ENGINE", "db")
            .env("TRUSTED_PROXIES", "127.0.0.1")
            .spawn()
    };
    let (first, second) = tokio::join!(start(), start());
    let (first, second) = (first.unwrap(), second.unwrap());
    let browser = first.browser();
    first.start_session(&browser).await;
    assert_eq!(view(&first, &browser, Some("c0ffee01")).await, 3);
    assert_eq!(view(&second, &browser, Some("c0ffee01")).await, 3);
    assert_eq!(view(&second, &browser, Some("c0ffee02")).await, 4);
}

/// The login lockout counts failures on every server sharing the database: three wrong
/// passwords on one server and two on another lock the account from that client on both. With
/// each server counting its own, three servers allowed fifteen tries.
#[tokio::test]
async fn failed_logins_on_any_server_count_towards_one_lockout() {
    use crate::accounts::support::{log_in, user, PASSWORD};
    let Some(url) = fresh_database().await else {
        return;
    };
    let start = || TestApp::builder().database_url(url.clone()).spawn();
    let (first, second) = tokio::join!(start(), start());
    let (first, second) = (first.unwrap(), second.unwrap());
    user(&first, "ada");
    for (app, tries) in [(&first, 3), (&second, 2)] {
        for _ in 0..tries {
            let (status, _) = log_in(app, &reqwest::Client::new(), "ada", "wrong password!").await;
            assert_eq!(status, 400);
        }
    }
    for app in [&first, &second] {
        let (status, body) = log_in(app, &reqwest::Client::new(), "ada", PASSWORD).await;
        assert_eq!(status, 429, "locked on {}: {body}", app.address);
    }
}
