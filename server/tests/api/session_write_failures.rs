//! When the session store refuses a write: a registration is all or nothing, and a plain form
//! post (JavaScript off) gets an error page, not a silent redirect back.
use crate::helpers::{profile_count, registered_browser, TestApp};
use sqlx::{Connection, PgConnection};

/// The app with its sessions in PostgreSQL, and a connection that holds the session table
/// locked until it is dropped or rolled back.
async fn app_and_session_locker() -> Option<(TestApp, impl FnOnce() -> String)> {
    let app = TestApp::builder()
        .engine("postgres")
        .env("DATABASE_TIMEOUT", "1")
        .spawn()
        .await?;
    let url = app
        .settings()
        .iter()
        .find(|(key, _)| key == "SESSION_DATABASE_URL")
        .map(|(_, value)| value.clone())?;
    Some((app, move || url))
}

async fn lock_sessions(url: &str) -> PgConnection {
    let mut locker = PgConnection::connect(url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut locker).await.unwrap();
    sqlx::query(r#"LOCK TABLE "tower_sessions"."session" IN ACCESS EXCLUSIVE MODE"#)
        .execute(&mut locker)
        .await
        .unwrap();
    locker
}

#[tokio::test]
async fn a_registration_whose_session_cannot_be_saved_leaves_no_profile() {
    let Some((app, url)) = app_and_session_locker().await else {
        return;
    };
    let url = url();
    let mut locker = lock_sessions(&url).await;
    let client = reqwest::Client::new();
    let form = [("name", "Ada Lovelace"), ("email", "ada@example.com")];
    let by_function = client
        .post(format!("{}/api/registration/register", app.address))
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(by_function.status(), 503);
    let by_form = client
        .post(format!("{}/register", app.address))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(by_form.status(), 503);
    assert!(by_form
        .text()
        .await
        .unwrap()
        .contains("temporarily unavailable"));
    sqlx::query("ROLLBACK").execute(&mut locker).await.unwrap();

    assert_eq!(
        profile_count(&app).await,
        0,
        "a profile nobody is signed in to"
    );
    // Once the store is back, the same registration goes through.
    registered_browser(&app.address, "Ada Lovelace").await;
    assert_eq!(profile_count(&app).await, 1);
}

#[tokio::test]
async fn renaming_is_taken_back_when_the_session_cannot_be_saved() {
    let Some((app, url)) = app_and_session_locker().await else {
        return;
    };
    registered_browser(&app.address, "Ada Lovelace").await;
    let mut locker = lock_sessions(&url()).await;
    let response = reqwest::Client::new()
        .post(format!("{}/api/registration/register", app.address))
        .header("accept", "application/json")
        .form(&[("name", "Augusta King"), ("email", "ada@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    sqlx::query("ROLLBACK").execute(&mut locker).await.unwrap();
    let name: String = sqlx::query_scalar("SELECT name FROM user_profiles")
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
    assert_eq!(name, "Ada Lovelace");
}

#[tokio::test]
async fn a_failed_plain_form_post_shows_an_error_page() {
    let Some((app, url)) = app_and_session_locker().await else {
        return;
    };
    let browser = registered_browser(&app.address, "Ada Lovelace").await;
    let mut locker = lock_sessions(&url()).await;
    for function in ["forget", "forget-all"] {
        // What a browser sends for the "Forget me" button with JavaScript off.
        let response = browser
            .post(format!("{}/api/registration/{function}", app.address))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", format!("{}/session", app.address))
            .form(&[("x", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 503, "{function}");
        assert!(
            response.headers().get("location").is_none(),
            "{function}: no redirect back as if it had worked"
        );
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let page = response.text().await.unwrap();
        assert!(page.contains("<h1>Temporarily unavailable</h1>"), "{page}");
    }
    sqlx::query("ROLLBACK").execute(&mut locker).await.unwrap();
}
