//! PostgreSQL-only cases (`DATABASE_URL=postgres://…`): sessions stored in PostgreSQL, every
//! connection released when a server stops, the CLI's migrate / seed / clearsessions, and an
//! outage, each on a fresh database of the server that `make test` starts. Everything else runs
//! on both databases through `both_databases!`. Without `LOCALLIBRARY_TEST_POSTGRES_URL` these
//! tests say so and pass.
use crate::helpers::{
    admin_url, fresh_database, registered_browser, spawn, visit_sentence, TestApp,
};
use sqlx::{Connection, PgConnection, PgPool};

#[tokio::test]
async fn counter_registration_and_sessions_live_in_postgres() {
    let app = spawn!(TestApp::builder().postgres());
    let url = app.database_url.clone();
    let browser = registered_browser(&app.address, "Ada Lovelace").await;
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
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 42 times."
    );
    assert!(body.contains("Ada Lovelace"));

    let pg = PgPool::connect(&url).await.unwrap();
    let profiles: Vec<(String, String)> = sqlx::query_as("SELECT email, name FROM user_profiles")
        .fetch_all(&pg)
        .await
        .unwrap();
    assert_eq!(
        profiles,
        [("ada@example.com".into(), "Ada Lovelace".into())]
    );
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tower_sessions.session")
        .fetch_one(&pg)
        .await
        .unwrap();
    assert!(sessions >= 1, "sessions are stored in PostgreSQL too");

    pg.close().await;

    // A stopped server lets go of every connection (its pools and the session cleaner's), so
    // restarts and test runs cannot exhaust PostgreSQL's connection limit.
    let stopped = app.stop().await;
    let mut watcher = PgConnection::connect(&url).await.unwrap();
    let mut others = -1_i64;
    for _ in 0..50 {
        others = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .fetch_one(&mut watcher)
        .await
        .unwrap();
        if others == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(others, 0, "connections left open after the server stopped");

    // A restart on the same database keeps everything.
    let app = spawn!(stopped.restart());
    let (_, _, body) = app.get(&browser, "/").await;
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 43 times."
    );
}

#[test]
fn migrate_seed_and_clearsessions_work_on_postgres() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let Some(url) = runtime.block_on(fresh_database()) else {
        return;
    };
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"))
            .args(args)
            .env("DATABASE_URL", &url)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.status.success(), "{args:?}: {text}");
        text
    };
    run(&["migrate"]);
    run(&["seed", "--books", "300", "--authors", "20"]);
    run(&["seed", "--books", "10", "--authors", "2"]);
    let text = run(&["clearsessions"]);
    assert!(text.contains("deleted 0 expired sessions"), "{text}");
    let books: i64 = runtime.block_on(async {
        let pg = PgPool::connect(&url).await.unwrap();
        // New rows after a synthetic seed get fresh ids (the sequences moved past them).
        sqlx::query("INSERT INTO authors (first_name, last_name) VALUES ('New', 'Author')")
            .execute(&pg)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM books")
            .fetch_one(&pg)
            .await
            .unwrap()
    });
    assert_eq!(books, 310);
}

#[tokio::test]
async fn a_postgres_outage_gives_503_and_recovers_by_itself() {
    let app = spawn!(TestApp::builder().postgres().env("DATABASE_TIMEOUT", "1"));
    let name = app.database_url.rsplit('/').next().unwrap().to_string();
    let browser = app.browser();
    let (status, _, _) = app.start_session(&browser).await;
    assert_eq!(status, 200);

    // Cut the app off its database, as a stopped server or a network failure would.
    let mut admin = PgConnection::connect(&admin_url().unwrap()).await.unwrap();
    for sql in [
        format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false"),
        format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"),
    ] {
        sqlx::query(&sql).execute(&mut admin).await.unwrap();
    }
    let started = std::time::Instant::now();
    let (status, _, body) = app.get(&browser, "/").await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("temporarily unavailable"));
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
    let (status, _, _) = app.get(&browser, "/catalog/books").await;
    assert_eq!(status, 503);

    sqlx::query(&format!(
        "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true"
    ))
    .execute(&mut admin)
    .await
    .unwrap();
    let (status, _, body) = app.get(&browser, "/").await;
    assert_eq!(status, 200);
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 3 times."
    );
}

#[tokio::test]
async fn a_locked_table_gives_503_within_the_timeout_and_recovers() {
    let app = spawn!(TestApp::builder().postgres().env("DATABASE_TIMEOUT", "1"));
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .unwrap();
    let home = format!("{}/", app.address);
    for _ in 0..2 {
        assert_eq!(browser.get(&home).send().await.unwrap().status(), 200);
    }

    // A stuck writer (or a migration) holds the counter table.
    let mut locker = PgConnection::connect(&app.database_url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut locker).await.unwrap();
    sqlx::query("LOCK TABLE visit_counters IN ACCESS EXCLUSIVE MODE")
        .execute(&mut locker)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let response = browser
        .get(&home)
        .send()
        .await
        .expect("an answer, not a hang");
    assert_eq!(response.status(), 503);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("temporarily unavailable"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(4),
        "answered after {:?}",
        started.elapsed()
    );

    sqlx::query("ROLLBACK").execute(&mut locker).await.unwrap();
    let (status, _, body) = app.get(&browser, "/").await;
    assert_eq!(status, 200);
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 3 times."
    );
}

#[tokio::test]
async fn migrate_never_prints_the_database_password() {
    let Some(url) = fresh_database().await else {
        return;
    };
    // The test server trusts local connections, so a password in the URL is accepted, unused.
    let with_password = url.replacen("postgres@", "postgres:s3cretpw@", 1);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .arg("migrate")
        .env("DATABASE_URL", &with_password)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{text}");
    assert!(text.contains("is up to date"), "{text}");
    assert!(!text.contains("s3cretpw"), "{text}");
}
